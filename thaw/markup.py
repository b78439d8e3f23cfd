"""The plugin's edits of rendered HTML, each through the parser (thaw/html.py): each function
adds its edits to a page's one Document, which the plugin parses once per event and writes back.

Page content (on_page_content), in the order the plugin calls them:
- `math_to_mathml`: TeX to MathML at build time (latex2mathml), so math needs no script and no
  CDN. pymdownx.arithmatex (generic mode) wraps each formula in a span or div with class
  "arithmatex"; its TeX is replaced with MathML, which browsers render natively.
- `resolve_md_links`: links to Markdown pages that MkDocs did not rewrite. MkDocs rewrites
  `page.md#anchor` links in a page's own Markdown, and checks them; HTML that arrives another
  way (a notebook's cells, a build-time fence's output) keeps the raw `page.md` link, which
  leads nowhere on the built site. These become links to the built page (in the Korean build,
  the Korean page), and a link to a page that does not exist fails the build.

The theme's part of each page (on_post_page, read up to the content):
- `fix_theme_markup`: three attributes of mkdocs-material 9.8's markup that the W3C Nu HTML
  checker rejects. partials/nav-item.html gives a section's label `tabindex=""` (it sets "0"
  only on labels that open a collapsible item): an empty tabindex is invalid, and without it the
  label is not focusable, which is what the theme means. base.html gives its two toggles (the
  drawer and search checkboxes) `autocomplete="off"`, which HTML allows only on text-like
  inputs; the theme sets it so that Firefox does not restore an open drawer on reload, and
  overrides/main.html unchecks both on load instead. (Changing the templates would mean copying
  430 lines of the theme to change three attributes.)
And in the page content again:
- `unwrap_plain_tokens`: highlighted code with one element fewer per name. Pygments wraps every
  token in a <span>, names (`n`) and whitespace (`w`) included, although mkdocs-material colours
  a name with the code's own colour and gives whitespace no style (the notebook pages' code
  does the same). Those spans change nothing a reader sees, in either scheme, yet they were a
  third of a chapter's elements (762 of 2,974 on ko/why-spring-came), where Lighthouse counted
  style and layout as most of the main thread's work. Their text stays where it was.
  tests/test_browser.py checks the premise in a real browser, both schemes.
"""

import posixpath

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from thaw.html import Document

PLAIN = ("n", "w")  # Pygments' short classes for Token.Name and Token.Text.Whitespace


def math_to_mathml(doc: Document) -> None:
    for element in doc.elements:
        if element.name not in ("span", "div") or not element.has_class("arithmatex"):
            continue
        tex = doc.text_of(element).strip()
        if tex[:2] not in ("\\(", "\\[") or tex[-2:] not in ("\\)", "\\]"):
            continue  # already MathML, or not a formula arithmatex wrapped
        display = "block" if tex.startswith("\\[") else "inline"
        doc.replace_inner(element, convert(tex[2:-2].strip(), display=display))


def resolve_md_links(doc: Document, page, files) -> None:
    for link in doc.find(href=True):
        href = link.get("href")
        path, hash_, anchor = href.partition("#")
        if not path.endswith(".md") or ":" in path or "?" in path:
            continue
        source = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        target = files.get_file_from_path(source)
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: a link to {path}, which does not exist")
        doc.set_attributes(link, href=get_relative_url(target.url, page.url) + hash_ + anchor)


def content_start(name: str, attrs) -> bool:
    """The element where mkdocs-material's page content begins (`<div class="md-content">`):
    everything fix_theme_markup corrects, and the theme's configuration, lies before it."""
    return name == "div" and "md-content" in (dict(attrs).get("class") or "").split()


def fix_theme_markup(doc: Document) -> None:
    for label in doc.find("label", tabindex=""):
        if label.has_class("md-nav__link"):
            doc.set_attributes(label, tabindex=None)
    for toggle in doc.find("input", class_="md-toggle", type="checkbox"):
        if toggle.get("autocomplete") is not None:
            doc.set_attributes(toggle, autocomplete=None)


def unwrap_plain_tokens(doc: Document) -> None:
    for block in doc.find("pre"):
        for span in doc.find("span", within=block):
            if (span.get("class") or "") in PLAIN and len(span.attrs) == 1 and not span.children:
                doc.unwrap(span)
