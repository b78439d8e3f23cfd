"""The language of the page being built, known one way, and told to build-time figure code.

`language(config)` is the one answer every hook asks: the language of the build that renders
the page. mkdocs-static-i18n builds English, then Korean, and sets theme.language for each
(mkdocs.yml); a page's own file may be the English one even in the Korean build (a notebook,
which is bilingual), so neither its suffix nor its file's locale says which edition it is in.

The figure files (snippets/figures/*.py) label their figures in the page's language, but the
English and Korean pages include them in the same fences, byte for byte (tests/test_i18n.py).
So the language comes from the build: before each page is rendered this hook sets
THAW_PAGE_LANGUAGE, which snippets/figures/thaw_figure.py reads, and it puts
snippets/figures/ on sys.path so that the figure files can import that helper.
"""

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

FIGURES = str(Path(__file__).resolve().parent.parent / "snippets" / "figures")
VARIABLE = "THAW_PAGE_LANGUAGE"
LANGUAGES = ("en", "ko")


def language(config) -> str:
    """ "en" or "ko": the edition being built."""
    value = config["theme"]["language"]
    if value not in LANGUAGES:
        raise PluginError(f"mkdocs.yml: theme.language {value!r} is not one of Thaw's editions {LANGUAGES}")
    return value


def on_config(config):
    if FIGURES not in sys.path:
        sys.path.append(FIGURES)
    sys.modules.pop("thaw_figure", None)  # `make serve` rebuilds with an edited helper


def on_page_markdown(markdown, page, config, files):
    os.environ[VARIABLE] = language(config)
    return markdown


def on_post_build(config):
    os.environ.pop(VARIABLE, None)
