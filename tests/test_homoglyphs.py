"""Words written with look-alike letters of another script (pipelines/homoglyphs.py): read as
words by the figures and dates, stored as words by the plain-text step, offsets kept."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures
from pipelines.homoglyphs import fold_homoglyphs
from pipelines.items import ArticleRecord
from pipelines.mentioned_dates import extract_dates
from pipelines.plain_text import PlainTextPipeline


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Оκоло 5 тонн нарκотиκов", "Около 5 тонн наркотиков"),  # Greek κ in Cyrillic words
        ("зa год", "за год"),  # a Latin a
        ("изъято 5 кг марихуанy", "изъято 5 кг марихуану"),
        ("Аstrakhan", "Astrakhan"),  # a Cyrillic А in a Latin word
        ("5 г PVP и 3 г РVР", "5 г PVP и 3 г PVP"),
        # no single script spells these: left as they are
        ("УралПолитRu", "УралПолитRu"),
        ("болtt", "болtt"),
        # words of one script, digits and names with Latin in them are no business of it
        ("COVID-19, iPhone и 2С-В", "COVID-19, iPhone и 2С-В"),
    ],
)
def test_a_word_mixing_scripts_is_written_in_the_one_its_letters_allow(text, folded):
    assert fold_homoglyphs(text) == folded
    assert len(fold_homoglyphs(text)) == len(text)


def test_figures_read_the_words_and_quote_the_text():
    text = "Оκоло 175 тонн нарκотиκов изъято."
    (figure,) = extract_figures(text)
    assert (figure["value"], figure["qualifier"], figure["object"]) == (
        175000,
        "approx",
        "наркотик",
    )
    assert figure["quote"] == text[figure["start"] : figure["end"]] == "Оκоло 175 тонн"
    assert figure["sentence"] == text


def test_dates_read_the_words_and_quote_the_text():
    (period,) = extract_dates("Изъято 5 кг зa 2020 год.")
    assert (period["kind"], period["date"], period["quote"]) == ("period", "2020", "зa 2020 год")


def test_the_plain_text_step_stores_the_words():
    record = ArticleRecord(
        source="s", url="u", html="", fetched_at="", title="Изъято 5 тонн нарκотиκов",
        body="Оκоло 5 тонн изъято.", author="Иванοв",
    )  # fmt: skip
    PlainTextPipeline().process_item(record)
    assert (record.title, record.body) == ("Изъято 5 тонн наркотиков", "Около 5 тонн изъято.")
    assert record.author == "Иванοв"  # a name field is kept as written
