"""Render the record's tables from data files, where a page holds their marker.

- `<!-- thaw:ledger -->`: the claim ledger, from data/claims.yml;
- `<!-- thaw:timeline -->`: the timeline's events, from data/timeline.yml.

Both are generated as Markdown tables, so MkDocs checks every link in them (chapter
sections, reference entries) like any other link: a dead one fails the strict build.
"""

from pathlib import Path

import yaml

DATA = Path(__file__).parent.parent / "data"


def _cite(ref_id, entries):
    entry = entries[ref_id]
    names = [a.strip().split()[-1] for a in entry["authors"].split(",")]
    who = names[0] if len(names) == 1 else f"{names[0]} & {names[1]}" if len(names) == 2 else f"{names[0]} et al."
    return f"[{who}, {entry['year']}](references.md#{ref_id})"


def _cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def _load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _references():
    entries = {}
    for path in sorted((DATA / "references").glob("*.yml")):
        entries.update({e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []})
    return entries


def _title(docs_dir, page):
    """A page's title: the text of its first level-1 heading."""
    for line in (Path(docs_dir) / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def _timeline(entries, docs_dir):
    lines = ["| Year | Event | Source | Told in |", "|---|---|---|---|"]
    for e in sorted(_load("timeline.yml"), key=lambda e: e["year"]):
        chapter = f"[{_title(docs_dir, e['chapter'])}]({e['chapter']})" if e.get("chapter") else ""
        lines.append(f"| {e['year']} | {_cell(e['event'])} | {_cite(e['source'], entries)} | {chapter} |")
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    if "<!-- thaw:ledger -->" in markdown:
        markdown = markdown.replace("<!-- thaw:ledger -->", _ledger(_references()))
    if "<!-- thaw:timeline -->" in markdown:
        markdown = markdown.replace("<!-- thaw:timeline -->", _timeline(_references(), config["docs_dir"]))
    return markdown


def _ledger(entries):
    rows = _load("claims.yml")
    lines = ["| Claim | The essay says | Verdict | What the record says | Sources | Shown in |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        shown = f"[{_cell(row['chapter_title'])}]({row['chapter']})"
        if row.get("snippet"):
            shown += f"<br>`{row['snippet']}`"
        lines.append(
            f'| <span id="{row["id"].lower()}">{row["id"]}</span> | {_cell(row["claim"])} '
            f'| <span class="thaw-verdict thaw-verdict--{row["verdict"]}">{row["verdict"]}</span> '
            f'| {_cell(row["record"])} | {"; ".join(_cite(r, entries) for r in row["sources"])} | {shown} |'
        )
    return "\n".join(lines)
