"""Serve a built site on 127.0.0.1, as a static host would: the one server of the tests and bench.

tests/conftest.py picks the port the site is built for (free_port), tests/test_browser.py
serves the session build to Chromium under the subpath it was built for (/thaw/, as GitHub
Pages serves a project site at https://OWNER.github.io/REPO/), and tools/bench.py serves
`make site` to Lighthouse gzip-compressed, as GitHub Pages sends it.
"""

import functools
import gzip
import http.server
import socket
import threading
from pathlib import Path

HOST = "127.0.0.1"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class StaticSite(http.server.SimpleHTTPRequestHandler):
    """Files under `directory` at URL path `base`, plus `extra` (URL path -> file); gzip for
    text if `compress`. A path outside `base` is not found, as on a host that serves the site
    under a subpath."""

    def __init__(self, *args, extra=None, compress=False, base="/", **kwargs):
        self.extra, self.compress, self.base = extra or {}, compress, base
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if path in self.extra:
            return str(self.extra[path])
        if not path.startswith(self.base):
            return str(Path(self.directory) / ".outside-the-base-path")  # no such file: 404
        return super().translate_path("/" + path[len(self.base) :])

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (self.compress and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().do_GET()
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


def serve(
    directory: Path, port: int, *, extra=None, compress=False, base: str = "/"
) -> http.server.ThreadingHTTPServer:
    """Start serving in a daemon thread (OSError if the port is taken); stop with .shutdown().
    `base`: the URL path the site lives under ("/thaw/" serves directory/index.html at /thaw/)."""
    handler = functools.partial(
        StaticSite, directory=str(directory), extra=extra, compress=compress, base=base
    )
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
