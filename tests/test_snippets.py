"""Every snippet's claim, checked where it runs: once, in the strict site build.

A chapter runs its snippet in a build-time fence (thaw/fences.py), which records what each
fence did (tests/support.py: fence_runs). Each snippet's test reads that record, so a claim
is still its own test result and a failure reads `snippet X: <assert message>`, yet the
snippet runs once per `make test`. A snippet no page runs, or one the build never reached
(it stopped earlier), fails here. That a snippet also runs on its own, copied out of the page,
is `make seeds`' job (every seed, in an empty folder).
"""

import re

import pytest
from support import ROOT, fence_runs, load_tool, python_fences, runs_at_build

SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))


def test_there_are_snippets():
    assert SNIPPETS, "snippets/ holds no scripts"


@pytest.mark.site  # reads the session build (tests/conftest.py), in its worker
@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_runs_and_its_claim_holds(path, site):
    site_dir, build = site
    name = path.relative_to(ROOT).as_posix()
    runs = [r for r in fence_runs(site_dir) if r["include"] == name]
    if not runs:
        why = "no page includes it in an exec fence"
        if any(f'"{name}"' in body and runs_at_build(info) for _, info, body in _page_fences()):
            why = "the build stopped before reaching it (see test_strict_build_succeeds)"
            if build.returncode == 0:
                why = "a page includes it, yet thaw/fences.py recorded no run of it"
        pytest.fail(f"snippet {path.stem}: never ran in the build: {why}", pytrace=False)
    for run in runs:
        where = f"{run['page']}:{run['line']}"
        if not run["ok"]:
            pytest.fail(f"snippet {path.stem}: {run['error']}\n\n{where}:\n{run['output']}", pytrace=False)
        # Every page's fences run in one process: a snippet must not change global defaults.
        if run["dtype_changed"]:
            pytest.fail(
                f"snippet {path.stem}: changed torch's default dtype to {run['dtype_changed']} ({where})",
                pytrace=False,
            )
    if all(r["reused"] for r in runs):
        pytest.fail(f"snippet {path.stem}: the build only reused a result, never ran it", pytrace=False)
    # A run from the execution cache (`make test`: unchanged code, lock and Python) held when it was
    # kept, since failures are never kept; `make check` runs every claim afresh.


def _page_fences():
    return [fence for page in sorted((ROOT / "docs").rglob("*.md")) for fence in python_fences(page)]


RANDOMNESS = re.compile(r"manual_seed|default_rng|random_state|np\.random|torch\.rand")


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_random_snippets_have_the_seed_line_make_seeds_varies(path):
    """`make seeds` (tools/seeds.py) reruns a snippet with seeds 0..9 by rewriting its `SEED = 0`
    line; a snippet that draws random numbers without one would be run once and look checked."""
    source = path.read_text(encoding="utf-8")
    if not RANDOMNESS.search(source):
        return  # deterministic (reads a data file): `make seeds` runs it once, as it should
    seeds = load_tool("seeds")
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
