"""Tell build-time figure code the language of the page being built.

The figure files (snippets/figures/*.py) label their figures in the page's language, but the
English and Korean pages include them in the same fences, byte for byte (tests/test_i18n.py).
So the language comes from the build: before each page is rendered this hook sets
THAW_PAGE_LANGUAGE, which snippets/figures/thaw_figure.py reads, and it puts
snippets/figures/ on sys.path so that the figure files can import that helper.
"""

import os
import sys
from pathlib import Path

FIGURES = str(Path(__file__).resolve().parent.parent / "snippets" / "figures")
VARIABLE = "THAW_PAGE_LANGUAGE"


def on_config(config):
    if FIGURES not in sys.path:
        sys.path.append(FIGURES)
    sys.modules.pop("thaw_figure", None)  # `make serve` rebuilds with an edited helper


def on_page_markdown(markdown, page, config, files):
    os.environ[VARIABLE] = config["theme"]["language"]  # set per language by the i18n plugin
    return markdown


def on_post_build(config):
    os.environ.pop(VARIABLE, None)
