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
    cluster = LocalCluster(server.url, request.sources_file, request.db, request.settings)
    try:
        cluster.start(workers)
        return run_distributed(request, server.url)
    finally:
        cluster.stop()
        server.stop()
