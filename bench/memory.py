"""Memory of a large crawl: a generated local site of 50,000 real-size Russian articles crawled
through the real runner (`scrapy crawl` child process, full item pipeline, SQLite), with the
request queue on disk (JOBDIR). Each page is a real news page (../shared/corpus/real, the first
20 of ../shared/bench/aeb: 27-400 KB of markup, 140 KB on average) whose paragraphs hold
sentences of real Russian articles drawn for that page alone (`article_html`). Prints the peak
RSS of the crawl process (and of each extraction worker, see crawler/extract_pool.py) as the
run passes 2,000, 10,000, ... articles and at its end, and pages per second.

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
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))  # bench/crawl.py's real pages

PER_SITEMAP = 10_000
MILESTONES = (2_000, 10_000, 20_000, 30_000, 40_000)  # peak RSS printed as the run passes them
# A page's paragraphs: this many sentences of the pool, drawn for that page alone.
SENTENCES_PER_PAGE = (10, 22)
_SLOT = re.compile(r"@@SLOT\d+@@")


def _sentences(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?»])\s+(?=[«А-ЯЁA-Z0-9])", text):
            sentence = " ".join(sentence.split())
            if 40 <= len(sentence) <= 400 and re.search("[а-яё]", sentence):
                found.append(sentence)
    return sorted(set(found))


def page_templates() -> tuple[list[list[str]], list[str]]:
    """Real pages (the 10 real Russian articles of ../shared/corpus/real and the first 20 of
    ../shared/bench/aeb: their head, scripts, menus and markup) with each content paragraph
    cut out as a slot, and the pool of Russian sentences (the bodies of the real Russian and
    the demo articles) that fills the slots. Every page gets its own draw of sentences, so
    pages are real-size and Russian, and no two are near-duplicates of one another (copies of
    one text would make every article a republication of the first)."""
    from crawl import aeb_pages, demo_articles, real_russian_pages
    from lxml import html as lxml_html

    from pipelines.extraction import extract_article

    russian = real_russian_pages()
    pages = russian + aeb_pages()[:20]
    bodies = [extract_article(page)["body"] or "" for page in russian + demo_articles()]
    templates = []
    for page in pages:
        root = lxml_html.document_fromstring(page)
        slots = [p for p in root.iter("p") if len(p.text_content().strip()) >= 60]
        if len(slots) < 3:
            continue
        for k, p in enumerate(slots):
            tail = p.tail
            p.clear()
            p.text, p.tail = f"@@SLOT{k}@@", tail
        markup = lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
        templates.append(_SLOT.split(markup))
    return templates, _sentences(bodies)


def article_html(i: int, templates: list[list[str]], sentences: list[str]) -> bytes:
    """Article number i: a real page's markup around sentences drawn for this page alone."""
    import html
    import random

    draw = random.Random(i)
    parts = templates[i % len(templates)]
    chosen = draw.sample(sentences, draw.randint(*SENTENCES_PER_PAGE))
    paragraphs = [" ".join(chosen[k :: len(parts) - 1]) for k in range(len(parts) - 1)]
    filled = [parts[0]]
    for paragraph, part in zip(paragraphs, parts[1:], strict=True):
        filled += [html.escape(paragraph, quote=False), part]
    page = "".join(filled)
    return re.sub(r"(<h1[^>]*>)", rf"\1№{i}. ", page, count=1).encode()


# -- the server (a separate process) -----------------------------------------------------------


def serve(port_file: Path, pages: int) -> None:
    """HTTP/1.1 with keep-alive on 127.0.0.1, answering from the page number in the path."""
    templates, sentences = page_templates()
    article = re.compile(rb"^/news/(\d+)-statya\.html$")
    sitemap = re.compile(rb"^/sitemap/(\d+)\.xml$")
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def answer(path: bytes, base: str) -> tuple[int, bytes, str]:
        if m := article.match(path):
            n = int(m.group(1))
            if n >= pages:
                return 404, b"", ""
            return 200, article_html(n, templates, sentences), "text/html; charset=utf-8"
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

    def __init__(self, db: Path | None = None, milestones: tuple[int, ...] = ()) -> None:
        self.peaks: dict[int, tuple[str, int]] = {}  # pid: (role, KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._db, self._milestones = db, sorted(milestones)
        self._started = time.monotonic()

    def __enter__(self) -> PeakWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        ticks = 0
        while not self._stop.wait(0.5):
            self.sample()
            ticks += 1
            if ticks % 20 == 0:
                self.report_milestones()

    def report_milestones(self) -> None:
        """The peak so far once the database holds each milestone's count of articles: one run
        of 50,000 pages prints the figures at 2,000 and 10,000 too."""
        if not self._milestones or self._db is None or not self._db.exists():
            return
        try:
            conn = sqlite3.connect(f"{self._db.resolve().as_uri()}?mode=ro", uri=True)
            try:
                stored = conn.execute("select count(*) from articles").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return
        while self._milestones and stored >= self._milestones[0]:
            self._milestones.pop(0)
            crawl, workers = self.peak_mb("crawl"), self.peak_mb("worker")
            print(
                f"{stored} articles stored after {time.monotonic() - self._started:.0f} s: peak "
                f"RSS so far of the crawl process {max(crawl, default=0):.0f} MB, of the "
                f"workers {', '.join(f'{m:.0f}' for m in workers) or '-'} MB",
                flush=True,
            )

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
    # the server first cuts the real pages into templates: seconds, more on a busy machine
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and server.poll() is None:
        if port_file.exists() and port_file.read_text():
            return server, f"http://127.0.0.1:{port_file.read_text()}"
        time.sleep(0.1)
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
        milestones = tuple(m for m in MILESTONES if m < pages)
        with PeakWatcher(folder / "bench.db", milestones) as watcher:
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
