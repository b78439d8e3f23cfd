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
`xlink:href="#.."`), so each figure only ever points into itself. The SVG is read and
written with ElementTree (it is XML, as matplotlib writes it), never edited as text.

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
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import PIL
from mkdocs.exceptions import PluginError
from PIL import Image

from thaw.html import Document

SVG, XLINK = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)  # written back as inline SVG: no ns0: prefixes
ET.register_namespace("xlink", XLINK)
_DECIMALS = re.compile(r"(\d+\.\d\d)\d+")
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
# Every colour a figure paints with, as a CSS custom property with the colour itself as its
# fallback: assets/thaw.css gives the light and the dark scheme their values (the page's
# background for the figure's white, light text and lines on dark), and print keeps the light.
_COLOR = re.compile(r"((?:fill|stroke): )#([0-9a-fA-F]{6})\b")


def themed(style: str) -> str:
    """A style attribute's colours as `var(--thaw-fig-RRGGBB, #RRGGBB)`."""
    return _COLOR.sub(lambda m: f"{m[1]}var(--thaw-fig-{m[2].lower()}, #{m[2].lower()})", style)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def compact_svg(svg: str, number: int) -> str:
    """matplotlib's SVG, compacted and themed (see the module's docstring); ids get `fig<number>-`."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) == "metadata":
                parent.remove(child)
    referenced = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            referenced |= set(_REFERENCE.findall(value))
            if _local(name) == "href" and value.startswith("#"):
                referenced.add(value[1:])
    prefix = f"fig{number}-"
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name == "id":
                if value in referenced:
                    element.set(name, prefix + value)
                else:
                    del element.attrib[name]
                continue
            value = _REFERENCE.sub(lambda m: f"url(#{prefix}{m[1]})", value)
            if _local(name) == "href" and value.startswith("#"):
                value = "#" + prefix + value[1:]
            if name == "d":
                value = " ".join(value.split())
            if name == "style":
                value = themed(value)
            element.set(name, _DECIMALS.sub(r"\1", value))
        # matplotlib's pretty-printing (whitespace with a line break between tags); never a label
        if element.text is not None and not element.text.strip() and "\n" in element.text:
            element.text = None
        if element.tail is not None and not element.tail.strip() and "\n" in element.tail:
            element.tail = None
    _unwrap_bare_groups(root)
    return ET.tostring(root, encoding="unicode")


def _unwrap_bare_groups(parent):
    """Drop `<g>` elements with no attributes left (they only held an id), keeping their content."""
    for child in list(parent):
        _unwrap_bare_groups(child)
    index = 0
    while index < len(parent):
        child = parent[index]
        if _local(child.tag) == "g" and not child.attrib and not (child.text or "").strip():
            grandchildren = list(child)
            if grandchildren and child.tail:
                grandchildren[-1].tail = (grandchildren[-1].tail or "") + child.tail
            parent.remove(child)
            for offset, grandchild in enumerate(grandchildren):
                parent.insert(index + offset, grandchild)
            index += len(grandchildren)
        else:
            index += 1


def compact_figures(doc: Document) -> None:
    """Every `<figure class="thaw-figure">` of a page with its SVG compacted, numbered in order."""
    for number, figure in enumerate(doc.find("figure", class_="thaw-figure"), 1):
        for svg in doc.find("svg", within=figure):
            if svg.parent is figure:
                doc.replace(svg, compact_svg(doc.outer(svg), number))


class WebP:
    """Notebook figures (base64 PNG) as lossless WebP where smaller; kept per build, since both
    languages show the same notebook figures, and, with a `cache` folder (the execution cache's
    `webp/`, for `make serve`, `make site` and `make test`), across builds: each result is kept
    under the SHA-256 of its PNG, the encoder's settings and Pillow's version (about 30 ms an
    image, 17 images a build). Without one (`make check`, a fresh clone) every image is encoded;
    with `refresh` (THAW_EXEC_CACHE_REFRESH=1) every image is encoded and kept again."""

    SETTINGS = (("lossless", True), ("method", 4))  # Image.save's

    def __init__(self, cache: Path | None = None, refresh: bool = False):
        self.converted: dict[str, str] = {}
        self.cache, self.refresh = cache, refresh

    def __call__(self, png_base64: str) -> str:
        if png_base64 not in self.converted:
            self.converted[png_base64] = self._convert(png_base64)
            if len(self.converted) > 64:
                self.converted.pop(next(iter(self.converted)))
        return self.converted[png_base64]

    def _convert(self, png_base64: str) -> str:
        kept = None
        if self.cache is not None:
            settings = f"{self.SETTINGS} Pillow {PIL.__version__}\0"
            kept = self.cache / hashlib.sha256((settings + png_base64).encode()).hexdigest()
            if kept.is_file() and not self.refresh:
                return kept.read_text(encoding="ascii")
        image = Image.open(io.BytesIO(base64.b64decode(png_base64)))
        out = io.BytesIO()
        image.save(out, "WEBP", **dict(self.SETTINGS))
        webp = base64.b64encode(out.getvalue()).decode()
        smaller = len(webp) < len(png_base64)
        src = f"data:image/webp;base64,{webp}" if smaller else f"data:image/png;base64,{png_base64}"
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(f".{os.getpid()}.part")
            partial.write_text(src, encoding="ascii")
            partial.replace(kept)  # whole or absent, even with two builds at once
        return src


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


def notebook_images(doc: Document, notebook: Path | None, language: str, webp: WebP) -> None:
    """A page's inline PNG images as WebP, and, on a notebook page (`notebook`, its file), each
    described by its cell's metadata, in order, in the page's language."""
    images = [i for i in doc.find("img") if (i.get("src") or "").startswith("data:image/")]
    alts = figure_alts(notebook, language) if notebook is not None else None
    if alts is not None and len(images) != len(alts):
        raise PluginError(
            f"docs/notebooks/{notebook.name}: the page shows {len(images)} figure(s) but its cells "
            f"describe {len(alts)} (one plt.show() each, in metadata thaw.alt)"
        )
    for index, image in enumerate(images):
        changes = {}
        src = image.get("src")
        if src.startswith("data:image/png;base64,"):
            changes["src"] = webp("".join(src.removeprefix("data:image/png;base64,").split()))
        if alts is not None:
            changes["alt"] = alts[index]
        if changes:
            doc.set_attributes(image, **changes)
