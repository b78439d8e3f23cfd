"""Compact the inline SVG figures that build-time fences print (<figure class="thaw-figure">).

matplotlib writes coordinates with six decimals and an RDF metadata block; at screen size
two decimals are exact to a hundredth of a pixel. This keeps chapter pages within their
weight budget without touching the figures' code.
"""

import re

_FIGURE = re.compile(r'<figure class="thaw-figure">.*?</figure>', re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_DECIMALS = re.compile(r"(\d+\.\d\d)\d+")


def _compact(match):
    return _DECIMALS.sub(r"\1", _METADATA.sub("", match.group(0)))


def on_page_content(html, page, config, files):
    return _FIGURE.sub(_compact, html)
