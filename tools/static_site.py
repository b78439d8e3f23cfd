"""Serve a built site on 127.0.0.1, as a static host would: the one server of the tests and bench.

tests/conftest.py picks the port the site is built for (free_port), tests/test_browser.py
serves the session build to Chromium, and tools/bench.py serves `make site` to Lighthouse
gzip-compressed, as GitHub Pages sends it.
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
    """Files under `directory`, plus `extra` (URL path -> file); gzip for text if `compress`."""

    def __init__(self, *args, extra=None, compress=False, **kwargs):
        self.extra, self.compress = extra or {}, compress
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        return str(self.extra[path]) if path in self.extra else super().translate_path(path)

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


def serve(directory: Path, port: int, *, extra=None, compress=False) -> http.server.ThreadingHTTPServer:
    """Start serving in a daemon thread (OSError if the port is taken); stop with .shutdown()."""
    handler = functools.partial(StaticSite, directory=str(directory), extra=extra, compress=compress)
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
