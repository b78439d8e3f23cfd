"""Every snippet runs once, as __main__, in a temporary directory; its asserts are its claims."""

import importlib.util
import re
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


def _seeds_tool():
    spec = importlib.util.spec_from_file_location(
        "seeds", Path(__file__).parent.parent / "tools" / "seeds.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RANDOMNESS = re.compile(r"manual_seed|default_rng|random_state|np\.random|torch\.rand")


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_random_snippets_have_the_seed_line_make_seeds_varies(path):
    """`make seeds` (tools/seeds.py) reruns a snippet with seeds 0..9 by rewriting its `SEED = 0`
    line; a snippet that draws random numbers without one would be run once and look checked."""
    source = path.read_text(encoding="utf-8")
    if not RANDOMNESS.search(source):
        return  # deterministic (reads a data file): `make seeds` runs it once, as it should
    seeds = _seeds_tool()
    lines = [n for n, line in enumerate(source.splitlines(), 1) if seeds.SEED_LINE.match(line)]
    assert lines, f"{path.name}: draws random numbers but has no line starting `SEED = 0` for `make seeds`"
    changed = [
        line for line in seeds.seeded_source(source, 7).splitlines() if line not in source.splitlines()
    ]
    assert len(changed) == 1 and "7" in changed[0], (
        f"{path.name}:{lines[0]}: `make seeds` could not set the seed"
    )
    literal = re.search(r"(manual_seed|default_rng|random_state=|RandomState)\(?\s*\d", source)
    assert not literal, (
        f"{path.name}: `{literal and literal.group(0)}...` seeds with a number, not SEED; `make seeds` cannot vary it"
    )
