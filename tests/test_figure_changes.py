"""The direction of change and the qualifier of comparisons (issue 13): a comparison stated after
an amount the figure is restated as, a baseline of the period compared with, "больше на N%"."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures


def percents(text: str) -> list[tuple]:
    return [
        (f["value"], f["qualifier"], f["change"])
        for f in extract_figures(text)
        if f["unit"] in ("percent", "times")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Это на 68,4% или на 1 тонну 658 кг больше, чем в 2020 году.",
            [(68.4, "exact", "increase")],
        ),
        ("Это в 2,4 раза или на 63 кг больше, чем годом ранее.", [(2.4, "exact", "increase")]),
        ("Это в 4,6 раза, или на 63 кг больше, чем годом ранее.", [(4.6, "exact", "increase")]),
        ("Это на 12% или на 5 кг меньше, чем в прошлом году.", [(12, "exact", "decrease")]),
    ],
)
def test_a_comparison_after_a_restated_amount(text, expected):
    assert percents(text) == expected


def test_a_baseline_of_the_period_compared_with_is_no_change():
    text = "Раскрываемость составила 71,7% (+3,6% к прошлому году (далее – АППГ) – 68,2%)."
    assert percents(text) == [
        (71.7, "exact", None),
        (3.6, "exact", "increase"),
        (68.2, "exact", None),
    ]
    assert percents("Снижение на 5% (АППГ – 14%).") == [
        (5, "exact", "decrease"),
        (14, "exact", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Преступлений стало больше на 15%.", [(15, "exact", "increase")]),
        ("Изъято меньше на 12%.", [(12, "exact", "decrease")]),
        ("Показатель вырос более чем на 50%.", [(50, "more_than", "increase")]),
        ("Доля составила больше 40%.", [(40, "more_than", None)]),
    ],
)
def test_a_comparative_before_na_states_a_difference(text, expected):
    assert percents(text) == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        # a ratio the comparative states, not a bound on the number
        ("По оценкам медиков, реальная цифра больше в 5 раз.", "exact"),
        ("Эта цифра выше в 3 раза.", "exact"),
        ("Преступлений стало меньше в 10 регионах.", "exact"),
        ("Показатель вырос более чем в 4 раза.", "more_than"),  # «чем»: a bound
        ("Изъято больше 40 кг.", "more_than"),
    ],
)
def test_a_comparative_before_v_is_no_bound(text, qualifier):
    from pipelines.figures import extract_figures

    assert [f["qualifier"] for f in extract_figures(text)] == [qualifier]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        # the earlier period was higher: the change since is a decrease, and the other way round
        ("Зафиксировано 437 фактов, год назад эта цифра была выше на 15,6%.", "decrease"),
        ("Зафиксировано 437 фактов, а в прошлом году их было меньше на 20%.", "increase"),
        ("В этом году изъято на 15% больше, чем годом ранее.", "increase"),
    ],
)
def test_a_comparative_of_the_earlier_period_turns_the_change_round(text, change):
    assert [c for *_, c in percents(text)] == [change]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Выявлено 84 притона (меньше, чем в прошлом году на 12,5%).", "decrease"),
        ("Изъято 312 кг героина, что больше по сравнению с 2019 годом на 7,4%.", "increase"),
        ("Осуждено 56 человек, что больше чем в первом квартале прошлого года на 30%.", "increase"),
        ("Раскрыто 41 преступление, это меньше в сравнении с 2020 годом на 9%.", "decrease"),
    ],
)
def test_a_comparative_then_what_it_is_compared_with_then_by_how_much(text, change):
    assert [c for *_, c in percents(text)] == [change]


def test_by_how_much_reaches_its_verb_past_a_time_and_a_comparison():
    text = "Число изъятий выросло в прошлом году по сравнению с предыдущими тремя годами на 45%."
    assert percents(text) == [(45, "exact", "increase")]
    # without «на» the window stays short: a verb that far back is not this number's
    text = "Число изъятий выросло в прошлом году, и по сравнению с предыдущими годами доля 45%."
    assert percents(text) == [(45, "exact", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Раскрываемость выросла до 85%.", [(85, "exact", None)]),
        ("Раскрываемость снизилась с 78% до 72%.", [(78, "exact", None), (72, "exact", None)]),
        (
            "Раскрываемость выросла на 5% и достигла 85%.",
            [(5, "exact", "increase"), (85, "exact", None)],
        ),
        ("Рост составил 15%.", [(15, "exact", "increase")]),  # a change noun: the change itself
        ("Доля синтетики превысила 40%.", [(40, "more_than", None)]),
        ("Рост превысил 15%.", [(15, "more_than", "increase")]),
        # the change noun opens the clause, past a law's and a date's abbreviations
        (
            "Уменьшение судимости по ст. 328 УК в 1 пол. 2023 г. составило 13,0%.",
            [(13, "exact", "decrease")],
        ),
        ("Количество дел выросло, а их доля в общем числе составила 85%.", [(85, "exact", None)]),
    ],
)
def test_a_level_before_or_after_a_change_is_no_change(text, expected):
    assert percents(text) == expected


def test_a_percentage_restating_a_change_after_ili_is_that_change():
    text = "Таким образом, прирост составил почти одну тонну, или 50,3%."
    assert percents(text) == [(50.3, "exact", "increase")]
    assert percents("Снижение составило 120 преступлений, или 12%.") == [(12, "exact", "decrease")]
    assert percents("Изъято 5 тонн, или 20% от общего объема.") == [(20, "exact", None)]


def test_plus_and_minus_written_as_words():
    assert percents("Показатель: минус 5% к прошлому году.") == [(5, "exact", "decrease")]
    assert percents("Показатель: плюс 12% к прошлому году.") == [(12, "exact", "increase")]


def test_a_percentage_a_year_labels_is_that_year_s_level_not_a_change():
    figures = extract_figures(
        "Удельный вес синтетики постепенно увеличивался: в 2019-м — 29,5%, 2020 году — 31,3%, "
        "2021 году — 48,9%."
    )
    assert [(f["quote"], f["change"]) for f in figures] == [
        ("29,5%", None), ("31,3%", None), ("48,9%", None),
    ]  # fmt: skip
    # «на» says by how much, a change still
    assert extract_figures("Число преступлений выросло: в 2023 году — на 12%.")[0]["change"] == (
        "increase"
    )


def test_abbreviations_of_dates_and_laws_do_not_push_the_verb_out_of_reach():
    text = (
        "В республике уменьшилось количество осужденных по ст.ст. 327-332 УК в 1 пол. 2023 г. "
        "по отношению к 1 пол. 2022 г. на 10,9%."
    )
    [figure] = extract_figures(text)
    assert (figure["value"], figure["change"]) == (10.9, "decrease")


def test_the_values_a_percentage_was_computed_from_count_and_say_which_way():
    """A list of districts' changes, each with its two values in brackets and no noun: the
    values count, and give the percentage its direction where the list's verb stands before
    its colon."""
    text = (
        "Ловить наркоманов стали чаще в следующих районах: Сковородинский район — на 83,3 % "
        "(с 6 до 11), г. Благовещенск — на 14,8 % (с 209 до 240), Архаринский — на 20 % "
        "(с 10 до 8)."
    )
    assert [(f["value"], f["unit"], f["change"]) for f in extract_figures(text)] == [
        (83.3, "percent", "increase"),
        (6, "count", None),
        (11, "count", None),
        (14.8, "percent", "increase"),
        (209, "count", None),
        (240, "count", None),
        (20, "percent", "decrease"),
        (10, "count", None),
        (8, "count", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Рейтинг района вырос на 30 % (с 6 до 11).",  # 6 → 11 is no +30 %: not its values
        "Показатель составил 83,3 % (6 из 11).",
    ],
)
def test_bare_numbers_that_do_not_reproduce_the_percentage_stay_no_figures(text):
    assert [f["unit"] for f in extract_figures(text)] == ["percent"]


def test_a_factor_after_a_year_with_its_comparative_is_a_change():
    text = "Если в 2012 году продали 188 тысяч упаковок, то в 2013-м - вдвое меньше, 97 тысяч."
    assert [f["change"] for f in extract_figures(text) if f["unit"] == "times"] == ["decrease"]
    # a percentage a year labels in a list of levels is still no change
    text = "Доля увеличивалась: в 2019-м — 29,5%, 2020 году — 31,3%."
    assert [f["change"] for f in extract_figures(text)] == [None, None]


def test_the_end_of_a_range_of_percentages_is_a_percentage():
    from pipelines.figures import extract_figures

    def read(text):
        return [(f["value"], f["unit"]) for f in extract_figures(text)]

    text = "Снижение раскрываемости наркопреступлений с 80-ти процентов до 74-х."
    assert read(text) == [(80, "percent"), (74, "percent")]
    assert read("Раскрываемость снизилась с 80% до 74.") == [(80, "percent"), (74, "percent")]
    # a noun of its own after the end keeps it
    assert read("Доля снизилась с 80% до 74 случаев.") == [(80, "percent"), (74, "count")]
