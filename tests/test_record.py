"""The record: every claim has a ledger row, every citation an entry, every entry a citation."""

import re
from collections import Counter

import pytest
import yaml
from support import ROOT

from hooks.record import TIMELINE, snippet_yaml

CLAIM_IDS = [f"C{n}" for n in range(1, 23)]  # the essay's outline: C1..C22
VERDICTS = {"holds", "imprecise", "wrong", "opinion"}
CITATION = re.compile(r"references\.md#([\w-]+)")


def references():
    entries = []
    for path in sorted((ROOT / "data" / "references").glob("*.yml")):
        entries += [(path.name, e) for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return entries


def claims():
    return yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))


def cited_ids():
    """Reference ids cited by a page, a notebook, or the data the ledger and timeline pages show."""
    texts = [
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".ipynb")
    ]
    cited = {m for text in texts for m in CITATION.findall(text)}
    timeline = snippet_yaml(TIMELINE, "EVENTS")
    return cited | {s for row in claims() for s in row["sources"]} | {e["source"] for e in timeline}


def test_reference_entries_are_complete_and_unique():
    entries = references()
    counts = Counter(e["id"] for _, e in entries)
    assert not [i for i, n in counts.items() if n > 1], f"duplicate reference ids: {counts.most_common(3)}"
    for key in ("doi", "arxiv", "url"):
        values = Counter(e[key] for _, e in entries if e.get(key))
        twice = [v for v, n in values.items() if n > 1]
        assert not twice, f"one work under two ids ({key}): {twice}"
    for name, e in entries:
        missing = [f for f in ("id", "authors", "year", "title", "venue") if not e.get(f)]
        assert not missing, f"data/references/{name}: {e.get('id')} lacks {missing}"
        assert any(e.get(k) for k in ("doi", "arxiv", "url")), f"{e['id']}: needs a doi, an arxiv id or a url"


def test_every_citation_points_at_an_entry():
    ids = {e["id"] for _, e in references()}
    dangling = sorted(cited_ids() - ids)
    assert not dangling, f"cited but not in data/references/: {dangling}"


def test_every_entry_is_cited():
    uncited = sorted({e["id"] for _, e in references()} - cited_ids())
    assert not uncited, f"in data/references/ but cited by no page: {uncited}"


def test_every_claim_has_a_complete_ledger_row():
    rows = claims()
    assert [r["id"] for r in rows] == CLAIM_IDS, "data/claims.yml needs one row per claim, C1..C22, in order"
    for row in rows:
        for field in ("claim", "verdict", "record", "chapter", "chapter_title"):
            assert row.get(field), f"{row['id']}: no {field}"
        assert row["verdict"] in VERDICTS, (
            f"{row['id']}: verdict {row['verdict']!r} not in {sorted(VERDICTS)}"
        )
        assert row.get("sources"), f"{row['id']}: no citation"


@pytest.mark.parametrize("row", claims(), ids=lambda r: r["id"])
def test_ledger_links_resolve(row):
    page, _, _anchor = row["chapter"].partition("#")
    path = ROOT / "docs" / page
    assert path.is_file(), f"{row['id']}: chapter {page} does not exist"
    if row.get("snippet"):
        assert (ROOT / row["snippet"]).is_file(), f"{row['id']}: snippet {row['snippet']} does not exist"
        assert row["snippet"] in path.read_text(encoding="utf-8"), f"{row['id']}: {page} does not include it"
    # The anchor itself is checked by the strict build (validation: anchors), which sees the ledger's links.


def test_non_holds_verdicts_are_explained_on_their_page():
    for row in claims():
        if row["verdict"] != "holds":
            text = (ROOT / "docs" / row["chapter"].partition("#")[0]).read_text(encoding="utf-8")
            assert "What the record says" in text, (
                f"{row['id']}: {row['chapter']} has no 'What the record says'"
            )
