"""`make seeds`: run every snippet with seeds 0..9 and check that its asserts hold on each.

A snippet is seeded when one of its lines starts `SEED = 0` (or `SEED, A, B = 0, ...`): the
seed is the only thing this tool changes. Each run copies the snippet's text (what its page's
copy button copies) alone into an empty directory and runs `python name.py` there, with no
PYTHONPATH, so seed 0 is the proof that every snippet copies and runs on its own
(OMP_NUM_THREADS=1, two at a time, as `make test` runs them). Snippets without a SEED line
(no randomness) run once.

Prints, per snippet, how many seeds passed and each seed's last output line (--verbose:
the whole output; --quiet: only the summary), writes everything to seeds.json, and exits 1 naming the snippet, the seed and the
failing assert when any seed fails. `make test` runs seed 0 only; this is the slower sweep
(about three minutes on two cores) behind the "seeds 0..9 pass" that every issue asks for.
"""

import argparse
import hashlib
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from snippet_run import run_snippet  # tools/snippet_run.py: a snippet's text alone in an empty folder

ROOT = Path(__file__).resolve().parent.parent
SEED_LINE = re.compile(r"^(SEED = )0\b|^(SEED, [\w, ]+ = )0,", re.MULTILINE)


def seeded_source(source: str, seed: int) -> str:
    return SEED_LINE.sub(
        lambda m: f"{m.group(1) or m.group(2)}{seed}" + ("" if m.group(1) else ","), source, count=1
    )


def run(path: Path, seed: int | None) -> dict:
    # As a reader runs a snippet copied from its page (tools/snippet_run.py): only its SEED line
    # changed, and at seed 0 not even that.
    source = path.read_text(encoding="utf-8")
    done = run_snippet(
        path,
        source if seed is None else seeded_source(source, seed),
        env={"OMP_NUM_THREADS": "1"},
    )
    return {
        "snippet": str(path.relative_to(ROOT)),
        "sha256": hashlib.sha256(source.encode()).hexdigest(),  # the build shows a sweep of this text only
        "seed": seed,
        "exit": done.exit,
        "seconds": round(done.seconds, 2),
        "stdout": done.stdout,
        "error": done.error,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", nargs="*", help="snippet names or paths (default: all)")
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1 (default 10)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quiet", action="store_true", help="only the per-snippet summary")
    parser.add_argument("--verbose", "-v", action="store_true", help="each seed's whole output")
    parser.add_argument("--output", default=str(ROOT / "seeds.json"))
    args = parser.parse_args()
    paths = [ROOT / "snippets" / f"{Path(name).stem}.py" for name in args.snippets] or sorted(
        (ROOT / "snippets").glob("*.py")
    )
    for path in paths:
        if not path.exists():
            sys.exit(f"{path}: no such snippet")
    jobs = [
        (path, seed)
        for path in paths
        for seed in (range(args.seeds) if SEED_LINE.search(path.read_text(encoding="utf-8")) else [None])
    ]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda job: run(*job), jobs))

    failures = []
    for path in paths:
        name = str(path.relative_to(ROOT))
        mine = [r for r in results if r["snippet"] == name]
        passed = sum(r["exit"] == 0 for r in mine)
        label = "not seeded, ran once" if mine[0]["seed"] is None else f"{passed}/{len(mine)} seeds pass"
        seconds = sorted(r["seconds"] for r in mine)
        took = f"{seconds[0]:.1f} s" if len(mine) == 1 else f"{seconds[0]:.1f}-{seconds[-1]:.1f} s each"
        print(f"\n{name}: {label} ({took}, {args.jobs} at a time)")
        for r in mine:
            if r["exit"]:
                failures.append(f"{name}, seed {r['seed']}: {r['error'] or 'exit ' + str(r['exit'])}")
            if not args.quiet or r["exit"]:
                lines = [line.rstrip() for line in r["stdout"].strip().splitlines()] or ["(no output)"]
                shown = lines if args.verbose else lines[-1:]
                print(
                    ("  output: " if r["seed"] is None else f"  seed {r['seed']}: ")
                    + "\n          ".join(shown)
                    + (f"\n    FAILED: {r['error']}" if r["exit"] else "")
                )
    Path(args.output).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"every seed passed: {len(results)} runs of {len(paths)} snippets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
