"""Figure for docs/vanishing-gradients.md: gradient norm per layer (session "vanishing-gradients")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.4))
layers = range(1, DEPTH + 1)
ax.semilogy(
    layers, sigmoid, "o-", label=tr("sigmoid, 1/sqrt(fan-in) init", "시그모이드, 1/sqrt(fan-in) 초기화")
)
ax.semilogy(layers, relu, "s-", label=tr("ReLU, He init", "ReLU, He 초기화"))
ax.set_xlabel(tr("layer (1 = nearest the input)", "층(1 = 입력에 가장 가까운 층)"))
ax.set_ylabel(tr("gradient norm, log scale", "기울기 노름(로그 눈금)"))
ax.set_xticks(list(layers))
ax.legend()
print(
    figure_html(
        fig,
        "Gradient norm in each layer of a sigmoid and a ReLU network",
        "시그모이드 신경망과 ReLU 신경망의 층별 기울기 노름",
    )
)
