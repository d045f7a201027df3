"""All cores for one source: a CPU-bound local site (N distinct real-size Russian articles, as
bench/memory.py makes them, or one set of templates served under N URLs) crawled through
`newsmon crawl` with the article chain in 1 process and in 2 (or more) worker processes
(NEWSMON_EXTRACT_WORKERS).

    .venv/bin/python bench/extract_workers.py [--articles 600] [--pages distinct] [--workers 1,2]
        [--rounds 2]

Prints pages/s of each run (the best of --rounds, alternating; counted from the first article
stored to the last, so the start-up of the crawl process and of its workers, which load their
models before the first page, does not weigh on the shorter runs) and the ratio to the first
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

from crawler.demo.server import LocalSite


def distinct_site(count: int) -> tuple[LocalSite, dict[str, str]]:
    """`count` distinct real-size Russian articles (bench/memory.py's pages: a real page's
    markup around sentences drawn for that article). Copies of a few templates would make
    every article a republication of the first, and storage, which runs in the crawl process
    whatever the workers, would grow with each copy's story."""
    from memory import article_html, page_templates

    templates, sentences = page_templates()
    site = LocalSite()
    pages = {}
    for n in range(count):
        pages[f"/news/{n}-novost-{n}.html"] = article_html(n, templates, sentences).decode()
        site.add(
            f"/news/{n}-novost-{n}.html",
            pages[f"/news/{n}-novost-{n}.html"],
            Content_Type="text/html; charset=utf-8",
        )
    site.add("/robots.txt", "User-agent: *\nAllow: /\n")
    return site, pages


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
    parser.add_argument(
        "--pages",
        choices=["distinct", *sorted(TEMPLATES)],
        default="distinct",
        help="distinct real-size Russian articles (default), or one template set served "
        "under every URL",
    )
    parser.add_argument("--workers", default="1,2", help="NEWSMON_EXTRACT_WORKERS values")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    settings = [int(w) for w in args.workers.split(",")]
    most = max(settings)
    machine = free_cores_ratio(most)
    print(f"busy loop in {most} processes / in 1, before: {machine:.2f}x", flush=True)
    if args.pages == "distinct":
        site, pages = distinct_site(args.articles)
    else:
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
                    f"{run['wall']:.1f} s, {run['pages_per_s']:.1f} pages/s with start-up, "
                    f"{run['steady_pages_per_s']:.1f} without",
                    flush=True,
                )
                rate = run["steady_pages_per_s"]
                if workers not in best or rate > best[workers]["steady_pages_per_s"]:
                    best[workers] = run
    print(f"busy loop in {most} processes / in 1, after: {free_cores_ratio(most):.2f}x")
    first = best[settings[0]]["steady_pages_per_s"]
    print(
        f"the {args.pages} pages under {args.articles} URLs, best of {args.rounds} rounds, "
        "pages/s from the first article stored to the last (start-up of the crawl process and "
        "its workers left out; with it in brackets):"
    )
    for workers in settings:
        rate = best[workers]["steady_pages_per_s"]
        print(
            f"  {workers} worker(s)   {rate:6.1f} pages/s   {rate / first:.2f}x   "
            f"({best[workers]['pages_per_s']:.1f})"
        )


if __name__ == "__main__":
    main()
