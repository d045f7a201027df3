"""Score the article region on held-out texts annotated blind to the rules.

    .venv/bin/python bench/heldout_places_eval.py [--sets ru_kz cis] [--misses]

--misses lists the wrong texts of the dev split only: the test split is held back, so its misses
are never shown (a rule tuned on them would make its score meaningless).

Each text of bench/heldout/<set>/texts (headline line, blank line, body) goes through
apply_places as the crawl runs it, twice: with no source region, and with a misleading home (a
source of another country: "KZ", or "RU" for a Kazakh text). A text is right when its region is
the annotated one; a national text (region null) is right when its country is the annotated one
and no region was chosen. Scores are per set, split (dev: tune on it; test: held back) and home.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from any directory

from pipelines.items import ArticleRecord  # noqa: E402
from pipelines.places_pipeline import apply_places  # noqa: E402

HELDOUT = ROOT / "bench" / "heldout"
# Every annotated batch: a folder of bench/heldout/ with a meta.jsonl.
SETS = tuple(sorted(p.parent.name for p in HELDOUT.glob("*/meta.jsonl")))


def read_text(path: Path) -> tuple[str, str]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def misleading_home(country: str) -> str:
    return "RU" if country == "KZ" else "KZ"


def place_of(title: str, body: str, source_region: str | None) -> tuple[str | None, str | None]:
    record = ArticleRecord(source="heldout", url="", html="", fetched_at="", title=title, body=body)
    apply_places(record, source_region)
    return record.region, record.country


# Codes ISO 3166-2 has since replaced, as an annotator wrote them: Astana was KZ-AST until the
# 2020 newsletter gave Kazakhstan's divisions numeric codes (KZ-71).
REPLACED_CODES = {"KZ-AST": "KZ-71"}


def is_right(meta: dict, region: str | None, country: str | None) -> bool:
    if meta["region"]:
        return region == REPLACED_CODES.get(meta["region"], meta["region"])
    return region is None and country == meta["country"]


def evaluate(sets: list[str]) -> tuple[dict, list[str]]:
    scores: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for name in sets:
        folder = HELDOUT / name
        for line in (folder / "meta.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            title, body = read_text(folder / "texts" / f"{meta['id']}.txt")
            for home_label, home in (
                ("none", None),
                ("misleading", misleading_home(meta["country"])),
            ):
                region, country = place_of(title, body, home)
                right = is_right(meta, region, country)
                for key in ((name, meta["split"], home_label), ("all", meta["split"], home_label)):
                    scores[key][0] += right
                    scores[key][1] += 1
                if not right and meta["split"] == "dev":
                    misses.append(
                        f"{name}/{meta['id']} ({meta['split']}, home {home}):"
                        f" got {region or country}, expected {meta['region'] or meta['country']}"
                    )
    return scores, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--misses", action="store_true", help="list every wrong dev text")
    args = parser.parse_args(argv)
    scores, misses = evaluate(args.sets)
    print(f"{'set':8} {'split':5} {'home':11} right/texts  score")
    for (name, split, home), (right, total) in sorted(scores.items()):
        print(f"{name:8} {split:5} {home:11} {right:5}/{total:<5}  {right / total:.3f}")
    if args.misses:
        for miss in misses:
            print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
