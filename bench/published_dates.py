"""Publication date benchmark: extract_article against htmldate alone.

1. ../shared/bench/dates (200 news pages, labels.json gives the publication day): share of pages
   whose extracted day equals the label, for extract_article and for
   htmldate.find_date(original_date=True, extensive_search=True); the same on its Russian pages.
   A page labelled with no date ("nan") is right when no date is found: a true negative, as the
   htmldate project's own evaluation (tests/evaluation.py, evaluate_result) counts it. The score
   with those pages always wrong is printed beside it.
2. ../shared/corpus/real (real Russian pages; PROVENANCE.tsv gives the full timestamp): how many
   match the day, and how many match to the minute with the same UTC offset.

Usage: .venv/bin/python bench/published_dates.py [--misses]
(--misses lists every page of 1. whose day is wrong, with the label, htmldate's day and the
evidence, to group them by cause.) Each kind of evidence is scored alone too (right / found), to
judge the order of trust.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path

import htmldate
from trafilatura.utils import decode_file, load_html

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.extraction import extract_article  # noqa: E402
from pipelines.publication import find_published  # noqa: E402

SHARED = REPO.parent / "shared"
DATES = SHARED / "bench" / "dates"
REAL = SHARED / "corpus" / "real"

# The sites' local zones, as their entries in data/sources.toml would declare them. Only used
# for times a page prints without an offset.
SITE_TIMEZONES = {
    "inform.kz": "Asia/Almaty",
    "tengrinews.kz": "Asia/Almaty",
    "zakon.kz": "Asia/Almaty",
    "tass.ru": "Europe/Moscow",
    "mk.ru": "Europe/Moscow",
    "oren.mk.ru": "Europe/Moscow",
    "rzn.mk.ru": "Europe/Moscow",
    "aif.ru": "Europe/Moscow",
    "kommersant.ru": "Europe/Moscow",
    "ukrinform.ru": "Europe/Kyiv",
    "unn.com.ua": "Europe/Kyiv",
}

_RUSSIAN_ONLY_LETTERS = re.compile(r"[ыэЫЭ]")
_UKRAINIAN_ONLY_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
_NOTED_URL = re.compile(r"\bURL (https?://\S+)")
_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]+)", re.IGNORECASE)


def is_russian(html: str) -> bool:
    """Declared Russian, or written with ы/э (Russian only) and none of і/ї/є/ґ (Ukrainian)."""
    declared = _HTML_LANG.search(html)
    if declared:
        return declared[1].lower() == "ru"
    return len(_RUSSIAN_ONLY_LETTERS.findall(html)) > 50 and not _UKRAINIAN_ONLY_LETTERS.search(
        html
    )


def htmldate_alone(html: str, url: str | None) -> str | None:
    try:
        return htmldate.find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # a benchmark row, not a crash: count it as a miss
        return None


def _evidence(html: str, url: str, title: str | None) -> dict[str, str]:
    """Every piece of evidence find_published sees (htmldate's only when it was asked)."""
    try:
        tree = load_html(html)
    except Exception:  # a benchmark row, not a crash
        return {}
    if tree is None:
        return {}
    return find_published(tree, url, title=title, html=html)[2]


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.3f}" if total else "0/0"


def day_matches(found: str | None, label: str) -> bool:
    """The extracted day is the labelled one; on a page labelled with no date, nothing found."""
    if _ISO_DAY.match(str(label)):
        return (found or "")[:10] == label
    return found is None


def dates_benchmark(show_misses: bool = False) -> None:
    labels = json.loads((DATES / "labels.json").read_text(encoding="utf-8"))
    ours = theirs = ours_ru = theirs_ru = russian = ours_none = ours_tn = theirs_tn = 0
    sources: dict[str | None, int] = {}
    seconds_ours = seconds_theirs = 0.0
    misses: list[str] = []
    alone_right: dict[str, int] = {}
    alone_found: dict[str, int] = {}
    for url, label in labels.items():
        with gzip.open(DATES / label["file"]) as page:
            html = decode_file(page.read())
        started = time.process_time()
        extracted = extract_article(html, url)
        seconds_ours += time.process_time() - started
        started = time.process_time()
        alone = htmldate_alone(html, url)
        seconds_theirs += time.process_time() - started
        ours_hit = day_matches(extracted["published_at"], label["date"])
        theirs_hit = day_matches(alone, label["date"])
        sources[extracted["published_source"]] = sources.get(extracted["published_source"], 0) + 1
        ours += ours_hit
        theirs += theirs_hit
        undated_label = not _ISO_DAY.match(str(label["date"]))
        ours_tn += ours_hit and undated_label
        theirs_tn += theirs_hit and undated_label
        ours_none += extracted["published_at"] is None
        for kind, value in _evidence(html, url, extracted["title"]).items():
            alone_found[kind] = alone_found.get(kind, 0) + 1
            alone_right[kind] = alone_right.get(kind, 0) + (value[:10] == label["date"])
        if not ours_hit:
            evidence = extracted["published_evidence"] or ""
            misses.append(
                f"    {label['file']} label {label['date']} got {extracted['published_at']} "
                f"({extracted['published_source']}) htmldate {alone}\n      {url}"
                + (f"\n      evidence {evidence}" if evidence else "")
            )
        if is_russian(html):
            russian += 1
            ours_ru += ours_hit
            theirs_ru += theirs_hit
    total = len(labels)
    # labels.json writes "nan" where the htmldate project found no date
    undated = sum(1 for label in labels.values() if not _ISO_DAY.match(str(label["date"])))
    print(
        f"bench/dates: {total} pages, day must equal the label (no date found on a page "
        "labelled with none is right)"
    )
    with_body = f"{seconds_ours:.1f} CPU s, body included"
    print(f"  extract_article                 {share(ours, total)}  ({with_body})")
    wrong = total - ours - (ours_none - ours_tn)
    print(f"    of the others: a wrong day on {wrong}, no date on {ours_none - ours_tn}")
    print(f"  htmldate.find_date alone        {share(theirs, total)}  ({seconds_theirs:.1f} CPU s)")
    print(
        f"  {undated} pages are labelled with no date (nan), of which no date is found by "
        f"extract_article on {ours_tn}, by htmldate on {theirs_tn}. Counting those {undated} "
        f"always wrong: extract_article {share(ours - ours_tn, total)}, "
        f"htmldate {share(theirs - theirs_tn, total)}; on the {total - undated} dated pages: "
        f"extract_article {share(ours - ours_tn, total - undated)}, "
        f"htmldate {share(theirs - theirs_tn, total - undated)}"
    )
    print(f"  Russian pages found: {russian} (declared ru, or ы/э and no і/ї/є/ґ)")
    print(f"  extract_article on Russian      {share(ours_ru, russian)}")
    print(f"  htmldate alone on Russian       {share(theirs_ru, russian)}")
    used = ", ".join(f"{source}: {count}" for source, count in sorted(sources.items(), key=str))
    print(f"  extract_article evidence used:  {used}")
    print(
        "  each evidence alone (right/found): "
        + ", ".join(f"{kind} {alone_right[kind]}/{alone_found[kind]}" for kind in alone_found)
    )
    if show_misses:
        print(f"  misses ({len(misses)}):")
        print("\n".join(misses))


def same_minute_and_offset(extracted: str, truth: str) -> bool:
    """Equal wall clock to the minute and equal UTC offset (when the truth states one)."""
    try:
        ours, expected = datetime.fromisoformat(extracted), datetime.fromisoformat(truth)
    except ValueError:
        return False
    if len(extracted) <= 10:  # a bare day has no minute to compare
        return False
    same_minute = ours.replace(second=0, tzinfo=None) == expected.replace(second=0, tzinfo=None)
    return same_minute and (expected.tzinfo is None or ours.utcoffset() == expected.utcoffset())


def real_corpus_benchmark() -> None:
    with (REAL / "PROVENANCE.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle, delimiter="\t")
            if row["pub_date"] and row["file"].endswith(".html")
        ]
    day_hits = minute_hits = htmldate_hits = 0
    print(f"corpus/real: {len(rows)} Russian pages with a timestamp in PROVENANCE.tsv")
    for row in rows:
        html = (REAL / row["file"]).read_text(encoding="utf-8", errors="replace")
        stated_url = _NOTED_URL.search(row["notes"])
        url = stated_url[1] if stated_url else None
        result = extract_article(html, url, timezone=SITE_TIMEZONES.get(row["site"]))
        extracted = result["published_at"] or ""
        day_hit = extracted[:10] == row["pub_date"][:10]
        minute_hit = same_minute_and_offset(extracted, row["pub_date"])
        alone_hit = htmldate_alone(html, url) == row["pub_date"][:10]
        day_hits += day_hit
        minute_hits += minute_hit
        htmldate_hits += alone_hit
        print(
            f"  {row['file']:<44} truth {row['pub_date']:<25} got {extracted or '-':<25} "
            f"{result['published_source'] or '-':<8} day {'ok' if day_hit else 'NO'}  "
            f"minute+offset {'ok' if minute_hit else 'NO'}"
        )
    print(
        f"  extract_article: day {share(day_hits, len(rows))}, "
        f"minute with offset {share(minute_hits, len(rows))}"
    )
    print(f"  htmldate alone:  day {share(htmldate_hits, len(rows))}")


def main(argv: list[str]) -> int:
    if not DATES.is_dir() or not REAL.is_dir():
        print(f"shared material not found at {SHARED} (../shared is absent); nothing to measure.")
        return 0
    dates_benchmark(show_misses="--misses" in argv)
    print()
    real_corpus_benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
