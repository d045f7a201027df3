"""A small real HTTP server on 127.0.0.1 for the offline demo, the tests and the benchmarks.

It serves a table of routes (path → status, headers, body), usually loaded from a directory,
and remembers every path it was asked for, so a test can prove what was (never) requested.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[BaseHTTPRequestHandler], Page]


class LocalSite:
    """Routes are matched on the path only (the query string is ignored) unless a route was
    added for the full path-with-query. A route may be a Page or a callable returning one."""

    def __init__(self, directory: Path | None = None, port: int = 0):
        """`directory`: files to serve; index.html answers for its folder, and `{base}` in
        .xml/.txt files (feeds, sitemaps, robots.txt need absolute URLs) becomes the server URL."""
        self.directory = directory
        self.port = port  # 0: any free port
        self.routes: dict[str, Page | Handler] = {}
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self.base_url = ""

    def add(self, path: str, body: bytes | str = b"", status: int = 200, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Page(data, status, {k.replace("_", "-"): v for k, v in headers.items()})

    def add_handler(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def _load_directory(self) -> None:
        if self.directory is None:
            return
        root = Path(self.directory)
        for file in sorted(root.rglob("*")):
            if not file.is_file():
                continue
            rel = "/" + file.relative_to(root).as_posix()
            data = file.read_bytes()
            if file.suffix in (".xml", ".txt"):
                data = data.replace(b"{base}", self.base_url.encode())
            ctype = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
            page = Page(data, 200, {"Content-Type": ctype})
            self.routes.setdefault(rel, page)
            if file.name == "index.html":
                self.routes.setdefault(rel[: -len("index.html")], page)

    def start(self) -> str:
        site = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append(self.path)
                path = unquote(urlsplit(self.path).path)
                route = site.routes.get(self.path) or site.routes.get(path)
                if route is None:
                    page = Page(
                        b"<html><body>404</body></html>", 404, {"Content-Type": "text/html"}
                    )
                elif callable(route):
                    page = route(self)
                    if page is None:  # the handler wrote the response itself
                        return
                else:
                    page = route
                self.send_response(page.status)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, *args):  # keep test output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), RequestHandler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._load_directory()
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> LocalSite:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
