"""Figure for docs/deep-belief-nets.md: test accuracy by epoch (session "rbm-pretraining")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

korean = {
    "sigmoid, pretrained": "시그모이드, 사전학습",
    "sigmoid, random init": "시그모이드, 무작위 초기화",
    "ReLU, He init": "ReLU, He 초기화",
}
fig, ax = plt.subplots(figsize=(6.4, 3.4))
for (name, curve), marker in zip(curves.items(), "os^"):
    ax.plot(range(1, EPOCHS + 1), curve, marker + "-", label=tr(name, korean[name]))
ax.axhline(0.1, color="grey", ls=":", label=tr("chance", "우연 수준"))
ax.set_xlabel(tr("epoch of supervised training (plain SGD)", "지도 학습 에포크(기본 SGD)"))
ax.set_ylabel(tr("test accuracy", "테스트 정확도"))
ax.set_ylim(0, 1)
ax.legend(fontsize=8)
print(
    figure_html(
        fig,
        "Test accuracy by epoch: pretrained sigmoid, randomly initialised sigmoid and ReLU networks",
        "에포크별 테스트 정확도: 사전학습한 시그모이드, 무작위 초기화 시그모이드, ReLU 신경망",
    )
)
