"""Run each build-time fence once per build, however many language editions show it.

The English and Korean pages hold the same fences (a test checks that), so their output
is the same; without this hook every snippet would run once per language. A result is
reused only for the same session and code, and only while no file under snippets/ or
data/ has changed (so `make serve` still reruns a fence whose inputs were edited). Code that
draws in the page's language (it imports snippets/figures/thaw_figure.py) runs once per language.
"""

import os
from pathlib import Path

from markdown_exec._internal.formatters import python as _python

_ROOT = Path(__file__).resolve().parent.parent
_run = _python._run_python
_results: dict = {}


def _inputs_version() -> float:
    files = [p for d in ("snippets", "data") for p in (_ROOT / d).rglob("*") if p.is_file()]
    return max((p.stat().st_mtime for p in files), default=0.0)


def _run_once(code, returncode=None, session=None, id=None, **extra):
    language = os.environ.get("THAW_PAGE_LANGUAGE") if "thaw_figure" in code else None
    key = (session, code, _inputs_version(), language)
    if key not in _results:
        _results[key] = _run(code, returncode=returncode, session=session, id=id, **extra)
    return _results[key]


_python._run_python = _run_once
