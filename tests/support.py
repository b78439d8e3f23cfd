"""Helpers shared by the root conftest and the tests: fences, and running mkdocs."""

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
INCLUDE_ONLY = re.compile(r'^(\s*--8<--\s+"[^"]+"\s*\n?)+$')
BUILD_EXEC = re.compile(r'\bexec="(on|1|true|yes)"', re.IGNORECASE)


def runs_at_build(info: str) -> bool:
    """markdown-exec executes this fence while the site is built."""
    return bool(BUILD_EXEC.search(info))


def includes_only(content: str) -> bool:
    """The fence's body only includes files (pymdownx.snippets)."""
    return bool(INCLUDE_ONLY.match(content))


def _mark_notest(state):
    for token in state.tokens:
        if token.type == "fence" and (includes_only(token.content) or runs_at_build(token.info)):
            info = token.info.strip()
            token.info = info[:-1] + " notest}" if info.startswith("{") else info + " notest"


def markdown_it_parser() -> MarkdownIt:
    """The parser pytest-markdown-docs uses: included and build-time fences become notest."""
    md = MarkdownIt("commonmark")
    md.core.ruler.push("thaw_notest", _mark_notest)
    return md


def mkdocs_build(config: Path, site_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run a strict `mkdocs build`; the finished process has the whole log in .stdout."""
    # No MPLBACKEND here: notebooks need the inline backend to show their figures.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    # A fresh notebook cache: nothing carries over from an earlier build.
    env.update(NO_MKDOCS_2_WARNING="1", THAW_NOTEBOOK_CACHE_DIR=tempfile.mkdtemp(prefix="thaw-nb-"))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        check=False,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )


FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>\{?\s*\.?(?:python|py|python3)\b.*)$")


def python_fences(path: Path):
    """Every Python fence in a page, nested or not: (line, info, body)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        start, ticks, indent = i + 1, match["ticks"], len(match["indent"])
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(ticks):
            body.append(lines[i][indent:])
            i += 1
        yield start, match["info"], "\n".join(body) + "\n"
        i += 1


def load_tool(name: str):
    """tools/<name>.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
