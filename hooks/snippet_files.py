"""Each snippet served with the site, so that a reader can download the file itself; and the
code of a snippet that carries its data, folded.

The build copies snippets/*.py, byte for byte, to site/snippets/ (both editions link the one
copy), and the title of each snippet's code block, its file name beside the copy button,
becomes a download link to it; so does the file named in the provenance line under its output
(hooks/fences.py). tests/test_site.py checks that every such link returns the file's bytes.

A snippet that holds its data as a YAML string, so that a copy runs on its own (the timeline's
events, the ILSVRC results: hooks/datafiles.py IN_SNIPPETS), is mostly rows: its code block is
folded in a closed <details> whose summary says so, and the page goes on with its output and
its chart. Opened, the block is whole, and its copy button copies the whole file.
"""

import re
import shutil
from pathlib import Path

import datafiles  # hooks/datafiles.py: which snippets carry their data
import page_language  # hooks/page_language.py: the one way to know the page's language
from mkdocs.utils import get_relative_url

_TITLE = re.compile(r'<span class="filename">(snippets/[\w.-]+\.py)</span>')
_BLOCK = re.compile(
    r'<div class="highlight"><span class="filename"><a [^>]*>(snippets/[\w.-]+\.py)</a></span>'
    r"<pre>.*?</pre></div>",
    re.DOTALL,
)
FOLDED = {path: variable for path, variable in datafiles.IN_SNIPPETS.values()}
SUMMARY = {
    "en": "The script, {name}: {rows} of its {lines} lines are its data. "
    "Open it to read it; the copy button copies it all.",
    "ko": "스크립트 {name}: {lines}줄 가운데 {rows}줄이 데이터입니다. "
    "펼치면 읽을 수 있고, 복사 버튼은 전체를 복사합니다.",
}


def _fold(block: re.Match, root: Path, language: str) -> str:
    name = block[1]
    if name not in FOLDED:
        return block[0]
    data, _ = datafiles.snippet_string(root / name, FOLDED[name])
    lines = len((root / name).read_text(encoding="utf-8").splitlines())
    summary = SUMMARY[language].format(name=f"<code>{name}</code>", lines=lines, rows=len(data.splitlines()))
    return f'<details class="thaw-data"><summary>{summary}</summary>{block[0]}</details>'


def on_page_content(html, page, config, files):
    html = _TITLE.sub(
        lambda m: (
            f'<span class="filename"><a href="{get_relative_url(m[1], page.url)}" download '
            f'title="{m[1]}">{m[1]}</a></span>'
        ),
        html,
    )
    root = Path(config["config_file_path"]).parent
    return _BLOCK.sub(lambda block: _fold(block, root, page_language.language(config)), html)


def on_post_build(config):
    root = Path(config["config_file_path"]).parent
    target = Path(config["site_dir"]) / "snippets"
    target.mkdir(parents=True, exist_ok=True)
    for snippet in sorted((root / "snippets").glob("*.py")):
        shutil.copyfile(snippet, target / snippet.name)
