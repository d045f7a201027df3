"""How many stated changes of the held-out texts name the number they are of (`figures.change_of`,
pipelines/facts/changes.py), and a random sample of those links to read against their sentences.

The blind gold has no such links, so their precision is read by hand:

    .venv/bin/python bench/change_links.py --split dev --sample 40 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facts_eval import build_articles
from heldout_figures_eval import SETS, load_set

RATIOS = ("percent", "times")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--sample", type=int, default=40, help="links to print for reading")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    changes = candidates = 0
    links = []
    for name in SETS:
        for doc in load_set(name):
            if doc["split"] != args.split:
                continue
            figures = build_articles(doc)[0]["record"].figures
            for figure in figures:
                if figure.get("role") != "change" or figure.get("unit") not in RATIOS:
                    continue
                changes += 1
                if figure.get("change") in ("increase", "decrease") and figure.get("indicator"):
                    candidates += 1
                if figure.get("change_of") is not None:
                    value = figures[figure["change_of"]]
                    sentence = " ".join((figure.get("sentence") or "").split())
                    links.append((f"{doc['set']}/{doc['id']}", figure["quote"], value["quote"],
                                  sentence))  # fmt: skip
    print(f"{args.split}: {changes} changes in percent or times; {candidates} with a direction "
          f"and an indicator; {len(links)} linked to the number they are of")  # fmt: skip
    random.seed(args.seed)
    for n, (doc, change, value, sentence) in enumerate(
        random.sample(links, min(args.sample, len(links))), 1
    ):
        print(f"{n:3} {doc}  {change!r} -> {value!r}\n      {sentence[:330]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
