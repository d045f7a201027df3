"""Score extract_figures on the held-out gold of bench/heldout/<set>/ (texts nobody tuned for).

    .venv/bin/python bench/heldout_figures_eval.py [--split dev|test|all] [--show-misses]

Each set holds texts/NNN.txt (headline, blank line, body), meta.jsonl (published date and the
split, dev or test) and gold.jsonl (figures). The metric is the gold README's: a prediction
matches a gold figure of the same document when the unit is equal and the value is equal up to
1e-6 relative, each gold figure matching at most one prediction; P/R/F1 over all documents;
qualifier, object and change accuracies over the matched pairs (ё and е alike: the annotators
write both). extract_figures reads the whole file, so headline figures count. Where several
predictions fit one gold figure, the one at the gold quote's occurrence is taken. One table per
set and split, then the overall one.

--show-misses lists misses, false positives and attribute errors, for the dev split only: the
test split is for honest numbers, never for reading what the rules got wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.figures import extract_figures  # noqa: E402

HELDOUT = REPO / "bench" / "heldout"
# Every annotated batch: a folder of bench/heldout/ with a gold.jsonl (added batches count at once).
SETS = tuple(sorted(p.parent.name for p in HELDOUT.glob("*/gold.jsonl")))
ATTRIBUTES = ("qualifier", "object", "change")
RELATIVE_TOLERANCE = 1e-6


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))


def quote_span(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Where the gold quote's occurrence-th appearance stands (1-based), or None."""
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def match(text: str, gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """(gold, prediction) pairs: same unit, value within tolerance, each used once; a prediction
    overlapping the gold quote's occurrence is preferred, else the first in text order."""
    free = list(predicted)
    pairs = []
    for g in gold:
        candidates = [
            p for p in free if p["unit"] == g["unit"] and same_value(p["value"], g["value"])
        ]
        if not candidates:
            continue
        span = quote_span(text, g["quote"], g.get("occurrence", 1))
        at_quote = [p for p in candidates if span and p["start"] < span[1] and span[0] < p["end"]]
        chosen = (at_quote or candidates)[0]
        free.remove(chosen)
        pairs.append((g, chosen))
    return pairs


def load_set(name: str) -> list[dict]:
    """The documents of one held-out set: id, split, published, text and gold figures."""
    folder = HELDOUT / name
    meta = {}
    for line in (folder / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            meta[record["id"]] = record
    docs = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        info = meta[record["id"]]
        text = (folder / "texts" / f"{record['id']}.txt").read_text(encoding="utf-8")
        docs.append(
            {
                "set": name,
                "id": record["id"],
                "split": info["split"],
                "published": info.get("published"),
                "text": text,
                "figures": record.get("figures", []),
            }
        )
    return docs


def same_attribute(gold, predicted) -> bool:
    """Equal, with ё and е one letter: annotators write «сырьё» and «сырье» for one lemma."""
    if isinstance(gold, str) and isinstance(predicted, str):
        return gold.replace("ё", "е") == predicted.replace("ё", "е")
    return gold == predicted


def score_doc(doc: dict) -> dict:
    """Counts of one document, and its misses, false positives and attribute errors."""
    predicted = extract_figures(doc["text"], doc["published"])
    pairs = match(doc["text"], doc["figures"], predicted)
    counts = {"gold": len(doc["figures"]), "predicted": len(predicted), "matched": len(pairs)}
    problems = []
    for attribute in ATTRIBUTES:
        counts[attribute] = 0
        for g, p in pairs:
            if same_attribute(g.get(attribute), p[attribute]):
                counts[attribute] += 1
            else:
                problems.append(
                    f"{attribute} of {g['quote']!r}: gold {g.get(attribute)!r}, "
                    f"got {p[attribute]!r} ({p['quote']!r})"
                )
    matched_gold = {id(g) for g, _ in pairs}
    matched_predicted = {id(p) for _, p in pairs}
    problems += [
        f"MISSED {g['quote']!r} {g['value']} {g['unit']} {g.get('object')}"
        for g in doc["figures"]
        if id(g) not in matched_gold
    ]
    problems += [
        f"FALSE POSITIVE {p['quote']!r} {p['value']} {p['unit']} {p['object']}"
        for p in predicted
        if id(p) not in matched_predicted
    ]
    counts["problems"] = problems
    return counts


def rates(results: list[dict]) -> dict:
    total = {
        key: sum(r[key] for r in results) for key in ("gold", "predicted", "matched", *ATTRIBUTES)
    }
    matched = total["matched"]
    precision = matched / total["predicted"] if total["predicted"] else 0.0
    recall = matched / total["gold"] if total["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracies = {a: total[a] / matched if matched else 0.0 for a in ATTRIBUTES}
    return {"docs": len(results), **total, "P": precision, "R": recall, "F1": f1, **accuracies}


HEADER = (
    f"{'set':<8} {'split':<5} {'docs':>4} {'gold':>5} {'pred':>5} {'match':>5} "
    f"{'P':>6} {'R':>6} {'F1':>6} {'qual':>6} {'obj':>6} {'chg':>6}"
)


def row(name: str, split: str, r: dict) -> str:
    return (
        f"{name:<8} {split:<5} {r['docs']:>4} {r['gold']:>5} {r['predicted']:>5} "
        f"{r['matched']:>5} {r['P']:>6.3f} {r['R']:>6.3f} {r['F1']:>6.3f} "
        f"{r['qualifier']:>6.3f} {r['object']:>6.3f} {r['change']:>6.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument(
        "--show-misses", action="store_true", help="list the dev split's misses and errors"
    )
    args = parser.parse_args(argv)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    scored: list[tuple[dict, dict]] = []
    for name in SETS:
        scored += [(doc, score_doc(doc)) for doc in load_set(name) if doc["split"] in splits]
    print(HEADER)
    for name in SETS:
        for split in splits:
            results = [r for d, r in scored if d["set"] == name and d["split"] == split]
            print(row(name, split, rates(results)))
    for split in splits:
        print(row("all", split, rates([r for d, r in scored if d["split"] == split])))
    if len(splits) > 1:
        print(row("all", "all", rates([r for _, r in scored])))
    if args.show_misses:
        for doc, result in scored:
            if doc["split"] != "dev":
                continue  # test misses stay unread
            for problem in result["problems"]:
                print(f"{doc['set']}/{doc['id']}: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
