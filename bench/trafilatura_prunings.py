"""trafilatura's XPath prunings against their Python predicates (pipelines/fast_prune.py).

    .venv/bin/python bench/trafilatura_prunings.py [--pages real,demo,aeb] [--rounds 3]

Extracts each set of pages once with trafilatura's own expressions, capturing every tree that
each pruning runs on (raw, cleaned, converted), then times every expression on those trees:
as trafilatura ships it, and as the Python predicate that stands in for it when one does.
Prints CPU ms per page (best of --rounds) and checks that both select the same elements.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script

import trafilatura.core
import trafilatura.external
import trafilatura.htmlprocessing
import trafilatura.main_extractor
from lxml.etree import XPath
from trafilatura import xpaths

import pipelines.fast_prune as fast_prune
from bench.crawl import TEMPLATES
from pipelines.extraction import extract_article


def expression_names() -> dict[int, str]:
    """Every XPath of trafilatura.xpaths by identity: 'OVERALL_DISCARD_XPATH[1]'."""
    names = {}
    for name in dir(xpaths):
        value = getattr(xpaths, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, XPath):
                    names[id(item)] = f"{name}[{index}]"
    return names


def captured_trees(pages: list[str]) -> list[tuple[XPath, object]]:
    """(expression, a copy of the tree it ran on) for every pruning of every page."""
    runs = []
    original = trafilatura.htmlprocessing.prune_unwanted_nodes

    def capturing(tree, nodelist, with_backup=False):
        runs.extend((expression, copy.deepcopy(tree)) for expression in nodelist)
        return original(tree, nodelist, with_backup)

    modules = (trafilatura.core, trafilatura.external, trafilatura.main_extractor)
    saved = fast_prune.fast_prunings
    for module in modules:
        module.prune_unwanted_nodes = capturing
    fast_prune.fast_prunings = dict  # trafilatura's own expressions, as they run in the chain
    try:
        for number, page in enumerate(pages):
            extract_article(page, f"https://example.kz/news/{number}")
    finally:
        fast_prune.fast_prunings = saved
        for module in modules:
            module.prune_unwanted_nodes = original
    return runs


def best_time(function, trees, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for tree in trees:
            function(tree)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="real,demo,aeb", help="sets of pages, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    names = expression_names()
    replacements = {id(fast.xpath): fast for fast in fast_prune.fast_prunings().values()}
    for set_name in filter(None, args.pages.split(",")):
        pages = TEMPLATES[set_name]()
        runs = captured_trees(pages)
        print(f"{set_name}: {len(pages)} pages, {len(runs)} prunings; CPU ms per page")
        print(f"  {'expression':36} {'runs':>5} {'XPath':>7} {'Python':>7}")
        total_xpath = total_python = 0.0
        for key in sorted({id(x) for x, _ in runs}, key=lambda k: names.get(k, "")):
            expression = next(x for x, _ in runs if id(x) == key)
            trees = [tree for x, tree in runs if id(x) == key]
            xpath_ms = best_time(expression, trees, args.rounds) * 1000 / len(pages)
            fast = replacements.get(key)
            python_ms = xpath_ms
            if fast is not None:
                if any(fast(tree) != expression(tree) for tree in trees):
                    sys.exit(f"{names[key]}: the predicate selects other elements")
                python_ms = best_time(fast, trees, args.rounds) * 1000 / len(pages)
            total_xpath += xpath_ms
            total_python += python_ms
            shown = f"{python_ms:7.2f}" if fast is not None else f"{'(same)':>7}"
            print(f"  {names.get(key, '?'):36} {len(trees):5} {xpath_ms:7.2f} {shown}")
        print(f"  {'all prunings':36} {'':5} {total_xpath:7.2f} {total_python:7.2f}")


if __name__ == "__main__":
    main()
