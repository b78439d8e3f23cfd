"""The site: strict build, every fence and notebook executed somewhere, nothing remote."""

import base64
import functools
import html
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlparse

import pytest
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from support import (
    KOREAN_QUERIES,
    ROOT,
    includes_only,
    markdown_it_parser,
    python_fences,
    runs_at_build,
)

pytestmark = pytest.mark.site
DOCS = ROOT / "docs"


def pytest_markdown_docs_lines(path: Path) -> set[int]:
    """Lines of the fences pytest-markdown-docs will run in this page (same parser it uses)."""
    parser: MarkdownIt = markdown_it_parser()
    return {
        token.map[0] + 1
        for token in parser.parse(path.read_text(encoding="utf-8"))
        if token.type == "fence"
        and token.map
        and re.match(r"\{?\s*\.?(python|py|python3)\b", token.info)
        and "notest" not in token.info.split()
    }


def test_strict_build_succeeds(site):
    _, build = site
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stdout}"


MKDOCS_LOG_LINE = re.compile(r"(DEBUG|INFO|WARNING|ERROR|CRITICAL) +-  ")


def test_build_log_shows_only_what_a_reader_can_act_on(site):
    """Every line of the build's output is MkDocs' own log or part of a message it logs; nothing
    a kernel or a library prints past it (ipykernel's "Kernel is running over TCP without
    encryption", "Parent appears to have exited") and no Python warning passed on as INFO
    (matplotlib's "More than 20 figures have been opened"). Real warnings still fail --strict."""
    _, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    lines = build.stdout.splitlines()
    stray = [line for line in lines if line.strip() and not MKDOCS_LOG_LINE.match(line) and line[0] != " "]
    stray += [line for line in lines if re.match(r"INFO +-  \w*Warning: ", line)]
    assert not stray, "noise in the build's output:\n" + "\n".join(stray[:20])


def test_each_notebook_runs_once_ahead_of_its_page(site):
    """thaw/notebooks.py runs the notebooks in the background and writes each result
    where mkdocs-jupyter looks (through 0.26.3's private cache helpers, tests/test_private_apis.py); the
    plugin must then find it ("Cache hit"), not run the notebook a second time ("Cache miss")."""
    _, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        assert f"Cache miss, writing: {notebook}" not in build.stdout, f"{notebook.name} ran twice"
        assert f"Cache hit: {notebook}" in build.stdout, (
            f"{notebook.name}: no cache hit; is the prefetch key stale?"
        )


def test_every_fence_and_notebook_runs():
    """Each Python fence runs in pytest-markdown-docs, in the build, or as an included snippet."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    jupyter = config.plugins["mkdocs-jupyter"].config
    # Snippets, and the figure files that draw them (snippets/figures/, minus their shared helper).
    snippets = {
        p.relative_to(ROOT).as_posix()
        for p in [*(ROOT / "snippets").glob("*.py"), *(ROOT / "snippets" / "figures").glob("*.py")]
        if p.name != "thaw_figure.py"
    }
    included, problems = set(), []
    for page in sorted(DOCS.rglob("*.md")):
        name = page.relative_to(ROOT)
        tested = pytest_markdown_docs_lines(page)
        for line, info, body in python_fences(page):
            if includes_only(body):
                paths = re.findall(r'--8<--\s+"([^"]+)"', body)
                included.update(paths)
                if not runs_at_build(info):
                    problems.append(f'{name}:{line}: include without exec="on": its output is not shown')
                problems += [
                    f"{name}:{line}: {p} is not a snippet in snippets/" for p in paths if p not in snippets
                ]
            elif not runs_at_build(info) and line not in tested:
                problems.append(f"{name}:{line}: this Python fence is run by neither a test nor the build")
    # A snippet no page shows fails test_every_snippet_block_holds_its_file_exactly (and one no
    # page runs, tests/test_snippets.py); a figure file only this check sees.
    figures = {s for s in snippets if s.startswith("snippets/figures/")}
    problems += [f"{s}: no page includes this figure file" for s in sorted(figures - included)]
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        rel = notebook.relative_to(DOCS)
        if not any(rel.match(pattern) for pattern in jupyter["include"]):
            problems.append(f"{notebook.relative_to(ROOT)}: not in mkdocs-jupyter's include, never executed")
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if any(c.get("outputs") for c in cells if c["cell_type"] == "code"):
            problems.append(
                f"{notebook.relative_to(ROOT)}: committed with outputs; clear them, the build runs it"
            )
    if not (jupyter["execute"] and not jupyter["allow_errors"]):
        problems.append("mkdocs.yml: mkdocs-jupyter must have execute: true and allow_errors: false")
    assert not problems, "\n".join(problems)


class _Refs(HTMLParser):
    """Collect the URLs a page loads (not plain <a href> links)."""

    LOADS: ClassVar[dict[str, list[str]]] = {
        "script": ["src"],
        "link": ["href"],
        "img": ["src", "srcset"],
        "source": ["src", "srcset"],
        "iframe": ["src"],
        "video": ["src", "poster"],
        "audio": ["src"],
        "embed": ["src"],
        "object": ["data"],
        "image": ["href", "xlink:href"],
        "use": ["href", "xlink:href"],
    }

    def __init__(self):
        super().__init__()
        self.urls, self.styles, self._in_style = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("canonical", "prev", "next", "alternate"):
            return  # navigation metadata, not loaded
        for attr in self.LOADS.get(tag, []):
            value = (attrs.get(attr) or "").strip()
            # a srcset lists "url width, url width"; any other attribute is one URL (a data: URL has commas)
            for url in re.split(r",\s+", value) if attr == "srcset" else [value]:
                if url.strip():
                    self.urls.append(url.strip().split()[0])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def remote(url: str, own_host: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.hostname != own_host


def test_site_loads_nothing_from_other_hosts(site):
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    own_host = urlparse(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).hostname
    found = []
    for page in site_dir.rglob("*.html"):
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        css_urls = [u for s in refs.styles for m in CSS_URL.finditer(s) for u in m.groups() if u]
        found += [f"{page.relative_to(site_dir)}: {u}" for u in refs.urls + css_urls if remote(u, own_host)]
    for sheet in site_dir.rglob("*.css"):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            found += [
                f"{sheet.relative_to(site_dir)}: {u}" for u in match.groups() if u and remote(u, own_host)
            ]
    assert not found, "the site must work offline; these load from elsewhere:\n" + "\n".join(sorted(found))


def test_highlighted_code_keeps_no_plain_token_spans(site):
    """thaw/markup.py unwraps Pygments' name and whitespace spans on every page with code,
    chapters and notebooks alike (tests/test_browser.py checks that they look like plain text)."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    plain = re.compile(rf'<span class="(?:{"|".join(__import__("thaw.markup").markup.PLAIN)})">')
    highlighted, left = 0, []
    for page in sorted(site_dir.rglob("*.html")):
        blocks = re.findall(r"<pre\b.*?</pre>", page.read_text(encoding="utf-8"), re.DOTALL)
        highlighted += sum('<span class="p">' in block for block in blocks)
        left += [f"{page.relative_to(site_dir)}: {len(plain.findall(b))}" for b in blocks if plain.search(b)]
    assert highlighted > 50, f"only {highlighted} highlighted code blocks in the site: is Pygments on?"
    assert not left, "plain token spans left in code blocks:\n" + "\n".join(left[:10])


def test_notebook_figures_are_described_in_the_page_language(site):
    """Each lab figure's alt text is its cell's description (thaw/figures.py), in the page's
    language: never nbconvert's "No description has been provided for this image"."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, seen = [], 0
    for notebook in sorted(DOCS.rglob("*.ipynb")):
        for language, prefix in (("en", ""), ("ko", "ko/")):
            page = site_dir / prefix / notebook.relative_to(DOCS).with_suffix("") / "index.html"
            for alt in re.findall(
                r'<img alt="([^"]*)"[^>]*src="data:image/', page.read_text(encoding="utf-8")
            ):
                seen += 1
                hangul = bool(re.search(r"[\uac00-\ud7a3]", alt))
                if "No description" in alt or len(alt) < 40 or hangul != (language == "ko"):
                    problems.append(f"{page.relative_to(site_dir)}: {alt[:80]!r}")
    assert seen, "no notebook figure found on the notebook pages"
    assert not problems, "figures without a description in the page's language:\n" + "\n".join(problems)


def test_notebook_stylesheet_defines_what_it_uses_and_is_named_by_its_content(site):
    """thaw/notebook_css.py prunes JupyterLab's CSS, theme variables included; a variable it drops
    while a kept rule still reads it would silently change the notebook pages' look."""
    import hashlib

    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    sheets = sorted((site_dir / "assets").glob("notebook.*.css"))
    assert len(sheets) == 1, f"expected one notebook stylesheet, found {[s.name for s in sheets]}"
    css = sheets[0].read_text(encoding="utf-8")
    undefined = set(re.findall(r"var\(\s*(--[\w-]+)\s*\)", css)) - set(re.findall(r"(--[\w-]+)\s*:", css))
    assert not undefined, f"{sheets[0].name} reads variables it no longer defines: {sorted(undefined)[:10]}"
    assert sheets[0].name == f"notebook.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css", (
        "stale name: caches would keep an old sheet"
    )
    for page in site_dir.rglob("notebooks/*/index.html"):
        assert sheets[0].name in page.read_text(encoding="utf-8"), (
            f"{page.relative_to(site_dir)} does not link {sheets[0].name}"
        )


def test_notebook_copy_buttons_copy_their_own_cell(site):
    """Each code cell's copy button names the hidden text block of that cell (cell-N)."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    pages = sorted(site_dir.rglob("notebooks/*/index.html"))
    assert pages, "no notebook pages in the build"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        buttons = re.findall(r'for="(cell-\d+)"', html)
        blocks = [
            re.search(r'id="(cell-\d+)"', tag).group(1)
            for tag in re.findall(r'<div [^>]*class="clipboard-copy-txt"[^>]*>', html)
        ]
        assert buttons and buttons == blocks, (
            f"{page.relative_to(site_dir)}: buttons {buttons} vs cells {blocks}"
        )


def test_notebook_copy_buttons_are_valid_markup(site):
    """thaw/notebooks.py (fix_template) rewrites mkdocs-jupyter's copy buttons (a stray comma, an
    aria-label the W3C checker rejects without a role); a changed template must fail here."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    for page in sorted(site_dir.rglob("notebooks/*/index.html")):
        tags = re.findall(r"<clipboard-copy\b[^>]*>", page.read_text(encoding="utf-8"))
        wrong = [
            t for t in tags if not re.fullmatch(r'<clipboard-copy for="cell-\d+" role="button" [^,]*>', t)
        ]
        assert tags and not wrong, (
            f"{page.relative_to(site_dir)}: copy buttons {wrong[:2] or 'missing'}; thaw/notebooks.py (fix_template) "
            "matches mkdocs-jupyter 0.26.3's markup: update its COPY_BUTTON pattern for the pinned version"
        )


def test_no_page_is_a_placeholder():
    stubs = [
        str(p.relative_to(ROOT)) for p in DOCS.rglob("*.md") if "PLACEHOLDER" in p.read_text(encoding="utf-8")
    ]
    assert not stubs, f"unfinished pages: {stubs}"


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.ids.update(value for name, value in attrs if name == "id")


def heading_ids(path):
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


def test_korean_pages_keep_the_english_anchors(site):
    """Links and the ledger point at English anchors; the Korean pages must have them too."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems = []
    for page in sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".ko.md")):
        rel = page.relative_to(DOCS).with_suffix("")
        html_dir = rel.parent if rel.name == "index" else rel
        en, ko = site_dir / html_dir / "index.html", site_dir / "ko" / html_dir / "index.html"
        missing = heading_ids(en) - heading_ids(ko) if ko.is_file() else {"(no page)"}
        if missing:
            problems.append(f"ko/{html_dir}: lacks {sorted(missing)}")
    assert not problems, "\n".join(problems)


@functools.cache
def site_path() -> str:
    """The URL path the site is built for: "/thaw/" in the tests (tests/conftest.py)."""
    return urlparse(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path or "/"


def site_file(site_dir: Path, page: Path, url: str) -> Path | None:
    """The file of the built site that a URL in `page` names (index.html for a folder), or None
    for a root-relative URL outside the site's path. Root-relative URLs (404.html's, the notebook
    download's) are read under site_url's path: /thaw/ in the tests, as on GitHub Pages."""
    base_path = site_path()
    path = unquote(url.split("#")[0].split("?")[0])
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        target = site_dir / path[len(base_path) :]
    else:
        target = (page.parent / path).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_and_load_leads_to_a_file(site):
    """Links the strict build cannot see (in notebook cells, in fence output) must work too:
    every relative link leads to a page, and its #anchor to an id on that page. And everything a
    page loads from the site (scripts, stylesheets, icons, images) is a file of the site: no
    HTTP 404 for a reader. Root-relative URLs (404.html has them) are read under the site's
    path (site_url: /thaw/ in the tests, as on GitHub Pages)."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    ids = {}

    def ids_of(path):
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    def target_of(page, url):
        return site_file(site_dir, page, url)

    dead, loads = set(), 0
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"?]+)"', text):
            if urlparse(href).scheme or href.startswith("mailto:"):
                continue
            anchor = unquote(href).partition("#")[2]
            target = target_of(page, href)
            if target is None or not target.is_file():
                dead.add(f"{page.relative_to(site_dir)}: {href}")
            elif anchor and target.suffix == ".html" and anchor not in ids_of(target):
                dead.add(f"{page.relative_to(site_dir)}: {href} (no such anchor)")
        refs = _Refs()
        refs.feed(text)
        for url in refs.urls:
            if urlparse(url).scheme or url.startswith("//"):
                continue  # data: URLs (test_every_image_decodes) and other hosts (the offline test)
            loads += 1
            target = target_of(page, url)
            if target is None or not target.is_file():
                dead.add(f"{page.relative_to(site_dir)}: loads {url}, which the site does not have")
    assert loads > 100, f"only {loads} loads found: is _Refs reading the pages?"
    assert not dead, "links to nothing:\n" + "\n".join(sorted(dead))


HANGUL = re.compile(r"[\uac00-\ud7a3]")
FIGURE = re.compile(
    r'<figure class="thaw-figure"><svg [^>]*role="img"[^>]*><title>([^<]+)</title>(.*?)</figure>', re.DOTALL
)


def test_figures_and_tables_speak_the_page_language(site):
    """A chapter figure is titled for screen readers and labelled in its page's language (the
    same fence, from snippets/figures/, draws both), and the ILSVRC table's header follows."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, drawn = [], 0
    for en in sorted(site_dir.rglob("*/index.html")):
        rel = en.relative_to(site_dir)
        if rel.parts[0] == "ko" or not (site_dir / "ko" / rel).is_file():
            continue
        html = en.read_text(encoding="utf-8")
        if '<figure class="thaw-figure">' not in html:
            continue
        english, korean = (
            FIGURE.findall(html),
            FIGURE.findall((site_dir / "ko" / rel).read_text(encoding="utf-8")),
        )
        if len(english) != html.count('<figure class="thaw-figure">') or len(korean) != len(english):
            problems.append(f"{rel}: {len(english)} titled figures here, {len(korean)} on the Korean page")
        for n, ((en_title, en_svg), (ko_title, ko_svg)) in enumerate(zip(english, korean), start=1):
            if HANGUL.search(en_title + en_svg):
                problems.append(f"{rel}, figure {n}: Hangul on the English page")
            if not (HANGUL.search(ko_title) and HANGUL.search(re.sub(r"<title>.*?</title>", "", ko_svg))):
                problems.append(f"ko/{rel}, figure {n}: its title or labels are not Korean")
            drawn += 1
    if drawn < 15:
        problems.append(f"only {drawn} chapter figures found; the build draws every chapter's figures")
    header = re.search(
        r"<thead>(.*?)</thead>", (site_dir / "ko" / "imagenet" / "index.html").read_text("utf-8"), re.DOTALL
    )
    if not (header and HANGUL.search(header[1])):
        problems.append("ko/imagenet: the ILSVRC table's header is not Korean")
    assert not problems, "\n".join(problems)


# The W3C Nu HTML Checker, from npm (vnu-jar, pinned in package.json); it runs on Java.
VNU_JAR = Path(
    os.environ.get("THAW_VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)


@pytest.mark.audit  # Java and npm's vnu-jar: `make check`
def test_every_page_is_valid_html(site):
    """The Nu checker, run once over every HTML file of the built site, reports no error."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java: `make check` installs it (tools/browser.py --java)"
    assert VNU_JAR.is_file(), (
        f"{VNU_JAR} missing: `make check` runs `npm ci` (vnu-jar is pinned in package.json)"
    )
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", *pages],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # gnu format: "path":line.column-line.column: error: message  ->  path:line: message
    where = re.compile(rf'^"?(?:file:)?{re.escape(str(site_dir))}/([^"]+)"?:(\d+)[.\d-]*: error: ')
    errors = [where.sub(r"\1:\2: ", line) for line in run.stderr.splitlines()]
    assert run.returncode == 0 and not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


SNIPPET_BLOCK = re.compile(
    r'<span class="filename"><a [^>]*>(snippets/[\w.-]+\.py)</a></span><pre><span></span><code>(.*?)</code></pre>',
    re.DOTALL,
)


def test_every_snippet_block_holds_its_file_exactly(site):
    """What each page's copy button copies (its code block's text, as the click above proves) is
    the snippet's file, for every snippet on every page; tools/seeds.py runs that text alone."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    shown: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        for name, code in SNIPPET_BLOCK.findall(page.read_text(encoding="utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", code))
            expected = (ROOT / name).read_text(encoding="utf-8")  # the HTML keeps the final newline
            if text != expected:
                where = _first_difference(text, expected)
                shown.setdefault(name, []).append(
                    f"{page.relative_to(site_dir)} differs at character {where}"
                )
            else:
                shown.setdefault(name, [])
    missing = sorted({f"snippets/{p.name}" for p in (ROOT / "snippets").glob("*.py")} - set(shown))
    assert not missing, f"snippets shown on no page (or not as a titled block): {missing}"
    differ = [f"{name}: {problem}" for name, problems in shown.items() for problem in problems]
    assert not differ, "a page's code block is not its snippet's file:\n" + "\n".join(differ)


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
NOT_PROSE = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.DOTALL)
RAW_TEX = re.compile(r"\\[(\[]|\\begin\{|\$\$")


def test_math_is_converted_to_mathml(site):
    """Every formula is MathML (thaw/markup.py): no arithmatex span or div without <math>, and no
    TeX delimiter left in a page's prose (code excluded). That MathML takes space on screen is
    the browser's check (tests/test_browser.py)."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, formulas = [], 0
    for page in sorted(site_dir.rglob("*.html")):
        for article in ARTICLE.findall(page.read_text(encoding="utf-8")):
            for kind, inner in re.findall(r'<(span|div) class="arithmatex">(.*?)</\1>', article, re.DOTALL):
                formulas += 1
                if "<math" not in inner:
                    problems.append(f"{page.relative_to(site_dir)}: unconverted {kind}: {inner[:60]!r}")
            text = html.unescape(re.sub(r"<[^>]+>", " ", NOT_PROSE.sub(" ", article)))
            if hit := RAW_TEX.search(text):
                problems.append(
                    f"{page.relative_to(site_dir)}: raw TeX ...{text[max(0, hit.start() - 40) : hit.end() + 40]}..."
                )
    assert formulas > 10, f"only {formulas} formulas in the site: is pymdownx.arithmatex on?"
    assert not problems, "\n".join(problems)


def _notebook_sources() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_notebook_pages_offer_their_notebook_exactly(site):
    """Each lab page, in both languages, has one download button whose target is a file of the
    built site holding the notebook's bytes, as committed."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, checked = [], 0
    for notebook in _notebook_sources():
        for prefix in ("", "ko/"):
            page = site_dir / prefix / notebook.relative_to(DOCS).with_suffix("") / "index.html"
            links = re.findall(r'<a href="([^"]+)" download\b', page.read_text(encoding="utf-8"))
            if len(links) != 1:
                problems.append(f"{page.relative_to(site_dir)}: {len(links)} download buttons")
                continue
            target = site_file(site_dir, page, links[0])
            if target is None or not target.is_file():
                problems.append(
                    f"{page.relative_to(site_dir)}: download {links[0]} is not a file of the site"
                )
            elif target.read_bytes() != notebook.read_bytes():
                problems.append(
                    f"{page.relative_to(site_dir)}: download {links[0]} differs from {notebook.name}"
                )
            checked += 1
    assert checked and not problems, "\n".join(problems) or "no notebook page"


DATA_IMAGE = re.compile(r'<img\b[^>]*\ssrc="data:image/(\w+);base64,([A-Za-z0-9+/=\s]+)"')


def test_every_image_decodes(site):
    """Each inline image (the labs' figures, base64 in the page) decodes to a picture with pixels."""
    from PIL import Image

    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, decoded = [], 0
    for page in sorted(site_dir.rglob("*.html")):
        for kind, data in DATA_IMAGE.findall(page.read_text(encoding="utf-8")):
            try:
                image = Image.open(io.BytesIO(base64.b64decode(data)))
                image.load()
                assert image.width > 0 and image.height > 0, "no pixels"
                decoded += 1
            except Exception as error:  # noqa: BLE001 (any decoding failure is the finding)
                problems.append(f"{page.relative_to(site_dir)}: a {kind} image does not decode: {error}")
    assert decoded >= 10, f"only {decoded} inline images decoded: the labs show more figures"
    assert not problems, "\n".join(problems)


def test_korean_queries_are_words_of_their_pages_in_the_index(site):
    """The static half of the Korean search test: split as the search splits it (mkdocs.yml's
    separator, which also strips a particle), each query in KOREAN_QUERIES shares a word with one
    of its expected pages' entries in the search index the Korean pages load. The search matches
    any of a query's words (a page that holds none of them cannot be found); which page ranks
    first is the browser's to show (tests/test_browser.py, `make check`)."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    index = json.loads((site_dir / "ko" / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = __import__("thaw.search").search.python_separator(index["config"]["separator"])

    def words(text: str) -> set[str]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()
        return {w for w in separator.split(text) if w}

    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        pages.setdefault(doc["location"].split("#")[0], set()).update(
            words(doc["title"]) | words(doc["text"])
        )
    misses = []
    for query, expected in KOREAN_QUERIES:
        wanted = words(query)
        if not any(wanted & pages.get(page, set()) for page in expected):
            misses.append(f"{query!r} -> {sorted(wanted)}: no word of {', '.join(expected)}")
    assert not misses, "Korean queries sharing no word with their pages' entries:\n" + "\n".join(misses)


def test_each_language_searches_its_own_pages(site):
    """The English pages load an index of English entries only, the Korean pages one of Korean
    entries (thaw/search.py splits the index the i18n plugin merges; the notebook pages keep
    only their language's cells), and each Korean page points its search there."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    english = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    korean = json.loads((site_dir / "ko" / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    assert english and korean, "an edition has an empty search index"
    mixed = [d["location"] for d in english if d["location"].startswith("ko/") or HANGUL.search(d["title"])]
    assert not mixed, f"Korean entries in the English index: {mixed[:5]}"
    latin = [d["location"] for d in korean if not HANGUL.search(d["title"] + d["text"])]
    assert not latin, f"entries without Korean text in the Korean index: {latin[:5]}"
    pages = {d["location"].split("#")[0] for d in korean}
    assert pages == {d["location"].split("#")[0] for d in english}, "the two indexes cover different pages"
    for page in (site_dir / "ko").rglob("index.html"):
        config = json.loads(
            re.search(
                r'<script id="__config" type="application/json">(.*?)</script>', page.read_text("utf-8")
            )[1]
        )
        assert config["base"].endswith("/ko/"), (
            f"{page.relative_to(site_dir)}: search base {config['base']!r}"
        )


PROVENANCE = re.compile(
    r'<p class="thaw-provenance">(.*?)<a href="([^"]+)" download><code>(snippets/[\w.-]+\.py)</code></a>'
    r" \(SHA-256 <code>([0-9a-f]{12})</code>\)(.*?)</p>"
)


def test_every_snippet_result_says_what_printed_it(site):
    """Under each snippet's output, on every page that runs one, a provenance line in the page's
    language (thaw/fences.py) whose hash is the file's, whose link downloads the file's exact
    bytes (thaw/snippet_files.py), and whose seed is the file's SEED line; the code block's
    title downloads the same file."""
    import hashlib

    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    problems, seen = [], set()
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(site_dir)
        blocks = re.findall(
            r'<span class="filename"><a href="([^"]+)" download[^>]*>(snippets/[\w.-]+\.py)</a>', text
        )
        lines = PROVENANCE.findall(text)
        if len(lines) != len({name for _, name in blocks}) and blocks:
            problems.append(f"{where}: {len(blocks)} snippet blocks, {len(lines)} provenance lines")
        for href, name in blocks:
            target = site_file(site_dir, page, href)
            if target is None or not target.is_file() or target.read_bytes() != (ROOT / name).read_bytes():
                problems.append(f"{where}: the title of {name} does not download its bytes ({href})")
        for before, href, name, sha, after in lines:
            source = (ROOT / name).read_text(encoding="utf-8")
            seen.add(name)
            if sha != hashlib.sha256(source.encode()).hexdigest()[:12]:
                problems.append(f"{where}: {name}'s provenance hash {sha} is not the file's")
            target = site_file(site_dir, page, href)
            if target is None or not target.is_file() or target.read_bytes() != (ROOT / name).read_bytes():
                problems.append(f"{where}: the provenance link of {name} does not download its bytes")
            seed = re.search(r"^SEED(?:, [\w, ]+)? = (\d+)", source, re.MULTILINE)
            said = re.search(r"(?:seed|시드) (\d+)", after)
            if (seed and not said) or (said and (not seed or said[1] != seed[1])):
                problems.append(
                    f"{where}: {name}'s provenance gives {said and said[0]!r}, the file {seed and seed[0]!r}"
                )
            korean = where.parts[0] == "ko"
            if bool(HANGUL.search(before + after)) != korean:
                problems.append(f"{where}: {name}'s provenance line is not in the page's language")
    every = {f"snippets/{p.name}" for p in (ROOT / "snippets").glob("*.py")}
    assert not problems, "\n".join(problems)
    assert seen == every, f"snippets without a provenance line on any page: {sorted(every - seen)}"


def test_data_carrying_snippets_are_folded(site):
    """The timeline's and the ILSVRC results' scripts are mostly data rows: their code is in a
    closed <details> (thaw/snippet_files.py), whole, so the page reads on to the output and the
    chart; the other snippets are shown open."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    folded = {"snippets/timeline.py": "timeline", "snippets/ilsvrc_gaps.py": "imagenet"}
    for name, page in folded.items():
        for prefix in ("", "ko/"):
            html = (site_dir / prefix / page / "index.html").read_text(encoding="utf-8")
            details = re.search(
                r"<details class=\"thaw-data\"><summary>(.*?)</summary>(.*?)</details>", html, re.DOTALL
            )
            assert details, f"{prefix}{page}: {name} is not folded"
            assert name in details[2] and "<pre>" in details[2], (
                f"{prefix}{page}: the fold lacks {name}'s code"
            )
            assert bool(HANGUL.search(details[1])) == (prefix == "ko/"), f"{prefix}{page}: summary language"
    others = site_dir / "vanishing-gradients" / "index.html"
    assert "thaw-data" not in others.read_text(encoding="utf-8"), "a snippet without data rows is folded"


def test_korean_lab_pages_show_korean_figures(site):
    """Each lab runs once per language (thaw/notebooks.py): every figure whose cell
    labels it (tr()) is, on the Korean page, another image than on the English page. (A figure
    with no words, such as the RBM's filters, is the same picture in both.)"""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    image = re.compile(r'src="data:image/\w+;base64,([^"]+)"')
    labelled = 0
    for notebook in _notebook_sources():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        words = [
            "tr(" in "".join(c["source"])
            for c in cells
            if c["cell_type"] == "code"
            for _ in range("".join(c["source"]).count("plt.show()"))
        ]
        path = notebook.relative_to(DOCS).with_suffix("") / "index.html"
        english = image.findall((site_dir / path).read_text(encoding="utf-8"))
        korean = image.findall((site_dir / "ko" / path).read_text(encoding="utf-8"))
        assert len(english) == len(korean) == len(words), (
            f"{path}: {len(english)}, {len(korean)}, {len(words)}"
        )
        for number, (en, ko, labels) in enumerate(zip(english, korean, words), 1):
            labelled += labels
            assert not (labels and en == ko), f"ko/{path}: figure {number} is the English page's image"
    assert labelled >= 8, f"only {labelled} lab figures carry labels"


def test_each_chapter_can_be_cited(site):
    """Each ledger chapter ends with "Cite this page" in its language (thaw/cite.py): a plain
    reference with the page's address and the post it retells, and a BibTeX entry; search skips it."""
    site_dir, build = site
    assert build.returncode == 0, "the build failed; see test_strict_build_succeeds"
    base = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    chapters = {row["chapter"].partition("#")[0].removesuffix(".md") for row in _claims()}
    for chapter in sorted(chapters):
        for prefix, label in (("", "Cite this page"), ("ko/", "이 페이지 인용하기")):
            html = (site_dir / prefix / chapter / "index.html").read_text(encoding="utf-8")
            block = re.search(
                r'<details class="quote thaw-cite" data-search-exclude><summary>(.*?)</summary>(.*?)</details>',
                html,
                re.DOTALL,
            )
            assert block and block[1] == label, f"{prefix}{chapter}: no '{label}' block"
            assert f"{base}{prefix}{chapter}/" in block[2] and "84949" in block[2] and "@misc{" in block[2], (
                block[2]
            )
    for index in ("search/search_index.json", "ko/search/search_index.json"):
        text = (site_dir / index).read_text(encoding="utf-8")
        assert "@misc" not in text, f"{index} indexes the citation blocks"


def _claims():
    import yaml

    return yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))
