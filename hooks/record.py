"""Render the record's tables from data files, where a page holds their marker.

- `<!-- thaw:ledger -->`: the claim ledger, from data/claims.yml;
- `<!-- thaw:timeline -->`: the timeline's events, from snippets/timeline.py (the events live
  in that script, in its EVENTS string, so that a copy of it runs anywhere; hooks/datafiles.py
  reads and checks them with the data files).

Both are generated as Markdown tables, so MkDocs checks every link in them (chapter
sections, reference entries) like any other link: a dead one fails the strict build.
"""

from pathlib import Path

import datafiles  # hooks/datafiles.py: reads and checks data/ (every cited id is an entry)
import page_language  # hooks/page_language.py: the one way to know the page's language
from mkdocs.exceptions import PluginError


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
    head = "| 연도 | 사건 | 출처 | 다룬 곳 |" if korean else "| Year | Event | Source | Told in |"
    lines = [head, "|---|---|---|---|"]
    for e in sorted(data.timeline, key=lambda e: e["year"]):
        chapter = f"[{_title(docs_dir, e['chapter'], korean)}]({e['chapter']})" if e.get("chapter") else ""
        event = e["event_ko"] if korean else e["event"]
        lines.append(
            f"| {e['year']} | {_cell(event)} | {_cite(e['source'], data.references, korean)} | {chapter} |"
        )
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    korean = page_language.language(config) == "ko"
    if "<!-- thaw:ledger -->" in markdown:
        markdown = markdown.replace("<!-- thaw:ledger -->", _ledger(datafiles.of(config), korean))
    if "<!-- thaw:timeline -->" in markdown:
        markdown = markdown.replace(
            "<!-- thaw:timeline -->", _timeline(datafiles.of(config), config["docs_dir"], korean)
        )
    return markdown


VERDICTS_KO = {"holds": "성립", "imprecise": "부정확", "wrong": "틀림", "opinion": "의견"}


def _ledger(data, korean):
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
