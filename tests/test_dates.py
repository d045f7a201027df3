"""Dates and reporting periods mentioned in text (pipelines.mentioned_dates)."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.mentioned_dates import (
    _RULES,
    _anchored_matches,
    as_date,
    extract_dates,
    sentence_period,
)
from pipelines.numbers import morph

PUBLISHED = date(2025, 8, 8)


def found(text: str, published=None) -> list[tuple[str, str | None, str | None]]:
    return [(r["kind"], r["date"], r["end"]) for r in extract_dates(text, published)]


# --- calendar dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Совещание прошло 12.03.2023 в облпрокуратуре.", "2023-03-12"),
        ("Рейд провели 3.7.2021 г. в Таразе.", "2021-07-03"),
        ("Приговор от 15.11.19 вступил в силу.", "2019-11-15"),
        ("Опубликовано 2024-02-29 в 10:00.", "2024-02-29"),
        ("Проверка завершена 14 октября 2022 года.", "2022-10-14"),
        ("Задержание произошло 1-го марта 2020 г.", "2020-03-01"),
    ],
)
def test_calendar_dates(text, expected):
    assert found(text) == [("date", expected, None)]


def test_day_and_month_without_year():
    text = "Акция стартует 26 июня в Караганде."
    assert found(text) == [("date", "--06-26", None)]
    assert found(text, PUBLISHED) == [("date", "2025-06-26", None)]


def test_impossible_dates_are_ignored():
    assert found("Номер 31.02.2023 не дата.") == []


def test_month_with_preposition():
    assert found("В мае ликвидирована нарколаборатория.") == [("date", None, None)]
    assert found("В мае ликвидирована нарколаборатория.", PUBLISHED) == [("date", "2025-05", None)]
    assert found("Рейд прошёл в сентябре 2023 года.") == [("date", "2023-09", None)]


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("за 4 месяца 2014 года выявлено", ("period", "2014-01-01", "2014-04-30")),
        ("За девять месяцев 2023 года изъято", ("period", "2023-01-01", "2023-09-30")),
        ("по итогам 6 месяцев 2024 года", ("period", "2024-01-01", "2024-06-30")),
        ("за 9 мес. 2024 г.", ("period", "2024-01-01", "2024-09-30")),
        ("в I квартале 2025 года", ("period", "2025-01-01", "2025-03-31")),
        ("во втором квартале 2022 года", ("period", "2022-04-01", "2022-06-30")),
        ("в 3-м квартале 2021 г.", ("period", "2021-07-01", "2021-09-30")),
        ("за первое полугодие 2024 года", ("period", "2024-01-01", "2024-06-30")),
        ("во втором полугодии 2023 года", ("period", "2023-07-01", "2023-12-31")),
        # statistics' abbreviations, with their year
        ("в 1 пол. 2023 г. осуждено", ("period", "2023-01-01", "2023-06-30")),
        ("по отношению к 1 пол. 2022 г.", ("period", "2022-01-01", "2022-06-30")),
        ("за 3 кв. 2021 года", ("period", "2021-07-01", "2021-09-30")),
        ("за январь–июль 2025 года", ("period", "2025-01-01", "2025-07-31")),
        ("с 5 по 14 августа 2024 года", ("period", "2024-08-05", "2024-08-14")),
        ("с 28 февраля по 3 марта 2024 года", ("period", "2024-02-28", "2024-03-03")),
        ("с 01.01.2025 по 31.07.2025", ("period", "2025-01-01", "2025-07-31")),
        ("в 2014 году", ("period", "2014", "2014")),
        ("в 2019 г. задержаны", ("period", "2019", "2019")),
        ("на 2023-2025 годы", ("period", "2023", "2025")),
        ("в 2021–2023 гг.", ("period", "2021", "2023")),
        ("показатель 2024 года", ("period", "2024", "2024")),
    ],
)
def test_periods_with_their_own_year(text, expected):
    assert found(text) == [expected]
    assert found(text, PUBLISHED) == [expected]


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("За 7 месяцев текущего года выявлено", ("period", "2025-01-01", "2025-07-31")),
        ("за 5 месяцев этого года", ("period", "2025-01-01", "2025-05-31")),
        ("за 3 месяца прошлого года", ("period", "2024-01-01", "2024-03-31")),
        ("в I квартале", ("period", "2025-01-01", "2025-03-31")),
        ("за первое полугодие", ("period", "2025-01-01", "2025-06-30")),
        ("в прошлом году", ("period", "2024", "2024")),
        ("в текущем году", ("period", "2025", "2025")),
        ("в позапрошлом году", ("period", "2023", "2023")),
        ("с 5 по 14 августа", ("period", "2025-08-05", "2025-08-14")),
        ("с начала года", ("period", "2025-01-01", "2025-08-08")),
        ("С начала 2025 года изъято", ("period", "2025-01-01", "2025-08-08")),
        ("с начала 2024 года было", ("period", "2024-01-01", "2024-12-31")),
        ("за 6 месяцев т.г.", ("period", "2025-01-01", "2025-06-30")),
        ("в мае п.г.", ("date", "2024-05", None)),
        # a digest's days, counted back from the publication day
        ("За неделю изъято", ("period", "2025-08-01", "2025-08-08")),
        ("за минувшие сутки выявлено", ("period", "2025-08-07", "2025-08-08")),
        ("За последние 10 дней", ("period", "2025-07-29", "2025-08-08")),
        ("за прошедшие две недели", ("period", "2025-07-25", "2025-08-08")),
        ("за последние три года снизилось", ("period", "2022-08-08", "2025-08-08")),
        ("За последние 20 месяцев", ("period", "2023-12-08", "2025-08-08")),
        # half a year: its first half, when published in the months after it
        ("За полгода выявлено", ("period", "2025-01-01", "2025-06-30")),
        ("за последние полгода", ("period", "2025-02-07", "2025-08-08")),
    ],
)
def test_periods_that_depend_on_the_publication_date(text, resolved):
    unresolved = found(text)
    assert len(unresolved) == 1
    assert unresolved[0][0] == resolved[0]
    assert found(text, PUBLISHED) == [resolved]


def test_half_a_year_is_a_half_only_where_the_publication_day_tells_which():
    assert found("за полгода", "2026-01-20") == [("period", "2025-07-01", "2025-12-31")]
    assert found("за первые полгода", "2025-11-02") == [("period", "2025-01-01", "2025-06-30")]
    assert found("за полгода изъято", "2025-04-20") == [("period", None, None)]
    assert found("полгода назад", PUBLISHED) == []  # a time, no period
    assert found("осужден на полгода", PUBLISHED) == []


def test_an_ordinal_half_year_is_a_period_after_any_preposition():
    assert found("по итогам первого полугодия", PUBLISHED) == [
        ("period", "2025-01-01", "2025-06-30")
    ]
    # its year, not the whole year of «2025 года»
    assert found("по итогам первого полугодия 2024 года", PUBLISHED) == [
        ("period", "2024-01-01", "2024-06-30")
    ]
    assert found("в течение второго полугодия 2024 года", PUBLISHED) == [
        ("period", "2024-07-01", "2024-12-31")
    ]
    assert found("в течение полугодия", PUBLISHED) == []  # a duration


def test_since_the_start_of_a_month_runs_to_the_publication_day():
    assert found("с начала месяца изъято", PUBLISHED) == [("period", "2025-08-01", "2025-08-08")]
    assert found("С начала июня выявлено", PUBLISHED) == [("period", "2025-06-01", "2025-08-08")]
    assert found("с начала октября 2024 года", PUBLISHED) == [
        ("period", "2024-10-01", "2024-12-31")
    ]
    # a month after the publication's: of which year, the text does not say
    assert found("с начала сентября", PUBLISHED) == [("period", None, None)]


def test_unresolved_periods_are_null_without_publication_date():
    assert found("за 7 месяцев текущего года") == [("period", None, None)]
    assert found("в прошлом году") == [("period", None, None)]
    assert found("с 5 по 14 августа") == [("period", "--08-05", "--08-14")]


def test_bare_year_in_a_comparison():
    assert found("25 преступлений (2019 – 11)") == [("period", "2019", "2019")]


@pytest.mark.parametrize(
    "text",
    [
        "в течение 3 месяцев",  # a duration
        "в течение полугодия",
        "около 2000 человек",  # a quantity in the years' range
        "изъято 2015 граммов",
        "операция «Мак-2017»",
        "на протяжении 7 месяцев",
        "за неделю до задержания",  # a time before something
        "за день продавали",  # a rate
        "за сутки продавали",
        "за 10 дней операции",  # any ten days
    ],
)
def test_not_dates(text):
    assert found(text) == []


# --- records ----------------------------------------------------------------------------------


def test_records_carry_quotes_and_offsets_in_text_order():
    text = "С 01.02.2024 по 10.02.2024 проверены 5 аптек; в 2023 году – 3, 12 мая – ещё одна."
    records = extract_dates(text)
    assert [r["kind"] for r in records] == ["period", "period", "date"]
    for record in records:
        assert text[record["char_start"] : record["char_end"]] == record["quote"]
    assert [r["char_start"] for r in records] == sorted(r["char_start"] for r in records)


def test_repeated_calls_return_independent_records():
    text = "в 2014 году"
    extract_dates(text)[0]["date"] = "changed"
    assert extract_dates(text)[0]["date"] == "2014"


@pytest.mark.parametrize(
    "published",
    [date(2025, 8, 8), datetime(2025, 8, 8, 13, 32), "2025-08-08", "2025-08-08T13:32:00+05:00"],
)
def test_publication_date_in_any_form(published):
    assert as_date(published) == date(2025, 8, 8)
    assert found("в мае", published) == [("date", "2025-05", None)]


def test_free_form_publication_date_goes_through_dateparser():
    assert as_date("13:32 31.01.2022") == date(2022, 1, 31)
    assert as_date(None) is None


# --- the period of a sentence ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("В 2014 году изъято 5 кг героина.", ("2014-01-01", "2014-12-31")),
        ("За 7 месяцев 2025 года выявлено 16 фактов.", ("2025-01-01", "2025-07-31")),
        ("В сентябре 2023 года закрыты 3 притона.", ("2023-09-01", "2023-09-30")),
        ("06.08.2025 задержаны двое.", ("2025-08-06", "2025-08-06")),
        ("Задержаны двое.", (None, None)),
        ("Акция пройдёт 26 июня.", (None, None)),
        # years of birth, one or a list of them, are no reporting period
        ("У мужчины 1989 года рождения изъято 5 г.", (None, None)),
        ("У граждан 1994 и 1997 годов рождения нашли 2,5 кг.", (None, None)),
        ("Задержаны мужчины 1985, 1990 и 1992 г.р.", (None, None)),
        ("В 2019 и 2020 годах изъято 5 кг.", ("2019-01-01", "2019-12-31")),
    ],
)
def test_sentence_period_as_full_days(sentence, period):
    assert sentence_period(sentence) == period


def test_sentence_period_prefers_the_reporting_period_and_resolves_relative_ones():
    sentence = "12 мая сообщили, что за 4 месяца текущего года выявлено 25 преступлений."
    assert sentence_period(sentence, PUBLISHED) == ("2025-01-01", "2025-04-30")
    assert sentence_period(sentence) == (None, None)


def test_a_comparison_baseline_is_not_the_reporting_period():
    assert sentence_period("Рост по сравнению с 2023 годом составил 5%, данные за 2024 год.") == (
        "2024-01-01",
        "2024-12-31",
    )
    sentence = "По сравнению с аналогичным периодом прошлого года изъятия выросли в 1,4 раза."
    assert sentence_period(sentence, PUBLISHED) == (None, None)


# --- properties ---------------------------------------------------------------------------------


def genitive_month(month: int) -> str:
    names = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
             "сентябрь", "октябрь", "ноябрь", "декабрь"]  # fmt: skip
    return morph().parse(names[month - 1])[0].inflect({"gent"}).word


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)))
def test_written_dates_read_back(day):
    iso = day.isoformat()
    assert found(f"Событие {day:%d.%m.%Y} года.") == [("date", iso, None)]
    assert found(f"Событие {day.day} {genitive_month(day.month)} {day.year} года.") == [
        ("date", iso, None)
    ]


@settings(max_examples=100, deadline=None)
@given(year=st.integers(min_value=1990, max_value=2049), months=st.integers(1, 12))
def test_months_of_a_year_read_back(year, months):
    (kind, start, end) = found(f"за {months} месяцев {year} года")[0]
    assert (kind, start) == ("period", f"{year}-01-01")
    assert date.fromisoformat(end).month == months


# The anchored scan (a pattern run only around its anchor's hits) must find exactly what a scan
# of the whole text finds, wherever the phrases stand and whatever stands between them.
_PIECES = [
    "за 9 месяцев 2024 года",
    "девять мес. т.г.",
    "во II квартале",
    "первом полугодии прошлого года",
    "январь – март 2023 г.",
    "в сентябре",
    "с начала текущего года",
    "в прошлом году",
    "этого года",
    "Мая",
    "—",
    "-",
    " ",
    "\n",
    "изъято 5 кг",
    "годовой",
    "месяцем ранее",
    "а" * 90,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["", " ", "  \n"]))
def test_the_anchored_scan_finds_what_the_whole_scan_finds(pieces, glue):
    text = glue.join(pieces)
    anchored = [rule for rule in _RULES if rule.anchor is not None]
    assert anchored
    for rule in anchored:
        everywhere = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        around = _anchored_matches(rule.pattern, rule.anchor, text, text.lower())
        assert [(m.span(), m.groupdict()) for m in around] == everywhere


def test_a_range_of_months_with_s_and_po_is_one_period():
    # «с января по октябрь» as «январь – октябрь»: one period, not two months
    assert found("С января по октябрь 2024 года изъято 5 кг.") == [
        ("period", "2024-01-01", "2024-10-31")
    ]
    assert found("Операция шла с мая по сентябрь.", PUBLISHED) == [
        ("period", "2025-05-01", "2025-09-30")
    ]
    # a day range keeps its days
    assert found("С 1 января по 30 сентября 2024 года.") == [("period", "2024-01-01", "2024-09-30")]


def test_thousands_of_dates_are_read_in_time_linear_in_their_number():
    """Each date found was checked against every date found before it: a page listing 5,000
    dates took 2.9 s. The overlap check is a bisection now; the dates are the same."""
    from pipelines.mentioned_dates import _Spans, extract_dates

    spans = _Spans()
    for start in (10, 30, 0, 50):
        spans.add(start, start + 5)
    assert spans.overlaps(12, 13) and spans.overlaps(4, 11) and spans.overlaps(54, 60)
    assert not spans.overlaps(5, 10) and not spans.overlaps(15, 30) and not spans.overlaps(55, 99)
    text = "Изъято 5 кг героина " + "12.03.2024 " * 6000 + "."
    started = time.process_time()
    dates = extract_dates(text, "2024-04-01")
    assert len(dates) == 6000 and {d["date"] for d in dates} == {"2024-03-12"}
    assert time.process_time() - started < 1.5  # 0.15 s here; 7 s before
