"""Bad input fails loudly: each fault, alone in a throwaway site, breaks the build or the
tests with a message that names the file (and the line, where the tool gives one)."""

import json
import re
import subprocess
import sys

import pytest
from support import ROOT, mkdocs_build

PAGES = {
    "missing-include": (
        (
            'Intro.\n\n```python exec="on" source="above" title="snippets/missing.py"\n'
            '--8<-- "snippets/missing.py"\n```\n'
        ),
        ["docs/bad.md:6:", "included file not found: snippets/missing.py"],
    ),
    "fence-raises": (
        'Intro.\n\nMore.\n\n```python exec="on"\nx = 1\nraise ValueError("fence went wrong")\n```\n',
        ["docs/bad.md:7:", "ValueError: fence went wrong"],
    ),
    "dead-link": (
        "See [the missing page](missing.md).\n",
        ["'bad.md'", "missing.md"],
    ),
    "dead-anchor": (
        "See [a missing section](index.md#no-such-section).\n",
        ["'bad.md'", "#no-such-section"],
    ),
}


def throwaway_site(tmp_path, page_name, nav_entry):
    """A site that inherits the real mkdocs.yml, with its own docs/ and nav."""
    for shared in ("hooks", "overrides", "data", "snippets"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA throwaway site.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n  - index.md\n  - {nav_entry}: {page_name}\n",
        encoding="utf-8",
    )
    return tmp_path / "docs" / page_name


@pytest.mark.parametrize("fault", PAGES)
def test_page_fault_fails_the_build_and_names_the_page(fault, tmp_path):
    text, expected = PAGES[fault]
    throwaway_site(tmp_path, "bad.md", "Bad").write_text(f"# Bad\n\n{text}", encoding="utf-8")
    build = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", tmp_path)
    assert build.returncode != 0, f"the build passed despite a {fault}:\n{build.stdout}"
    for needle in expected:
        assert needle in build.stdout, f"the {fault} message should say {needle!r}:\n{build.stdout}"


def test_notebook_cell_error_fails_the_build_and_names_the_notebook(tmp_path):
    page = throwaway_site(tmp_path, "notebooks/bad.ipynb", "Bad notebook")
    page.parent.mkdir()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A bad notebook"]},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": ["raise ValueError('cell went wrong')"],
        },
    ]
    page.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    build = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", tmp_path)
    assert build.returncode != 0, f"the build passed despite a failing cell:\n{build.stdout}"
    log = re.sub(r"\x1b\[[0-9;]*m", "", build.stdout)  # the kernel colours its traceback
    assert "Error reading page 'notebooks/bad.ipynb'" in log, log
    assert "ValueError: cell went wrong" in log, log


def test_failing_inline_fence_fails_pytest_with_file_and_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nText.\n\n```python\nassert 1 + 1 == 3, 'arithmetic is off'\n```\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "--markdown-docs",
            "--markdown-docs-syntax=superfences",
            "-o",
            "addopts=",
            "--rootdir",
            str(tmp_path),
            str(page),
        ],
        check=False,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert run.returncode == 1, run.stdout
    assert "page.md" in run.stdout and "arithmetic is off" in run.stdout, run.stdout
    assert "line:5" in run.stdout or "page.md:6" in run.stdout, f"no line number:\n{run.stdout}"
