"""The record: every claim has a ledger row, every citation an entry, every entry a citation.

The data files are read by thaw/data.py, the loader the build itself uses: it checks
each entry's fields, unique ids, the sources the ledger, timeline and ILSVRC table cite, the
claim ids C1..Cn and the chapters and snippets they name (tests/test_faults.py shows each
fault failing the build). These tests add what needs the pages: the citations in the text.
"""

import re

import pytest
from support import ROOT

from thaw import data as datafiles

CITATION = re.compile(r"references\.md#([\w-]+)")


@pytest.fixture(scope="module")
def data():
    return datafiles.load(ROOT)


def test_data_files_pass_the_build_checks():
    try:
        datafiles.load(ROOT)
    except datafiles.DataError as error:
        pytest.fail(str(error))


def cited_ids(data):
    """Reference ids cited by a page, a notebook, or the data the ledger and timeline pages show."""
    texts = [
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".ipynb")
    ]
    cited = {m for text in texts for m in CITATION.findall(text)}
    return cited | {s for row in data.claims for s in row["sources"]} | {e["source"] for e in data.timeline}


def test_every_citation_points_at_an_entry(data):
    dangling = sorted(cited_ids(data) - set(data.references))
    assert not dangling, f"cited but not in data/references/: {dangling}"


def test_every_entry_is_cited(data):
    uncited = sorted(f"{e.where}: {e['id']}" for i, e in data.references.items() if i not in cited_ids(data))
    assert not uncited, "in data/references/ but cited by no page:\n" + "\n".join(uncited)


def test_non_holds_verdicts_are_explained_on_their_page(data):
    for row in data.claims:
        if row["verdict"] != "holds":
            text = (ROOT / "docs" / row["chapter"].partition("#")[0]).read_text(encoding="utf-8")
            assert "What the record says" in text, (
                f"{row.where}: {row['id']}: {row['chapter']} has no 'What the record says'"
            )
