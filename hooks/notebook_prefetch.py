"""Execute the lab notebooks in the background while the Markdown pages build.

mkdocs-jupyter runs each notebook when the build reaches its page, one after another, while
the build's other work (the Markdown pages' fences) waits. Most of a notebook's time is spent
in its own kernel process, so this hook starts every notebook that mkdocs-jupyter's cache does
not already hold as soon as the files are known, two at a time, in threads. Each result is
written to the cache exactly as mkdocs-jupyter writes it (same key, same fields), and a
notebook page waits for its own run before rendering, so the page is then a cache hit.

Several processes at once on a small machine need one thread each: PyTorch's OpenMP
threads wait by spinning, and two kernels with two threads each on two cores took a cold
`make site` from 36 s to 248 s. So each kernel is started with OMP_NUM_THREADS=1 in its own
environment, whatever the build's is (these notebooks' matrices are small enough that one
thread loses little; tests/test_notebooks.py checks a kernel gets it when the build has 4).
Measured on 2 cores: a cold `make site` went from 36 s to 22 s.

Only the kernels run in parallel. Turning an executed notebook into HTML happens one at a
time, under a lock: mkdocs-jupyter numbers the code cells for the copy buttons with a
module-wide counter, and two conversions at once gave one page buttons that pointed at
another's cell ids (tests/test_site.py now checks the pairing).

A failing cell fails the build as before: the page re-raises the run's error, and MkDocs
reports it as "Error reading page 'notebooks/name.ipynb'".

When a build fails early, the notebooks already running finish before the process exits
(at most one notebook's time); queued ones are cancelled.

Written against mkdocs-jupyter 0.26.3 (pinned): it reuses that version's cache-key and
table-of-contents helpers, mirrors its render arguments, and executes as its
ExecutePreprocessor does (nbclient, in the notebook's folder, widget state stored).
"""

import importlib.util
import json
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbclient
import nbformat
from fences import environment_key  # hooks/fences.py: what every run depends on
from jupyter_client.manager import AsyncKernelManager
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_jupyter import convert
from mkdocs_jupyter import plugin as jupyter_plugin

_runs = {"pool": None, "futures": {}}
_CONVERT = threading.Lock()  # nb2html's cell counter is module-wide: one conversion at a time


KERNEL_ENVIRONMENT = {"OMP_NUM_THREADS": "1"}  # see above: one thread per kernel


def execute_notebook(path, kernel_name="python3", allow_errors=False, language="en"):
    """The notebook at `path`, executed top to bottom in a fresh kernel (nbformat's NotebookNode);
    a failing cell raises nbclient's CellExecutionError unless `allow_errors`. The kernel's
    environment is this process's with KERNEL_ENVIRONMENT over it.

    `language` "ko" runs it as the Korean page shows it: as papermill does, a cell is put after
    the one tagged "parameters" (`LANGUAGE = "en"`), setting LANGUAGE = "ko" and giving matplotlib
    a Hangul font (NanumGothic, from the koreanize-matplotlib wheel in requirements.txt, never
    imported: importing it restyles every figure); the notebook's own code then labels its
    figures in Korean. The returned notebook no longer holds that cell.

    The one home of a notebook's run: the build's (below) and `make bench-code`'s
    (tools/bench.py times this function, so it times the run the build makes). The kernel
    talks over local sockets (IPC), not TCP, so it has nothing to warn about (ipykernel prints
    "Kernel is running over TCP without encryption" for each TCP kernel); the socket path is
    absolute and one folder per kernel, since the kernel runs in the notebook's folder."""
    notebook = nbformat.read(path, as_version=4)
    injected = _inject_language(notebook, path, language)
    with tempfile.TemporaryDirectory() as sockets:
        kernel = AsyncKernelManager(
            kernel_name=kernel_name, transport="ipc", ip=str(Path(sockets) / "kernel")
        )
        nbclient.NotebookClient(
            notebook,
            km=kernel,
            kernel_name=kernel_name,
            allow_errors=allow_errors,
            store_widget_state=True,
            resources={"metadata": {"path": str(Path(path).parent)}},
        ).execute(  # shut the kernel down: nbclient leaves one it did not start
            cleanup_kc=True, env={**os.environ, **KERNEL_ENVIRONMENT}
        )
    if injected is not None:
        notebook.cells.remove(injected)
    return notebook


def hangul_font() -> str:
    """NanumGothic's file in the koreanize-matplotlib wheel, found without importing the package."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("the Korean lab pages need koreanize-matplotlib (requirements.txt): run make")
    return str(Path(spec.submodule_search_locations[0]) / "fonts" / "NanumGothic.ttf")


def _inject_language(notebook, path, language):
    if language == "en":
        return None
    tagged = [i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        raise PluginError(
            f'docs/notebooks/{Path(path).name}: needs one code cell tagged "parameters" (LANGUAGE = "en"), '
            f"for its {language} page; found {len(tagged)}"
        )
    cell = nbformat.v4.new_code_cell(
        f"LANGUAGE = {language!r}\nfrom matplotlib import font_manager\n\n"
        f"font_manager.fontManager.addfont({hangul_font()!r})",
        metadata={"tags": ["injected-parameters"]},
    )
    notebook.cells.insert(tagged[0] + 1, cell)
    return cell


def _execute(path, options, cache_path, language):
    notebook = execute_notebook(path, options["kernel_name"], options["allow_errors"], language)
    with tempfile.TemporaryDirectory() as workdir, _CONVERT:
        executed = Path(workdir) / Path(path).name
        nbformat.write(notebook, executed)
        body = _html(str(executed), options)
    toc_tokens, title = jupyter_plugin._get_nb_toc_tokens(path, options["toc_depth"])
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(
        json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8"
    )


def _html(path, options):
    return convert.nb2html(
        path,
        execute=False,
        kernel_name=options["kernel_name"],
        theme=options["theme"],
        allow_errors=options["allow_errors"],
        show_input=options["show_input"],
        no_input=options["no_input"],
        no_prompt=options["no_prompt"],
        remove_tag_config=options["remove_tag_config"],
        highlight_extra_classes=options["highlight_extra_classes"],
        include_requirejs=options["include_requirejs"],
        custom_mathjax_url=options["custom_mathjax_url"],
    )


def _plugin(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    usable = (
        jupyter is not None
        and jupyter.config["execute"]
        and jupyter.config["cache"]
        and not jupyter.config["execute_ignore"]
    )
    return jupyter if usable else None


@event_priority(-300)  # after every other on_files: the notebook files are final
def on_files(files, config):
    """Start each notebook's run for this language's build (the i18n plugin builds English, then
    Korean): each language has its own folder in mkdocs-jupyter's cache, so the Korean pages
    show the Korean run's figures."""
    _shutdown()
    jupyter = _plugin(config)
    if jupyter is None:
        return files
    i18n = config.plugins.get("i18n")
    language = i18n.current_language if i18n else "en"
    # a folder per environment (the lock, Python, the figure helper: hooks/fences.py), then per language
    base = Path(_runs.setdefault("cache_dir", jupyter.config["cache_dir"])) / environment_key()[:16]
    jupyter.config["cache_dir"] = str(base / language)
    paths = sorted(
        {f.abs_src_path for f in files if f.src_uri.endswith(".ipynb") and jupyter.should_include(f)}
    )
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="notebook")
    for path in paths:
        key = jupyter_plugin._compute_cache_key(path, jupyter.config, True)
        cache_path = jupyter_plugin._get_cache_path(jupyter.config["cache_dir"], key)
        if not cache_path.exists():
            _runs["futures"][path] = pool.submit(_execute, path, jupyter.config, cache_path, language)
    _runs["pool"] = pool
    return files


@event_priority(-100)  # after mkdocs-jupyter's on_pre_page, which replaces page.render
def on_pre_page(page, config, files):
    future = _runs["futures"].pop(page.file.abs_src_path, None)
    if future is None:
        return page
    render = page.render

    def render_after_the_run(*args, **kwargs):
        future.result()  # a cell error is raised here, for this page
        return render(*args, **kwargs)

    page.render = render_after_the_run
    return page


def _shutdown():
    if _runs["pool"] is not None:
        _runs["pool"].shutdown(wait=False, cancel_futures=True)
    _runs["pool"], _runs["futures"] = None, {}


def on_post_build(config):
    _shutdown()


def on_build_error(error):
    _shutdown()
