"""Link the PDF editions from the home page only when they are published with the site.

`make pdf` (tools/pdf.py) prints the book from the built site into site/thaw-en.pdf and
site/thaw-ko.pdf. A home page line written as `[text](thaw-en.pdf){ .thaw-pdf }` becomes a
link to that file when the site is built with THAW_PDF=1 (the Pages workflow, which runs
`make pdf` next), and is dropped otherwise, so a plain `make site` links to nothing missing.
The link is raw HTML, as the file is not one of the pages MkDocs checks.
"""

import html
import os
import re

from mkdocs.utils import get_relative_url

_LINE = re.compile(
    r"^(?P<before>.*)\[(?P<text>[^\]]+)\]\((?P<pdf>thaw-[a-z]+\.pdf)\)\{ \.thaw-pdf \}(?P<after>.*)$",
    re.MULTILINE,
)


def on_page_markdown(markdown, page, config, files):
    if os.environ.get("THAW_PDF") != "1":
        return _LINE.sub("", markdown)

    def link(match):
        href = get_relative_url(match["pdf"], page.url)
        return (
            f'<p class="thaw-pdf">{html.escape(match["before"])}'
            f'<a href="{href}" type="application/pdf">{html.escape(match["text"])}</a>'
            f"{html.escape(match['after'])}</p>"
        )

    return _LINE.sub(link, markdown)
