"""Numbers that are or are not figures, added for texts nobody tuned for (issue 13): half
multipliers, grams that look like years, datelines, "один" that counts nothing."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures
from pipelines.numbers import parse_number


def found(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["object"]) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("полмиллиона", 500_000), ("полумиллиона", 500_000), ("полмиллиарда", 5 * 10**8)],
)
def test_half_multipliers_read(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text", ["полиция", "половина", "пол"])
def test_words_that_start_like_half_are_no_numbers(text):
    assert parse_number(text) is None


def test_half_a_million_in_a_sentence_without_digits():
    assert found("Ущерб превысил полмиллиарда тенге.") == [(5 * 10**8, "KZT", "more_than", "ущерб")]
    assert found("Задержано полтысячи человек.") == [(500, "count", "exact", "человек")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Он доставал из тайника 1953 г опия и 4116 г гашиша.",
            [(1.953, "kg", "exact", "опий"), (4.116, "kg", "exact", "гашиш")],
        ),
        ("Родился в 1953 г в Ташкенте.", []),
        ("Житель 1956 г рождения задержан с 5 кг героина.", [(5, "kg", "exact", "героин")]),
        ("В 2014 г. изъято 5 кг героина.", [(5, "kg", "exact", "героин")]),
    ],
)
def test_grams_that_look_like_a_year(text, expected):
    assert found(text) == expected


def test_a_datelines_day_with_an_abbreviated_month_is_no_count():
    assert found("ТАШКЕНТ, 16 апр - Sputnik. Задержан мужчина с 5 кг героина.") == [
        (5, "kg", "exact", "героин")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Кроме того, у еще одного лица нашли 1 кг героина.", [(1, "kg", "exact", "героин")]),
        ("Один случай произошел на юге, а другой на севере.", []),
        ("Задержан один человек.", [(1, "count", "exact", "человек")]),
        ("Задержаны по одному жителю Айни и Исфары.", [(1, "count", "exact", "житель")]),
    ],
)
def test_one_that_means_another_or_one_of_two(text, expected):
    assert found(text) == expected


ONE_DEN = (1, "count", "exact", "притон")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «по одному» counts one each, of people and of things alike (the blind annotators
        # count every one of them)
        ("По одному делу вынесен приговор.", [(1, "count", "exact", "дело")]),
        ("Каждый месяц закрывали по одному магазину.", [(1, "count", "exact", "магазин")]),
        # the noun left out before the places: one of what the number before counted
        (
            "В районе выявили 2 наркопритона, по одному в Заводоуковске и Ишиме.",
            [(2, "count", "exact", "наркопритон"), (1, "count", "exact", "наркопритон")],
        ),
        (
            "Выявлено 16 притонов, из них 13 в Абакане, по одному в Саяногорске и Черногорске.",
            [(16, "count", "exact", "притон"), (13, "count", "exact", "притон"), ONE_DEN],
        ),
        # one of several, and the same one: no count
        ("По одной из версий, он скрылся.", []),
        ("Он жил по одному и тому же адресу.", []),
        ("Он работал по одному в смене.", []),
    ],
)
def test_one_each(text, expected):
    """(ONE_DEN: one den each, of what «из них 13» inherited.)"""
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Изъяли полтонны гашиша.", [(500, "kg", "exact", "гашиш")]),
        ("Изъято более полутонны наркотиков.", [(500, "kg", "more_than", "наркотик")]),
        ("Нашли полкило героина.", [(0.5, "kg", "exact", "героин")]),
        # the thing weighed behind its adjective
        ("Спрятали полкило смертельного порошка.", [(0.5, "kg", "exact", "порошок")]),
        ("Полкило синтетического наркотика стоит дорого.", [(0.5, "kg", "exact", "наркотик")]),
        ("Политика полиции понятна.", []),
        ("Это были партии от полукилограмма до нескольких килограммов.", []),  # no amount
    ],
)
def test_half_a_unit_in_one_word(text, expected):
    assert found(text) == expected
