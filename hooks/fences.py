"""Run the build-time Python fences (`python exec="on"`): once each, named by page and line.

markdown-exec finds the fences and renders their output; this hook gives it the function that
runs them, through the public ways both plugins offer: pymdownx.superfences' `custom_fences`
(the entry markdown-exec registers for `python`) and markdown-exec's `base_format`. It adds:

- One run per snippet across languages. The English and Korean pages hold the same fences (a
  test checks that), so a fence that includes a snippet (snippets/*.py, the claims, which know
  no page language) runs once per build, and its output is reused for the other language. Every
  other fence (figures, tables: they may label their output in the page's language, however it
  is told) runs once per language. That rule is `_reuse_key`, the whole cache logic. Results
  are kept while snippets/ and data/ are unchanged (checked once per build), so `make serve`
  reruns only what an edit can change.
- Failures that name the page and line: a failing fence logs one warning,
  `docs/page.md:42: snippets/x.py failed:` and its traceback (which `--strict` turns into a
  failed build), and the page shows the traceback.
- Global defaults kept: every page's fences run in this one process, so a fence that changes
  torch's default dtype is reported (a warning, so the strict build fails) and the default
  restored before the next fence runs; pyplot's figures are closed after each page.
- An execution cache, when THAW_EXEC_CACHE names its folder (`make serve`, `make site` and
  `make test` set .cache/thaw; `make check`, `make seeds` and a fresh clone run everything). A
  fence's successful outcome is kept under the SHA-256 of all it depends on: its code (a
  snippet's code is its file), the page language where it is not a snippet, the key of the fence
  before it in its session (a figure draws from its snippet's variables), the helper and
  settings every figure reads (snippets/figures/thaw_figure.py, matplotlibrc), the runner
  (this file and hooks/page_language.py), requirements.lock and the Python version. A hit is not run; a miss in a session whose earlier fences were hits
  runs those first, for their variables. Failures are never kept. THAW_EXEC_CACHE_REFRESH=1
  runs everything and rewrites the cache (markdown-exec's unreleased cache keys on code and
  options, in .markdown-exec-cache/, refreshed by MARKDOWN_EXEC_CACHE_REFRESH=1; this one is the
  same shape, with the lock and the Python version in its key).
- Provenance under each snippet's output: one quiet line, in the page's language, naming the
  file (a download of its exact bytes, hooks/snippet_files.py), a short SHA-256 of its content,
  its seed, the versions of Python, torch and numpy, and the build date, so a reader knows what
  printed the numbers above it. tests/test_site.py checks each hash against the file.
- A record of every fence run, for the tests: when THAW_FENCE_RECORD names a file, each fence
  appends one JSON line (page, line, language, the snippet it includes, ok or the error,
  output, seconds, whether the run was reused). tests/test_snippets.py reads it: the build is
  where each snippet's claim is checked, once per `make test`.
"""

import hashlib
import json
import linecache
import logging
import os
import platform
import re
import sys
import time
import traceback
from functools import partial
from io import StringIO
from pathlib import Path
from types import ModuleType

import markdown_exec
import page_language  # hooks/page_language.py: the one way to know the page's language
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.fences")
_ROOT = Path(__file__).resolve().parent.parent
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>.*)$")
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
_EXEC = re.compile(r'\bexec="(on|1|true|yes)"', re.IGNORECASE)

_state = {
    "version": None,
    "results": {},
    "sessions": {},
    "page": None,
    "lang": "en",
    "fences": [],
    "used": [],
    "url": "",
    "date": time.strftime("%Y-%m-%d"),
    "sweep": [],
    "chains": {},  # (page, session) -> the last fence's cache key, and the fences so far
    "ran": {},  # session -> the code run into its namespace this build
    "environment": "",
    "root": _ROOT,  # the site's folder (the config file's), where includes are read
}


def _inputs_version() -> float:
    files = [p for d in ("snippets", "data") for p in (_state["root"] / d).rglob("*") if p.is_file()]
    return max((p.stat().st_mtime for p in files), default=0.0)


def fences(markdown: str):
    """Every fenced block, nested or not, in order: (line of its opening fence, info, body).

    The one fence reader of the repository (tests/support.py reads pages with it too); the
    body is dedented by the opening fence's indent.
    """
    lines, i = markdown.splitlines(), 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        i += 1
        if not match:
            continue
        start, indent, body = i, len(match["indent"]), []
        while i < len(lines) and not lines[i].strip().startswith(match["ticks"]):
            body.append(lines[i][indent:])
            i += 1
        i += 1
        yield start, match["info"], "\n".join(body)


def exec_fences(markdown: str) -> list[dict]:
    """The page's build-time fences in order: line, body and the file it includes, if that is all."""
    found = []
    for line, info, body in fences(markdown):
        if _EXEC.search(info):
            include = _INCLUDE.match(body) if "\n" not in body else None
            found.append({"line": line, "body": body, "include": include and include[1]})
    return found


def _locate(code: str) -> dict:
    """The page fence this code came from: an include of a file holding it, or the same text."""
    for index, fence in enumerate(_state["fences"]):
        if index in _state["used"]:
            continue
        text = fence["body"]
        if fence["include"]:
            path = _state["root"] / fence["include"]
            text = path.read_text(encoding="utf-8") if path.is_file() else None
        if text is not None and text.strip() == code.strip():
            _state["used"].append(index)
            return fence
    return {"line": 0, "include": None}


def _print(buffer, *texts, end="\n", **kwargs):
    buffer.write(" ".join(str(text) for text in texts) + end)


def _execute(code: str, session: str, filename: str) -> tuple[bool, str, str]:
    """Run code in its session's globals; returns (ok, output, error) with print captured."""
    scope = _state["sessions"].setdefault(session, {}) if session else {}
    # Libraries expect a function's module to exist (dataclasses, pickle), as markdown-exec does.
    module = "thaw_fence_" + re.sub(r"\W+", "_", session or filename)
    scope["__name__"] = module
    sys.modules[module] = ModuleType(module)
    buffer = StringIO()
    scope["print"] = partial(_print, buffer)
    lines = code.splitlines(keepends=True)
    linecache.cache[filename] = (len(code), None, lines, filename)  # the traceback shows the code
    try:
        exec(compile(code, filename, "exec"), scope)  # noqa: S102 (the point of a build-time fence)
    except Exception as error:  # noqa: BLE001 (any error a fence raises is reported, with its page)
        trace = traceback.format_exception(error)
        ours = [i for i, text in enumerate(trace) if f'File "{filename}"' in text]
        trace = trace[:1] + trace[ours[0] :] if ours else trace  # drop this hook's own frames
        message = str(error) if isinstance(error, AssertionError) and str(error) else ""
        message = message or "".join(traceback.format_exception_only(error)).strip()
        return False, buffer.getvalue() + "".join(trace), message
    return True, buffer.getvalue(), ""


def _default_dtype_changed() -> str:
    torch = sys.modules.get("torch")
    if torch is None or torch.get_default_dtype() == torch.float32:
        return ""
    changed = str(torch.get_default_dtype())
    torch.set_default_dtype(torch.float32)
    return changed


def _reuse_key(session: str, code: str, include: str | None) -> tuple:
    """Same key, same output: a snippet's across languages, any other fence's within one."""
    claim = include is not None and Path(include).parent == Path("snippets")
    return (session, code, None if claim else _state["lang"])


def environment_key(root: Path = _ROOT) -> str:
    """What every fence's outcome depends on besides its own code: the lock, the Python version,
    and the helper and settings every figure reads."""
    digest = hashlib.sha256(sys.version.encode())
    # the runner (this file) and the language it tells figures (page_language.py) shape outcomes too
    for name in (
        "requirements.lock",
        "snippets/figures/thaw_figure.py",
        "matplotlibrc",
        "hooks/fences.py",
        "hooks/page_language.py",
    ):
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


def cache_key(environment: str, previous: str, session: str, code: str, language: str | None) -> str:
    """A fence's key in the execution cache (see the module's docstring)."""
    parts = (environment, previous, session, language or "", code)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _cache_file(key: str) -> Path | None:
    folder = os.environ.get("THAW_EXEC_CACHE")
    return Path(folder) / "fences" / f"{key}.json" if folder else None


def _run_for_real(code: str, session: str, name: str, options: dict) -> tuple[bool, str, str, float]:
    workdir, width, start = options.get("workdir"), options.get("width") or None, time.perf_counter()
    with markdown_exec.working_directory(workdir), markdown_exec.console_width(width):
        ok, output, error = _execute(code, session, name)
    return ok, output, error, round(time.perf_counter() - start, 2)


def _run(code: str, options: dict) -> dict:
    session = options.get("session") or ""
    fence = _locate(code)
    where = f"{_state['page']}:{fence['line']}"
    name = fence["include"] or f"{where} (fence)"
    key = _reuse_key(session, code, fence["include"])
    reused = key in _state["results"]
    chain = _state["chains"].setdefault((_state["page"], session), {"key": "", "earlier": []})
    persistent = cache_key(_state["environment"], chain["key"], session, code, key[2])
    cache = _cache_file(persistent)
    refresh = os.environ.get("THAW_EXEC_CACHE_REFRESH") == "1"
    cached = not reused and cache is not None and cache.is_file() and not refresh
    if cached:
        _state["results"][key] = json.loads(cache.read_text(encoding="utf-8"))
    elif not reused:
        ran = _state["ran"].setdefault(session, set())
        for earlier in chain["earlier"]:  # the session's fences before this one, if a hit skipped them
            if earlier[0] not in ran:
                _run_for_real(*earlier)
                ran.add(earlier[0])
        ok, output, error, seconds = _run_for_real(code, session, name, options)
        ran.add(code)
        dtype = _default_dtype_changed()
        if not ok:
            log.warning(f"{where}: {fence['include'] or 'fence'} failed:\n{output}")
        if dtype:
            log.warning(
                f"{where}: {fence['include'] or 'fence'} changed torch's default dtype to {dtype}; every"
                " page's fences run in one process, so it must leave it float32 (restored)"
            )
        _state["results"][key] = {
            "ok": ok,
            "output": output,
            "error": error,
            "dtype_changed": dtype,
            "seconds": seconds,
        }
        if cache is not None and ok and not dtype:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(_state["results"][key], ensure_ascii=False), encoding="utf-8")
    chain["key"] = persistent
    chain["earlier"].append((code, session, name, options))
    result = dict(_state["results"][key], include=fence["include"])
    _record(
        page=_state["page"],
        line=fence["line"],
        lang=_state["lang"],
        include=fence["include"],
        session=session,
        code_sha256=hashlib.sha256(code.strip().encode()).hexdigest(),
        reused=reused,
        cached=cached,
        **{k: v for k, v in result.items() if k != "include"},
    )
    return result


def _record(**entry):
    path = os.environ.get("THAW_FENCE_RECORD")
    if path:
        with open(path, "a", encoding="utf-8") as record:
            record.write(json.dumps(entry, ensure_ascii=False) + "\n")


_SEED = re.compile(r"^SEED(?:, [\w, ]+)? = (\d+)", re.MULTILINE)
PROVENANCE = {
    "en": "Printed by {file} (SHA-256 {sha}), {seed}, with Python {python}, torch {torch} and numpy {numpy}; built {date}.",
    "ko": "위 출력을 낸 코드: {file} (SHA-256 {sha}), {seed}, 파이썬 {python}, torch {torch}, numpy {numpy}, {date} 빌드.",
}
SEEDS = {"en": ("seed {0}", "no random numbers"), "ko": ("시드 {0}", "난수 없음")}


def provenance(include: str, language: str, page_url: str) -> str:
    """The line under a snippet's output: what printed it, and with what."""
    from importlib.metadata import version

    text = (_state["root"] / include).read_text(encoding="utf-8")
    seed = _SEED.search(text)
    with_seed, without = SEEDS[language]
    link = f'<a href="{get_relative_url(include, page_url)}" download><code>{include}</code></a>'
    line = PROVENANCE[language].format(
        file=link,
        sha=f"<code>{hashlib.sha256(text.encode()).hexdigest()[:12]}</code>",
        seed=with_seed.format(seed[1]) if seed else without,
        python=platform.python_version(),
        torch=version("torch").split("+")[0],
        numpy=version("numpy"),
        date=_state["date"],
    )
    return f'<p class="thaw-provenance">{line}</p>' + robustness(include, text, language)


ROBUSTNESS = {
    "en": "Over seeds {first}–{last} (<code>make seeds</code>), the claim held for {held} of {runs}; {figures}.",
    "ko": "시드 {first}–{last}(<code>make seeds</code>)에서 주장은 {runs}번 중 {held}번 성립했고, {figures}.",
}
FIGURES = {
    "en": ("its last line's figures ranged over {ranges}", "its last line was the same on every seed"),
    "ko": ("마지막 줄의 수치는 {ranges} 범위였습니다", "마지막 줄은 모든 시드에서 같았습니다"),
}
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def robustness(include: str, text: str, language: str) -> str:
    """The line under the provenance when the build has `make seeds`' results (THAW_SEEDS names
    its seeds.json): how many seeds held the claim, and the range over them of each figure on the
    snippet's last line of output that varies. Nothing without the sweep, for a snippet without a
    seed, or for a sweep of another version of the file (its SHA-256 differs)."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    runs = [r for r in _state["sweep"] if r.get("snippet") == include and r.get("seed") is not None]
    if not runs or any(r.get("sha256") != digest for r in runs):
        return ""
    held = [r for r in runs if r["exit"] == 0]
    lasts = [(r["stdout"].strip().splitlines() or [""])[-1] for r in held]
    columns = list(zip(*(_NUMBER.findall(line) for line in lasts)))
    if held and all(len(_NUMBER.findall(line)) == len(columns) for line in lasts):
        spans = [f"{min(c, key=_value)}–{max(c, key=_value)}" for c in columns if len(set(c)) > 1]
    else:
        spans = []
    varying, same = FIGURES[language]
    seeds = sorted(r["seed"] for r in runs)
    line = ROBUSTNESS[language].format(
        first=seeds[0],
        last=seeds[-1],
        held=len(held),
        runs=len(runs),
        figures=varying.format(ranges=", ".join(spans)) if spans else same,
    )
    return f'<p class="thaw-provenance thaw-seeds">{line}</p>'


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def read_sweep(path: str | None) -> list[dict]:
    """The runs `make seeds` wrote to `path` (seeds.json), or none without one; a file that is
    not such a list fails the build naming it."""
    if not path:
        return []
    try:
        runs = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"THAW_SEEDS={path}: not a seeds.json that make seeds wrote ({error})") from error
    if not isinstance(runs, list) or not all(isinstance(r, dict) and "snippet" in r for r in runs):
        raise PluginError(f"THAW_SEEDS={path}: expected a list of runs, each naming its snippet")
    return runs


def _format(source, language, css_class, options, md, **kwargs):
    """superfences' formatter for `python exec="on"` fences (markdown-exec's public base_format)."""
    result = _run(source, options)
    options = dict(options)
    if not result["ok"]:
        options.update(html=False, result="text")  # the traceback, as text, where the output goes
    html = markdown_exec.base_format(
        language=language, run=lambda *args, **kwargs: result["output"], code=source, md=md, **options
    )
    include = result.get("include")
    if result["ok"] and include and Path(include).parent == Path("snippets"):
        html += Markup(provenance(include, _state["lang"], _state["url"]))  # HTML, not text to escape
    return html


def on_config(config):
    """Route markdown-exec's `python` fence (added by its plugin, which runs before hooks) here."""
    fences = config["mdx_configs"].get("pymdownx.superfences", {}).get("custom_fences", [])
    ours = [f for f in fences if f.get("name") == "python" and f.get("format") is markdown_exec.formatter]
    if not ours:
        raise PluginError(
            "hooks/fences.py: markdown-exec (pinned 1.12.6) registered no `python` custom fence with"
            " markdown_exec.formatter; see how it registers fences now"
        )
    for fence in ours:
        fence["format"] = _format
    return config


def on_startup(command, dirty):
    """Start the record afresh once per command (the Korean build reruns on_config, not this)."""
    path = os.environ.get("THAW_FENCE_RECORD")
    if path:
        Path(path).write_text("", encoding="utf-8")


def on_pre_build(config):
    _state["sweep"] = read_sweep(os.environ.get("THAW_SEEDS"))
    _state["root"] = Path(config["config_file_path"]).parent
    _state["environment"], _state["chains"], _state["ran"] = environment_key(_state["root"]), {}, {}
    version = _inputs_version()  # once per build (en, then ko), not once per fence
    if version != _state["version"]:
        _state.update(version=version, results={}, sessions={})


@event_priority(100)  # before any plugin or hook edits the Markdown: the lines are the file's
def on_page_markdown(markdown, page, config, files):
    _state["page"] = str(Path(page.file.abs_src_path).relative_to(Path(config["config_file_path"]).parent))
    _state["url"] = page.url
    _state["lang"] = page_language.language(config)
    _state["fences"], _state["used"] = exec_fences(markdown), []
    return markdown


def on_page_content(html, page, config, files):
    """Close the page's figures: pyplot keeps every figure open (and warns past 20)."""
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    return html
