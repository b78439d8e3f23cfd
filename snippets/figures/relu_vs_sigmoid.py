"""Figure for docs/alexnet.md: training error by SGD step (session "relu", snippets/relu_vs_sigmoid.py)."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.4))
steps_axis = [10 * (i + 1) for i in range(len(curves["ReLU"]))]
for name, label, style in [
    ("ReLU", "ReLU", "-"),
    ("tanh", "tanh", "--"),
    ("sigmoid", tr("sigmoid", "시그모이드"), ":"),
]:
    ax.plot(steps_axis, [100 * e for e in curves[name]], style, label=label)
ax.axhline(100 * TARGET, color="0.5", linewidth=0.8)
ax.set_xlabel(tr("SGD step", "SGD 스텝"))
ax.set_ylabel(tr("training error, %", "학습 오류율(%)"))
ax.legend()
print(
    figure_html(
        fig,
        "Training error of ReLU, tanh and sigmoid networks by SGD step",
        "SGD 스텝별 학습 오류율: ReLU, tanh, 시그모이드 신경망",
    )
)
