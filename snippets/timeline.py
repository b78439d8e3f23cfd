"""The site's timeline: load data/timeline.yml, check every event's source, draw it."""

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import yaml

# Run as a file, look next to it; run by the site build (no __file__), use the repository root.
ROOT = Path(__file__).resolve().parent.parent if "__file__" in globals() else Path.cwd()
events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
references = {
    entry["id"]
    for path in sorted((ROOT / "data" / "references").glob("*.yml"))
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []
}
events.sort(key=lambda e: e["year"])

for e in events:
    print(f"{e['year']}  {e['event']}  [{e['source']}]")
print(f"{len(events)} events, {events[0]['year']} to {events[-1]['year']}")

unsourced = [e["event"] for e in events if e.get("source") not in references]
missing_pages = [
    e["chapter"] for e in events if "chapter" in e and not (ROOT / "docs" / e["chapter"]).exists()
]
assert not unsourced, f"every event needs a source in data/references/: {unsourced}"
assert not missing_pages, f"an event links to a page that does not exist: {missing_pages}"

# The figure: one row per event, labels on the side with more room.
fig, ax = plt.subplots(figsize=(8, 0.8 + 0.38 * len(events)))
years = [e["year"] for e in events]
middle = (years[0] + years[-1]) / 2
for row, e in enumerate(events):
    ax.plot(e["year"], row, "o", color="tab:blue")
    left = e["year"] < middle
    ax.annotate(
        f"{e['year']}: {e['event']}",
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
fig.tight_layout()
buffer = io.StringIO()
fig.savefig(buffer, format="svg", metadata={"Date": None})
svg = "<svg" + buffer.getvalue().split("<svg", 1)[1]
if __name__ == "__main__":
    Path("timeline.svg").write_text(svg, encoding="utf-8")
