"""Notebook headings: unique ids, no "¶" text, and a table of contents in the page's language.

nbconvert gives Korean-only headings empty ids (which broke the site search) and repeats
ids across the two languages of a bilingual cell. This hook gives every notebook heading a
unique, non-empty id, strips the "¶" anchor text, and rebuilds the table of contents from
the headings of the page's language only.
"""

import re

from mkdocs.structure.toc import get_toc
from pymdownx.slugs import slugify

_slug = slugify(case="lower")
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?([^>]*)>(.*?)</h\1>', re.DOTALL)
_LANG_BLOCK = re.compile(r'<div lang="(?P<lang>[\w-]+)">(?P<body>.*?)</div>', re.DOTALL)


def _toc_tokens(headings):
    """Nest (level, id, text) headings into the tokens MkDocs builds a table of contents from."""
    root = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, text in headings:
        token = {
            "level": level,
            "id": anchor,
            "name": text,
            "html": text,
            "data-toc-label": "",
            "children": [],
        }
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = _ANCHOR.sub("", html)
    seen, headings = set(), []

    def unique_id(match):
        level, _, attrs, inner = match.groups()
        text = re.sub(r"<[^>]+>", "", inner).strip()
        base = _slug(text, "-") or f"section-{len(headings) + 1}"
        new, n = base, 1
        while new in seen:
            n += 1
            new = f"{base}-{n}"
        seen.add(new)
        headings.append((int(level), new, text))
        return f'<h{level} id="{new}"{attrs}>{inner}</h{level}>'

    html = _HEADING.sub(unique_id, html)
    # Bilingual cells: <div lang="en"> and <div lang="ko"> blocks; CSS shows only the page's
    # language, and the table of contents (and search sections) list only its headings.
    language = config["theme"]["language"]
    hidden = {
        anchor
        for block in _LANG_BLOCK.finditer(html)
        if block["lang"] != language
        for anchor in re.findall(r'<h[1-6] id="([^"]*)"', block["body"])
    }
    page.toc = get_toc(_toc_tokens([h for h in headings if h[1] not in hidden]))
    return html
