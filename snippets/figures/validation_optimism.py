"""Figure for docs/comment-thread.md: validation versus test scores (session "comment-thread-validation")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.2))
bins = np.linspace(-0.25, 0.3, 23)
# outlines, not translucent bars: the two histograms overlap, and a line keeps its colour's contrast
ax.hist(
    optimism,
    bins,
    histtype="step",
    linewidth=1.8,
    label=tr("validation - holdout (used to choose)", "검증 - 홀드아웃(선택에 씀)"),
)
ax.hist(
    honest,
    bins,
    histtype="step",
    linewidth=1.8,
    label=tr("test - holdout (never used to choose)", "테스트 - 홀드아웃(선택에 안 씀)"),
)
ax.axvline(0, color="black", linewidth=0.8)
ax.set_xlabel(
    tr("accuracy minus holdout accuracy, one count per split", "정확도 - 홀드아웃 정확도(분할당 값 하나)")
)
ax.set_ylabel(tr("splits", "분할 수"))
ax.set_ylim(0, ax.get_ylim()[1] * 1.4)  # room for the legend
ax.legend(loc="upper left", fontsize="small")
print(
    figure_html(
        fig,
        "How far the chosen model's validation and test scores lie above its holdout score, over many splits",
        "고른 모델의 검증·테스트 점수가 홀드아웃 점수보다 얼마나 높은지(여러 분할)",
    )
)
