"""Notebook pages in the page's language: unique heading ids, no "¶" text, and only the
page's language in the page, its table of contents and its search entries.

nbconvert gives Korean-only headings empty ids (which broke the site search) and repeats
ids across the two languages of a bilingual cell. This hook gives every notebook heading a
unique, non-empty id and strips the "¶" anchor text. Each Markdown cell holds an English and
a Korean block (`<div lang="en">`, `<div lang="ko">`); the page keeps the block in its own
language and drops the other, so the English search index holds no Korean section and the
Korean one no English (the .ipynb a reader downloads keeps both). The table of contents is
rebuilt from the headings left.
"""

import re

import page_language  # hooks/page_language.py: the one way to know the page's language
from mkdocs.structure.toc import get_toc
from pymdownx.slugs import slugify

_slug = slugify(case="lower")
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?([^>]*)>(.*?)</h\1>', re.DOTALL)
_LANG_OPEN = re.compile(r'<div lang="(?P<lang>[\w-]+)">')
_DIV = re.compile(r"<div\b|</div>")


def drop_other_languages(html: str, language: str) -> str:
    """The HTML without its `<div lang="xx">` blocks in languages other than `language`, each
    block ending at its own `</div>` (nested divs counted)."""
    out, position = [], 0
    for block in _LANG_OPEN.finditer(html):
        if block.start() < position or block["lang"] == language:
            continue
        depth, end = 1, block.end()
        for tag in _DIV.finditer(html, block.end()):
            depth += 1 if tag.group() == "<div" else -1
            if depth == 0:
                end = tag.end()
                break
        else:
            raise ValueError(f'a <div lang="{block["lang"]}"> block is never closed')
        out.append(html[position : block.start()])
        position = end
    return "".join(out) + html[position:]


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

    language = page_language.language(config)
    html = _HEADING.sub(unique_id, drop_other_languages(html, language))
    page.toc = get_toc(_toc_tokens(headings))
    return html
