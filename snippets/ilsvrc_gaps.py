"""ILSVRC classification results: the 2012 gaps and the year the winners went below 5.1%."""

from pathlib import Path

import yaml

HUMAN = 5.1  # top-5 error of one trained annotator (Russakovsky et al., 2015)
# The file sits in data/ next to snippets/; run from elsewhere, find it from this file.
path = Path("data/ilsvrc.yml")
if not path.exists() and "__file__" in globals():
    path = Path(__file__).resolve().parent.parent / "data" / "ilsvrc.yml"
rows = yaml.safe_load(path.read_text(encoding="utf-8"))

# Each year's winner: the best entry of the team ranked first.
winners = {}
for row in rows:
    if row["rank"] == 1 and row["top5_error"] < winners.get(row["year"], {"top5_error": 100})["top5_error"]:
        winners[row["year"]] = row
for year, row in sorted(winners.items()):
    print(f"{year}  {row['top5_error']:>6.2f}%  {row['kind']:<16} {row['team']}")

top4 = {row["rank"]: row["top5_error"] for row in rows if row["year"] == 2012 and row["rank"] > 1}
top4[1] = winners[2012]["top5_error"]
gap_12, gap_23, gap_34 = top4[2] - top4[1], top4[3] - top4[2], top4[4] - top4[3]
crossed = min(year for year, row in winners.items() if row["top5_error"] < HUMAN)
unsourced = [f"{r['year']} {r['team']}" for r in rows if r["source"] == "unsourced"]
supplied_only = max(r["top5_error"] for r in rows if r["year"] == 2012 and r["rank"] == 1)
print(f"2012 gaps in points: 1st-2nd {gap_12:.2f}, 2nd-3rd {gap_23:.2f}, 3rd-4th {gap_34:.2f}")
print(f"1st-2nd with SuperVision's supplied-data entry ({supplied_only}%): {top4[2] - supplied_only:.2f}")
print(f"first winner below the {HUMAN}% human line: {crossed} ({winners[crossed]['team']})")
print(f"rows without a source: {unsourced or 'none'}")

assert abs(gap_12 - 10.9) < 0.05, "the essay: AlexNet won by 10.9 points"
assert abs(gap_23 - 0.8) < 0.05 and gap_34 < gap_23, (
    "the essay: 2nd and 3rd 0.8 points apart, 3rd and 4th closer"
)
assert crossed == 2015, "the essay: the winners went below the human line in 2015 (ResNet)"
assert all(w["kind"] == "hand-engineered" for y, w in winners.items() if y < 2012), (
    "2010-2011 winners were hand-engineered"
)
