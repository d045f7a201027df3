"""Many machines on one: pages/s of 1 and 2 workers on a latency-bound local site, the writer's
items/s on its own, and the peak RSS of every process.

    .venv/bin/python bench/distributed.py [--articles 2000] [--latency 0.05] [--per-worker 1]

The site (crawler/distributed/local.py GeneratedSite: paginated listings, `--articles`
articles) answers every request after `--latency` seconds, so a worker spends its time waiting
on the network as against a real site. Each worker may have `--per-worker` requests in flight
to the site (CONCURRENT_REQUESTS_PER_DOMAIN); the cluster-wide cap (NEWSMON_CLUSTER_CONCURRENCY)
is set above what two workers use, so the comparison measures the workers, not the cap.

For each of 1 and 2 workers: a fresh redis-server and database, the workers crawl the whole site
(crawl pages/s: responses over the time from seeding until the frontier is empty), then the one
writer drains the items list alone (items/s). Peak RSS is each process's VmHWM.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.distributed import ITEMS, PROCESSING, connect_redis, queue_key  # noqa: E402
from crawler.distributed.coordinator import pending, run_distributed  # noqa: E402
from crawler.distributed.local import GeneratedSite, LocalCluster, LocalRedis  # noqa: E402
from crawler.runner import CrawlRequest  # noqa: E402


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def one_run(workers: int, args, site: GeneratedSite, sources: Path, tmp: Path) -> dict:
    redis = LocalRedis().start()
    server = connect_redis(redis.url)
    db = tmp / f"bench-{workers}.db"
    settings = {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.per_worker),
        "NEWSMON_CLUSTER_CONCURRENCY": str(args.per_worker * 4),
        "LOG_LEVEL": "WARNING",
    }
    cluster = LocalCluster(redis.url, sources, db, settings, tmp)
    cluster.start(workers, writer=False)
    request = CrawlRequest(sources=["gen"], sources_file=sources, db=db, settings=settings)
    result: dict = {}
    coordinator = threading.Thread(
        target=lambda: result.update(runs=run_distributed(request, redis.url))
    )
    time.sleep(args.warmup)  # workers load their models before the clock starts
    rss: dict[str, float] = {}
    coordinator.start()
    while not server.exists("newsmon:run:gen"):
        time.sleep(0.05)
    started = time.monotonic()
    while server.zcard(queue_key("gen")) == 0:  # seeded
        time.sleep(0.05)
    while pending(server, "gen"):
        time.sleep(0.2)
    crawl_seconds = time.monotonic() - started
    for i, w in enumerate(cluster.workers):
        rss[f"worker {i + 1}"] = peak_rss_mb(w.pid)
    items = server.llen(ITEMS)
    writer_started = time.monotonic()
    cluster.start_writer()
    while server.llen(ITEMS) + server.llen(PROCESSING):
        time.sleep(0.1)
    write_seconds = time.monotonic() - writer_started
    rss["writer"] = peak_rss_mb(cluster.writer.pid)
    rss["redis-server"] = peak_rss_mb(redis.process.pid)
    coordinator.join()
    cluster.stop()
    redis.stop()
    run = result["runs"][0]
    return {
        "workers": workers,
        "pages": run["pages"],
        "articles": run["articles_new"],
        "crawl_seconds": crawl_seconds,
        "pages_per_s": run["pages"] / crawl_seconds,
        "items": items,
        "write_seconds": write_seconds,
        "items_per_s": items / write_seconds,
        "rss": rss,
        "status": run["status"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per response")
    parser.add_argument("--per-worker", type=int, default=1, help="requests in flight per worker")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds for workers to start")
    args = parser.parse_args()
    # 100 links a listing page: 20 pages deep for 2,000 articles, inside DEPTH_LIMIT (30)
    site = GeneratedSite(args.articles, latency=args.latency, per_page=100)
    site.start()
    results = []
    with tempfile.TemporaryDirectory(prefix="newsmon-bench-") as tmp_name:
        tmp = Path(tmp_name)
        sources = tmp / "sources.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        for workers in (1, 2):
            r = one_run(workers, args, site, sources, tmp)
            results.append(r)
            print(
                f"{workers} worker(s): {r['pages']} pages in {r['crawl_seconds']:.1f} s = "
                f"{r['pages_per_s']:.1f} pages/s ({r['articles']} articles stored, {r['status']}); "
                f"writer alone: {r['items']} items in {r['write_seconds']:.1f} s = "
                f"{r['items_per_s']:.1f} items/s",
                flush=True,
            )
            print("  peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["rss"].items()))
    site.stop()
    ratio = results[1]["pages_per_s"] / results[0]["pages_per_s"]
    print(
        f"site: {args.articles} articles, {args.latency * 1000:.0f} ms per response, "
        f"{args.per_worker} request(s) in flight per worker; 2 workers / 1 worker = {ratio:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
