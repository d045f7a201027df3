"""Score pipelines.figures and pipelines.mentioned_dates against hand-annotated gold.

    .venv/bin/python bench/figures_eval.py [GOLD.jsonl] [--texts DIR]

The metric is the one of ../shared/gold/README.md: a predicted figure matches a gold figure of
the same document when the unit is equal and the value is equal up to 1e-6 relative; each gold
figure matches at most one prediction. Precision, recall and F1 are counted over all documents;
qualifier, object and change are accuracies over the matched pairs. Dates: the share of gold
dates found with equal kind, date and end.

By default the gold is ../shared/gold/figures-seeds.jsonl and the texts are ../shared/seeds/.
A gold record may carry its own "text" and "published"; otherwise the text is read from
DIR/<doc>. Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.figures import extract_figures  # noqa: E402
from pipelines.mentioned_dates import extract_dates  # noqa: E402

SHARED = REPO.parent / "shared"
DEFAULT_GOLD = SHARED / "gold" / "figures-seeds.jsonl"
RELATIVE_TOLERANCE = 1e-6


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))


def _gold_positions(text: str, quote: str) -> list[tuple[int, int]]:
    positions, start = [], text.find(quote)
    while start >= 0:
        positions.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return positions


def match_figures(text: str, gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (gold, prediction) under the README rule. Where several predictions have the gold's
    unit and value, the one standing at the gold quote is taken, else the first in text order."""
    free = list(predicted)
    pairs = []
    for g in gold:
        candidates = [
            p for p in free if p["unit"] == g["unit"] and same_value(p["value"], g["value"])
        ]
        if not candidates:
            continue
        at_quote = [
            p
            for p in candidates
            for start, end in _gold_positions(text, g["quote"])
            if p["start"] < end and start < p["end"]
        ]
        chosen = (at_quote or candidates)[0]
        free.remove(chosen)
        pairs.append((g, chosen))
    return pairs


def match_dates(gold: list[dict], predicted: list[dict]) -> list[dict]:
    """Gold dates found among predictions with equal kind, date and end (each used once)."""
    free = list(predicted)
    found = []
    for g in gold:
        key = (g["kind"], g.get("date"), g.get("end"))
        hit = next((p for p in free if (p["kind"], p["date"], p.get("end")) == key), None)
        if hit is not None:
            free.remove(hit)
            found.append(g)
    return found


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score(docs: list[dict], texts_dir: Path) -> dict:
    """All counts and rates, plus the misses and false positives of every document."""
    totals = {"gold": 0, "predicted": 0, "matched": 0, "qualifier": 0, "object": 0, "change": 0}
    dates = {"gold": 0, "found": 0, "predicted": 0}
    problems: list[str] = []
    for doc in docs:
        text = doc.get("text") or (texts_dir / doc["doc"]).read_text(encoding="utf-8")
        published = doc.get("published")
        predicted = extract_figures(text, published)
        pairs = match_figures(text, doc.get("figures", []), predicted)
        totals["gold"] += len(doc.get("figures", []))
        totals["predicted"] += len(predicted)
        totals["matched"] += len(pairs)
        for g, p in pairs:
            for attribute in ("qualifier", "object", "change"):
                if g.get(attribute) == p[attribute]:
                    totals[attribute] += 1
                else:
                    problems.append(
                        f"{doc['doc']}: {attribute} of {g['quote']!r}: gold {g.get(attribute)!r},"
                        f" got {p[attribute]!r}"
                    )
        matched_gold = [id(g) for g, _ in pairs]
        matched_predictions = [id(p) for _, p in pairs]
        problems += [
            f"{doc['doc']}: MISSED {g['quote']!r} {g['value']} {g['unit']}"
            for g in doc.get("figures", [])
            if id(g) not in matched_gold
        ]
        problems += [
            f"{doc['doc']}: FALSE POSITIVE {p['quote']!r} {p['value']} {p['unit']}"
            for p in predicted
            if id(p) not in matched_predictions
        ]
        predicted_dates = extract_dates(text, published)
        found = match_dates(doc.get("dates", []), predicted_dates)
        dates["gold"] += len(doc.get("dates", []))
        dates["found"] += len(found)
        dates["predicted"] += len(predicted_dates)
        problems += [
            f"{doc['doc']}: DATE MISSED {g['quote']!r} {g['kind']} {g.get('date')}..{g.get('end')}"
            for g in doc.get("dates", [])
            if all(g is not f for f in found)
        ]
    matched = totals["matched"]
    precision = matched / totals["predicted"] if totals["predicted"] else 0.0
    recall = matched / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(docs),
        **totals,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "qualifier_accuracy": totals["qualifier"] / matched if matched else 0.0,
        "object_accuracy": totals["object"] / matched if matched else 0.0,
        "change_accuracy": totals["change"] / matched if matched else 0.0,
        "dates_gold": dates["gold"],
        "dates_found": dates["found"],
        "dates_predicted": dates["predicted"],
        "dates_recall": dates["found"] / dates["gold"] if dates["gold"] else 0.0,
        "problems": problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--texts", type=Path, help="folder of the documents (default: ../seeds)")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file {args.gold} not found (is ../shared there?); nothing to score")
        return 0
    texts_dir = args.texts or args.gold.resolve().parent.parent / "seeds"
    result = score(load_gold(args.gold), texts_dir)
    print(f"gold: {args.gold}")
    print(
        f"documents {result['documents']}  gold figures {result['gold']}  "
        f"predicted {result['predicted']}  matched {result['matched']}"
    )
    print(
        f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  F1 {result['f1']:.4f}"
    )
    print(
        f"qualifier accuracy {result['qualifier_accuracy']:.4f}  "
        f"object accuracy {result['object_accuracy']:.4f}  "
        f"change accuracy {result['change_accuracy']:.4f}"
    )
    print(
        f"dates: {result['dates_found']}/{result['dates_gold']} gold dates found "
        f"({result['dates_recall']:.4f}); {result['dates_predicted']} predicted"
    )
    print(f"misses and false positives: {len(result['problems'])}")
    for problem in result["problems"]:
        print(f"  {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
