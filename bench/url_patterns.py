"""Cost per URL of the sources' `article` and `follow` patterns: RE2 (what the crawl uses,
crawler/sources.py) against Python's re, on ordinary URLs and on long hostile ones.

    .venv/bin/python bench/url_patterns.py [--sources FILE] [--urls N]

For each source: microseconds per URL for its own patterns over N URLs built from its start
URLs (ordinary), then over URLs of 2,000 and 20,000 characters. Last, the catastrophic pattern
`(a+)+$` under RE2 at growing URL lengths (linear), and under re at 18-24 characters (each
character doubles the time), which is why the crawl never runs a pattern with re.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.sources import load_sources, url_pattern


def per_url(pattern, urls: list[str], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for url in urls:
            pattern.search(url)
    return (time.perf_counter() - started) / (repeat * len(urls)) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", help="sources file (default data/sources.toml)")
    parser.add_argument("--urls", type=int, default=20_000)
    args = parser.parse_args()
    print(f"{'source':24} {'pattern':7} {'re2 µs':>8} {'re µs':>8} {'re2 2k':>8} {'re2 20k':>8}")
    for source in load_sources(args.sources):
        base = [source.url, *source.start_urls()]
        urls = [f"{base[i % len(base)]}news/{i}-slug-{i * 7}.html" for i in range(args.urls)]
        for key in ("article", "follow"):
            text = getattr(source, key)
            if not text:
                continue
            fast, slow = url_pattern(text), re.compile(text)
            long2k = [source.url + "x" * 2000] * 200
            long20k = [source.url + "x" * 20000] * 20
            print(
                f"{source.name:24} {key:7} {per_url(fast, urls):8.2f} {per_url(slow, urls):8.2f}"
                f" {per_url(fast, long2k):8.2f} {per_url(fast, long20k):8.2f}"
            )
    bad = r"(a+)+$"
    fast = url_pattern(bad)
    for n in (1_000, 10_000, 100_000):
        print(f"RE2 {bad} on {n:>7} chars: {per_url(fast, ['a' * n + '!'], 5):10.1f} µs")
    slow = re.compile(bad)
    for n in (18, 20, 22, 24):
        print(f"re  {bad} on {n:>7} chars: {per_url(slow, ['a' * n + '!']):10.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
