"""What the figure files beside this one share: the page's language, and a figure as inline SVG.

Each file in snippets/figures/ draws one chapter figure (or table) from the variables of the
snippet it belongs to: the chapter's fence includes it in the same markdown-exec `session`.
The English and Korean pages hold the same fences, byte for byte, so the language comes from
the build: hooks/page_language.py sets THAW_PAGE_LANGUAGE for each page and puts this folder
on sys.path; hooks/fences.py runs every fence that is not a plain snippet include once per language.
"""

import io
import os
import warnings
from html import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

LANGUAGES = ("en", "ko")


def language() -> str:
    """The language of the page being built: "en" (also outside the build) or "ko"."""
    value = os.environ.get("THAW_PAGE_LANGUAGE") or "en"
    if value not in LANGUAGES:
        raise ValueError(f"THAW_PAGE_LANGUAGE={value!r}: figures are drawn in {', '.join(LANGUAGES)}")
    return value


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
    svg = f'{start} role="img" data-search-exclude><title>{title}</title>{rest}'
    return f'<figure class="thaw-figure">{svg}</figure>'
