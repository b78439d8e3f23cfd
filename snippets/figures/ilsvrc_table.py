"""Table for docs/imagenet.md: every row of snippets/ilsvrc_gaps.py (ROWS) with its source (session "ilsvrc")."""

from thaw_figure import tr

ids = {
    "ilsvrc2012results": tr("ILSVRC 2012 results", "ILSVRC 2012 결과"),
    "effaimetrics": tr("EFF AI metrics", "EFF AI 지표"),
    "lin2011": tr("Lin et al., 2011", "Lin 외, 2011"),
    "he2015": tr("He et al., 2015", "He 외, 2015"),
    "he2016": tr("He et al., 2016", "He 외, 2016"),
    "hu2018": tr("Hu et al., 2018", "Hu 외, 2018"),
}
kinds = {
    "hand-engineered": tr("hand-engineered", "사람이 설계한 파이프라인"),
    "neural network": tr("neural network", "신경망"),
}
header = [
    tr(*pair)
    for pair in [
        ("year", "연도"),
        ("rank", "순위"),
        ("team", "팀"),
        ("kind", "방식"),
        ("top-5 error", "top-5 오류율"),
        ("source", "출처"),
    ]
]
print("| " + " | ".join(header) + " |")
print("|---|---|---|---|---|---|")
for r in rows:
    src = (
        f"**{tr('unsourced', '출처 없음')}**"
        if r["source"] == "unsourced"
        else f"[{ids.get(r['source'], r['source'])}](references.md#{r['source']})"
    )
    print(
        f"| {r['year']} | {r['rank']} | {r['team']} | {kinds.get(r['kind'], r['kind'])} | {r['top5_error']}% | {src} |"
    )
