"""The Korean edition stays in step with the English one."""

import json
import re

import pytest
import yaml
from support import ROOT, python_fences

from thaw import data as datafiles

DOCS = ROOT / "docs"
ENGLISH = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".ko.md"))
KOREAN = sorted(DOCS.rglob("*.ko.md"))
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def korean_of(page):
    return page.with_name(page.name.removesuffix(".md") + ".ko.md")


@pytest.mark.parametrize("page", ENGLISH, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_english_page_has_a_korean_page(page):
    assert korean_of(page).is_file(), f"{korean_of(page).relative_to(ROOT)} is missing"


@pytest.mark.parametrize("page", KOREAN, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_korean_page_has_an_english_page_and_is_korean(page):
    english = page.with_name(page.name.removesuffix(".ko.md") + ".md")
    assert english.is_file(), f"{english.relative_to(ROOT)} is missing"
    prose = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(HANGUL.findall(prose)) > 100, f"{page.relative_to(ROOT)} is hardly Korean"


@pytest.mark.parametrize("page", ENGLISH, ids=lambda p: str(p.relative_to(DOCS)))
def test_korean_page_has_the_same_code(page):
    korean = korean_of(page)
    if not korean.is_file():
        pytest.skip("no Korean page (test_every_english_page_has_a_korean_page fails)")
    en = [(info.strip(), body) for _, info, body in python_fences(page)]
    ko = [(info.strip(), body) for _, info, body in python_fences(korean)]
    assert ko == en, f"{korean.relative_to(ROOT)}: its Python fences differ from {page.relative_to(ROOT)}'s"


@pytest.mark.parametrize("notebook", sorted(DOCS.rglob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_cells_are_bilingual(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            assert '<div lang="en">' in text and '<div lang="ko">' in text, (
                f"{notebook.relative_to(ROOT)}, cell {number}: needs an English and a Korean block"
            )


def test_data_has_korean_text():
    for row in yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8")):
        for field in ("claim_ko", "record_ko", "chapter_title_ko"):
            assert row.get(field), f"data/claims.yml {row['id']}: no {field}"
    for event in datafiles.load(ROOT).timeline:
        assert event.get("event_ko"), f"snippets/timeline.py, EVENTS {event['year']}: no event_ko"
    for term in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")):
        assert all(term.get(k) for k in ("id", "en", "ko", "def_en", "def_ko")), f"glossary: {term}"
