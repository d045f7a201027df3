"""A cluster on this machine: a private `redis-server`, N workers and the writer as child
processes. Used by `newsmon demo --distributed`, the tests and bench/distributed.py."""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from crawler.distributed import connect_redis
from crawler.runner import child_environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_server_path() -> str | None:
    return shutil.which("redis-server")


class LocalRedis:
    """redis-server on a free port of 127.0.0.1, no persistence, in a temporary folder."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = tempfile.TemporaryDirectory(prefix="newsmon-redis-")
        self.process: subprocess.Popen | None = None

    def start(self) -> LocalRedis:
        binary = redis_server_path()
        if binary is None:
            raise FileNotFoundError(
                "redis-server is not installed (Debian: apt-get install redis-server)"
            )
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self._dir.name,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = connect_redis(self.url)
        for _ in range(100):
            with contextlib.suppress(Exception):
                if client.ping():
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self._dir.cleanup()


class LocalCluster:
    """Workers and a writer as `newsmon worker` / `newsmon writer` child processes."""

    def __init__(
        self,
        redis_url: str,
        sources_file: Path,
        db: Path,
        settings: dict | None = None,
        log_dir: Path | None = None,
    ):
        self.redis_url = redis_url
        self.sources_file = sources_file
        self.db = db
        self.settings = settings or {}
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="newsmon-cluster-"))
        self.workers: list[subprocess.Popen] = []
        self.writer: subprocess.Popen | None = None
        self._n = 0

    def _spawn(self, args: list[str]) -> subprocess.Popen:
        self._n += 1
        log = (self.log_dir / f"{args[0]}-{self._n}.log").open("wb")
        return subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", *args],
            env=child_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_worker(self) -> subprocess.Popen:
        sets = [x for k, v in self.settings.items() for x in ("--set", f"{k}={v}")]
        worker = self._spawn(
            ["worker", "--redis", self.redis_url, "--sources", str(self.sources_file), *sets]
        )
        self.workers.append(worker)
        return worker

    def start_writer(self) -> subprocess.Popen:
        self.writer = self._spawn(["writer", "--redis", self.redis_url, "--db", str(self.db)])
        return self.writer

    def start(self, workers: int = 2, writer: bool = True) -> LocalCluster:
        for _ in range(workers):
            self.start_worker()
        if writer:
            self.start_writer()
        return self

    def live_workers(self) -> list[subprocess.Popen]:
        return [w for w in self.workers if w.poll() is None]

    def stop(self) -> None:
        processes = [*self.workers, *([self.writer] if self.writer else [])]
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def run_local(request, workers: int = 2) -> list[dict]:
    """One distributed run of `request` on this machine: redis-server, `workers` workers and
    the writer started for it and stopped after it; returns the crawl_runs rows."""
    from crawler.distributed.coordinator import run_distributed

    server = LocalRedis().start()
    with tempfile.TemporaryDirectory(prefix="newsmon-cluster-") as logs:
        cluster = LocalCluster(
            server.url, request.sources_file, request.db, request.settings, Path(logs)
        )
        try:
            cluster.start(workers)
            return run_distributed(request, server.url)
        finally:
            cluster.stop()
            server.stop()


ARTICLE_PATTERN = r"/news/\d+-statya\.html$"
_PLACES = ["Жамбылской области", "Караганде", "Павлодаре", "Шымкенте", "Кемеровской области"]
_ACTIONS = [
    "изъяли {n} килограммов гашиша",
    "выявили {n} преступлений в сфере оборота наркотиков",
    "задержали {n} курьеров интернет-магазинов",
    "заблокировали {n} наркосайтов",
]


def generated_article(i: int) -> str:
    place, action = _PLACES[i % 5], _ACTIONS[(i // 5) % 4].format(n=i % 97 + 3)
    day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    title = f"В {place} полицейские {action.split()[0]} — сообщение {i}"
    text = "".join(
        f"<p>Полицейские в {place} {action}. Абзац {k} сообщения {i}: подробности дела "
        f"приводятся в пресс-релизе ведомства за {day}.</p>"
        for k in range(1, 4)
    )
    return (
        f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{day}T10:00:00+05:00"></head><body>'
        f'<nav><a href="/">Главная</a> <a href="/news/">Новости</a></nav><main><article>'
        f"<h1>{title}</h1>{text}</article></main></body></html>"
    )


class GeneratedSite:
    """A news site of `count` articles behind paginated listings (/news/, /news/page/N/),
    every answer delayed by `latency` seconds; `count` may grow between runs."""

    def __init__(self, count: int, latency: float = 0.0, per_page: int = 50):
        from crawler.demo.server import LocalSite

        self.count, self.latency, self.per_page = count, latency, per_page
        self.site = LocalSite()
        self.requests = self.site.requests
        self.in_flight = self.most_in_flight = 0  # requests being answered at once, and the peak
        self._lock = threading.Lock()

    def _page(self, body: str, ctype: str = "text/html; charset=utf-8"):
        from crawler.demo.server import Page

        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
        finally:
            with self._lock:
                self.in_flight -= 1
        return Page(body.encode(), 200, {"Content-Type": ctype})

    def listing(self, page: int):
        first = (page - 1) * self.per_page
        ids = range(self.count - 1 - first, max(-1, self.count - 1 - first - self.per_page), -1)
        links = "".join(f'<li><a href="/news/{i}-statya.html">Сообщение {i}</a></li>' for i in ids)
        if first + self.per_page < self.count:
            links += f'<a href="/news/page/{page + 1}/">Дальше</a>'
        return self._page(f"<html><body><ul>{links}</ul></body></html>")

    def route(self, handler):
        path = handler.path.split("?")[0]
        if path == "/robots.txt":
            return self._page("User-agent: *\nAllow: /\n", "text/plain")
        if path in ("/", "/news/"):
            return self.listing(1)
        if path.startswith("/news/page/"):
            return self.listing(int(path.strip("/").split("/")[-1]))
        if path.startswith("/news/") and path.endswith("-statya.html"):
            number = int(path[len("/news/") :].split("-")[0])
            if number < self.count:
                return self._page(generated_article(number))
        from crawler.demo.server import Page

        return Page(b"<html><body>404</body></html>", 404, {"Content-Type": "text/html"})

    def start(self) -> str:
        base = self.site.start()
        # every path goes through route(): LocalSite looks routes up by path, so catch them all
        self.site.routes = _Everything(self.route)
        return base

    def stop(self) -> None:
        self.site.stop()

    def article_paths(self) -> list[str]:
        return [p for p in self.requests if p.endswith("-statya.html")]

    def sources_toml(self, name: str = "gen") -> str:
        base = self.site.base_url
        return (
            f"[[source]]\nname = '{name}'\nurl = '{base}/'\narticle = '{ARTICLE_PATTERN}'\n"
            f"listings = ['{base}/news/']\nfollow = '/news/page/\\d+/$'\nlang = 'ru'\n"
            f'timezone = "Asia/Almaty"\nregion = "KZ"\n'
        )


class _Everything(dict):
    def __init__(self, handler):
        super().__init__()
        self.handler = handler

    def get(self, key, default=None):
        return self.handler
