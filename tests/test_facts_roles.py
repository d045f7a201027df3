"""Roles read across sentences (pipelines/facts/sums.py, roles.py), on sentences of our own."""

from __future__ import annotations

from pipelines.facts import annotate_figures
from pipelines.facts.sums import drop_overflowing, stated_total_parts
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


# --- stated_total_parts ----------------------------------------------------------------------


def test_a_total_in_all_is_made_of_the_episodes_that_follow():
    figures = annotated(
        "Пограничники пресекли ввоз в общей сложности 30 кг наркотиков. "
        "В первом случае у жителя села изъято 12 кг гашиша. "
        "Во втором случае на посту изъято 9 кг опия."
    )
    total = by_quote(figures, "30 кг")
    assert total["role"] == "total"
    for quote in ("12 кг", "9 кг"):
        part = by_quote(figures, quote)
        assert part["role"] == "part"
        assert figures[part["part_of"]] is total


def test_episodes_stop_where_they_would_exceed_the_total():
    text = "в общей сложности 20 кг"
    figures = [
        _kg(20, "s1", len(text) - 5, "20 кг"),
        _kg(8, "s2", 100),
        _kg(9, "s3", 200),
        _kg(7, "s4", 300),  # 24 > 20: not a part, nor is anything after it
        _kg(1, "s5", 400),
    ]
    part_of: dict[int, int] = {}
    stated_total_parts(text + " " * 500, figures, {}, part_of)
    assert part_of == {1: 0, 2: 0}


def test_only_means_no_total_and_one_episode_is_no_breakdown():
    text = "изъяли всего 20 кг"
    figures = [_kg(20, "s1", len(text) - 5), _kg(8, "s2", 100), _kg(9, "s3", 200)]
    part_of: dict[int, int] = {}
    stated_total_parts(text + " " * 300, figures, {}, part_of)
    assert part_of == {}  # «всего» also means «only»
    text = "в общей сложности 20 кг"
    figures = [_kg(20, "s1", len(text) - 5), _kg(8, "s2", 100), _kg(30, "s3", 200)]
    stated_total_parts(text + " " * 300, figures, {}, part_of)
    assert part_of == {}


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


# --- _elliptic_item --------------------------------------------------------------------------


def test_an_item_after_a_dash_repeats_the_verb_of_the_item_before():
    figures = annotated(
        "За месяц задержаны 100 человек. Среди задержанных – 20 человек занимались сбытом "
        "наркотиков, 28 – их перевозкой."
    )
    total = by_quote(figures, "100 человек")
    for quote in ("20 человек", "28"):
        part = by_quote(figures, quote)
        assert part["role"] == "part"
        assert figures[part["part_of"]] is total


def test_a_whole_list_that_exceeds_the_total_before_is_no_breakdown_of_it():
    figures = annotated(
        "Задержаны 5 лидеров групп и их 84 пособника. Среди задержанных – 20 человек "
        "занимались сбытом наркотиков, 28 – их перевозкой, 41 – хранением."
    )
    assert by_quote(figures, "84 пособника")["role"] == "value"
    assert by_quote(figures, "20 человек")["role"] == "value"


# --- _example_of_earlier ---------------------------------------------------------------------


def test_an_example_after_tak_is_a_part_of_the_count_before():
    figures = annotated(
        "Полицейские ликвидировали две нарколаборатории. К их работе причастны шесть жителей "
        "области. Так, в гараже лабораторию организовали трое жителей."
    )
    total = by_quote(figures, "шесть жителей")
    part = by_quote(figures, "трое жителей")
    assert total["role"] == "total"
    assert part["role"] == "part" and figures[part["part_of"]] is total


def test_an_example_of_a_total_already_broken_down_is_no_part():
    figures = annotated(
        "С начала года изъято 22 кг наркотиков. Из них - 3 кг героина, 8 кг гашиша и 11 кг "
        "марихуаны. Так, 22 января в поезде изъято 3 кг 367 г гашиша."
    )
    assert by_quote(figures, "3 кг 367 г")["role"] == "value"
    assert by_quote(figures, "8 кг")["part_of"] is not None


def test_an_example_of_other_things_counted_is_no_part():
    figures = annotated(
        "К работе лаборатории причастны шесть жителей области. Так, в гараже изъяли три автомобиля."
    )
    assert by_quote(figures, "шесть жителей")["role"] == "value"


# --- cases_of_earlier ------------------------------------------------------------------------


def test_a_sentence_of_n_cases_breaks_down_the_count_before():
    figures = annotated(
        "В этом году выявлено 40 каналов поставки наркотиков. В 22 случаях наркотики "
        "поставлялись почтой."
    )
    total = by_quote(figures, "40 каналов")
    part = next(f for f in figures if f["value"] == 22)
    assert total["role"] == "total"
    assert part["role"] == "part" and figures[part["part_of"]] is total


def test_cases_inside_a_statement_of_their_own_are_no_part():
    figures = annotated(
        "На учете состоят более 400 человек. В этом году в 10 случаях прием зелья закончился "
        "смертью."
    )
    assert next(f for f in figures if f["value"] == 10)["role"] == "value"
    assert by_quote(figures, "более 400")["role"] == "value"


# --- narrower_count --------------------------------------------------------------------------


def test_a_count_narrowed_by_an_adjective_is_a_part_of_the_count_before():
    figures = annotated(
        "За год выявлено 40 каналов поставки наркотиков. При этом выявлено пять крупных каналов "
        "из стран Европы."
    )
    total = by_quote(figures, "40 каналов")
    part = by_quote(figures, "пять крупных")
    assert part["role"] == "part" and figures[part["part_of"]] is total


def test_a_larger_or_other_count_is_no_narrower_one():
    figures = annotated(
        "За год выявлено 4 канала поставки наркотиков. При этом выявлено пять крупных каналов "
        "из стран Европы. Задержаны 30 человек. Позже задержаны пять местных жителей."
    )
    assert by_quote(figures, "пять крупных")["role"] == "value"
    assert by_quote(figures, "пять местных")["role"] == "value"


# --- «в прошлом году … всего N»: a baseline whose current value is the headline's ------------


def test_only_n_last_year_is_a_baseline_of_its_own_year():
    figures = annotated(
        "Об этом сообщили в МВД. По словам начальника отдела, в прошлом году изъяли всего "
        "34 килограмма.",
        published="2025-12-20",
        title="В Кыргызстане изъяли рекордные 798 килограммов синтетики",
    )
    earlier = by_quote(figures, "34 килограмма")
    assert earlier["role"] == "baseline"
    assert earlier["period_start"] == "2024-01-01"  # its own year, not shifted once more


def test_last_years_number_without_only_stays_a_value():
    figures = annotated(
        "Об этом сообщили в МВД. По словам начальника отдела, в прошлом году изъяли 34 килограмма.",
        published="2025-12-20",
    )
    assert by_quote(figures, "34 килограмма")["role"] == "value"


def test_a_sum_across_sentences_never_exceeds_its_total_beyond_its_rounding():
    text = "Изъято 47,2 кг наркотиков. У первого задержанного изъято 20 кг. У второго — {} кг."
    fits = annotated(text.format("27,2"))
    assert by_quote(fits, "20 кг")["role"] == "part"
    over = annotated(text.format("27,5"))  # 47.5 > 47.25: within 1%, beyond «47,2»
    assert by_quote(over, "47,2 кг")["role"] == "value"
    assert by_quote(over, "20 кг")["role"] == "value"
