"""How far two blind annotators of the same held-out texts agree, and the rules against each.

    .venv/bin/python bench/annotator_agreement.py [--folder bench/agreement]

The bars of the figures and facts issues are scored against one annotator's reading. This
script says how much of the distance to them is the annotation's own: a second annotator, who
saw neither the rules nor the first gold, annotated texts drawn at random from the held-out
batches (`texts.json` names each: its batch and id; `gold.jsonl` and `meta.jsonl` are the second
reading, in the format of bench/heldout/ANNOTATING.md).

It prints, over those texts:
1. Figures: the second reading's P/R/F1 against the first (what counts as a figure).
2. For the figures both annotators found (same unit and value, as the scorers match them): how
   often they agree on each attribute (qualifier, object, change; role, scope, indicator,
   substance, part_of) and on the article's region.
3. The rules on the same texts: their accuracy against the first reading (what the README
   reports), against the second, and on the figures where both readings agree. The last is
   the score freed from the annotation's own noise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from facts_eval import gold_spans, match, own_origins, run_chain, split_text  # noqa: E402
from heldout_figures_eval import HELDOUT  # noqa: E402
from heldout_places_eval import is_right, place_of  # noqa: E402

from pipelines.items import ArticleRecord  # noqa: E402

FIGURE_ATTRIBUTES = ("qualifier", "object", "change")
FACT_ATTRIBUTES = ("role", "scope", "indicator", "substance")
ATTRIBUTES = (*FIGURE_ATTRIBUTES, *FACT_ATTRIBUTES, "part_of")


def read_jsonl(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row["id"]: row for row in rows}


def load_pairs(folder: Path, heldout: Path = HELDOUT) -> list[dict]:
    """Each text with its two readings: `first` (the batch's gold in `heldout`), `second`
    (`folder`'s)."""
    texts = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
    second = read_jsonl(folder / "gold.jsonl")
    second_meta = read_jsonl(folder / "meta.jsonl")
    docs = []
    for key, (batch, text_id) in sorted(texts.items()):
        first = read_jsonl(heldout / batch / "gold.jsonl")[text_id]
        first_meta = read_jsonl(heldout / batch / "meta.jsonl")[text_id]
        text = (heldout / batch / "texts" / f"{text_id}.txt").read_text(encoding="utf-8")
        docs.append(
            {"key": key, "batch": batch, "id": text_id, "text": text,
             "first": first["figures"], "second": second[key]["figures"],
             "first_meta": first_meta, "second_meta": second_meta[key]}
        )  # fmt: skip
    return docs


def folded(value):
    return value.replace("ё", "е") if isinstance(value, str) else value


def same(attribute: str, a: dict, b: dict, pairs_back: dict[int, int] | None = None) -> bool:
    """Whether two readings of one figure agree on `attribute`; part_of compares the totals
    through `pairs_back` (an index of b's figures → a's)."""
    if attribute == "part_of":
        if a.get("part_of") is None or b.get("part_of") is None:
            return a.get("part_of") is None and b.get("part_of") is None
        return pairs_back is not None and pairs_back.get(b["part_of"]) == a["part_of"]
    return folded(a.get(attribute)) == folded(b.get(attribute))


def applies(attribute: str, reference: dict) -> bool:
    """Substance is scored where the reference names one, part_of where it names a total, as
    facts_eval scores them."""
    if attribute == "substance":
        return bool(reference.get("substance"))
    if attribute == "part_of":
        return reference.get("part_of") is not None
    return True


def pair_readings(text: str, first: list[dict], second: list[dict]) -> dict[int, int]:
    """{second index: first index}: the figures both found, matched as the scorers match a
    prediction to gold (unit, value, the quote's place first)."""
    spans = gold_spans(text, second)
    origins = [span if span else None for span in spans]
    return match(first, gold_spans(text, first), second, origins)


def system_figures(doc: dict) -> list[dict]:
    title, body = split_text(doc["text"])
    record = ArticleRecord(
        source="agreement", url="", html="", fetched_at="", title=title, body=body,
        published_at=doc["first_meta"].get("published"),
    )  # fmt: skip
    return run_chain(record).figures


def evaluate(docs: list[dict]) -> dict:
    counts: Counter = Counter()
    for doc in docs:
        first, second = doc["first"], doc["second"]
        both = pair_readings(doc["text"], first, second)  # second → first
        counts["first"] += len(first)
        counts["second"] += len(second)
        counts["both"] += len(both)
        for si, fi in both.items():
            for attribute in ATTRIBUTES:
                if applies(attribute, first[fi]):
                    counts[f"agree_n {attribute}"] += 1
                    counts[f"agree {attribute}"] += same(attribute, first[fi], second[si], both)
        predicted = system_figures(doc)
        to_first = match(first, gold_spans(doc["text"], first), predicted, own_origins(predicted))
        to_second = match(second, gold_spans(doc["text"], second), predicted,
                          own_origins(predicted))  # fmt: skip
        first_of_second = dict(both)
        second_of_first = {fi: si for si, fi in both.items()}
        for pi, fi in to_first.items():
            si = second_of_first.get(fi)
            for attribute in ATTRIBUTES:
                if not applies(attribute, first[fi]):
                    continue
                right = same(attribute, first[fi], predicted[pi], to_first)
                counts[f"sys_first_n {attribute}"] += 1
                counts[f"sys_first {attribute}"] += right
                if si is not None and same(attribute, first[fi], second[si], first_of_second):
                    counts[f"sys_agreed_n {attribute}"] += 1
                    counts[f"sys_agreed {attribute}"] += right
        for pi, si in to_second.items():
            for attribute in ATTRIBUTES:
                if applies(attribute, second[si]):
                    counts[f"sys_second_n {attribute}"] += 1
                    counts[f"sys_second {attribute}"] += same(
                        attribute, second[si], predicted[pi], to_second
                    )
        region, country = place_of(*split_text(doc["text"]), None)  # no source region
        for reading in ("first", "second"):
            meta = doc[f"{reading}_meta"]
            counts[f"sys_{reading} region"] += is_right(meta, region, country)
            counts[f"sys_{reading}_n region"] += 1
        a, b = doc["first_meta"], doc["second_meta"]
        agreed = (a.get("region"), a.get("country")) == (b.get("region"), b.get("country"))
        counts["agree region"] += agreed
        counts["agree_n region"] += 1
        if agreed:
            counts["sys_agreed region"] += is_right(a, region, country)
            counts["sys_agreed_n region"] += 1
    return counts


def share(counts: Counter, key: str, attribute: str) -> str:
    n = counts[f"{key}_n {attribute}"]
    return f"{counts[f'{key} {attribute}'] / n:.3f} ({n})" if n else "-"


def report(counts: Counter, texts: int) -> str:
    precision = counts["both"] / counts["second"] if counts["second"] else 0.0
    recall = counts["both"] / counts["first"] if counts["first"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lines = [
        f"{texts} texts; first reading {counts['first']} figures, second {counts['second']}, "
        f"both {counts['both']}",
        f"figures, second against first: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}",
        "",
        f"{'attribute':10} {'annotators agree':>17} {'rules v first':>15} {'rules v second':>15}"
        f" {'rules where both agree':>23}",
    ]
    for attribute in (*ATTRIBUTES, "region"):
        lines.append(
            f"{attribute:10} {share(counts, 'agree', attribute):>17}"
            f" {share(counts, 'sys_first', attribute):>15}"
            f" {share(counts, 'sys_second', attribute):>15}"
            f" {share(counts, 'sys_agreed', attribute):>23}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=REPO / "bench" / "agreement")
    args = parser.parse_args(argv)
    if not (args.folder / "texts.json").exists():
        print(f"no second reading in {args.folder} (texts.json, gold.jsonl, meta.jsonl)")
        return 1
    docs = load_pairs(args.folder)
    print(report(evaluate(docs), len(docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
