"""Figure for docs/imagenet.md: each year's winning top-5 error (session "ilsvrc", snippets/ilsvrc_gaps.py)."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.6))
years = sorted(winners)
ax.plot(years, [winners[y]["top5_error"] for y in years], color="0.6", zorder=1)
kinds = [
    ("hand-engineered", tr("winner: hand-engineered", "우승작: 사람이 설계한 파이프라인"), "s", "tab:blue"),
    ("neural network", tr("winner: neural network", "우승작: 신경망"), "o", "tab:red"),
]
for kind, label, marker, color in kinds:
    pts = [(y, winners[y]["top5_error"]) for y in years if winners[y]["kind"] == kind]
    ax.scatter(*zip(*pts), marker=marker, color=color, s=45, label=label, zorder=2)
ax.scatter(
    [2012],
    [supplied_only],
    marker="o",
    facecolors="none",
    edgecolors="tab:red",
    s=45,
    label=tr("2012 winner, challenge data only", "2012년 우승팀, 대회 데이터만 사용"),
)
ax.axhline(
    HUMAN,
    color="tab:orange",
    linestyle="--",
    label=tr(f"one trained human, {HUMAN}%", f"훈련받은 사람 한 명, {HUMAN}%"),
)
for y in years:
    ax.annotate(
        f"{winners[y]['top5_error']:.1f}",
        (y, winners[y]["top5_error"]),
        xytext=(4, 4),
        textcoords="offset points",
        fontsize=8,
    )
ax.set_xlabel(tr("ILSVRC year", "ILSVRC 연도"))
ax.set_ylabel(tr("top-5 test error, %", "top-5 테스트 오류율(%)"))
ax.set_ylim(0, 32)
ax.legend(fontsize=8)
print(
    figure_html(
        fig,
        "ILSVRC winners' top-5 error by year, against the 5.1% human line",
        "연도별 ILSVRC 우승팀의 top-5 오류율과 5.1% 사람 기준선",
    )
)
