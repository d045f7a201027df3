"""How each step of the article chain grows with the length of a page: any step that costs the
square of the text's length shows up here long before a crawl meets such a page.

    .venv/bin/python bench/long_pages.py [--sizes 20000,40000,80000,160000] [--rounds 2]

A page of N characters is built from the held-out texts (bench/heldout/*/texts/*.txt, bodies
joined in file order until N is reached) in two layouts: one paragraph per line, as news
pages have, and the whole text as one line with no break (pages that put an article in one
block, or break it with <br> only). Each step of pipelines/chain.py ARTICLE_STEPS runs on what
the step before it filled, `--rounds` times on fresh copies; its best CPU ms is printed with
the page's figures, then each step's growth from one size to the next (about 2.0 when the
sizes double and the step is linear; "!" marks growth above 2.6, the sign of a step that grows
faster than its input).

`--hostile` times the whole chain instead, as a crawl runs it (past NEWSMON_MAX_FIGURES no
figure is read, past NEWSMON_MAX_NER_SENTENCES no sentence goes to NER), on pages a hostile or
broken site may send: a run of 60,000 digits, a 200,000-letter word, 20,000 brackets or
percents in one sentence, 10,000 dates, 20,000 place names, 3,000 sentences of villages the
gazetteer lacks; each page also holds one ordinary sentence, whose figure must survive when
the figures' cap is not reached.
"""

from __future__ import annotations

import argparse
import copy
import html
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.chain import ARTICLE_STEPS, SourceContext, process_article  # noqa: E402
from pipelines.figures_pipeline import TOO_MANY_FIGURES  # noqa: E402
from pipelines.items import ArticleRecord  # noqa: E402

HELDOUT = REPO / "bench" / "heldout"
# The steps themselves, with no cap on the figures read (a crawl stops past NEWSMON_MAX_FIGURES)
SOURCE = SourceContext(timezone="Asia/Almaty", lang="ru", region="KZ", max_figures=None)
CRAWL = SourceContext(timezone="Asia/Almaty", lang="ru", region="KZ")  # with the crawl's cap
GROWTH_ALARM = 2.6  # per doubling: a linear step stays near 2


def paragraphs() -> list[str]:
    """The body paragraphs of every held-out text, in file order (the headline left out)."""
    found = []
    for path in sorted(HELDOUT.glob("*/texts/*.txt")):
        _, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        found += [line.strip() for line in body.splitlines() if len(line.strip()) > 40]
    return found


def page(source: list[str], size: int, one_line: bool) -> str:
    """An article page of about `size` characters of body text."""
    chosen, total = [], 0
    for paragraph in source:
        if total >= size:
            break
        chosen.append(paragraph)
        total += len(paragraph) + 1
    blocks = [" ".join(chosen)] if one_line else chosen
    body = "\n".join(f"<p>{html.escape(block)}</p>" for block in blocks)
    return (
        "<html><head><title>Итоги года</title></head><body><article>"
        f"<h1>Итоги года</h1>{body}</article></body></html>"
    )


def step_costs(
    page_html: str, rounds: int, source: SourceContext = SOURCE
) -> tuple[dict[str, float], int, int]:
    """Best CPU ms of each step, the body's length and its figures."""
    best: dict[str, float] = {}
    record = None
    for _ in range(rounds):
        record = ArticleRecord(source="bench", url="", html=page_html, fetched_at="")
        for step in ARTICLE_STEPS:
            before = copy.deepcopy(record)
            started = time.process_time()
            record = process_article(before, source, [step])
            spent = (time.process_time() - started) * 1000
            best[step.name] = min(spent, best.get(step.name, spent))
    return best, len(record.body or ""), len(record.figures or [])


# Pages no one writes, each with an ordinary sentence after it.
HOSTILE = {
    "60,000 digits in groups": "Изъято " + "100 " * 20000 + "кг героина.",
    "a 200,000-letter word": "Изъято 5 кг " + "а" * 200000 + ".",
    "20,000 brackets": "Изъято 5 кг (" * 20000 + "героина.",
    "20,000 percents": "Рост на " + "5% " * 20000 + ".",
    "10,000 dates": "Изъято 5 кг героина " + "12.03.2024 " * 10000 + ".",
    "20,000 place names": "Изъято 5 кг в " + "Москве Алматы " * 10000 + ".",
    # villages after «села» need no NER; a surname pymorphy reads as a town does
    "3,000 unknown villages": "".join(
        f"Жители села Кукурамбе{n} задержаны в Загорундии{n}. " for n in range(3000)
    ),
    "3,000 names for NER": "Потерпевшего Грибова избили вечером. " * 3000,
}
ORDINARY = "В Караганде полицейские задержали двоих подозреваемых."


def hostile(rounds: int) -> None:
    print(f"hostile pages; CPU ms of the whole chain with the crawl's caps, best of {rounds}:")
    for name, text in HOSTILE.items():
        page_html = (
            f"<html><body><article><h1>Сводка</h1><p>{html.escape(text)}</p>"
            f"<p>{ORDINARY}</p></article></body></html>"
        )
        costs, length, figures = step_costs(page_html, rounds, CRAWL)
        record = process_article(
            ArticleRecord(source="bench", url="", html=page_html, fetched_at=""),
            CRAWL,
            ARTICLE_STEPS,
        )
        kept = any(f["quote"].startswith("двоих") for f in record.figures)
        capped = any(kind == TOO_MANY_FIGURES for kind, _ in record.page_problems)
        ordinary = "kept" if kept else "past the cap" if capped else "LOST"
        worst = max(costs, key=costs.get)
        print(
            f"  {name:24} {length:>7} chars {figures:>6} figures {sum(costs.values()):>8.0f} ms"
            f"  (most: {worst} {costs[worst]:.0f} ms; errors: {len(record.step_errors)};"
            f" ordinary figure {ordinary})",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,40000,80000,160000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--hostile", action="store_true", help="time hostile pages instead")
    args = parser.parse_args()
    if args.hostile:
        step_costs(page([ORDINARY], 100, False), 1)  # load the models before timing
        hostile(args.rounds)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    source = paragraphs()
    if not source:
        sys.exit(f"no held-out texts under {HELDOUT}")
    step_costs(page(source, 5000, False), 1)  # load the models before timing
    names = [step.name for step in ARTICLE_STEPS]
    for one_line in (False, True):
        layout = "one line" if one_line else "a paragraph per line"
        print(f"{layout}; CPU ms per page, best of {args.rounds}:")
        print(f"  {'body chars':>10} {'figures':>7}  " + " ".join(f"{n[:10]:>10}" for n in names))
        rows = []
        for size in sizes:
            costs, length, figures = step_costs(page(source, size, one_line), args.rounds)
            rows.append(costs)
            cells = " ".join(f"{costs[n]:>10.1f}" for n in names)
            print(f"  {length:>10} {figures:>7}  {cells}", flush=True)
        for smaller, larger, size in zip(rows, rows[1:], sizes[1:], strict=False):
            cells = []
            for n in names:
                growth = larger[n] / smaller[n] if smaller[n] > 0.5 else float("nan")
                mark = "!" if growth > GROWTH_ALARM else " "
                cells.append(f"{growth:>9.2f}{mark}")
            print(f"  {'growth to':>10} {size:>7}  " + " ".join(cells))


if __name__ == "__main__":
    main()
