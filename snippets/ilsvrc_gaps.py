"""ILSVRC classification results: the 2012 gaps and the year the winners went below 5.1%."""

import yaml

HUMAN = 5.1  # top-5 error of one trained annotator (Russakovsky et al., 2015)
# The results live here, in this script, so that a copy of it runs anywhere; the page's chart
# and table are drawn from these same rows.
ROWS = """
# ILSVRC image classification results, 2010-2017: top-5 error on the test set, in percent.
# One row per entry. rank is the team's place in the classification task; the 2012 rows
# 1-4 are that year's top four teams (best entry each), plus SuperVision's second entry.
# source is a reference id in data/references/ (or "unsourced": the page marks such rows).
# kind: "hand-engineered" (hand-designed features + a trained classifier) or "neural network".
- year: 2010
  rank: 1
  team: NEC-UIUC
  method: "hand-designed local descriptors (which ones is open: see the chapter), coding and pooling, linear SVMs trained by averaged SGD"
  kind: hand-engineered
  top5_error: 28.2
  source: lin2011
  note: "the paper reports a 71.8% top-5 hit rate; the results page gives 0.28191 (via effaimetrics)"
- year: 2011
  rank: 1
  team: XRCE (Xerox)
  method: "compressed Fisher vectors on local descriptors, linear SVMs"
  kind: hand-engineered
  top5_error: 25.8
  source: effaimetrics
  note: "0.2577 in the EFF dataset, which cites the ILSVRC2011 results page"
- year: 2012
  rank: 1
  team: SuperVision (Toronto)
  method: "seven deep convolutional networks averaged (later called AlexNet), two of them pre-trained on ImageNet Fall 2011 and fine-tuned"
  kind: neural network
  top5_error: 15.315
  source: ilsvrc2012results
  note: "the entry the essay quotes (15.3%)"
- year: 2012
  rank: 1
  team: SuperVision (Toronto)
  method: "five deep convolutional networks averaged, only the supplied ILSVRC2012 training data"
  kind: neural network
  top5_error: 16.422
  source: ilsvrc2012results
  note: "same team, second entry; the figure quoted as 16.4%"
- year: 2012
  rank: 2
  team: ISI
  method: "Fisher vectors on SIFT, LBP, GIST and colour SIFT, weighted sum of classifier scores"
  kind: hand-engineered
  top5_error: 26.172
  source: ilsvrc2012results
  note: "the results page names the team only as ISI; its University of Tokyo affiliation is unverified here"
- year: 2012
  rank: 3
  team: OXFORD_VGG
  method: "Fisher vectors over dense SIFT and colour statistics, high-level SVM mix"
  kind: hand-engineered
  top5_error: 26.979
  source: ilsvrc2012results
  note: ""
- year: 2012
  rank: 4
  team: XRCE/INRIA
  method: "SVMs (the results page gives no description beyond the file name res_1M_svm)"
  kind: hand-engineered
  top5_error: 27.058
  source: ilsvrc2012results
  note: "listed in the current (https) copy of the results page; an older copy lacks this row"
- year: 2013
  rank: 1
  team: Clarifai
  method: "deep convolutional network ensemble"
  kind: neural network
  top5_error: 11.743
  source: effaimetrics
  note: "entry without outside training data; the EFF dataset cites the ILSVRC2013 results page"
- year: 2014
  rank: 1
  team: GoogLeNet
  method: "22-layer Inception network ensemble"
  kind: neural network
  top5_error: 6.66
  source: he2015
  note: "as quoted by He et al. (2015); often rounded to 6.7%"
- year: 2015
  rank: 1
  team: MSRA (ResNet)
  method: "ensemble of residual networks, up to 152 layers"
  kind: neural network
  top5_error: 3.57
  source: he2016
  note: ""
- year: 2016
  rank: 1
  team: Trimps-Soushen
  method: "ensemble of existing deep networks, Inception-ResNet among them"
  kind: neural network
  top5_error: 2.991
  source: hu2018
  note: "Hu et al. (2018), section 1: the previous year's winning entry had 'a top-5 error of 2.991%'; the team name and 0.02991 from the EFF dataset (effaimetrics), which cites the ILSVRC2016 results page, not consulted here"
- year: 2017
  rank: 1
  team: WMW (SENet)
  method: "squeeze-and-excitation network ensemble"
  kind: neural network
  top5_error: 2.251
  source: hu2018
  note: ""
"""
rows = yaml.safe_load(ROWS)

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
