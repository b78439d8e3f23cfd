"""The Chromium that the browser tests and `make bench` use: find it, or install it.

`make check` (and `make pdf`, `make bench`) runs this before pytest and hands its answer (the browser's path, the one line
it prints on stdout) to the tests as THAW_CHROMIUM. In this order:

1. THAW_CHROMIUM, when set (it must name an executable);
2. a Chromium or Chrome already on the machine (on PATH, or Playwright's own download);
3. Debian's `chromium` package, where this process may install packages (root, or
   passwordless sudo): `apt-get update`, then `apt-get install -y chromium`;
4. Playwright's own `playwright install chromium`, where its download host answers (asked
   first: where it is unreachable, Playwright itself spends a minute on five retries);
5. else it stops at once with one line saying what to run.

`--find-only` does steps 1-2 and prints nothing when none is found (exit 1). Progress goes to
stderr, so stdout holds only the path.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

LOCAL_HOST = "127.0.0.1"
# Chromium's flags wherever it runs here (the browser tests, `make pdf`, Lighthouse in `make bench`):
# nothing but LOCAL_HOST resolves, and no first-run, sync, update or extension traffic.
FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOCAL_HOST}",
]
PLAYWRIGHT_HOST = "https://cdn.playwright.dev"  # where `playwright install` downloads from (1.65)
NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]
FIX = (
    "no Chromium for the browser tests: install one (Debian: `sudo apt-get install -y chromium`; "
    "elsewhere: `.venv/bin/python -m playwright install chromium`), or point THAW_CHROMIUM at a "
    "Chrome or Chromium binary (`make test`, the reader's doc tests, needs none)"
)


def playwright_chromium() -> str | None:
    """The browser `playwright install chromium` put in its cache, if there is one."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if os.access(path, os.X_OK) else None


def find() -> str | None:
    """Steps 1-2: THAW_CHROMIUM, else a browser already installed; None when there is none."""
    chosen = os.environ.get("THAW_CHROMIUM")
    if chosen:
        if not os.access(chosen, os.X_OK):
            sys.exit(f"THAW_CHROMIUM={chosen} is not an executable: unset it or point it at Chromium")
        return chosen
    for candidate in NAMES:
        if path := shutil.which(candidate):
            return path
    return playwright_chromium()


def may_install_packages() -> list[str] | None:
    """The prefix that runs apt-get as root ([] when we are root), or None when we may not."""
    if not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True, check=False).returncode == 0:
        return [sudo, "-n"]
    return None


def run(command: list[str], timeout: int) -> bool:
    print("+ " + " ".join(command), file=sys.stderr, flush=True)
    try:
        done = subprocess.run(command, stdout=sys.stderr, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"  gave up after {timeout} s", file=sys.stderr)
        return False
    return done.returncode == 0


def install() -> str | None:
    """Steps 3-4; the path of the browser installed, or None."""
    root = may_install_packages()
    if root is not None:
        env = ["env", "DEBIAN_FRONTEND=noninteractive"]
        updated = run([*root, "apt-get", "update", "-qq"], timeout=600)
        if updated and run([*root, *env, "apt-get", "install", "-y", "-qq", "chromium"], timeout=1200):
            return find()
    # Playwright retries an unreachable host five times (about a minute here): ask the host first.
    host = urlparse(os.environ.get("PLAYWRIGHT_DOWNLOAD_HOST") or PLAYWRIGHT_HOST).hostname
    try:
        socket.create_connection((host, 443), timeout=5).close()
    except OSError as error:
        print(f"+ playwright install chromium: skipped, {host} is unreachable ({error})", file=sys.stderr)
        return None
    if run([sys.executable, "-m", "playwright", "install", "chromium"], timeout=900):
        return playwright_chromium()
    return None


JAVA_FIX = "the HTML checker (vnu-jar) needs Java: install one (Debian: `sudo apt-get install -y default-jre-headless`)"


def java() -> int:
    """The Nu HTML checker's Java (tests/test_site.py): found, or Debian's installed where we may."""
    if not shutil.which("java"):
        root = may_install_packages()
        env = ["env", "DEBIAN_FRONTEND=noninteractive"]
        if root is not None:
            print("HTML checker: no Java on this machine; installing Debian's", file=sys.stderr, flush=True)
            if run([*root, "apt-get", "update", "-qq"], timeout=600):
                run([*root, *env, "apt-get", "install", "-y", "-qq", "default-jre-headless"], timeout=1200)
    if not shutil.which("java"):
        print(JAVA_FIX, file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--find-only", action="store_true", help="never install; exit 1 when none is found")
    parser.add_argument("--java", action="store_true", help="instead: find or install Java for vnu-jar")
    args = parser.parse_args()
    if args.java:
        return java()
    path = find()
    if not path and not args.find_only:
        print("browser tests: no Chromium on this machine; installing one", file=sys.stderr, flush=True)
        path = install()
        if not path:
            print(FIX, file=sys.stderr)
    if not path:
        return 1
    print(Path(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
