"""Figures read for tests: one number's figure before the object ladder, and a text's figures
through the facts step, as the crawl's chain leaves them."""

from __future__ import annotations

from pipelines.facts import annotate_figures
from pipelines.figures import extract_figures
from pipelines.figures.reading import read_figure
from pipelines.figures.sentence import Figure, Sentence
from pipelines.mentioned_dates import extract_dates
from pipelines.numbers import find_numbers
from pipelines.sentences import tokenize


def read_one(text: str, number: str) -> tuple[Sentence, Figure]:
    """The sentence and the figure read for the number written as `number`."""
    tokens = tokenize(text)
    sentence = Sentence(text, tokens, 0, len(text), carried=[])
    previous = None
    for span in find_numbers(tokens):
        figure = read_figure(sentence, span, previous)
        if text[span.start : span.end] == number:
            return sentence, figure
        previous = figure
    raise AssertionError(f"no number {number!r} in {text!r}")


def annotated(text: str, published: str = "2024-10-15", title: str | None = None) -> list[dict]:
    """The text's (and headline's) figures with roles, scopes, indicators and checks."""
    figures = extract_figures(text, published=published)
    headline = extract_figures(title, published=published, whole=True) if title else []
    return annotate_figures(
        text,
        figures,
        title=title,
        title_figures=headline,
        mentioned_dates=extract_dates(text, published=published),
        published=published,
    )
