"""Figure for docs/backpropagation.md: squared error while learning XOR (session "backprop-xor")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
steps = np.arange(0, STEPS, 50)
for ax, hidden in zip(axes, curves):
    solved = curves[hidden][steps][:, ~stuck[hidden]]
    ax.fill_between(
        steps,
        solved.min(1),
        solved.max(1),
        alpha=0.3,
        label=tr("runs that solve XOR (range)", "XOR을 푼 실행(범위)"),
    )
    ax.semilogy(steps, np.median(solved, 1), color="tab:blue", label=tr("their median", "푼 실행의 중앙값"))
    for run in np.flatnonzero(stuck[hidden]):
        ax.semilogy(steps, curves[hidden][steps, run], color="tab:red", linewidth=0.8)
    ax.set_title(
        tr(
            f"H = {hidden}: {stuck[hidden].sum()} of {RUNS} stuck (red)",
            f"H = {hidden}: {RUNS}번 중 {stuck[hidden].sum()}번 갇힘(빨강)",
        )
    )
    ax.set_xlabel(tr("gradient-descent step", "경사 하강 스텝"))
axes[0].set_ylabel(tr("squared error E, log scale", "제곱 오차 E(로그 눈금)"))
axes[1].legend()
print(
    figure_html(
        fig,
        "Squared error while learning XOR with 2 and 8 hidden units, runs that get stuck in red",
        "은닉 뉴런 2개와 8개로 XOR을 학습할 때의 제곱 오차, 갇힌 실행은 빨간 선",
    )
)
