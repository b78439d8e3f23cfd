"""What the figure files beside this one share: the page's language, and a figure as inline SVG.

Each file in snippets/figures/ draws one chapter figure (or table) from the variables of the
snippet it belongs to: the chapter's fence includes it in the same markdown-exec `session`.
The English and Korean pages hold the same fences, byte for byte, so the language comes from
the build: Thaw's plugin (thaw/language.py) puts this folder on sys.path and sets LANGUAGE below
before each page; thaw/fences.py runs every fence that is not a plain snippet include once per
language. Run on its own, a figure file draws in English.
"""

import io
import warnings
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

LANGUAGES = ("en", "ko")
LANGUAGE = "en"  # the page's language: the build sets it for each page (thaw/language.py)


def language() -> str:
    """The language of the page being built: "en" (also outside the build) or "ko"."""
    if LANGUAGE not in LANGUAGES:
        raise ValueError(f"thaw_figure.LANGUAGE={LANGUAGE!r}: figures are drawn in {', '.join(LANGUAGES)}")
    return LANGUAGE


def tr(en: str, ko: str) -> str:
    """The text for the page's language, given in both."""
    return ko if language() == "ko" else en


def figure_html(fig, title_en: str, title_ko: str) -> str:
    """The figure as inline SVG, for the figure file to print in its `html="on"` fence.

    `<figure class="thaw-figure">` around `<svg role="img">`, whose `<title>` (what a screen
    reader announces) is in the page's language; search does not index it. Closes the figure.
    The figure file prints it itself: markdown-exec captures the `print` of the code it runs,
    not an imported module's.
    """
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # Text stays text in the SVG (matplotlibrc): the reader's browser draws the Hangul in
        # its own font. The build machine may have no Hangul font and only measures the labels
        # (too wide, which errs on the side of room); that is not worth a warning per glyph.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        fig.tight_layout()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = "<svg" + buffer.getvalue().split("<svg", 1)[1]  # drop the XML prolog and doctype
    start, rest = svg.split(">", 1)
    title = escape(tr(title_en, title_ko), quote=False)
    # Labels and tick numbers are not prose: kept out of the search index (Material skips an
    # element with data-search-exclude), or a timeline's labels would outrank the chapters.
    svg = f'{start} role="img" data-search-exclude=""><title>{title}</title>{rest}'
    return f'<figure class="thaw-figure">{svg}</figure>'
