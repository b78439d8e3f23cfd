"""Lab notebooks open in Colab: the link on their pages, and notebooks that run there.

The link comes from overrides/partials/colab.html, rendered here with the theme's own
Jinja environment and the real mkdocs.yml (REPO_URL set or not), for every lab in the nav.
Colab opens the notebook alone, from GitHub: it must need no file of the repository and no
package beyond those Colab ships (torch, numpy, scikit-learn, matplotlib).
"""

import ast
import json
import re
import sys
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from support import ROOT

NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
COLAB_PACKAGES = {"torch", "numpy", "sklearn", "matplotlib"}
COLAB_LINK = "https://colab.research.google.com/github/"


def render_colab(monkeypatch, repo_url, notebook):
    if repo_url is None:
        monkeypatch.delenv("REPO_URL", raising=False)
    else:
        monkeypatch.setenv("REPO_URL", repo_url)
    monkeypatch.delenv("REPO_BRANCH", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    page = SimpleNamespace(nb_url=notebook.name, file=SimpleNamespace(src_uri=f"notebooks/{notebook.name}"))
    template = config.theme.get_env().get_template("partials/colab.html")
    return template.render(config=config, page=page)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_colab_link_points_at_the_notebook_in_the_repository(monkeypatch, notebook):
    html = render_colab(monkeypatch, "https://github.com/someone/thaw/", notebook)
    expected = f"{COLAB_LINK}someone/thaw/blob/main/docs/notebooks/{notebook.name}"
    assert f'href="{expected}"' in html, html
    assert html.count("<a ") == 1


@pytest.mark.parametrize("repo_url", [None, "", "https://gitlab.com/someone/thaw"])
def test_no_colab_link_without_a_github_repository(monkeypatch, repo_url):
    assert "colab" not in render_colab(monkeypatch, repo_url, NOTEBOOKS[0]).lower()


def test_notebook_pages_include_the_colab_link():
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '{% include "partials/colab.html" %}' in template


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_alone_with_what_colab_ships(notebook):
    """Every import is the standard library or a package Colab has; no cell reads a repository file."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    problems = []
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        for node in ast.walk(ast.parse(source)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                if top not in COLAB_PACKAGES and top not in sys.stdlib_module_names:
                    problems.append(f"cell {number}: imports {name}, which Colab does not have")
                if top in {"runpy", "importlib"}:
                    problems.append(f"cell {number}: runs code from a file ({name})")
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in {
                "open",
                "read_text",
                "read_bytes",
                "run_path",
            }:
                problems.append(f"cell {number}: reads a file (line {node.lineno})")
    assert not problems, f"{notebook.relative_to(ROOT)} needs more than Colab has:\n" + "\n".join(problems)


COPY_HEADER = re.compile(r"^# snippets/(?P<name>\w+\.py), the chapter's script, copied here.*\n#.*\n")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_copied_script_is_the_file_itself(notebook):
    """A lab that runs its chapter's script holds a copy (Colab has no repository files); the
    snippet stays the one source: the copy must be the file, byte for byte."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells, start=1):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and (match := COPY_HEADER.match(source)):
            snippet = ROOT / "snippets" / match["name"]
            assert source[match.end() :] == snippet.read_text(encoding="utf-8").rstrip("\n"), (
                f"{notebook.relative_to(ROOT)}, cell {number}: not the same as snippets/{match['name']}; "
                "copy the file into the cell, below its two comment lines"
            )
