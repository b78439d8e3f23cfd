"""One pruned stylesheet for the notebook pages, instead of about 590 KB of CSS inline in each.

mkdocs-jupyter (nbconvert's lab template) puts JupyterLab's whole stylesheet in a <style>
in every notebook page. The plugin moves it into one file, assets/notebook.<hash>.css, that
every notebook page links to (shipped once, cached by the browser), pruned to the rules
the notebook pages can use and the theme variables those rules read.

It is the one part of the plugin that rewrites pages already written: the pruned stylesheet depends on
the classes of every notebook page, so it is known only after the last one (on_post_build),
and the file is named by its final content; the pages first link a provisional name.
"""

import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from thaw.html import Document

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
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


class NotebookStylesheet:
    """The notebook pages' one stylesheet, gathered page by page and written after the build."""

    def __init__(self):
        self.pruned: dict[str, str] = {}  # what was pruned, by what it was pruned from (`make serve`)
        self.reset()

    def reset(self):
        self.name, self.css, self.classes, self.variables, self.pages = None, "", set(), set(), set()

    def take(self, doc: Document, page):
        """The notebook page's inline styles removed, the provisional stylesheet linked instead;
        returns what the page gives the stylesheet, for add()."""
        styles = list(doc.find("style"))
        css = "\n".join(doc.inner(style) for style in styles)
        if not css:
            return
        name = f"assets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
        classes = {c for element in doc.elements for c in (element.get("class") or "").split()}
        outside, position = [], 0  # what reads a variable besides the stylesheet (style attributes)
        for style in styles:
            outside.append(doc.text[position : style.start])
            position = style.end
            doc.remove(style, trailing_space=True)
        outside.append(doc.text[position:])
        variables = set(_VAR.findall("".join(outside)))
        head = next(doc.find("head"), None)
        if head is None:
            raise ValueError(f"{page.file.src_uri}: a notebook page without <head>")
        doc.insert_before_end(head, f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">\n')
        return name, css, frozenset(classes), frozenset(variables)

    def add(self, taken, page) -> None:
        """A notebook page's part of the stylesheet (what take() returned), for this build."""
        name, css, classes, variables = taken
        self.name, self.css = name, css
        self.classes |= classes
        self.variables |= variables
        self.pages.add(page.file.abs_dest_path)

    def write(self, config):
        """Write the notebook stylesheet once, pruned to the classes the notebook pages use.

        JupyterLab's stylesheet is about 590 KB, for every widget JupyterLab has; the rendered
        notebooks use a small part of it, and the rest would only delay the page. Rules whose
        classes no notebook page uses go first, then the theme variables nothing left reads.
        """
        if not self.name:
            return
        key = hashlib.sha256(
            "\0".join([self.css, *sorted(self.classes), "\0", *sorted(self.variables)]).encode()
        ).hexdigest()
        if key not in self.pruned:
            css = re.sub(r"/\*.*?\*/", "", self.css, flags=re.DOTALL)
            css = re.sub(r"@charset[^;]*;", "", css)
            if len(self.pruned) > 4:
                self.pruned.clear()
            self.pruned[key] = _drop_unused_variables(_prune(css, self.classes), self.variables)
        css = self.pruned[key]
        # Name the file after what it holds, so a changed stylesheet never meets a stale cache:
        # the pages link a provisional name (from the unpruned CSS), replaced here.
        name = f"assets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
        target = Path(config["site_dir"]) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
        provisional = posixpath.basename(self.name)
        for page_path in self.pages:
            # the link is in the head: the body (the notebook's highlighted cells) is not read
            doc = Document(Path(page_path).read_text(encoding="utf-8"), stop=lambda tag, attrs: tag == "body")
            for link in doc.find("link", rel="stylesheet"):
                href = link.get("href", "")
                if posixpath.basename(href) == provisional:
                    doc.set_attributes(
                        link, href=posixpath.join(posixpath.dirname(href), posixpath.basename(name))
                    )
            Path(page_path).write_text(doc.result(), encoding="utf-8")
        self.reset()
