"""The page checks' cost: what the crawl process does with an article page before the chain,
and what the chain's extraction step adds to read the checks from its own parse.

    .venv/bin/python bench/page_checks.py [--rounds 5]

For the demo's pages, the real Russian pages of ../shared/corpus/real and aeb's pages, CPU ms
per page (best of the rounds) of:
- `read_article_page`: the spider's part, in the crawl process (charset, control characters);
- `tree_shape`: the checks on the tree the extraction step has parsed anyway (in a worker);
- `text_shape`: the checks with a parse of their own, which is what the crawl process did for
  every page before the checks moved into the chain.
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl import TEMPLATES

from crawler.pages import read_article_page
from pipelines.page_checks import text_shape, tree_shape
from pipelines.page_tree import parse_page

HTML = "text/html; charset=utf-8"


def best_ms(call, items: list, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for item in items:
            call(item)
        best = min(best, (time.process_time() - started) / len(items))
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print("CPU ms per page, best of", args.rounds, "rounds")
    print(f"{'pages':<8}{'read_article_page':>20}{'tree_shape':>12}{'text_shape':>12}")
    for name in ("demo", "real", "aeb"):
        pages = TEMPLATES[name]()
        raw = [page.encode("utf-8") for page in pages]
        trees = [parse_page(page) for page in pages]
        spider = best_ms(partial(read_article_page, content_type=HTML), raw, args.rounds)
        shared = best_ms(lambda tree: tree_shape(tree, False), trees, args.rounds)
        own = best_ms(text_shape, pages, args.rounds)
        print(f"{name + f' ({len(pages)})':<8}{spider:>20.2f}{shared:>12.2f}{own:>12.2f}")


if __name__ == "__main__":
    main()
