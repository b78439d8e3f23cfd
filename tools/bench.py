"""`make bench`: how fast and how heavy the site is, and how long the two commands take.

1. A cold `make site` (site/ and the notebook cache removed first), timed.
2. site/ served on 127.0.0.1 the way GitHub Pages serves it (gzip for text), and Lighthouse
   (from npm, pinned in package.json; mobile preset, its default) run in Debian's Chromium on
   three pages: the home page, one chapter, one notebook page. Nothing but 127.0.0.1 resolves.
3. The bytes of each page (its HTML) and of everything it loads, uncompressed and as sent.
4. `make test`, timed (skip with --skip-test).
5. Every snippet run as a reader runs it (`python snippets/name.py`, in an empty directory,
   median of --code-runs runs) and every lab notebook executed top to bottom in a fresh kernel
   (kernel start included). `--code-only` (`make bench-code`) does only this step.

Prints a table and writes bench.json (--code-only prints only). A benchmark, not a test: it exits 0 unless asked to
--check the budgets from the issues (performance >= 95, accessibility 100, best practices 100,
SEO >= 95; chapter page <= 150 KB, notebook page <= 250 KB uncompressed; each snippet <= 3 s,
each notebook <= 10 s).
"""

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("THAW_CHROMIUM", "/usr/bin/chromium")
PAGES = {"home": "", "chapter": "vanishing-gradients/", "notebook": "notebooks/vanishing_gradients_lab/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SCORE_BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
PAGE_BUDGET_KB = {"chapter": 150, "notebook": 250}
CODE_BUDGET_S = {"snippet": 3.0, "notebook": 10.0}
PDF_BUDGET = {"seconds": 90, "mb_each": 15}  # `make pdf` after `make site`; each book's size
CHROME_FLAGS = (
    "--headless=new "
    "--no-sandbox "
    "--disable-gpu "
    "--disable-quic "
    "--no-first-run "
    "--disable-background-networking "
    "--disable-component-update "
    "--disable-sync "
    "'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"
)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map"}


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the client accepts it (as GitHub Pages does)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            path.is_file()
            and path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(command: list[str], env: dict) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    return time.perf_counter() - start, done.returncode, done.stdout


def time_code(runs: int) -> dict:
    """Wall seconds of each snippet (median of `runs`) and of each notebook (one run)."""
    import nbclient
    import nbformat

    times = {}
    with tempfile.TemporaryDirectory() as empty:
        for path in sorted((ROOT / "snippets").glob("*.py")):
            name, each = str(path.relative_to(ROOT)), []
            print(f"  {name}", flush=True)
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, str(path)],
                    check=False,
                    cwd=empty,
                    text=True,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                )
                each.append(time.perf_counter() - start)
                if done.returncode:
                    sys.exit(f"{name} failed:\n{done.stdout}")
            times[name] = {
                "kind": "snippet",
                "seconds": round(statistics.median(each), 2),
                "each_run": [round(t, 2) for t in each],
            }
    for path in sorted((ROOT / "docs" / "notebooks").glob("*.ipynb")):
        name = str(path.relative_to(ROOT))
        print(f"  {name}", flush=True)
        notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        nbclient.NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        times[name] = {"kind": "notebook", "seconds": round(time.perf_counter() - start, 2)}
    return times


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def measure(name: str, url: str, runs: int, workdir: Path) -> dict:
    reports = [lighthouse(url, workdir / f"{name}-{i}.json") for i in range(runs)]
    scores = {
        c: statistics.median(round(r["categories"][c]["score"] * 100) for r in reports) for c in CATEGORIES
    }
    # the run with the median performance score supplies the timings and the byte counts
    report = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
    requests = report["audits"]["network-requests"]["details"]["items"]
    loaded = [r for r in requests if not r["url"].startswith("data:")]
    misses = sorted(
        {
            f"{a}: {ref['id']}"
            for a in CATEGORIES
            if a != "performance"
            for ref in report["categories"][a]["auditRefs"]
            if ref["weight"] > 0
            and report["audits"][ref["id"]]["score"] is not None
            and report["audits"][ref["id"]]["score"] < 1
        }
    )
    metrics = {
        k: round(report["audits"][k]["numericValue"])
        for k in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index"]
    }
    metrics["cumulative-layout-shift"] = round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3)
    page_file = SITE / PAGES[name] / "index.html"
    return {
        "url": url,
        "scores": scores,
        "runs": runs,
        "performance_each_run": [round(r["categories"]["performance"]["score"] * 100) for r in reports],
        "metrics_ms": metrics,
        "page_bytes": page_file.stat().st_size,
        "total_bytes": sum(r.get("resourceSize", 0) for r in loaded),
        "total_transfer_bytes": sum(r.get("transferSize", 0) for r in loaded),
        "requests": len(loaded),
        "failed_audits": misses,
    }


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-test", action="store_true", help="do not time `make test`")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median scores)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument(
        "--code-only",
        action="store_true",
        help="only time the snippets and notebooks (no site build, Lighthouse or tests)",
    )
    parser.add_argument("--code-runs", type=int, default=3, help="runs per snippet (median)")
    parser.add_argument("--output", default=str(ROOT / "bench.json"))
    args = parser.parse_args()
    if args.code_only:
        print("snippets and notebooks ...", flush=True)
        code = time_code(args.code_runs)
        misses = code_misses(code)
        report_code(code)
        print("budgets: " + ("all met" if not misses else "MISSED: " + "; ".join(misses)))
        return 1 if args.check and misses else 0
    for need, fix in [
        (LIGHTHOUSE, "npm ci"),
        (Path(CHROMIUM), "apt-get update && apt-get install -y chromium"),
    ]:
        if not need.exists():
            sys.exit(f"{need} not found; install it with: {fix}")

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    # as `make site` runs for a reader: no MPLBACKEND, so the notebooks keep the inline backend
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {"SITE_URL": base}
    shutil.rmtree(SITE, ignore_errors=True)
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    print("cold `make site` ...", flush=True)
    site_s, rc, log = timed(["make", "site"], env)
    if rc != 0:
        sys.exit(f"`make site` failed:\n{log}")

    print("`make pdf` ...", flush=True)
    pdf_s, rc, log = timed(["make", "pdf"], env)
    pdf_mb = (
        {p.name: round(p.stat().st_size / 1e6, 1) for p in sorted(SITE.glob("thaw-*.pdf"))} if rc == 0 else {}
    )
    pdf_misses = [f"`make pdf` failed:\n{log[-2000:]}"] if rc else []
    pdf_misses += [f"`make pdf`: {pdf_s:.0f} s > {PDF_BUDGET['seconds']} s"] * (pdf_s > PDF_BUDGET["seconds"])
    pdf_misses += [
        f"{n}: {mb} MB > {PDF_BUDGET['mb_each']} MB" for n, mb in pdf_mb.items() if mb > PDF_BUDGET["mb_each"]
    ]

    handler = functools.partial(PagesLikeHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = {}
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for name, path in PAGES.items():
                print(f"Lighthouse (mobile) on {base + path} ...", flush=True)
                pages[name] = measure(name, base + path, args.runs, Path(workdir))
    finally:
        server.shutdown()
        server.server_close()

    test_s = test_rc = None
    if not args.skip_test:
        print("`make test` ...", flush=True)
        test_s, test_rc, _ = timed(["make", "test"], {k: v for k, v in os.environ.items() if k != "SITE_URL"})

    print("snippets and notebooks ...", flush=True)
    code = time_code(args.code_runs)
    misses = code_misses(code) + pdf_misses
    for name, page in pages.items():
        misses += [
            f"{name}: {c} {page['scores'][c]} < {b}" for c, b in SCORE_BUDGET.items() if page["scores"][c] < b
        ]
        if name in PAGE_BUDGET_KB and page["page_bytes"] > PAGE_BUDGET_KB[name] * 1024:
            misses.append(f"{name}: page {kb(page['page_bytes'])} > {PAGE_BUDGET_KB[name]} KB")

    chromium = subprocess.run(
        [CHROMIUM, "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    lighthouse_version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "chromium": chromium,
            "lighthouse": lighthouse_version,
        },
        "make_site_cold_s": round(site_s, 1),
        "make_test_s": None if test_s is None else round(test_s, 1),
        "make_pdf_s": round(pdf_s, 1),
        "pdf_mb": pdf_mb,
        "make_test_exit": test_rc,
        "served_as": "127.0.0.1, gzip for text (as GitHub Pages serves it); Lighthouse mobile preset",
        "pages": pages,
        "code_s": code,
        "budget_misses": misses,
    }
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    head = (
        f"{'page':<9} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'page':>7} "
        f"{'all (raw)':>10} {'all (sent)':>10} {'req':>4}  FCP/LCP ms"
    )
    print("\n" + head + "\n" + "-" * len(head))
    for name, p in pages.items():
        s = p["scores"]
        print(
            f"{name:<9} {s['performance']:>4} {s['accessibility']:>4} "
            f"{s['best-practices']:>4} {s['seo']:>4} "
            f"{kb(p['page_bytes']):>7} {kb(p['total_bytes']):>10} {kb(p['total_transfer_bytes']):>10} "
            f"{p['requests']:>4}  "
            f"{p['metrics_ms']['first-contentful-paint']}/{p['metrics_ms']['largest-contentful-paint']}"
        )
    report_code(code)
    print(f"\ncold `make site`: {site_s:.1f} s")
    print(f"`make pdf`:       {pdf_s:.1f} s (budget {PDF_BUDGET['seconds']} s), MB: {pdf_mb}")
    if test_s is not None:
        print(f"`make test`:      {test_s:.1f} s (exit {test_rc})")
    print(f"load average (1 min) at the end: {result['machine']['load_average_1m']} on {os.cpu_count()} CPUs")
    for name, p in pages.items():
        for miss in p["failed_audits"]:
            print(f"  {name}: audit below 100: {miss}")
    print("budgets: " + ("all met" if not misses else "MISSED: " + "; ".join(misses)))
    print(f"wrote {args.output}")
    return 1 if args.check and (misses or test_rc) else 0


def code_misses(code: dict) -> list[str]:
    return [
        f"{name}: {t['seconds']} s > {CODE_BUDGET_S[t['kind']]} s"
        for name, t in code.items()
        if t["seconds"] > CODE_BUDGET_S[t["kind"]]
    ]


def report_code(code: dict) -> None:
    print(f"\n{'wall seconds (budget: snippet 3, notebook 10)':<46} {'s':>6}")
    for name, t in code.items():
        flag = "  OVER" if t["seconds"] > CODE_BUDGET_S[t["kind"]] else ""
        print(f"{name:<46} {t['seconds']:>6.2f}{flag}")


if __name__ == "__main__":
    sys.exit(main())
