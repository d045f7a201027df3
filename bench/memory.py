"""Memory of a large crawl: a generated local site of 50,000 articles crawled through the real
runner (`scrapy crawl` child process, full item pipeline, SQLite), with the request queue on
disk (JOBDIR). Prints the peak RSS of the crawl process (and of each extraction worker, see
crawler/extract_pool.py) and pages per second.

    .venv/bin/python bench/memory.py [--pages 50000] [--concurrency 16] [--keep DIR]

The site is served by a separate process (this script with --serve), so the server's memory is
not counted: the peak RSS printed is ru_maxrss of the children this process has waited for,
i.e. the largest crawl process (the server is still running when it is read). Articles are
found through a sitemap index of 10,000-URL sitemaps, so the scheduler holds 50,000 requests at
once: on disk with JOBDIR, in memory without it (--no-jobdir shows the difference).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PER_SITEMAP = 10_000
SUBJECTS = ["Полицейские", "Сотрудники прокуратуры", "Пограничники", "Следователи", "Таможенники"]
PLACES = ["Жамбылской области", "Караганде", "Павлодаре", "Шымкенте", "Кемеровской области"]
ACTIONS = [
    "изъяли {n} килограммов гашиша",
    "выявили {n} преступлений в сфере оборота наркотиков",
    "задержали {n} курьеров интернет-магазинов",
    "заблокировали {n} наркосайтов",
    "направили в суд {n} уголовных дел",
]


def article_html(i: int) -> bytes:
    """Article number i: a few paragraphs, a date, navigation, about 3 KB like a news page."""
    subject, place = SUBJECTS[i % 5], PLACES[(i // 5) % 5]
    action = ACTIONS[(i // 25) % 5].format(n=i % 97 + 3)
    day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    title = f"В {place} {action.split()[0]} — сообщение №{i}"
    paragraphs = "".join(
        f"<p>{subject} в {place} {action}. Это абзац {k} сообщения {i}: подробности дела, "
        f"свидетели и решения суда приводятся в пресс-релизе ведомства за {day}.</p>"
        for k in range(1, 7)
    )
    return (
        f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{day}T10:00:00+05:00"></head>'
        f'<body><nav><a href="/">Главная</a> <a href="/news/">Новости</a></nav><main><article>'
        f"<h1>{title}</h1>{paragraphs}</article></main><footer>© Бенчмарк</footer></body></html>"
    ).encode()


# -- the server (a separate process) -----------------------------------------------------------


def serve(port_file: Path, pages: int) -> None:
    """HTTP/1.1 with keep-alive on 127.0.0.1, answering from the page number in the path."""
    article = re.compile(rb"^/news/(\d+)-statya\.html$")
    sitemap = re.compile(rb"^/sitemap/(\d+)\.xml$")
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def answer(path: bytes, base: str) -> tuple[int, bytes, str]:
        if m := article.match(path):
            n = int(m.group(1))
            return (
                (200, article_html(n), "text/html; charset=utf-8") if n < pages else (404, b"", "")
            )
        if path == b"/sitemap/index.xml":
            maps = "".join(
                f"<sitemap><loc>{base}/sitemap/{k}.xml</loc></sitemap>"
                for k in range((pages + PER_SITEMAP - 1) // PER_SITEMAP)
            )
            return (
                200,
                f"<?xml version='1.0'?><sitemapindex {ns}>{maps}</sitemapindex>".encode(),
                ("application/xml"),
            )
        if m := sitemap.match(path):
            k = int(m.group(1))
            urls = "".join(
                f"<url><loc>{base}/news/{n}-statya.html</loc></url>"
                for n in range(k * PER_SITEMAP, min(pages, (k + 1) * PER_SITEMAP))
            )
            return (
                200,
                f"<?xml version='1.0'?><urlset {ns}>{urls}</urlset>".encode(),
                ("application/xml"),
            )
        return 404, b"not found", "text/plain"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                host = re.search(rb"(?im)^host:\s*(\S+)", head)
                base = "http://" + (host.group(1).decode() if host else "127.0.0.1")
                status, body, ctype = answer(path, base)
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
        port_file.write_text(str(server.sockets[0].getsockname()[1]))
        async with server:
            await server.serve_forever()

    asyncio.run(main())


# -- the benchmark -----------------------------------------------------------------------------


class PeakWatcher:
    """Peak RSS (VmHWM) of each descendant of this process, read from /proc twice a second: the
    crawl process (`scrapy crawl`) apart from its extraction workers, which ru_maxrss mixes."""

    def __init__(self) -> None:
        self.peaks: dict[int, tuple[str, int]] = {}  # pid: (role, KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        for pid in parents:
            ancestor = parents.get(pid)
            while ancestor and ancestor != os.getpid():
                ancestor = parents.get(ancestor)
            if not ancestor:
                continue
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            if b"scrapy" in cmdline:
                role = "crawl"
            elif b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
                role = "worker"
            else:
                continue  # the site server
            hwm = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM")))
            self.peaks[pid] = (role, max(hwm, self.peaks.get(pid, (role, 0))[1]))

    def peak_mb(self, role: str) -> list[float]:
        return sorted((kib / 1024 for r, kib in self.peaks.values() if r == role), reverse=True)


def start_server(folder: Path, pages: int) -> tuple[subprocess.Popen, str]:
    port_file = folder / "port"
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port_file), "--pages", str(pages)]
    )
    for _ in range(200):
        if port_file.exists() and port_file.read_text():
            return server, f"http://127.0.0.1:{port_file.read_text()}"
        time.sleep(0.05)
    server.kill()
    raise SystemExit("the site server did not start")


def run(pages: int, concurrency: int, folder: Path, jobdir: bool, workers: str | None) -> None:
    from crawler.runner import CrawlRequest, run_crawls
    from pipelines.db import connect

    server, base = start_server(folder, pages)
    try:
        sources = folder / "sources.toml"
        sources.write_text(
            "[[source]]\n"
            'name = "memory_bench"\n'
            f'url = "{base}/"\n'
            f'sitemaps = ["{base}/sitemap/index.xml"]\n'
            f"article = {json.dumps('^' + re.escape(base) + '/news/[0-9]+-statya[.]html$')}\n"
            'timezone = "Asia/Almaty"\n',
            encoding="utf-8",
        )
        settings = {
            "DOWNLOAD_DELAY": "0",
            "AUTOTHROTTLE_ENABLED": "False",
            "CONCURRENT_REQUESTS": str(concurrency),
            "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
            "CLOSESPIDER_PAGECOUNT": str(pages + 1000),
            "LOG_LEVEL": "INFO",
        }
        if jobdir:
            settings["JOBDIR"] = str(folder / "jobdir")
        if workers is not None:
            settings["NEWSMON_EXTRACT_WORKERS"] = workers
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.monotonic()
        with PeakWatcher() as watcher:
            runs = run_crawls(
                CrawlRequest(
                    sources=["memory_bench"],
                    sources_file=sources,
                    db=folder / "bench.db",
                    settings=settings,
                    jobs=1,
                )
            )
        elapsed = time.monotonic() - started
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    finally:
        server.terminate()
        server.wait()
    run_row = runs[0]
    db = connect(folder / "bench.db")
    try:
        stored = db.execute("select count(*) from articles").fetchone()[0]
    finally:
        db.close()
    log = Path(run_row["log_file"]).read_text(encoding="utf-8", errors="replace")
    disk = re.search(r"'scheduler/enqueued/disk': (\d+)", log)
    memory = re.search(r"'scheduler/enqueued/memory': (\d+)", log)
    print(f"site: {pages} articles in {len(range(0, pages, PER_SITEMAP))} sitemaps, {base}")
    print(
        f"run: status {run_row['status']} ({run_row['finish_reason']}), {run_row['pages']} pages "
        f"fetched, {stored} articles stored, {run_row['errors']} errors"
    )
    print(
        f"request queue: {'JOBDIR (disk)' if jobdir else 'memory'}; requests enqueued on disk "
        f"{disk.group(1) if disk else 0}, in memory {memory.group(1) if memory else 0}"
    )
    print(f"time: {elapsed:.0f} s, {run_row['pages'] / elapsed:.1f} pages/s")
    crawl_mb, worker_mb = watcher.peak_mb("crawl"), watcher.peak_mb("worker")
    print(
        f"peak RSS of the crawl process: {max(crawl_mb, default=0):.0f} MB; of its "
        f"{len(worker_mb)} extraction worker(s): {', '.join(f'{m:.0f}' for m in worker_mb) or '-'}"
        f" MB (largest process of the run, ru_maxrss: {peak_kib / 1024:.0f} MB; before: {before})"
    )
    print(f"log: {run_row['log_file']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--no-jobdir", action="store_true", help="keep the queue in memory")
    parser.add_argument(
        "--workers", help="NEWSMON_EXTRACT_WORKERS (default: the setting's, one per core)"
    )
    parser.add_argument("--keep", help="folder for the database, logs and queue (default: temp)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # internal: run the site server
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve), args.pages)
        return
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
        run(args.pages, args.concurrency, folder, not args.no_jobdir, args.workers)
    else:
        with tempfile.TemporaryDirectory(prefix="newsmon-memory-") as tmp:
            run(args.pages, args.concurrency, Path(tmp), not args.no_jobdir, args.workers)


if __name__ == "__main__":
    main()
