"""How a reader cites Thaw, and how robust each result is: CITATION.cff at the repository root
(GitHub's convention) checked against the Citation File Format's own schema by its own checker,
cffconvert (`make check`: it installs it apart, in .venv-cff, tools/cff/); the seeds line the
build writes under a snippet's output from `make seeds`' results (thaw/fences.py)."""

import hashlib
import json
import subprocess

import pytest
from support import ROOT

CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"


@pytest.mark.audit  # its checker lives in .venv-cff, which `make check` installs
def test_citation_cff_validates_against_its_schema():
    assert CFFCONVERT.is_file(), (
        f"{CFFCONVERT.relative_to(ROOT)} missing: `make check` installs it (tools/cff/)"
    )
    run = subprocess.run(
        [str(CFFCONVERT), "--validate", "--infile", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, f"CITATION.cff does not validate:\n{run.stdout}\n{run.stderr}"


def _sweep(text: str, outputs: list[str], exits=None):
    digest = hashlib.sha256(text.encode()).hexdigest()
    exits = exits or [0] * len(outputs)
    return [
        {"snippet": "snippets/x.py", "sha256": digest, "seed": seed, "exit": code, "stdout": out}
        for seed, (out, code) in enumerate(zip(outputs, exits))
    ]


def test_the_seeds_line_says_how_many_held_and_the_range():
    from thaw.fences import FenceRunner

    text = "SEED = 0\nprint(...)\n"
    outputs = [f"first layer 1 learns {100 + 7 * s}x slower (loss 0.{20 + s})\n" for s in range(10)]
    runner = FenceRunner()
    runner.sweep = _sweep(text, outputs, exits=[0] * 9 + [1])
    line = runner.robustness("snippets/x.py", text, "en")
    korean = runner.robustness("snippets/x.py", text, "ko")
    changed = runner.robustness("snippets/x.py", text + "# edited\n", "en")
    without = FenceRunner().robustness("snippets/x.py", text, "en")
    assert "held for 9 of 10" in line and "100–156" in line and "0.20–0.28" in line, line
    assert "1–1" not in line, f"a figure that is the same on every seed is not a range: {line}"
    assert "10번 중 9번" in korean and "100~156" in korean and "시드 0~9" in korean, korean
    assert changed == "" and without == "", "a sweep of another text, or none, shows nothing"


def test_a_build_without_the_sweep_shows_no_seeds_line(site):
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    shown = [p for p in site_dir.rglob("*.html") if "thaw-seeds" in p.read_text(encoding="utf-8")]
    assert not shown, f"seeds lines without a sweep: {shown[:3]}"


def test_a_sweep_that_is_not_make_seeds_output_fails_naming_it(tmp_path):
    from mkdocs.exceptions import PluginError

    bad = tmp_path / "seeds.json"
    bad.write_text(json.dumps({"not": "a list"}))
    with pytest.raises(PluginError, match="THAW_SEEDS=.*seeds.json: expected a list of runs"):
        __import__("thaw.fences").fences.read_sweep(str(bad))
