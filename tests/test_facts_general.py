"""General rules of the facts step (pipelines/facts): the vocabulary reaches phrasings the held-out
texts did not show, on sentences of our own."""

from __future__ import annotations

import pytest

from pipelines.facts import annotate_figures
from pipelines.facts.indicators import stems
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
    return next(f for f in figures if f["quote"].startswith(start) and not f["in_title"])


def test_a_narko_compound_is_also_what_follows_the_prefix():
    assert {"курьер", "растение"} <= stems(["наркокурьер", "наркорастение", "наркотик"])
    assert "тик" not in stems(["наркотик"])


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # the crimes are drug crimes when their sentence says so, not only the words next to them
        ("В ходе рейдов выявлено более 20 преступлений и изъято 22 кг наркотических средств.",
         "более 20", "drug_crimes"),
        # crimes committed while intoxicated are not drug crimes
        ("Более 200 преступлений совершено лицами в состоянии наркотического опьянения.",
         "Более 200", None),
        ("Порядка 19 700 кг наркорастений было ликвидировано в текущем году.", "Порядка 19 700",
         "crops_destroyed"),
        ("Задержаны 12 наркокурьеров.", "12", "persons_detained"),
        ("В Оше при обыске у торговца обнаружены два мешка с гашишем.", "два мешка",
         "drugs_seized"),
        # destroying seized drugs is no seizure, even of drugs seized before
        ("В печи уничтожено 2 тонны изъятых наркотических средств.", "2 тонны", None),
        ("Выявлено 187 интернет-ресурсов, сведения о которых направлены для блокирования.",
         "187", "websites_blocked"),
        ("По 46 делам в суд направлено обвинительное заключение в отношении 14 граждан.",
         "14 граждан", None),
    ],
)  # fmt: skip
def test_indicator_vocabulary_reaches_common_phrasings(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_an_agency_of_the_region_is_no_reporting_period():
    text = (
        "Об этом сообщили в управлении ФСБ России по региону. В частном доме нашли лабораторию "
        "и 20 кг мефедрона."
    )
    assert by_quote(annotated(text), "20 кг")["scope"] == "event"
