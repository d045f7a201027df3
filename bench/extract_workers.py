"""All cores for one source: a CPU-bound local site (the real Russian article pages of
../shared/corpus/real, or the demo's, served under N URLs) crawled through `newsmon crawl` with
the article chain in 1 process and in 2 (or more) worker processes (NEWSMON_EXTRACT_WORKERS).

    .venv/bin/python bench/extract_workers.py [--articles 600] [--pages real] [--workers 1,2]
        [--rounds 2]

Prints pages/s of each run (the best of --rounds, alternating) and the ratio to the first
setting (bar: 2 workers >= 1.8x one, on a machine with 2 free cores), and before and after, what
the machine offered: a pure-Python busy loop in as many processes against one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl import TEMPLATES, add_sitemap, build_site, crawl_benchmark


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def free_cores_ratio(processes: int, jobs: int = 8, n: int = 3_000_000) -> float:
    """What the machine offers right now: a pure-Python busy loop in `processes` processes
    against one (2.0 on two idle cores; near 1.0 when other work holds them)."""
    started = time.perf_counter()
    for _ in range(jobs):
        _spin(n)
    one = time.perf_counter() - started
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_spin, [10] * processes))
        started = time.perf_counter()
        list(pool.map(_spin, [n] * jobs))
        return one / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--pages", choices=sorted(TEMPLATES), default="real")
    parser.add_argument("--workers", default="1,2", help="NEWSMON_EXTRACT_WORKERS values")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    settings = [int(w) for w in args.workers.split(",")]
    most = max(settings)
    machine = free_cores_ratio(most)
    print(f"busy loop in {most} processes / in 1, before: {machine:.2f}x", flush=True)
    site, pages = build_site(args.articles, args.pages)
    best: dict[int, dict] = {}
    with site, tempfile.TemporaryDirectory() as tmp:
        add_sitemap(site, list(pages))
        for round_number in range(args.rounds):
            for workers in settings:
                folder = Path(tmp) / f"{workers}-{round_number}"
                folder.mkdir()
                run = crawl_benchmark(
                    site,
                    args.articles,
                    folder,
                    {
                        "NEWSMON_EXTRACT_WORKERS": str(workers),
                        "CONCURRENT_REQUESTS": str(args.concurrency),
                        "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.concurrency),
                    },
                )
                print(
                    f"round {round_number + 1}, {workers} worker(s): {run['stored']} stored in "
                    f"{run['wall']:.1f} s, {run['pages_per_s']:.1f} pages/s",
                    flush=True,
                )
                if workers not in best or run["pages_per_s"] > best[workers]["pages_per_s"]:
                    best[workers] = run
    print(f"busy loop in {most} processes / in 1, after: {free_cores_ratio(most):.2f}x")
    first = best[settings[0]]["pages_per_s"]
    print(f"the {args.pages} pages under {args.articles} URLs, best of {args.rounds} rounds:")
    for workers in settings:
        rate = best[workers]["pages_per_s"]
        print(f"  {workers} worker(s)   {rate:6.1f} pages/s   {rate / first:.2f}x")


if __name__ == "__main__":
    main()
