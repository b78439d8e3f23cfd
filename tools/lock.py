"""`make lock`: requirements.lock, every package pinned with its hashes, from requirements.txt.

requirements.txt holds the direct dependencies, pinned; the lock holds the whole set they
pull in, resolved by pip-tools (pip-compile 7.6.2, installed into a throwaway venv) with
pip's own configuration on this machine, so the torch it resolves is the CPU build that
`make` installs. torch is the one package without a hash: its CPU build (`2.13.0+cpu`, from
PyTorch's CPU index or a local wheel) is a different file from PyPI's `torch==2.13.0` (a
CUDA build with other dependencies), so no hash could hold wherever it is installed from.
The lock names it on a `# torch-pin:` line, and the Makefile installs it by version, in its
own step, after the hashed set (which holds torch's own dependencies).

`python tools/lock.py --check` (stdlib only; the Makefile runs it before installing, and
tests/test_lock.py in `make test`) fails when a direct pin is missing from the lock or
pinned there at another version: run `make lock` after changing requirements.txt.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
LOCK = ROOT / "requirements.lock"
PIP_TOOLS = "pip-tools==7.6.2"
UNHASHED = "torch"
TORCH_PIN = "# torch-pin: "
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
HEADER = f"""#
# Thaw: made by `make lock` (tools/lock.py) from requirements.txt; do not edit by hand.
# `make` installs it with `pip install --require-hashes --no-deps -r requirements.lock`,
# then torch by version alone, in its own step: its CPU build (PyTorch's CPU index, or a
# local wheel via pip's find-links) is not PyPI's torch==2.13.0 (a CUDA build with other
# dependencies), so no hash here could hold for both. Its dependencies are hashed below.
{TORCH_PIN}"""


def name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(text: str) -> dict[str, str]:
    """{normalised name: version} of every `name==version` line (and the torch-pin line)."""
    text = text.replace(TORCH_PIN, "")
    return {name(n): v for n, v in PIN.findall(text)}


def mismatches(requirements: str, lock: str) -> list[str]:
    """Each direct pin that the lock lacks or pins at another version (a local label like +cpu aside)."""
    locked = pins(lock)
    problems = []
    for package, version in pins(requirements).items():
        if package not in locked:
            problems.append(f"{package}=={version} is not in requirements.lock")
        elif locked[package].split("+")[0] != version:
            problems.append(
                f"{package}: requirements.txt pins {version}, requirements.lock {locked[package]}"
            )
    return problems


def torch_apart(compiled: str) -> str:
    """Move torch's block (pin, hashes, `# via`) out of hash-checked mode, onto the torch-pin line."""
    hashes, notes = r"( \\\n(    --hash=\S+( \\)?\n)+)?", r"(    # via.*\n(    #.*\n)*)?"
    block = re.search(rf"^{UNHASHED}==(\S+){hashes}{notes}", compiled, re.MULTILINE)
    if not block:
        sys.exit(f"pip-compile's output has no {UNHASHED}== line")
    rest = compiled.replace(block[0], "")
    first_pin = re.search(r"^[A-Za-z0-9]", rest, re.MULTILINE).start()
    # the version alone: `torch==2.13.0` takes the CPU wheel where pip finds one (a local label
    # like +cpu is ignored by a pin without one) and PyPI's build elsewhere
    version = block[1].split("+")[0]
    return rest[:first_pin] + HEADER + f"{UNHASHED}=={version}\n#\n" + rest[first_pin:]


def compile_lock() -> None:
    with tempfile.TemporaryDirectory(prefix="thaw-lock-") as tmp:
        venv, out = Path(tmp) / "venv", Path(tmp) / "requirements.lock"
        # compiled from a copy beside the output, so the lock's notes name no path of this machine
        (Path(tmp) / "requirements.txt").write_text(
            REQUIREMENTS.read_text(encoding="utf-8"), encoding="utf-8"
        )
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "--quiet", PIP_TOOLS], check=True)
        subprocess.run(
            [
                venv / "bin" / "pip-compile",
                "--quiet",
                "--generate-hashes",
                "--allow-unsafe",
                "--strip-extras",
                "--no-emit-index-url",
                "--no-emit-find-links",
                "--output-file",
                "requirements.lock",
                "requirements.txt",
            ],
            check=True,
            cwd=tmp,
        )
        LOCK.write_text(torch_apart(out.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {LOCK.relative_to(ROOT)}: {len(pins(LOCK.read_text(encoding='utf-8')))} packages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the lock against requirements.txt")
    args = parser.parse_args()
    if not args.check:
        compile_lock()
    if not LOCK.exists():
        sys.exit("requirements.lock is missing: run `make lock`")
    problems = mismatches(REQUIREMENTS.read_text(encoding="utf-8"), LOCK.read_text(encoding="utf-8"))
    if problems:
        sys.exit(
            "requirements.lock does not match requirements.txt (run `make lock`): " + "; ".join(problems)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
