"""The built site in a real browser: offline, search, navigation, copy, notebooks, math, axe.

Part of the maintainer's audit (`make check`; the `audit` marker keeps them out of `make test`,
which needs only Python). What a check of the built files can prove is in tests/test_site.py;
these are the checks that need a browser: what loads and runs, what a reader clicks and types.

Chromium driven by Playwright from PyPI. Which Chromium is tools/browser.py's answer: `make check`
runs it first (it finds or installs one) and passes its path as THAW_CHROMIUM; a bare `pytest`
asks it to find one already installed. The site from the session build (tests/conftest.py) is
served on 127.0.0.1 at the port and under the subpath of its site_url (/thaw/, as GitHub Pages
serves it): Material's instant navigation only takes over links when the page's origin matches
site_url, and a root-relative URL fails there as it would on Pages.
Every other host is unreachable: Chromium resolves no name but 127.0.0.1.

One browser and one context for the session; each page of the site is loaded once
(`crawl`) and the per-page checks read what that visit recorded. A missing Chromium, Playwright
or axe-core fails them with the command that installs it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from support import KOREAN_QUERIES, ROOT, load_tool, static_site

pytestmark = [pytest.mark.site, pytest.mark.audit]

BROWSER_TOOL = ROOT / "tools" / "browser.py"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__thaw_test__/axe.min.js"  # served beside the site, so Chromium caches the compiled script
BROWSER = load_tool("browser")
LOCAL_HOST = BROWSER.LOCAL_HOST
CHROMIUM_ARGS = BROWSER.FLAGS  # the same flags as `make pdf` and `make bench`
SNIPPET = ROOT / "snippets" / "vanishing_gradients.py"
CHAPTER = "vanishing-gradients/"
NOTEBOOK = "notebooks/vanishing_gradients_lab/"
CRAWL_TABS = 2  # see crawl_pages
DARK_TOO = ["", CHAPTER, NOTEBOOK]  # also checked with axe in the dark scheme
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. `
      + v.nodes.slice(0, 3).map(n => n.target.join(" ")
        + " -> " + n.failureSummary.replace(/\\s+/g, " ").slice(0, 160)).join(" | ") + ")");
}"""
# axe.run does most of its work before its first await, so evaluating it directly would block
# until it is nearly done; started from a timer, it runs on in the tab while the other tab loads.
AXE_START = f"() => {{ window.thawAxe = new Promise(done => setTimeout(() => done(({AXE_RUN})()), 0)); }}"
RAW_TEX = """() => {
  const main = document.querySelector("article.md-content__inner") || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll("pre, code, script, style, .highlight").forEach(el => el.remove());
  const text = copy.textContent;
  const hit = text.match(/\\\\[(\\[]|\\\\begin\\{|\\$\\$/);
  return {
    raw: hit ? text.slice(Math.max(0, hit.index - 40), hit.index + 40) : null,
    unconverted: main.querySelectorAll(".arithmatex:not(:has(math))").length,
    math: main.querySelectorAll("math").length,
    drawn: [...main.querySelectorAll("math")]
      .filter(m => m.closest("details:not([open])") || m.getBoundingClientRect().width > 0).length,
  };
}"""

FIGURES = """() => {
  const wrapper = document.querySelector(".jupyter-wrapper");
  const images = [...wrapper.querySelectorAll("img")].map(img => ({
    what: "img " + img.src.slice(0, 40), ok: img.complete && img.naturalWidth > 0}));
  const drawings = [...wrapper.querySelectorAll(".jp-OutputArea-output svg")]
    .filter(svg => !svg.parentElement.closest("svg"))
    .map(svg => ({what: "inline svg", ok: svg.getBoundingClientRect().width > 0}));
  return images.concat(drawings);
}"""


def _need(condition: bool, problem: str, fix: str):
    """A missing tool fails the test with the command that installs it."""
    if not condition:
        pytest.fail(f"{problem}. Install it with:\n    {fix}", pytrace=False)


def _chromium() -> tuple[str, str]:
    """tools/browser.py's answer: THAW_CHROMIUM (as `make test` sets it), else one already installed.

    Returns (path or "", what it said when it found none)."""
    found = subprocess.run(
        [sys.executable, str(BROWSER_TOOL), "--find-only"], capture_output=True, text=True, check=False
    )
    return found.stdout.strip(), found.stderr.strip() or "Chromium not found"


@pytest.fixture(scope="session")
def browser():
    chromium, problem = _chromium()
    _need(
        bool(chromium),
        problem,
        f"make check   (it runs {BROWSER_TOOL.relative_to(ROOT)} first, which installs one)",
    )
    _need(AXE.exists(), f"axe-core not found at {AXE.relative_to(ROOT)}", "npm ci   (in the repository root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(
            False,
            "Playwright is not installed in this environment",
            "make check   (it installs .venv from requirements.lock)",
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def origin(site):
    """Serve the built site on 127.0.0.1 at its site_url's port and path, as GitHub Pages serves
    a project site under /REPO/; yields the site's base URL, 'http://127.0.0.1:PORT/thaw/'."""
    site_dir, build = site
    if build.returncode != 0:
        pytest.fail("the build failed; see test_strict_build_succeeds", pytrace=False)
    first = re.search(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    url = urlparse(first[1])
    if url.scheme != "http" or url.hostname != LOCAL_HOST or not url.path.endswith("/"):
        pytest.fail(
            f"the browser tests serve the site at http://{LOCAL_HOST}:PORT/PATH/, but it was built for "
            f"{first[1]}: unset SITE_URL or set it to http://{LOCAL_HOST}:PORT/PATH/",
            pytrace=False,
        )
    port = url.port or 80
    base = f"http://{LOCAL_HOST}:{port}{url.path}"
    try:  # the site as a static host serves it, plus axe-core at AXE_PATH
        server = static_site.serve(site_dir, port, extra={AXE_PATH: AXE}, base=url.path)
    except OSError as error:
        pytest.fail(
            f"cannot serve the site on {base} ({error}). Instant navigation needs the site "
            f"served at its site_url. Stop whatever uses port {port}, or run the tests with "
            f"another one: SITE_URL=http://{LOCAL_HOST}:8123/thaw/ make check",
            pytrace=False,
        )
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def context(browser, origin):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.rstrip("/"))
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    tab = context.new_page()
    yield tab
    tab.close()


def site_pages(site_dir: Path, base: str) -> list[str]:
    """Every page in the sitemap, in both languages (each <loc> and its alternates), then 404.
    The sitemap's URLs are absolute, under the base URL the site was built for."""
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap) + re.findall(
        r'hreflang="[^"]+" href="([^"]+)"', sitemap
    )
    outside = [u for u in urls if not u.startswith(base)]
    assert not outside, f"sitemap URLs outside {base}: {outside[:3]}"
    return [*dict.fromkeys(urls), base + "404.html"]  # ordered, no duplicates


def _crawl_tab(context):
    """A tab for the crawl, and {"visit": the Visit its events are recorded on}."""
    tab, holding = context.new_page(), {}

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme not in ("data", "blob", "about") and url.hostname != LOCAL_HOST:
            holding["visit"].foreign.append(request.url)

    def on_console(message):
        if message.type == "error":
            location = message.location.get("url", "")
            holding["visit"].errors.append(f"console: {message.text} {location}".strip())

    def on_response(response):
        if response.status >= 400 and urlparse(response.url).hostname == LOCAL_HOST:
            holding["visit"].errors.append(f"HTTP {response.status}: {response.url}")

    tab.on("request", on_request)
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: holding["visit"].errors.append(f"uncaught: {error}"))
    tab.on("response", on_response)
    return tab, holding


class Visit:
    """What one page load recorded."""

    def __init__(self, url):
        self.url, self.errors, self.foreign, self.axe, self.axe_dark, self.math = url, [], [], [], None, None


def crawl_pages(context, origin: str, urls: list[str]) -> dict[str, Visit]:
    """Load each page once (URLs under `origin`, which also serves axe-core at AXE_PATH): console
    errors, failed loads, requests elsewhere, axe-core's serious and critical violations, math.
    {path under origin: Visit}, in the order given.

    Two tabs take turns: while axe-core checks one tab's page (in that tab's renderer, a
    process of its own), the other tab loads the next page and starts its own check. Each tab
    records its events on the visit it holds (test_crawl_records_each_fault_on_its_own_page).
    With a core free: the site's 34 pages in 54 s, not 62 s; with both cores busy (make test), no faster."""
    axe = urljoin(origin, AXE_PATH)  # at the server root, outside the site
    visits: dict[str, Visit] = {}
    tabs = [_crawl_tab(context) for _ in range(CRAWL_TABS)]

    def start(tab, holding, url):
        visit = holding["visit"] = visits[url[len(origin) :]] = Visit(url)
        if tab.goto(url, wait_until="load") is None:  # HTTP errors are recorded by on_response
            visit.errors.append(f"no response: {url}")
        tab.add_script_tag(url=axe)
        tab.evaluate(AXE_START)

    def finish(tab, holding):
        if "visit" in holding:
            holding["visit"].axe = tab.evaluate("() => window.thawAxe")
            holding["visit"].math = tab.evaluate(RAW_TEX)

    for i, url in enumerate(urls):
        tab, holding = tabs[i % len(tabs)]
        finish(tab, holding)
        start(tab, holding, url)
    for tab, holding in tabs:
        finish(tab, holding)
        tab.wait_for_load_state("networkidle")  # late requests of the last pages count too
        tab.close()
    return visits


@pytest.fixture(scope="session")
def crawl(context, origin, site):
    """Every page of the site, crawled once (crawl_pages), then three in the dark scheme. {path: Visit}."""
    site_dir, _ = site
    axe = urljoin(origin, AXE_PATH)  # at the server root, outside the site
    visits = crawl_pages(context, origin, site_pages(site_dir, origin))

    dark = context.new_page()
    dark.emulate_media(color_scheme="dark")
    for path in DARK_TOO:
        if path in visits:
            dark.goto(origin + path, wait_until="load")
            dark.add_script_tag(url=axe)
            visits[path].axe_dark = dark.evaluate(AXE_RUN)
    dark.close()
    return visits


def _report(visits, what) -> str:
    lines = [f"{path or '(home)'}: {item}" for path, visit in visits.items() for item in what(visit)]
    return "\n".join(lines)


def test_every_page_loads_without_errors(crawl):
    assert "" in crawl and len(crawl) > 2, "the crawl found no pages: is sitemap.xml empty?"
    problems = _report(crawl, lambda v: v.errors)
    assert not problems, "console errors or failed loads:\n" + problems


def test_no_request_leaves_127_0_0_1(crawl):
    problems = _report(crawl, lambda v: v.foreign)
    assert not problems, "the site must work offline; these pages asked another host:\n" + problems


def test_axe_finds_no_serious_or_critical_violation(crawl):
    problems = _report(crawl, lambda v: v.axe)
    dark = _report(crawl, lambda v: v.axe_dark or [])
    assert not problems and not dark, (
        "axe-core (light scheme):\n" + problems + ("\naxe-core (dark scheme):\n" + dark if dark else "")
    )


def test_math_is_rendered(crawl):
    problems = _report(
        crawl,
        lambda v: (
            ([f"raw TeX visible: ...{v.math['raw']}..."] if v.math["raw"] else [])
            + ([f"{v.math['unconverted']} formulas not converted to MathML"] if v.math["unconverted"] else [])
            + (
                [f"{v.math['math'] - v.math['drawn']} MathML formulas take no space"]
                if v.math["drawn"] < v.math["math"]
                else []
            )
        ),
    )
    assert not problems, problems
    assert crawl[CHAPTER].math["math"] > 0, f"{CHAPTER}: no MathML on the page (the chapter has formulas)"


def _open_search(page, query: str, korean: bool = False):
    page.locator("input.md-search__input").click()
    box = page.locator("input.md-search__input")
    if korean:  # press_sequentially types Hangul without key events; Material listens for them
        box.fill(query)
        box.press("End")
    else:
        box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(state="attached")
    return results


def _result_paths(page, results) -> list[str]:
    """Each result's page as a path under the site's base ("/ko/lenet5/"), without its #anchor."""
    page.wait_for_timeout(150)  # results render in one batch; let it finish
    return [_under(urlparse(href).path) for href in results.evaluate_all("els => els.map(a => a.href)")]


SITE_PATH = urlparse(os.environ.get("SITE_URL", "http://127.0.0.1/")).path  # "/thaw/", set by conftest


def _under(path: str) -> str:
    """A URL path made relative to the site's base path: "/thaw/ko/lenet5/" -> "/ko/lenet5/"."""
    return "/" + path[len(SITE_PATH) :] if path.startswith(SITE_PATH) else path


def test_search_finds_lenet_and_highlights_it(page, origin):
    page.goto(origin)
    results = _open_search(page, "LeNet")
    paths = _result_paths(page, results)
    assert "/lenet5/" in paths, f"searching 'LeNet' should find the LeNet-5 chapter; results: {paths}"
    page.evaluate("window.__thawNoReload = true")
    results.nth(paths.index("/lenet5/")).click()
    page.wait_for_url(re.compile(r"/lenet5/\?h="))
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert "lenet" in marks.first.inner_text().lower(), "the search term should be highlighted on the page"
    assert page.evaluate("window.__thawNoReload === true"), "the result link reloaded the whole page"


def test_search_finds_korean_words(page, origin):
    page.goto(origin + CHAPTER)
    word = "루트에리노"  # the essay's author, credited on the home page
    results = _open_search(page, word, korean=True)
    paths = _result_paths(page, results)
    assert {"/", "/ko/"} & set(paths), f"searching {word!r} should find the home page; results: {paths}"


@pytest.mark.parametrize(
    "start, word, expected",
    [
        ("ko/", "기울기", "/ko/vanishing-gradients/"),  # vanishing gradient
        ("ko/", "역전파", "/ko/backpropagation/"),  # backpropagation
        ("ko/", "르쿤", "/ko/lenet5/"),  # LeCun
        ("ko/", "LeNet", "/ko/lenet5/"),
        ("", "torch", "/notebooks/"),  # the lab notebooks' code
        ("ko/", "torch", "/ko/notebooks/"),
    ],
)
def test_search_works_in_both_languages(page, origin, start, word, expected):
    page.goto(origin + start)
    results = _open_search(page, word, korean=not word.isascii())
    paths = _result_paths(page, results)
    assert any(p.startswith(expected) for p in paths), (
        f"searching {word!r} from /{start} should find a page under {expected}; results: {paths}"
    )


def test_search_finds_what_a_korean_reader_types(page, origin):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(origin + "ko/")
    box = page.locator("input.md-search__input")
    box.click()
    items = page.locator(".md-search-result__item")
    misses = []
    for query, pages in KOREAN_QUERIES:
        box.fill("")
        items.first.wait_for(state="detached")  # the last query's results are gone
        box.fill(
            query
        )  # Hangul: fill, then a key event, which Material's search listens for (see _open_search)
        box.press("End")
        results = page.locator(".md-search-result__item a.md-search-result__link")
        try:
            results.first.wait_for(state="attached")
        except PlaywrightTimeout:  # not one result
            misses.append(f"{query!r}: no result")
            continue
        found = list(dict.fromkeys(_result_paths(page, results)))[:2]
        if not any(path == f"/ko/{expected}" for path in found for expected in pages):
            misses.append(f"{query!r}: first two results {found}, expected /ko/{' or /ko/'.join(pages)}")
    assert not misses, "Korean searches that miss their page:\n" + "\n".join(misses)


def test_instant_navigation_keeps_the_page(page, origin):
    page.goto(origin)
    page.evaluate("window.__thawMarker = 'still here'")
    page.locator(f"nav.md-nav--primary a[href$='{CHAPTER}']").first.click()
    page.wait_for_url(origin + CHAPTER)
    # Instant navigation changes the URL first and swaps the content a moment later: wait for it.
    heading = page.locator("article h1", has_text="anishing")
    heading.first.wait_for(timeout=10_000)
    assert heading.count(), "the chapter did not open"
    assert page.evaluate("window.__thawMarker") == "still here", (
        "clicking a nav link reloaded the page: instant navigation is off, "
        "or the page's origin differs from site_url"
    )


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def test_copy_button_copies_the_snippet_exactly(page, origin):
    page.goto(origin + CHAPTER)
    title = page.locator(".filename", has_text=f"snippets/{SNIPPET.name}")
    block = page.locator(".highlight", has=title).first
    block.hover()
    block.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = SNIPPET.read_text(encoding="utf-8")
    # The page's code block drops the file's final newline; every other character must match.
    assert copied == expected.removesuffix("\n"), (
        f"the copy button should copy {SNIPPET.relative_to(ROOT)} exactly; got {len(copied)} characters "
        f"for {len(expected)}, first difference at character {_first_difference(copied, expected)}"
    )


PLAIN_TOKENS = """(classes) => {
  const differing = (a, b) => [...a].filter(p => a.getPropertyValue(p) !== b.getPropertyValue(p));
  const out = {scheme: document.body.dataset.mdColorScheme, blocks: 0, differ: []};
  const highlighted = [...document.querySelectorAll("pre")].filter(pre => pre.querySelector("span.p"));
  for (const pre of highlighted.slice(0, 3)) {
    const code = pre.querySelector("code") || pre;  // a notebook's code has no <code>
    out.blocks++;
    const plain = code.appendChild(document.createElement("span"));
    plain.textContent = "x";
    for (const name of classes) {
      const token = code.appendChild(document.createElement("span"));
      token.className = name;
      token.textContent = "x";
      const differ = differing(getComputedStyle(token), getComputedStyle(plain));
      differ.sort((a, b) => (b === "color") - (a === "color"));  // the likeliest first
      if (differ.length) out.differ.push(`.${name}: ${differ.slice(0, 4).join(", ")}`);
      token.remove();
    }
    plain.remove();
  }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_unwrapped_code_tokens_look_like_plain_text(browser, origin, scheme):
    """thaw/markup.py drops Pygments' spans for names and whitespace, on the premise
    that the theme styles them as the code's plain text. A span of each class put back into a
    chapter's and a notebook's code blocks must match a bare span there in every computed property."""
    from thaw.markup import PLAIN as plain

    fresh = browser.new_context(color_scheme=scheme)  # the theme keeps a page's scheme for the next
    try:
        page = fresh.new_page()
        for path in (CHAPTER, NOTEBOOK):
            page.goto(origin + path)
            found = page.evaluate(PLAIN_TOKENS, list(plain))
            assert found["scheme"] == {"light": "default", "dark": "slate"}[scheme], f"{path}: {found}"
            assert found["blocks"], f"{path}: no code block found"
            assert not found["differ"], (
                f"{path} ({scheme}): the theme styles these tokens unlike plain code text, so "
                f"thaw/markup.py must keep their spans: {found['differ']}"
            )
    finally:
        fresh.close()


def _notebook_pages() -> list[str]:
    """The page of each lab notebook in docs/ (mkdocs-jupyter renders x.ipynb at x/), both languages."""
    pages = sorted(
        p.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
        for p in (ROOT / "docs").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )
    return pages + ["ko/" + p for p in pages]


def test_notebook_pages_draw_their_figures(page, origin):
    """Every lab figure is drawn and takes space (that each image decodes, and that the page
    offers its notebook's exact bytes, tests/test_site.py checks in the built files)."""
    notebooks = _notebook_pages()
    assert NOTEBOOK in notebooks, f"{NOTEBOOK} is not a lab notebook page; found {notebooks}"
    for path in notebooks:
        response = page.goto(origin + path)
        assert response.ok, f"{path}: HTTP {response.status}"
        assert page.locator(".jupyter-wrapper").count(), f"{path}: not rendered as a notebook"
        figures = page.evaluate(FIGURES)
        broken = [f["what"] for f in figures if not f["ok"]]
        assert figures, f"{path}: the lab should show its figures; the page has none"
        assert not broken, f"{path}: figures that did not load or take no space: {broken}"


@pytest.mark.parametrize("path", ["", CHAPTER, NOTEBOOK, "timeline/"])
def test_language_switch_leads_to_the_same_page(page, origin, path):
    """The switcher's 한국어 entry leads to this page's Korean twin under the site's base path
    (docs/assets/thaw.js), and its English entry back: on Pages the site lives under /REPO/."""
    for here, there, lang in ((path, "ko/" + path, "ko"), ("ko/" + path, path, "en")):
        page.goto(origin + here)
        link = page.locator(f"a.md-select__link[hreflang='{lang}']").first
        page.wait_for_function("([a, want]) => a.href === want", arg=[link.element_handle(), origin + there])
        response = page.goto(link.evaluate("a => a.href"))
        assert response.ok, f"{here}: the {lang} link answers HTTP {response.status}"
        assert page.evaluate("document.documentElement.lang") == lang, f"{here} -> {page.url}"


def test_crawl_records_each_fault_on_its_own_page(browser, tmp_path):
    """The crawl's two tabs overlap, so each event must land on the page that caused it: a
    fault on one page, and none on the clean pages loaded beside it."""
    plain = '<!doctype html><html lang="en"><head><title>{0}</title><link rel="icon" href="data:,"></head><body><main><h1>{0}</h1>{1}</main></body></html>'
    pages = {
        "clean-1.html": "",
        "console.html": "<script>console.error('planted'); null.x;</script>",
        "clean-2.html": "",
        "no-alt.html": '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        "clean-3.html": "",
        "elsewhere.html": '<img alt="x" src="http://elsewhere.invalid/x.gif">',
        "clean-4.html": "",
    }
    for name, body in pages.items():
        (tmp_path / name).write_text(plain.format(name, body), encoding="utf-8")
    server = static_site.serve(tmp_path, 0, extra={AXE_PATH: AXE})
    base = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    context = browser.new_context()
    try:
        urls = [base + name for name in [*pages, "missing.html"]]
        visits = crawl_pages(context, base, urls)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert list(visits) == [*pages, "missing.html"]
    assert any("planted" in e for e in visits["console.html"].errors), visits["console.html"].errors
    assert any(e.startswith("uncaught:") for e in visits["console.html"].errors), visits[
        "console.html"
    ].errors
    assert [v.split(":")[0] for v in visits["no-alt.html"].axe] == ["critical image-alt"], visits[
        "no-alt.html"
    ].axe
    assert set(visits["elsewhere.html"].foreign) == {"http://elsewhere.invalid/x.gif"}
    assert any(e.startswith("HTTP 404") for e in visits["missing.html"].errors)
    for name in ("clean-1.html", "clean-2.html", "clean-3.html", "clean-4.html"):
        visit = visits[name]
        assert not (visit.errors or visit.foreign or visit.axe), (
            f"{name} got another page's events: {vars(visit)}"
        )


FIGURE_CONTRAST = r"""() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
  const lum = c => { const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const over = (c, a, bg) => ({r: c.r * a + bg.r * (1 - a), g: c.g * a + bg.g * (1 - a), b: c.b * a + bg.b * (1 - a)});
  const ratio = (x, y) => { const a = lum(x), b = lum(y); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const bg = parse(getComputedStyle(document.body).backgroundColor);
  const DECOR = /--thaw-fig-(b0b0b0|cccccc|d9d9d9|c5cae9|ffffff)/;
  const out = {bg: getComputedStyle(document.body).backgroundColor, checked: 0, low: [], textLighter: 0, textDarker: 0};
  document.querySelectorAll("figure.thaw-figure svg").forEach((svg, n) => {
    const title = (svg.querySelector("title") || {}).textContent;
    svg.querySelectorAll("text, path, use, line, polyline, rect, circle, ellipse").forEach(el => {
      if (el.closest("defs, clipPath, title")) return;
      let alpha = 1;
      for (let e = el; e && e !== svg.parentElement; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
      const cs = getComputedStyle(el);
      const style = el.getAttribute("style") || "";
      const parts = el.tagName === "text" ? [["fill", 4.5]] : [["stroke", 3], ["fill", 3]];
      for (const [prop, need] of parts) {
        const c = parse(cs.getPropertyValue(prop));
        if (!c || c.a === 0 || cs.getPropertyValue(prop) === "none") continue;
        const declared = style.match(new RegExp("(?:^|;)\\s*" + prop + ":\\s*([^;]+)"));
        if (el.tagName !== "text" && (!declared || DECOR.test(declared[1]))) continue;  // not painted, or a decoration
        if (prop === "stroke" && parseFloat(cs.strokeWidth) === 0) continue;
        const a = alpha * c.a * Number(cs.getPropertyValue(prop + "-opacity") || 1);
        if (prop === "fill" && el.tagName !== "text" && a < 0.5) continue;  // a shaded region, not a mark
        const r = ratio(over(c, a, bg), bg);
        if (el.tagName === "text") lum(over(c, a, bg)) > lum(bg) ? out.textLighter++ : out.textDarker++;
        out.checked++;
        if (r < need) out.low.push(`fig ${n + 1} (${title}): ${el.tagName} ${prop} ${cs.getPropertyValue(prop)} alpha ${a.toFixed(2)} -> ${r.toFixed(2)}:1 < ${need}`);
      }
    });
  });
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_follow_the_colour_scheme_at_readable_contrast(browser, origin, site, scheme):
    """Every chapter figure is painted in the scheme's colours (thaw/figures.py, assets/thaw.css):
    its text dark on the light scheme and light on the dark one, at 4.5:1 or more against the page,
    and every line and mark it draws (axes, ticks, series, bars, markers; not the grid, the legend
    frame or a shaded region) at 3:1 or more, opacity included."""
    site_dir, _ = site
    pages = sorted(
        p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.glob("*/index.html")
        if '<figure class="thaw-figure">' in p.read_text(encoding="utf-8")
    )
    assert len(pages) >= 10, f"only {len(pages)} pages with chapter figures"
    fresh = browser.new_context(color_scheme=scheme)
    try:
        tab, low, checked = fresh.new_page(), [], 0
        for path in pages:
            tab.goto(origin + path)
            found = tab.evaluate(FIGURE_CONTRAST)
            checked += found["checked"]
            low += [f"{path}: {item}" for item in found["low"]]
            lighter = scheme == "dark"
            wrong = found["textDarker"] if lighter else found["textLighter"]
            assert found["textLighter"] + found["textDarker"] and not wrong, (
                f"{path} ({scheme}): {wrong} figure labels are {'darker' if lighter else 'lighter'} than the page"
            )
    finally:
        fresh.close()
    assert checked > 500, f"only {checked} painted figure elements checked"
    assert not low, f"figure colours below contrast in the {scheme} scheme:\n" + "\n".join(low[:20])
