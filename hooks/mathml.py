"""Render TeX to MathML at build time, so math needs no script and no CDN.

pymdownx.arithmatex (generic mode) wraps each formula in a span or div with class
"arithmatex"; this hook replaces the wrapped TeX with MathML from latex2mathml.
Browsers render MathML natively.
"""

import html
import re

from latex2mathml.converter import convert

_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)


def _to_mathml(match: re.Match) -> str:
    display = "block" if match["open"] == "[" else "inline"
    mathml = convert(html.unescape(match["tex"]).strip(), display=display)
    return f'<{match["tag"]} class="arithmatex">{mathml}</{match["tag"]}>'


def on_page_content(content, page, config, files):
    return _MATH.sub(_to_mathml, content)
