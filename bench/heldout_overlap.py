"""Pairs of held-out texts that may tell the same story: a new batch is checked with it before it
is first scored, and a text found again is removed (bench/heldout/ANNOTATING.md).

    .venv/bin/python bench/heldout_overlap.py [--threshold 0.25] [--sets fresh110_ru ...]

Overlap is the Jaccard similarity of the bodies' word 4-grams (lower-cased). A copy scores near
1; a retelling of one release by another site 0.35 to 0.85 (the eleven found in session 21's
batches); but two meetings of one commission, with its boilerplate, also reach 0.36, so a pair
above the threshold is read, not removed blindly. With --sets, only pairs with a text of those
batches are listed. Prints one line per pair, highest first.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HELDOUT = Path(__file__).resolve().parents[1] / "bench" / "heldout"
THRESHOLD = 0.25
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def load_bodies(folder: Path = HELDOUT) -> dict[str, set]:
    bodies = {}
    for path in sorted(folder.glob("*/texts/*.txt")):
        _, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        bodies[f"{path.parent.parent.name}/{path.stem}"] = shingles(body)
    return bodies


def overlapping_pairs(
    bodies: dict[str, set], threshold: float = THRESHOLD, only: set[str] | None = None
) -> list[tuple[float, str, str]]:
    """(Jaccard, a, b) for every pair at or above the threshold, through an index of shingles
    (pairs that share none are never compared)."""
    index: dict[tuple, list[str]] = defaultdict(list)
    for key, grams in bodies.items():
        for gram in grams:
            index[gram].append(key)
    shared: Counter = Counter()
    for keys in index.values():
        if len(keys) > 50:
            continue  # boilerplate every text repeats says nothing of a story
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                shared[(a, b)] += 1
    pairs = []
    for (a, b), common in shared.items():
        if only and a.split("/")[0] not in only and b.split("/")[0] not in only:
            continue
        union = len(bodies[a]) + len(bodies[b]) - common
        jaccard = common / union if union else 0.0
        if jaccard >= threshold:
            pairs.append((jaccard, a, b))
    return sorted(pairs, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sets", nargs="*", help="list only pairs with a text of these batches")
    args = parser.parse_args(argv)
    pairs = overlapping_pairs(load_bodies(), args.threshold, set(args.sets or ()) or None)
    for jaccard, a, b in pairs:
        print(f"{jaccard:.2f}  {a}  {b}")
    print(f"{len(pairs)} pair(s) at {args.threshold} or more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
