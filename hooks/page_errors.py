"""Make build-time failures name the page and line they come from.

- markdown-exec logs a failing fence as a warning (which `--strict` turns into a failed
  build) but names only the code block. This hook prefixes each such message with the
  Markdown file and the line of the fence, e.g. `docs/vanishing-gradients.md:42:`.
- pymdownx.snippets reports a missing include without the page or line; this hook checks
  every `--8<-- "path"` line first and fails with `docs/page.md:12: ...`.
"""

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')

_page = {"path": None, "lines": []}
_factory = logging.getLogRecordFactory()


def _fence_line(message: str) -> str:
    """Find the fence's line in the page: by the block's title, else by its first line."""
    lines = _page["lines"]
    title = re.search(r"code block '([^']+)'", message)
    if title:
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith("```") and title.group(1) in line:
                return f"{number}:"
    first = re.search(r"Code block is:\n\n\s*(\S.*)", message)
    if first:
        for index, line in enumerate(lines):
            if line.strip() == first.group(1).strip():
                fence = index  # walk up from the failing line to the fence that opens its block
                while fence > 0 and not lines[fence].lstrip().startswith("```"):
                    fence -= 1
                return f"{fence + 1}:"
    return ""


def _record_factory(*args, **kwargs):
    record = _factory(*args, **kwargs)
    if record.name.startswith("mkdocs.plugins.markdown_exec") and _page["path"]:
        message = record.getMessage()
        record.msg = f"{_page['path']}:{_fence_line(message)} {message}"
        record.args = ()
    return record


logging.setLogRecordFactory(_record_factory)


def on_page_markdown(markdown, page, config, files):
    root = Path(config["config_file_path"]).parent
    _page["path"] = str(Path(page.file.abs_src_path).relative_to(root))
    _page["lines"] = markdown.splitlines()
    for number, line in enumerate(_page["lines"], start=1):
        match = _INCLUDE.match(line)
        if match and not (root / match.group(1)).is_file():
            raise PluginError(f"{_page['path']}:{number}: included file not found: {match.group(1)}")
    return markdown
