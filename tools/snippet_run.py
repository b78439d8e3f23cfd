"""Run a snippet as a reader runs it: its text alone in an empty folder, `python name.py` there.

The one home of that run. `make seeds` (tools/seeds.py) runs every snippet this way with each
seed and OMP_NUM_THREADS=1; `make bench-code` (tools/bench.py) times it in the reader's own
environment. Nothing of this repository is on the path (PYTHONPATH is dropped), so a run that
passes is also the proof that the text a page's copy button copies works on its own.
"""

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    exit: int
    seconds: float
    stdout: str
    stderr: str

    @property
    def error(self) -> str:
        """The last line of stderr when the run failed (an assert's message, say), else ""."""
        lines = self.stderr.strip().splitlines()
        return lines[-1] if self.exit and lines else ""


def run_snippet(path: Path, source: str | None = None, env: dict[str, str] | None = None) -> Run:
    """`python name.py` in an empty folder holding only `source` (default: the file's text) as
    name.py; `env` is added to this process's environment, less PYTHONPATH."""
    text = path.read_text(encoding="utf-8") if source is None else source
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | (env or {})
    with tempfile.TemporaryDirectory() as workdir:
        (Path(workdir) / path.name).write_text(text, encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, path.name],
            check=False,
            cwd=workdir,
            text=True,
            capture_output=True,
            env=environment,
        )
        seconds = time.perf_counter() - start
    return Run(done.returncode, seconds, done.stdout, done.stderr)
