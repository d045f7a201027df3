"""Score places and region attribution against the hand annotation of the seed articles.

    .venv/bin/python bench/places_eval.py [--seeds DIR] [--fixture FILE]

Places are compared per article as sets of (normalized name, region code); the article's region
and each figure sentence's region as (region code, country) pairs. The seeds are read from
../shared/seeds and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from any directory

from pipelines.places import article_region, figure_region, find_places  # noqa: E402
from pipelines.places_ner import SentenceNer, sentence_bounds  # noqa: E402

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_FIXTURE = ROOT / "tests" / "data" / "seed_places.json"
TIMING_RUNS = 3


def _country_of(source_region: str | None) -> str | None:
    return source_region.split("-", 1)[0].upper() if source_region else None


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(seeds: Path, fixture: Path) -> dict:
    gold = {k: v for k, v in json.loads(fixture.read_text(encoding="utf-8")).items() if k[0] != "_"}
    tp = fp = fn = 0
    articles_right = figures_right = reasons_right = figure_count = 0
    misses: list[str] = []
    for doc, expected in sorted(gold.items()):
        text = (seeds / doc).read_text(encoding="utf-8")
        source = expected["source_region"]
        places = find_places(text, _country_of(source))
        found = {(p["normalized"], p["region_code"]) for p in places}
        wanted = {(p["normalized"], p["region_code"]) for p in expected["places"]}
        tp, fp, fn = tp + len(found & wanted), fp + len(found - wanted), fn + len(wanted - found)
        misses += [f"{doc}: extra place {p}" for p in sorted(found - wanted, key=str)]
        misses += [f"{doc}: missed place {p}" for p in sorted(wanted - found, key=str)]

        article = article_region(text, source)
        pair = (article["region_code"], article["country"])
        want = (expected["article"]["region_code"], expected["article"]["country"])
        articles_right += pair == want
        if pair != want:
            misses.append(f"{doc}: article {pair}, expected {want}")

        for figure in expected["figures"]:
            got = figure_region(figure["sentence"], places, source, article)
            pair = (got["region_code"], got["country"])
            want = (figure["region_code"], figure["country"])
            figure_count += 1
            figures_right += pair == want
            reasons_right += got["reason"] == figure["reason"]
            if pair != want or got["reason"] != figure["reason"]:
                misses.append(
                    f"{doc}: figure {figure['sentence'][:60]!r} → {pair} ({got['reason']}),"
                    f" expected {want} ({figure['reason']})"
                )
    return {
        "articles": len(gold),
        "places": {"tp": tp, "fp": fp, "fn": fn},
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "article_right": articles_right,
        "figure_count": figure_count,
        "figure_right": figures_right,
        "reason_right": reasons_right,
        "misses": misses,
    }


def measure_cost(seeds: Path, fixture: Path) -> dict:
    """Seconds to load the gazetteer, the median per-article and per-sentence times after, and
    how many of the articles' sentences natasha's NER had to tag (the rest cost no NER)."""
    gold = {k: v for k, v in json.loads(fixture.read_text(encoding="utf-8")).items() if k[0] != "_"}
    started = time.perf_counter()
    find_places("В Павлодаре.")  # loads the gazetteer; natasha loads on the first sentence it tags
    load = time.perf_counter() - started
    tagged = sentences = 0
    for doc, expected in gold.items():
        text = (seeds / doc).read_text(encoding="utf-8")
        ner = SentenceNer(text)
        find_places(text, _country_of(expected["source_region"]), ner)
        tagged, sentences = tagged + ner.runs, sentences + len(sentence_bounds(text))
    per_article, per_sentence = [], []
    for _ in range(TIMING_RUNS):
        for doc, expected in gold.items():
            text = (seeds / doc).read_text(encoding="utf-8")
            source = expected["source_region"]
            started = time.perf_counter()
            places = find_places(text, _country_of(source))
            per_article.append(time.perf_counter() - started)
            for figure in expected["figures"]:
                started = time.perf_counter()
                figure_region(figure["sentence"], places, source)
                per_sentence.append(time.perf_counter() - started)
    return {
        "load_s": load,
        "article_ms": 1000 * statistics.median(per_article),
        "sentence_ms": 1000 * statistics.median(per_sentence),
        "chars": statistics.mean(len((seeds / d).read_text(encoding="utf-8")) for d in gold),
        "ner_sentences": tagged,
        "sentences": sentences,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE)
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"no seed articles at {args.seeds}", file=sys.stderr)
        return 2
    cost = measure_cost(args.seeds, args.fixture)
    result = evaluate(args.seeds, args.fixture)
    places = result["places"]
    figures = result["figure_count"]
    print(f"seed articles: {result['articles']}, figure sentences: {figures}")
    print(
        f"places   precision {result['precision']:.3f}  recall {result['recall']:.3f}"
        f"  (tp {places['tp']}, fp {places['fp']}, fn {places['fn']})"
    )
    print(
        f"article  region accuracy {result['article_right']}/{result['articles']}"
        f" = {_ratio(result['article_right'], result['articles']):.3f}"
    )
    print(
        f"figures  region accuracy {result['figure_right']}/{figures}"
        f" = {_ratio(result['figure_right'], figures):.3f}"
        f"  reason accuracy {result['reason_right']}/{figures}"
        f" = {_ratio(result['reason_right'], figures):.3f}"
    )
    print(
        f"cost     gazetteer load {cost['load_s']:.2f} s; find_places {cost['article_ms']:.0f} ms"
        f" per article (mean {cost['chars']:.0f} chars); figure_region"
        f" {cost['sentence_ms']:.1f} ms per sentence (medians of {TIMING_RUNS} runs);"
        f" NER on {cost['ner_sentences']} of {cost['sentences']} sentences"
    )
    for miss in result["misses"]:
        print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
