"""Make a missing include name the page and line it comes from.

pymdownx.snippets reports a missing include without the page or line; this hook checks every
`--8<-- "path"` line first and fails with `docs/page.md:12: included file not found: path`.
(A failing build-time fence is named by page and line in hooks/fences.py, which runs it.)
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')


def on_page_markdown(markdown, page, config, files):
    root = Path(config["config_file_path"]).parent
    path = Path(page.file.abs_src_path).relative_to(root)
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match and not (root / match.group(1)).is_file():
            raise PluginError(f"{path}:{number}: included file not found: {match.group(1)}")
    return markdown
