"""Render the record's tables from data files, where a page holds their marker.

- `<!-- thaw:ledger -->`: the claim ledger, from data/claims.yml;
- `<!-- thaw:timeline -->`: the timeline's events, from snippets/timeline.py (the events live
  in that script, in its EVENTS string, so that a copy of it runs anywhere; `snippet_yaml`
  reads them from there for this table and for the tests).

Both are generated as Markdown tables, so MkDocs checks every link in them (chapter
sections, reference entries) like any other link: a dead one fails the strict build.
"""

import ast
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
TIMELINE = ROOT / "snippets" / "timeline.py"


def snippet_yaml(path: Path, name: str):
    """The YAML a snippet holds in its top-level string `name` (`NAME = \"\"\"...\"\"\"`), parsed."""
    where = path.relative_to(ROOT)
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(where)).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == [name]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            try:
                return yaml.safe_load(node.value.value)
            except yaml.YAMLError as error:
                line = node.lineno + getattr(getattr(error, "problem_mark", None), "line", 0)
                raise PluginError(f"{where}, line {line}: {name} is not valid YAML: {error}") from None
    raise PluginError(f'{where}: no top-level {name} = """...""" string (the data it should hold)')


def _cite(ref_id, entries):
    if ref_id not in entries:
        raise PluginError(
            f"data/claims.yml or snippets/timeline.py cites {ref_id!r}, which is not in data/references/"
        )
    entry = entries[ref_id]
    if entry.get("short"):  # an organisation, not a list of people
        return f"[{entry['short']}, {entry['year']}](references.md#{ref_id})"
    names = [a.strip().split()[-1] for a in entry["authors"].split(",")]
    who = (
        names[0]
        if len(names) == 1
        else f"{names[0]} & {names[1]}"
        if len(names) == 2
        else f"{names[0]} et al."
    )
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


def _title(docs_dir, page, korean):
    """A page's title, in the page's language: the text of its first level-1 heading."""
    path = Path(docs_dir) / (page.removesuffix(".md") + ".ko.md" if korean else page)
    if not path.is_file():
        raise PluginError(
            f"{TIMELINE.relative_to(ROOT)}: an event's chapter {page} is not a page of the site"
        )
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split("{#")[0].strip()
    return page


def _timeline(entries, docs_dir, korean):
    head = "| 연도 | 사건 | 출처 | 다룬 곳 |" if korean else "| Year | Event | Source | Told in |"
    lines = [head, "|---|---|---|---|"]
    for e in sorted(snippet_yaml(TIMELINE, "EVENTS"), key=lambda e: e["year"]):
        chapter = f"[{_title(docs_dir, e['chapter'], korean)}]({e['chapter']})" if e.get("chapter") else ""
        event = e["event_ko"] if korean else e["event"]
        lines.append(f"| {e['year']} | {_cell(event)} | {_cite(e['source'], entries)} | {chapter} |")
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    korean = page.file.src_uri.endswith(".ko.md")
    if "<!-- thaw:ledger -->" in markdown:
        markdown = markdown.replace("<!-- thaw:ledger -->", _ledger(_references(), korean))
    if "<!-- thaw:timeline -->" in markdown:
        markdown = markdown.replace(
            "<!-- thaw:timeline -->", _timeline(_references(), config["docs_dir"], korean)
        )
    return markdown


VERDICTS_KO = {"holds": "성립", "imprecise": "부정확", "wrong": "틀림", "opinion": "의견"}


def _ledger(entries, korean):
    rows = _load("claims.yml")
    head = (
        "| 주장 | 글의 내용 | 판정 | 기록 | 출처 | 확인하는 곳 |"
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
            f"| {_cell(row['record' + ko])} | {'; '.join(_cite(r, entries) for r in row['sources'])} | {shown} |"
        )
    return "\n".join(lines)
