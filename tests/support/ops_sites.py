"""A growing, slow-enough news site on 127.0.0.1 for the operations tests (scheduler, lock,
health alarms, SIGKILL crash safety). Real HTTP, real `scrapy crawl` children."""

from __future__ import annotations

import json
import random
import re
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from crawler.demo.server import LocalSite, Page
from tests.support.sites import TEXTS, article_html

PER_PAGE = 20
ARTICLE_PATH_RE = re.compile(r"^/news/(\d+)-soobshchenie\.html$")


class GrowingSite:
    """Articles /news/{n}-soobshchenie.html, newest first on /news/ and /news/page/{k}/.

    `delay` (min, max seconds) makes every article answer slowly, so a crawl lasts long enough
    to be killed or stopped in the middle. `layout` switches what *new* article pages look like:
    "normal", "script" (the text is rendered by JavaScript: nothing but a placeholder in the
    HTML) or "title" (only the headline left). `article_status` answers every article with that
    HTTP status instead; `robots` is the robots.txt text.
    """

    def __init__(self, count: int = 0, delay: tuple[float, float] = (0.0, 0.0), seed: int = 1):
        self.site = LocalSite()
        self.delay = delay
        self.random = random.Random(seed)
        self.articles: list[int] = []
        self.layouts: dict[int, str] = {}
        self.layout = "normal"
        self.article_status = 200
        self.robots = "User-agent: *\nAllow: /\n"
        self.requested: list[int] = []  # article numbers, in the order they were asked for
        self._mutex = threading.Lock()
        # hold(): article requests past a count wait here until release(), so a test can act
        # while a crawl is surely in the middle, however fast the machine is.
        self._gate = threading.Event()
        self._gate.set()
        self._pass_before_gate = 0
        self.publish(count)

    # -- content -----------------------------------------------------------------------------

    def publish(self, count: int) -> list[int]:
        """Add `count` new articles (in the current layout); returns their numbers."""
        start = len(self.articles) + 1
        new = list(range(start, start + count))
        for n in new:
            self.layouts[n] = self.layout
        self.articles.extend(new)
        return new

    @staticmethod
    def marker(n: int) -> str:
        return f"Сообщение номер {n} из прокуратуры."

    def published(self, n: int) -> str:
        return (date(2025, 1, 1) + timedelta(days=n // 3)).isoformat() + "T09:30:00+05:00"

    def path(self, n: int) -> str:
        return f"/news/{n}-soobshchenie.html"

    def article(self, n: int) -> Page:
        if self.article_status != 200:
            return Page(b"<html><body>error</body></html>", self.article_status)
        title = f"Сообщение {n}"
        layout = self.layouts[n]
        if layout == "normal":
            text = f"{self.marker(n)} {TEXTS[n % len(TEXTS)]}"
            html = article_html(title, text, self.published(n))
        else:
            inner = (
                f'<div id="app" data-article="{n}"></div><script src="/app.js"></script>'
                if layout == "script"
                else f"<h1>{title}</h1>"
            )
            html = (
                f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}'
                f'</title><meta property="article:published_time" content="{self.published(n)}">'
                '</head><body><header><nav><a href="/">Главная</a> <a href="/news/">Новости</a>'
                f"</nav></header><main>{inner}</main><footer>© Демо</footer></body></html>"
            )
        return Page(html.encode(), 200, {"Content-Type": "text/html; charset=utf-8"})

    def listing(self, page: int) -> Page:
        newest = list(reversed(self.articles))
        chunk = newest[(page - 1) * PER_PAGE : page * PER_PAGE]
        links = "".join(f'<li><a href="{self.path(n)}">Сообщение {n}</a></li>' for n in chunk)
        more = len(newest) > page * PER_PAGE
        nxt = f'<a href="/news/page/{page + 1}/">Дальше</a>' if more else ""
        html = f'<html><head><meta charset="utf-8"></head><body><ul>{links}</ul>{nxt}</body></html>'
        return Page(html.encode(), 200, {"Content-Type": "text/html; charset=utf-8"})

    # -- serving -----------------------------------------------------------------------------

    def _route(self, handler) -> Page:
        path = handler.path.split("?")[0]
        if path == "/robots.txt":
            return Page(self.robots.encode(), 200, {"Content-Type": "text/plain"})
        if path == "/news/":
            return self.listing(1)
        match = re.fullmatch(r"/news/page/(\d+)/", path)
        if match:
            return self.listing(int(match[1]))
        match = ARTICLE_PATH_RE.match(path)
        if match and int(match[1]) in self.layouts:
            with self._mutex:
                self.requested.append(int(match[1]))
                held = len(self.requested) > self._pass_before_gate
            if held:
                self._gate.wait(timeout=120)
            low, high = self.delay
            if high:
                with self._mutex:
                    pause = self.random.uniform(low, high)
                time.sleep(pause)
            return self.article(int(match[1]))
        return Page(b"<html><body>404</body></html>", 404, {"Content-Type": "text/html"})

    def hold(self, after: int) -> None:
        """Let `after` article requests through; later ones wait until release()."""
        self._pass_before_gate = after
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    def start(self) -> str:
        base = self.site.start()
        self.site.routes = _CatchAll(self._route)
        return base

    def stop(self) -> None:
        self.site.stop()

    def article_requests(self) -> list[int]:
        """Numbers of the articles requested so far, in order (repeats included)."""
        return list(self.requested)

    def sources_toml(self, name: str = "growing", **extra: str) -> str:
        base = self.site.base_url
        b = re.escape(base)
        article = json.dumps("^" + b + r"/news/\d+-soobshchenie\.html$")
        follow = json.dumps("^" + b + r"/news/page/\d+/$")
        lines = [
            "[[source]]",
            f'name = "{name}"',
            f'url = "{base}/"',
            f'listings = ["{base}/news/"]',
            f"article = {article}",
            f"follow = {follow}",
            'timezone = "Asia/Almaty"',
        ]
        lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
        return "\n".join(lines) + "\n"

    def write_sources(self, folder: Path, name: str = "growing", **extra: str) -> Path:
        path = folder / f"{name}.toml"
        path.write_text(self.sources_toml(name, **extra), encoding="utf-8")
        return path


class _CatchAll(dict):
    """A route table that answers every path with one handler (LocalSite looks routes up by
    path; this one never misses)."""

    def __init__(self, handler):
        super().__init__()
        self._handler = handler

    def get(self, key, default=None):
        return self._handler


def wait_for(condition, what: str, limit: float = 180, explain=None) -> None:
    """Poll until `condition()` holds; fail (not hang) if it never does. `explain()` returns
    what the failure message should show of the state at that moment (a log, rows)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() >= deadline:
            shown = f"\n{explain()}" if explain is not None else ""
            raise AssertionError(f"gave up waiting for {what}{shown}")
        time.sleep(0.2)
