"""What a mass or count measures when the substance is a rare word, sits in a container phrase,
or is named away from the number (issue 13): the finders of pipelines.figures.substances one at
a time, then whole sentences of our own."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures, substances
from tests.support.figure_reading import read_one


def objects_of(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["object"]) for f in extract_figures(text)]


# --- words the dictionary does not know --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Изъято 15 г карфентанила.", [(0.015, "kg", "карфентанил")]),  # guessed as a verb
        ("В посылке нашли 20 г псилоцибина.", [(0.02, "kg", "псилоцибин")]),
        ("Изъято 12 кг кукнара.", [(12, "kg", "кукнар")]),  # not the indeclinable guess
        ("Изъято 100 г спайсов.", [(0.1, "kg", "спайс")]),
        (
            "Нашли 500 г альфа-пирролидиновалерофенона.",
            [(0.5, "kg", "альфа-пирролидиновалерофенон")],
        ),
    ],
)
def test_an_unknown_word_after_a_unit_is_the_substance(text, expected):
    assert objects_of(text) == expected


def test_an_unknown_word_keeps_its_place_after_a_known_substance():
    # "насвая" has no genitive guess at all: still the noun after the unit, not the one before
    assert [f[2] for f in objects_of("Изъято 20 г героина и 5 кг насвая.")] == ["героин", "насвая"]


# --- the substance finders, one at a time ------------------------------------------------------


@pytest.mark.parametrize(
    ("finder", "text", "number", "lemma"),
    [
        ("latin_name_after_unit", "В тайнике нашли 3 кг alpha-PVP.", "3", "alpha-PVP"),
        ("latin_name_after_unit", "В тайнике нашли 3 кг героина.", "3", None),
        ("coded_name_after_unit", "Изъято 1,5 грамма ЛСД.", "1,5", "ЛСД"),
        ("coded_name_after_unit", "В тайнике нашли 2 кг 4-CMC.", "2", "4-CMC"),
        ("coded_name_after_unit", "Изъято 3 кг 4-хлорметкатинона.", "3", "4-хлорметкатинон"),
        ("coded_name_after_unit", "Изъято 2 кг КНБ.", "2", None),  # an agency's acronym
        ("coded_name_after_unit", "Изъято 2 кг 4 - 5 раз.", "2", None),  # no name: a range
        ("coded_name_before_amount_word", "Изъяли «4-СМС» массой 7 кг.", "7", "4-СМС"),
        ("coded_name_before_amount_word", "Изъяты: PVP общим весом 5 г.", "5", "PVP"),
        ("coded_name_before_amount_word", "Изъят порошок «PVP» массой 5 г.", "5", None),
        ("coded_name_before_amount_word", "Изъяли пакет массой 7 кг.", "7", None),
        ("noun_before_parenthesis", "Нашли мешки с марихуаной (16,8 кг).", "16,8", "марихуана"),
        ("noun_before_parenthesis", "В Алматы (12,5 кг) изъятия выросли.", "12,5", None),
        ("noun_before_parenthesis", "Изъят героин, 5 кг, и гашиш.", "5", "героин"),
        (
            "noun_before_parenthesis",  # a genitive of origin describes the noun before it
            "Больше всего изъято наркотиков синтетического происхождения (около 40 кг).",
            "40",
            "наркотик",
        ),
        (
            "antecedent_of_relative",
            "Изъяты вещества, общая масса которых составила 42,6 кг.",
            "42,6",
            "вещество",
        ),
        (
            "antecedent_of_relative_amount",
            "Лидирует марихуана, которой было изъято более 796 кг.",
            "796",
            "марихуана",
        ),
        ("antecedent_of_relative_amount", "Изъят героин, которого было 5 кг.", "5", "героин"),
        # «у которого»: who had it, not what it is
        ("antecedent_of_relative_amount", "Задержан мужчина, у которого изъято 5 кг.", "5", None),
        (
            "substance_before_clause",
            "Основной наркотик — гашиш, изъято 512,4 кг.",
            "512,4",
            "гашиш",
        ),
        ("substance_before_clause", "Задержаны 5 курьеров, изъято 2 кг.", "2", None),
        ("substance_before_clause", "Его доставили в отдел, изъято 5 кг.", "5", None),
        # capitalised as the sentence's first word, not as a name
        ("substance_before_clause", "Героин, изъято 12 кг.", "12", "героин"),
        ("substance_before_clause", "Алматы, изъято 12 кг.", "12", None),
        (
            "subject_after_amount_verb",
            "Изъято 3 т наркотиков, из которых около 364 кг составляет героин.",
            "364",
            "героин",
        ),
        ("subject_after_amount_verb", "Из них 237 кг приходится на гашиш.", "237", "гашиш"),
        # the perfective verb too
        ("subject_after_amount_verb", "Ещё 4 кг пришлось на опийный мак.", "4", "мак"),
        ("subject_after_amount_verb", "Изъято 5 кг героина.", "5", None),
        (
            "antecedent_of_pronoun",
            "На долю психотропов, а их изъяли около 3 кг, приходится 10%.",
            "3",
            "психотроп",
        ),
        ("antecedent_of_pronoun", "Его задержали, у него изъяли 2 кг.", "2", None),
        (
            "drug_before_a_total",
            "Около 300 раз изымали запрещенные вещества у населения — всего 230 килограммов.",
            "230",
            "вещество",
        ),
        (
            "drug_before_a_total",
            "Нашли пакеты с синтетическим веществом синего цвета - всего около 4 кг.",
            "4",
            "вещество",
        ),
        ("drug_before_a_total", "Задержаны 12 человек — всего 30 кг.", "30", None),  # no drug
    ],
)
def test_substance_finder(finder, text, number, lemma):
    sentence, figure = read_one(text, number)
    assert getattr(substances, finder)(sentence, figure) == lemma


def test_every_substance_finder_is_in_the_ladder_and_has_a_docstring():
    ladder = substances.SUBSTANCE_FINDERS
    assert len(set(ladder)) == len(ladder)
    assert substances.ALL_AMOUNT_FINDERS[-len(ladder) :] == ladder
    assert all(f.__doc__ for f in ladder)


# --- a container or lot weighs what it holds ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Изъята крупная партия гашиша весом более 100 кг.", "гашиш"),
        ("Пресечен канал контрабанды партии героина весом 12 кг.", "героин"),
        ("В тайнике нашли партию наркотиков общей массой 1,5 тонны.", "наркотик"),
        ("Масса партии героина составила 5 кг.", "героин"),
        ("Вес изъятой партии кокаина составил 120 кг.", "кокаин"),
        ("Вес посылки составил 2 кг.", "посылка"),  # nothing named inside: the container
    ],
)
def test_a_mass_of_a_container_is_of_its_contents(text, noun):
    [(_, unit, obj)] = objects_of(text)
    assert (unit, obj) == ("kg", noun)


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Полицейские изъяли 576 кустов марихуаны общим весом свыше 100 кг.", "марихуана"),
        ("На огороде нашли кусты дикорастущей конопли массой 7,5 кг.", "конопля"),
        ("Уничтожены растения мака общим весом 40 килограммов.", "мак"),
        ("Обнаружены кусты общей массой более 44 кг.", "куст"),  # no plant named: the bushes
    ],
)
def test_a_mass_of_plants_counted_by_the_piece_is_the_plant(text, noun):
    assert [(u, o) for _, u, o in objects_of(text) if u == "kg"] == [("kg", noun)]


def test_money_and_counts_keep_the_container():
    assert objects_of("Он продал партию гашиша на 3 млн рублей.")[0][2] == "партия"
    assert objects_of("Изъяты два пакета героина массой 5 г.") == [
        (2, "count", "пакет"),
        (0.005, "kg", "героин"),
    ]


# --- units and words around the number ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("На складе нашли триста кило мефедрона.", [(300, "kg", "мефедрон")]),
        ("Изъято 2 кило гашиша.", [(2, "kg", "гашиш")]),
        ("Пресечена контрабанда менее грамма кокаина.", [(0.001, "kg", "кокаин")]),
    ],
)
def test_colloquial_and_bare_mass_units(text, expected):
    assert objects_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Три четверти этого веса приходится на синтетику.",
        "Две трети задержанных — молодежь.",
        "Им предъявлено обвинение по чч. 4, 5 ст. 228.1 УК РФ.",  # "чч." ends a sentence there
    ],
)
def test_fractions_and_law_parts_are_no_counts(text):
    assert objects_of(text) == []


def test_a_part_of_something_is_still_counted():
    assert objects_of("Изъяты 12 частей оружия.") == [(12, "count", "часть")]


# --- what stands between the unit and the substance --------------------------------------------


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Изъяли более 16 килограммов готового к реализации мефедрона.", "мефедрон"),
        ("Изъято 5 кг предназначенного для сбыта героина.", "героин"),
        ("За год изъято 4 тонны всех видов наркотиков.", "наркотик"),
        ("Изъято 3 кг различных видов синтетических наркотиков.", "наркотик"),
    ],
)
def test_the_substance_past_a_complement_or_a_kind(text, noun):
    [(_, unit, obj)] = objects_of(text)
    assert (unit, obj) == ("kg", noun)


def test_a_count_keeps_its_participle_and_its_kinds():
    # a part named by a participle stays a part of the whole before it
    found = objects_of("Выявлено 30 преступлений, из них 12 связанных с оборотом наркотиков.")
    assert found == [(30, "count", "преступление"), (12, "count", "преступление")]
    assert objects_of("Выявлено 5 видов наркотиков.") == [(5, "count", "вид")]


def test_a_pronoun_at_the_start_points_to_the_sentence_before():
    text = "Изъято 5 кг мефедрона. Их общий вес в пакетах составил 2 кг."
    assert objects_of(text) == [(5, "kg", "мефедрон"), (2, "kg", "мефедрон")]
    # a pronoun with no figure before to point to names nothing
    assert objects_of("Нашли свертки. Их общий вес составил 45 граммов.") == [(0.045, "kg", None)]


def test_a_sentence_opening_with_n_of_them_counts_parts_of_the_sentence_before():
    text = "Ликвидированы 8 нарколабораторий. 3 из них – в Оше, 5 – в Бишкеке."
    assert [f[2] for f in objects_of(text)] == ["нарколаборатория"] * 3
    text = "Выявлено 25 преступлений. 14 из них совершены повторно."
    assert objects_of(text)[1] == (14, "count", "преступление")


def test_a_district_list_after_a_capitalised_topic():
    text = "Преступлений зарегистрировано в Ленинском (64), Советском (38) районах."
    assert objects_of(text) == [(64, "count", "преступление"), (38, "count", "преступление")]


def test_a_sentence_about_the_one_before_counts_what_it_counted():
    text = (
        "За девять месяцев выявлено более 144,5 тыс. наркопреступлений. Это сопоставимо с "
        "аналогичным показателем прошлого года — было 145 тысяч."
    )
    assert objects_of(text)[1] == (145_000, "count", "наркопреступление")
    # a measure noun whose "noun" is the adjective of a year names nothing
    assert objects_of("Уровень прошлого года составил 120.") == []


def test_in_that_number_is_no_measure_and_a_year_earlier_no_duration():
    text = "Изъято 5 кг наркотиков, в том числе героина – 3 кг, гашиша – 2 кг."
    assert [f[2] for f in objects_of(text)] == ["наркотик", "героин", "гашиш"]
    text = "В 2023 году выявлено 340 преступлений против 290 годом ранее."
    assert objects_of(text) == [(340, "count", "преступление"), (290, "count", "преступление")]


def test_a_place_after_a_dash_counts_what_the_part_before_was_named():
    text = "Из 42 задержанных лиц 8 являются жителями района, 7 – Худжанда."
    assert [f[2] for f in objects_of(text)] == ["лицо", "житель", "житель"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # units of no named drug count units (as the blind held-out gold has it, 3 texts to 1)
        ("Изъято около 200 тыс. ед. психотропных препаратов.", [(200_000, "count", "единица")]),
        ("Изъято 40 ед. трамадола.", [(40, "count", "трамадол")]),
        # a word the text cut within its ending is read as the word it begins
        ("Изъято около 300 психотропных препарато", [(300, "count", "препарат")]),
        ("Изъято 5 кг героина и 12 таблет", [(5, "kg", "героин"), (12, "count", "таблетка")]),
    ],
)
def test_abbreviated_units_and_words_cut_within_their_ending(text, expected):
    assert objects_of(text) == expected


def test_numbered_list_items_name_their_substance():
    assert objects_of("Изъято: 1) героин – 12 кг; 2) опий – 30 кг.") == [
        (12, "kg", "героин"),
        (30, "kg", "опий"),
    ]
    text = "Из них:\n1) героин – 12 кг;\n2) опий – 30 кг."
    assert [f[2] for f in objects_of(text)] == ["героин", "опий"]


def test_so_called_is_passed_over():
    assert objects_of("Также изъяли 2 кг так называемой «соли».") == [(2, "kg", "соль")]
    assert objects_of("Нашли 5 так называемых закладок.") == [(5, "count", "закладка")]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Изъят героин, общим весом 5 кг.", "героин"),
        ("Изъят героин в особо крупном размере – 5 кг.", "героин"),
        ("Изъяты наркотики в крупном размере — около 3 кг.", "наркотик"),
        ("При нем был героин: 15 граммов.", "героин"),
        ("Героин, 5 кг, был спрятан в колесе.", "героин"),
    ],
)
def test_the_substance_before_a_comma_a_legal_size_or_a_colon(text, noun):
    [(_, unit, obj)] = objects_of(text)
    assert (unit, obj) == ("kg", noun)


def test_a_place_or_a_person_before_a_colon_or_between_commas_is_no_substance():
    assert objects_of("В Алматы, 5 кг, изъяли за день.")[0][2] is None
    assert objects_of("Задержан курьер: 15 граммов.")[0][2] is None


def test_a_signed_change_in_brackets_between_a_count_and_its_noun():
    found = extract_figures("Выявлено 120 (+15%) преступлений.")
    assert [(f["value"], f["unit"], f["object"], f["change"]) for f in found] == [
        (120, "count", "преступление", None),
        (15, "percent", None, "increase"),
    ]


def test_a_signed_change_before_a_measure_noun_leaves_it_to_what_it_counts():
    text = "Отмечен рост с 72 до 96 (+33,3%) количества краж."
    assert objects_of(text) == [
        (72, "count", "кража"),
        (96, "count", "кража"),
        (33.3, "percent", None),
    ]


def test_a_total_of_several_substances_takes_none_of_them():
    text = "Изъято 120 кг гашиша и 40 кг марихуаны, всего 160 кг."
    assert objects_of(text) == [(120, "kg", "гашиш"), (40, "kg", "марихуана"), (160, "kg", None)]
    # one substance before: the total is of it
    assert objects_of("Изъято 120 кг гашиша, всего 160 кг.")[1] == (160, "kg", "гашиш")


def test_an_age_adjective_between_a_number_and_its_noun():
    assert objects_of("Задержаны двое 25-летних жителей Алматы.") == [(2, "count", "житель")]


def test_a_mass_of_what_a_process_noun_governs():
    text = "Изъятие героина выросло с 12 до 30 кг."
    assert objects_of(text) == [(12, "kg", "героин"), (30, "kg", "героин")]


def test_an_amount_after_a_process_noun_measures_what_it_governs():
    text = "Ликвидировано 67 гектаров произрастания конопли."
    assert objects_of(text) == [(67, "ha", "конопля")]


def test_an_area_that_names_nothing_measures_what_the_areas_before_it_measure():
    text = "Уничтожено 5 гектаров посевов мака. А в прошлом году – 7 гектаров."
    assert objects_of(text) == [(5, "ha", "посев"), (7, "ha", "посев")]
    # a mass names nothing an area named, nor an area a mass
    text = "Уничтожено 5 гектаров посевов мака. Изъято 7 кг."
    assert objects_of(text) == [(5, "ha", "посев"), (7, "kg", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Число наркопотребителей сократилось с 673 до 478, в том числе"
            " несовершеннолетних – с 79 до 51.",
            ["наркопотребитель", "наркопотребитель", "несовершеннолетний", "несовершеннолетний"],
        ),
        (
            "Задержано 40 человек, из них несовершеннолетних – 12.",
            ["человек", "несовершеннолетний"],
        ),
        # a multiplier is no noun the number after the dash counts
        (
            "Число наркопотребителей снизилось с 673 тыс. до 478 тыс., в том числе"
            " несовершеннолетних – с 7,9 до 5,1 тыс.",
            ["наркопотребитель", "наркопотребитель", "несовершеннолетний", "несовершеннолетний"],
        ),
    ],
)
def test_people_named_by_an_adjective_right_before_a_dash_are_what_it_counts(text, expected):
    assert [f[2] for f in objects_of(text)] == expected


def test_last_years_value_in_brackets_between_a_number_and_its_noun_or_unit():
    found = extract_figures("Окончено производством 152 (АППГ – 195, -22,1%) уголовных дела.")
    assert [(f["quote"], f["value"], f["unit"], f["object"]) for f in found] == [
        ("152", 152, "count", "дело"),
        ("195", 195, "count", "дело"),
        ("22,1%", 22.1, "percent", None),
    ]
    found = extract_figures("Возбуждено 152 (в 2016 году – 195) уголовных дела.")
    assert [(f["value"], f["unit"], f["object"]) for f in found] == [
        (152, "count", "дело"),
        (195, "count", "дело"),
    ]
    found = extract_figures("По делам изъято 15,540 (АППГ – 12,706) кг наркотических средств.")
    assert [(f["value"], f["unit"], f["object"]) for f in found] == [
        (15.54, "kg", "средство"),
        (12.706, "kg", "средство"),
    ]
    assert found[1]["quote"] == "12,706"
    # a bracket that names its own unit is no comparison sharing the one after it
    found = extract_figures("Изъято 12 кг (2,5 кг героина) гашиша.")
    assert [(f["value"], f["unit"]) for f in found] == [(12, "kg"), (2.5, "kg")]


# --- the noun at the amount wins over an amount word further back -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Из общего объёма наркотиков, изъятых сотрудниками министерства, 93 кг приходится "
            "на героин, более 19 кг составляет опий-сырец.",
            [(93, "kg", "героин"), (19, "kg", "опий-сырец")],
        ),
        (
            "Общий вес изъятых наркотиков составляет пять килограммов, из них героин - три "
            "килограмма.",
            [(5, "kg", "наркотик"), (3, "kg", "героин")],
        ),
        # with nothing named at the amount, the amount word still names it
        ("Из общего объёма наркотиков 93 кг изъято в Душанбе.", [(93, "kg", "наркотик")]),
    ],
)
def test_what_the_amount_itself_names_beats_an_amount_word_before(text, expected):
    assert objects_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Там находится наркотик карфентанил общей массой более 1 кг.",
        "Изъято 3 кг карфентанила.",
    ],
)
def test_a_drug_of_the_vocabulary_is_read_as_that_thing_whatever_pymorphy_guesses(text):
    # pymorphy3 guesses «карфентанил» a verb («карфентанить») and its noun a first name
    assert [f["object"] for f in extract_figures(text)] == ["карфентанил"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "В машине нашли свертки с веществами: «4-СМС» массой более 6,7 кг и «PVP» массой"
            " 53,7 г.",
            ["4-СМС", "PVP"],
        ),
        ("Изъяли «3-MMC» общей массой 2 кг.", ["3-MMC"]),
        ("Изъяты alpha-PVP весом 3 кг и ЛСД массой 2 г.", ["alpha-PVP", "ЛСД"]),
        # after a noun the name is the noun's, as the annotators read «вещество MDMA весом»
        ("Обнаружено вещество «PVP» массой 53,7 г.", ["вещество"]),
    ],
)
def test_a_coded_name_before_its_mass_word_is_what_weighs(text, names):
    assert [o for _, u, o in objects_of(text) if u == "kg"] == names
