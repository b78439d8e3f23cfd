"""The language of the edition being built: one answer, asked by every part of the plugin.

mkdocs-static-i18n builds English, then Korean, and sets theme.language for each (mkdocs.yml).
A page's own file may be the English one even in the Korean build (a notebook, which is
bilingual), so neither its suffix nor its file's locale says which edition it is in; the build
does.

The figure files (snippets/figures/*.py) label their figures in the page's language, but the
English and Korean pages include them in the same fences, byte for byte (tests/test_i18n.py).
So the plugin tells their shared helper, snippets/figures/thaw_figure.py, before each fence it
runs: `figure_helper(root).LANGUAGE = language(config)` (a figure file run on its own draws
English). A build whose fences all come from the execution cache never imports the helper, nor
the pyplot it imports (about 0.5 s).
"""

import importlib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

LANGUAGES = ("en", "ko")


def language(config) -> str:
    """ "en" or "ko": the edition being built."""
    value = config["theme"]["language"]
    if value not in LANGUAGES:
        raise PluginError(f"mkdocs.yml: theme.language {value!r} is not one of Thaw's editions {LANGUAGES}")
    return value


def figure_helper(root: Path):
    """snippets/figures/thaw_figure.py as the figure fences import it (its folder on sys.path),
    or None for a site without it."""
    folder = str(root / "snippets" / "figures")
    if not (root / "snippets" / "figures" / "thaw_figure.py").is_file():
        return None
    if folder not in sys.path:
        sys.path.append(folder)
    return importlib.import_module("thaw_figure")


def forget_figure_helper() -> None:
    """The next fence imports the helper afresh: `make serve` rebuilds with an edited one."""
    sys.modules.pop("thaw_figure", None)
