"""The PDF edition (`make pdf`, tools/pdf.py), one book per language, read back with pypdf.

Each book's bookmarks are the site's navigation from mkdocs.yml (parts and pages, in the
Korean book their Korean titles), in nav order, and each leads to a page that shows its
title; the contents page lists every entry with that page, linked; every page is A4 and
carries its number; the Korean book's text is Hangul that can be extracted (not boxes);
every font is embedded.

Part of the maintainer's audit (`make check`, the `audit` marker): there they print both books
from the suite's own site build. `make pdf` prints the books into site/ and runs these tests on
them (THAW_PDF_DIR=site), and the Pages workflow checks the files it publishes the same way.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from support import ROOT, load_tool

pytestmark = [pytest.mark.site, pytest.mark.audit]
LANGUAGES = ("en", "ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
A4_PT = (595.3, 841.9)


def nav_tree(language: str) -> list[tuple[str, list[str]]]:
    """mkdocs.yml's nav in a language: [(title, [titles of the pages in it])], top level in order."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    translations = {}
    for entry in config.plugins["i18n"].config.languages:
        if entry.locale == language:
            translations = entry.nav_translations or {}
    tree = []
    for item in config["nav"]:
        ((title, value),) = item.items()
        children = [next(iter(child)) for child in value] if isinstance(value, list) else []
        tree.append((translations.get(title, title), [translations.get(c, c) for c in children]))
    return tree


@pytest.fixture(scope="session")
def books(request, tmp_path_factory):
    from pypdf import PdfReader

    given = os.environ.get("THAW_PDF_DIR")
    if given:
        folder = Path(given) if Path(given).is_absolute() else ROOT / given
    else:
        site_dir, build = request.getfixturevalue("site")
        if build.returncode != 0:
            pytest.fail("the build failed; see test_strict_build_succeeds", pytrace=False)
        folder = tmp_path_factory.mktemp("pdf")
        run = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "pdf.py"), "--site", str(site_dir), "--out", str(folder)],
            check=False,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if run.returncode != 0:
            pytest.fail(f"tools/pdf.py failed:\n{run.stdout}\n{run.stderr}", pytrace=False)
    missing = [f"thaw-{lang}.pdf" for lang in LANGUAGES if not (folder / f"thaw-{lang}.pdf").is_file()]
    if missing:
        pytest.fail(f"{folder}: no {', '.join(missing)}; run `make pdf`", pytrace=False)
    return {lang: Book(PdfReader(folder / f"thaw-{lang}.pdf")) for lang in LANGUAGES}


class Book:
    """A PDF and the text of its pages, each extracted once (pypdf takes about 0.1 s a page)."""

    def __init__(self, reader):
        self.reader, self.pages, self._text = reader, reader.pages, {}

    def text(self, number: int) -> str:
        if number not in self._text:
            self._text[number] = self.pages[number].extract_text()
        return self._text[number]


def squeeze(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks and joins lines its own way."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_bookmarks_are_the_nav_in_order_and_lead_to_their_pages(books, language):
    book = books[language]
    reader = book.reader
    outline = reader.outline
    top = [entry for entry in outline if not isinstance(entry, list)]
    expected = nav_tree(language)
    assert [e.title for e in top] == [title for title, _ in expected], "top-level bookmarks are not the nav"
    problems, last = [], 0
    for i, (entry, (title, pages)) in enumerate(zip(top, expected, strict=True)):
        after = outline.index(entry) + 1
        children = outline[after] if after < len(outline) and isinstance(outline[after], list) else []
        marks = [(entry, title)]
        if pages:  # a part: its bookmarks are its pages, in order
            got = [c.title for c in children if not isinstance(c, list)]
            if got != pages:
                problems.append(f"part {title!r}: bookmarks {got}, nav {pages}")
                continue
            marks += list(zip([c for c in children if not isinstance(c, list)], pages, strict=True))
        for mark, name in marks:
            number = reader.get_destination_page_number(mark)
            if number < last:
                problems.append(
                    f"{name!r} (page {number + 1}) comes before the page of the bookmark above it"
                )
            last = number
            if squeeze(name) not in squeeze(book.text(number)):
                problems.append(f"{name!r}: its bookmark leads to page {number + 1}, which does not show it")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_page_links_every_entry_with_its_page_number(books, language):
    """Page 2 is the contents: every nav entry, in order, with the page its bookmark leads to,
    and one internal link per entry."""
    book = books[language]
    reader = book.reader
    parts, marks = {title for title, pages in nav_tree(language) if pages}, []
    for entry in reader.outline:  # the bookmarks (checked against the nav above), in order
        if isinstance(entry, list):
            if marks and marks[-1][2]:  # a part's pages
                marks += [
                    (c.title, reader.get_destination_page_number(c) + 1, False)
                    for c in entry
                    if not isinstance(c, list)
                ]
            continue
        marks.append((entry.title, reader.get_destination_page_number(entry) + 1, entry.title in parts))
    lines = [re.match(r"(.*\S)\s+(\d+)$", line.strip()) for line in book.text(1).splitlines()]
    listed = [(squeeze(m[1]), int(m[2])) for m in lines if m]
    assert listed == [(squeeze(t), page) for t, page, _ in marks], "the contents and the bookmarks differ"
    links = [a.get_object() for a in book.pages[1].get("/Annots", [])]
    internal = [
        a for a in links if a.get("/Subtype") == "/Link" and ("/Dest" in a or "/D" in a.get("/A", {}))
    ]
    assert len(internal) >= len(marks), (
        f"the contents page has {len(internal)} internal links for {len(marks)} entries"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_are_a4_and_numbered(books, language):
    problems = []
    book = books[language]
    for number, page in enumerate(book.pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if any(abs(a - b) > 2 for a, b in zip(size, A4_PT, strict=True)):
            problems.append(f"page {number}: {size[0]:.0f} x {size[1]:.0f} pt, not A4")
        lines = [line.strip() for line in book.text(number - 1).splitlines() if line.strip()]
        if str(number) not in lines:
            problems.append(f"page {number}: no page number")
    assert not problems, "\n".join(problems[:20])


def test_korean_book_is_korean_text(books):
    """The Korean prose comes out of the Korean book as Hangul text. Printed without a Korean
    font, it shows boxes, and pypdf extracts no Hangul from them (checked: 0 letters)."""
    book = books["ko"]
    hangul = sum(len(HANGUL.findall(book.text(n))) for n in range(len(book.pages)))
    sources = sum(len(HANGUL.findall(p.read_text(encoding="utf-8"))) for p in (ROOT / "docs").glob("*.ko.md"))
    assert hangul >= 0.9 * sources, (
        f"the Korean book holds {hangul} Hangul letters; its Markdown pages alone have {sources}"
    )


def _fonts(resources, seen):
    """Every font in a resource dictionary, its form XObjects and Type 3 glyphs, once each."""
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
            if "/Resources" in font:
                yield from _fonts(font["/Resources"], seen)
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            yield from _fonts(xobject.get("/Resources"), seen)


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawings inside the PDF
    fonts = [f.get_object() for f in font.get("/DescendantFonts", [])] or [font]
    return all(
        any(
            key in f.get("/FontDescriptor", {}).get_object()
            for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        for f in fonts
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded(books, language):
    seen, names, missing = set(), set(), set()
    for page in books[language].pages:
        for font in _fonts(page.get("/Resources"), seen):
            name = str(font.get("/BaseFont", font.get("/Subtype")))
            names.add(name)
            if not _embedded(font):
                missing.add(name)
    assert names, "no fonts found"
    assert not missing, f"fonts not embedded: {sorted(missing)}"


@pytest.mark.parametrize(
    ("language", "source", "url"), [("en", "index.md", ""), ("ko", "index.ko.md", "ko/")]
)
def test_home_page_links_its_pdf_only_when_published(monkeypatch, language, source, url):
    """With the plugin's `pdf` on (THAW_PDF=1: the Pages build, which runs `make pdf`) the home page
    links the file that tools/pdf.py writes for its language; without it, no line mentions a PDF."""
    from thaw.record import pdf_links

    name = load_tool("pdf").pdf_name(language)
    markdown = (ROOT / "docs" / source).read_text(encoding="utf-8")
    assert ".pdf" not in pdf_links(markdown, url, published=False)
    href = ("../" if url else "") + name
    assert f'<a href="{href}" type="application/pdf">' in pdf_links(markdown, url, published=True)
