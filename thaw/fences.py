"""Run the build-time Python fences (`python exec="on"`): once each, named by page and line.

markdown-exec finds the fences and renders their output; the plugin gives it the function that
runs them (a `FenceRunner`, made in on_startup, its state on itself), through the public ways both plugins offer: pymdownx.superfences' `custom_fences`
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
- An execution cache, when the plugin's `exec_cache` names its folder (mkdocs.yml reads it from
  THAW_EXEC_CACHE: `make serve`, `make site` and `make test` set .cache/thaw; `make check`, `make seeds` and a fresh clone run everything). A
  fence's successful outcome is kept under the SHA-256 of all it depends on: its code (a
  snippet's code is its file), the page language where it is not a snippet, the key of the fence
  before it in its session (a figure draws from its snippet's variables), the helper and
  settings every figure reads (snippets/figures/thaw_figure.py, matplotlibrc), the runner
  (this file and thaw/language.py), requirements.lock and the Python version. A hit is not
  run; a miss in a session whose earlier fences were hits runs those first, for their
  variables. Failures are never kept. `exec_cache_refresh` (THAW_EXEC_CACHE_REFRESH=1) runs everything and rewrites the cache (markdown-exec's unreleased cache keys on code and
  options, in .markdown-exec-cache/, refreshed by MARKDOWN_EXEC_CACHE_REFRESH=1; this one is the
  same shape, with the lock and the Python version in its key).
- Provenance under each snippet's output: one quiet line, in the page's language, naming the
  file (a download of its exact bytes, thaw/snippet_files.py), a short SHA-256 of its content,
  its seed, the versions of Python, torch and numpy, and the build date, so a reader knows what
  printed the numbers above it. tests/test_site.py checks each hash against the file.
- A record of every fence run, for the tests: when `fence_record` (THAW_FENCE_RECORD) names a file, each fence
  appends one JSON line (page, line, language, the snippet it includes, ok or the error,
  output, seconds, whether the run was reused). tests/test_snippets.py reads it: the build is
  where each snippet's claim is checked, once per `make test`.
"""

import hashlib
import json
import linecache
import logging
import platform
import re
import sys
import time
import traceback
from functools import partial
from importlib.metadata import version
from io import StringIO
from pathlib import Path
from types import ModuleType

import markdown_exec
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from thaw.language import figure_helper, language

log = logging.getLogger("mkdocs.plugins.thaw.fences")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>.*)$")
_INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
_EXEC = re.compile(r'\bexec="(on|1|true|yes)"', re.IGNORECASE)
_SEED = re.compile(r"^SEED(?:, [\w, ]+)? = (\d+)", re.MULTILINE)
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
# What every outcome depends on besides its own code (environment_key).
ENVIRONMENT_FILES = (
    "requirements.lock",
    "snippets/figures/thaw_figure.py",
    "matplotlibrc",
    "thaw/fences.py",  # the runner
    "thaw/language.py",  # the language it tells figures
)

PROVENANCE = {
    "en": "Printed by {file} (SHA-256 {sha}), {seed}, with Python {python}, torch {torch} and numpy {numpy}; built {date}.",
    "ko": "위 출력을 낸 코드: {file} (SHA-256 {sha}), {seed}, 파이썬 {python}, torch {torch}, numpy {numpy}, {date} 빌드.",
}
SEEDS = {"en": ("seed {0}", "no random numbers"), "ko": ("시드 {0}", "난수 없음")}
ROBUSTNESS = {
    "en": "Over seeds {first}–{last} (<code>make seeds</code>), the claim held for {held} of {runs}; {figures}.",
    "ko": "시드 {first}~{last}(<code>make seeds</code>)에서 주장은 {runs}번 중 {held}번 성립했고, {figures}.",
}
RANGE = {"en": "–", "ko": "~"}  # 13–25 in English; 13~25 in Korean (data/style_ko.yml)
FIGURES = {
    "en": ("its last line's figures ranged over {ranges}", "its last line was the same on every seed"),
    "ko": ("마지막 줄의 수치는 {ranges} 범위였습니다", "마지막 줄은 모든 시드에서 같았습니다"),
}


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


def is_snippet(include: str | None) -> bool:
    """A claim's script (snippets/x.py), which knows no page language, not a figure file."""
    return include is not None and Path(include).parent == Path("snippets")


def environment_key(root: Path) -> str:
    """What every fence's outcome depends on besides its own code: the lock, the Python version,
    the figure helper and settings, and the runner (ENVIRONMENT_FILES)."""
    digest = hashlib.sha256(sys.version.encode())
    for name in ENVIRONMENT_FILES:
        path = Path(root) / name
        if name.startswith("thaw/") and not path.is_file():  # a site that uses the installed plugin
            path = Path(__file__).resolve().parent / Path(name).name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


def cache_key(environment: str, previous: str, session: str, code: str, language: str | None) -> str:
    """A fence's key in the execution cache (see the module's docstring)."""
    parts = (environment, previous, session, language or "", code)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


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


def _print(buffer, *texts, end="\n", **kwargs):
    buffer.write(" ".join(str(text) for text in texts) + end)


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def _default_dtype_changed() -> str:
    torch = sys.modules.get("torch")
    if torch is None or torch.get_default_dtype() == torch.float32:
        return ""
    changed = str(torch.get_default_dtype())
    torch.set_default_dtype(torch.float32)
    return changed


class FenceRunner:
    """Runs one site's build-time fences; made once per command (on_startup), so that `make
    serve` keeps what it ran while snippets/ and data/ are unchanged."""

    def __init__(self, cache: str = "", refresh: bool = False, record: str = "", seeds: str = ""):
        self.cache_folder = Path(cache) if cache else None
        self.refresh, self.record_path, self.seeds_path = refresh, record, seeds
        self.version = None  # the newest mtime under snippets/ and data/ when results were kept
        self.results: dict = {}  # _reuse_key -> outcome
        self.sessions: dict = {}  # session -> its globals
        self.root = Path.cwd()
        self.date = time.strftime("%Y-%m-%d")
        # what each provenance line names, read once (importlib.metadata reads the dist-info each time)
        self.versions = {
            "python": platform.python_version(),
            "torch": version("torch").split("+")[0],
            "numpy": version("numpy"),
        }
        self.sweep: list = []
        self.environment = ""
        self.chains: dict = {}  # (page, session) -> the last fence's cache key, and the fences so far
        self.ran: dict = {}  # session -> the code run into its namespace this build
        self.page, self.url, self.lang, self.page_fences, self.used = None, "", "en", [], []
        if self.record_path:
            Path(self.record_path).write_text("", encoding="utf-8")  # afresh, once per command

    # events, called by the plugin
    def route(self, config):
        """Route markdown-exec's `python` fence (its plugin registers it in its on_config) here."""
        registered = config["mdx_configs"].get("pymdownx.superfences", {}).get("custom_fences", [])
        ours = [
            f for f in registered if f.get("name") == "python" and f.get("format") is markdown_exec.formatter
        ]
        if not ours:
            raise PluginError(
                "thaw/fences.py: markdown-exec (pinned 1.12.6) registered no `python` custom fence with"
                " markdown_exec.formatter; list thaw after markdown-exec in mkdocs.yml's plugins, or see"
                " how markdown-exec registers fences now"
            )
        for fence in ours:
            fence["format"] = self.format

    def start_build(self, config):
        self.sweep = read_sweep(self.seeds_path)
        self.root = Path(config["config_file_path"]).parent
        self.environment, self.chains, self.ran = environment_key(self.root), {}, {}
        version = self._inputs_version()  # once per build (en, then ko), not once per fence
        if version != self.version:
            self.version, self.results, self.sessions = version, {}, {}

    def start_page(self, markdown, page, config):
        self.page = str(Path(page.file.abs_src_path).relative_to(self.root))
        self.url = page.url
        self.lang = language(config)
        self.page_fences, self.used = exec_fences(markdown), []

    def end_page(self):
        """Close the page's figures: pyplot keeps every figure open (and warns past 20)."""
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")

    # the run
    def _inputs_version(self) -> float:
        files = [p for d in ("snippets", "data") for p in (self.root / d).rglob("*") if p.is_file()]
        return max((p.stat().st_mtime for p in files), default=0.0)

    def _locate(self, code: str) -> dict:
        """The page fence this code came from: an include of a file holding it, or the same text."""
        for index, fence in enumerate(self.page_fences):
            if index in self.used:
                continue
            text = fence["body"]
            if fence["include"]:
                path = self.root / fence["include"]
                text = path.read_text(encoding="utf-8") if path.is_file() else None
            if text is not None and text.strip() == code.strip():
                self.used.append(index)
                return fence
        return {"line": 0, "include": None}

    def _execute(self, code: str, session: str, filename: str) -> tuple[bool, str, str]:
        """Run code in its session's globals; returns (ok, output, error) with print captured."""
        scope = self.sessions.setdefault(session, {}) if session else {}
        # Libraries expect a function's module to exist (dataclasses, pickle), as markdown-exec does.
        module = "thaw_fence_" + re.sub(r"\W+", "_", session or filename)
        scope["__name__"] = module
        sys.modules[module] = ModuleType(module)
        helper = figure_helper(self.root)  # imported here, when a fence runs: it imports pyplot
        if helper is not None:
            helper.LANGUAGE = self.lang
        buffer = StringIO()
        scope["print"] = partial(_print, buffer)
        lines = code.splitlines(keepends=True)
        linecache.cache[filename] = (len(code), None, lines, filename)  # the traceback shows the code
        try:
            exec(compile(code, filename, "exec"), scope)  # noqa: S102 (the point of a build-time fence)
        except Exception as error:  # noqa: BLE001 (any error a fence raises is reported, with its page)
            trace = traceback.format_exception(error)
            ours = [i for i, text in enumerate(trace) if f'File "{filename}"' in text]
            trace = trace[:1] + trace[ours[0] :] if ours else trace  # drop the runner's own frames
            message = str(error) if isinstance(error, AssertionError) and str(error) else ""
            message = message or "".join(traceback.format_exception_only(error)).strip()
            return False, buffer.getvalue() + "".join(trace), message
        return True, buffer.getvalue(), ""

    def _run_for_real(self, code, session, name, options) -> tuple[bool, str, str, float]:
        workdir, width, start = options.get("workdir"), options.get("width") or None, time.perf_counter()
        with markdown_exec.working_directory(workdir), markdown_exec.console_width(width):
            ok, output, error = self._execute(code, session, name)
        return ok, output, error, round(time.perf_counter() - start, 2)

    def _cache_file(self, key: str) -> Path | None:
        return self.cache_folder / "fences" / f"{key}.json" if self.cache_folder else None

    def run(self, code: str, options: dict) -> dict:
        session = options.get("session") or ""
        fence = self._locate(code)
        where = f"{self.page}:{fence['line']}"
        name = fence["include"] or f"{where} (fence)"
        # Same key, same output: a snippet's across languages, any other fence's within one.
        key = (session, code, None if is_snippet(fence["include"]) else self.lang)
        reused = key in self.results
        chain = self.chains.setdefault((self.page, session), {"key": "", "earlier": []})
        persistent = cache_key(self.environment, chain["key"], session, code, key[2])
        cache = self._cache_file(persistent)
        cached = not reused and cache is not None and cache.is_file() and not self.refresh
        if cached:
            self.results[key] = json.loads(cache.read_text(encoding="utf-8"))
        elif not reused:
            ran = self.ran.setdefault(session, set())
            for earlier in chain["earlier"]:  # the session's fences before this one, if a hit skipped them
                if earlier[0] not in ran:
                    self._run_for_real(*earlier)
                    ran.add(earlier[0])
            ok, output, error, seconds = self._run_for_real(code, session, name, options)
            ran.add(code)
            dtype = _default_dtype_changed()
            if not ok:
                log.warning(f"{where}: {fence['include'] or 'fence'} failed:\n{output}")
            if dtype:
                log.warning(
                    f"{where}: {fence['include'] or 'fence'} changed torch's default dtype to {dtype}; every"
                    " page's fences run in one process, so it must leave it float32 (restored)"
                )
            self.results[key] = {
                "ok": ok,
                "output": output,
                "error": error,
                "dtype_changed": dtype,
                "seconds": seconds,
            }
            if cache is not None and ok and not dtype:
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(json.dumps(self.results[key], ensure_ascii=False), encoding="utf-8")
        chain["key"] = persistent
        chain["earlier"].append((code, session, name, options))
        result = dict(self.results[key], include=fence["include"])
        self._record(
            page=self.page,
            line=fence["line"],
            lang=self.lang,
            include=fence["include"],
            session=session,
            code_sha256=hashlib.sha256(code.strip().encode()).hexdigest(),
            reused=reused,
            cached=cached,
            **{k: v for k, v in result.items() if k != "include"},
        )
        return result

    def _record(self, **entry):
        if self.record_path:
            with open(self.record_path, "a", encoding="utf-8") as record:
                record.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def format(self, source, language, css_class, options, md, **kwargs):
        """superfences' formatter for `python exec="on"` fences (markdown-exec's public base_format)."""
        result = self.run(source, options)
        options = dict(options)
        if not result["ok"]:
            options.update(html=False, result="text")  # the traceback, as text, where the output goes
        html = markdown_exec.base_format(
            language=language, run=lambda *args, **kwargs: result["output"], code=source, md=md, **options
        )
        include = result.get("include")
        if result["ok"] and is_snippet(include):
            html += Markup(self.provenance(include, self.lang, self.url))  # HTML, not text to escape
        return html

    # what the page says of the run
    def provenance(self, include: str, language: str, page_url: str) -> str:
        """The line under a snippet's output: what printed it, and with what."""
        text = (self.root / include).read_text(encoding="utf-8")
        seed = _SEED.search(text)
        with_seed, without = SEEDS[language]
        link = f'<a href="{get_relative_url(include, page_url)}" download><code>{include}</code></a>'
        line = PROVENANCE[language].format(
            file=link,
            sha=f"<code>{hashlib.sha256(text.encode()).hexdigest()[:12]}</code>",
            seed=with_seed.format(seed[1]) if seed else without,
            **self.versions,
            date=self.date,
        )
        return f'<p class="thaw-provenance">{line}</p>' + self.robustness(include, text, language)

    def robustness(self, include: str, text: str, language: str) -> str:
        """The line under the provenance when the build has `make seeds`' results (`seeds`, from
        THAW_SEEDS, names its seeds.json): how many seeds held the claim, and the range over them
        of each figure on the snippet's last line of output that varies. Nothing without the
        sweep, for a snippet without a seed, or for a sweep of another version of the file (its
        SHA-256 differs)."""
        digest = hashlib.sha256(text.encode()).hexdigest()
        runs = [r for r in self.sweep if r.get("snippet") == include and r.get("seed") is not None]
        if not runs or any(r.get("sha256") != digest for r in runs):
            return ""
        held = [r for r in runs if r["exit"] == 0]
        lasts = [(r["stdout"].strip().splitlines() or [""])[-1] for r in held]
        columns = list(zip(*(_NUMBER.findall(line) for line in lasts)))
        if held and all(len(_NUMBER.findall(line)) == len(columns) for line in lasts):
            dash = RANGE[language]
            spans = [f"{min(c, key=_value)}{dash}{max(c, key=_value)}" for c in columns if len(set(c)) > 1]
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
