"""Figure for docs/non-convexity.md: the loss on a straight line between two minima (session "non-convexity")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.2))
ax.plot(ts.numpy(), line, "o-", markersize=3, label=tr("loss on the straight line", "직선 위의 손실"))
ax.plot(
    [0, 1],
    [start, end],
    "--",
    label=tr("what a convex loss would allow (at most)", "볼록한 손실이라면 허용되는 최댓값"),
)
ax.set_xlabel(
    tr(
        "t: 0 = trained net, 1 = same net with hidden units reversed",
        "t: 0 = 학습된 신경망, 1 = 은닉 뉴런 순서를 뒤집은 같은 신경망",
    )
)
ax.set_ylabel(tr("training loss (cross-entropy)", "학습 손실(교차 엔트로피)"))
ax.set_ylim(top=1.5 * max(line))
ax.legend(loc="upper left")
print(
    figure_html(
        fig,
        "Training loss on the straight line between a trained network and its permuted copy",
        "학습된 신경망과 뉴런 순서를 바꾼 복사본 사이 직선 위의 학습 손실",
    )
)
