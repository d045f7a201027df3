"""Rules added for texts nobody tuned for (issue 13): each with example sentences of our own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.figures import extract_figures
from pipelines.numbers import parse_number


def figures(text: str) -> list[tuple]:
    return [
        (f["value"], f["unit"], f["qualifier"], f["object"], f["change"])
        for f in extract_figures(text)
    ]


def value_of(text: str) -> float | None:
    span = parse_number(text)
    return None if span is None else span.value


# --- numbers: spelled-out decimals, compound amounts, loose decimal commas, factor adjectives ---


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("двух целых и трех десятых", 2.3),
        ("ноль целых пять десятых", 0.5),
        ("семь целых двадцать пять сотых", 7.25),
        ("4, 5 миллиона", 4_500_000),
        ("12 млрд 400 млн", 12_400_000_000),
        ("8-ю", 8),
        ("двух с половиной", 2.5),
        ("3 с половиной тысячи", 3500),
    ],
)
def test_number_forms_read(text, value):
    assert value_of(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Оперативники изъяли 70 с лишним килограммов опия.", (70, "kg", "опий")),
        ("Задержаны сто с лишним человек.", (100, "count", "человек")),
        ("Ущерб составил 200 с лишним тысяч рублей.", (200_000, "RUB", "ущерб")),
    ],
)
def test_a_number_with_s_lishnim_is_more_than_it(text, expected):
    # «с лишним» after the number: more than it, and the unit or noun still follows
    (figure,) = extract_figures(text)
    assert (figure["value"], figure["unit"], figure["object"]) == expected
    assert figure["qualifier"] == "more_than"


def test_a_list_of_numbers_is_no_loose_decimal():
    assert [f["value"] for f in extract_figures("Задержаны 4, 5 и 6 человек.")] == [4, 5, 6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Полиция изъяла двух целых и трех десятых тонны кокаина.", (2300, "kg")),
        ("Сумма ущерба составила 4, 5 миллиона рублей.", (4_500_000, "RUB")),
        ("Автомат был снаряжен 6-ю патронами.", (6, "count")),
        ("Изъято более двух с половиной центнеров гашиша.", (250, "kg")),
        # a comma before three digits groups thousands when a whole number's plural follows
        ("За год выявлено 6,648 фактов наркопреступлений.", (6648, "count")),
        ("В среднем 2,345 факта на район.", (2.345, "count")),
        # so does a dot («1.610 капсул»); a mass keeps its decimals
        ("В аптеке изъято 7.600 флаконов тропикамида.", (7600, "count")),
        # a non-breaking hyphen (U+2011) joins a word as the ASCII one does
        ("Заблокировано 1 140 интернет\u2011ресурсов.", (1140, "count")),
        ("У курьера изъято 1.250 кг героина.", (1.25, "kg")),
    ],
)
def test_figures_from_number_forms(text, expected):
    assert [f[:2] for f in figures(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Отмечен трехкратный рост числа отравлений.", 3),
        ("Зафиксирован пятикратный рост продаж спайса.", 5),
        ("Наблюдается двукратное снижение изъятий.", 2),
    ],
)
def test_factor_adjectives_are_factors(text, value):
    [(found, unit, _, obj, change)] = figures(text)
    assert (found, unit, obj) == (value, "times", None)
    assert change == ("decrease" if "снижение" in text else "increase")


@pytest.mark.parametrize("dash", ["-", " — ", " – ", "—"])
def test_a_range_of_factors_is_two_factors(dash):
    text = f"Употребление амфетаминов повышает риск аварии в 5{dash}30 раз."
    assert [f[:2] for f in figures(text)] == [(5, "times"), (30, "times")]


@settings(max_examples=60, deadline=None)
@given(whole=st.integers(0, 999), tenths=st.integers(1, 9))
def test_spelled_decimals_read_back(whole, tenths):
    """num2words spells the decimal ("две целых три десятых"); we read it back."""
    num2words = pytest.importorskip("num2words").num2words
    words = num2words(whole + tenths / 10, lang="ru")
    assert value_of(words) == pytest.approx(whole + tenths / 10), words


@settings(max_examples=60, deadline=None)
@given(whole=st.integers(1, 999), multiplier=st.sampled_from([("", 1), (" тысячи", 1000)]))
def test_and_a_half_reads_back(whole, multiplier):
    """num2words spells the whole number in the genitive; «с половиной» adds a half."""
    num2words = pytest.importorskip("num2words").num2words
    word, factor = multiplier
    text = f"{num2words(whole, lang='ru', case='genitive')} с половиной{word}"
    assert value_of(text) == pytest.approx((whole + 0.5) * factor), text


@settings(max_examples=60, deadline=None)
@given(
    big=st.integers(1, 999),
    small=st.integers(1, 999),
    scale=st.sampled_from([("млрд", "млн", 10**9, 10**6), ("млн", "тыс.", 10**6, 10**3)]),
)
def test_compound_amounts_read_back(big, small, scale):
    upper, lower, upper_value, lower_value = scale
    text = f"Бюджет составил {big} {upper} {small} {lower} тенге."
    [(value, unit, *_)] = figures(text)
    assert (value, unit) == (big * upper_value + small * lower_value, "KZT")


@settings(max_examples=60, deadline=None)
@given(kilos=st.integers(1, 999), grams=st.integers(1, 999), tenths=st.integers(1, 9))
def test_compound_masses_with_decimal_grams_read_back(kilos, grams, tenths):
    text = f"Изъято {kilos} кг {grams},{tenths} грамма героина."
    [(value, unit, *_)] = figures(text)
    assert (value, unit) == (pytest.approx(kilos + (grams + tenths / 10) / 1000), "kg")


@settings(max_examples=60, deadline=None)
@given(thousands=st.integers(1, 999), hundreds=st.integers(100, 999), tenths=st.integers(1, 9))
def test_thousands_and_decimal_hundreds_read_back(thousands, hundreds, tenths):
    text = f"Изъято {thousands} тыс. {hundreds},{tenths} килограмм наркотиков."
    [(value, unit, *_)] = figures(text)
    assert (value, unit) == (pytest.approx(thousands * 1000 + hundreds + tenths / 10), "kg")


@settings(max_examples=60, deadline=None)
@given(
    thousands=st.integers(1, 999),
    rest=st.integers(1, 999),
    unit=st.sampled_from([("кг", "kg", "героина"), ("единиц", "count", "оружия")]),
)
def test_thousands_and_any_smaller_part_before_a_unit_read_back(thousands, rest, unit):
    written, code, what = unit
    text = f"Изъято свыше {thousands} тыс. {rest} {written} {what}."
    [(value, got, *_)] = figures(text)
    assert (value, got) == (thousands * 1000 + rest, code)


# --- masses written in parts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("В печи сожгли 3 тонны 52 кг 118 г наркотиков.", 3052.118),
        ("Всего уничтожено 2 тонны и 40 кг героина.", 2040),
        ("Изъято 5 кг 20 г гашиша.", 5.02),
    ],
)
def test_mass_in_parts_is_one_figure(text, value):
    [(found, unit, *_)] = figures(text)
    assert (found, unit) == (pytest.approx(value), "kg")


def test_and_between_masses_of_two_things_still_joins_only_smaller_parts():
    found = [f[0] for f in figures("Изъято 15 кг героина и 2 тонны гашиша.")]
    assert found == [15, 2000]


# --- the substance named before the amount or in Latin letters ------------------------------


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Основной изъятый наркотик — гашиш, изъято 318,2 кг.", "гашиш"),
        ("У задержанного нашли свертки с кокаином (5,4 килограмма).", "кокаин"),
        ("Изъяты наркотические средства, общая масса которых составила 31,5 кг.", "средство"),
        ("Больше всего изъято героина — 14,6 кг.", "героин"),
        ("В тайнике нашли 3 кг alpha-PVP.", "alpha-PVP"),
        ("Таможенники изъяли 2,5 кг MDMA.", "MDMA"),
        # a Cyrillic code name, capitalised: not a person's name
        (
            "Они планировали произвести еще около 6,5 тонн Альфа-ПВП.",
            "альфа-ПВП",
        ),  # the abbreviation in its capitals
        ("Таможенники изъяли 2 кг альфа-PVP.", "альфа-PVP"),
    ],
)
def test_substance_named_before_or_in_latin(text, noun):
    [(_, unit, _, obj, _)] = figures(text)
    assert (unit, obj) == ("kg", noun)


def test_a_place_in_brackets_context_is_no_substance():
    [(_, _, _, obj, _)] = figures("В Алматы (12,5 кг) изъятия выросли.")
    assert obj is None


# --- processes, doses and units of a substance -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Объем изъятия героина составил 410 кг.", "героин"),
        ("Объем изъятия составил 410 кг.", None),
        ("Объем производства опиума – 5200 тонн.", "опиум"),
    ],
)
def test_a_process_is_not_what_is_measured(text, noun):
    [(_, unit, _, obj, _)] = figures(text)
    assert (unit, obj) == ("kg", noun)


def test_doses_and_units_count_the_substance():
    assert [f[3] for f in figures("Изъято 25 кг и 700 доз спайса.")] == ["спайс", "спайс"]
    assert [f[3] for f in figures("Обнаружено 60 единиц прегабалина.")] == ["прегабалин"]
    assert [f[3] for f in figures("Изъято 14 единиц оружия.")] == ["единица"]


# --- numbers in brackets break a count down --------------------------------------------------


def test_district_list_in_brackets_counts_the_noun_before():
    text = "Больше всего краж совершено в районах Заречный (51), Центральный (27)."
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [
        (51, "count", "кража"),
        (27, "count", "кража"),
    ]


def test_brackets_after_a_count_take_its_object():
    text = "Ликвидировано 12 очагов дикорастущих растений (5 — конопли, 7 — эфедры)."
    assert [(f[0], f[3]) for f in figures(text)] == [(12, "очаг"), (5, "очаг"), (7, "очаг")]


def test_solved_share_in_brackets():
    text = "Раскрыто 620 преступлений (498, или 80,3%)."
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [
        (620, "count", "преступление"),
        (498, "count", "преступление"),
        (80.3, "percent", None),
    ]


def test_exceeded_is_more_than():
    [(value, unit, qualifier, *_)] = figures("Стоимость изъятого превысила 520 млн руб.")
    assert (value, unit, qualifier) == (520_000_000, "RUB", "more_than")


@pytest.mark.parametrize("word", ["Порядка", "Более", "Около", "Свыше"])
def test_capitalised_qualifiers_at_sentence_start(word):
    [(_, _, qualifier, obj, _)] = figures(f"{word} 30 человек задержаны.")
    assert (qualifier, obj) == ("more_than" if word in ("Более", "Свыше") else "approx", "человек")


# --- a multiplier written once at the end of a range -----------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Число краж сократилось с 7,4 до 5,9 тыс.", [7400, 5900]),
        ("Число потребителей выросло с 12,5 тысячи до 14,1 тысячи.", [12500, 14100]),
        ("Ущерб оценили в 3–4 млн рублей.", [3_000_000, 4_000_000]),
        ("Штраф вырос с 800 до 1,5 тыс. рублей.", [800, 1500]),  # the start is no thousands
    ],
)
def test_range_end_multiplier_applies_to_its_start(text, values):
    assert [f[0] for f in figures(text)] == values


# --- a unit with no numeral after a qualifier states one of it ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Пограничники задержали более тонны опия.", (1000, "kg", "more_than", "опий")),
        ("В машине нашли почти килограмм мефедрона.", (1, "kg", "approx", "мефедрон")),
        ("Уничтожено свыше гектара мака.", (1, "ha", "more_than", "мак")),
        ("Зарегистрировано более тысячи краж.", (1000, "count", "more_than", "кража")),
        ("Стерли более сотни граффити-надписей.", (100, "count", "more_than", "граффити-надпись")),
    ],
)
def test_unit_without_numeral(text, expected):
    assert [f[:4] for f in figures(text)] == [expected]


def test_a_unit_without_numeral_keeps_the_figures_before_it():
    text = (
        "Изъяли около 570 килограммов гашиша, 96 килограммов сильнодействующих и психотропных "
        "веществ и чуть меньше килограмма амфетаминов."
    )
    assert [f[:4] for f in figures(text)] == [
        (570, "kg", "approx", "гашиш"),
        (96, "kg", "exact", "вещество"),  # adjectives joined by «и» share their noun
        (1, "kg", "less_than", "амфетамин"),
    ]


def test_an_adjective_noun_before_its_noun_is_an_adjective():
    assert [f[3] for f in figures("В банду вошли два безработных жителя.")] == ["житель"]
    assert [f[3] for f in figures("Осуждены 30 больных наркоманией.")] == ["больной"]


def test_an_agency_after_a_measure_noun_is_who_seized_not_what():
    text = "Из этого количества АКН было изъято 217 кг, МВД — 2 тонны."
    assert [f[3] for f in figures(text)] == [None, None]


def test_objects_past_lists_of_adjectives_quotes_and_action_labels():
    text = "Изъято около 150 кг наркотических, психотропных и сильнодействующих веществ."
    assert [f[3] for f in figures(text)] == ["вещество"]
    text = "Выявлено 57 несовершеннолетних, вовлеченных в сбыт."
    assert [f[3] for f in figures(text)] == ["несовершеннолетний"]
    # a part labelled by an action after a dash counts what its whole counts
    text = "Выявлено 1367 преступлений. Из них 760 - сбыт наркотических средств."
    assert [f[3] for f in figures(text)] == ["преступление", "преступление"]
    text = "Стоимость изъятых наркотиков на «черном рынке» оценивается в 20 млрд тенге."
    assert [f[3] for f in figures(text)] == ["стоимость"]


def test_a_count_in_brackets_counts_the_plural_head_before_them():
    text = "Большую часть составляют факты незаконного сбыта наркотиков (496, или 84,35%)."
    assert [f[3] for f in figures(text)][:1] == ["факт"]
    text = "Большинство таких преступлений зарегистрировано в Энгельсском (56) районе."
    assert [f[3] for f in figures(text)] == ["преступление"]


def test_units_of_a_substance_not_named_count_units():
    text = "Изъято 40 единиц трамадола и 663 тысячи единиц психотропных и ядовитых веществ."
    assert [f[3] for f in figures(text)] == ["трамадол", "единица"]


def test_a_unit_without_qualifier_or_in_plural_is_no_figure():
    assert figures("Тонна груза прибыла, тысячи людей ждали.") == []


# --- a word cut off where the text ends -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Из тайника извлекли тридцать два килогр", (32, "kg", None)),
        ("Ущерб бюджету превысил 4 млн руб", (4_000_000, "RUB", "ущерб")),  # whole, no cut
        ("Ущерб бюджету составил 4 млн рубл", (4_000_000, "RUB", "ущерб")),
        ("В регионе задержали 56 подозр", (56, "count", None)),  # a count of something cut off
    ],
)
def test_word_cut_off_at_text_end(text, expected):
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [expected]


def test_an_unknown_word_inside_the_text_is_not_cut():
    assert figures("В регионе задержали 56 подозр. Это много.") == []


# --- one unit a rate is stated per ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Урожай опийного мака достигал 45 кг с 1 га.", [45]),
        ("С одного гектара получали до 20 кг опия.", [20]),
        ("Посевы удобряли из расчета 3 ц на 1 га.", [300]),
        ("Изъятия выросли с 1 тонны до 4 тонн.", [1000, 4000]),  # a range
        ("Площадь посевов сократилась на 1 га.", [1]),  # a change
    ],
)
def test_rate_base_per_one_unit_is_no_figure(text, expected):
    assert [f[0] for f in figures(text)] == expected


def test_a_number_paired_with_one_in_brackets_shares_the_noun_after():
    text = "Зафиксировано 312 (287) дорожных происшествий и 40 (52) краж."
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [
        (312, "count", "происшествие"),
        (287, "count", "происшествие"),
        (40, "count", "кража"),
        (52, "count", "кража"),
    ]


# --- sentences: an abbreviated unit before brackets ends no sentence ------------------------


def test_abbreviated_piece_before_brackets_ends_no_sentence():
    from pipelines.sentences import split_sentences

    text = "Изъято 45 шт. (30 — таблеток). Дело возбуждено. Задержано 7 чел. В том числе двое."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Изъято 45 шт. (30 — таблеток).",
        "Дело возбуждено.",
        "Задержано 7 чел.",
        "В том числе двое.",
    ]


def test_a_unit_glued_to_its_number_ends_no_sentence_before_the_next_number():
    from pipelines.sentences import split_sentences

    text = "Изъято 4кг. 247гр синтетики. Изъято 5кг. Затем нашли ещё 3 кг."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Изъято 4кг. 247гр синтетики.",
        "Изъято 5кг.",
        "Затем нашли ещё 3 кг.",
    ]
    assert [f["value"] for f in extract_figures(text)][:1] == [4.247]


# --- objects: what an amount word belongs to, coordinated nouns -----------------------------


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        # the price of a mass whose substance went unsaid; and of a named one
        ("Перехвачено более 2 тонн на сумму около $90 млн.", [None, None]),
        ("Перехвачено 2,4 тонны кокаина на сумму $90 млн.", ["кокаин", "кокаин"]),
        # a noun closing a phrase with "из" is where from, not what is worth
        ("Пресечен ввоз товаров из Китая на сумму 3 млн рублей.", [None]),
        # ... but "с" names the contents
        ("Нашли пакет с гашишем весом 12 граммов.", ["гашиш"]),
        # coordinated nouns before a dash: the first
        ("Изъята партия кокаина и амфетамина – 40 кг.", ["кокаин"]),
    ],
)
def test_what_an_amount_belongs_to(text, objects):
    assert [f[3] for f in figures(text)] == objects


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        # a clause of its own after a dash counts its own noun, not the first clause's
        (
            "Число краж выросло с 40 до 52, мошенничеств – с 9 до 14.",
            ["кража", "кража", "мошенничество", "мошенничество"],
        ),
        # "таких лиц было N": the noun before the verb, not the count before it
        ("Задержаны 12 подростков, год назад таких лиц было 30.", ["подросток", "лицо"]),
        # an agency is no counted topic
        ("Всего 90 преступлений: полиция – 70, ДЭР выявил 15, КНБ – 5.", ["преступление"] * 4),
    ],
)
def test_a_clause_counts_its_own_topic(text, objects):
    assert [f[3] for f in figures(text)] == objects


# --- the text around: a list's heading, the masses before ------------------------------------


def test_list_items_count_what_their_heading_names():
    text = (
        "Сколько изъято героина по ведомствам:\n"
        "• Полиция - 12 кг 300 г,\n"
        "• Таможня - 4 кг.\n"
        "Задержано 5 человек, изъято 2 кг."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (12.3, "героин"),
        (4, "героин"),
        (5, "человек"),
        (2, "героин"),  # a bare mass: what the text's masses measure
    ]


def test_items_of_a_list_after_из_них_count_what_the_heading_s_total_counts():
    text = (
        "В 2023 году зарегистрировано 46 преступлений данной категории (2022 год – 58), из них:\n"
        "- хранение наркотических средств – 31 (2022 – 40);\n"
        "- сбыт – 12 (2022 – 15);\n"
        "- культивирование наркосодержащих растений – 3.\n"
        "Изъято:\n"
        "• мефедрона – 56 г."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (46, "преступление"), (58, "преступление"),
        (31, "преступление"), (40, "преступление"),
        (12, "преступление"), (15, "преступление"),  # «сбыт – 12» had been no figure
        (3, "преступление"),
        (0.056, "мефедрон"),  # not a feminine noun «мефедрона» guessed in the nominative
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Изъято наркотиков, кг: 2023 г. – 12,5; 2024 г. – 8,3.",
         [(12.5, "kg", "наркотик"), (8.3, "kg", "наркотик")]),
        ("Изъято наркотиков (кг): 12,5.", [(12.5, "kg", "наркотик")]),
        ("Изъято героина, г: 500.", [(0.5, "kg", "героин")]),
        ("Сумма ущерба, тыс. руб.: 2023 – 450, 2024 – 320.",
         [(450_000, "RUB", "ущерб"), (320_000, "RUB", "ущерб")]),
    ],
)  # fmt: skip
def test_a_table_row_s_heading_declares_the_unit_of_its_bare_numbers(text, expected):
    assert [(f[0], f[1], f[3]) for f in figures(text)] == expected


def test_a_count_by_articles_of_the_law_counts_the_noun_before_them():
    text = "Выявлено административных правонарушений по ст. 6.8, 6.9 КоАП РФ – 37 (АППГ – 42)."
    assert [(f[0], f[3]) for f in figures(text)] == [(37, "правонарушение"), (42, "правонарушение")]


def test_a_process_noun_before_a_colon_weighs_the_drug_it_governs():
    text = "Прирост изъятий героина составил 12,5%: 45 кг против 40 кг годом ранее."
    assert [(f[0], f[3]) for f in figures(text)] == [(12.5, None), (45, "героин"), (40, "героин")]


def test_the_noun_of_a_deed_a_breakdown_names_is_not_what_it_counts():
    text = (
        "Возбуждено 95 уголовных дел, из них за хранение наркотических средств – 50, за сбыт – "
        "43. Выявлено 12 преступлений. Из них за содержание притонов – 4."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (95, "дело"), (50, "дело"), (43, "дело"), (12, "преступление"), (4, "преступление"),
    ]  # fmt: skip


def test_a_bare_mass_takes_the_substance_of_the_masses_before_it():
    text = (
        "Пограничники изъяли 40 кг опия.\n\n"
        "За квартал изъято более 75 кг, это на 20 кг больше. У курьера нашли 2 кг «Мяу»."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (40, "опий"),
        (75, "опий"),
        (20, None),  # a difference
        (2, None),  # a name in quotes the rules cannot read
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Из 25 задержанных лиц 9 являются иностранными гражданами.",
            [(25, "лицо"), (9, "гражданин")],
        ),
        # «были» with a noun in the instrumental names the part as «являются» does
        (
            "Задержаны 30 человек, 11 из них были наркокурьерами.",
            [(30, "человек"), (11, "наркокурьер")],
        ),
        # ... not a participle: «были задержаны» names nothing
        (
            "Задержаны 30 человек, 11 из них были задержаны ранее.",
            [(30, "человек"), (11, "человек")],
        ),
    ],
)
def test_a_part_named_by_a_copula(text, expected):
    assert [(f[0], f[3]) for f in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Задержана 172-килограммовая партия кокаина.", (172, "kg", "кокаин")),
        ("Изъята 5-тонная партия гашиша.", (5000, "kg", "гашиш")),
        ("Уничтожено 3-гектарное поле конопли.", (3, "ha", "поле")),
    ],
)
def test_an_amount_written_as_the_adjective_of_a_unit(text, expected):
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [expected]


def test_an_age_or_an_ordinal_glued_to_a_number_stays_no_figure():
    assert figures("Задержан 20-летний курьер, 3-й за месяц.") == []


def test_a_mass_weighs_the_thing_a_property_describes():
    text = "Обнаружено вещество с характерным запахом дикорастущей конопли весом 18 граммов."
    assert [(f[0], f[3]) for f in figures(text)] == [(0.018, "вещество")]
    assert [(f[0], f[3]) for f in figures("Изъят сверток с героином весом 5 г.")] == [
        (0.005, "героин")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Изъят порошок alpha-PVP массой 3 грамма.", [(0.003, "порошок")]),
        ("Обнаружено вещество “альфа-pvp” общим весом 2 кг.", [(2, "вещество")]),
        ("Изъята смесь MDMA весом 40 граммов.", [(0.04, "смесь")]),
        # a Cyrillic name in quotes is read as the dictionary reads it, as before
        ("Изъято вещество «соль» общим весом 2 кг.", [(2, "соль")]),
    ],
)
def test_a_name_in_latin_letters_names_the_noun_before_it(text, expected):
    # the dictionary cannot read «alpha-PVP»: what the mass is of is the noun it names
    assert [(f[0], f[3]) for f in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Изъяты героин — 11,7 кг и метадон — 14 граммов.", [(11.7, "героин"), (0.014, "метадон")]),
        ("Изъяты соль — 53 грамма, маковая солома — 1 кг.", [(0.053, "соль"), (1, "солома")]),
        # at a line's start a noun with its adjective before a dash is who seized it
        ("Таможенная служба – 1 кг 121 г.", [(1.121, None)]),
    ],
)
def test_a_find_named_before_a_dash_in_a_list_is_what_the_amount_is_of(text, expected):
    assert [(f[0], f[3]) for f in figures(text)] == expected


def test_a_count_in_brackets_after_drugs_in_general_breaks_the_count_before_down():
    text = (
        "Зарегистрировано 634 преступления. 355 из них связано с незаконным оборотом "
        "наркотиков (52 - в крупном размере), 163 - с организацией наркопритонов."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (634, "преступление"),
        (355, "преступление"),
        (52, "преступление"),
        (163, "преступление"),
    ]
    # a plural noun that is counted still counts: «в Ленинском (64)»
    text = "Больше всего преступлений зарегистрировано в Ленинском (64) и Советском (38) районах."
    assert [f[3] for f in figures(text)] == ["преступление", "преступление"]


@pytest.mark.parametrize(
    "text",
    [
        "Ими оказались жители села в возрасте от 30 до 42 лет, четверо из которых ранее судимы.",
        "Задержаны жители села, четверо из них ранее судимы.",
        "Задержаны пять жителей села. Четверо из них ранее судимы.",
    ],
)
def test_a_collective_numeral_of_them_counts_the_people_named_before_it(text):
    # past a clause, a sentence or a thing's noun («села», «лет»): people, never things
    assert figures(text)[-1][0] == 4 and figures(text)[-1][3] == "житель"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Они составляют примерно 3-4% посылок.", ["approx", "approx"]),
        ("Изъято около 20 – 25 кг героина.", ["approx", "approx"]),
        # a bound is the range's own: «до 1-2 кг» is up to 1, then 1 to 2
        ("Изъято до 1-2 кг.", ["less_than", "exact"]),
        ("Изъято 3-4 кг.", ["exact", "exact"]),
    ],
)
def test_an_approximate_range_is_approximate_to_its_end(text, expected):
    assert [f[2] for f in figures(text)] == expected


def test_a_number_of_them_counts_the_plural_subject_before_it():
    text = "Нарколаборатории работали на заказ, 12 из них изготавливали синтетику."
    assert [(f[0], f[3]) for f in figures(text)] == [(12, "нарколаборатория")]
    assert figures("Задержаны трое, 2 из них ранее судимы.")[1][3] is None  # no noun to name


def test_so_called_between_commas_leaves_the_noun_after_it():
    text = "Более 21 килограмма, так называемой, синтетики изъяли полицейские."
    assert [(f[0], f[3]) for f in figures(text)] == [(21, "синтетика")]


def test_a_sum_after_a_purpose_phrase_is_of_the_noun_before_it():
    text = "Изъяты прекурсоры и реактивы для их производства стоимостью около 20 млн рублей."
    assert [(f[0], f[3]) for f in figures(text)] == [(20_000_000, "прекурсор")]


def test_a_copula_after_the_amount_names_what_it_weighs():
    text = "Из них 322,1 кг из изъятых в нынешнем году наркотиков составляет героин."
    assert [(f[0], f[3]) for f in figures(text)] == [(322.1, "героин")]


def test_half_a_centner():
    expected = [(50, "kg", "approx", "наркотик", None)]
    assert figures("Изъяли почти полцентнера наркотиков.") == expected


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        # an instrumental amount word describes the noun before it, even in a phrase
        ("На участке площадью около 0,2 га обнаружили коноплю.", "участок"),
        # a genitive after a noun is no subject, whatever else it may read as
        ("Изъята крупная партия синтетики на 20 млн сомов.", "партия"),
        ("Поставка из ЕС на сумму 5 млн евро.", None),
    ],
)
def test_what_an_amount_after_a_noun_describes(text, noun):
    assert [f[3] for f in figures(text)] == [noun]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «оба» points back to what the text counted before: seven of nine blind annotators
        # leave it out, people included
        ("Оба подозреваемых задержаны.", []),
        ("В обоих случаях возбуждены дела.", []),
        # what a person carries «с 1 кг», no rate base
        ("Задержан мужчина с 1 кг героина.", [(1, "kg", "героин")]),
        ("Урожайность составила 12 ц с 1 га.", [(1200, "kg", "урожайность")]),
        # the unit a yield or a content is per, no amount of its own
        ("Из одного килограмма семян мака получается около 20 доз.", [(20, "count", "доза")]),
        ("В одном килограмме может содержаться до 12% примесей.", [(12, "percent", None)]),
        ("Из тайника изъяли 1 кг героина.", [(1, "kg", "героин")]),
        # a site's name and a year the dates did not read are no figures
        ("Изъяли 44 кг героина, сообщает 24.kg в понедельник.", [(44, "kg", "героин")]),
        ("Это в 2,5 раза больше, чем в 2017 прошлом году.", [(2.5, "times", None)]),
        # units of a thing that is no substance stay units
        ("Изъято 126 единиц холодного оружия.", [(126, "count", "единица")]),
    ],
)
def test_numbers_that_are_and_are_not_figures(text, expected):
    assert [(f[0], f[1], f[3]) for f in figures(text)] == expected


def test_an_adjective_after_a_number_names_a_kind_of_the_partitive_noun():
    text = "Из общего количества выявленных преступлений 150 тяжких и особо тяжких."
    assert [(f[0], f[3]) for f in figures(text)] == [(150, "преступление")]
    # ... but an adjective that names people counts them
    text = "Из 37 задержанных 12 несовершеннолетних."
    assert [(f[0], f[3]) for f in figures(text)][1] == (12, "несовершеннолетний")


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        # an amount after a participial phrase in commas belongs to the noun the phrase describes
        (
            "Изъято вещество, завернутое в полиэтиленовую пленку со специфическим запахом, "
            "весом около 3 кг.",
            ["вещество"],
        ),
        (
            "Конфискованы денежные средства и имущество, добытые преступным путем, на сумму "
            "более 255 млн тенге.",
            ["средство"],
        ),
        # ... but a clause with its own verb is no participial phrase
        (
            "Согласно заключению экспертов, изъятые кусты оказались коноплей, общим весом свыше"
            " 55 кг.",
            ["конопля"],
        ),
        # a period's noun before a dash is no object: the bracket states last year's amount
        (
            "Изъято 5,4 тонны наркотиков (за 9 месяцев 2008 года – 1,8 тонны).",
            ["наркотик", "наркотик"],
        ),
        # an elliptic clause after «а» names its own noun before the dash
        (
            "Поставки опиума составили 1941 килограмм, а героина — 14213 килограммов.",
            ["опиум", "героин"],
        ),
    ],
)
def test_what_an_amount_weighs_past_phrases_periods_and_ellipses(text, objects):
    assert [f[3] for f in figures(text)] == objects


@pytest.mark.parametrize(
    "text",
    [
        "За год изъято 140 кг наркотиков, что на 650 кг меньше, чем в 2024 году.",
        "Изъято свыше 1,1 тонны наркотиков, это превышает показатель прошлого года на 190 кг.",
        "За 11 месяцев изъято 760 кг наркотиков. По данным АКН, это на 138,7 кг меньше.",
    ],
)
def test_a_difference_in_the_unit_of_the_amount_before_measures_the_same(text):
    assert [f[3] for f in figures(text)] == ["наркотик", "наркотик"]


def test_a_bare_number_after_an_opening_partitive_counts_its_noun():
    text = "Среди выявленных в текущем году преступлений 1,161 тысячи - сбыт наркотиков."
    assert [(f[0], f[3]) for f in figures(text)] == [(1161, "преступление")]
    # not past a bracket or a dash, nor a measure or a period
    assert figures("Из них (по данным полиции) 40.") == []


def test_a_bracketed_pair_with_против_counts_the_noun_before_it():
    text = "Увеличилось количество раскрытых полицией преступлений (454 против 427)."
    assert [(f[0], f[3]) for f in figures(text)] == [(454, "преступление"), (427, "преступление")]


def test_a_quality_genitive_between_a_dose_noun_and_the_thing_is_passed_over():
    assert figures("Изъяты 47 единиц овальной формы герметичных капсул.")[0][3] == "капсула"
    assert figures("Изъято 17 единиц белого цвета таблеток.")[0][3] == "таблетка"


def test_сотка_is_a_hundred_square_metres():
    assert figures("Он выращивал коноплю на участке 4 сотки.")[0][:2] == (400, "m2")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Изъято два килограмма семьсот граммов марихуаны.", 2.7),
        ("Изъято три килограмма двести пятьдесят граммов героина.", 3.25),
    ],
)
def test_a_compound_mass_in_words_is_one_figure(text, value):
    assert [f[:2] for f in figures(text)] == [(value, "kg")]


def test_articles_listed_after_a_colon_with_their_names_in_brackets_are_no_figures():
    text = (
        "Возбуждено уголовное дело по двум статьям: 246 (контрабанда) и 273 (незаконное "
        "хранение наркотических средств). Изъято 5 кг опия."
    )
    assert [(f["quote"], f["value"]) for f in extract_figures(text)] == [
        ("двум статьям", 2),
        ("5 кг", 5),
    ]


def test_an_instrumental_after_a_multiplier_says_how_not_what():
    text = (
        "Задержали девять членов ОПГ при обналичивании 2,3 млрд тенге (1,2 млрд наличными и "
        "1,1 млрд на банковских счетах). Полицейские изъяли героин с 5 пакетами."
    )
    figures = [(f["value"], f["unit"]) for f in extract_figures(text)]
    assert (1.2e9, "KZT") in figures and (1.1e9, "KZT") in figures
    assert (5, "count") in figures  # after «с» the instrumental is counted


def test_a_mass_of_a_change_noun_measures_no_substance():
    text = (
        "В 2024 году изъято 1824 кг наркотиков. Таким образом, прирост составил почти одну "
        "тонну, или 50,3%. Еще 186 кг изъяли на границе."
    )
    objects = {f["quote"]: f["object"] for f in extract_figures(text)}
    assert objects["почти одну тонну"] != "прирост"
    assert objects["186 кг"] == "наркотик"  # what the text's masses measure, not «прирост»


def test_a_phone_word_before_a_verb_makes_no_phone_number():
    text = "На телефон доверия поступило 35 сообщений. Звоните по телефону 102."
    assert [(f["quote"], f["object"]) for f in extract_figures(text)] == [
        ("35 сообщений", "сообщение")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one unit carried, in the instrumental after «с», is one of it
        ("Задержан мужчина с килограммом героина.", [(1, "kg", "героин")]),
        # ... and after a weight noun («общим весом тонна 40 кг»)
        ("Изъята партия гашиша общим весом тонна 40 кг.", [(1040, "kg", "гашиш")]),
        # ... also a clause after another figure, which makes it no rate's base
        (
            "Житель Сокола хранил почти полкилограмма соломы, а житель Вожеги попался с"
            " килограммом такого же урожая.",
            [(0.5, "kg", "солома"), (1, "kg", "урожай")],
        ),
        # a price per unit, each unit, and a rate's base right after its amount are no figures
        ("Цена за килограмм героина выросла.", []),
        ("Каждый килограмм наркотиков опасен.", []),
        ("Урожайность составила 12 ц с 1 га посевов.", [(1200, "kg", "урожайность")]),
        # pieces agree with the number; what they are pieces of is in any number
        ("Изъято 100 шт. препарата «Тропикамид».", [(100, "count", "препарат")]),
    ],
)
def test_one_unit_with_no_numeral(text, expected):
    assert [(v, u, o) for v, u, _, o, _ in figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "quote", "lemma"),
    [
        # 2, 3, 4 (and 22, 103) take the genitive singular, however rare that reading is
        ("У него нашли две банки с маслом.", "две банки", "банка"),
        ("Изъяты 22 банки с коноплей.", "22 банки", "банка"),
        # 5 and 12 take the genitive plural, where the commoner reading stands
        ("Изъяты 5 банок с коноплей.", "5 банок", "банка"),
        ("Проверены 12 банков.", "12 банков", "банк"),
        # 1 and 51 (not 11) take the singular: «сверток» is not the genitive plural of свертка
        ("Изъят 51 сверток с героином.", "51 сверток", "сверток"),
        ("В тайнике лежал 1 сверток.", "1 сверток", "сверток"),
        ("Найдено 11 свертков.", "11 свертков", "сверток"),
        # a form two lemmas read alike (свёртка, свёрток): the container of a drug report
        ("В шести свертках был героин.", "шести свертках", "сверток"),
        ("Курьер с 15 свертками задержан.", "15 свертками", "сверток"),
    ],
)
def test_the_number_s_last_digit_tells_the_case_of_the_counted_noun(text, quote, lemma):
    objects = {f["quote"]: f["object"] for f in extract_figures(text)}
    assert objects[quote] == lemma


@pytest.mark.parametrize(
    "text",
    [
        # a dash inside a Latin name before the comma: no word after it to read as a participle
        "Изъяли партию синтетического наркотика, в состав которого входит CBL-2201, в количестве "
        "107,57 гр., что является крупным размером.",
        "У курьера нашли наркотик, 5-MeO-DMT, в количестве 3 г.",
    ],
)
def test_a_number_after_a_comma_or_dash_before_an_amount_is_no_participle(text):
    masses = [f for f in extract_figures(text) if f["unit"] == "kg"]
    assert len(masses) == 1 and masses[0]["value"] < 0.2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of events with a slip in its noun's case: still a count
        ("В Алматы выявлено 66 факта сбыта, девять - хранения.", [(66, "факт"), (9, "факт")]),
        ("Зарегистрировано 25 преступления.", [(25, "преступление")]),
        # the order of a class or a floor stays no count
        ("Задержан учащийся 9 класса.", []),
        ("По 5 факту возбуждено дело.", []),
    ],
)
def test_an_event_noun_after_a_count_in_the_wrong_case_is_still_counted(text, expected):
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fraction word before a unit is that part of it
        ("Изъято четверть тонны гашиша.", [(250, "kg", "exact", "гашиш")]),
        ("Изъяли почти четверть тонны марихуаны.", [(250, "kg", "approx", "марихуана")]),
        ("Обработано четверть гектара.", [(0.25, "ha", "exact", None)]),
        ("У него изъяли больше половины килограмма героина.", [(0.5, "kg", "more_than", "героин")]),
        ("Половина задержанных – подростки.", []),
        # a share of what is counted is no figure, and a count of quarters is not read as one
        ("Четверть всех преступлений совершена в Алматы.", []),
        ("Изъято три четверти тонны гашиша.", []),
    ],
)
def test_a_fraction_of_a_unit_is_an_amount(text, expected):
    got = [(f["value"], f["unit"], f["qualifier"], f["object"]) for f in extract_figures(text)]
    assert got == expected


def test_a_number_paired_with_a_bracket_before_adjectives_is_counted_with_its_pair():
    text = "В том числе 239 (АППГ – 284, -15,8%) тяжких и особо тяжких."
    got = [(f["quote"], f["value"], f["object"]) for f in extract_figures(text)]
    assert got == [("239", 239, "тяжкий"), ("284", 284, "тяжкий"), ("15,8%", 15.8, None)]


def test_an_elliptic_adjective_after_a_subset_opening_counts_the_noun_before():
    text = (
        "За год зарегистрировано 1 416 наркопреступлений. "
        '"Среди них 851 тяжкое и особо тяжкое, 438 совершены в крупном размере.'
    )
    got = [(f["value"], f["object"]) for f in extract_figures(text)]
    assert got == [(1416, "наркопреступление"), (851, "наркопреступление"),
                   (438, "наркопреступление")]  # fmt: skip
    # people stay who the adjective says
    text = "Задержаны 12 человек. Среди них 5 несовершеннолетних."
    assert [f["object"] for f in extract_figures(text)] == ["человек", "несовершеннолетний"]


def test_a_bare_number_after_pri_etom_goes_on_about_the_count_before():
    text = "Выявлено 1026 наркопреступлений. При этом 493 совершены группами лиц."
    got = [(f["value"], f["object"]) for f in extract_figures(text)]
    assert got == [(1026, "наркопреступление"), (493, "наркопреступление")]
    # a number with its own noun keeps it
    text = "Изъято 5 кг. При этом 3 человека задержаны."
    assert [f["object"] for f in extract_figures(text)] == [None, "человек"]


def test_an_elliptic_count_in_a_list_takes_the_noun_of_the_count_before():
    text = "Из них 59 фактов сбыта и 10 контрабандного провоза наркотических средств."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (59, "факт"),
        (10, "факт"),
    ]
    # a noun of its own in the wrong case stays a slip, not the noun before
    assert [f["value"] for f in extract_figures("Изъято 3 свертка и 5 пакета.")] == [3]


def test_a_counted_noun_reads_in_the_case_of_its_adjective():
    text = "В трех карданных валах были спрятаны 3,8 кг мефедрона. Выкопали две глубокие ямы."
    assert [f["object"] for f in extract_figures(text)] == ["вал", "мефедрон", "яма"]


def test_a_counted_noun_past_a_latin_name_and_a_hyphenated_one_of_two_words():
    text = "Выявлено 4 основных Darknet маркетплейса. Задержан с двумя девушками-студентками."
    assert [f["object"] for f in extract_figures(text)] == ["маркетплейс", "девушка-студентка"]
    # a Latin name's capital before a hyphen is no name of a person
    text = "Заблокировано 98 Telegram-каналов."
    assert [f["object"] for f in extract_figures(text)] == ["Telegram-канал"]


def test_a_number_alone_in_brackets_after_a_name_counts_what_the_sentence_before_counted():
    text = (
        "Больше всего зарегистрировано в Омске: 1,4 тысячи наркопреступлений. "
        "Далее идут Тарский район (210) и Исилькульский район (1,1 тысячи)."
    )
    got = [(f["value"], f["unit"], f["object"]) for f in extract_figures(text)]
    assert got == [
        (1400, "count", "наркопреступление"),
        (210, "count", "наркопреступление"),
        (1100, "count", "наркопреступление"),
    ]
    # with no count before, the bracket counts nothing
    assert extract_figures("Далее идут Тарский район (210) и Исилькульский район (110).") == []


def test_the_number_after_iz_that_follows_a_count_is_its_whole():
    text = "В 412 случаях из 530 виновник установлен."
    got = [(f["value"], f["unit"], f["object"]) for f in extract_figures(text)]
    assert got == [(412, "count", "случай"), (530, "count", "случай")]
    # a smaller number after «из» is no whole of it
    got = [f["value"] for f in extract_figures("В 412 случаях из 30 виновник установлен.")]
    assert got == [412]


def test_a_stash_weighs_the_drug_it_holds():
    text = "На даче нашли целый склад высушенной конопли общим весом 12 кг."
    assert [f["object"] for f in extract_figures(text)] == ["конопля"]
    text = "В лесу обнаружен схрон гашиша массой 700 граммов."
    assert [f["object"] for f in extract_figures(text)] == ["гашиш"]


def test_a_part_after_iz_nih_named_by_a_plural_noun_alone_counts_that_noun():
    text = "На учете состоят 1 540 человек, 212 из них подростки."
    assert [f["object"] for f in extract_figures(text)] == ["человек", "подросток"]
    # a verb after «из них» names no kind: the part counts the whole's noun
    text = "На учете состоят 1 540 человек, 212 из них поставлены впервые."
    assert [f["object"] for f in extract_figures(text)] == ["человек", "человек"]


def test_a_mass_after_iz_kotoryh_and_a_dash_is_the_substance_after_its_dash():
    text = "Изъято 12 кг наркотиков, из которых - 3 кг 200 гр. - гашиш."
    assert [f["object"] for f in extract_figures(text)] == ["наркотик", "гашиш"]


def test_a_participle_with_an_instrumental_complement_counts_the_noun_after_it():
    text = "Героин был расфасован в 38 обмотанных изолентой свертков."
    assert [f["object"] for f in extract_figures(text)] == ["сверток"]
    # the complement's own genitive is no counted noun
    text = "Вес обнаруженного сотрудниками полиции синтетического наркотика составил 700 граммов."
    assert [f["object"] for f in extract_figures(text)] == ["наркотик"]
    # an adjective with its complement and no noun after is the noun itself
    assert [f["object"] for f in extract_figures("На учете 30 больных наркоманией.")] == ["больной"]


def test_units_of_equipment_stay_units():
    text = "Изъято восемь единиц лабораторного оборудования и 40 единиц трамадола."
    assert [f["object"] for f in extract_figures(text)] == ["единица", "трамадол"]


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        # units of anything but a drug stay units, whatever the thing («автотранспорт»)
        ("Кинологи проверили 241 единицу автотранспорта.", ["единица"]),
        ("Изъяты 3 единицы светошумовых гранат и 924 единицы мобильной связи.", ["единица"] * 2),
        # a drug of data/indicators.toml, a form a medicine comes in: what is counted
        ("Изъято 40 единиц трамадола и 60 единиц прегабалина.", ["трамадол", "прегабалин"]),
        ("Изъяты 47 единиц герметичных капсул.", ["капсула"]),
    ],
)
def test_units_count_the_drug_they_are_of_and_nothing_else(text, objects):
    assert [f["object"] for f in extract_figures(text)] == objects


def test_a_count_after_a_genitive_that_ends_a_prepositional_phrase():
    text = "Полицейские изъяли у хозяев этих торговых точек 32 полиэтиленовых свертка."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(32, "сверток")]
    # a digit after a noun of its own still names which one: «студенты 2 курса»
    assert extract_figures("Задержаны студенты 2 курса.") == []


def test_a_small_digit_after_a_noun_counts_people_never_a_label():
    text = "Из 12 умерших от отравления наркотиками 3 человека состояли на учете."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (12, "умерший"),
        (3, "человек"),
    ]
    assert extract_figures("Торговали героином 2 подростка.")[0]["object"] == "подросток"


def test_a_number_with_its_multiplier_before_iz_nih_after_a_clause_is_a_part():
    text = (
        "На учете состоит более 18 тысяч жителей. Как сообщили в ведомстве, около 11 тысяч из "
        "них составляют лица с алкогольной зависимостью."
    )
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (18000, "житель"),
        (11000, "лицо"),
    ]


def test_an_adjective_in_the_numbers_case_counts_a_noun_in_a_slip_of_case():
    text = "На учете состоит 1 215 несовершеннолетних потребителя наркотиков."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(1215, "потребитель")]
    # with no such adjective the digit still names which one
    assert extract_figures("Задержаны учащиеся 9 класса.") == []


def test_v_n_iz_nih_opening_a_sentence_counts_what_the_sentence_before_counted():
    text = "Выявлено 1 242 наркопреступления. В восьми из них участвовали подростки."
    got = [(f["value"], f["object"]) for f in extract_figures(text)]
    assert got == [(1242, "наркопреступление"), (8, "наркопреступление")]


def test_a_range_with_the_earlier_values_year_in_brackets():
    text = "Число наркопреступлений выросло с 512 (в 2019 году) до 640."
    assert [(f["value"], f["qualifier"]) for f in extract_figures(text)] == [
        (512, "exact"),
        (640, "exact"),
    ]


def test_a_sum_in_brackets_after_another_currency_measures_no_currency():
    # the same sum in dollars: never «тенг», the currency before the bracket (the price is
    # what the first sum states, as «стоимость» would be)
    text = "Цена этого товара на «черном рынке» – 450 млн тенге (более $1 млн)."
    assert [f["object"] for f in extract_figures(text)] == ["цена", None]


def test_years_before_an_amount_word_are_no_owner_of_the_sum():
    text = "Завершена программа на 2021-2023 годы стоимостью 12 млрд тенге."
    assert [f["object"] for f in extract_figures(text)] == [None]


def test_a_factor_between_two_places_or_against_an_average_is_no_change():
    text = "Уровень наркомании в городе в 1,7 раза выше, чем в среднем по области."
    assert [f["change"] for f in extract_figures(text)] == [None]
    text = "Заболеваемость в районе в 3 раза превышает средние показатели по стране."
    assert [f["change"] for f in extract_figures(text)] == [None]
    # the measure of a place named after «превышает»
    text = "Это в 1,5 раза превышает показатель Российской Федерации."
    assert [f["change"] for f in extract_figures(text)] == [None]
    # against an earlier time it is a change
    text = "Изъято в 2 раза больше, чем в прошлом году."
    assert [f["change"] for f in extract_figures(text)] == ["increase"]
    text = "Число преступлений в 3 раза превышает показатель 2020 года."
    assert [f["change"] for f in extract_figures(text)] == ["increase"]


def test_an_average_named_before_the_factor_or_in_one_word_is_no_change():
    text = "Наркопреступность в городе ниже средних показателей по России в полтора раза."
    assert [f["change"] for f in extract_figures(text)] == [None]
    text = "Уровень наркотизации в области в 2,5 раза выше среднеобластного."
    assert [f["change"] for f in extract_figures(text)] == [None]
    # the next number of a list is no year that would make it a change over time
    text = "Заболеваемость в 1,8 раза превышает средний уровень по стране и в 3 раза — по округу."
    assert [f["change"] for f in extract_figures(text)] == [None, None]
    text = "Показатель в 2 раза ниже, чем в 2019 году."
    assert [f["change"] for f in extract_figures(text)] == ["decrease"]


def test_raz_ili_dva_is_how_often_not_a_count():
    text = "В группу риска входят 3 200 человек, которые раз или два пробовали наркотики."
    assert [f["value"] for f in extract_figures(text)] == [3200]


def test_a_number_per_a_hundred_thousand_is_a_rate_even_with_no_noun():
    text = "Заболеваемость в регионе составила 19,6 на 100 тысяч населения."
    assert [(f["quote"], f["unit"]) for f in extract_figures(text)] == [("19,6", "count")]
    text = "В 2024 году показатель составил 8,9. В 2023-м, для сравнения, — 12,2 на 100 тысяч."
    assert "12,2" in [f["quote"] for f in extract_figures(text)]
    # a bare number before no such base is still none
    assert extract_figures("Просмотров: 173 на сайте.") == []


def test_numbers_after_a_rate_base_are_rates_of_nothing_named():
    # the base's «тысяч» is no object of the numbers the sentence compares after it
    text = (
        "Уровень заболеваемости в расчете на 100 тысяч населения остается самым высоким в "
        "округе – 312 (по стране – 270)."
    )
    assert [(f["quote"], f["object"]) for f in extract_figures(text)] == [
        ("312", None),
        ("270", None),
    ]


def test_a_count_and_its_share_joined_by_ili():
    text = "Выявлено 365 преступлений, из них 305 или 83,6 процента относятся к тяжким."
    found = [(f["quote"], f["unit"]) for f in extract_figures(text)]
    assert ("305", "count") in found and ("83,6 процента", "percent") in found
    # alternative percents still share the unit
    assert [f["unit"] for f in extract_figures("Цены выросли на 5 или 6 процентов.")] == [
        "percent",
        "percent",
    ]


def test_doses_and_units_of_no_named_drug_count_doses_and_units():
    text = "За год изъяли более 712 тысяч доз наркотиков и 162 единицы препаратов."
    assert [f["object"] for f in extract_figures(text)] == ["доза", "единица"]
    # a named drug is what they count
    text = "Изъято 900 доз лирики и 40 единиц трамадола."
    assert [f["object"] for f in extract_figures(text)] == ["лирика", "трамадол"]


def test_an_active_participle_used_as_a_noun_before_a_thing_is_counted():
    text = (
        "В тестировании приняли участие 8 578 обучающихся, в том числе 4 852 обучающихся "
        "общеобразовательных организаций и 2 203 обучающихся СПО."
    )
    assert [f["object"] for f in extract_figures(text)] == ["обучающийся"] * 3
    # an adjective of the thing itself stays the thing's
    text = "Выявлено 5 действующих нарколабораторий и 12 задержанных автомобилей."
    assert [f["object"] for f in extract_figures(text)] == ["нарколаборатория", "автомобиль"]


def test_of_them_past_a_sentence_without_figures_points_at_the_sentence_before_it():
    text = (
        "Зарегистрировано 1 075 преступлений, связанных с оборотом наркотиков. Об этом "
        "сообщила Наталия Краснова. Среди них 851 тяжкое и особо тяжкое, 438 совершены в "
        "крупном размере."
    )
    assert [f["object"] for f in extract_figures(text)] == ["преступление"] * 3
    # two sentences without figures between: too far back
    text = (
        "Зарегистрировано 1 075 преступлений. Об этом сообщила Краснова. Она выступила на "
        "брифинге. Среди них 851 тяжкое."
    )
    assert [f["object"] for f in extract_figures(text)][1:] == ["тяжкий"]


def test_in_that_number_past_a_sentence_that_counts_nothing_takes_the_count_before_it():
    text = (
        "За год зарегистрировано 412 преступлений в сфере оборота наркотиков. Годом ранее – "
        "на 12% меньше. В том числе – 230 (АППГ – 251) тяжких и особо тяжких."
    )
    assert [f["object"] for f in extract_figures(text)] == [
        "преступление", None, "преступление", "преступление"
    ]  # fmt: skip
    # a sentence that names its whole itself keeps it
    text = (
        "За год зарегистрировано 1 120 преступлений. Удельный вес составил 6,2 %. Из общего "
        "числа наркопреступлений 202 связаны со сбытом."
    )
    assert [f["object"] for f in extract_figures(text)][-1] == "наркопреступление"
    # a sentence between that counts something of its own is what the part is of
    text = "Зарегистрировано 412 преступлений. Задержаны 96 человек. В том числе 30 тяжких."
    assert [f["object"] for f in extract_figures(text)][-1] != "преступление"


@settings(max_examples=60, deadline=None)
@given(
    whole=st.integers(1, 999),
    fraction=st.integers(1, 99),
    unit=st.sampled_from([("тонн", "kg", 1000), ("кг", "kg", 1), ("%", "percent", 1)]),
)
def test_a_loose_decimal_comma_before_a_unit_reads_as_one_number(whole, fraction, unit):
    """«2, 5 тонн», «10, 7%»: a space typed after the decimal comma, then a unit."""
    word, code, factor = unit
    text = f"Объём изъятия составил {whole}, {fraction} {word} наркотиков."
    [(value, found, *_)] = figures(text)
    assert (value, found) == (pytest.approx(float(f"{whole}.{fraction}") * factor), code)


def test_numbers_listed_before_one_unit_stay_a_list():
    assert [f[0] for f in figures("Изъяты свертки массой 2, 5 и 7 кг.")] == [2, 5, 7]


def test_how_often_things_happened_is_a_count_of_times():
    text = (
        "Таможенники 339 раз обнаруживали наркотики при перевозке авиатранспортом, 316 раз — "
        "при пересылке почтой. Жители 82 раза пожаловались на продажу наркотиков."
    )
    assert [(f[0], f[1], f[3]) for f in figures(text)] == [
        (339, "count", "раз"),
        (316, "count", "раз"),
        (82, "count", "раз"),
    ]
    # one person's record is no count, and «в 5 раз» stays a factor
    assert figures("Ранее он 4 раза привлекался к ответственности.") == []
    assert figures("Мужчина уже 3 раза был судим.") == []
    assert [f[1] for f in figures("Объём вырос в 5 раз.")] == ["times"]
    # «в» left out: a fraction, or a comparison right after, is still a factor
    text = "Привлечено 25 иностранцев, что 2,3 раза превышает уровень 2014 года."
    assert [(f[0], f[1], f[4]) for f in figures(text)][1:] == [(2.3, "times", "increase")]
    assert [f[1] for f in figures("Изъято 2 раза больше, чем год назад.")] == ["times"]


def test_a_range_in_brackets_after_a_change_counts_what_the_verb_after_it_names():
    text = (
        "На 88% (с 264 до 31) снизилось число наркозависимых, снятых с наблюдения в связи со "
        "смертью."
    )
    assert figures(text) == [
        (88, "percent", "exact", None, "decrease"),
        (264, "count", "exact", "наркозависимый", None),
        (31, "count", "exact", "наркозависимый", None),
    ]


def test_a_singular_mass_seized_with_no_numeral_is_one_unit():
    assert figures("Сотрудники ФСБ изъяли тонну кокаина, который везли в Европу.") == [
        (1000, "kg", "exact", "кокаин", None)
    ]
    assert [f[:2] for f in figures("Таможенники обнаружили центнер гашиша.")] == [(100, "kg")]
    # a price per unit, or a unit with nothing named after it, is none
    assert figures("Цена за тонну зерна выросла.") == []
    assert figures("Изъяли тонну.") == []
    # the unit may open the sentence, before its verb, and the verb may be one of destroying
    assert figures("Тонну конопли уничтожили в Речицком районе") == [
        (1000, "kg", "exact", "конопля", None)
    ]
    # ... also where the sentence is not the text's first
    assert figures("Задержан курьер. Тонну кокаина нашли в контейнере.") == [
        (1000, "kg", "exact", "кокаин", None)
    ]
    assert figures("Килограмм героина стоит 10 тысяч рублей.")[0][1] == "RUB"


@pytest.mark.parametrize(
    ("text", "quote", "qualifier"),
    [
        ("Установлена причастность как минимум к 13 фактам сбыта.", "как минимум к 13 фактам",
         "more_than"),
        ("Изъято по меньшей мере 5 кг героина.", "по меньшей мере 5 кг", "more_than"),
        # a comma may set the bound off
        ("Установлено, как минимум, 6 фактов сбыта.", "как минимум, 6 фактов", "more_than"),
        ("Курьер перевозил максимум 5 кг за раз.", "максимум 5 кг", "less_than"),
        # «без малого» is almost, and no preposition that takes the number out
        ("Всего цветочков оказалось без малого четыре тысячи штук.", "без малого четыре тысячи",
         "approx"),
    ],
)  # fmt: skip
def test_at_least_and_at_most_in_words_bound_the_number(text, quote, qualifier):
    [figure] = [f for f in extract_figures(text) if f["quote"] == quote]
    assert figure["qualifier"] == qualifier


def test_a_capitalised_common_noun_right_after_a_number_is_counted():
    text = "В области заблокированы 12 Интернет-сайтов."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(12, "интернет-сайт")]
    # a name after the amount is no counted noun
    assert extract_figures("Изъято 3,2 кг Айгерим Манаковой.")[0]["object"] is None


def test_a_verb_glued_to_its_number_is_a_space_left_out():
    text = "По этим фактам возбуждены7 уголовных дел."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(7, "дело")]
    # a letter glued before a number still names a thing: «A4», «м2»
    assert [f["value"] for f in extract_figures("Изъяты листы A4 и 5 пакетов.")] == [5]


def test_an_age_written_apart_from_its_number_is_no_count():
    assert extract_figures("Закладки делали 18 и 19 летние жители города.") == []
    text = "Задержан 25 летний житель с 5 кг героина."
    assert [(f["value"], f["unit"]) for f in extract_figures(text)] == [(5, "kg")]


def test_a_number_after_counted_phones_is_no_phone_number():
    text = "Изъяли 230 мобильных телефонов и 30 колюще-режущих предметов."
    assert [f["value"] for f in extract_figures(text)] == [230, 30]
    # the one phone whose number follows still gives no figure
    assert extract_figures("Сообщайте о наркопритонах по телефону 102.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Стоимость партии оценивается примерно в 80 миллионов лари.", 80_000_000, "GEL"),
        ("Ущерб составил около 70 тысяч леев.", 70_000, "MDL"),
        ("Ущерб составил 500 тысяч драмов.", 500_000, "AMD"),
        # «метрических» only says which tonnes
        ("В Афганистане произведено 6,9 тысячи метрических тонн опиума.", 6_900_000, "kg"),
    ],
)
def test_more_currencies_and_metric_tonnes(text, value, unit):
    [figure] = extract_figures(text)
    assert (figure["value"], figure["unit"]) == (value, unit)


def test_every_currency_read_is_one_the_display_formats():
    from pipelines.display import CURRENCIES
    from pipelines.figures import units
    from pipelines.figures.lexicon import CURRENCY_ABBREVIATIONS, CURRENCY_LEMMAS
    from pipelines.numbers import CURRENCY_SIGNS

    read = {
        *CURRENCY_LEMMAS.values(),
        *CURRENCY_ABBREVIATIONS.values(),
        *units._CURRENCY_ADJECTIVES.values(),
        *CURRENCY_SIGNS.values(),
    }
    assert read == CURRENCIES


def test_an_abbreviated_half_year_is_a_period_and_ends_no_sentence():
    text = (
        "В 1 пол. 2023 г. осуждено 1110 лиц, или 6,6% (в 1 пол. 2022 г. – 1246, или 6,6%). "
        "Число осужденных за 1 пол. 2023 г. по отношению к 1 пол. 2022 г. снизилось на 10,9%."
    )
    assert [(f["value"], f["unit"], f["object"]) for f in extract_figures(text)] == [
        (1110, "count", "лицо"),
        (6.6, "percent", None),
        (1246, "count", "лицо"),
        (6.6, "percent", None),
        (10.9, "percent", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Тяжких преступлений выявлено 865. В 2023 году – 554. Возбуждено 778 дел.",
            [
                (865, "count", "преступление"),
                (554, "count", "преступление"),
                (778, "count", "дело"),
            ],
        ),
        (
            "Зафиксировано 19 смертельных отравлений. В 2022 году - 6.",
            [(19, "count", "отравление"), (6, "count", "отравление")],
        ),
        (
            "Изъято 20,5 кг героина. В прошлом году – 15,2.",
            [(20.5, "kg", "героин"), (15.2, "kg", "героин")],
        ),
        # a sentence that goes on past the number is no restatement of the one before
        ("Изъято 20 кг героина. В 2022 году – 15 в Москве.", [(20, "kg", "героин")]),
    ],
)
def test_a_sentence_of_an_earlier_period_and_a_number_restates_the_count_before(text, expected):
    assert [(f["value"], f["unit"], f["object"]) for f in extract_figures(text)] == expected


@settings(max_examples=60, deadline=None)
@given(whole=st.integers(1, 999), milli=st.integers(100, 999), unit=st.sampled_from(["г", "кг"]))
def test_a_loose_decimal_with_three_digits_before_a_mass_reads_back(whole, milli, unit):
    """«56, 914 г»: the decimal comma typed with a space, to the milligram; three digits are
    no year, and a mass after them makes no list."""
    text = f"Изъято {whole}, {milli} {unit} героина."
    [(value, figure_unit, *_)] = figures(text)
    factor = 0.001 if unit == "г" else 1
    assert (value, figure_unit) == (pytest.approx((whole + milli / 1000) * factor), "kg")


@settings(max_examples=60, deadline=None)
@given(thousands=st.integers(1, 99), rest=st.integers(0, 999), hundredths=st.integers(10, 99))
def test_a_loose_decimal_after_grouped_thousands_reads_back(thousands, rest, hundredths):
    """«10 700, 74 грамма»: a number with its thousands grouped, then the decimal comma typed
    with a space."""
    text = f"Изъято {thousands} {rest:03d}, {hundredths} грамма гашиша."
    [(value, unit, *_)] = figures(text)
    grams = thousands * 1000 + rest + hundredths / 100
    assert (value, unit) == (pytest.approx(grams / 1000), "kg")


def test_a_three_digit_loose_decimal_needs_a_mass():
    text = "Из них: гашиш – 4,62 г, героин – 56, 914 г, иные вещества – 29, 107 г."
    assert [f["value"] for f in extract_figures(text)] == pytest.approx(
        [0.00462, 0.056914, 0.029107]
    )
    assert [f["value"] for f in extract_figures("Задержаны 4, 125 человек.")] == [4, 125]


def test_the_case_ending_of_a_year_is_no_counted_noun():
    text = "Героина изъято 7,8 кг, это меньше, чем в 2007-ом – 9,5 кг."
    assert [f["object"] for f in extract_figures(text)] == ["героин", "героин"]


def test_a_value_listed_after_a_dash_before_the_next_year_is_a_figure():
    # «год – 15, 2023 год – 20»: the year after the comma is the next item's label, so the value
    # before it is no figure «blocked» with it, as «от 3 до 5 лет» is
    text = "Выявлено преступлений: 2022 год – 15, 2023 год – 20."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (15, "преступление"),
        (20, "преступление"),
    ]
    text = "Выявлено 48 преступлений (2010 г. – 8, 2009 г. – 3)."
    assert [f["value"] for f in extract_figures(text)] == [48, 8, 3]
    assert extract_figures("Срок составил от 3 до 5 лет.") == []


def test_a_breakdown_by_law_articles_counts_what_the_sentence_counts():
    # a smaller number after a spaced dash is the article's count, not a chained article
    text = "Возбуждено 25 уголовных дел, из них по ст. 228 – 15, по ст. 228.1 – 10."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (25, "дело"),
        (15, "дело"),
        (10, "дело"),
    ]
    # with no noun in reach the count stays, of nothing named (never of «ст»)
    text = "По ст. 228 УК РФ – 15, по ст. 228.1 УК РФ – 10."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(15, None), (10, None)]
    # articles and their parts chained by a dash stay no figures
    assert extract_figures("Дело возбуждено по ч. 2 – 4 ст. 228 УК РФ и статье 299-1.") == []


def test_a_count_after_its_verb_past_a_time_phrase_counts_the_noun_before():
    text = "Таких преступлений в 2023 году было 15, годом ранее – 20."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (15, "преступление"),
        (20, "преступление"),
    ]


def test_amounts_listed_by_year_after_a_heading_weigh_the_heading_s_noun():
    text = "Изъято героина: 2019 год – 5 кг, 2020 – 6 кг."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (5, "героин"),
        (6, "героин"),
    ]
    text = "Героина изъято: в 2019 году – 5 кг, в 2020 году – 6 кг."
    assert [f["object"] for f in extract_figures(text)] == ["героин", "героин"]


def test_a_range_before_its_noun_counts_it_at_both_ends():
    # the end of the range finds the noun after the verb; its start, blocked for want of one,
    # takes it too
    text = "С 1,5 тыс. до 1,2 тыс. снизилось число преступлений."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (1500, "преступление"),
        (1200, "преступление"),
    ]
    # a number away from the next one shares nothing: «кв. 26, незаконно хранил 7 600 флаконов»
    text = "По адресу дом 33, кв. 26, незаконно хранил 7 600 флаконов «Тропикамида»."
    assert [f["value"] for f in extract_figures(text)] == [7600]


def test_a_comparison_bracket_with_an_abbreviated_year_before_the_noun():
    # «г.» is the year's abbreviation, not the end of the sentence inside the bracket
    text = "Зарегистрировано 1234 (2022 г. – 1300) преступления."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (1234, "преступление"),
        (1300, "преступление"),
    ]
    text = "Изъято 15,540 (2022 г. – 12,706) кг наркотиков."
    assert [(f["value"], f["unit"]) for f in extract_figures(text)] == [
        (15.54, "kg"),
        (12.706, "kg"),
    ]


def test_an_amount_in_brackets_after_a_period_measures_what_the_sentence_weighs():
    # «прошлого года (1 т 995 кг)»: last year's amount of the drugs, never of «год»
    text = (
        "С начала года изъято 2 тонны 300 кг наркотиков, что на 15,3% больше, чем за "
        "аналогичный период прошлого года (1 т 995 кг)."
    )
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [
        (2300, "наркотик"),
        (15.3, None),
        (1995, "наркотик"),
    ]


def test_a_text_ending_in_a_currency_the_dictionary_lacks_cuts_no_word():
    # «тенге», «сумов»: unknown to pymorphy3, yet whole words where an excerpt ends
    assert [(f["value"], f["unit"]) for f in extract_figures("Ущерб – 12 млрд 400 млн тенге")] == [
        (12_400_000_000, "KZT")
    ]
    assert [f["unit"] for f in extract_figures("Изъято на 1,5 млн сумов")] == ["UZS"]
    # a word cut off still reads as the word it begins
    assert [(f["value"], f["unit"]) for f in extract_figures("изъято сорок семь килогр")] == [
        (47, "kg")
    ]


def test_a_bare_mass_after_a_total_and_its_parts_measures_the_total_s_drugs():
    text = (
        "Изъято 1,2 тонны наркотиков, в том числе 900 кг марихуаны и 45 кг героина. "
        "В прошлом году за аналогичный период изъято 980 кг."
    )
    assert [f["object"] for f in extract_figures(text)] == [
        "наркотик",
        "марихуана",
        "героин",
        "наркотик",
    ]
    # a sentence of one drug still lends it
    text = "Изъято 5 кг героина. Годом ранее изъято 3 кг."
    assert [f["object"] for f in extract_figures(text)] == ["героин", "героин"]


def test_the_unit_a_price_opens_with_is_no_amount():
    text = "Один грамм героина стоит 5 тыс. тенге."
    assert [(f["value"], f["unit"]) for f in extract_figures(text)] == [(5000, "KZT")]
    # a seized kilogram the sentence prices stays an amount
    text = "Изъят 1 кг героина, который стоит 5 млн тенге."
    assert [f["unit"] for f in extract_figures(text)] == ["kg", "KZT"]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        (
            "Его стоимость по расчётам полицейских, составляет более полумиллиона рублей.",
            "стоимость",
        ),
        (
            "Его стоимость, по расчётам полицейских, составляет более полумиллиона рублей.",
            "стоимость",
        ),
        (
            "Ущерб, причиненный государству, по предварительным данным, превышает 120 млн тенге.",
            "ущерб",
        ),
        # the aside's own noun is no substance the clause before a verb names
        ("Ущерб, по данным следствия, составил 5 млн рублей.", "ущерб"),
    ],
)
def test_an_aside_between_a_subject_and_its_amount_verb_is_passed_over(text, noun):
    assert [f["object"] for f in extract_figures(text)] == [noun]


def test_a_factor_before_the_values_in_brackets_takes_the_verb_after_them():
    # «в четыре раза (с 16 до 4) уменьшилось», as «На 88% (с 264 до 31) снизилось»
    text = "В январе-июне в четыре раза (с 16 до 4) уменьшилось количество подростков."
    assert [(f["unit"], f["change"]) for f in extract_figures(text)] == [
        ("times", "decrease"),
        ("count", None),
        ("count", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Таможня возбудила 29 уголовных дел. Пять из них возбуждены по фактам контрабанды.",
            [(29, "дело"), (5, "дело")],
        ),
        (
            "Задержаны 18 курьеров. Двенадцать из них задержаны в Москве.",
            [(18, "курьер"), (12, "курьер")],
        ),
    ],
)
def test_a_number_word_opening_a_sentence_with_iz_nikh_counts_what_the_one_before_did(
    text, expected
):
    # as «12 из них» does: a spelled-out number is a part of the count before, not dropped
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Среди них доля тяжких и особо тяжких-23,6%.", [(23.6, "percent")]),
        ("В прошлом году—35,7 килограмма героина.", [(35.7, "kg")]),
        ("В Екатеринбурге—9,4%.", [(9.4, "percent")]),
        # a name keeps its number: an operation, a model, a town's district
        ("В ходе операции Мак-2015 изъяли 5 кг.", [(5, "kg")]),
        ("Операция «Мак–2015» прошла в области.", []),
    ],
)
def test_a_space_left_out_about_a_dash_after_a_word_leaves_a_quantity(text, expected):
    assert [(f["value"], f["unit"]) for f in extract_figures(text)] == expected


def test_bare_numbers_of_a_list_by_place_take_the_noun_its_last_item_names():
    text = (
        "В Лачынском районе уничтожено 12 480, в Губадлинском районе - 3 105, "
        "в Зангиланском - 977 кустов дикорастущей конопли."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [
        (12480, "куст"), (3105, "куст"), (977, "куст")
    ]  # fmt: skip
    # a bare number with no such list after it names nothing
    assert [f[0] for f in figures("Просмотров: 173, комментариев - нет.")] == []


def test_n_of_them_after_a_few_opening_words_counts_the_whole_of_the_sentence_before():
    text = (
        "За неделю к врачам обратились 96 человек, в том числе 14 несовершеннолетних. "
        "В итоге 31 из них госпитализировали."
    )
    assert (31, "человек") in [(f[0], f[3]) for f in figures(text)]


def test_a_participle_whose_noun_the_number_cannot_govern_counts_people():
    # «наркотики» is in no genitive: the participle's object, not what is counted
    assert [(f[0], f[3]) for f in figures("Выявлено 17 впервые употребивших наркотики.")] == [
        (17, "употребивший")
    ]
    # ... and a noun after that object is counted: «перевозивших героин курьеров»
    assert [(f[0], f[3]) for f in figures("Задержаны 25 перевозивших героин курьеров.")] == [
        (25, "курьер")
    ]
    # a noun in the genitive is counted as before
    assert [f[3] for f in figures("Изъято 5 кг приготовленных к сбыту наркотиков.")] == ["наркотик"]


def test_an_opening_of_people_named_by_an_adjective_alone_is_counted():
    # «Из задержанных» names people with no noun: the number counts them
    assert [(f[0], f[3]) for f in figures("Из задержанных 12 оказались иностранцами.")] == [
        (12, "задержанный")
    ]
    # ... and a dash names them further, for the items after it too
    text = "Среди осужденных 8 – граждане Узбекистана, 3 – Таджикистана, 2 – Киргизии."
    assert [(f[0], f[3]) for f in figures(text)] == [
        (8, "гражданин"), (3, "гражданин"), (2, "гражданин")
    ]  # fmt: skip
    # a noun still comes first
    assert [f[3] for f in figures("Из выявленных преступлений 45 связаны со сбытом.")] == [
        "преступление"
    ]


def test_the_name_a_dash_gave_the_first_part_goes_on_to_the_places_after_it():
    text = "Из 37 задержанных 20 – граждане Ирана, 7 – Грузии, 5 – России."
    assert [(f[0], f[3]) for f in figures(text)] == [
        (37, "задержанный"), (20, "гражданин"), (7, "гражданин"), (5, "гражданин")
    ]  # fmt: skip


def test_a_collective_numeral_counts_the_people_named_before_it_in_its_sentence():
    text = "С начала года задержаны 29 наркокурьеров, из которых трое погибли при задержании."
    assert [(f[0], f[3]) for f in figures(text)] == [(29, "наркокурьер"), (3, "наркокурьер")]
    text = "На месте были задержаны трое афганских контрабандистов, двоим удалось скрыться."
    assert [(f[0], f[3]) for f in figures(text)] == [(3, "контрабандист"), (2, "контрабандист")]
    # people named by a participle alone
    text = "У восьмерых задержанных нашли опиаты, еще у троих нашли гашиш."
    assert [(f[0], f[3]) for f in figures(text)] == [(8, "задержанный"), (3, "задержанный")]
    # with no people before it, a collective numeral still names nothing
    assert [f[3] for f in figures("В квартире нашли 5 кг гашиша, трое задержаны.")] == [
        "гашиш", None
    ]  # fmt: skip


def test_a_rate_counts_nothing_though_its_noun_comes_first():
    text = "Показатель распространенности наркомании составил 359,1 на 100 тыс. населения."
    assert [(f[0], f[3]) for f in figures(text)] == [(359.1, None)]
    # with no rate base after it, still a figure
    text = "Показатель заболеваемости наркоманией составил 18,4, в прошлом году - 20,1."
    assert [(f[0], f[3]) for f in figures(text)] == [(18.4, None), (20.1, None)]


def test_verbs_of_a_jump_or_a_crash_state_a_change():
    text = "Цены на героин взлетели в 3 раза, на гашиш – в 2 раза."
    assert [(f[0], f[4]) for f in figures(text)] == [(3, "increase"), (2, "increase")]
    assert [f[4] for f in figures("Стоимость дозы подскочила на 40%.")] == ["increase"]
    assert [f[4] for f in figures("Цены на марихуану рухнули в 2 раза.")] == ["decrease"]


def test_an_aside_in_brackets_between_the_verb_and_the_change_breaks_no_clause():
    text = "Цены на героин снизились (при стабильных ценах на опий) почти на 40 процентов."
    assert [f[4] for f in figures(text)] == ["decrease"]
    assert [f[4] for f in figures("Число краж выросло (по данным МВД) на 12%.")] == ["increase"]
    # a bracket of numbers is a clause of its own
    assert [f[4] for f in figures("Изъято 5 кг (в 2022 году – 3 кг) героина.")] == [None, None]


def test_a_comparative_before_a_dash_states_the_change_after_it():
    text = "Героина изъято 7,8 кг; марихуаны, наоборот, больше - на 40% - 205,6 кг."
    assert [(f[0], f[4]) for f in figures(text) if f[1] == "percent"] == [(40, "increase")]
    assert [f[4] for f in figures("Изъято меньше – на 12%.")] == ["decrease"]


def test_a_sign_glued_to_the_comma_or_bracket_before_a_spaced_number_states_a_change():
    text = "Окончено производством 152 (АППГ – 195,- 22,1%) уголовных дела."
    assert [f[4] for f in figures(text) if f[1] == "percent"] == ["decrease"]
    assert [f[4] for f in figures("Выявлено 20 (+ 5%) преступлений.") if f[1] == "percent"] == [
        "increase"
    ]
    # a dash between two numbers is a range, not a sign
    assert [f[4] for f in figures("Рост составил 10 - 15%.") if f[1] == "percent"] != ["decrease"]


def test_a_count_of_kotorykh_counts_what_the_relative_points_back_to():
    text = (
        "Задержаны трое подозреваемых по делу о массовом отравлении наркоманов, более 50 которых "
        "обратились в больницу."
    )
    assert [(f["quote"], f["object"]) for f in extract_figures(text)] == [
        ("трое подозреваемых", "подозреваемый"),
        ("более 50", "наркоман"),
    ]


def test_an_unknown_noun_guessed_a_participle_first_is_counted():
    # pymorphy3 guesses «токсикоман» the short participle of a verb «токсикомать»
    text = "На учёте состоят 6 наркоманов, 1 токсикоман и 3 потребителя."
    assert [(f["quote"], f["object"]) for f in extract_figures(text)] == [
        ("6 наркоманов", "наркоман"),
        ("1 токсикоман", "токсикоман"),
        ("3 потребителя", "потребитель"),
    ]


def test_a_unit_after_adjectives_is_the_amounts_unit():
    found = extract_figures("Изъято 5 изъятых тонн гашиша и 3 больших пакета.")
    assert [(f["value"], f["unit"], f["object"]) for f in found] == [
        (5000, "kg", "гашиш"),
        (3, "count", "пакет"),
    ]


def test_a_market_that_narrows_or_widens_states_a_change():
    text = "Рынок спайсов за год сузился почти в три раза, а рынок мефедрона расширился на 25%."
    assert [(f[0], f[4]) for f in figures(text)] == [(3, "decrease"), (25, "increase")]


def test_a_factor_after_a_dash_takes_the_direction_of_the_verb_left_out():
    text = (
        "Число краж за пять лет снизилось на треть, а по линии наркоконтроля в отдельных "
        "районах области – более чем втрое."
    )
    assert [f[4] for f in figures(text) if f[1] == "times"] == ["decrease"]
    # with no verb of change before it, no direction
    text = "Героин изъят в двух городах области – в 3 раза."
    assert [f[4] for f in figures(text) if f[1] == "times"] == [None]


def test_a_factor_ending_its_sentence_is_of_the_verb_of_change_it_opened_with():
    text = (
        "В городе сократилось число преступлений, совершенных лицами, ранее привлекавшимися к "
        "ответственности за употребление наркотиков, в три раза."
    )
    assert [f[4] for f in figures(text)] == ["decrease"]
    # another number between them takes the verb
    text = "Выросло число задержанных курьеров, 40 из них иностранцы, в три раза."
    assert [f[4] for f in figures(text) if f[1] == "times"] == [None]
    # ... but an age is no number of the count
    text = (
        "В Беларуси увеличилось количество правонарушений с участием лиц, не достигших 18 лет, "
        "в два раза."
    )
    assert [f[4] for f in figures(text)] == ["increase"]


def test_two_adjectives_joined_with_an_adverb_before_the_second_share_the_noun():
    text = (
        "Выявлено 17 тяжких и особо тяжких преступлений, задержаны 4 местных и ранее судимых "
        "жителя."
    )
    assert [(f[0], f[3]) for f in figures(text)] == [(17, "преступление"), (4, "житель")]


def test_do_after_a_verb_of_what_may_reach_is_a_bound():
    assert [f[2] for f in figures("Выручка могла достигать до 2 млн рублей в месяц.")] == [
        "less_than"
    ]
    # the level a change reached stays exact
    assert [f[2] for f in figures("Число краж достигло до 85 в месяц.")] == ["exact"]


def test_a_counted_owner_of_a_mass_is_read_in_the_numbers_case():
    # «свертка» after «три» is сверток's genitive, not the nominative of «свёртка»
    text = "Полицейские нашли три полимерных свертка общим весом 500 граммов."
    assert [(f[0], f[3]) for f in figures(text)] == [(3, "сверток"), (0.5, "сверток")]
    # with no number before it, a word in its dictionary form is that word
    assert [f[3] for f in figures("Изъят наркотик общей массой 2,5 кг.")] == ["наркотик"]


def test_a_number_after_a_mass_word_takes_the_unit_of_the_next():
    text = "Вещество оказалось наркотическим средством — каннабис массой более 500 и 900 граммов."
    assert [(f[0], f[1], f[2]) for f in figures(text)] == [
        (0.5, "kg", "more_than"), (0.9, "kg", "exact")
    ]  # fmt: skip
    # a count after «в количестве» stays a count
    assert [(f[0], f[1]) for f in figures("Изъяты таблетки в количестве 50 и 70 штук.")] == [
        (50, "count"),
        (70, "count"),
    ]


def test_a_relative_clause_between_the_subject_and_its_verb_is_passed_over():
    text = "Площадь, на которой выявлены посевы конопли, составила 12 га."
    assert [f[3] for f in figures(text)] == ["площадь"]


# --- sums whose own words leave the currency out ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the text's one currency
        (
            "Задержаны люди, перевозившие партию наркотиков на 15 миллионов. Стоимость изъятого"
            " около 15 миллионов рублей.",
            [(15_000_000, "RUB"), (15_000_000, "RUB")],
        ),
        (
            "Сбытчику назначен штраф 13 миллионов. Изъято 5 млн тенге.",
            [(13e6, "KZT"), (5e6, "KZT")],
        ),
        # no currency stated, or two: never guessed
        ("Таможенники нашли наркотики на 200 миллионов.", []),
        (
            "Нашли наркотики на 200 миллионов. Изъяты 2 млн тенге и 300 долларов.",
            [(2e6, "KZT"), (300, "USD")],
        ),
        # a change of a count, not a price
        (
            "Число наркоманов выросло на 5 тысяч. Бюджет программы 10 млн рублей.",
            [(5000, "count"), (10e6, "RUB")],
        ),
    ],
)
def test_a_sum_without_its_currency_takes_the_texts_one_currency(text, expected):
    assert [(value, unit) for value, unit, *_ in figures(text)] == expected


# --- ranges written as one hyphenated word ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Каждый год изымается свыше четырех-пяти тонн марихуаны.",
            [(4000, "kg", "more_than"), (5000, "kg", "exact")],
        ),
        ("Задержано пять-шесть человек.", [(5, "count", "exact"), (6, "count", "exact")]),
        ("Цифры в два-три раза выше.", [(2, "times", "exact"), (3, "times", "exact")]),
        ("Изъято полтора-два килограмма.", [(1.5, "kg", "exact"), (2, "kg", "exact")]),
        # a name with a year is no range
        ("Прошла операция «Мак-2017».", []),
    ],
)
def test_a_range_of_number_words_joined_by_a_hyphen_gives_both_ends(text, expected):
    assert [(value, unit, qualifier) for value, unit, qualifier, *_ in figures(text)] == expected


def test_numbered_lines_after_a_breakdown_heading_are_its_items():
    text = (
        "Зарегистрировано 16 наркопреступлений, из них:\n"
        "7 – по фактам сбыта наркотических средств;\n"
        "9 – по фактам приобретения и хранения.\n"
        "Изъято 437 граммов."
    )
    assert [(v, u, o) for v, u, _, o, _ in figures(text)] == [
        (16, "count", "наркопреступление"),
        (7, "count", "наркопреступление"),
        (9, "count", "наркопреступление"),
        (0.437, "kg", None),
    ]
    # with no heading, a line opening with a number and a dash is no item of anything
    assert figures("Итоги года.\n7 – по фактам сбыта.") == []
