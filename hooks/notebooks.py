"""Keep rendered notebook pages light, offline and searchable.

mkdocs-jupyter (nbconvert's lab template) puts about 590 KB of CSS inline in every
notebook page and adds MathJax and Mermaid loaders that point at a CDN. This hook
- moves the notebook CSS into one file, assets/notebook.<hash>.css, that every
  notebook page links to (shipped once, cached by the browser), pruned to the rules the
  notebook pages can use;
- drops the CDN loaders (Thaw's notebooks use neither MathJax nor Mermaid);
- gives every notebook heading a unique, non-empty id (Korean-only headings used to get
  empty ids, which broke the site search), strips the "¶" anchor text, and rebuilds the
  table of contents from the headings of the page's language (cells are bilingual);
- keeps notebooks pages in the Korean build too (see on_files).
"""

import hashlib
import os
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile
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
_LANG_BLOCK = re.compile(r'<div lang="(?P<lang>[\w-]+)">(?P<body>.*?)</div>', re.DOTALL)


def _is_notebook(page):
    return page.file.src_uri.endswith(".ipynb")


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
    if not _is_notebook(page):
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


_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_stylesheet = {"name": None, "css": "", "classes": set(), "variables": set(), "pages": set()}
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_BODY = re.compile(r"\{([^{}]*)\}")


def _declarations(body):
    """Split a declaration block at its top-level semicolons (not inside url(...) or quotes)."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(body):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [part for part in parts if part.strip()]


def _drop_unused_variables(css, used_elsewhere):
    """Remove the custom properties (--jp-...) that nothing kept can reach.

    After _prune, most of what is left is JupyterLab's theme: over a thousand variable
    definitions, of which the kept rules read under a hundred. A variable is kept when a
    kept declaration, a page, or a kept variable's value reads it.
    """
    definitions, used = {}, set(used_elsewhere)
    for body in _BODY.findall(css):
        for declaration in _declarations(body):
            name, _, value = declaration.partition(":")
            if name.strip().startswith("--"):
                definitions.setdefault(name.strip(), []).append(value)
            else:
                used |= set(_VAR.findall(value))
    todo = list(used)
    while todo:
        for value in definitions.get(todo.pop(), []):
            new = set(_VAR.findall(value)) - used
            used |= new
            todo += new

    def keep(match):
        kept = [
            d
            for d in _declarations(match.group(1))
            if not d.strip().startswith("--") or d.partition(":")[0].strip() in used
        ]
        return "{" + ";".join(kept) + "}"

    css = _BODY.sub(keep, css)
    previous = None
    while previous != css:  # rules, then @media blocks, left empty
        previous, css = css, re.sub(r"(?<=[{}])[^{}]*\{\s*\}", "", css)
        css = re.sub(r"^[^{}]*\{\s*\}", "", css)
    return css


def _prune(css, used):
    """Keep the rules that can match: every class of at least one of its selectors is used.

    A rule is kept or dropped whole (its selector list is never rewritten), and at-rules
    other than @media and @supports are kept as they are.
    """
    out, i = [], 0
    while (j := css.find("{", i)) >= 0:
        depth, k = 1, j + 1
        while depth and k < len(css):
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        prelude, body = css[i:j].strip(), css[j + 1 : k - 1]
        if prelude.startswith(("@media", "@supports")):
            inner = _prune(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or any(set(_CLASS.findall(part)) <= used for part in prelude.split(",")):
            out.append(f"{prelude}{{{body}}}")
        i = k
    return "".join(out)


def on_post_page(output, page, config):
    if not _is_notebook(page):
        return output
    css = "\n".join(m.group(1) for m in _STYLE.finditer(output))
    if not css:
        return output
    name = f"assets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    _stylesheet.update(name=name, css=css)
    _stylesheet["classes"] |= {c for attr in re.findall(r'class="([^"]*)"', output) for c in attr.split()}
    _stylesheet["variables"] |= set(_VAR.findall(_STYLE.sub("", output)))  # e.g. inline style attributes
    _stylesheet["pages"].add(page.file.abs_dest_path)
    output = _STYLE.sub("", output)
    for pattern in _CDN_SCRIPTS:
        output = pattern.sub("", output)
    link = f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">'
    return output.replace("</head>", f"{link}\n</head>", 1)


def on_post_build(config):
    """Write the notebook stylesheet once, pruned to the classes the notebook pages use.

    JupyterLab's stylesheet is about 590 KB, for every widget JupyterLab has; the rendered
    notebooks use a small part of it, and the rest would only delay the page. Rules whose
    classes no notebook page uses go first, then the theme variables nothing left reads.
    """
    if not _stylesheet["name"]:
        return
    css = re.sub(r"/\*.*?\*/", "", _stylesheet["css"], flags=re.DOTALL)
    css = re.sub(r"@charset[^;]*;", "", css)
    css = _drop_unused_variables(_prune(css, _stylesheet["classes"]), _stylesheet["variables"])
    # Name the file after what it holds, so a changed stylesheet never meets a stale cache:
    # the pages link a provisional name (from the unpruned CSS), replaced here.
    name = f"assets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    target = Path(config["site_dir"]) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    provisional = posixpath.basename(_stylesheet["name"])
    for page_path in _stylesheet["pages"]:
        html = Path(page_path).read_text(encoding="utf-8")
        Path(page_path).write_text(html.replace(provisional, posixpath.basename(name)), encoding="utf-8")
    _stylesheet.update(name=None, css="", classes=set(), variables=set(), pages=set())


@event_priority(-200)  # after mkdocs-static-i18n (-100), which rebuilds every File plainly
def on_files(files, config):
    """Keep notebooks pages in both language builds.

    mkdocs-jupyter marks notebooks as pages by wrapping their File (NotebookFile); the i18n
    plugin then replaces every File with a plain one for each language, and the notebooks
    would be copied as static files. Wrap them again, keeping the language's destination
    (ko/notebooks/... in the Korean build).
    """
    i18n = config.plugins.get("i18n")
    language = i18n.current_language if i18n else None
    prefix = "" if not i18n or language == i18n.default_language else f"{language}/"
    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookFile)]:
        page = NotebookFile(file, config["use_directory_urls"], config["site_dir"])
        stem = posixpath.splitext(file.src_uri)[0]
        page.dest_path = f"{prefix}{stem}/index.html"
        page.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], page.dest_path))
        page.url = f"{prefix}{stem}/"
        files.remove(file)  # in place: the i18n plugin's Files subclass resolves page.ko.md links
        files.append(page)
    return files
