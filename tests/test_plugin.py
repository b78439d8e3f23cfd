"""Thaw's build is one plugin (thaw/plugin.py): listed once in mkdocs.yml, with no hooks; its
steps run where PRIORITIES says among the other plugins' handlers; it reads no environment
variable, keeps no mutable state in its modules, and edits no tag with a regular expression."""

import ast
import re

import pytest
from support import ROOT

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
MODULES = sorted((ROOT / "thaw").glob("*.py"))


def _config():
    from mkdocs.config import load_config

    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def test_mkdocs_yml_lists_the_plugin_once_and_no_hooks():
    from thaw.plugin import ThawPlugin

    assert "\nhooks:" not in CONFIG, "Thaw's behaviour lives in the plugin, not in hooks"
    config = _config()
    assert list(config.plugins).count("thaw") == 1
    assert isinstance(config.plugins["thaw"], ThawPlugin)
    names = list(config.plugins)
    assert names.index("thaw") > names.index("markdown-exec"), "thaw routes markdown-exec's fences"


def test_each_step_runs_where_priorities_says_among_the_other_plugins():
    """MkDocs runs an event's handlers by priority; each step of the plugin that must run before or
    after another plugin's handler does so in the collection MkDocs builds from mkdocs.yml."""
    from thaw.plugin import PRIORITIES, ThawPlugin

    config = _config()
    plugins = config.plugins
    where = {}
    for event, handlers in plugins.events.items():
        for index, handler in enumerate(handlers):
            owner = getattr(handler, "__self__", None)
            where[(event, getattr(handler, "__name__", ""), type(owner).__name__)] = index

    def position(event, name, owner):
        key = (event.removeprefix("on_"), name, owner)
        assert key in where, f"{owner}.{name} is not a handler of {event}"
        return where[key]

    for event, step, priority in PRIORITIES:
        assert getattr(getattr(ThawPlugin, step), "mkdocs_priority", 0) == priority, (
            f"{step}: its @event_priority is not PRIORITIES' {priority}"
        )
    i18n = type(plugins["i18n"]).__name__
    jupyter = type(plugins["mkdocs-jupyter"]).__name__
    assert position("on_files", "_wrap_notebooks", "ThawPlugin") > position("on_files", "on_files", i18n)
    assert position("on_files", "_start_notebooks", "ThawPlugin") > position(
        "on_files", "_wrap_notebooks", "ThawPlugin"
    )
    assert position("on_pre_page", "_wait_for_notebook", "ThawPlugin") > position(
        "on_pre_page", "on_pre_page", jupyter
    )
    assert position("on_page_markdown", "_start_page", "ThawPlugin") == 0, "first: the lines are the file's"
    assert position("on_post_build", "_korean_edition", "ThawPlugin") > position(
        "on_post_build", "on_post_build", i18n
    )
    assert position("on_post_build", "_write_files", "ThawPlugin") < position(
        "on_post_build", "on_post_build", i18n
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_plugin_reads_no_environment_variable(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv")
    ]
    assert not found, f"thaw/{path.name}:{found}: os.environ (use a config option)"


MUTABLE = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_plugin_keeps_no_mutable_state_in_its_modules(path):
    """Module-level names hold constants (tuples, strings, compiled patterns, frozen sets, or tables
    of them named in CAPITALS that nothing assigns to); the build's state is on the plugin."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if isinstance(node.value, MUTABLE) and not all(n.isupper() for n in names):
                problems.append(f"{node.lineno}: {names}")
            if isinstance(node.value, ast.Call) and getattr(node.value.func, "attr", "") in ("Lock", "RLock"):
                problems.append(f"{node.lineno}: a module-level lock")
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Global):
                    problems.append(f"{inner.lineno}: global {inner.names}")
            for decorator in node.decorator_list:
                name = getattr(decorator, "attr", getattr(decorator, "id", ""))
                if name in ("lru_cache", "cache"):
                    problems.append(f"{node.lineno}: a module-level cache on {node.name}")
    # the CAPITAL tables are never changed after import
    for node in ast.walk(tree):
        stored = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store)
        if stored and isinstance(node.value, ast.Name) and node.value.id.isupper():
            problems.append(f"{node.lineno}: {node.value.id}[...] assigned")
    assert not problems, f"thaw/{path.name}: module-level state: {problems}"


REGEX_CALLS = ("compile", "sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split")
TAG = re.compile(r"(?<!\(\?P)</?[A-Za-z]")  # `<div`, `</span>`; not a named group `(?P<name>`


def tag_patterns(source: str) -> list[str]:
    """The regular expressions in `source` (re.compile(...), re.sub(...), ...) that match tag text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in REGEX_CALLS
            and getattr(node.func.value, "id", "") == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and TAG.search(node.args[0].value)
        ):
            found.append(node.args[0].value)
    return found


def test_the_tag_check_finds_a_regex_over_tags():
    assert tag_patterns("""import re\nre.compile(r\'<span class="(?:n|w)">\')\n""")
    assert not tag_patterns("""import re\nre.compile(r"^(?P<indent>\\s*)")\n""")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_plugin_edits_no_tag_with_a_regular_expression(path):
    """HTML goes through thaw/html.py's parser; a pattern over tag text (`<div ...`, `</span>`) is
    the regex-keyed markup the parser replaced. (Markdown markers `<!-- thaw:... -->` are not tags.)"""
    found = tag_patterns(path.read_text(encoding="utf-8"))
    assert not found, f"thaw/{path.name}: a regular expression over tags: {found}"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {"exec_cache": "", "exec_cache_refresh": False, "pdf": False, "seeds": ""}),
        ({"THAW_PDF": "1", "THAW_EXEC_CACHE_REFRESH": "1"}, {"pdf": True, "exec_cache_refresh": True}),
        ({"THAW_EXEC_CACHE": "", "THAW_SEEDS": "seeds.json"}, {"exec_cache": "", "seeds": "seeds.json"}),
        ({"THAW_EXEC_CACHE": "/tmp/x"}, {"exec_cache": "/tmp/x"}),
    ],
)
def test_the_options_come_from_mkdocs_yml_as_the_commands_set_them(monkeypatch, environment, expected):
    """make and the workflow set THAW_* variables; mkdocs.yml's !ENV turns them into the plugin's
    typed options (1 and an empty value included), which the plugin reads instead."""
    for name in ("THAW_PDF", "THAW_EXEC_CACHE", "THAW_EXEC_CACHE_REFRESH", "THAW_SEEDS", "THAW_FENCE_RECORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    options = _config().plugins["thaw"].config
    assert {name: options[name] for name in expected} == expected
