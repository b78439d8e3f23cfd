"""The execution cache (thaw/fences.py): an outcome is reused only while everything it depends
on is unchanged, and a change to any of it runs the fence again."""

import os
import shutil

import pytest
from support import ROOT, build_in_process, fence_runs

from thaw import fences


def test_the_key_covers_code_session_language_and_the_fence_before():
    base = fences.cache_key("env", "", "s", "print(1)", None)
    assert fences.cache_key("env", "", "s", "print(2)", None) != base  # the snippet's text
    assert fences.cache_key("env", "", "s", "print(1)", "ko") != base  # a figure's language
    assert fences.cache_key("env", "prev", "s", "print(1)", None) != base  # the session before it
    assert fences.cache_key("env2", "", "s", "print(1)", None) != base  # the environment


ENVIRONMENT = [
    "requirements.lock",
    "snippets/figures/thaw_figure.py",
    "matplotlibrc",
    "thaw/fences.py",
    "thaw/language.py",
]


@pytest.mark.parametrize("name", ENVIRONMENT)
def test_the_environment_key_covers_the_lock_the_figure_helper_and_settings(name, tmp_path):
    for each in ENVIRONMENT:
        (tmp_path / each).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / each, tmp_path / each)
    before = fences.environment_key(tmp_path)
    with (tmp_path / name).open("a", encoding="utf-8") as changed:
        changed.write("\n# changed\n")
    assert fences.environment_key(tmp_path) != before


SNIPPET = 'SEED = 0\nvalue = 41 + 1\nprint(f"value {value}")\nassert value == 42, "the value is 42"\n'
FIGURE = 'print(f"<p>figure of {value}</p>")\n'


def _site(tmp_path):
    """A site of one page: a snippet and the figure that draws from its session."""
    for shared in ("overrides", "data"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    (tmp_path / "snippets" / "figures").mkdir(parents=True)
    (tmp_path / "snippets" / "tiny.py").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "snippets" / "figures" / "tiny.py").write_text(FIGURE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA throwaway site.\n", encoding="utf-8")
    (tmp_path / "docs" / "tiny.md").write_text(
        '# Tiny\n\n```python exec="on" source="above" result="text" session="tiny" title="snippets/tiny.py"\n'
        '--8<-- "snippets/tiny.py"\n```\n\n```python exec="on" html="on" session="tiny"\n'
        '--8<-- "snippets/figures/tiny.py"\n```\n',
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n  - index.md\n  - Tiny: tiny.md\n",
        encoding="utf-8",
    )


def _build(tmp_path, n, refresh=False):
    """Build number n of the throwaway site, in process, with its execution cache in tmp_path."""
    site = tmp_path / f"site{n}"
    cache = str(tmp_path / "cache")
    passed, log = build_in_process(
        tmp_path / "mkdocs.yml", site, exec_cache=cache, exec_cache_refresh=refresh
    )
    assert passed, log[-2000:]
    runs = [r for r in fence_runs(site) if r["page"] == "docs/tiny.md" and not r["reused"]]
    return {r["include"]: ("cached" if r["cached"] else "ran") for r in runs}


def test_a_change_runs_the_fence_again_and_nothing_else_does(tmp_path, monkeypatch):
    import jinja2

    _site(tmp_path)
    figure, snippet = "snippets/figures/tiny.py", "snippets/tiny.py"
    compiled = []  # the theme's templates: compiled by the first build, then read from the cache
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda *a, **k: compiled.append(1) or real_compile(*a, **k)
    )
    assert _build(tmp_path, 1) == {snippet: "ran", figure: "ran"}
    assert compiled, "the first build compiled no template"
    compiled.clear()
    assert _build(tmp_path, 2) == {snippet: "cached", figure: "cached"}
    assert not compiled, f"a second build compiled {len(compiled)} templates again"
    (tmp_path / figure).write_text(FIGURE.replace("figure of", "a figure of"), encoding="utf-8")
    assert _build(tmp_path, 3) == {snippet: "cached", figure: "ran"}, "an edited figure file runs again"
    (tmp_path / "snippets" / "tiny.py").write_text(SNIPPET.replace("41 + 1", "40 + 2"), encoding="utf-8")
    assert _build(tmp_path, 4) == {snippet: "ran", figure: "ran"}, "an edited snippet runs, and its figure"
    assert _build(tmp_path, 5, refresh=True) == {snippet: "ran", figure: "ran"}, "a refresh runs everything"
    assert os.listdir(tmp_path / "cache" / "fences")


def test_the_template_cache_s_folder_follows_the_packages_python_and_the_environment(tmp_path):
    import jinja2

    from thaw.plugin import template_cache

    (tmp_path / "requirements.lock").write_text("jinja2==3.1.6\n", encoding="utf-8")
    env = jinja2.Environment()
    before = template_cache(tmp_path / "cache", tmp_path, env).directory
    env.add_extension("jinja2.ext.loopcontrols")
    assert template_cache(tmp_path / "cache", tmp_path, env).directory != before, (
        "an extension changes the code"
    )
    (tmp_path / "requirements.lock").write_text("jinja2==3.1.7\n", encoding="utf-8")
    env = jinja2.Environment()
    assert template_cache(tmp_path / "cache", tmp_path, env).directory != before, "the packages change it"


def test_a_figure_fence_runs_in_its_page_s_language_with_the_helper_as_it_is_now(tmp_path):
    """The figure helper (snippets/figures/thaw_figure.py) is told the edition's language when a
    fence runs (thaw/fences.py, not before each page: a build from the cache never imports it),
    and a build after an edit of it (`make serve`, this process) imports the edited one."""
    _site(tmp_path)
    helper = tmp_path / "snippets" / "figures" / "thaw_figure.py"
    helper.write_text('LANGUAGE = "en"\nVERSION = 1\n', encoding="utf-8")
    (tmp_path / "snippets" / "figures" / "tiny.py").write_text(
        'import thaw_figure\nprint(f"<p>drawn in {thaw_figure.LANGUAGE}, helper {thaw_figure.VERSION}</p>")\n',
        encoding="utf-8",
    )
    for version in (1, 2):
        helper.write_text(f'LANGUAGE = "en"\nVERSION = {version}\n', encoding="utf-8")
        site = tmp_path / f"site{version}"
        passed, log = build_in_process(tmp_path / "mkdocs.yml", site)
        assert passed, log[-2000:]
        for edition, page in (("en", "tiny"), ("ko", "ko/tiny")):
            html = (site / page / "index.html").read_text(encoding="utf-8")
            assert f"drawn in {edition}, helper {version}" in html, f"{page}: {html[-3000:]}"


def test_a_build_with_the_sweep_shows_each_claims_seeds_line(tmp_path):
    """With THAW_SEEDS naming make seeds' results, a build writes under the snippet's output how
    many seeds held and the range of its figures; thaw/fences.py reads only a sweep of this text."""
    import hashlib
    import json

    _site(tmp_path)
    digest = hashlib.sha256(SNIPPET.encode()).hexdigest()
    sweep = [
        {
            "snippet": "snippets/tiny.py",
            "sha256": digest,
            "seed": seed,
            "exit": 0,
            "stdout": f"value {40 + seed}\n",
        }
        for seed in range(10)
    ]
    (tmp_path / "seeds.json").write_text(json.dumps(sweep), encoding="utf-8")
    site = tmp_path / "site"
    passed, log = build_in_process(tmp_path / "mkdocs.yml", site, seeds=str(tmp_path / "seeds.json"))
    assert passed, log[-2000:]
    html = (site / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "held for 10 of 10" in html and "40–49" in html, "no seeds line in a build with the sweep"
    korean = (site / "ko" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "10번 중 10번" in korean, "no Korean seeds line"


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "snippets").glob("*.py")) + sorted((ROOT / "snippets" / "figures").glob("*.py")),
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_a_cached_fence_reads_nothing_its_key_leaves_out(path):
    """A fence's key holds its code (a snippet's data is a string in it: the timeline, the ILSVRC
    results), the figure helper and settings, the lock (the packages and the data they bundle,
    scikit-learn's digits) and Python: so no snippet or figure file may read a file of its own
    (tests/test_standalone.py's check of calls that read, applied to the figure files too; a figure
    file's docstring may name its page)."""
    from test_standalone import outside_reads

    reads = [r for r in outside_reads(path.read_text(encoding="utf-8")) if "names the path" not in r]
    assert not reads, f"{path.relative_to(ROOT)} reads what the execution cache's key does not cover: {reads}"


def test_a_lab_figure_is_encoded_once_across_builds(tmp_path, monkeypatch):
    """thaw/figures.py WebP keeps each lab figure's WebP in the execution cache, keyed by its PNG,
    the encoder's settings and Pillow's version: a later build reads it back; another PNG, a build
    without the cache (`make check`) and a refresh encode."""
    import base64
    import io

    from PIL import Image

    from thaw.figures import WebP

    def png(shade):
        out = io.BytesIO()
        Image.linear_gradient("L").resize((64, 64)).point(lambda v: (v + shade) % 256).save(out, "PNG")
        return base64.b64encode(out.getvalue()).decode()

    one, other = png(0), png(7)
    first = WebP(tmp_path / "webp")(one)
    assert first.startswith("data:image/webp;base64,") and len(os.listdir(tmp_path / "webp")) == 1
    encoded = []
    real_save = Image.Image.save
    monkeypatch.setattr(
        Image.Image, "save", lambda self, *a, **k: encoded.append(1) or real_save(self, *a, **k)
    )
    assert WebP(tmp_path / "webp")(one) == first and not encoded, "an unchanged figure was encoded again"
    WebP(tmp_path / "webp")(other)
    assert len(encoded) == 1, "another figure must be encoded, not read"
    assert WebP(None)(one) == first and len(encoded) == 2, "without a cache every figure is encoded"
    assert WebP(tmp_path / "webp", refresh=True)(one) == first and len(encoded) == 3, "a refresh encodes"
