"""`make pdf`: the whole book, one PDF per language, printed from the built site by Chromium.

The site in site/ (from `make site`) is served on 127.0.0.1 and opened in Chromium, driven
by Playwright; Chromium resolves no other host. For each language, the home page's
navigation gives the book's order. Every page in it is fetched and its article moved into
one document: a title page, a contents page that links every part and page, then the pages
in nav order, each starting on a new sheet with its navigation title as its heading. Ids
get a per-page prefix, so a link between pages (a citation, a glossary term) becomes a link
inside the PDF; a link to anything else is made absolute (the published site for the site's
own files, such as a notebook download) and its address is printed after its text.
tools/pdf.css is the print stylesheet (no site chrome, code that wraps). Chromium prints the
document once (A4, page numbers in the footer, bookmarks from the headings), the contents
page takes the page number of every entry from that first print, and Chromium prints it again.

Korean needs a Korean font, embedded in the PDF. This tool uses an installed one (fc-list
:lang=ko); where there is none, it installs Debian's fonts-nanum when it runs as root with
apt-get (as .ci/run installs Chromium), and otherwise stops with the command to run.

Writes site/thaw-en.pdf and site/thaw-ko.pdf. A site built with THAW_PDF=1 links them from
its home page (thaw/record.py, pdf_links); tests/test_pdf.py checks both files.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import static_site  # tools/static_site.py: the one static server
from browser import FLAGS as CHROMIUM_FLAGS  # tools/browser.py: the same flags everywhere

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CSS = Path(__file__).with_name("pdf.css")
LANGUAGES = {"en": "", "ko": "ko/"}  # the home page of each edition, under the site root
FONT_PACKAGE = "fonts-nanum"  # Debian's Nanum Gothic: Korean and Latin, 10 MB (fonts-noto-cjk is 57 MB)
STRINGS = {
    "en": {"contents": "Contents", "from": "Printed from"},
    "ko": {"contents": "차례", "from": "원본 사이트"},
}


def chromium_path() -> str:
    """The Chromium to print with: THAW_CHROMIUM, else Debian's."""
    return os.environ.get("THAW_CHROMIUM", "/usr/bin/chromium")


def pdf_name(language: str) -> str:
    return f"thaw-{language}.pdf"


def korean_font() -> None:
    """Make sure Chromium finds a Korean font; install Debian's fonts-nanum where we may."""
    if not shutil.which("fc-list"):
        return  # no fontconfig (macOS, Windows): the system's own Korean fonts serve
    if _korean_families():
        return
    command = f"apt-get update && apt-get install -y {FONT_PACKAGE}"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"make pdf: no Korean font installed (fc-list :lang=ko finds none). Install one: {command}")
    print(f"no Korean font installed: {command}", flush=True)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", FONT_PACKAGE]):
        if subprocess.run(step, check=False, env=env).returncode != 0:
            sys.exit(f"make pdf: `{' '.join(step)}` failed; install a Korean font ({FONT_PACKAGE}) and rerun")
    if not _korean_families():
        sys.exit(f"make pdf: {FONT_PACKAGE} is installed, yet fc-list :lang=ko finds no font")


def _korean_families() -> list[str]:
    out = subprocess.run(["fc-list", ":lang=ko", "family"], check=False, capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line.strip()]


BLANK = "/__thaw_book__/"  # an empty page at the site's origin, where the book is put together
BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>Thaw</title></head><body></body></html>'


# In the language's home page: read the navigation, fetch every page in it, and build the
# book in place of the page's article. Returns the navigation, for the log.
ASSEMBLE = r"""
async ({strings, prefix}) => {
  const parse = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new DOMParser().parseFromString(await response.text(), "text/html");
  };
  const home = new URL("/" + prefix, location.href);
  const homeDoc = await parse(home.href);
  // This blank page takes the home page's language, colours and stylesheets (no scripts).
  const lang = homeDoc.documentElement.lang;
  document.documentElement.lang = lang;
  document.title = homeDoc.title;
  for (const attr of homeDoc.body.attributes) document.body.setAttribute(attr.name, attr.value);
  const sheets = new Set();
  const addSheets = (doc, url) => {
    for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
      const href = new URL(link.getAttribute("href"), url).href;
      if (sheets.has(href)) continue;
      sheets.add(href);
      const copy = document.createElement("link");
      copy.rel = "stylesheet";
      copy.href = href;
      document.head.append(copy);
    }
  };
  addSheets(homeDoc, home);
  // The published site: the home page's canonical address, less the language's folder.
  const publicBase = new URL(".", homeDoc.querySelector('link[rel="canonical"]').href);
  const siteRoot = new URL(prefix.replace(/[^/]+\//g, "../") || ".", publicBase);
  // The navigation, in order: parts (sections) and pages.
  const nav = [];
  const walk = (ul, part) => {
    for (const li of ul.children) {
      const sub = li.querySelector(":scope > nav.md-nav:not(.md-nav--secondary) > ul");
      if (sub) {
        const label = li.querySelector(":scope > label.md-nav__link .md-ellipsis");
        const title = label.textContent.trim();
        nav.push({kind: "part", title});
        walk(sub, title);
      } else {
        const a = li.querySelector(":scope > a.md-nav__link");
        const url = new URL(a.getAttribute("href"), home).href;
        nav.push({kind: "page", title: a.textContent.trim(), url, part});
      }
    }
  };
  walk(homeDoc.querySelector(".md-nav--primary > .md-nav__list"), null);
  const keyOf = (url) => {
    const u = new URL(url);
    let path = decodeURIComponent(u.pathname).replace(/index\.html$/, "");
    path = path.slice(home.pathname.length).replace(/\/$/, "");
    return "p-" + (path.replace(/[^\w-]+/g, "_") || "home");
  };
  const pages = new Map(nav.filter(n => n.kind === "page").map(n => [new URL(n.url).pathname, n]));
  for (const n of pages.values()) n.key = keyOf(n.url);
  const pageKey = (u) => {
    const path = u.pathname.replace(/index\.html$/, "");
    const hit = pages.get(path) || pages.get(path + "/");
    return hit && hit.key;
  };

  const book = document.createElement("div");
  book.className = "thaw-book";
  const cover = document.createElement("section");
  cover.className = "thaw-cover";
  cover.innerHTML = `<p class="thaw-cover__title"></p><p class="thaw-cover__lead"></p>
    <p class="thaw-cover__from"></p><p class="thaw-cover__credit"></p>`;
  cover.querySelector(".thaw-cover__title").textContent =
    homeDoc.querySelector(".md-header__topic .md-ellipsis")?.textContent.trim() || homeDoc.title;
  cover.querySelector(".thaw-cover__lead").textContent =
    homeDoc.querySelector('meta[name="description"]')?.content || "";
  cover.querySelector(".thaw-cover__from").textContent = `${strings.from}: ${publicBase.href}`;
  cover.querySelector(".thaw-cover__credit").textContent =
    homeDoc.querySelector(".md-copyright__highlight")?.textContent.trim() || "";
  book.append(cover);

  const contents = document.createElement("nav");
  contents.className = "thaw-contents";
  contents.setAttribute("aria-label", strings.contents);
  const contentsTitle = document.createElement("p");
  contentsTitle.className = "thaw-contents__title";
  contentsTitle.textContent = strings.contents;
  const list = document.createElement("ol");
  contents.append(contentsTitle, list);
  book.append(contents);

  let partNumber = 0;
  for (const n of nav) {
    if (n.kind === "part") {
      partNumber += 1;
      const item = document.createElement("li");
      item.className = "thaw-contents__part";
      item.dataset.target = `part-${partNumber}`;
      const a = document.createElement("a");
      a.href = `#part-${partNumber}`;
      a.textContent = n.title;
      item.append(a);
      list.append(item);
      n.id = `part-${partNumber}`;
      continue;
    }
    const item = document.createElement("li");
    item.className = n.part ? "thaw-contents__page" : "thaw-contents__part";
    item.dataset.target = n.key;
    const a = document.createElement("a");
    a.href = "#" + n.key;
    a.textContent = n.title;
    item.append(a);
    list.append(item);
  }

  const fetched = await Promise.all([...pages.values()].map(n => parse(n.url)));
  const docs = new Map([...pages.values()].map((n, i) => [n.key, fetched[i]]));

  const rename = (id, key) => `${key}--${id}`;
  const REFS = ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"];
  let pendingPart = null;
  for (const n of nav) {
    if (n.kind === "part") { pendingPart = n; continue; }
    const doc = docs.get(n.key);
    addSheets(doc, n.url);  // the notebook pages' stylesheet
    const article = doc.querySelector("article.md-content__inner");
    if (!article) throw new Error(`${n.url}: no article`);
    // What a page on paper does not need: buttons, permalinks, scripts, the other language.
    article.querySelectorAll(
      ".md-content__button, .headerlink, .md-clipboard, clipboard-copy, script, .md-source-file, .thaw-pdf"
    ).forEach(el => el.remove());
    article.querySelectorAll(".jupyter-wrapper [lang]").forEach(el => {
      if (el.lang && el.lang !== lang && el.closest(".jupyter-wrapper")) el.remove();
    });
    article.querySelectorAll("details").forEach(el => el.setAttribute("open", ""));
    // Ids: unique in the book.
    for (const el of article.querySelectorAll("[id]")) el.id = rename(el.id, n.key);
    for (const el of article.querySelectorAll("*")) {
      for (const attr of [...el.attributes]) {
        if (REFS.includes(attr.name)) {
          attr.value = attr.value.split(/\s+/).map(v => v && rename(v, n.key)).join(" ");
        } else if (attr.value.includes("url(#")) {
          attr.value = attr.value.replace(/url\(#([^)]+)\)/g, (_, id) => `url(#${rename(id, n.key)})`);
        } else if ((attr.name === "href" || attr.name === "xlink:href") && el.namespaceURI.endsWith("svg")
                   && attr.value.startsWith("#")) {
          attr.value = "#" + rename(attr.value.slice(1), n.key);
        }
      }
    }
    for (const style of article.querySelectorAll("style")) {
      style.textContent = style.textContent.replace(/url\(#([^)]+)\)/g, (_, id) => `url(#${rename(id, n.key)})`);
    }
    // Links: to a page of the book, inside the PDF; anything else, absolute and printed.
    for (const a of article.querySelectorAll("a[href]")) {
      const raw = a.getAttribute("href");
      let u;
      try { u = new URL(raw, n.url); } catch { continue; }
      const key = u.origin === location.origin ? pageKey(u) : null;
      if (key) {
        const anchor = decodeURIComponent(u.hash.slice(1));
        a.setAttribute("href", "#" + (anchor ? rename(anchor, key) : key));
        continue;
      }
      const target = u.origin === location.origin
        ? new URL(u.pathname.slice(1) + u.search + u.hash, siteRoot).href
        : u.href;
      const shown = target.replace(/^https?:\/\//, "").replace(/\/$/, "");
      a.setAttribute("href", target);
      const text = a.textContent.trim().replace(/^https?:\/\//, "").replace(/\/$/, "");
      if (!/^(https?|mailto):/.test(target)) continue;
      if (text !== shown) a.dataset.url = target.replace(/^mailto:/, "");
      a.classList.add("thaw-external");
    }
    for (const el of article.querySelectorAll("[src]")) {
      el.setAttribute("src", new URL(el.getAttribute("src"), n.url).href);
    }
    // Headings: a part is h1; a page in a part starts at h2 (its headings one level down).
    const depth = n.part ? 1 : 0;
    if (depth) {
      for (const h of [...article.querySelectorAll("h1, h2, h3, h4, h5")]) {
        const lower = document.createElement("h" + Math.min(6, Number(h.tagName[1]) + depth));
        for (const attr of h.attributes) lower.setAttribute(attr.name, attr.value);
        lower.append(...h.childNodes);
        h.replaceWith(lower);
      }
    }
    const section = document.createElement("section");
    section.className = "thaw-page md-typeset";
    section.id = n.key;
    section.dataset.url = n.url;
    if (pendingPart) {
      const part = document.createElement("h1");
      part.className = "thaw-part";
      part.id = pendingPart.id;
      part.textContent = pendingPart.title;
      section.append(part);
      pendingPart = null;
    }
    // The page's title is its navigation title, as in the contents and the bookmarks.
    const first = article.querySelector("h1, h2");
    const title = document.createElement(depth ? "h2" : "h1");
    title.className = "thaw-title";
    title.textContent = n.title;
    if (first) {
      title.id = first.id;
      first.replaceWith(title);
    }
    section.append(...article.childNodes);
    if (!first) section.insertBefore(title, section.querySelector(".thaw-part")?.nextSibling || section.firstChild);
    book.append(section);
  }
  document.body.replaceChildren(book);
  // Wait for stylesheets, images and fonts; give up after a minute rather than hang.
  const loaded = (el, done) => done ? null : new Promise(r => { el.onload = r; el.onerror = r; });
  await Promise.race([
    Promise.all([
      ...[...document.querySelectorAll('link[rel="stylesheet"]')].map(l => loaded(l, l.sheet)),
      ...[...document.images].map(img => loaded(img, img.complete)),
    ]).then(() => document.fonts.ready),
    new Promise(r => setTimeout(r, 60000)),
  ]);
  return nav.map(n => ({kind: n.kind, title: n.title, key: n.key || n.id}));
}
"""

# After the first print: each contents entry gets the page its target starts on.
NUMBER = """(numbers) => {
  for (const item of document.querySelectorAll(".thaw-contents li")) {
    item.dataset.page = numbers[item.dataset.target] ?? "";
  }
}"""

FOOTER = (
    '<div style="width:100%;font-size:8pt;text-align:center;color:#555;'
    'font-family:sans-serif"><span class="pageNumber"></span></div>'
)


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destinations (the targets of links inside the document) -> 1-based page numbers."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {
        name.lstrip("/"): reader.get_destination_page_number(d) + 1
        for name, d in reader.named_destinations.items()
    }


def print_book(context, base: str, language: str, out: Path) -> dict:
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else foreign.append(r.url)
    )
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + BLANK.lstrip("/"), wait_until="load")
    nav = page.evaluate(ASSEMBLE, {"strings": STRINGS[language], "prefix": LANGUAGES[language]})
    page.add_style_tag(content=CSS.read_text(encoding="utf-8"))
    page.evaluate("document.fonts.ready")
    options = {
        "format": "A4",
        "print_background": True,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": FOOTER,
        "margin": {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        "outline": True,
        "tagged": True,
    }
    # The first print only finds the pages: untagged, it is faster and breaks pages the same way.
    numbers = destination_pages(page.pdf(**(options | {"outline": False, "tagged": False})))
    page.evaluate(NUMBER, numbers)
    data = page.pdf(**options)
    page.close()
    if foreign:
        sys.exit(f"make pdf: the {language} book asked for other hosts: {sorted(set(foreign))[:5]}")
    missing = [n["title"] for n in nav if n["key"] not in numbers]
    if missing:
        sys.exit(f"make pdf: the {language} book has no page for: {', '.join(missing)}")
    out.write_bytes(data)
    return {"nav": nav, "errors": errors, "bytes": len(data)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(SITE), help="the built site (default: site/)")
    parser.add_argument("--out", help="where to write the PDFs (default: the site folder)")
    parser.add_argument("--language", choices=sorted(LANGUAGES), action="append", help="only this edition")
    args = parser.parse_args()
    site = Path(args.site)
    out = Path(args.out) if args.out else site
    if not (site / "index.html").is_file():
        sys.exit(f"make pdf: no built site in {site}; run `make site` first")
    chromium = chromium_path()
    if not Path(chromium).exists():
        sys.exit(
            f"make pdf: Chromium not found at {chromium}; apt-get install -y chromium, or set THAW_CHROMIUM"
        )
    korean_font()
    from playwright.sync_api import sync_playwright

    blank = Path(tempfile.mkdtemp()) / "blank.html"
    blank.write_text(BLANK_PAGE, encoding="utf-8")
    server = static_site.serve(site, 0, extra={BLANK: blank})  # port 0: any free one
    base = f"http://{static_site.HOST}:{server.server_address[1]}/"
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            context = browser.new_context(color_scheme="light", locale="en-US")
            context.set_default_timeout(120_000)
            for language in args.language or list(LANGUAGES):
                start = time.monotonic()
                target = out / pdf_name(language)
                result = print_book(context, base, language, target)
                pages = len(result["nav"])
                print(
                    f"{target}: {result['bytes'] / 1e6:.1f} MB, {pages} nav entries, "
                    f"{time.monotonic() - start:.1f} s",
                    flush=True,
                )
                for error in result["errors"]:
                    print(f"  page error: {error}", flush=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(blank.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
