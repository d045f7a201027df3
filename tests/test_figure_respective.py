"""«соответственно» pairs the numbers of a list with the nouns of a coordination, in order
(pipelines/figures/respective.py), on sentences of our own."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures


def objects(text: str) -> list[str | None]:
    return [f["object"] for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Выросло число больных наркоманией женщин и подростков – соответственно 420 и 96.",
            ["женщина", "подросток"],
        ),
        ("Гашиша и марихуаны изъято 12 и 40 кг соответственно.", ["гашиш", "марихуана"]),
        (
            "Изъято героина, гашиша и опия: 5, 3 и 2 кг соответственно.",
            ["героин", "гашиш", "опий"],
        ),
        (
            "Задержано 40 наркокурьеров, сбытчиков и организаторов – соответственно 25, 11 и 4.",
            ["наркокурьер", "наркокурьер", "сбытчик", "организатор"],
        ),
    ],
)
def test_each_number_takes_the_noun_of_its_place(text, expected):
    assert objects(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # places are no objects: the masses keep what they had
        "В Бишкеке и Оше изъято 12 и 7 кг соответственно.",
        # adjectives coordinated, one noun: nothing to pair
        "Сотрудники Ленинского и Советского отделов изъяли 3 и 5 кг соответственно.",
    ],
)
def test_no_pairing_without_a_coordination_of_common_nouns(text):
    assert objects(text) == [None, None]


def test_a_count_with_a_noun_of_its_own_keeps_it():
    assert objects("Задержаны курьеры и сбытчики: соответственно 14 и 9 человек.") == [
        "человек",
        "человек",
    ]


def test_lists_of_another_length_are_left_alone():
    # three drugs, two numbers: which two is not said
    text = "Изъяты героин, гашиш и марихуана – 5 и 3 кг соответственно."
    assert objects(text) == [None, None]
