"""How the build runs a lab notebook (thaw/notebooks.py's execute_notebook, which
`make bench-code` times too): in a fresh kernel that has one OpenMP thread whatever the build's
environment says, so that two kernels side by side on two cores do not spin against each other."""

import json
import re
from pathlib import Path

import pytest
from support import ROOT


def _notebooks():
    """thaw/notebooks.py, imported by the test that uses it: its import (nbconvert) costs about
    a second, which pytest would otherwise pay while collecting, in every xdist worker."""
    from thaw import notebooks

    return notebooks


def test_a_kernel_gets_one_thread_when_the_build_has_more(monkeypatch, tmp_path):
    monkeypatch.setenv("OMP_NUM_THREADS", "4")  # a reader's setting; it used to turn the prefetch off
    notebook = tmp_path / "threads.ipynb"
    cell = {
        "cell_type": "code",
        "id": "threads",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": ["import os\n", "print(os.environ['OMP_NUM_THREADS'])"],
    }
    notebook.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    executed = _notebooks().execute_notebook(notebook)
    (output,) = executed.cells[0].outputs
    assert output["text"].strip() == "1", f"the kernel ran with OMP_NUM_THREADS={output['text'].strip()}"


NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


def _language_cells(notebook: Path) -> str:
    """The notebook's parameters cell (LANGUAGE) and the cell after it (the fonts and tr())."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tagged = [i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, f"{notebook.name}: one cell tagged parameters, found {len(tagged)}"
    return "".join(cells[tagged[0]]["source"]) + "\n", "".join(cells[tagged[0] + 1]["source"])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_lab_labels_are_korean_only_where_a_hangul_font_is(notebook, monkeypatch):
    """Run as the Korean page runs it (LANGUAGE = "ko"), a lab labels its figures in Korean when
    matplotlib has a Hangul font, and in English when it has none (Colab, a bare Jupyter): never
    Korean text drawn as empty boxes."""
    from matplotlib import font_manager

    parameters, helper = _language_cells(notebook)
    assert re.fullmatch(r'(#[^\n]*\n)*LANGUAGE = "en"\n', parameters), f"{notebook.name}: {parameters!r}"
    assert "tr(" in "".join(
        "".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"][3:]
    ), f"{notebook.name}: no figure label goes through tr()"
    fonts = font_manager.fontManager.ttflist
    without = [f for f in fonts if f.name != "NanumGothic" and "CJK" not in f.name and "KR" not in f.name]
    for available, expected in ((without, "English"), (without + [_nanum()], "한국어")):
        monkeypatch.setattr(font_manager.fontManager, "ttflist", available)
        scope = {}
        exec(parameters.replace('"en"', '"ko"') + helper, scope)  # noqa: S102
        assert scope["tr"]("English", "한국어") == expected, f"{notebook.name} with {len(available)} fonts"
    monkeypatch.undo()
    import matplotlib

    matplotlib.rcdefaults()


def _nanum():
    from matplotlib import font_manager

    path = _notebooks().hangul_font()
    return font_manager.FontEntry(fname=path, name="NanumGothic")


def test_a_korean_run_needs_the_parameters_cell(tmp_path):
    """A lab without a cell tagged "parameters" cannot be run for its Korean page: the build says
    which notebook, not a bare error."""
    import nbformat
    from mkdocs.exceptions import PluginError

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(PluginError, match=r"lab\.ipynb: needs one code cell tagged \"parameters\""):
        _notebooks()._inject_language(notebook, tmp_path / "lab.ipynb", "ko")
