"""Compact the inline SVG figures that build-time fences print (<figure class="thaw-figure">),
and paint them in the reader's colour scheme.

matplotlib writes coordinates with six decimals, an RDF metadata block, an id on every
group (`figure_1`, `patch_1`, `text_1`, ...), each path's points one to a line and the
whole tree indented. At screen size two decimals are exact to a hundredth of a pixel; the
rest is dropped or written compactly, which keeps chapter pages within their weight budget
and their DOM small, without touching the figures' code. Text stays text (matplotlibrc:
svg.fonttype none), so a screen reader still reads labels, ticks and titles.

Ids: a page with two figures had every group id twice (invalid HTML: the Nu checker found
516 duplicates). Ids nothing refers to are dropped; the rest (clip paths, markers) get the
figure's number as a prefix, and so do the references to them (`url(#..)`, `href="#.."`,
`xlink:href="#.."`), so each figure only ever points into itself.

Notebook pages show their figures as PNG images inside the HTML (base64). Written again as
lossless WebP, every pixel the same, they take about half the bytes, and the page's HTML,
which the browser must fetch before it can show anything, shrinks with them.

Their text alternative: nbconvert gives every such image alt="No description has been
provided for this image", which is what a screen reader would say of each lab figure, in
English on the Korean pages too. Each figure cell instead describes its figures in its own
metadata, `"thaw": {"alt": [{"en": "...", "ko": "..."}]}` (one entry per plt.show(); the
text cell after it says what the figure shows), and the images get those, in order, in the
page's language. A figure cell without them, or a page whose figures and descriptions do not
pair up, fails the build naming the notebook and the cell.
"""

import base64
import functools
import html as html_text
import io
import json
import re
from pathlib import Path

import page_language  # hooks/page_language.py: the one way to know the page's language
from mkdocs.exceptions import PluginError
from PIL import Image

_FIGURE = re.compile(r'<figure class="thaw-figure">.*?</figure>', re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_DECIMALS = re.compile(r"(\d+\.\d\d)\d+")
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
_PATH_DATA = re.compile(r'\sd="([^"]*)"')
_INDENT = re.compile(r">\n\s*<")  # matplotlib's pretty-printing; never inside a text element
_GROUP = re.compile(r"<g>|<g\s[^>]*>|</g>")


def _unwrap_bare_groups(svg):
    """Drop `<g>` elements with no attributes left (they only held an id), keeping their content."""
    out, bare, last = [], [], 0
    for tag in _GROUP.finditer(svg):
        out.append(svg[last : tag.start()])
        last = tag.end()
        if tag.group() == "</g>":
            if not bare.pop():
                out.append("</g>")
        else:
            bare.append(tag.group() == "<g>")
            if not bare[-1]:
                out.append(tag.group())
    out.append(svg[last:])
    return "".join(out)


# Every colour a figure paints with, as a CSS custom property with the colour itself as its
# fallback: assets/thaw.css gives the light and the dark scheme their values (the page's
# background for the figure's white, light text and lines on dark), and print keeps the light.
_COLOR = re.compile(r"((?:fill|stroke): )#([0-9a-fA-F]{6})\b")


def _themed(figure):
    return _COLOR.sub(lambda m: f"{m[1]}var(--thaw-fig-{m[2].lower()}, #{m[2].lower()})", figure)


def _compact(figure, number):
    figure = _themed(_DECIMALS.sub(r"\1", _METADATA.sub("", figure)))
    referenced = {m.group(2) for m in _REFERENCE.finditer(figure)}
    prefix = f"fig{number}-"
    figure = _ID.sub(lambda m: f' id="{prefix}{m.group(1)}"' if m.group(1) in referenced else "", figure)
    figure = _REFERENCE.sub(lambda m: m.group(1) + prefix + m.group(2), figure)
    figure = _PATH_DATA.sub(lambda m: ' d="' + " ".join(m.group(1).split()) + '"', figure)
    return _unwrap_bare_groups(_INDENT.sub("><", figure))


_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


@functools.lru_cache(maxsize=64)  # both languages show the same notebook figures
def _webp(png_base64):
    image = Image.open(io.BytesIO(base64.b64decode(png_base64)))
    out = io.BytesIO()
    image.save(out, "WEBP", lossless=True, method=4)
    webp = base64.b64encode(out.getvalue()).decode()
    smaller = len(webp) < len(png_base64)
    return f'src="data:image/webp;base64,{webp}"' if smaller else f'src="data:image/png;base64,{png_base64}"'


_INLINE_IMAGE = re.compile(r'<img\b[^>]*\ssrc="data:image/[^>]*>')
_ALT = re.compile(r'\salt="[^"]*"')


def figure_alts(notebook: Path, language: str) -> list[str]:
    """The description of each figure the notebook shows, in order, in `language`."""
    alts = []
    for number, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"], 1):
        shows = "".join(cell["source"]).count("plt.show()") if cell["cell_type"] == "code" else 0
        described = cell["metadata"].get("thaw", {}).get("alt", [])
        where = f"docs/notebooks/{notebook.name}, cell {number}"
        if len(described) != shows:
            raise PluginError(
                f"{where}: shows {shows} figure(s) but describes {len(described)}; give the cell "
                f'"metadata": {{"thaw": {{"alt": [{{"en": "...", "ko": "..."}}]}}}}, one entry per figure'
            )
        for alt in described:
            text = alt.get(language) if isinstance(alt, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise PluginError(f"{where}: a figure's metadata thaw.alt has no {language!r} text")
            alts.append(text.strip())
    return alts


def _describe_figures(html, page, config):
    notebook = Path(page.file.abs_src_path)
    alts = figure_alts(notebook, page_language.language(config))
    images = _INLINE_IMAGE.findall(html)
    if len(images) != len(alts):
        raise PluginError(
            f"docs/notebooks/{notebook.name}: the page shows {len(images)} figure(s) but its cells "
            f"describe {len(alts)} (one plt.show() each, in metadata thaw.alt)"
        )
    alts = iter(alts)

    def describe(image):
        alt = f' alt="{html_text.escape(next(alts))}"'
        tag = image.group(0)
        return _ALT.sub(alt, tag, count=1) if _ALT.search(tag) else tag.replace("<img", "<img" + alt, 1)

    return _INLINE_IMAGE.sub(describe, html)


def on_page_content(html, page, config, files):
    count = iter(range(1, 1000))
    html = _FIGURE.sub(lambda m: _compact(m.group(0), next(count)), html)
    html = _PNG.sub(lambda m: _webp(m.group(1)), html)
    if page.file.src_uri.endswith(".ipynb"):
        html = _describe_figures(html, page, config)
    return html
