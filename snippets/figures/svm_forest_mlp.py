"""Figure for docs/svms-and-forests.md: test accuracy per split and model (session "svm-forest-mlp")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

korean = {
    "SVM (RBF kernel)": "SVM(RBF 커널)",
    "random forest": "랜덤 포레스트",
    "MLP (one hidden layer of 64)": "MLP(은닉층 하나, 뉴런 64개)",
}
fig, ax = plt.subplots(figsize=(6.4, 3.0))
for row, (name, s) in enumerate(scores.items()):
    # hollow dots: overlapping splits stay visible, and each ring keeps its colour's full contrast
    ax.plot([100 * v for v in s], [row] * len(s), "o", markerfacecolor="none", markeredgewidth=1.2)
    ax.plot([100 * np.mean(s)], [row], "k|", markersize=18, markeredgewidth=2)
ax.set_yticks(range(len(scores)), [tr(name, korean[name]) for name in scores])
ax.invert_yaxis()
ax.set_xlabel(tr("test accuracy, % (dots: splits, bar: mean)", "테스트 정확도(%, 점: 분할, 막대: 평균)"))
print(
    figure_html(
        fig,
        "Test accuracy of an SVM, a random forest and a small MLP on each split",
        "분할마다 잰 SVM, 랜덤 포레스트, 작은 MLP의 테스트 정확도",
    )
)
