"""Every snippet copies and runs on its own: it reads no file and imports only what requirements.txt installs.

The run itself is `make seeds` (tools/seeds.py, in CI): each snippet's text, alone in an empty
folder, run as `python name.py` with no PYTHONPATH. These checks are the fast half, in
`make test`: read statically, no snippet opens a file, loads data from disk or the network,
finds its way through `__file__`, or names a path of this repository; and every module it
imports comes with Python or from a package pinned in requirements.txt. That the copy button
copies the file itself is tests/test_browser.py's (the built pages and one real click).
"""

import ast
import functools
import re
import sys
from importlib.metadata import packages_distributions

import pytest
from support import ROOT, load_tool

SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))
READERS = {  # calls that read a file or the network
    "open",
    "read_text",
    "read_bytes",
    "load",
    "loadtxt",
    "genfromtxt",
    "fromfile",
    "memmap",
    "read_csv",
    "urlopen",
    "imread",
}
FETCHERS = re.compile(r"^(fetch_|load_svmlight|download)")  # sklearn's downloads and the like
REPO_PATH = re.compile(r"\b(data|docs|snippets|tests|tools|thaw)/|\.(ya?ml|json|csv|npz|npy|pt|pkl)$")


def _name(node: ast.AST) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _looks_like_a_path(node: ast.AST) -> bool:
    """A one-line string naming a file of this repository (a data block's text has newlines)."""
    is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" not in node.value
    return is_text and bool(REPO_PATH.search(node.value))


def outside_reads(source: str) -> list[str]:
    """What in this source reads something beyond itself, as 'line N: what'."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Call):
            called = _name(node.func)
            writes = any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) and set(a.value) & set("wax")
                for a in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "mode")]
            )
            if (called in READERS and not writes) or FETCHERS.match(called):
                problems.append(f"line {line}: calls {called}()")
        elif isinstance(node, ast.Name) and node.id == "__file__":
            problems.append(f"line {line}: finds its way through __file__")
        elif _looks_like_a_path(node):
            problems.append(f"line {line}: names the path {node.value!r}")
    return problems


def direct_packages() -> set[str]:
    return set(load_tool("lock").pins((ROOT / "requirements.txt").read_text(encoding="utf-8")))


@functools.cache
def providers() -> dict[str, set[str]]:
    """{importable top-level name: the normalised names of the distributions that provide it}."""
    return {
        top: {re.sub(r"[-_.]+", "-", d).lower() for d in ds} for top, ds in packages_distributions().items()
    }


def foreign_imports(source: str, allowed: set[str]) -> list[str]:
    """Modules imported that neither Python nor a package of requirements.txt provides."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module]
            if isinstance(node, ast.ImportFrom) and node.level == 0
            else []
        )
        for module in names:
            top = module.split(".")[0]
            dists = providers().get(top, set())
            if top not in sys.stdlib_module_names and not dists & allowed:
                problems.append(f"line {node.lineno}: imports {module} (from {sorted(dists) or 'nowhere'})")
    return problems


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.stem)
def test_snippet_reads_nothing_beyond_itself(snippet):
    problems = outside_reads(snippet.read_text(encoding="utf-8"))
    assert not problems, (
        f"{snippet.relative_to(ROOT)} would fail when copied from its page into an empty folder:\n  "
        + "\n  ".join(problems)
        + "\nKeep what it needs inside the script (see snippets/timeline.py's EVENTS)."
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.stem)
def test_snippet_imports_only_what_requirements_installs(snippet):
    problems = foreign_imports(snippet.read_text(encoding="utf-8"), direct_packages())
    assert not problems, f"{snippet.relative_to(ROOT)}: " + "; ".join(problems)


def test_the_checks_catch_what_broke_two_snippets():
    """The two ways snippets failed when copied (issue 13): reading data/ beside them, and __file__."""
    old_ilsvrc = 'path = Path("data/ilsvrc.yml")\nrows = yaml.safe_load(path.read_text(encoding="utf-8"))\n'
    old_timeline = 'ROOT = Path(__file__).resolve().parent.parent\nevents = open(ROOT / "x")\n'
    assert len(outside_reads(old_ilsvrc)) == 2
    assert len(outside_reads(old_timeline)) == 2
    assert not outside_reads('Path("timeline.svg").write_text(svg)\nopen("out.txt", "w")\n')
    problems = foreign_imports("import json\nimport numpy\nimport pandas.io\n", {"numpy"})
    assert [p.split(" (")[0] for p in problems] == ["line 3: imports pandas.io"]
