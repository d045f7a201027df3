"""Memory of a crawl of the hostile site (tests/support/hostile_site.py, docs/hostile.md) with
the default limits, plus an 80 MB page and a page just under DOWNLOAD_MAXSIZE: every bomb, the
100,000-link listing, the 100,000-deep nesting and the good pages in one `newsmon crawl`.

    .venv/bin/python bench/hostile_memory.py [--workers N] [--links 25]

Prints the peak RSS of the crawl process and of each extraction worker (bar: under 300 MB),
and what the crawl stored and refused.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from memory import PeakWatcher  # noqa: E402

from crawler import settings as defaults  # noqa: E402
from crawler.cli import main as newsmon  # noqa: E402
from pipelines.db import connect  # noqa: E402
from tests.support.hostile_site import Exchange, HostileSite, article, streamed  # noqa: E402

MiB = 1024 * 1024
HUGE = "/sobytiia/801-huge.html"  # 80 MB, streamed: cut at DOWNLOAD_MAXSIZE
BIG = "/sobytiia/802-big.html"  # an article just under DOWNLOAD_MAXSIZE: parsed, if anything is


def big_article(size: int) -> bytes:
    """A real-looking article page padded with paragraphs to `size` bytes."""
    page = article(3, "Очень большая страница").encode("utf-8")
    paragraph = "<p>Полицейские изъяли 5 кг гашиша в Караганде, сообщает пресс-служба.</p>"
    filler = paragraph.encode("utf-8") * ((size - len(page)) // len(paragraph.encode("utf-8")))
    return page.replace(b"</body>", filler + b"</body>", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", help="NEWSMON_EXTRACT_WORKERS (default: the setting's)")
    parser.add_argument(
        "--links",
        type=int,
        default=25,
        help="NEWSMON_MAX_LINKS_PER_PAGE, as tests/test_hostile.py sets it (the default 2,000 "
        "only adds 2,000 ordinary articles of the 100,000-link page)",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="another setting"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmon-hostile-") as tmp:
        folder = Path(tmp)
        site = HostileSite(folder).start()
        try:
            big = big_article(defaults.DOWNLOAD_MAXSIZE - MiB)

            def serve_big(ex: Exchange) -> None:
                ex.respond(200, big, {"Content-Type": "text/html; charset=utf-8"})

            site.server.route(HUGE, streamed(80 * MiB))
            site.server.route(BIG, serve_big)
            site._listing("/list/huge/", [HUGE, BIG])
            listings = f'listings = ["{site.url("/list/huge/")}", '
            sources = site.sources_toml().replace("listings = [", listings, 1)
            path = folder / "hostile.toml"
            path.write_text(sources, encoding="utf-8")
            options = {
                "NEWSMON_HOST_OVERRIDES": site.pins(),
                "DOWNLOAD_TIMEOUT": 20,
                "RETRY_TIMES": 1,
                "RETRY_AFTER_MAX": 5,
                "DEPTH_LIMIT": 4,
                "NEWSMON_MAX_LINKS_PER_PAGE": args.links,
                "DOWNLOAD_DELAY": 0,
                "AUTOTHROTTLE_ENABLED": False,
                "CONCURRENT_REQUESTS": 32,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            }
            options.update(item.split("=", 1) for item in args.set)
            if args.workers is not None:
                options["NEWSMON_EXTRACT_WORKERS"] = args.workers
            started = time.monotonic()
            with PeakWatcher() as watcher:
                code = newsmon(
                    ["crawl", "--sources", str(path), "--db", str(folder / "news.db")]
                    + [a for k, v in options.items() for a in ("--set", f"{k}={v}")]
                )
            elapsed = time.monotonic() - started
        finally:
            site.stop()
        db = connect(folder / "news.db")
        try:
            stored = db.execute("select count(*) from articles").fetchone()[0]
            kinds = dict(db.execute("select kind, count(*) from errors group by kind").fetchall())
            big_stored = db.execute(
                "select length(body) from articles where url like ?", ["%" + BIG]
            ).fetchone()
        finally:
            db.close()
    crawl_mb, worker_mb = watcher.peak_mb("crawl"), watcher.peak_mb("worker")
    print(f"hostile crawl: rc {code}, {elapsed:.0f} s, {stored} articles stored")
    big_body = f"a body of {big_stored[0]} chars" if big_stored else "not stored"
    print(f"  the page just under DOWNLOAD_MAXSIZE: {big_body}")
    print(f"  errors: {json.dumps(kinds, sort_keys=True)}")
    print(
        f"peak RSS of the crawl process: {max(crawl_mb, default=0):.0f} MB (bar: < 300); of its "
        f"{len(worker_mb)} extraction worker(s): {', '.join(f'{m:.0f}' for m in worker_mb) or '-'}"
        " MB"
    )


if __name__ == "__main__":
    main()
