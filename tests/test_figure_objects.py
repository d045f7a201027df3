"""The named object finders of pipelines.figures.objects, one at a time: the lemma each returns
for a figure as reading.read_figure leaves it (before the finder ladder is asked)."""

from __future__ import annotations

import pytest

from pipelines.figures import extract_figures, objects
from tests.support.figure_reading import read_one


@pytest.mark.parametrize(
    ("finder", "text", "number", "lemma"),
    [
        ("genitive_after_unit", "Изъято 5 кг героина.", "5", "героин"),
        (
            "genitive_after_unit",
            "Изъято 35 литров того же наркотика в жидком виде.",
            "35",
            "наркотик",
        ),
        # past a demonstrative, and past an adjective's complement to more adjectives
        ("genitive_after_unit", "Изъято более 38 кг этого страшного зелья.", "38", "зелье"),
        (
            "genitive_after_unit",
            "Изъято около 4,5 кг подготовленных к сбыту синтетических наркотиков.",
            "4,5",
            "наркотик",
        ),
        ("genitive_after_unit", "При нем нашли 5 тыс. долларов наличными.", "5 тыс.", None),
        ("owner_of_amount_word", "Изъяты наркотики общим весом 5 кг.", "5", "наркотик"),
        # the total area of things counted is an area; one field's or a mass's is theirs
        (
            "owner_of_amount_word",
            "Выявлено 47 очагов дикорастущей конопли общей площадью 12 га.",
            "12",
            "площадь",
        ),
        ("owner_of_amount_word", "Уничтожено поле конопли площадью 5 га.", "5", "поле"),
        # past a bracket naming the kind; what a plate of hashish weighs is the hashish
        (
            "owner_of_amount_word",
            "Изъяты наркотические средства (марихуана) общим весом 40 кг.",
            "40",
            "средство",
        ),
        (
            "owner_of_amount_word",
            "Изъяли две плитки гашиша общим весом 200 граммов.",
            "200",
            "гашиш",
        ),
        ("owner_of_amount_word", "Уничтожено 8 тонн конопли общей площадью 5 га.", "5", "конопля"),
        # a net weight too, after a name in quotes
        (
            "owner_of_amount_word",
            "Вещество является наркотическим средством «гашиш» чистым весом 26 кг 759 гр.",
            "26",
            "гашиш",
        ),
        ("owner_of_amount_word", "Арестованы активы на сумму 18 млн тенге.", "18 млн", "актив"),
        ("named_after_dash", "Изъято 24 кг героина, 9 кг – опий-сырец.", "9", "опий-сырец"),
        ("named_after_dash", "Изъято 9 кг – опий-сырец, 2 кг – гашиш.", "9", "опий-сырец"),
        (
            "named_after_dash",
            "Изъято 24 кг героина, 9 кг – это больше, чем в 2020 году.",
            "9",
            None,
        ),
        ("goods_priced", "Он продал героин на 450 тыс. тенге.", "450 тыс.", "героин"),
        ("goods_priced", "Изъято героина на 2 кг.", "2", None),  # a mass is no price
        (
            "governed_by_amount_word",
            "Общая сумма инвестиций составит 2,5 млрд тенге.",
            "2,5 млрд",
            "инвестиция",
        ),
        # past a relative clause (and its bracket, and a code name's hyphen), or an
        # adjective with its complement, set off by commas
        (
            "owner_of_amount_word",
            "Это смесь, в состав которой входит диацетилморфин (героин), в количестве 13,9 г.",
            "13,9",
            "смесь",
        ),
        (
            "owner_of_amount_word",
            "Изъят наркотик, в состав которого входит CBL-2201, в количестве 107,57 гр.",
            "107,57",
            "наркотик",
        ),
        (
            "owner_of_amount_word",
            "Это психотропное средство, известное под названием α-PvP, общим весом 84 гр.",
            "84",
            "средство",
        ),
        # «в» between the amount word and the number
        ("owner_of_amount_word", "Изъята марихуана общим весом в 50 грамм.", "50", "марихуана"),
        # what a dry residue weighs is the drug
        (
            "governed_by_amount_word",
            "Общая масса сухого остатка наркотического средства составила 1235 кг.",
            "1235",
            "средство",
        ),
        # past a participle's complements to the noun it describes, not to a kind after it
        (
            "governed_by_amount_word",
            "Вес изъятых у подозреваемых наркотических средств различных типов превысил 130 кг.",
            "130",
            "средство",
        ),
        (
            "governed_by_amount_word",
            "Вес обнаруженного сотрудниками наркоконтроля синтетического наркотика составил 700 г.",
            "700",
            "наркотик",
        ),
        (
            "governed_by_amount_word",
            "Вес изъятых и не допущенных в незаконный оборот наркотиков составил 57,4 кг.",
            "57,4",
            "наркотик",
        ),
        (
            "governed_by_amount_word",
            "Вес изъятых в качестве вещественного доказательства растений составил 24 кг.",
            "24",
            "растение",
        ),
        (
            "governed_by_amount_word",
            "Сумма причиненного государству ущерба составила 5 млн рублей.",
            "5 млн",
            "ущерб",
        ),
        (
            "value_noun_as_subject",
            "Общая стоимость лекарств составляет 412 млн сумов.",
            "412 млн",
            "стоимость",
        ),
        (
            "value_noun_as_subject",
            "Изъят кокаин, стоимость которого на рынке оценивается в 600 млн рублей.",
            "600 млн",
            "стоимость",
        ),
        ("value_noun_as_subject", "Общая площадь очагов составила 1,7 га.", "1,7", "площадь"),
        (
            "value_noun_as_subject",
            "Их цена на чёрном рынке оценивается в 15 млн рублей.",
            "15 млн",
            "цена",
        ),
        (
            "value_noun_as_subject",
            "Стоимость изъятого на черном рынке – свыше 500 млн тенге.",
            "500 млн",
            "стоимость",
        ),
        ("value_noun_as_subject", "Масса наркотиков составила 5 кг.", "5", None),  # a mass
        (
            "value_noun_as_subject",
            "Годовой оборот героина на черном рынке достигает 2 млн долларов.",
            "2 млн",
            "оборот",
        ),
        ("value_noun_as_subject", "Изъят героин стоимостью 5 млн рублей.", "5 млн", None),
        (
            "genitive_after_comparative",
            "За год в области стало на 74 килограмма меньше запрещенных веществ.",
            "74",
            "вещество",
        ),
        (
            "genitive_after_comparative",
            "Изъято 268,8 кг гашиша (на 81,5 кг больше показателей 2012 года).",
            "81,5",
            None,  # the year's figure is what it is compared with
        ),
        # a lot's worth is a worth too: the head noun is «стоимость», as the blind annotators
        # read «стоимость данной партии составляет …» (9 of 11 on the held-out dev half)
        (
            "value_noun_as_subject",
            "Стоимость партии оценивается в 18 млн рублей.",
            "18 млн",
            "стоимость",
        ),
        (
            "value_noun_as_subject",
            "Стоимость одного грамма составляет 12 тыс. тенге.",
            "12 тыс.",
            None,
        ),
        # the sum of a lot is the sum, past the weight that describes the lot
        (
            "owner_of_amount_word",
            "Изъята партия наркотиков весом 17 килограммов на общую сумму 24 миллиона рублей.",
            "24 миллиона",
            "сумма",
        ),
        ("owner_of_amount_word", "Изъято 1,3 тонны на сумму 62 млн долларов.", "62 млн", None),
        # «по»: what each of the things a number counted holds (no count, nothing named)
        ("what_each_holds", "Изъяты пять бутылок по 1,5 литра.", "1,5", "бутылка"),
        ("what_each_holds", "Найдены три пакета по 50 г.", "50", "пакет"),
        ("what_each_holds", "Курьер раздал детям по 2 грамма.", "2", None),
        ("subject_of_amount_verb", "Ущерб составил 2 млн рублей.", "2 млн", "ущерб"),
        # a sum of nothing named is the sum, as «на сумму» is; a weight of nothing named, none
        (
            "subject_of_amount_verb",
            "Сумма изъятого достигла 14,7 млрд тенге.",
            "14,7 млрд",
            "сумма",
        ),
        ("subject_of_amount_verb", "Вес изъятого составил 5 кг.", "5", None),
        # a genitive first, whatever rare nominative it may also read as
        (
            "subject_of_amount_verb",
            "Такая партия наркотика оценивается в один миллион рублей.",
            "один миллион",
            "партия",
        ),
        ("subject_of_amount_verb", "Доход от продажи составил 2 млн рублей.", "2 млн", "доход"),
        ("subject_of_amount_verb", "Наркотики оценены в 3 млн сомов.", "3 млн", "наркотик"),
        ("subject_of_amount_verb", "На 1 января долги составили 3 млн рублей.", "3 млн", "долг"),
        ("subject_of_amount_verb", "Курьер получил 950 тыс. рублей.", "950 тыс.", None),
        ("measured_topic_before_verb", "Героина изъято 11,7 кг.", "11,7", "героин"),
        ("measured_topic_before_verb", "Марихуаны за год изъято 12 кг.", "12", "марихуана"),
        ("measured_topic_before_verb", "В области изъято 5 кг.", "5", None),
        # past a period with a demonstrative, which pymorphy3 reads as the pronoun «это» first
        (
            "measured_topic_before_verb",
            "Только гашиша в этом году изъято 74,5 кг.",
            "74,5",
            "гашиш",
        ),
        ("measured_topic_before_verb", "Полицейскими изъято 5 кг.", "5", None),
        # a sum of money is not what the genitive before its verb measures
        ("measured_topic_before_verb", "Гашиша на рынке стоит 2 млн тенге.", "2 млн", None),
        ("measured_topic_before_verb", "Гашиша за год изъято 20 кг.", "20", "гашиш"),
        ("measured_topic_before_dash", "Героина — 11,7 кг.", "11,7", "героин"),
        (
            "genitive_right_before",
            "Изъято 5 кг, в том числе героина 3 кг и гашиша 2 кг.",
            "2",
            "гашиш",
        ),
        ("genitive_right_before", "Изъято: гашиша 300 граммов.", "300", "гашиш"),
        # a bulleted line, its noun in any case; not a capitalised name in a bare sentence
        ("genitive_right_before", "- гашиш 32 кг 210 гр;", "32", "гашиш"),
        ("genitive_right_before", "• марихуаны 31 кг;", "31", "марихуана"),
        ("genitive_right_before", "Гашиш 32 кг.", "32", None),
        ("measured_topic_before_dash", "• гашиш – 936 гр (в 2020 году - 75 гр);", "936", "гашиш"),
        ("measured_topic_before_dash", "• героин – 20 гр.", "20", "героин"),
        # a guessed compound's rare nominative is no nominative topic: the genitive's lemma
        (
            "measured_topic_before_dash",
            "Изъято героина — 348 кг, опия-сырца – 573 кг.",
            "573",
            "опий-сырец",
        ),
        # the kind a share verb names: «составляет марихуана», «приходится на гашиш»
        (
            "measured_topic_before_dash",
            "Наибольшую долю составляет марихуана - 488 кг.",
            "488",
            "марихуана",
        ),
        (
            "measured_topic_before_dash",
            "Больше всего приходится на гашиш – 120 кг.",
            "120",
            "гашиш",
        ),
        ("measured_topic_before_dash", "• Полиция – 12 кг.", "12", None),  # who counts
        ("genitive_right_before", "У жителя Алматы 5 кг.", "5", None),
        ("genitive_right_before", "Задержаны, у курьеров 5 кг.", "5", None),
        ("measured_topic_before_dash", "Изъято 48 кг, из них героин — 30 кг.", "30", "героин"),
        (
            "measured_topic_before_dash",
            "Изъято 5 т, в том числе наркотиков опийной группы — 2 т.",
            "2",
            "наркотик",
        ),
        (
            "measured_topic_before_dash",
            "Изъято: героина – 120 кг, гашиша – 300 кг.",
            "300",
            "гашиш",
        ),
        (
            "governed_by_count_word",
            "Количество наркопреступлений снизилось до 387.",
            "387",
            "наркопреступление",
        ),
        # a kind noun after the measure: what it is a kind of
        (
            "governed_by_count_word",
            "В общем числе этого вида преступлений 446 - тяжкие.",
            "446",
            "преступление",
        ),
        ("topic_before_its_verb", "Наркопреступлений выявлено 387.", "387", "наркопреступление"),
        # past a place between the topic and its verb
        (
            "topic_before_its_verb",
            "Наркопреступлений в Алтайском крае выявлено 387.",
            "387",
            "наркопреступление",
        ),
        # an adjective used as a noun, opening its clause after a time at most
        (
            "topic_before_its_verb",
            "По итогам года наркозависимых насчитывалось более 12 тысяч.",
            "12 тысяч",
            "наркозависимый",
        ),
        ("topic_before_its_verb", "В Москве задержано 15.", "15", None),
        (
            "topic_before_its_verb",
            "Наркопреступлений, совершенных в составе групп, выявлено 45.",
            "45",
            "наркопреступление",
        ),
        ("topic_before_its_verb", "В Алматы, как и в Астане, выявлено 45.", "45", None),
        (
            "governed_by_count_word_after",
            "Отмечен рост с 72 до 96 (+33,3%) количества наркопреступлений.",
            "96",
            "наркопреступление",
        ),
        (
            "governed_by_count_word_after",
            "Отмечен рост с 72 до 96 количества наркопреступлений.",
            "72",
            "наркопреступление",
        ),
        ("governed_by_count_word_after", "Рост составил 96 за год.", "96", None),
        (
            "counted_topic_before_dash",
            "Больше всего наркопреступлений выявлено в Алматы – 1 204.",
            "1 204",
            "наркопреступление",
        ),
        ("area_with_growth", "Выявлено 103 га с дикорастущей коноплей.", "103", "конопля"),
        ("land_before_area", "Сорняк занял территорию более 5,5 га.", "5,5", "территория"),
        ("land_before_area", "На участке местности в 300 кв. м нашли кусты.", "300", "участок"),
        ("land_before_area", "В районе уничтожено 40 га конопли.", "40", None),
        ("money_named_before", "Осуждён со штрафом 600 тыс. рублей.", "600 тыс.", "штраф"),
        ("money_named_before", "Установлен оборот более 7 млн долларов.", "7 млн", "оборот"),
        # past «в размере», a preposition and the sums of a range or list before it
        ("money_named_before", "Грозит штраф в размере до 1 млн рублей.", "1 млн", "штраф"),
        ("money_named_before", "Со штрафами в 30 тыс. и 10 тыс. руб.", "10 тыс.", "штраф"),
        ("money_named_before", "Со штрафом от 200 до 500 тыс. рублей.", "500 тыс.", "штраф"),
        ("money_named_before", "Грозит штраф от двух до трех тысяч рублей.", "трех тысяч", "штраф"),
        ("money_named_before", "Изъяли героин на 500 тыс. рублей.", "500 тыс.", None),
        ("area_with_growth", "Уничтожено 5 га с помощью гербицидов.", "5", None),
        ("area_with_growth", "Изъято 5 кг с примесью героина.", "5", None),
        # a collective numeral of them: the people before it, past a clause and a thing's noun
        (
            "people_of_them",
            "Задержаны жители села в возрасте от 30 до 42 лет, четверо из которых судимы.",
            "четверо",
            "житель",
        ),
        ("people_of_them", "Изъяли 5 кг, четверо из них задержаны.", "четверо", None),
        ("people_of_them", "Задержаны жители села, четыре из них судимы.", "четыре", None),
        # past «только», «одного только» after the unit
        ("genitive_after_unit", "Изъято 3,6 тонн одного только каннабиса.", "3,6", "каннабис"),
        ("genitive_after_unit", "Изъято 5 кг лишь героина.", "5", "героин"),
        # a count of «которых»: the plural noun before its comma
        (
            "antecedent_of_relative_count",
            "По делу об отравлении наркоманов, более 50 которых обратились к врачам.",
            "50",
            "наркоман",
        ),
        ("antecedent_of_relative_count", "Изъяли 5 кг, 3 которых героин.", "3", None),
        # what grew or fell by the number, nearer than a count word of another clause
        (
            "topic_of_a_comparison",
            "Число наркопреступлений снизилось, наркоманов стало меньше на 5 тысяч.",
            "5 тысяч",
            "наркоман",
        ),
        ("topic_of_a_comparison", "Наркозависимых стало больше на 120.", "120", "наркозависимый"),
        ("topic_of_a_comparison", "Изъято больше на 5 кг.", "5", None),
        # the cases a genitive chain opens with, not the drugs it ends with
        (
            "counted_topic_before_dash",
            "Больше всего фактов незаконного сбыта наркотиков – 120 – выявили в Чите.",
            "120",
            "факт",
        ),
    ],
)
def test_finder(finder: str, text: str, number: str, lemma: str | None) -> None:
    sentence, figure = read_one(text, number)
    assert getattr(objects, finder)(sentence, figure) == lemma


def test_every_finder_is_in_a_ladder_and_has_a_docstring() -> None:
    ladders = objects.AMOUNT_FINDERS + objects.COUNT_FINDERS
    assert len(set(ladders)) == len(ladders) == 26
    assert all(f.__doc__ and f.__doc__.count("\n") == 0 for f in ladders)


def test_the_first_finder_that_names_a_noun_wins() -> None:
    sentence, figure = read_one("Наркопреступлений выявлено 387.", "387")
    assert objects.find_object(sentence, figure, objects.AMOUNT_FINDERS[:1]) is None
    assert objects.find_object(sentence, figure, objects.COUNT_FINDERS) == "наркопреступление"
    ladder = (lambda s, f: None, lambda s, f: "", lambda s, f: "первый", lambda s, f: "второй")
    assert objects.find_object(sentence, figure, ladder) == "первый"


def test_a_class_of_drugs_after_an_amount_is_no_object_the_total_before_names_it():
    found = extract_figures(
        "Изъято более 71 килограмма наркотических средств, из них: 65 килограммов "
        "растительного происхождения и около 6,2 килограмма синтетических наркотиков."
    )
    assert [(f["value"], f["object"]) for f in found] == [
        (71, "средство"),
        (65, "средство"),
        (6.2, "наркотик"),
    ]
    found = extract_figures(
        "Около 334 кг составляют наркотики опийной группы, 150 кг - каннабисной группы."
    )
    assert [f["object"] for f in found] == ["наркотик", "наркотик"]


def test_an_amount_restated_in_brackets_weighs_what_follows_the_bracket():
    found = extract_figures("Изъято порядка 15-ти килограммов (15 547 гр.) наркотических веществ.")
    assert [(f["value"], f["object"]) for f in found] == [(15, "вещество"), (15.547, "вещество")]


def test_a_genitive_before_the_verb_or_the_difference_names_what_grew():
    found = extract_figures(
        "По сравнению с тем же периодом прошлого года гашиша изъято больше на почти 100 кг "
        "и каннабиса на 2 кг."
    )
    assert [(f["value"], f["object"]) for f in found] == [(100, "гашиш"), (2, "каннабис")]


def test_of_them_after_an_attribution_counts_what_the_sentence_before_counted():
    found = extract_figures(
        "За 2023 год пресечено 1242 преступления. Как отметил подполковник полиции Алексей "
        "Михалюк, из них 947 связаны со сбытом запрещенных веществ."
    )
    assert [(f["value"], f["object"]) for f in found] == [
        (1242, "преступление"),
        (947, "преступление"),
    ]


def test_a_multiplier_is_no_object():
    found = extract_figures(
        "Изъято 2,5 миллиона доз наркотика стоимостью около 4,5 миллиарда рублей."
    )
    assert found[1]["object"] != "миллион"


def test_amounts_after_places_and_dashes_weigh_what_the_lots_before_hold():
    found = extract_figures(
        "В ходе оперативных разработок изъяты крупные партии героина в Астане - свыше 8,8 кг, "
        "Алматы - 4,2 кг и Жамбылской области - 4 кг."
    )
    assert [f["object"] for f in found] == ["героин", "героин", "героин"]


def test_parts_named_by_a_copula_and_by_a_dash_after_it():
    found = extract_figures(
        "В 2024 году выявили 629 фактов незаконного оборота наркотиков, из них 259 составляют "
        "преступления, а 370 — проступки."
    )
    assert [f["object"] for f in found] == ["факт", "преступление", "проступок"]


def test_parallel_adjectives_share_the_noun_and_a_year_is_no_measured_noun():
    found = extract_figures(
        "Изъято пять килограммов психотропных и 480 килограммов сильнодействующих веществ."
    )
    assert [f["object"] for f in found] == ["вещество", "вещество"]
    found = extract_figures(
        "Изъято свыше 525 кг наркотических средств, в том числе 52 кг синтетических и более 3 "
        "тонн прекурсоров."
    )
    assert found[1]["object"] != "прекурсор"
    found = extract_figures("Это превышает показатель предыдущего года на 190 килограммов.")
    assert found[0]["object"] != "год"


def test_a_part_of_a_whole_named_after_iz_then_a_dash_is_what_the_dash_names():
    text = "Анализ показал, что 12 кг из изъятого – марихуана, еще 3 кг – гашиш."
    assert [f["object"] for f in extract_figures(text)] == ["марихуана", "гашиш"]


def test_an_area_of_a_class_of_plants_is_the_area_of_what_the_class_describes():
    text = "Уничтожен участок дикорастущих растений опийной группы общей площадью 40 кв. м."
    assert [f["object"] for f in extract_figures(text)] == ["участок"]


def test_counts_after_a_colon_break_down_the_count_before_it():
    text = (
        "Сотрудники полиции перекрыли пять каналов поставки наркотиков: три – из соседних "
        "областей, два – из-за рубежа."
    )
    assert [f["object"] for f in extract_figures(text)] == ["канал", "канал", "канал"]


def test_a_count_after_a_dash_counts_the_noun_a_participial_phrase_describes():
    # «преступлений, связанных со сбытом … наркотиков,» counts the crimes, not the drugs
    text = "Число преступлений, связанных со сбытом синтетических наркотиков, выросло – с 12 до 19."
    assert [f["object"] for f in extract_figures(text)] == ["преступление", "преступление"]
    # an amount still weighs what its own phrase names
    text = (
        "Изъято 25 кустов растений, найденных в лесу, общим весом 4 тонны: 3 тонны мака и 1 "
        "тонна конопли."
    )
    assert [f["object"] for f in extract_figures(text)][2:] == ["мак", "конопля"]


def test_one_closing_a_breakdown_after_a_dash_counts_what_the_list_counts():
    found = extract_figures(
        "Полиция пресекла работу трех нарколабораторий — двух в Рыбинском и одной в Ярославском "
        "районе."
    )
    assert [(f["value"], f["object"]) for f in found] == [
        (3, "нарколаборатория"),
        (2, "нарколаборатория"),
        (1, "нарколаборатория"),
    ]
    assert extract_figures("Задержан один, изъято 5 кг.")[0]["value"] == 5


def test_half_a_unit_bounded_and_counts_of_people_named_by_an_adjective_before_brackets():
    found = extract_figures("Курьеры перевозили партии наркотиков массой до полкилограмма.")
    assert [(f["value"], f["unit"], f["qualifier"]) for f in found] == [(0.5, "kg", "less_than")]
    assert extract_figures("Партии от полукилограмма до нескольких килограммов.") == []
    found = extract_figures(
        "Больше всего больных наркоманией зарегистрировано во Владимире (250) и Коврове (119)."
    )
    assert [(f["value"], f["object"]) for f in found] == [(250, "больной"), (119, "больной")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount is of a thing: not the plural of синтетик, a man
        ("Изъято: гашиша – 5 кг, синтетики – 10 кг.", [(5, "гашиш"), (10, "синтетика")]),
        # the dictionary form the domain writes, not pymorphy3's
        ("У него изъяли 247,6 г производных метилэфедрона.", [(0.2476, "производное")]),
        ("Изъято более 71 тысячи рублей денег.", [(71000, "деньги")]),
    ],
)
def test_objects_take_the_dictionary_form_of_the_domain(text, expected):
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == expected


def test_money_after_a_seized_genitive_is_its_worth():
    figures = extract_figures("В Мордовии полицейские изъяли наркотиков на 65 млн рублей.")
    assert [(f["value"], f["unit"], f["object"]) for f in figures] == [(65e6, "RUB", "наркотик")]


@pytest.mark.parametrize(
    "text",
    [
        "В общем числе этого вида преступлений 320 - тяжкие, 115 - совершены группой лиц.",
        "В общем количестве этого вида преступлений 320 - тяжкие, 115 - совершены группой лиц.",
        "Среди этого вида преступлений 320 - тяжкие, 115 - совершены группой лиц.",
    ],
)
def test_in_the_number_of_opens_a_subset_as_among_does(text):
    figures = extract_figures(text)
    assert [(f["value"], f["object"]) for f in figures] == [
        (320, "преступление"),
        (115, "преступление"),
    ]


def test_a_latin_name_right_after_the_unit_wins_over_a_topic_before_a_dash():
    figures = extract_figures("Вырос объём синтетики — 42 кг PVP, а также 23 кг мефедрона.")
    assert [(f["value"], f["object"]) for f in figures] == [(42, "PVP"), (23, "мефедрон")]


def test_a_noun_before_an_amount_word_in_its_dictionary_form_is_that_word():
    figures = extract_figures("При обыске изъят наркотик общей массой более 2,5 килограмма.")
    assert [(f["value"], f["object"]) for f in figures] == [(2.5, "наркотик")]
    # governed by a number, the genitive reading still counts: «50 коробок» are коробки
    assert extract_figures("Изъято 50 коробок с таблетками.")[0]["object"] == "коробка"
    # a dictionary form as likely as the genitive of another noun is read as written
    figures = extract_figures("У него изъята синтетика весом более 80 граммов.")
    assert [f["object"] for f in figures] == ["синтетика"]
    # ... but not a rare one: «наркотика» is the genitive of наркотик
    figures = extract_figures("У него изъято вещество наркотика весом 5 граммов.")
    assert [f["object"] for f in figures] != ["наркотика"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Ликвидированы 5 ОПГ и 3 ОПС.", ["ОПГ", "ОПС"]),
        # an abbreviation the dictionary does not know is not declined
        ("Изъято 300 граммов МДМА и 2 кг ГЕРОИНА.", ["МДМА", "героин"]),
        ("Изъято 28 г N-метилэфедрона.", ["N-метилэфедрон"]),
        ("Изъято 411 граммов альфа-PVP.", ["альфа-PVP"]),
        ("Заблокировано 98 Telegram-каналов.", ["Telegram-канал"]),
        # a capital that opens a sentence is no abbreviation
        ("Свертков нашли 12.", ["сверток"]),
    ],
)
def test_abbreviations_and_latin_parts_keep_their_capitals(text, counted):
    assert [f["object"] for f in extract_figures(text)] == counted


def test_a_hyphenated_noun_of_two_dictionary_words_takes_both_lemmas():
    # pymorphy3 guesses «врачей-нарколог» for an unknown compound; both parts are words
    assert [f["object"] for f in extract_figures("Работают 40 врачей-наркологов.")] == [
        "врач-нарколог"
    ]
    assert [f["object"] for f in extract_figures("Изъято 3 кг псилоцибина.")] == ["псилоцибин"]
    # «различного рода» describes the noun after it, as «различного вида» does
    text = "Изъяли более 22 килограммов различного рода запрещенных веществ."
    assert [f["object"] for f in extract_figures(text)] == ["вещество"]
    # the likelier of two readings, though pymorphy3 lists the other first
    assert [f["object"] for f in extract_figures("Изъяли 50 сим-карт.")] == ["сим-карта"]


def test_an_area_stated_for_its_own_subject_measures_the_area():
    text = (
        "В 2021 году площади, отведенные под посевы наркокультур в Афганистане, составляли 177 "
        "тысяч гектар."
    )
    assert [f["object"] for f in extract_figures(text)] == ["площадь"]
    # a weight of nothing named counts nothing (a value states itself, aside or not: «Стоимость,
    # по оценкам экспертов, составила 5 млн рублей» as «Стоимость составила 5 млн рублей»)
    text = "Общий вес, по оценкам экспертов, составил 5 кг."
    assert [f["object"] for f in extract_figures(text)] == [None]
    text = "Стоимость, по оценкам экспертов, составила 5 млн рублей."
    assert [f["object"] for f in extract_figures(text)] == ["стоимость"]


@pytest.mark.parametrize(
    ("text", "object_"),
    [
        # the participle's agent between it and its noun
        ("При этом 156 из 424 совершенных ими преступлений были связаны с наркотиками.",
         "преступление"),
        # an aside between the owner and its weight
        ("Уничтожена крупная партия героина - на этот раз общим весом 156 кг 550 г.", "героин"),
    ],
)  # fmt: skip
def test_what_stands_between_a_number_and_its_noun(text, object_):
    assert extract_figures(text)[-1]["object"] == object_


def test_the_country_after_a_dollar_sign_belongs_to_the_currency():
    [figure] = extract_figures("Стоимость партии в Европе составляет более $10 млн США.")
    assert (figure["quote"], figure["unit"], figure["object"]) == (
        "более $10 млн США",
        "USD",
        "стоимость",
    )


def test_a_collective_numeral_counts_people_never_a_thing():
    text = (
        "Задержанные рассказали, что приехали на рыбалку, а также для заготовки конопли, трое из "
        "них находились в состоянии опьянения."
    )
    assert [(f["quote"], f["object"]) for f in extract_figures(text)] == [("трое", None)]


def test_a_noun_as_likely_an_adjective_of_the_next_noun_is_that_adjective():
    # «посевных» reads as the noun «посевная» as often as the adjective of «поля»
    text = "Уничтожены 3 посевных поля конопли."
    assert [(f["value"], f["object"]) for f in extract_figures(text)] == [(3, "поле")]


def test_an_amount_called_this_figure_weighs_what_the_amount_before_weighs():
    text = (
        "Если в 2019 году изъято 6 т 213 кг наркотиков, то в минувшем году эта цифра достигла "
        "4 т 676 кг."
    )
    assert [f["object"] for f in extract_figures(text)] == ["наркотик", "наркотик"]


@pytest.mark.parametrize(
    "text",
    [
        "В рюкзаках было 8,5 килограмма, предположительно, конопли.",
        "В рюкзаках было 8,5 килограмма предположительно конопли.",
    ],
)
def test_a_hedge_before_the_substance_is_passed_over(text):
    assert [f["object"] for f in extract_figures(text)] == ["конопля"]


def test_a_participle_after_a_comma_opens_its_own_phrase_not_a_list_of_adjectives():
    text = "Задержано 18 несовершеннолетних, входящих в состав организованных групп."
    assert [f["object"] for f in extract_figures(text)] == ["несовершеннолетний"]
    # adjectives listed with commas still share the noun after them
    text = "Изъято 96 кг наркотических, психотропных и сильнодействующих веществ."
    assert [f["object"] for f in extract_figures(text)] == ["вещество"]


def test_a_turnover_is_the_sum_it_states_and_no_drug_trade_noun_takes_a_seizure():
    # what «оборот» names as an amount verb's subject, or right before a sum
    text = "Общий оборот «наркошопов» составил почти 48 млрд тенге."
    assert [f["object"] for f in extract_figures(text)] == ["оборот"]
    # «из незаконного оборота» says where the money was taken from, not what the sum is
    text = "Из незаконного оборота 10 млн рублей изъято у дилеров."
    assert [f["object"] for f in extract_figures(text)] == [None]


def test_a_number_after_a_contrasted_period_restates_the_figure_before():
    text = (
        "В 2014 году в столице было зафиксировано 21 000 преступлений в сфере незаконного "
        "оборота наркотиков, а в прошлом году – 19 707."
    )
    assert [f["object"] for f in extract_figures(text)] == ["преступление", "преступление"]
    # a place after the dash keeps the topic of its clause
    text = "Больше всего наркопреступлений выявлено в Алматы – 1 204."
    assert [f["object"] for f in extract_figures(text)] == ["наркопреступление"]


def test_a_participle_after_a_number_counts_the_people_it_describes_past_its_phrase():
    text = "Из 188 протестированных в Тамбовском районе учеников 18 пробовали наркотики."
    assert [f["object"] for f in extract_figures(text)] == ["ученик", "ученик"]
    # ... and the things it describes
    text = "Обнаружили пять уже приготовленных для дальнейшей переработки кустов."
    assert [f["object"] for f in extract_figures(text)] == ["куст"]
    # a participle that names people counts no thing of its phrase
    text = "Задержаны 5 подозреваемых в сбыте наркотиков."
    assert [f["object"] for f in extract_figures(text)] == ["подозреваемый"]


def test_a_bracket_counts_the_noun_before_drugs_named_as_its_complement():
    # «оборотом наркотиков»: drugs in general are weighed, the crimes counted
    text = (
        "В республике возросло количество преступлений, связанных с незаконным оборотом "
        "наркотиков, – за полгода на 11% (216)."
    )
    assert [f["object"] for f in extract_figures(text)] == [None, "преступление"]


def test_a_participles_complement_may_have_its_adjective_and_the_noun_its_own():
    text = "Наркотики упакованы в 26 изготовленных фабричным способом полиэтиленовых цилиндров."
    assert [f["object"] for f in extract_figures(text)] == ["цилиндр"]
    text = "Изъято 46 обмотанных синим скотчем пакетов."
    assert [f["object"] for f in extract_figures(text)] == ["пакет"]
    # a substantivised participle with its complement and no noun after stays the noun
    assert [f["object"] for f in extract_figures("Выявлено 30 больных наркоманией.")] == ["больной"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Больше всего наркотиков изъято в Хатлонской области – 1 640 кг.",
        "Больше всего наркотиков изъято в Улытауской области – 1 640 кг.",
    ],
)
def test_a_region_s_adjective_the_dictionary_reads_as_a_surname_is_no_object(sentence):
    assert [f["object"] for f in extract_figures(sentence)] == ["наркотик"]


@pytest.mark.parametrize(
    ("text", "quote", "object_"),
    [
        # a group of people in a list of groups is its own noun, not the next item's
        (
            "Задержано 1425 лиц, из которых 76 женщин, 23 несовершеннолетних, 9 иностранных "
            "граждан.",
            "23 несовершеннолетних",
            "несовершеннолетний",
        ),
        # a part named by a plural noun with the genitive words qualifying it, ending the clause
        (
            "За организацию лаборатории задержаны четыре человека, двое из которых граждане "
            "соседнего государства.",
            "двое",
            "гражданин",
        ),
        ("Под стражей 12 человек, 5 из них жители соседнего района.", "5", "житель"),
        # the mark a sum reached is not what is worth it
        (
            "В тайнике хранились наркотические вещества, стоимость которых достигала отметки "
            "в 50 миллионов сомов.",
            "50 миллионов сомов",
            "вещество",
        ),
        # a street name in quotes after «известный как» is no noun the mass is of
        (
            "Изъятое вещество является психотропом a-PVP, известным как «скорость», общим "
            "весом 1,247 кг.",
            "1,247 кг",
            "психотроп",
        ),
        ("Изъято вещество, известное как «соль», массой 2 грамма.", "2 грамма", "вещество"),
        # a mass of kinds of substances weighs the substances
        (
            "Возбуждено дело по факту сбыта двух видов психотропных веществ общим весом 19,4 кг.",
            "19,4 кг",
            "вещество",
        ),
        # «наличие»: no noun of a thing that weighs
        (
            "Исследованием подтверждено наличие наркотического вещества массой более 40 кг.",
            "более 40 кг",
            "вещество",
        ),
        # a noun in its dictionary form is no genitive of a rare word that reads alike
        # («наркотика»), and «края» before it no head of it
        (
            "В наши края смертельный наркотик весом 10 килограммов прибыл из Афганистана.",
            "10 килограммов",
            "наркотик",
        ),
        ("Изъято вещество белого цвета массой 40 г.", "40 г", "вещество"),
        # no one is weighed: the people a colon follows are no topic of a mass
        (
            "Результаты находок удивили самих оперативников: 22 килограмма в одном случае.",
            "22 килограмма",
            None,
        ),
        # a drug the dictionary guesses a man's name of is weighed all the same
        (
            "Задержана партия гашиша — около 300 килограммов — и метамфетамина — 3,5 килограмма.",
            "3,5 килограмма",
            "метамфетамин",
        ),
        # «в десять раз» is no subject of the amount verb after it
        (
            "Ареал конопли сократился в десять раз и теперь составляет не более 2177 гектаров.",
            "не более 2177 гектаров",
            None,
        ),
        # a multiplier is a word of a number, no head of the noun it counts
        (
            "Из партии можно было изготовить 61 млн разовых доз на общую сумму в 9 млрд рублей.",
            "9 млрд рублей",
            "доза",
        ),
        (
            "Уничтожено около 270 тысяч кустов общим весом приблизительно 1 500 кг.",
            "приблизительно 1 500 кг",
            "куст",
        ),
        # a bracket after a rate's base restates a rate, which counts nothing
        (
            "Показатель наркозаболеваемости в расчете на 100 тысяч населения составил 126,1, что "
            "ниже уровня в Приволжском федеральном округе (319).",
            "319",
            None,
        ),
        (
            "Показатель наркозаболеваемости в расчете на 100 тыс. населения составил 126,1, что "
            "ниже уровня в Приволжском федеральном округе (319).",
            "319",
            None,
        ),
        # «все трое» after a list of surnames: people, no noun of them
        (
            "Ими оказались некие В.Юркин, С.Кирилов и Н.Соцков (все трое 1968 года рождения).",
            "трое",
            None,
        ),
        # a particle between the amount verb and the amount
        (
            "Изъято 24 тонны наркотиков, из которых героин составил уже 500 кг.",
            "500 кг",
            "героин",
        ),
        # a mass in brackets after a count of facts weighs no fact
        (
            "Предотвращено 17 541 факт контрабанды, в том числе наркотических средств – 344 "
            "факта (свыше 1,5 тонны).",
            "свыше 1,5 тонны",
            None,
        ),
        # a market between the price verb and its sum
        (
            "Изъятый груз, по оценкам экспертов, оценивается на черном рынке в 40 млн рублей.",
            "40 млн рублей",
            "груз",
        ),
        ("Эта партия стоит на нелегальном рынке 12 тысяч долларов.", "12 тысяч долларов", "партия"),
        # «суммарным весом» makes a total as «общим весом» does
        ("Изъято гашиша суммарным весом более 40 кг.", "более 40 кг", "гашиш"),
        ("Изъяты свертки с героином совокупным весом 120 граммов.", "120 граммов", "героин"),
        # a range of masses after «весом»: both ends weigh the noun before it
        (
            "В тайниках нашли марихуану весом от 50 граммов до 2 килограммов.",
            "50 граммов",
            "марихуана",
        ),
        (
            "В тайниках нашли марихуану весом от 50 граммов до 2 килограммов.",
            "2 килограммов",
            "марихуана",
        ),
        # a place phrase with no price verb before it names nothing measured
        ("Героин продавали на черном рынке в 3 тысячи рублей за дозу.", "3 тысячи рублей", None),
    ],
)
def test_what_an_amount_measures_past_words_that_only_stand_near_it(text, quote, object_):
    [figure] = [f for f in extract_figures(text) if f["quote"] == quote]
    assert figure["object"] == object_
