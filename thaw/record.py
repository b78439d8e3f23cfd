"""The record, rendered from the data files where a page holds a marker, and the page checks
that come before it.

A page asks for a generated table with a marker, `<!-- thaw:NAME -->`; `MARKERS` is the one
table of them, and `render_markers` the one dispatcher: each marker is replaced by what its
function renders, and a marker not in the table (`<!-- thaw:ledgr -->`, which would otherwise
render nothing, silently) fails the build naming the page and line. So does an include
(`--8<-- "path"`) of a file that does not exist: pymdownx.snippets reports it without the page or
line (`check_includes`).

- ledger: the claim ledger, from data/claims.yml;
- timeline: the timeline's events, from snippets/timeline.py (the events live in that script,
  in its EVENTS string, so that a copy of it runs anywhere; thaw/data.py reads and checks them
  with the data files);
- references: the reference list, from data/references/*.yml (rendered here rather than by a
  build-time fence, so that MkDocs sees each entry's id and checks every
  `references.md#<id>` link in the site);
- glossary: the glossary, from data/glossary.yml (the same terms and anchors in both languages,
  each definition in the page's language).

All are generated as Markdown (tables) or HTML with ids, so MkDocs checks every link in them
like any other link: a dead one fails the strict build.
"""

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url


def _cite(ref_id, entries, korean=False):
    """A citation as the pages write it: (LeCun et al., 1998), on a Korean page (LeCun 외, 1998),
    linked to the reference entry."""
    entry = entries[ref_id]
    if entry.get("short"):  # an organisation, not a list of people
        short = entry.get("short_ko") if korean and entry.get("short_ko") else entry["short"]
        return f"[{short}, {entry['year']}](references.md#{ref_id})"
    names = [a.strip().split()[-1] for a in entry["authors"].split(",")]
    who = (
        names[0]
        if len(names) == 1
        else f"{names[0]} & {names[1]}"
        if len(names) == 2
        else f"{names[0]} {'외' if korean else 'et al.'}"
    )
    return f"[{who}, {entry['year']}](references.md#{ref_id})"


def _cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def _title(docs_dir, page, korean):
    """A page's title, in the page's language: the text of its first level-1 heading."""
    path = Path(docs_dir) / (page.removesuffix(".md") + ".ko.md" if korean else page)
    if not path.is_file():
        raise PluginError(f"snippets/timeline.py: an event's chapter {page} is not a page of the site")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split("{#")[0].strip()
    return page


def _timeline(data, docs_dir, korean):
    """The timeline's events in year order, each with its source and chapter."""
    head = "| 연도 | 사건 | 출처 | 다룬 곳 |" if korean else "| Year | Event | Source | Told in |"
    lines = [head, "|---|---|---|---|"]
    for e in sorted(data.timeline, key=lambda e: e["year"]):
        chapter = f"[{_title(docs_dir, e['chapter'], korean)}]({e['chapter']})" if e.get("chapter") else ""
        event = e["event_ko"] if korean else e["event"]
        lines.append(
            f"| {e['year']} | {_cell(event)} | {_cite(e['source'], data.references, korean)} | {chapter} |"
        )
    return "\n".join(lines)


VERDICTS_KO = {"holds": "성립", "imprecise": "부정확", "wrong": "틀림", "opinion": "의견"}


def _ledger(data, korean):
    """The ledger: one row per claim, its verdict, sources and chapter."""
    rows = data.claims
    head = (
        "| 주장 | 원글의 내용 | 판정 | 기록 | 출처 | 확인하는 곳 |"
        if korean
        else "| Claim | The essay says | Verdict | What the record says | Sources | Shown in |"
    )
    lines = [head, "|---|---|---|---|---|---|"]
    ko = "_ko" if korean else ""
    for row in rows:
        shown = f"[{_cell(row['chapter_title' + ko])}]({row['chapter']})"
        if row.get("snippet"):
            shown += f"<br>`{row['snippet']}`"
        verdict = VERDICTS_KO[row["verdict"]] if korean else row["verdict"]
        lines.append(
            f'| <span id="{row["id"].lower()}">{row["id"]}</span> | {_cell(row["claim" + ko])} '
            f'| <span class="thaw-verdict thaw-verdict--{row["verdict"]}">{verdict}</span> '
            f"| {_cell(row['record' + ko])} | {'; '.join(_cite(r, data.references, korean) for r in row['sources'])} | {shown} |"
        )
    return "\n".join(lines)


def _reference_link(entry):
    if "doi" in entry:
        return f'doi:<a href="https://doi.org/{entry["doi"]}">{entry["doi"]}</a>'
    if "arxiv" in entry:
        return f'arXiv:<a href="https://arxiv.org/abs/{entry["arxiv"]}">{entry["arxiv"]}</a>'
    return f'<a href="{escape(entry["url"])}">{escape(entry["url"])}</a>'


def _surname(entry):
    return (entry.get("short") or entry["authors"].split(",")[0].split()[-1]).lower()


def _references(data, docs_dir, korean):
    """The reference list: every entry of data/references/*.yml, by surname and year."""
    items = [
        f'<li id="{e["id"]}">{escape(e["authors"])} ({e["year"]}). '
        f"<cite>{escape(e['title'])}</cite>. {escape(e['venue'])}. {_reference_link(e)}</li>"
        for e in sorted(data.references.values(), key=lambda e: (_surname(e), e["year"]))
    ]
    return '<ol class="thaw-references">\n' + "\n".join(items) + "\n</ol>"


def _glossary(data, docs_dir, korean):
    """The glossary, sorted in the page's language, each term with the same anchor in both."""
    terms = sorted(data.glossary, key=lambda t: t["ko"] if korean else t["en"].lower())
    lines = ["| 용어 | 영어 | 뜻 |" if korean else "| Term | 한국어 | Meaning |", "|---|---|---|"]
    for t in terms:
        first, second = (t["ko"], t["en"]) if korean else (t["en"], t["ko"])
        meaning = t["def_ko"] if korean else t["def_en"]
        lines.append(f'| <span id="{t["id"]}">**{first}**</span> | {second} | {meaning} |')
    return "\n".join(lines)


# The markers a page may hold, and what renders each: (data, docs_dir, korean) -> Markdown.
MARKERS = {
    "ledger": lambda data, docs_dir, korean: _ledger(data, korean),
    "timeline": _timeline,
    "references": _references,
    "glossary": _glossary,
}
MARKER = re.compile(r"<!--\s*thaw:\s*([\w-]*)\s*-->")
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')


def check_includes(markdown: str, path: str, root) -> None:
    """Fail on an include of a file that does not exist: `docs/page.md:12: included file not found`."""
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match and not (root / match.group(1)).is_file():
            raise PluginError(f"{path}:{number}: included file not found: {match.group(1)}")


def render_markers(markdown: str, path: str, data, docs_dir, korean: bool) -> str:
    """Each `<!-- thaw:NAME -->` replaced by what MARKERS renders for it; an unknown one fails,
    naming the page (`path`) and line. `data` is the site's checked data (thaw/data.py Data)."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=1):
        for marker in MARKER.findall(line):
            if marker not in MARKERS:
                raise PluginError(
                    f"{path}:{number}: unknown marker <!-- thaw:{marker} -->; the markers are "
                    + ", ".join(MARKERS)
                )
        if MARKER.search(line):
            lines[number - 1] = MARKER.sub(lambda m: MARKERS[m[1]](data, docs_dir, korean), line)
    return "\n".join(lines)


# The home page's PDF links: `make pdf` (tools/pdf.py) prints the book from the built site into
# site/thaw-en.pdf and site/thaw-ko.pdf. A line written as `[text](thaw-en.pdf){ .thaw-pdf }`
# becomes a link to that file when the plugin's `pdf` is on (THAW_PDF=1: the Pages workflow,
# which runs `make pdf` next), and is dropped otherwise, so a plain `make site` links to nothing
# missing. The link is raw HTML, as the file is not one of the pages MkDocs checks.
_PDF_LINE = re.compile(
    r"^(?P<before>.*)\[(?P<text>[^\]]+)\]\((?P<pdf>thaw-[a-z]+\.pdf)\)\{ \.thaw-pdf \}(?P<after>.*)$",
    re.MULTILINE,
)


def pdf_links(markdown: str, page_url: str, published: bool) -> str:
    if not published:
        return _PDF_LINE.sub("", markdown)

    def link(match):
        href = get_relative_url(match["pdf"], page_url)
        return (
            f'<p class="thaw-pdf">{escape(match["before"])}'
            f'<a href="{href}" type="application/pdf">{escape(match["text"])}</a>'
            f"{escape(match['after'])}</p>"
        )

    return _PDF_LINE.sub(link, markdown)
