"""requirements.lock holds every direct pin of requirements.txt at the same version (tools/lock.py)."""

from support import ROOT, load_tool

lock = load_tool("lock")


def test_lock_matches_the_direct_pins():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    locked = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert lock.pins(requirements), "requirements.txt pins nothing"
    problems = lock.mismatches(requirements, locked)
    assert not problems, "requirements.lock is stale; run `make lock`: " + "; ".join(problems)


def test_every_locked_package_but_torch_has_a_hash():
    entries = (ROOT / "requirements.lock").read_text(encoding="utf-8").split("\n")
    pinned = [i for i, line in enumerate(entries) if lock.PIN.match(line)]
    unhashed = [entries[i].split()[0] for i in pinned if "--hash=" not in entries[i + 1]]
    assert len(pinned) > 50 and not unhashed, f"pinned without a hash: {unhashed}"
    torch = [line for line in entries if line.startswith(lock.TORCH_PIN)]
    assert len(torch) == 1, (
        "requirements.lock needs one `# torch-pin: torch==...` line (the Makefile installs it)"
    )


def test_a_changed_pin_is_caught():
    requirements = "numpy==2.4.6\ntorch==2.13.0\n"
    assert not lock.mismatches(requirements, "# torch-pin: torch==2.13.0+cpu\nnumpy==2.4.6 \\\n")
    assert lock.mismatches("numpy==2.4.7\n", "numpy==2.4.6 \\\n")
    assert lock.mismatches("scipy==1.0\n", "numpy==2.4.6 \\\n")
