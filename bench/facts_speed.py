"""CPU time of the facts step (pipelines/chain.py ARTICLE_STEPS' `facts`) per article.

    .venv/bin/python bench/facts_speed.py [--runs 3]

Every held-out text (bench/heldout/*/texts/*.txt: headline, blank line, body) and every demo
page (crawler/demo/site/**/*.html) goes through the chain's steps before `facts` once, untimed.
Then the facts step alone runs on a fresh copy of each prepared record, `--runs` times over the
whole set; each run's CPU ms per article is printed, then the best. The morphology dictionaries
load before timing (a crawl pays them once per process). The first run meets most words for the
first time; before each run the caches keyed by a whole text or sentence are emptied, so the
later runs are a long crawl's steady state: words seen before, texts new.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.chain import ARTICLE_STEPS, SourceContext, process_article  # noqa: E402
from pipelines.facts.words import text_lemmas  # noqa: E402
from pipelines.items import ArticleRecord  # noqa: E402

HELDOUT = REPO / "bench" / "heldout"
DEMO_SITE = REPO / "crawler" / "demo" / "site"
BEFORE_FACTS = tuple(s for s in ARTICLE_STEPS if s.name != "facts")
TEXT_BEFORE_FACTS = BEFORE_FACTS[1:]  # a held-out text needs no extraction
FACTS = next(s for s in ARTICLE_STEPS if s.name == "facts")
DEMO_SOURCE = SourceContext(timezone="Asia/Almaty")


def heldout_records() -> list[tuple[str, ArticleRecord]]:
    """(name, record after the steps before facts) of every held-out text."""
    out = []
    for folder in sorted(p for p in HELDOUT.iterdir() if (p / "texts").is_dir()):
        published = {}
        meta = folder / "meta.jsonl"
        if meta.exists():
            for line in meta.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    info = json.loads(line)
                    published[info["id"]] = info.get("published")
        for path in sorted((folder / "texts").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            title, sep, body = text.partition("\n\n")
            if not sep:
                title, _, body = text.partition("\n")
            record = ArticleRecord(
                source=folder.name, url=f"https://heldout.example/{folder.name}/{path.stem}",
                html="", fetched_at="", title=title, body=body,
                published_at=published.get(path.stem),
            )  # fmt: skip
            record = process_article(record, steps=TEXT_BEFORE_FACTS)
            out.append((f"{folder.name}/{path.name}", record))
    return out


def demo_records() -> list[tuple[str, ArticleRecord]]:
    """(name, record after extraction and the steps before facts) of every demo page."""
    out = []
    for path in sorted(DEMO_SITE.rglob("*.html")):
        name = str(path.relative_to(DEMO_SITE))
        record = ArticleRecord(
            source="demo", url=f"https://demo.example/{name}",
            html=path.read_text(encoding="utf-8"), fetched_at="2026-01-01T00:00:00+00:00",
        )  # fmt: skip
        out.append((f"demo/{name}", process_article(record, DEMO_SOURCE, BEFORE_FACTS)))
    return out


def prepared() -> list[tuple[str, ArticleRecord]]:
    return heldout_records() + demo_records()


def run_facts(records: list[tuple[str, ArticleRecord]]) -> tuple[float, list[ArticleRecord]]:
    """CPU seconds of the facts step over fresh copies of the records, and its results."""
    copies = [copy.deepcopy(r) for _, r in records]
    text_lemmas.cache_clear()  # a crawl meets each sentence once: no help from the last run
    gc.collect()  # the copies' garbage is the bench's, not the step's
    started = time.process_time()
    done = [FACTS.run(r, DEMO_SOURCE) for r in copies]
    return time.process_time() - started, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    records = prepared()
    # Dictionaries and lazily built tables load here, outside the timed runs.
    warm = ArticleRecord(source="w", url="w", html="", fetched_at="", title="Изъято 5 кг",
                         body="Полицейские изъяли 5 кг героина.")  # fmt: skip
    FACTS.run(process_article(warm, steps=TEXT_BEFORE_FACTS), DEMO_SOURCE)
    n = len(records)
    figures = sum(len(r.figures) for _, r in records)
    demo = sum(name.startswith("demo/") for name, _ in records)
    print(f"articles {n} (held-out {n - demo}, demo {demo})  body figures {figures}")
    times = []
    for i in range(args.runs):
        seconds, _ = run_facts(records)
        times.append(seconds)
        print(f"run {i + 1}: {seconds / n * 1000:.3f} CPU ms per article")
    print(f"facts step best of {args.runs}: {min(times) / n * 1000:.3f} CPU ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
