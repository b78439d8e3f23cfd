"""Figure for docs/comment-thread.md: two explanations' feature importance (session "comment-thread-lime")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.2))
features = np.arange(D)
ax.bar(
    features - 0.2, lime_avg / lime_avg.max(), 0.4, label=tr("LIME-style surrogate", "LIME 방식의 대리 모델")
)
ax.bar(
    features + 0.2,
    grad_avg / grad_avg.max(),
    0.4,
    label=tr("input-gradient saliency", "입력 기울기 세일리언시"),
)
ax.set_xticks(features, [f"{j}{'*' if j in INFORMATIVE else ''}" for j in features])
ax.set_xlabel(tr("feature (* = informative)", "특성(* = 정보가 있는 특성)"))
ax.set_ylabel(tr("mean |importance|, scaled to 1", "평균 |중요도|(최댓값 1)"))
ax.legend()
print(
    figure_html(
        fig,
        "Mean importance of each feature by a LIME-style surrogate and by input-gradient saliency",
        "LIME 방식의 대리 모델과 입력 기울기 세일리언시가 매긴 특성별 평균 중요도",
    )
)
