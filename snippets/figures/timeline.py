"""Figure for docs/timeline.md and docs/cold-years.md: every event of snippets/timeline.py (EVENTS) (session "timeline")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

# One row per event, labels on the side with more room.
fig, ax = plt.subplots(figsize=(8, 0.8 + 0.38 * len(events)))
years = [e["year"] for e in events]
middle = (years[0] + years[-1]) / 2
for row, e in enumerate(events):
    ax.plot(e["year"], row, "o", color="tab:blue")
    left = e["year"] < middle
    ax.annotate(
        f"{e['year']}: {tr(e['event'], e['event_ko'])}",
        (e["year"], row),
        xytext=(8 if left else -8, 0),
        textcoords="offset points",
        ha="left" if left else "right",
        va="center",
        fontsize=8,
    )
ax.set_xlim(years[0] - 2, years[-1] + 2)
ax.set_ylim(len(events) - 0.5, -0.5)
ax.set_yticks([])
ax.grid(axis="x", alpha=0.3)
ax.spines[["left", "right", "top"]].set_visible(False)
print(
    figure_html(
        fig,
        f"Timeline of {len(events)} events, {years[0]} to {years[-1]}",
        f"{years[0]}년부터 {years[-1]}년까지 사건 {len(events)}개의 연표",
    )
)
