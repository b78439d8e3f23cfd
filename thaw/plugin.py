"""Thaw's build: one MkDocs plugin, `thaw` in mkdocs.yml's plugins (after markdown-exec).

Everything Thaw adds to MkDocs and its pinned plugins (mkdocs-material, mkdocs-static-i18n,
markdown-exec, mkdocs-jupyter) happens in the methods below, one per event, in the order they
call the modules that do the work:

    thaw/fences.py        the build-time fences: runs, failures by page and line, the cache, provenance
    thaw/notebooks.py     the labs: pages in both editions, background runs, the page's language
    thaw/notebook_css.py  the labs' one pruned stylesheet
    thaw/figures.py       chapter SVGs compacted and themed; lab images as WebP, described
    thaw/markup.py        math to MathML, .md links, the theme's and Pygments' markup
    thaw/snippet_files.py snippet downloads, data snippets folded
    thaw/record.py        markers (ledger, timeline, references, glossary), includes, PDF links
    thaw/cite.py          "Cite this page" on every chapter
    thaw/data.py          data/ read and checked (JSON Schema), before any page
    thaw/search.py        the Korean edition's sitemap and search index
    thaw/language.py      the edition being built, and the figure helper told it
    thaw/html.py          the parser every HTML edit goes through

Where a step must run before or after another plugin's handler of the same event, the event
is a CombinedEvent of steps, each with its priority, and PRIORITIES below is the one list of
them (MkDocs runs higher first, 0 for the rest; tests/test_plugin.py checks the order against
the other plugins' handlers). mkdocs-static-i18n builds English, then runs the whole build
again for Korean inside its on_post_build, so each event from on_config to on_post_build
happens once per edition; on_startup and on_shutdown once per command.

State lives on the plugin: made in on_startup (what a `mkdocs serve` keeps between rebuilds:
the fence results, the parsed data, the notebook runs) or on_pre_build (what one edition
gathers), released in on_post_build and on_shutdown. The plugin reads no environment
variable: mkdocs.yml passes the THAW_* variables in as config options (`!ENV`).
"""

import hashlib
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from thaw import cite, figures, markup, notebooks, record, search, snippet_files
from thaw.data import DataFiles
from thaw.fences import FenceRunner, environment_key
from thaw.html import Document
from thaw.language import forget_figure_helper, language
from thaw.notebook_css import NotebookStylesheet


class Flag(c.Type):
    """Yes or no; also 1 or 0 and empty, as an environment variable gives it (`THAW_PDF=1`)."""

    def __init__(self):
        super().__init__(bool, default=False)

    def run_validation(self, value):
        if value in (0, 1, None, "") and not isinstance(value, bool):
            value = bool(value)
        return super().run_validation(value)


class PathOption(c.Type):
    """A path, or empty for none (`THAW_EXEC_CACHE=` turns the cache off)."""

    def __init__(self):
        super().__init__(str, default="")

    def run_validation(self, value):
        return super().run_validation("" if value is None else str(value))


class Memo(dict):
    """What a step made of a page, by a digest of everything it read (a pure step: same input,
    same output), kept for `make serve`'s next rebuild; at most `size` entries."""

    size = 2000  # pages twice (two editions, two steps) and the Korean search entries, with room

    def key(self, *parts) -> str:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def __setitem__(self, key, value):
        if len(self) >= self.size:
            self.clear()
        super().__setitem__(key, value)


def template_cache(folder: Path, root: Path, env) -> FileSystemBytecodeCache:
    """Jinja's bytecode cache for the theme's templates, in a folder of `folder` named by what the
    compiled code depends on besides each template's text (which Jinja checks itself): the fences'
    environment key (the lock: Jinja, MkDocs, the theme; the Python version), and the Jinja
    environment's extensions and autoescaping (mkdocs-static-i18n adds loopcontrols)."""
    key = f"{environment_key(root)}\0{sorted(env.extensions)}\0{env.autoescape!r}"
    where = folder / "templates" / hashlib.sha256(key.encode()).hexdigest()[:16]
    where.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(where))


class ThawConfig(base.Config):
    exec_cache = PathOption()  # the execution cache's folder; "" runs every fence
    exec_cache_refresh = Flag()  # run everything and rewrite the cache
    fence_record = PathOption()  # a JSON-lines file of every fence run, for the tests
    seeds = PathOption()  # `make seeds`' seeds.json: each result's robustness line
    pdf = Flag()  # link the PDF editions from the home page (published with the site)
    notebook_workers = c.Type(int, default=2)  # lab notebooks run at once (one kernel each)


# (event, step, priority): the steps that must run at a given place among the other plugins'.
PRIORITIES = (
    ("on_files", "_wrap_notebooks", -200),  # after i18n's on_files (-100) replaced every File plainly
    ("on_files", "_start_notebooks", -300),  # after _wrap_notebooks: the notebook pages are final
    ("on_page_markdown", "_start_page", 100),  # before any plugin edits the Markdown: lines are the file's
    ("on_page_markdown", "_render_page", 0),
    ("on_pre_page", "_wait_for_notebook", -100),  # after mkdocs-jupyter's on_pre_page (0) set page.render
    ("on_env", "_template_cache", -100),  # after i18n's on_env (0) added its extension to the env
    ("on_post_build", "_write_files", 0),
    ("on_post_build", "_korean_edition", -200),  # after i18n (-100) built the Korean edition
)


class ThawPlugin(BasePlugin[ThawConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.runner = self.data = self.prefetch = self.webp = self.stylesheet = self.memo = None
        self.site_data = None  # this edition's data/, checked (thaw/data.py Data)
        self.root = Path.cwd()

    # once per command
    def on_startup(self, *, command, dirty):
        self._start()

    def _start(self):
        self.runner = FenceRunner(
            cache=self.config.exec_cache,
            refresh=self.config.exec_cache_refresh,
            record=self.config.fence_record,
            seeds=self.config.seeds,
        )
        self.prefetch = notebooks.Prefetch(self.config.notebook_workers)
        self.webp = figures.WebP(
            Path(self.config.exec_cache) / "webp" if self.config.exec_cache else None,
            refresh=self.config.exec_cache_refresh,
        )
        self.stylesheet = NotebookStylesheet()
        self.memo = Memo()
        self.data = None

    def on_shutdown(self):
        if self.prefetch is not None:
            self.prefetch.shutdown()
        self.runner = self.data = self.prefetch = self.webp = self.stylesheet = self.memo = None

    # once per edition
    def on_config(self, config):
        if self.runner is None:  # a build started without on_startup (a test's own build)
            self._start()
        self.root = Path(config["config_file_path"]).parent
        forget_figure_helper()  # `make serve` rebuilds with an edited helper
        if self.data is None or self.data.root != self.root:
            self.data = DataFiles(self.root)
        self.site_data = self.data.load()  # every data file checked before any page or fence reads one
        self.runner.route(config)
        return config

    def on_pre_build(self, *, config):
        self.runner.start_build(config)

    @event_priority(-200)
    def _wrap_notebooks(self, files, *, config):
        return notebooks.wrap_notebook_files(files, config)

    @event_priority(-300)
    def _start_notebooks(self, files, *, config):
        self.prefetch.start(files, config, language(config))
        return files

    on_files = CombinedEvent(_wrap_notebooks, _start_notebooks)

    # each page
    @event_priority(100)
    def _start_page(self, markdown, *, page, config, files):
        self.runner.start_page(markdown, page, config)
        return markdown

    @event_priority(0)
    def _render_page(self, markdown, *, page, config, files):
        path = Path(page.file.abs_src_path).relative_to(self.root).as_posix()
        korean = language(config) == "ko"
        record.check_includes(markdown, path, self.root)
        data = self.site_data
        markdown = record.render_markers(markdown, path, data, config["docs_dir"], korean)
        markdown = cite.cite_chapter(markdown, page, data.claims, language(config), config["site_url"])
        return record.pdf_links(markdown, page.url, self.config.pdf)

    on_page_markdown = CombinedEvent(_start_page, _render_page)

    @event_priority(-100)
    def _wait_for_notebook(self, page, *, config, files):
        return self.prefetch.wait(page)

    on_pre_page = CombinedEvent(_wait_for_notebook)

    def on_page_content(self, html, *, page, config, files):
        """The page's content with the plugin's edits: kept, by everything they depend on, for
        the rebuilds of `make serve` (an unchanged page is not parsed again)."""
        self.runner.end_page()
        notebook = notebooks.is_notebook(page)
        source = Path(page.file.abs_src_path)
        key = self.memo.key(
            "content",
            html,
            page.url,
            language(config),
            *sorted(f.src_uri for f in files),  # the pages a link may lead to
            source.read_bytes() if notebook else b"",  # a lab's figure descriptions
        )
        if key in self.memo:
            content, toc = self.memo[key]
            if toc is not None:
                page.toc = toc
            return content
        content = self._page_content(html, page, config, files, notebook, source)
        self.memo[key] = (content, page.toc if notebook else None)
        return content

    def _page_content(self, html, page, config, files, notebook, source):
        doc = Document(html, opaque=("svg",))  # a figure's SVG is compact_figures' (ElementTree)
        if notebook:  # the other language's blocks go, and the edits below inside them with them
            notebooks.notebook_page(doc, page, language(config))
        markup.math_to_mathml(doc)
        markup.resolve_md_links(doc, page, files)
        figures.compact_figures(doc)
        figures.notebook_images(doc, source if notebook else None, language(config), self.webp)
        snippet_files.snippet_blocks(doc, page, self.root, language(config))
        markup.unwrap_plain_tokens(doc)
        return doc.result()

    def on_post_page(self, output, *, page, config):
        edition = language(config)
        if notebooks.is_notebook(page):
            key = self.memo.key("notebook page", output, page.url, edition)
            if key not in self.memo:
                self.memo[key] = self._notebook_page(output, page, edition)
            output, taken = self.memo[key]
            self.stylesheet.add(taken, page)  # this build's stylesheet, hit or miss
            return output
        key = self.memo.key("page", output, edition)
        if key not in self.memo:
            self.memo[key] = self._theme_markup(output, edition)
        return self.memo[key]

    def _notebook_page(self, output, page, edition):
        """A lab page read whole (its styles and scripts too): its template corrected, its styles
        taken into the notebook stylesheet, the theme's markup corrected."""
        doc = Document(output, opaque=("svg",))
        notebooks.fix_template(doc)
        taken = self.stylesheet.take(doc, page)
        markup.fix_theme_markup(doc)
        output = doc.result()
        return (search.korean_config_base(output) if edition == "ko" else output), taken

    def _theme_markup(self, output, edition):
        doc = Document(output, stop=markup.content_start, opaque=("svg",))
        markup.fix_theme_markup(doc)
        output = doc.result()
        return search.korean_config_base(output) if edition == "ko" else output

    @event_priority(-100)
    def _template_cache(self, env, *, config, files):
        """With the execution cache, the theme's templates compiled once, not once per edition and
        build (Jinja's bytecode cache; about 0.4 s an edition here)."""
        if self.config.exec_cache:
            env.bytecode_cache = template_cache(Path(self.config.exec_cache), self.root, env)
        return env

    on_env = CombinedEvent(_template_cache)

    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content  # sitemap.xml
        return self._theme_markup(output_content, language(config))  # 404.html

    @event_priority(0)
    def _write_files(self, *, config):
        self.prefetch.shutdown()
        self.stylesheet.write(config)
        snippet_files.copy_snippets(self.root, config["site_dir"])

    @event_priority(-200)
    def _korean_edition(self, *, config):
        search.korean_edition(Path(config["site_dir"]), self.root, self.memo)

    on_post_build = CombinedEvent(_write_files, _korean_edition)

    def on_build_error(self, *, error):
        if self.prefetch is not None:
            self.prefetch.shutdown()
