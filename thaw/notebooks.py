"""The lab notebooks: pages in both editions, run in the background, shown in the page's language.

What the plugin does with them, by event:

- on_files: `wrap_notebook_files` makes each notebook a page again in the Korean build (the i18n
  plugin replaces every File plainly, and the notebooks would be copied as static files), with
  the language's destination (ko/notebooks/...); then `Prefetch.start` runs each notebook that
  mkdocs-jupyter's cache lacks, for this edition.
- on_pre_page: `Prefetch.wait` makes a notebook page wait for its run.
- on_page_content: `notebook_page` keeps the page's language only and gives headings ids.
- on_post_page: `fix_template` drops the CDN loaders and repairs the copy buttons.

Execute the lab notebooks in the background while the Markdown pages build.

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
thread loses little; tests/test_notebook_run.py checks a kernel gets it when the build has 4).
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
import posixpath
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import IPython  # noqa: F401 (see below)
import nbclient
import nbformat
from jupyter_client.manager import AsyncKernelManager
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc
from mkdocs_jupyter import convert
from mkdocs_jupyter import plugin as jupyter_plugin
from mkdocs_jupyter.plugin import NotebookFile
from pymdownx.slugs import slugify

from thaw.fences import environment_key
from thaw.html import Document

KERNEL_ENVIRONMENT = {"OMP_NUM_THREADS": "1"}  # see above: one thread per kernel
# IPython is imported above, whole, on the thread that loads the plugin: a notebook's conversion
# imports it lazily (nbconvert's highlighting), and when that first import ran on a notebook
# thread while a figure fence opened its first pyplot figure on the main thread, pyplot found a
# half-imported IPython in sys.modules and the fence failed ("partially initialized module
# 'IPython' has no attribute 'get_ipython'"), one build in many.


class OneThreadKernel(AsyncKernelManager):
    """A kernel whose spec sets KERNEL_ENVIRONMENT: jupyter_client applies a kernel spec's `env`
    over the environment it starts the kernel with (this process's), so the build's own setting
    never reaches the kernel and the plugin never reads the environment itself."""

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.env = {**(spec.env or {}), **KERNEL_ENVIRONMENT}
        return spec


def execute_notebook(path, kernel_name="python3", allow_errors=False, language="en"):
    """The notebook at `path`, executed top to bottom in a fresh kernel (nbformat's NotebookNode);
    a failing cell raises nbclient's CellExecutionError unless `allow_errors`. The kernel's
    environment is this process's with KERNEL_ENVIRONMENT over it (OneThreadKernel).

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
        kernel = OneThreadKernel(kernel_name=kernel_name, transport="ipc", ip=str(Path(sockets) / "kernel"))
        nbclient.NotebookClient(
            notebook,
            km=kernel,
            kernel_name=kernel_name,
            allow_errors=allow_errors,
            store_widget_state=True,
            resources={"metadata": {"path": str(Path(path).parent)}},
        ).execute(  # shut the kernel down: nbclient leaves one it did not start
            cleanup_kc=True
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


def jupyter_plugin_for_prefetch(config):
    """mkdocs-jupyter's plugin where it executes with its cache on, else None (nothing to prefetch)."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    usable = (
        jupyter is not None
        and jupyter.config["execute"]
        and jupyter.config["cache"]
        and not jupyter.config["execute_ignore"]
    )
    return jupyter if usable else None


class Prefetch:
    """The notebooks' runs of one command: started in on_files for each edition, waited for by
    their pages, shut down after the build or when it fails."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None
        self.futures: dict = {}
        self.cache_dir = None  # mkdocs-jupyter's configured folder, before the per-edition one
        self.convert = threading.Lock()  # nb2html's cell counter is module-wide: one conversion at a time

    def start(self, files, config, language: str):
        """Start each notebook's run for this language's build (the i18n plugin builds English,
        then Korean): each language has its own folder in mkdocs-jupyter's cache, so the Korean
        pages show the Korean run's figures."""
        self.shutdown()
        jupyter = jupyter_plugin_for_prefetch(config)
        if jupyter is None:
            return
        if self.cache_dir is None:
            self.cache_dir = jupyter.config["cache_dir"]
        # a folder per environment (the lock, Python, the figure helper: thaw/fences.py), then per language
        root = Path(config["config_file_path"]).parent
        base = Path(self.cache_dir) / environment_key(root)[:16]
        jupyter.config["cache_dir"] = str(base / language)
        paths = sorted(
            {f.abs_src_path for f in files if f.src_uri.endswith(".ipynb") and jupyter.should_include(f)}
        )
        self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="notebook")
        for path in paths:
            key = jupyter_plugin._compute_cache_key(path, jupyter.config, True)
            cache_path = jupyter_plugin._get_cache_path(jupyter.config["cache_dir"], key)
            if not cache_path.exists():
                self.futures[path] = self.pool.submit(
                    self._execute, path, jupyter.config, cache_path, language
                )

    def _execute(self, path, options, cache_path, language):
        notebook = execute_notebook(path, options["kernel_name"], options["allow_errors"], language)
        with tempfile.TemporaryDirectory() as workdir, self.convert:
            executed = Path(workdir) / Path(path).name
            nbformat.write(notebook, executed)
            body = _html(str(executed), options)
        toc_tokens, title = jupyter_plugin._get_nb_toc_tokens(path, options["toc_depth"])
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(
            json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8"
        )

    def wait(self, page):
        """Make a notebook page render after its run (after mkdocs-jupyter's on_pre_page, which
        replaces page.render); a cell error is raised there, for this page."""
        future = self.futures.pop(page.file.abs_src_path, None)
        if future is None:
            return page
        render = page.render

        def render_after_the_run(*args, **kwargs):
            future.result()
            return render(*args, **kwargs)

        page.render = render_after_the_run
        return page

    def shutdown(self):
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool, self.futures = None, {}


def wrap_notebook_files(files, config):
    """Keep notebook pages in both language builds (the Korean one too).

    mkdocs-jupyter marks notebooks as pages by wrapping their File (NotebookFile); the i18n
    plugin then replaces every File with a plain one for each language (its on_files, at -100),
    and the notebooks would be copied as static files. This wraps them again, keeping the
    language's destination (ko/notebooks/... in the Korean build)."""
    i18n = config.plugins.get("i18n")
    language = i18n.current_language if i18n else None
    prefix = "" if not i18n or language == i18n.default_language else f"{language}/"
    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookFile)]:
        page = NotebookFile(file, config["use_directory_urls"], config["site_dir"])
        stem = posixpath.splitext(file.src_uri)[0]
        page.dest_path = f"{prefix}{stem}/index.html"
        page.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], page.dest_path))
        page.url = f"{prefix}{stem}/"
        files.remove(file)  # in place: the i18n plugin's Files subclass resolves page.ko.md links
        files.append(page)
    return files


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


# Notebook pages in the page's language: unique heading ids, no "¶" text, and only the page's
# language in the page, its table of contents and its search entries.
_slug = slugify(case="lower")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def drop_other_languages(doc: Document, language: str) -> set[int]:
    """Remove the page's `<div lang="xx">` blocks in languages other than `language`; returns
    the ids of the blocks removed.

    Each Markdown cell holds an English and a Korean block; the page keeps the block in its own
    language and drops the other, so the English search index holds no Korean section and the
    Korean one no English (the .ipynb a reader downloads keeps both)."""
    dropped = set()
    for block in doc.find("div", lang=True):
        if block.get("lang") == language or any(id(a) in dropped for a in block.ancestors()):
            continue
        if not block.closed:
            raise ValueError(f'a <div lang="{block.get("lang")}"> block is never closed')
        dropped.add(id(block))
        doc.remove(block)
    return dropped


def _toc_tokens(headings):
    """Nest (level, id, text) headings into the tokens MkDocs builds a table of contents from."""
    root = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, text in headings:
        token = {
            "level": level,
            "id": anchor,
            "name": text,
            "html": escape(text, quote=False),
            "data-toc-label": "",
            "children": [],
        }
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


def notebook_page(doc: Document, page, language: str) -> None:
    """nbconvert gives Korean-only headings empty ids (which broke the site search) and repeats
    ids across the two languages of a bilingual cell: every heading left after the other
    language is dropped gets a unique, non-empty id, its "¶" anchor goes, and the page's table
    of contents is rebuilt from them. (Edits inside a dropped block are dropped with it.)"""
    dropped = drop_other_languages(doc, language)
    seen, headings = set(), []
    for heading in (e for e in doc.elements if e.name in HEADINGS):
        if any(id(a) in dropped for a in heading.ancestors()):
            continue
        for anchor in doc.find("a", within=heading, class_="anchor-link"):
            doc.remove(anchor)
        text = doc.text_of(heading).replace("¶", "").strip()
        base = _slug(text, "-") or f"section-{len(headings) + 1}"
        new, n = base, 1
        while new in seen:
            n += 1
            new = f"{base}-{n}"
        seen.add(new)
        headings.append((int(heading.name[1]), new, text))
        doc.set_attributes(heading, id=new)
    page.toc = get_toc(_toc_tokens(headings))


# mkdocs-jupyter's template, corrected (written against mkdocs-jupyter 0.26.3, pinned):
# - the MathJax and Mermaid loaders that point at a CDN go (Thaw's notebooks use neither, and the
#   site loads nothing from another host);
# - the code cells' copy buttons become valid HTML. The template writes
#   `<clipboard-copy for="cell-1", aria-label="Copy to Clipboard">`, which reaches the plugin as
#   an attribute named "," and an aria-label the W3C checker rejects on an element without a
#   role. The element's script gives itself role="button" and tabindex="0" when it connects;
#   saying both in the markup makes the label valid and leaves the button as screen readers
#   already met it. tests/test_site.py fails naming this file if the buttons change.
def _cdn_loader(doc: Document, script) -> bool:
    if script.get("type") == "text/x-mathjax-config":
        return True
    if script.get("src") == "":
        return True
    return script.get("type") == "module" and "mermaid" in doc.inner(script)


def fix_template(doc: Document) -> None:
    for script in doc.find("script"):
        if _cdn_loader(doc, script):
            doc.remove(script, trailing_space=True)
    for button in doc.find("clipboard-copy", for_=True):
        if button.get("aria-label", "").lower() == "copy to clipboard":
            doc.replace_start_tag(
                button,
                f'<clipboard-copy for="{escape(button.get("for"))}" role="button" tabindex="0"'
                ' aria-label="Copy to clipboard">',
            )
