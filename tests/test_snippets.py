"""Every snippet runs once, as __main__, in a temporary directory; its asserts are its claims."""

import runpy
import sys
from pathlib import Path

import pytest

SNIPPETS = sorted((Path(__file__).parent.parent / "snippets").glob("*.py"))


def test_there_are_snippets():
    assert SNIPPETS, "snippets/ holds no scripts"


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_runs_and_its_claim_holds(path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    runpy.run_path(str(path), run_name="__main__")
    # The build runs every snippet in one process: a snippet must not change global defaults.
    torch = sys.modules.get("torch")
    if torch is not None:
        assert torch.get_default_dtype() == torch.float32, f"{path.name} changed torch's default dtype"
