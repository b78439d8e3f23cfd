"""Each snippet served with the site, so that a reader can download the file itself.

The build copies snippets/*.py, byte for byte, to site/snippets/ (both editions link the one
copy), and the title of each snippet's code block, its file name beside the copy button,
becomes a download link to it; so does the file named in the provenance line under its output
(hooks/fences.py). tests/test_site.py checks that every such link returns the file's bytes.
"""

import re
import shutil
from pathlib import Path

from mkdocs.utils import get_relative_url

_TITLE = re.compile(r'<span class="filename">(snippets/[\w.-]+\.py)</span>')


def on_page_content(html, page, config, files):
    return _TITLE.sub(
        lambda m: (
            f'<span class="filename"><a href="{get_relative_url(m[1], page.url)}" download '
            f'title="{m[1]}">{m[1]}</a></span>'
        ),
        html,
    )


def on_post_build(config):
    root = Path(config["config_file_path"]).parent
    target = Path(config["site_dir"]) / "snippets"
    target.mkdir(parents=True, exist_ok=True)
    for snippet in sorted((root / "snippets").glob("*.py")):
        shutil.copyfile(snippet, target / snippet.name)
