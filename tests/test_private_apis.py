"""Private APIs the harness still reaches into, checked against the pinned versions.

Where a plugin offers no public way, the patch lives in one place and is listed here; a
failure names the file that relies on it, the pin, and what changed. (markdown-exec is used
only through its public API: thaw/fences.py fails the build itself if its fence is gone.)
"""

import inspect
import re
from importlib.metadata import version

import pytest
from support import ROOT, SITE_TEST_FILES, TORCH_TEST_FILES, site_group


def params(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def changed(who: str, pin: str, what: str) -> str:
    return f"{who} relies on {pin}'s private {what}; the installed {pin.split()[0]} {version(pin.split()[0])} changed it"


def test_xdist_still_asks_split_scope_for_a_tests_group():
    from xdist.scheduler import LoadScopeScheduling

    what = "LoadScopeScheduling._split_scope(self, nodeid), called to group tests"
    assert params(LoadScopeScheduling._split_scope) == ["self", "nodeid"], changed(
        "conftest.py", "pytest-xdist 3.8.0", what
    )
    assert "self._split_scope(nodeid)" in inspect.getsource(LoadScopeScheduling), changed(
        "conftest.py", "pytest-xdist 3.8.0", what
    )


def test_the_site_group_holds_every_test_that_needs_the_site():
    assert site_group("tests/test_site.py::test_x") == site_group("tests/test_browser.py::test_y") == "site"
    assert site_group("tests/test_faults.py::test_z") == "tests/test_faults.py::test_z"
    assert (
        site_group("tests/test_optimisers.py::test_a[x]")
        == site_group("tests/test_optimisers.py::test_b")
        == "torch"
    )
    for path in sorted(ROOT.glob("tests/test_*.py")):
        if re.search(r"def \w+\([^)]*\bsite\b", path.read_text(encoding="utf-8")):
            assert f"tests/{path.name}" in SITE_TEST_FILES, (
                f"{path.name} uses the site: add it to SITE_TEST_FILES"
            )
        if re.search(r"^\s*(import torch|from torch)\b", path.read_text(encoding="utf-8"), re.MULTILINE):
            assert f"tests/{path.name}" in TORCH_TEST_FILES, (
                f"{path.name} imports torch: add it to TORCH_TEST_FILES, so one worker imports it"
            )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("_compute_cache_key", ["nb_path", "config", "exec_nb"]),
        ("_get_cache_path", ["cache_dir", "cache_key"]),
        ("_get_nb_toc_tokens", ["fpath", "toc_depth"]),
    ],
)
def test_mkdocs_jupyter_cache_helpers_keep_their_signatures(name, expected):
    from mkdocs_jupyter import plugin

    assert params(getattr(plugin, name)) == expected, changed(
        "thaw/notebooks.py", "mkdocs-jupyter 0.26.3", f"plugin.{name}({', '.join(expected)})"
    )


def test_mkdocs_jupyter_reads_the_cache_fields_the_prefetch_writes():
    """The prefetch writes the cache entry the plugin's page reads; the build log's "Cache hit"
    lines (tests/test_site.py) show the keys match."""
    from mkdocs_jupyter import convert, plugin

    source = inspect.getsource(plugin.Plugin.on_pre_page)
    for field in ('cached["content"]', 'cached["toc_tokens"]', 'cached.get("title")'):
        assert field in source, changed("thaw/notebooks.py", "mkdocs-jupyter 0.26.3", f"cache field {field}")
    hook = (ROOT / "thaw" / "notebooks.py").read_text(encoding="utf-8")
    call = hook[hook.index("convert.nb2html(") :]
    passed = set(re.findall(r"^\s+(\w+)=", call[: call.index("\n    )")], re.MULTILINE))
    assert "custom_mathjax_url" in passed, "could not read the arguments thaw/notebooks.py passes"
    missing = passed - set(params(convert.nb2html))
    assert not missing, changed("thaw/notebooks.py", "mkdocs-jupyter 0.26.3", f"nb2html's {missing}")


def test_the_html_parser_reads_raw_text_elements_as_thaw_html_expects():
    """thaw/html.py reads an inline SVG as one element by adding it to HTMLParser's
    CDATA_CONTENT_ELEMENTS (an undocumented class attribute of Python 3.11's html.parser), and
    places each tag by the parser's lineno and offset as it calls handle_starttag."""
    from html.parser import HTMLParser

    from thaw.html import Document

    assert HTMLParser.CDATA_CONTENT_ELEMENTS == ("script", "style"), (
        "thaw/html.py relies on html.parser's CDATA_CONTENT_ELEMENTS; this Python changed it"
    )
    doc = Document('<p>a</p>\n<svg><g><path d="x"/></g></svg>\n<b>c</b>', opaque=("svg",))
    assert [(e.name, e.start) for e in doc.elements] == [("p", 0), ("svg", 9), ("b", 41)]
