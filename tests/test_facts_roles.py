"""Roles read across sentences (pipelines/facts/sums.py, roles.py), on sentences of our own."""

from __future__ import annotations

from pipelines.facts import annotate_figures
from pipelines.facts.sums import drop_overflowing
from pipelines.figures import extract_figures
from pipelines.mentioned_dates import extract_dates


def annotated(text: str, published: str = "2024-10-15", title: str | None = None) -> list[dict]:
    figures = extract_figures(text, published=published)
    headline = extract_figures(title, published=published) if title else []
    return annotate_figures(
        text,
        figures,
        title=title,
        title_figures=headline,
        mentioned_dates=extract_dates(text, published=published),
        published=published,
    )


def by_quote(figures: list[dict], start: str) -> dict:
    return next(f for f in figures if f["quote"].startswith(start))


def _kg(value: float, sentence: str, start: int, quote: str = "", qualifier=None) -> dict:
    return {"value": value, "unit": "kg", "sentence": sentence, "start": start,
            "end": start + 5, "quote": quote or f"{value} кг", "qualifier": qualifier}  # fmt: skip


# --- drop_overflowing ------------------------------------------------------------------------


def test_parts_in_other_sentences_never_exceed_their_total():
    figures = [_kg(84, "s1", 0, "84 кг"), _kg(50, "s2", 100, "50 кг"), _kg(40, "s2", 120, "40 кг")]
    part_of = {1: 0, 2: 0}
    drop_overflowing(figures, part_of)
    assert part_of == {}
    part_of = {1: 0}  # 50 of 84: a breakdown that fits
    drop_overflowing(figures, part_of)
    assert part_of == {1: 0}


def test_a_stated_list_of_overlapping_categories_in_one_sentence_stays():
    figures = [_kg(100, "s1", 0, "100 кг"), _kg(70, "s1", 20, "70 кг"), _kg(60, "s1", 40, "60 кг")]
    part_of = {1: 0, 2: 0}
    drop_overflowing(figures, part_of)
    assert part_of == {1: 0, 2: 0}
