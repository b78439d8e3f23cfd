"""Make a missing include, or an unknown marker, name the page and line it comes from.

pymdownx.snippets reports a missing include without the page or line; this hook checks every
`--8<-- "path"` line first and fails with `docs/page.md:12: included file not found: path`.
(A failing build-time fence is named by page and line in hooks/fences.py, which runs it.)

A page asks for a generated table with a marker, `<!-- thaw:NAME -->`; MARKERS is the table of
them and of the hook that renders each. A marker not in it (`<!-- thaw:ledgr -->`) would render
nothing, silently, so it fails the build here, naming the page and line.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
_MARKER = re.compile(r"<!--\s*thaw:\s*([\w-]*)\s*-->")
MARKERS = {
    "ledger": "hooks/record.py",  # the claim ledger, from data/claims.yml
    "timeline": "hooks/record.py",  # the timeline's events, from snippets/timeline.py
    "references": "hooks/references.py",  # the reference list, from data/references/
    "glossary": "hooks/glossary.py",  # the glossary, from data/glossary.yml
}


def on_page_markdown(markdown, page, config, files):
    root = Path(config["config_file_path"]).parent
    path = Path(page.file.abs_src_path).relative_to(root)
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match and not (root / match.group(1)).is_file():
            raise PluginError(f"{path}:{number}: included file not found: {match.group(1)}")
        for marker in _MARKER.findall(line):
            if marker not in MARKERS:
                raise PluginError(
                    f"{path}:{number}: unknown marker <!-- thaw:{marker} -->; the markers are "
                    + ", ".join(MARKERS)
                )
    return markdown
