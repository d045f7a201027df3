"""Names after a settlement word, read without NER (pipelines/places_cue_names.py)."""

import pytest

from pipelines.places import find_places


def _unknown(text: str) -> list[tuple[str, str]]:
    return [(p["name"], p["normalized"]) for p in find_places(text) if p["region_code"] is None]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Коноплю уничтожили в н. п. Чепелево.", [("Чепелево", "Чепелево")]),
        ("В ст.Журавской изъяли 4200 растений.", [("Журавской", "Журавская")]),
        ("Очаг нашли в селе Прикумском.", [("Прикумском", "Прикумское")]),
        # an ordinary word is a name once a settlement word vouches for it
        ("Случай произошёл в поселке Лечебный.", [("Лечебный", "Лечебный")]),
        ("Сообщили из деревни Малые Пупки.", [("Малые Пупки", "Малые Пупки")]),
        # a word pymorphy only guesses at keeps its written form
        ("Задержан в селе Торкене.", [("Торкене", "Торкене")]),
    ],
)
def test_a_name_after_a_settlement_word(text, found):
    assert _unknown(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщил глава города Петр Вагин.",  # a person: the city is not named
        "Как заявил прокурор города Ерлан Садуов, работа идёт.",  # a surname's ending
        "Как отметил Г.Волков, дети в безопасности.",  # an initial, not «г.»
        "Изъяты спайсы, соли и т. д. Так, в подъезде нашли закладку.",  # «и так далее»
    ],
)
def test_no_name_where_the_words_after_the_cue_are_no_place(text):
    assert _unknown(text) == []


def test_a_name_stops_at_a_district_and_at_a_line_break():
    assert _unknown("В селе Чираке Джети-Огузского района нашли мешки.")[0] == ("Чираке", "Чираке")
    assert _unknown("Героин хранили в поселке Александровская\nАдминистрация района") == [
        (
            "Александровская",
            "Александровская",
        )
    ]
