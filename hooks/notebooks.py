"""Keep rendered notebook pages light, offline and searchable.

mkdocs-jupyter (nbconvert's lab template) puts about 590 KB of CSS inline in every
notebook page and adds MathJax and Mermaid loaders that point at a CDN. This hook
- moves the notebook CSS into one file, assets/notebook.<hash>.css, that every
  notebook page links to (shipped once, cached by the browser);
- drops the CDN loaders (Thaw's notebooks use neither MathJax nor Mermaid);
- gives every notebook heading a unique, non-empty id (Korean-only headings used to get
  empty ids, which broke the site search) and strips the "¶" anchor text from the
  headings and the table of contents.
"""

import hashlib
import re
from pathlib import Path

from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

_slug = slugify(case="lower")
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL)
_CDN_SCRIPTS = [
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>\s*', re.DOTALL),
    re.compile(r'<script src="">\s*</script>\s*'),
    re.compile(r'<script type="module">(?:(?!</script>).)*mermaid.*?</script>\s*', re.DOTALL),
]
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?([^>]*)>(.*?)</h\1>', re.DOTALL)


def _is_notebook(page):
    return page.file.src_uri.endswith(".ipynb")


def _flat(items):
    for item in items:
        yield item
        yield from _flat(item.children)


def on_page_content(html, page, config, files):
    if not _is_notebook(page):
        return html
    html = _ANCHOR.sub("", html)
    seen, ids = set(), []

    def unique_id(match):
        level, _, attrs, inner = match.groups()
        text = re.sub(r"<[^>]+>", "", inner).strip()
        base = _slug(text, "-") or f"section-{len(ids) + 1}"
        new, n = base, 1
        while new in seen:
            n += 1
            new = f"{base}-{n}"
        seen.add(new)
        ids.append((new, text))
        return f'<h{level} id="{new}"{attrs}>{inner}</h{level}>'

    html = _HEADING.sub(unique_id, html)
    toc_items = list(_flat(page.toc))
    if len(toc_items) == len(ids):
        for item, (new, text) in zip(toc_items, ids):
            item.id, item.title = new, text
    return html


def on_post_page(output, page, config):
    if not _is_notebook(page):
        return output
    css = "\n".join(m.group(1) for m in _STYLE.finditer(output))
    if not css:
        return output
    name = f"assets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    target = Path(config["site_dir"]) / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    output = _STYLE.sub("", output)
    for pattern in _CDN_SCRIPTS:
        output = pattern.sub("", output)
    link = f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">'
    return output.replace("</head>", f"{link}\n</head>", 1)
