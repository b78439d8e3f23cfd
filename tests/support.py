"""Helpers shared by the root conftest and the tests: fences, and running mkdocs."""

import contextlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

from thaw.fences import fences  # the build's own fence reader, so both read alike

ROOT = Path(__file__).resolve().parent.parent
INCLUDE_ONLY = re.compile(r'^(\s*--8<--\s+"[^"]+"\s*\n?)+$')
BUILD_EXEC = re.compile(r'\bexec="(on|1|true|yes)"', re.IGNORECASE)


# The test files that read the session build; conftest.py keeps them in one xdist worker.
SITE_TEST_FILES = (
    "tests/test_site.py",
    "tests/test_browser.py",
    "tests/test_snippets.py",
    "tests/test_pdf.py",
    "tests/test_citation.py",
    "tests/test_chapter_template.py",
)


# The test files that import torch (about 2.3 s with torch.optim, in each worker that does):
# conftest.py keeps them in one xdist worker too, so one import serves them all.
TORCH_TEST_FILES = ("tests/test_optimisers.py",)


def site_group(nodeid: str) -> str:
    """The xdist group of a test: "site" for the site's tests, "torch" for those that import
    torch, else the test on its own."""
    path = nodeid.split("::")[0]
    if path in SITE_TEST_FILES:
        return "site"
    return "torch" if path in TORCH_TEST_FILES else nodeid


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


def fence_record(site_dir: Path) -> Path:
    """Where a build into site_dir records each build-time fence it ran (thaw/fences.py)."""
    return site_dir.with_name(site_dir.name + ".fences.jsonl")


def fence_runs(site_dir: Path) -> list[dict]:
    """The build's fence runs, in order: page, line, lang, include, ok, error, output, reused."""
    path = fence_record(site_dir)
    return (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []
    )


def mkdocs_build(config: Path, site_dir: Path, cwd: Path, cache: bool = False) -> subprocess.CompletedProcess:
    """Run a strict `mkdocs build`; the finished process has the whole log in .stdout, and
    fence_runs(site_dir) what each build-time fence did. With `cache`, it uses the execution
    cache that THAW_EXEC_CACHE names (`make test` sets it; `make check` empties it), fences and
    notebooks alike; otherwise nothing carries over from an earlier build."""
    # No MPLBACKEND here: notebooks need the inline backend to show their figures.
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "THAW_EXEC_CACHE")}
    folder = os.environ.get("THAW_EXEC_CACHE") if cache else None
    env.update(
        NO_MKDOCS_2_WARNING="1",
        THAW_NOTEBOOK_CACHE_DIR=f"{folder}/notebooks" if folder else tempfile.mkdtemp(prefix="thaw-nb-"),
        THAW_FENCE_RECORD=str(fence_record(site_dir)),
    )
    if folder:
        env["THAW_EXEC_CACHE"] = folder
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


PYTHON_INFO = re.compile(r"\{?\s*\.?(?:python|py|python3)\b")


def _load(path: str):
    """A module of the repository that is not a package (tools/), by its path. Its
    folder goes on sys.path, as when MkDocs loads a hook or a tool runs as a script, so that
    it can import its neighbours (tools/seeds.py imports tools/snippet_run.py)."""
    folder = str((ROOT / path).parent)
    if folder not in sys.path:
        sys.path.append(folder)
    spec = importlib.util.spec_from_file_location(
        f"thaw_{Path(path).parent.name}_{Path(path).stem}", ROOT / path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


static_site = _load("tools/static_site.py")  # free_port and serve, shared with tools/bench.py


def python_fences(path: Path):
    """Every Python fence in a page, nested or not: (line, info, body)."""
    for line, info, body in fences(path.read_text(encoding="utf-8")):
        if PYTHON_INFO.match(info):
            yield line, info, body + "\n"


def load_tool(name: str):
    """tools/<name>.py as a module (tools/ is not a package)."""
    return _load(f"tools/{name}.py")


def build_in_process(config_file: Path, site_dir: Path, **thaw_options) -> tuple[bool, str]:
    """A strict build in this process, as `mkdocs build --strict` runs it: (whether it passed, its
    log and the error that stopped it). The tests' own folder for the notebook cache; the thaw
    plugin's options as given (`exec_cache="..."`, `fence_record=...`, `seeds=...`), no execution
    cache unless given, and fence_runs(site_dir) what each build-time fence did."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(f"{record.levelname}: {record.getMessage()}")

    handler, logger = Keep(level=logging.INFO), logging.getLogger("mkdocs")
    logger.addHandler(handler)
    # in the site's folder, as a reader runs mkdocs there: includes are read from it
    with contextlib.chdir(Path(config_file).parent):
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            config.plugins["mkdocs-jupyter"].config["cache_dir"] = tempfile.mkdtemp(prefix="thaw-nb-")
            options = {"exec_cache": "", "fence_record": str(fence_record(site_dir))} | thaw_options
            for name, value in options.items():
                config.plugins["thaw"].config[name] = value
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
                return True, "\n".join(lines)
            except Exception as error:  # noqa: BLE001 (the test reads what stopped the build)
                return False, "\n".join([*lines, f"{type(error).__name__}: {error}"])
            finally:
                config.plugins.on_shutdown()
        finally:
            logger.removeHandler(handler)


# As a Korean reader types: particles attached (역전파를, 르쿤이), Hangul for names the site
# writes in Latin (알렉스넷, 텐서플로: glossed at first use), a question's "-이란". Each must find
# one of its pages first or second in the browser (tests/test_browser.py, `make check`), and each
# of its words must be a word of one of those pages in the Korean search index (tests/test_site.py,
# `make test`). (mkdocs.yml: the search separator; glossary: search boost.)
KOREAN_QUERIES = [
    ("역전파를", ["backpropagation/"]),
    ("오차역전파는", ["backpropagation/"]),
    ("르쿤이", ["lenet5/"]),
    ("르쿤의 LeNet", ["lenet5/"]),
    ("알렉스넷", ["alexnet/"]),
    ("알렉스넷이", ["alexnet/"]),
    ("기울기 소실이란", ["vanishing-gradients/"]),
    ("드롭아웃은", ["alexnet/"]),
    ("배치 정규화를", ["why-spring-came/"]),
    ("심층 신뢰 신경망이란", ["deep-belief-nets/"]),
    ("이미지넷에서", ["imagenet/"]),
    ("볼록하지 않은 손실", ["non-convexity/"]),
    ("효율적 시장 가설은", ["comment-thread/"]),
    ("랜덤 포레스트와", ["svms-and-forests/"]),
    ("인공지능 겨울", ["cold-years/"]),
    ("스킵 연결이", ["resnet/", "notebooks/resnet_depth_lab/"]),
    ("XOR 문제를", ["cold-years/", "backpropagation/"]),
    ("연표", ["timeline/"]),
    ("텐서플로와 케라스", ["comment-thread/", "ledger/"]),  # the ledger's C22 row is this claim
    # Spacing variants, transliterations and synonyms (data/style_ko.yml, search_variants: the
    # build indexes them where a page writes the site's form), and full names.
    ("기울기소실", ["vanishing-gradients/"]),
    ("그래디언트 소실", ["vanishing-gradients/"]),
    ("배치정규화", ["why-spring-came/"]),
    ("심층신뢰신경망", ["deep-belief-nets/"]),
    ("랜덤포레스트", ["svms-and-forests/"]),
    ("서포트 벡터 머신", ["svms-and-forests/"]),
    ("서포트벡터머신", ["svms-and-forests/"]),
    ("합성곱신경망", ["lenet5/", "alexnet/"]),
    # the two labs that train sigmoid and ReLU networks side by side are right answers too
    (
        "렐루와 시그모이드",
        [
            "vanishing-gradients/",
            "why-spring-came/",
            "alexnet/",
            "notebooks/vanishing_gradients_lab/",
            "notebooks/deep_belief_nets_lab/",
        ],
    ),
    ("텐서플로우", ["comment-thread/", "ledger/"]),  # the ledger's C22 row is TensorFlow's
    ("르넷", ["lenet5/"]),
    ("레즈넷", ["resnet/"]),
    ("스킵 커넥션", ["resnet/", "notebooks/resnet_depth_lab/"]),
    ("비볼록 손실", ["non-convexity/"]),
    ("오버피팅", ["alexnet/", "comment-thread/"]),
    ("제프리 힌튼", ["cold-years/", "deep-belief-nets/", "backpropagation/"]),
    ("얀 르쿤", ["lenet5/"]),
    ("파마", ["comment-thread/"]),
    ("랜덤 워크", ["comment-thread/"]),
    ("이미지넷 대회", ["imagenet/"]),
    ("시그모이드 미분값", ["vanishing-gradients/"]),
]
