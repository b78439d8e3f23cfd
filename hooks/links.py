"""Turn links to Markdown pages into links to the built pages, wherever MkDocs did not.

MkDocs rewrites `page.md#anchor` links in a page's own Markdown, and checks them. HTML that
arrives another way (a notebook's cells, the output of a build-time fence) keeps the raw
`page.md` link, which leads nowhere on the built site. This hook rewrites those links
(in the Korean build, to the Korean page) and fails the build on a page that does not
exist. tests/test_site.py checks every link and anchor of the built site.
"""

import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

_MD_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<anchor>#[^"]*)?"')


def on_page_content(html, page, config, files):
    def resolve(match):
        source = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match["path"]))
        target = files.get_file_from_path(source)
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: a link to {match['path']}, which does not exist")
        return f'href="{get_relative_url(target.url, page.url)}{match["anchor"] or ""}"'

    return _MD_LINK.sub(resolve, html)
