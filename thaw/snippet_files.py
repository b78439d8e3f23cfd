"""Each snippet served with the site, so that a reader can download the file itself; and the
code of a snippet that carries its data, folded.

The build copies snippets/*.py, byte for byte, to site/snippets/ (both editions link the one
copy), and the title of each snippet's code block, its file name beside the copy button,
becomes a download link to it; so does the file named in the provenance line under its output
(thaw/fences.py). tests/test_site.py checks that every such link returns the file's bytes.

A snippet that holds its data as a YAML string, so that a copy runs on its own (the timeline's
events, the ILSVRC results: thaw/data.py IN_SNIPPETS), is mostly rows: its code block is
folded in a closed <details> whose summary says so, and the page goes on with its output and
its chart. Opened, the block is whole, and its copy button copies the whole file.
"""

import shutil
from pathlib import Path

from mkdocs.utils import get_relative_url

from thaw.data import IN_SNIPPETS, snippet_string
from thaw.html import Document

FOLDED = {path: variable for path, variable in IN_SNIPPETS.values()}
SUMMARY = {
    "en": "The script, {name}: {rows} of its {lines} lines are its data. "
    "Open it to read it; the copy button copies it all.",
    "ko": "스크립트 {name}: {lines}줄 가운데 {rows}줄이 데이터입니다. "
    "펼치면 읽을 수 있고, 복사 버튼은 전체를 복사합니다.",
}


def _is_snippet(name: str) -> bool:
    return name.startswith("snippets/") and name.count("/") == 1 and name.endswith(".py")


def snippet_blocks(doc: Document, page, root: Path, language: str) -> None:
    """Each snippet block's title a download link; a data-carrying snippet's block folded."""
    for title in doc.find("span", class_="filename"):
        name = doc.text_of(title).strip()
        if not _is_snippet(name) or title.children:
            continue
        href = get_relative_url(name, page.url)
        doc.replace_inner(title, f'<a href="{href}" download title="{name}">{name}</a>')
        block = title.parent
        if name in FOLDED and block is not None and block.name == "div" and block.has_class("highlight"):
            data, _ = snippet_string(root / name, FOLDED[name])
            lines = len((root / name).read_text(encoding="utf-8").splitlines())
            summary = SUMMARY[language].format(
                name=f"<code>{name}</code>", lines=lines, rows=len(data.splitlines())
            )
            doc.wrap(block, f'<details class="thaw-data"><summary>{summary}</summary>', "</details>")


def copy_snippets(root: Path, site_dir: Path):
    """snippets/*.py, byte for byte, to site/snippets/ (both editions link the one copy)."""
    target = Path(site_dir) / "snippets"
    target.mkdir(parents=True, exist_ok=True)
    for snippet in sorted((Path(root) / "snippets").glob("*.py")):
        shutil.copyfile(snippet, target / snippet.name)
