"""Places from the gazetteer and morphology first; natasha's NER only on the sentences that need
it, and never twice on one sentence of a body (issue 18)."""

import pytest

import pipelines.places_ner as places_ner
from pipelines.items import ArticleRecord
from pipelines.places import find_places
from pipelines.places_ner import SentenceNer, sentence_bounds
from pipelines.places_pipeline import apply_places, is_russian_text


@pytest.fixture
def ner_runs(monkeypatch):
    """The texts natasha's NER was run on."""
    runs = []
    original = places_ner.Ner.__init__

    def counting(self, text):
        runs.append(text)
        original(self, text)

    monkeypatch.setattr(places_ner.Ner, "__init__", counting)
    return runs


def places_of(text):
    return [(p["normalized"], p["kind"], p["region_code"]) for p in find_places(text)]


def test_names_the_gazetteer_settles_need_no_ner(ner_runs):
    text = "В Павлодарской области изъяли 5 кг. Полиция Алматы задержала курьера в Рудном."
    assert [p[2] for p in places_of(text)] == ["KZ-55", "KZ-75", "KZ-39"]
    assert ner_runs == []


def test_a_common_word_opening_a_sentence_is_asked_of_ner_in_that_sentence_only(ner_runs):
    text = "В Павлодаре прошёл рейд. Шахты закрыли на ремонт."
    assert places_of(text) == [("Павлодар", "city", "KZ-55")]
    assert ner_runs == ["Шахты закрыли на ремонт."]


def test_a_function_word_that_is_also_a_form_of_a_town_needs_no_ner(ner_runs):
    # «Кроме» is a form of the town «Кромы», and pymorphy3 reads it as a preposition first
    text = "В Павлодаре прошёл рейд. Кроме того, при нём изъяли 2 кг гашиша."
    assert places_of(text) == [("Павлодар", "city", "KZ-55")]
    assert ner_runs == []


def test_a_figure_sentence_reuses_the_body_tagging(ner_runs):
    body = "Шахты получили 5 кг героина. Изъято 3 кг."
    record = ArticleRecord(source="s", url="", html="", fetched_at="", title="", body=body)
    record.figures = [{"sentence": "Шахты получили 5 кг героина."}, {"sentence": "Изъято 3 кг."}]
    apply_places(record, None)
    assert ner_runs == ["Шахты получили 5 кг героина."]


def test_a_name_after_a_first_name_is_a_person_without_ner(ner_runs):
    assert places_of("Сергей Киров был убит.") == []
    assert places_of("Сказал Иван Орловский.") == []
    assert ner_runs == []
    assert places_of("Владимир Орловский рассказал о рейде.") == []


def test_districts_the_gazetteer_lacks_are_read_by_morphology(ner_runs):
    text = "Изъято в Кулундинском, Ребрихинском и Мамонтовском районах Алтайского края."
    assert places_of(text) == [
        # adjectives pymorphy3 knows, made from towns («Кулунда», «Ребриха») of Altai Krai
        ("Кулундинский район", "district", "RU-ALT"),
        ("Ребрихинский район", "district", "RU-ALT"),
        ("Мамонтовский район", "district", "RU-ALT"),
        ("Алтайский край", "region", "RU-ALT"),
    ]
    assert ner_runs == []


def test_a_word_morphology_reads_only_as_a_place_is_kept_as_text(ner_runs):
    assert places_of("Переговоры прошли в Стамбуле.") == [("Стамбул", None, None)]
    assert ner_runs == []


def test_a_capitalised_word_after_a_cue_needs_no_ner(ner_runs):
    places = find_places("Задержан уроженец города Коркорон.")
    assert [(p["name"], p["kind"]) for p in places] == [("Коркорон", "city")]
    assert ner_runs == []


def test_a_word_in_quotes_names_a_thing_and_needs_no_ner(ner_runs):
    text = (
        "Об этом сообщает агентство «Интерфакс-Сибирь». На трассе М-7 «Волга» задержан курьер,"
        " передает ГТРК «Ока». Итоги операции «Қарасора» подвели в Караганде."
    )
    assert places_of(text) == [("Караганда", "city", "KZ-35")]
    assert ner_runs == []


def test_a_capitalised_word_the_gazetteer_lacks_and_no_cue_vouches_for_is_asked_of_ner(ner_runs):
    find_places("Потерпевшего Грибова избили.")  # a surname that pymorphy reads as a town
    assert len(ner_runs) == 1


def test_sentences_do_not_end_at_abbreviations_or_initials():
    text = "В г. Павлодар задержан А. Иванов. Изъято 5 кг!\nДалее"
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "В г. Павлодар задержан А. Иванов.",
        "Изъято 5 кг!",
        "Далее",
    ]


def test_a_view_of_a_part_shifts_offsets_and_a_foreign_text_gets_its_own_tagging():
    ner = SentenceNer("Рейд прошёл. Приехал Сергей Иванов.")
    view = ner.view("Приехал Сергей Иванов.")
    assert view.persons(8, 14) == [(8, 21)]
    assert ner.runs == 1
    other = ner.view("Текст не из статьи.")
    assert other.persons(0, 5) == []
    assert ner.runs == 1


def test_a_capitalised_adjective_before_a_region_is_no_list_of_districts():
    assert places_of("Полицейские Алматинской области задержали курьера.") == [
        ("Алматинская область", "region", "KZ-19")
    ]


def test_an_unknown_name_written_in_the_nominative_needs_no_morphology_model(monkeypatch):
    loaded = []
    monkeypatch.setattr(places_ner, "_morph_models", lambda: loaded.append(1) or 1 / 0)
    text = "Наркотики нашли в селе Новососедово."
    [span] = [s for s in SentenceNer(text).locations(0, len(text))]
    assert SentenceNer(text).nominative(span[0], span[2]) == "Новососедово"
    assert loaded == []


def test_an_inflected_unknown_name_gets_natashas_nominative():
    text = "Партию везли на Дальнем Востоке и в Энгельсском районе."
    ner = SentenceNer(text)
    names = {text[s:e]: ner.nominative(s, span) for s, e, span in ner.locations(0, len(text))}
    assert names["Дальнем Востоке"] == "Дальний Восток"


def test_a_figure_sentence_naming_no_place_takes_the_article_region_unread(monkeypatch):
    import pipelines.places_pipeline as places_pipeline

    read = []
    original = places_pipeline.figure_region
    monkeypatch.setattr(
        places_pipeline,
        "figure_region",
        lambda sentence, *a, **k: read.append(sentence) or original(sentence, *a, **k),
    )
    named = "В Павлодарской области изъяли 5 кг гашиша."
    unnamed = "Всего за год изъято 40 кг наркотиков."
    title = "Полиция Карагандинской области подвела итоги года"
    body = f"{title}. {unnamed} {named}"
    record = ArticleRecord(source="s", url="", html="", fetched_at="", title=title, body=body)
    record.figures = [{"sentence": unnamed}, {"sentence": named}]
    apply_places(record, "KZ")
    assert read == [named]
    assert [f["region"] for f in record.figures] == ["KZ-35", "KZ-55"]
    assert record.figures[0]["region_reason"] == "article"


@pytest.mark.parametrize(
    "text, russian",
    [
        ("Полиция изъяла 5 кг гашиша в Павлодаре", True),
        ("Police in the region seized 5 kg of hashish and heroin, сообщает МВД", False),
        ("Police seized 5 kg, сообщает пресс-служба МВД РК", True),  # 0.3 of the letters suffice
        ("12 345 — 67,8 %", False),
        ("", False),
    ],
)
def test_russian_text_is_told_by_the_share_of_cyrillic_letters(text, russian):
    assert is_russian_text(text) is russian
