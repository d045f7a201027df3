"""A hostile web site for the tests: a raw-socket HTTP server on 127.0.0.1 that misbehaves.

http.server always finishes a well-formed response; real sites and the networks between them do
not. Handlers here write bytes to the socket themselves: one byte per second, nothing at all, a
gzip bomb, a Content-Length that lies. The server records every request (Host header and path),
so a test can prove what was never asked for.

`HostileSite` lays out the sites the tests crawl. Its source has a public-looking host name
(news.hostile.test) that the crawl pins to 127.0.0.1 with NEWSMON_HOST_OVERRIDES, so the rule
"a public source never reaches a private address" is in force while everything runs locally.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support.sites import TEXTS, article_html

HOST = "news.hostile.test"
MIRROR = "mirror.hostile.test"  # another host the source lists in allowed_domains
ELSEWHERE = "elsewhere.test"  # another site, not the source's
PRIVATE_HOSTS = ("127.0.0.1", "localhost")  # how a hostile page names the crawler's machine
# ... and in other spellings: unspecified (reaches localhost on Linux), a decimal IPv4 address
# that the system resolver reads as 127.0.0.1, IPv6 loopback
OTHER_PRIVATE_HOSTS = ("0.0.0.0", "2130706433", "::1")
MiB = 1024 * 1024


@dataclass(frozen=True)
class Seen:
    host: str  # from the Host header, lower-case, without the port
    path: str
    at: float  # time.monotonic() when the request arrived


class Exchange:
    """One request and the socket to answer it on."""

    def __init__(self, sock: socket.socket, method: str, target: str, headers: dict, stopping):
        self.sock = sock
        self.method = method
        self.path = target
        self.headers = headers
        self.stopping: threading.Event = stopping

    @property
    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def send(self, data: bytes) -> bool:
        """False once the client has gone away."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def respond(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        length: int | None = None,
    ) -> None:
        """A response with Content-Length `length` (default: the real one)."""
        reason = {200: "OK", 301: "Moved Permanently", 302: "Found"}.get(status, "Status")
        head = [f"HTTP/1.1 {status} {reason}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        head.append(f"Content-Length: {len(body) if length is None else length}")
        self.send(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)

    def client_gone(self, seconds: float) -> bool:
        """Wait up to `seconds`; True when the client closed the connection or the server stops."""
        self.sock.settimeout(seconds)
        try:
            return self.sock.recv(1024) == b"" or self.stopping.is_set()
        except TimeoutError:
            return self.stopping.is_set()
        except OSError:
            return True


Handler = Callable[[Exchange], None]


class RawHttpServer:
    """Routes by exact path-with-query, then path, then the longest matching prefix."""

    def __init__(self):
        self.routes: dict[str, Handler] = {}
        self.prefixes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self.port = 0
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    # -- routes ---------------------------------------------------------------------------------

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def prefix(self, prefix: str, handler: Handler) -> None:
        self.prefixes[prefix] = handler

    def page(
        self, path: str, body: bytes | str, status: int = 200, ctype: str = "text/html", **headers
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {
            "Content-Type": ctype,
            **{k.replace("_", "-"): v for k, v in headers.items()},
        }
        self.route(path, lambda ex: ex.respond(status, data, all_headers))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.route(path, lambda ex: ex.respond(status, b"", {"Location": location}))

    def requests_to(self, host: str | None = None, path_prefix: str = "") -> list[Seen]:
        return [
            s
            for s in list(self.seen)
            if (host is None or s.host == host) and s.path.startswith(path_prefix)
        ]

    # -- serving --------------------------------------------------------------------------------

    def start(self) -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(256)
        self._listener = listener
        self.port = listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()
        return self.port

    def stop(self) -> None:
        self._stopping.set()
        if self._listener:
            self._listener.close()
        with self._lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._open.add(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            request = self._read_head(sock)
            if request is None:
                return
            method, target, headers = request
            host = headers.get("host", "").rsplit(":", 1)[0].strip("[]").lower()
            self.seen.append(Seen(host, target, time.monotonic()))
            handler = self._handler(target)
            if handler is None:
                Exchange(sock, method, target, headers, self._stopping).respond(
                    404, b"<html><body>Not here</body></html>", {"Content-Type": "text/html"}
                )
            else:
                handler(Exchange(sock, method, target, headers, self._stopping))
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    @staticmethod
    def _read_head(sock: socket.socket):
        sock.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk or len(data) > 1024 * 1024:
                return None
            data += chunk
        lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return method, target, headers

    def _handler(self, target: str) -> Handler | None:
        path = urlsplit(target).path
        if target in self.routes:
            return self.routes[target]
        if path in self.routes:
            return self.routes[path]
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if path.startswith(prefix):
                return self.prefixes[prefix]
        return None


# -- misbehaviour ------------------------------------------------------------------------------


def one_byte_per_second(response: bytes) -> Handler:
    def handler(ex: Exchange) -> None:
        for i in range(len(response)):
            if not ex.send(response[i : i + 1]) or ex.client_gone(1.0):
                return

    return handler


def say_nothing(ex: Exchange) -> None:
    """Accept the connection, read the request, never answer."""
    while not ex.client_gone(0.5):
        pass


def gzip_bomb(unpacked: int) -> bytes:
    """`unpacked` bytes of zeros in gzip form: about a thousandth of the size on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * MiB
    parts = [packer.compress(chunk) for _ in range(unpacked // MiB)]
    return b"".join([*parts, packer.flush()])


def streamed(total: int, ctype: str = "text/html; charset=utf-8") -> Handler:
    """A chunked body of `total` bytes: no Content-Length announces the size."""

    def handler(ex: Exchange) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nTransfer-Encoding: chunked\r\n\r\n"
        if not ex.send(head.encode()):
            return
        block = b"<p>" + "много текста ".encode() * 4000 + b"</p>\n"
        sent = 0
        while sent < total:
            if not ex.send(f"{len(block):x}\r\n".encode() + block + b"\r\n"):
                return
            sent += len(block)
        ex.send(b"0\r\n\r\n")

    return handler


def declares_huge_length(ex: Exchange) -> None:
    """Announces five gigabytes, sends a little, keeps the connection open."""
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000000000\r\n\r\n"
    if ex.send(head.encode() + b"<html><body>" + b" " * 1000):
        ex.client_gone(5)


def lying_length(body: bytes, announced: int) -> Handler:
    """Content-Length says `announced`, fewer bytes come, then the connection closes."""
    return lambda ex: ex.respond(200, body, {"Content-Type": "text/html"}, length=announced)


def first_then(first: Handler, then: Handler) -> Handler:
    """The first request gets `first`, every later one `then` (a server that recovers)."""
    calls = []

    def handler(ex: Exchange) -> None:
        calls.append(1)
        (first if len(calls) == 1 else then)(ex)

    return handler


def status(code: int, body: bytes = b"", **headers: str) -> Handler:
    headers = {"Content-Type": "text/html", **{k.replace("_", "-"): v for k, v in headers.items()}}
    return lambda ex: ex.respond(code, body, headers)


# -- the sites ---------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"\x00\x01\x02binary" * 200
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
LOL = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10)
)
# The title and body of the "markup and code are data" page, as the reader sees them.
HOSTILE_TITLE = "<script>alert('x')</script> Robert'); DROP TABLE articles;--"
HOSTILE_TEXT = "Текст с разметкой <img src=x onerror=alert(1)> и запросом ' OR 1=1; --"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def article(n: int, title: str | None = None, text: str | None = None) -> str:
    return article_html(
        title or f"Новость {n}",
        text or TEXTS[n % len(TEXTS)],
        f"2025-08-{1 + n % 28:02d}T10:00:00+05:00",
    )


def html_page(handler_html: str, ctype: str = "text/html; charset=utf-8") -> Handler:
    data = handler_html.encode("utf-8")
    return lambda ex: ex.respond(200, data, {"Content-Type": ctype})


TRANSPORT = {
    "too_large_declared": "/sobytiia/201-too-large-declared.html",
    "too_large_streamed": "/sobytiia/202-too-large-streamed.html",
    "gzip_bomb": "/sobytiia/203-gzip-bomb.html",
    "lying_length": "/sobytiia/206-lying-length.html",
    "forbidden": "/sobytiia/207-forbidden.html",
    "throttled": "/sobytiia/208-throttled.html",
    "throttled_long": "/sobytiia/209-throttled-long.html",
    "flaky": "/sobytiia/210-flaky.html",
    "empty": "/sobytiia/211-empty.html",
    "pdf": "/sobytiia/212-pdf.html",
    "png": "/sobytiia/213-png.html",
    "soft404_title": "/sobytiia/214-soft404-title.html",
    "soft404_body": "/sobytiia/215-soft404-body.html",
    "grams_404": "/sobytiia/216-izyato-404-gramma.html",
}

CONTENT = {
    "invalid_utf8": "/sobytiia/301-invalid-utf8.html",
    "cp1251_as_utf8": "/sobytiia/302-cp1251-as-utf8.html",
    "koi8r_as_utf8": "/sobytiia/303-koi8r-as-utf8.html",
    "cp1251_as_latin1": "/sobytiia/304-cp1251-as-latin1.html",
    "nul_bytes": "/sobytiia/305-nul-bytes.html",
    "nested": "/sobytiia/306-nested.html",
    "markup_as_text": "/sobytiia/307-markup-as-text.html",
}

REDIRECTS = {
    "loop": "/sobytiia/501-loop.html",
    "self": "/sobytiia/503-self.html",
    "chain": "/sobytiia/504-chain.html",
    "offsite": "/sobytiia/505-offsite.html",
    "mirror": "/sobytiia/506-mirror.html",
    "to_private": "/sobytiia/507-to-private.html",
    "hop_to_private": "/sobytiia/508-hop-to-private.html",
    "meta_to_private": "/sobytiia/509-meta-to-private.html",
    "to_ipv6": "/sobytiia/510-to-ipv6-loopback.html",
}


class HostileSite:
    """The hostile source: every case of docs/hostile.md beside good pages, in one crawl.

    Good articles are /sobytiia/{1..8}-novost-{n}.html (and /massa/… pages). Each hostile case
    has its own path, listed in the class attributes below so the tests can name them.
    """

    GOOD = range(1, 9)
    TRANSPORT = TRANSPORT
    CONTENT = CONTENT
    LONG_URL = "/sobytiia/308-" + "x" * 5000 + ".html"
    REDIRECTS = REDIRECTS
    PRIVATE_LINKS = ("/sobytiia/401-internal.html", "/sobytiia/402-internal.html")
    CHAIN_HOPS = 30
    MASSA_LINKS = 100_000
    DEEP_PAGES = 12
    # Entries of the refused feeds and sitemaps: never requested if the XML is refused.
    NEVER = ("/sobytiia/601-laughs.html", "/sobytiia/602-secret.html", "/internal/")

    def __init__(self, folder: Path):
        self.server = RawHttpServer()
        self.folder = folder
        self.documents: dict[str, bytes] = {}  # the feeds and sitemaps served, by path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server.port}"

    def url(self, path: str, host: str = HOST) -> str:
        return f"http://{host}:{self.server.port}{path}"

    def start(self) -> HostileSite:
        self.server.start()
        s = self.server
        for n in self.GOOD:
            s.route(f"/sobytiia/{n}-novost-{n}.html", html_page(article(n)))
        s.prefix("/massa/", html_page(article(9, "Массовая страница")))
        self._transport()
        self._content()
        self._redirects()
        self._xml()
        self._limits()
        return self

    def stop(self) -> None:
        self.server.stop()

    def _listing(self, path: str, links: list[str]) -> None:
        anchors = "".join(f'<li><a href="{href}">ссылка</a></li>' for href in links)
        self.server.route(path, html_page(f"<html><body><ul>{anchors}</ul></body></html>"))

    def _transport(self) -> None:
        s, t = self.server, self.TRANSPORT
        good = article(10, "Ответ после повтора")
        s.route(t["too_large_declared"], declares_huge_length)
        s.route(t["too_large_streamed"], streamed(12 * MiB))
        bomb = gzip_bomb(100 * MiB)
        s.route(
            t["gzip_bomb"],
            status(200, bomb, Content_Type="text/html; charset=utf-8", Content_Encoding="gzip"),
        )
        s.route(t["lying_length"], lying_length(article(11).encode()[:500], 100_000))
        s.route(t["forbidden"], status(403, b"<html><body>Forbidden</body></html>"))
        html_ok = html_page(good)
        s.route(t["throttled"], first_then(status(429, Retry_After="1"), html_ok))
        s.route(t["throttled_long"], status(429, Retry_After="86400"))
        s.route(t["flaky"], first_then(status(500, b"<html>Internal error</html>"), html_ok))
        s.route(t["empty"], status(200, b"", Content_Type="text/html; charset=utf-8"))
        s.route(t["pdf"], status(200, PDF, Content_Type="text/html; charset=utf-8"))
        s.route(t["png"], status(200, PNG, Content_Type="text/html"))
        s.route(
            t["soft404_title"],
            html_page(
                "<html><head><title>Страница не найдена — Прокуратура</title></head><body>"
                "<h1>Страница не найдена</h1><p>Возможно, она была удалена или перемещена. "
                "Вернитесь на главную страницу сайта и воспользуйтесь поиском по разделам."
                "</p></body></html>"
            ),
        )
        s.route(
            t["soft404_body"],
            html_page(
                "<html><head><title>Прокуратура Демо</title></head><body><nav>Главная</nav>"
                "<div class='error'>Ошибка. Запрашиваемая страница не найдена.</div>"
                "</body></html>"
            ),
        )
        s.route(
            t["grams_404"],
            html_page(article(12, "Изъято 404 грамма героина", TEXTS[10])),
        )
        self._listing("/list/transport/", [*self._good(1, 2), *t.values()])

    def _good(self, *numbers: int) -> list[str]:
        return [f"/sobytiia/{n}-novost-{n}.html" for n in numbers]

    def _content(self) -> None:
        s, c = self.server, self.CONTENT
        text = article(13, "Неверные байты", TEXTS[1]).encode("utf-8")
        at = text.index("выявила".encode())
        broken = text[:at] + b"\xff\xfe\x80" + text[at : at + 300] + b"\xc3" + text[at + 300 :]
        s.route(c["invalid_utf8"], status(200, broken, Content_Type="text/html; charset=utf-8"))
        cp1251 = article(14, "Статья в windows-1251", TEXTS[2]).encode("cp1251")
        s.route(c["cp1251_as_utf8"], status(200, cp1251, Content_Type="text/html; charset=utf-8"))
        koi8 = article(15, "Статья в KOI8-R", TEXTS[3]).encode("koi8_r")
        s.route(c["koi8r_as_utf8"], status(200, koi8, Content_Type="text/html"))
        latin = article(16, "Статья без своей кодировки", TEXTS[4]).replace(
            '<meta charset="utf-8">', ""
        )
        s.route(
            c["cp1251_as_latin1"],
            status(200, latin.encode("cp1251"), Content_Type="text/html; charset=iso-8859-1"),
        )
        nul = article(17, "Нулевые байты", TEXTS[0]).replace("изъяли", "из\x00ъя\x00ли")
        s.route(c["nul_bytes"], html_page(nul.replace("<body>", "<body>\x00\x00")))
        depth = 100_000
        nested = article(18, "Глубокая вложенность", TEXTS[6]).replace(
            "</article>", "<div>" * depth + "глубоко" + "</div>" * depth + "</article>"
        )
        s.route(c["nested"], html_page(nested))
        s.route(c["markup_as_text"], html_page(self._markup_page()))
        port = self.server.port
        private = [
            f"http://{h}:{port}{p}" for h, p in zip(PRIVATE_HOSTS, self.PRIVATE_LINKS, strict=True)
        ] + [
            f"http://0.0.0.0:{port}/sobytiia/403-internal.html",
            f"http://2130706433:{port}/sobytiia/404-internal.html",
            f"http://[::1]:{port}/sobytiia/406-internal.html",
            f"http://{HOST}:99999999/sobytiia/405-bad-port.html",  # a port that is no port
        ]
        # the links that are refused or no URL at all come first: they must not cost the others
        self._listing("/list/content/", [*private, self.LONG_URL, *self._good(3, 4), *c.values()])

    @staticmethod
    def _markup_page() -> str:
        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        # raw control characters, and character references to them
        paragraph = (
            f"{esc(HOSTILE_TEXT)} {TEXTS[7]} Звонок\x07 и escape\x1b[31m красный,"
            " ссылки&#7; на&#x1b; управляющие&#0; символы."
        )
        return (
            f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
            f"<title>{esc(HOSTILE_TITLE)}</title></head><body><article>"
            f"<h1>{esc(HOSTILE_TITLE)}</h1>"
            "<script>document.title = 'pwned'; fetch('/steal');</script>"
            + "".join(f"<p>{paragraph} Абзац {i}.</p>" for i in range(4))
            + "</article></body></html>"
        )

    def _redirects(self) -> None:
        s, r, port = self.server, self.REDIRECTS, self.server.port
        s.redirect(r["loop"], "/sobytiia/502-loop.html")
        s.redirect("/sobytiia/502-loop.html", r["loop"])
        s.redirect(r["self"], r["self"], status=301)
        s.redirect(r["chain"], "/r/chain/1")
        for hop in range(1, self.CHAIN_HOPS):
            s.redirect(f"/r/chain/{hop}", f"/r/chain/{hop + 1}")
        s.redirect(f"/r/chain/{self.CHAIN_HOPS}", "/sobytiia/1-novost-1.html")
        s.redirect(r["offsite"], self.url(r["offsite"], ELSEWHERE))
        s.route(
            r["mirror"],
            lambda ex: (
                html_page(article(19, "Статья на зеркале"))(ex)
                if ex.headers.get("host", "").startswith(MIRROR)
                else ex.respond(301, b"", {"Location": self.url(r["mirror"], MIRROR)})
            ),
        )
        s.redirect(r["to_private"], f"http://127.0.0.1:{port}/sobytiia/507-internal.html")
        s.redirect(r["to_ipv6"], f"http://[::1]:{port}/sobytiia/510-internal.html")
        s.redirect(r["hop_to_private"], self.url("/r/hop", MIRROR))
        s.redirect("/r/hop", f"http://localhost:{port}/sobytiia/508-internal.html")
        refresh = f"http://127.0.0.1:{port}/sobytiia/509-internal.html"
        s.route(
            r["meta_to_private"],
            html_page(
                f'<html><head><meta http-equiv="refresh" content="0; url={refresh}"></head>'
                "<body>Переадресация</body></html>"
            ),
        )
        self._listing("/list/redirects/", [*self._good(5), *r.values()])

    def _xml(self) -> None:
        s, port = self.server, self.server.port
        secret = self.folder / "secret.txt"
        secret.write_text(self.url("/sobytiia/602-secret.html"), encoding="utf-8")
        rss = '<?xml version="1.0"?>{doctype}<rss version="2.0"><channel>{items}</channel></rss>'

        def item(link: str) -> str:
            return f"<item><title>Новость</title><link>{link}</link></item>"

        def feed(path: str, xml: str) -> None:
            self.documents[path] = xml.encode()
            s.route(path, status(200, xml.encode(), Content_Type="application/rss+xml"))

        def sitemap(path: str, xml: str, ctype: str = "application/xml") -> None:
            self.documents[path] = xml.encode()
            s.route(path, status(200, xml.encode(), Content_Type=ctype))

        feed("/feed/good.xml", rss.format(doctype="", items=item(self.url(self._good(6)[0]))))
        feed(
            "/feed/laughs.xml",
            rss.format(
                doctype=f"<!DOCTYPE rss [{LOL}]>",
                items=item(self.url("/sobytiia/601-laughs.html")) + item("&lol9;"),
            ),
        )
        feed(
            "/feed/xxe-file.xml",
            rss.format(
                doctype=f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
                items=item("&xxe;"),
            ),
        )
        internal = f"http://127.0.0.1:{port}/internal"
        feed(
            "/feed/xxe-net.xml",
            rss.format(
                doctype=f'<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "{internal}/xxe.dtd"> %dtd; '
                f'<!ENTITY xxe SYSTEM "{internal}/xxe.txt">]>',
                items=item("&xxe;"),
            ),
        )
        feed("/feed/html.xml", article(20, "Это не лента"))
        urlset = "<?xml version='1.0'?>{doctype}<urlset " + NS + ">{urls}</urlset>"
        sitemap(
            "/sitemap/good.xml",
            urlset.format(doctype="", urls=f"<url><loc>{self.url(self._good(7)[0])}</loc></url>"),
        )
        sitemap(
            "/sitemap/good2.xml",
            urlset.format(doctype="", urls=f"<url><loc>{self.url(self._good(8)[0])}</loc></url>"),
        )
        sitemap(
            "/sitemap/laughs.xml",
            urlset.format(
                doctype=f"<!DOCTYPE urlset [{LOL}]>",
                urls="<url><loc>&lol9;</loc></url>"
                f"<url><loc>{self.url('/sobytiia/601-laughs.html')}</loc></url>",
            ),
        )
        sitemap(
            "/sitemap/xxe.xml",
            urlset.format(
                doctype=f'<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "{internal}/xxe-sitemap.txt">'
                f'<!ENTITY file SYSTEM "file://{secret}">]>',
                urls="<url><loc>&xxe;</loc></url><url><loc>&file;</loc></url>",
            ),
        )
        sitemap(
            "/sitemap/loop.xml",
            f"<?xml version='1.0'?><sitemapindex {NS}>"
            f"<sitemap><loc>{self.url('/sitemap/loop.xml')}</loc></sitemap>"
            f"<sitemap><loc>{self.url('/sitemap/good2.xml')}</loc></sitemap></sitemapindex>",
        )
        s.route(
            "/sitemap/bomb.xml.gz",
            status(200, gzip_bomb(100 * MiB), Content_Type="application/gzip"),
        )

    def _limits(self) -> None:
        for k in range(1, self.DEEP_PAGES + 1):
            self._listing(f"/deep/{k}/", [f"/deep/{k + 1}/", f"/sobytiia/{700 + k}-deep.html"])
            self.server.route(
                f"/sobytiia/{700 + k}-deep.html", html_page(article(k, f"Глубина {k}"))
            )
        links = "".join(f'<a href="/massa/{i}-m.html">{i}</a>' for i in range(self.MASSA_LINKS))
        self.server.route("/list/massa/", html_page(f"<html><body>{links}</body></html>"))

    FEEDS = ("/feed/good.xml", "/feed/laughs.xml", "/feed/xxe-file.xml", "/feed/xxe-net.xml")
    SITEMAPS = ("/sitemap/good.xml", "/sitemap/laughs.xml", "/sitemap/xxe.xml", "/sitemap/loop.xml")

    def sources_toml(self) -> str:
        feeds = [self.url(p) for p in (*self.FEEDS, "/feed/html.xml")]
        sitemaps = [self.url(p) for p in (*self.SITEMAPS, "/sitemap/bomb.xml.gz")]
        listings = [
            self.url(p) for p in ("/list/transport/", "/list/content/", "/list/redirects/")
        ] + [self.url("/list/massa/"), self.url("/deep/1/")]
        follow = "^" + re.escape(self.base) + r"/deep/\d+/$"
        return source_toml(
            name="hostile",
            url=self.base + "/",
            feeds=feeds,
            sitemaps=sitemaps,
            listings=listings,
            # any host: links and redirects to other hosts must be stopped by the protections,
            # not by the article pattern
            article=r"^https?://[^/]+/(sobytiia|massa)/\d+-[\w-]+\.html$",
            follow=follow,
            # The private hosts are "allowed" on purpose: only the address guard stands between
            # the crawl and them, not the offsite filter.
            allowed_domains=[MIRROR, *PRIVATE_HOSTS, *OTHER_PRIVATE_HOSTS],
        )

    def write_sources(self) -> Path:
        path = self.folder / "hostile.toml"
        path.write_text(self.sources_toml(), encoding="utf-8")
        return path

    def pins(self) -> str:
        return json.dumps(dict.fromkeys((HOST, MIRROR, ELSEWHERE), "127.0.0.1"))


def source_toml(**entry) -> str:
    lines = ["", "[[source]]"]
    for key, value in entry.items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


class LimitsSite:
    """Four sources on one local server, for two crawls with small limits.

    With PrivateAddressGuard, on 127.0.0.1 (private sources, so the guard lets them be):
    * slowsite: a good article, one that comes one byte per second, one that never answers;
    * endless: listing pages that go on for ever, each taking a while (time per run).

    Without PrivateAddressGuard, on public-looking host names pinned to 127.0.0.1:
    * bigsitemap: one sitemap of 50,000 articles (pages per run);
    * pinned: a listing that links to 127.0.0.1 and localhost: the resolver alone must
      refuse them.
    """

    SOURCES = ("slowsite", "endless", "bigsitemap", "pinned")
    PINNED_HOST = "resolver.hostile.test"
    BIG_HOST = "big.hostile.test"
    PRIVATE_LINKS = ("/pinned/401-internal.html", "/pinned/402-internal.html")
    SITEMAP_URLS = 50_000
    ENDLESS_DELAY = 1.0  # seconds per endless listing page

    def __init__(self, folder: Path):
        self.server = RawHttpServer()
        self.folder = folder

    def start(self) -> LimitsSite:
        port = self.server.start()
        self.base = f"http://127.0.0.1:{port}"
        s = self.server
        good = article(1)
        s.route("/slow/1-novost-1.html", html_page(good))
        s.route(
            "/slow/2-slow.html", one_byte_per_second(b"HTTP/1.1 200 OK\r\n\r\n" + good.encode())
        )
        s.route("/slow/3-silent.html", say_nothing)
        links = "".join(
            f'<a href="/slow/{p}.html">{p}</a>' for p in ("1-novost-1", "2-slow", "3-silent")
        )
        s.route("/slow/", html_page(f"<html><body>{links}</body></html>"))

        def endless(ex: Exchange) -> None:
            n = int(ex.path.rstrip("/").rsplit("/", 1)[1])
            if not ex.client_gone(self.ENDLESS_DELAY):
                html_page(f'<html><body><a href="/endless/{n + 1}/">дальше</a></body></html>')(ex)

        s.prefix("/endless/", endless)
        big = f"http://{self.BIG_HOST}:{port}"
        urls = "".join(
            f"<url><loc>{big}/big/{i}-s.html</loc></url>" for i in range(self.SITEMAP_URLS)
        )
        body = f"<?xml version='1.0'?><urlset {NS}>{urls}</urlset>".encode()
        s.route("/big/sitemap.xml", status(200, body, Content_Type="application/xml"))
        s.prefix("/big/", html_page(good))
        s.route("/pinned/1-novost-1.html", html_page(good))
        private = [
            f"http://{host}:{port}{path}"
            for host, path in zip(PRIVATE_HOSTS, self.PRIVATE_LINKS, strict=True)
        ]
        links = "".join(f'<a href="{u}">u</a>' for u in ["/pinned/1-novost-1.html", *private])
        s.route("/pinned/", html_page(f"<html><body>{links}</body></html>"))
        return self

    def pins(self) -> str:
        return json.dumps(dict.fromkeys((self.PINNED_HOST, self.BIG_HOST), "127.0.0.1"))

    def stop(self) -> None:
        self.server.stop()

    def write_sources(self) -> Path:
        b, eb = self.base, re.escape(self.base)
        path = self.folder / "limits.toml"
        path.write_text(
            source_toml(
                name="slowsite",
                url=b + "/slow/",
                listings=[b + "/slow/"],
                article="^" + eb + r"/slow/\d+-[\w-]+\.html$",
            )
            + source_toml(
                name="endless",
                url=b + "/endless/",
                listings=[b + "/endless/1/"],
                article="^" + eb + r"/endless/article/\d+$",
                follow="^" + eb + r"/endless/\d+/$",
            )
            + source_toml(
                name="bigsitemap",
                url=f"http://{self.BIG_HOST}:{self.server.port}/big/",
                sitemaps=[f"http://{self.BIG_HOST}:{self.server.port}/big/sitemap.xml"],
                article=r"^http://big\.hostile\.test:\d+/big/\d+-s\.html$",
            )
            + source_toml(
                name="pinned",
                url=f"http://{self.PINNED_HOST}:{self.server.port}/pinned/",
                listings=[f"http://{self.PINNED_HOST}:{self.server.port}/pinned/"],
                article=r"^http://[^/]+/pinned/\d+-[\w-]+\.html$",
                allowed_domains=list(PRIVATE_HOSTS),
            ),
            encoding="utf-8",
        )
        return path


class GovKzApiSite:
    """gov.kz-style JSON APIs that break: malformed JSON, an HTML error page, an empty list."""

    SOURCES = ("govkz_malformed", "govkz_htmlpage", "govkz_empty")

    def __init__(self, folder: Path):
        self.server = RawHttpServer()
        self.folder = folder

    @staticmethod
    def items(first_id: int) -> list[dict]:
        return [
            {
                "id": first_id,
                "title": "Итоги операции «Мак»\u0007 <script>alert(1)</script>\ud800",
                "body": f"<p>{TEXTS[0]}</p><p>{TEXTS[1]}\u0000</p>",
                "created_date": "2025-08-10T10:00:00+05:00",
            },
            {
                "id": first_id + 1,
                "title": "Прокуратура подвела итоги",
                "body": f"<p>{TEXTS[2]}</p><p>{TEXTS[3]}</p>",
                "created_date": "2025-08-09T10:00:00+05:00",
            },
        ]

    def start(self) -> GovKzApiSite:
        port = self.server.start()
        self.base = f"http://127.0.0.1:{port}"
        # json.dumps writes the lone surrogate as the escape \ud800, as a broken API would
        good = {"content": self.items(1)}
        error_page = (
            b"<html><head><title>503 Service Temporarily Unavailable</title></head>"
            b"<body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>"
        )

        def api(second_page: Handler, first: dict | None = None) -> Handler:
            def handler(ex: Exchange) -> None:
                if ex.query.get("page") == "1":
                    body = json.dumps(first if first is not None else good).encode()
                    ex.respond(200, body, {"Content-Type": "application/json"})
                else:
                    second_page(ex)

            return handler

        truncated = json.dumps({"content": self.items(3)})[:-40].encode()
        self.server.route(
            "/api/malformed/news", api(status(200, truncated, Content_Type="application/json"))
        )
        self.server.route(
            "/api/htmlpage/news", api(status(200, error_page, Content_Type="text/html"))
        )
        self.server.route("/api/empty/news", api(status(200, b"[]"), first={"content": []}))
        return self

    def stop(self) -> None:
        self.server.stop()

    def write_sources(self) -> Path:
        entries = []
        for name in self.SOURCES:
            kind = name.split("_")[1]
            home = f"{self.base}/memleket/entities/{kind}"
            entries.append(
                source_toml(
                    name=name,
                    url=home,
                    spider="govkz",
                    api=f"{self.base}/api/{kind}/news?lang=ru",
                    article="^" + re.escape(home) + r"/press/news/details/\d+",
                )
            )
        path = self.folder / "govkz.toml"
        path.write_text("\n".join(entries), encoding="utf-8")
        return path
