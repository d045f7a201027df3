"""General rules of the facts step (pipelines/facts): the vocabulary reaches phrasings the held-out
texts did not show, on sentences of our own."""

from __future__ import annotations

import pytest

from pipelines.facts.indicators import stems
from tests.support.figure_reading import annotated


def by_quote(figures: list[dict], start: str) -> dict:
    return next(f for f in figures if f["quote"].startswith(start) and not f["in_title"])


def test_a_narko_compound_is_also_what_follows_the_prefix():
    assert {"курьер", "растение"} <= stems(["наркокурьер", "наркорастение", "наркотик"])
    assert "тик" not in stems(["наркотик"])
    # a hyphenated compound is also what it ends in
    assert {"ссылка", "бот"} <= stems(["интернет-ссылка", "телеграм-бот"])
    figures = annotated("С помощью системы заблокировано около 800 интернет-ссылок с рекламой.")
    assert by_quote(figures, "около 800")["indicator"] == "websites_blocked"


def test_a_headline_singling_out_one_case_of_the_year_sets_no_period():
    title = (
        "В уходящем году в области было предотвращено одно из самых значительных "
        "преступлений, связанных с наркотиками"
    )
    body = "В Семее сотрудники полиции изъяли более 500 граммов мефедрона."
    assert by_quote(annotated(body, title=title), "более 500")["scope"] == "event"
    statistic = "В уходящем году в области выявлено 300 преступлений, связанных с наркотиками"
    assert by_quote(annotated(body, title=statistic), "более 500")["scope"] == "period"


def test_a_headline_of_one_raid_in_a_named_operation_starts_no_summary():
    title = (
        "В рамках операции «Мак-2024» полицейские провели спецоперацию по задержанию преступной "
        "группы"
    )
    body = "В ее состав входили семь человек. Они сбывали наркотики на территории района."
    assert by_quote(annotated(body, title=title), "семь человек")["scope"] == "event"
    # a headline of the operation's results still sums up
    results = "Подведены итоги операции «Мак-2024»: задержаны участники преступной группы"
    assert by_quote(annotated(body, title=results), "семь человек")["scope"] == "period"


def test_a_headline_number_of_one_raid_over_a_statistics_body_stays_an_event():
    body = (
        "С начала года из незаконного оборота изъято более двух тонн наркотиков, включая 120 кг "
        "синтетических веществ, 600 грамм кокаина и более 140 кг гашиша."
    )
    raid = "У задержанного курьера при личном досмотре нашли 900 кг наркотиков"
    head = annotated(body, title=raid)[0]
    assert (head["in_title"], head["scope"]) == (1, "event")
    # a headline number with no words of one raid sums up the body's period
    summary = "Полицейские изъяли 900 кг наркотиков"
    assert annotated(body, title=summary)[0]["scope"] == "period"


def test_more_by_an_amount_compared_with_last_year_is_a_change():
    figures = annotated(
        "По сравнению с тем же периодом прошлого года гашиша изъято больше на почти 100 кг."
    )
    assert by_quote(figures, "почти 100")["role"] == "change"
    assert by_quote(annotated("Гашиша изъято больше на 100 кг."), "100")["role"] == "value"
    # «за последние пять лет»: compared with five years before
    figures = annotated("За последние пять лет наркозависимых стало меньше на 5 тысяч.")
    assert by_quote(figures, "5 тысяч")["role"] == "change"


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # the crimes are drug crimes when their sentence says so, not only the words next to them
        ("В ходе рейдов выявлено более 20 преступлений и изъято 22 кг наркотических средств.",
         "более 20", "drug_crimes"),
        # crimes committed while intoxicated are not drug crimes
        ("Более 200 преступлений совершено лицами в состоянии наркотического опьянения.",
         "Более 200", None),
        ("Порядка 19 700 кг наркорастений было ликвидировано в текущем году.", "Порядка 19 700",
         "crops_destroyed"),
        ("Задержаны 12 наркокурьеров.", "12", "persons_detained"),
        ("Один нарушитель границы задержан.", "Один", "persons_detained"),
        # the weight of the plants a sentence counts is the crop's; plants weighed alone are
        # a seizure
        ("В области изъято 928 кустов конопли весом 300 кг.", "300 кг", "crops_destroyed"),
        ("Изъятые кусты оказались коноплей общим весом свыше 55 кг.", "свыше 55",
         "crops_destroyed"),
        ("Изъято 2,5 кг высушенного растения конопли.", "2,5 кг", "drugs_seized"),
        # the next number's own clause («, раскрыто 20») rules nothing out for this one
        ("За год выявлено 36 преступлений, связанных с незаконным оборотом наркотических "
         "средств, раскрыто 20 преступлений.", "36", "drug_crimes"),
        ("За год выявлено 36 преступлений, связанных с незаконным оборотом наркотических "
         "средств, раскрыто 20 преступлений.", "20", None),
        # a seizure restated as its worth is no money taken
        ("Изъято 3,5 кг героина, что приравнивается к 27 тысячам доз или 21 млн рублей.",
         "21 млн", None),
        # a courier's load in the passive, and a stash hidden
        ("Остановлена фура, в которой перевозилось 6 кг гашиша.", "6 кг", "drugs_seized"),
        ("В багажнике имелось ещё 800 граммов героина.", "800 граммов", "drugs_seized"),
        ("Ещё три килограмма курьеры припрятали в гараже.", "три килограмма", "drugs_seized"),
        ("В Оше при обыске у торговца обнаружены два мешка с гашишем.", "два мешка",
         "drugs_seized"),
        # people captured or «повязаны» are detained
        ("По подозрению в совершении преступления захвачены двое уроженцев Закавказья.",
         "двое", "persons_detained"),
        ("Всего правоохранители повязали трех женщин.", "трех женщин", "persons_detained"),
        # a rate or each piece's share is no amount taken; the pieces counted before are
        ("Каждый день они прятали в тайники до 500 доз спайса.", "до 500", None),
        ("Ежедневно задержанные распространяли около 600 доз.", "около 600", None),
        ("Изъяли 51 мешок с маковыми семенами, каждый весом около 25 кг.", "около 25", None),
        ("Изъяли 51 мешок с маковыми семенами, каждый весом около 25 кг.", "51",
         "drugs_seized"),
        # stashes found, and drugs packed, were seized
        ("В Твери полиция нашла 400 закладок у наркоторговцев.", "400", "drugs_seized"),
        ("Марихуана была упакована в 16 брикетов из полиэтиленовой пленки.", "16",
         "drugs_seized"),
        # a prison's population is no sentence passed
        ("В колониях области содержатся 11300 осужденных.", "11300", None),
        ("Суд осудил 11 наркосбытчиков.", "11", "persons_convicted"),
        # drivers stopped under the influence are no detentions for drugs
        ("Свыше 830 водителей в алкогольном или наркотическом опьянении задержали на дорогах.",
         "Свыше 830", None),
        # an area of hemp found is the crops'; an area the poppy grows on is no enforcement
        ("В Воронежской области обнаружены 1,5 гектара конопли.", "1,5", "crops_destroyed"),
        ("В Афганистане опиумные плантации составляли 209 тысяч гектаров.", "209", None),
        # a crime of one drug is a drug crime; so is the crime rate of the drug trade
        ("Количество случаев хранения марихуаны сократилось на 3,9% (с 310 до 298).", "310",
         "drug_crimes"),
        ("За полгода на 10,9% вырос уровень преступности в сфере незаконного оборота наркотиков.",
         "10,9%", "drug_crimes"),
        ("За полгода на 10,9% вырос уровень преступности в регионе.", "10,9%", None),
        # what was packed, or sent to the laboratory, was seized
        ("Партия метилэфедрона была расфасована на 53 свертка.", "53", "drugs_seized"),
        ("На экспертизу было направлено четыре свертка с растительным веществом.", "четыре",
         "drugs_seized"),
        # a fine imposed is neither money confiscated nor the trade's proceeds
        ("Суды наложили на виновных штрафы на общую сумму 45 тысяч рублей.", "45 тысяч", None),
        ("Сумма наложенных административных штрафов составила 160 тысяч рублей.", "160 тысяч",
         None),
        ("Наложен арест на имущество на сумму 45 тысяч рублей.", "45 тысяч", "money_confiscated"),
        # crime news' slang for drugs; poisons, a legal class beside drugs, are none
        ("У второго подозреваемого нашли еще около 100 г запрещенного зелья.", "около 100 г",
         "drugs_seized"),
        ("Изъяли 30 кг гашиша и 900 килограммов ядовитых веществ.", "900", None),
        # seizures counted as facts are no crimes
        ("Зарегистрировано девять фактов значительных изъятий наркотических средств.",
         "девять", None),
        ("Зарегистрировано девять фактов сбыта наркотических средств.", "девять",
         "drug_sales_crimes"),
        # a later clause with its own verb says nothing of the figure's kind, once the
        # figure's own verb came before it
        ("Выявлено 927 наркопреступлений, в целом раскрываемость наркопреступлений выросла.",
         "927", "drug_crimes"),
        ("Изъято свыше 24 кг психотропных веществ, которые затем были уничтожены.", "свыше 24",
         "drugs_seized"),
        ("Почти четыре тысячи преступлений, связанных с наркотиками, раскрыли за год.",
         "Почти четыре тысячи", None),
        # «по» before a mass: each piece's size, no amount taken
        ("Найден 51 брикет по одному килограмму героина.", "одному килограмму", None),
        ("Он сбывал синтетику закладками по 0,6 грамма.", "0,6 грамма", None),
        ("Изъято по меньшей мере 4 кг героина.", "по меньшей мере 4 кг", "drugs_seized"),
        # a measure word counts what its genitive names: grenades, phones, medicines
        ("Изъяты 3 единицы светошумовых гранат.", "3 единицы", None),
        ("Сотрудники изъяли 924 единицы мобильной связи.", "924 единицы", None),
        ("Изъято 162 единицы сильнодействующих препаратов.", "162 единицы", "drugs_seized"),
        # destroying seized drugs is no seizure, even of drugs seized before
        ("В печи уничтожено 2 тонны изъятых наркотических средств.", "2 тонны", None),
        ("В печь отправили свыше 100 килограммов марихуаны.", "свыше 100", None),
        ("В огонь бросили почти 300 килограммов опия, найденного в грузовике.", "почти 300",
         None),
        ("В топку попало более 25 килограммов синтетики.", "более 25", None),
        # what the list's lead says of its first item it says of every item; an item with a
        # verb of its own starts a list of its own
        ("В печь отправлено 21 кг марихуаны, 3,2 кг героина и 1 кг маковой соломы.", "3,2 кг",
         None),
        ("В печь отправлено 21 кг марихуаны, 3,2 кг героина и 1 кг маковой соломы.", "1 кг",
         None),
        ("Уничтожено 5 кг героина, изъято 3 кг гашиша и 2 кг марихуаны.", "2 кг",
         "drugs_seized"),
        # the area crops grew on, whatever the verb; not a country's poppy statistics
        ("На огороде площадью 80 квадратных метров росло 300 кустов конопли.",
         "80 квадратных метров", "crops_destroyed"),
        ("Мак обнаружили на площади около 2 гектаров в пойме реки.", "около 2 гектаров",
         "crops_destroyed"),
        ("Посевные площади опийного мака в Мьянме составили 40 тыс. гектаров.", "40 тыс.", None),
        ("Засоренность края дикорастущей коноплей превышает 3 тысячи гектаров.", "3 тысячи", None),
        # what could have been made is no seizure
        ("Из изъятых реактивов можно было изготовить около 40 кг мефедрона.", "около 40", None),
        ("Выявлено 187 интернет-ресурсов, сведения о которых направлены для блокирования.",
         "187", "websites_blocked"),
        ("По 46 делам в суд направлено обвинительное заключение в отношении 14 граждан.",
         "14 граждан", None),
        # crop sites found are counted as crops, a weight of hemp found is a seizure
        ("К настоящему времени выявлено 115 фактов незаконных посевов мака.", "115",
         "crops_destroyed"),
        ("Полицейские обнаружили 10 очагов произрастания дикорастущей конопли.", "10",
         "crops_destroyed"),
        ("У мужчины обнаружено 5 кг конопли.", "5 кг", "drugs_seized"),
        # plants counted as plants are crops, whatever was done with them; weighed, a seizure
        ("За двое суток с приусадебных участков изъято 65 кустов конопли.", "65",
         "crops_destroyed"),
        ("Житель Адыгеи вырастил на приусадебном участке 30 кустов конопли.", "30",
         "crops_destroyed"),
        ("Изъято 2,5 кг высушенного наркосодержащего растения.", "2,5 кг", "drugs_seized"),
        ("На участке уничтожили более 200 кг наркосодержащей растительности.", "более 200",
         "crops_destroyed"),
        ("К административной ответственности за посев конопли привлечено 35 человек.", "35",
         "persons_admin_liable"),
        ("При обыске у них было изъято свыше 900 доз спайса, а также 285 тысяч рублей.", "285",
         "money_confiscated"),
        ("Изъято 5 кг гашиша стоимостью 5 млн рублей.", "5 млн", None),
        ("Наложен арест на имущество стоимостью 30 млн тенге.", "30", "money_confiscated"),
        ("У сбытчика конфисковано 5 млн тенге.", "5 млн", "money_confiscated"),
        # drug users poisoned or taken to hospital are harmed, not on a register
        ("Выясняются причины отравления наркоманов, более 50 которых обратились к врачам.",
         "более 50", None),
        # drugs seized «на сумму» are no money taken
        ("Изъято наркотиков на сумму 3,5 млрд тенге.", "3,5 млрд", None),
        ("Конфисковано имущество на сумму 5 млн тенге.", "5 млн", "money_confiscated"),
        ("Свыше 20 млрд тенге от наркоторговли перечислено через банки.", "Свыше 20",
         "money_proceeds"),
        ("Здесь обнаружили порядка пятисот литров наркосодержащей жидкости.", "порядка",
         "drugs_seized"),
        ("В этом году мы пресекли более 110 случаев ввоза наркотических средств.", "более 110",
         None),
        ("Сразу два задержания произвели борцы с наркобизнесом.", "два", "persons_detained"),
        ("Все пятеро подозреваемых содержатся под стражей.", "пятеро", "persons_detained"),
        # a «нарко-» compound's own word is context, as it is an object
        ("Заблокированы 1 210 наркосайтов.", "1 210", "websites_blocked"),
        # the words for drug users name the indicator themselves, unless they are detained
        ("За пять лет количество наркозависимых снизилось на 35%.", "35%",
         "drug_users_registered"),
        ("Задержаны 3 наркомана.", "3", "persons_detained"),
        # the narcology's count of new drug users, however far its words stand in the sentence
        ("Число впервые выявленных потребителей наркотиков по сравнению с прошлым годом "
         "снизилось на 20% (с 50 до 40).", "50", "drug_users_registered"),
        ("Впервые в регионе задержаны 5 наркоманов.", "5", "persons_detained"),
        # poisonings counted, however far the word stands from the number, are no crimes
        ("В 2023 году количество острых отравлений наркотическими средствами и психотропными "
         "веществами возросло и составило 5 216 случаев.", "5 216", None),
        # ... when they are what the figure counts: catching them is no register
        ("Ловить наркоманов стали чаще в районах области: Тамбовский район — на 40,9 % (с 22 до "
         "31), Бурейский — на 30,8 % (с 26 до 34).", "31", None),
        ("Ликвидировано 45 каналов поступления наркотических веществ в регион.", "45",
         "trafficking_channels"),
        ("Удалось не допустить попадания в оборот 20 миллионов разовых доз синтетики.", "20",
         "drugs_seized"),
        ("В тайнике хранилось 40 свертков с запрещенными веществами.", "40", "drugs_seized"),
        ("С начала года сотрудниками управления ФСКН выявлено 75 преступлений.", "75",
         "drug_crimes"),
        ("Трое задержанных находятся в изоляторе временного содержания.", "Трое",
         "persons_detained"),
        ("Выявлено 3 883 преступления, из них 3 586 связаны с незаконным оборотом наркотиков.",
         "3 883", "drug_crimes"),
        # a semicolon ends the clause whose words name what is counted
        ("Установлено 8 лиц, культивировавших наркосодержащие растения; выявлено 2 факта "
         "контрабанды.", "2 факта", None),
        # what a search turned up, and wild hemp cut and dried, are seizures
        ("При обыске в гараже нашлись 3 пакета с гашишем.", "3 пакета", "drugs_seized"),
        ("У него обнаружились две банки с гашишным маслом.", "две банки", "drugs_seized"),
        ("Мужчина заготовил на пустыре 120 кг марихуаны.", "120 кг", "drugs_seized"),
        ("Он успел накосить и высушить около 40 кг конопли.", "около 40 кг", "drugs_seized"),
        # couriers caught with a load, and a load stopped, counted or hauled in
        ("Двое жителей района незаконно переправили через границу 35 кг опия.", "35 кг",
         "drugs_seized"),
        ("Курьера поймали на вокзале с 3 килограммами гашиша.", "3 килограммами",
         "drugs_seized"),
        ("Пограничники не пропустили в страну 120 кг гашиша.", "120 кг", "drugs_seized"),
        ("В тайнике оперативники насчитали 57 свертков.", "57 свертков", "drugs_seized"),
        ("Улов полицейских составил 18 кг марихуаны.", "18 кг", "drugs_seized"),
        # a sentence with no verb goes on with the verb of the one before it
        ("В гараже полицейские нашли тайник. Всего было 35 кг гашиша и 2 кг героина.",
         "35 кг", "drugs_seized"),
        ("Таможенники изъяли партию наркотиков.\n— Около 12 кг кокаина.", "Около 12 кг",
         "drugs_seized"),
        ("Суд огласил приговор. Всего было 35 кг гашиша.", "35 кг", None),
        # the words for proceeds next to a sum, whatever the verb
        ("Выявлено 12 точек продажи с доходом в 3 млрд тенге.", "3 млрд", "money_proceeds"),
        ("Выручка интернет-магазина составила 8 млн рублей.", "8 млн", "money_proceeds"),
        # a currency abbreviated is the currency
        ("Изъято наличных 3 тыс. долларов и 450 тыс. руб.", "450 тыс", "money_confiscated"),
    ],
)  # fmt: skip
def test_indicator_vocabulary_reaches_common_phrasings(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_the_numbers_before_eto_rezultaty_za_a_period_are_that_periods():
    figures = annotated(
        "Более 700 килограммов наркотиков изъяли сотрудники таможни. Это результаты только за "
        "январь-февраль 2021 года. Возбуждено 106 уголовных дел.",
        published="2021-03-10",
    )
    seized = by_quote(figures, "Более 700")
    assert seized["scope"] == "period"
    assert (seized["period_start"], seized["period_end"]) == ("2021-01-01", "2021-02-28")
    # an operation named as their source makes them its totals too, with no dates stated
    figures = annotated(
        "Задержаны 267 нарушителей границы, изъято 3 тонны наркотиков. Таковы итоги операции "
        "«Канал»."
    )
    assert by_quote(figures, "3 тонны")["scope"] == "period"
    # words of one operation still tell of one operation
    figures = annotated(
        "При досмотре у него изъяли 2 кг гашиша. Таковы итоги операции «Канал» за неделю."
    )
    assert by_quote(figures, "2 кг")["scope"] == "event"


def test_an_agency_of_the_region_is_no_reporting_period():
    text = (
        "Об этом сообщили в управлении ФСБ России по региону. В частном доме нашли лабораторию "
        "и 20 кг мефедрона."
    )
    assert by_quote(annotated(text), "20 кг")["scope"] == "event"


@pytest.mark.parametrize(
    ("text", "quote", "scope"),
    [
        # a period named in words, however it starts
        ("Около 9 т дикорастущей конопли уничтожили в области с начала июня.", "Около 9 т",
         "period"),
        ("Сотрудники с начала лета выявили более 150 фактов произрастания конопли.", "более 150",
         "period"),
        ("Почти 30 кг наркотиков изъяли на Гомельщине в этом году.", "Почти 30", "period"),
        # what an investigation found out is about one case, in a text that sums up
        ("Всего задержано семь человек. По версии следствия, две женщины приехали в Волгоград "
         "с двумя килограммами мефедрона.", "двумя килограммами", "event"),
        ("За год выявлено 40 преступлений. Следствием установлена причастность участников "
         "группы к 13 фактам сбыта.", "13 фактам", "event"),
        ("С начала проведения ОПМ в области изъято более 10 кг наркотических средств.",
         "более 10", "period"),
        # a day that bounds a period is no day of an event
        ("С 1 июня текущего года в области уничтожено более 20,3 т конопли.", "более 20,3",
         "period"),
        # one operation: a village, a car, a person's home or age, even after a summary
        ("С начала года изъято 120 кг наркотиков. Вчера в деревне Кравцовка уничтожили более "
         "200 кг конопли.", "более 200", "event"),
        ("С начала года изъято 120 кг наркотиков. В районе у гражданина 1956 года рождения по "
         "месту жительства изъято 6880 таблеток.", "6880", "event"),
        ("С начала года изъято 120 кг наркотиков. Задержаны трое жителей в возрасте 53, 50 и 39 "
         "лет, которые везли 10 кг опия.", "10 кг", "event"),
        ("За полтора года участники группы продали наркотики. При обысках изъято 8 кг 215 "
         "граммов мефедрона.", "8 кг", "event"),
        ("В прошлом месяце наркополицейские изъяли 40 кг гашиша.", "40 кг", "period"),
        ("Таможенники выявили 34 случая перемещения наркотиков через границу.", "34", "period"),
        ("В прошлом месяце в селе задержали курьера с 4 кг гашиша.", "4 кг", "event"),
        # one spot outdoors, even in a named operation
        ("В рамках операции «Мак-2015» в лесном массиве изъяли свыше 220 килограммов "
         "марихуаны.", "свыше 220", "event"),
        ("В ходе операции «Мак» на пустыре за гаражами нашли 3 кг конопли.", "3 кг", "event"),
        # a record of the year is one seizure, not the year's total
        ("На Урале на границе с Казахстаном задержана крупнейшая в этом году партия героина - "
         "131 кг.", "131", "event"),
        # one person's home, in any case; a forensic finding on one seizure
        ("С начала года изъято 120 кг наркотиков. При обследовании его квартиры в кухонном "
         "шкафу изъят пакет с марихуаной массой 5515 граммов.", "5515", "event"),
        ("С начала года изъято 120 кг наркотиков. Согласно заключению экспертизы, изъятые "
         "вещества являются гашишем чистым весом 26 кг 759 гр.", "26 кг", "event"),
        ("С начала года изъято 120 кг наркотиков. По заключению экспертов, изъятое вещество "
         "оказалось мефедроном, весом 312 граммов.", "312", "event"),
        # a detention of many, after a summary, is part of it
        ("За неделю изъято 30 кг наркотиков. В ходе мероприятий задержаны восемь иностранцев с "
         "11 кг наркотиков.", "11 кг", "period"),
        # ... and without one, an event
        ("Задержаны двое жителей, у которых изъято 3 кг гашиша.", "3 кг", "event"),
        # a verdict is one case, even in a text that names a year before it
        ("В 2023 году в области изъято 120 кг наркотиков. Суд признал всех троих участников "
         "группы виновными.", "троих", "event"),
        ("За год суды признали виновными 120 наркосбытчиков.", "120", "period"),
        # a day that bounds a stock is no event's day, in quotes too
        ("«К 31 декабря на учете в диспансере состоит 6443 человека.", "6443", "period"),
        # one person named in the singular, or what one carried, after a summary
        ("С начала года изъято 120 кг наркотиков. У студентки в общежитии нашли 30 граммов "
         "мефедрона.", "30 граммов", "event"),
        ("За два года задержаны 15 закладчиков. При себе у юноши было 12 свертков.",
         "12 свертков", "event"),
        ("За два года задержаны 15 закладчиков. У сбытчиков изъято 3 кг синтетики.", "3 кг",
         "period"),
        # a region's people at large are no one person searched
        ("Более 500 граммов наркотиков изъяли у жителей Смоленской области во время "
         "мероприятия «Мак – 2019».", "Более 500", "period"),
        ("У жителя Смоленска изъяли 500 граммов гашиша.", "500", "event"),
        # a burning is one day's act, inside a summary too
        ("За девять месяцев полицейские изъяли 300 кг наркотиков. Изъятое уничтожают: в печь "
         "котельной отправлено 42 кг марихуаны.", "42 кг", "event"),
        ("С начала года изъято 300 кг наркотиков. Вчера на полигоне сожгли 180 кустов конопли.",
         "180 кустов", "event"),
        # unless a period is named: since an agency began, while an operation ran
        ("Со дня образования управления в его печах сожжено более 14 тонн наркотиков.",
         "более 14 тонн", "period"),
        ("За время проведения операции «Мак» выявлено 24 факта незаконного культивирования.",
         "24 факта", "period"),
        # a few days' results, not the days before something
        ("За последние десять дней полицейские изъяли 12 кг наркотиков.", "12 кг", "period"),
        ("За новогодние праздники наркополицейские изъяли 6 кг наркотиков.", "6 кг", "period"),
        ("За несколько дней до этого в Махачкале было изъято 340 граммов героина.", "340",
         "event"),
        # a few people counted by a collective numeral: one group's story inside a summary
        ("За год выявлено 120 наркопреступлений. За организацию нарколаборатории осуждены "
         "двое граждан Молдавии.", "двое граждан", "event"),
        # unless the sentence names its period, or they are some of a counted whole
        ("С начала года в городе задержали уже четверых «производителей».", "четверых",
         "period"),
        ("За год на учёт поставлены 9 человек. Трое из них прошли лечение.", "Трое", "period"),
        # a person's age is one story; an age bracket is a statistic's
        ("Задержан мужчина в возрасте 35 лет, у которого изъяли 2 кг гашиша.", "2 кг",
         "event"),
        ("На учёте состоят 1 500 наркоманов, из них 450 человек в возрасте до 30 лет.",
         "450 человек", "period"),
        # how long one group's crimes went on is no reporting period
        ("За год выявлено 120 наркопреступлений. С января по апрель двое соучастников "
         "производили мефедрон в гараже.", "двое", "event"),
        ("По версии следствия, с ноября 2023 по май 2025 года группа сбыла 43 кг героина.",
         "43 кг", "event"),
        # a period named in words still is one
        ("За год с января по декабрь задержаны двое курьеров.", "двое", "period"),
        # one plot or site inside a summary; a border's or a police unit's area is no plot
        ("За год уничтожено 12 тонн конопли. На окраине Усть-Лабинска нашли более 1000 кустов.",
         "более 1000", "event"),
        ("За год изъято 3 тонны. Еще 186 кг изъяли на участке таджикско-афганской границы.",
         "186 кг", "period"),
    ],
)  # fmt: skip
def test_scope_of_one_operation_and_of_a_period(text, quote, scope):
    assert by_quote(annotated(text), quote)["scope"] == scope


def _total_of(figures: list[dict], quote: str) -> str | None:
    part_of = by_quote(figures, quote)["part_of"]
    return None if part_of is None else figures[part_of]["quote"]


def test_v_ikh_chisle_points_at_the_total_whose_parts_may_overlap():
    figures = annotated(
        "Выявлено 45 наркопреступлений. В их числе оказалось 20 тяжких преступлений, а также "
        "30 преступлений, связанных со сбытом."
    )
    assert _total_of(figures, "20") == _total_of(figures, "30") == "45 наркопреступлений"


def test_lines_of_one_amount_each_after_v_tom_chisle_are_parts_of_the_total():
    figures = annotated(
        "Изъято более 2 тонн наркотиков, в том числе:\n300 кг героина.\n1 тонна 500 кг "
        "гашиша.\nЗадержаны 40 человек, изъято 12 единиц оружия."
    )
    assert _total_of(figures, "300 кг") == _total_of(figures, "1 тонна 500 кг") == "более 2 тонн"
    assert by_quote(figures, "300 кг")["indicator"] == "drugs_seized"
    # the list ends at the first line that is more than an amount
    assert by_quote(figures, "40 человек")["part_of"] is None


def test_a_sentence_opening_with_n_of_them_breaks_down_the_total_before():
    figures = annotated(
        "С начала года ликвидированы 8 нарколабораторий. 3 из них – цеха по изготовлению "
        "психотропных, 5 – синтетических наркотиков."
    )
    assert by_quote(figures, "8 нарколабораторий")["role"] == "total"
    assert _total_of(figures, "3") == _total_of(figures, "5") == "8 нарколабораторий"


def test_a_subset_after_a_change_breaks_down_the_current_value():
    figures = annotated(
        "Число наркопреступлений несовершеннолетних увеличилось с 72 до 96 (+33,3%), из них 75 "
        "связаны со сбытом наркотиков."
    )
    assert _total_of(figures, "75") == by_quote(figures, "96")["quote"]


def test_a_share_names_a_part_of_a_total_a_sentence_or_two_before():
    figures = annotated(
        "С начала года изъяли 29,3 кг наркотических средств. 80% изъятого составляет "
        "марихуана. На долю синтетических психотропов, а их изъяли около 3 кг, приходится "
        "около 10%."
    )
    assert _total_of(figures, "около 3 кг") == "29,3 кг"


def test_a_percentage_of_iz_nikh_is_a_share_of_the_number_before():
    figures = annotated(
        "За 9 месяцев выявлено 640 наркопреступлений. Из них около 70% связаны со сбытом."
    )
    assert _total_of(figures, "около 70%") == "640 наркопреступлений"
    # a share names no amount of its total's kind: no indicator of its own
    assert by_quote(figures, "около 70%")["indicator"] is None
    figures = annotated("Задержаны 52 человека, 40% из которых – приезжие, 35% – безработные.")
    assert _total_of(figures, "40%") == _total_of(figures, "35%") == "52 человека"
    # siblings only while together they stay within the whole
    figures = annotated("Изъято 12 кг наркотиков, из них 80% – гашиш, 30% – героин.")
    assert _total_of(figures, "80%") == "12 кг"
    assert _total_of(figures, "30%") is None
    # no number to be a share of, and a change is no share
    figures = annotated(
        "Задержано 40 человек. Большинство нарушителей – иностранцы. Из них 30% – граждане Литвы."
    )
    assert _total_of(figures, "30%") is None  # «Из них» looks back one sentence only
    figures = annotated("Выявлено 300 преступлений, из них на 12% больше связаны со сбытом.")
    assert _total_of(figures, "12%") is None


def test_the_parts_of_drugs_destroyed_are_no_seizure_either():
    figures = annotated(
        "В присутствии журналистов в печи было сожжено 120 кг 500 г наркотиков, из которых "
        "30 кг 100 г составлял героин, 40 кг 200,5 г опий-сырец и 50 кг 199,5 г марихуана."
    )
    assert _total_of(figures, "50 кг") == "120 кг 500 г"
    assert [f["indicator"] for f in figures] == [None, None, None, None]
    # a seizure's parts stay seized
    figures = annotated("Изъято 169 кг наркотиков, из которых 41 кг героина и 84 кг опия.")
    assert [f["indicator"] for f in figures] == ["drugs_seized"] * 3


def test_iz_kotoroy_breaks_down_a_singular_whole():
    figures = annotated("Изъята партия героина весом 12 кг, из которой 7 кг были спрятаны в шинах.")
    assert _total_of(figures, "7 кг") == "12 кг"
    # and «среди которой», a slip of case for «среди которых», as well
    figures = annotated(
        "За год совершено почти 2 тысячи преступлений, среди которой 7 убийств, 79 грабежей и "
        "более 560 краж."
    )
    assert _total_of(figures, "79 грабежей") == "почти 2 тысячи преступлений"


def test_a_count_in_brackets_after_an_item_does_not_end_the_list():
    figures = annotated(
        "Изъято свыше 300 кг наркотиков, в том числе 120 кг гашиша на складе, 60 кг маковой "
        "соломы (около 900 стеблей) в сарае за городом и 40 кг героина."
    )
    assert {_total_of(figures, q) for q in ("120 кг", "60 кг", "40 кг")} == {"свыше 300 кг"}
    assert _total_of(figures, "около 900") is None


def test_items_joined_by_i_each_with_a_dash_share_the_verb_left_out():
    figures = annotated(
        "Раскрыто 312 преступлений. В общем числе этих преступлений 180 – сбыт, 75 – совершены "
        "группой лиц и 40 – в крупном размере."
    )
    assert {_total_of(figures, q) for q in ("180", "75", "40")} == {"312 преступлений"}


def test_iz_kotorykh_after_a_measure_of_the_whole_counts_the_whole():
    figures = annotated(
        "Обнаружено 48 участков с посевами мака общей площадью около 9 гектаров, из которых "
        "уничтожено 30 участков."
    )
    assert _total_of(figures, "30 участков") == "48 участков"
    assert by_quote(figures, "около 9")["role"] == "value"


def test_semicolons_separate_the_items_of_a_list_a_colon_opened():
    figures = annotated("Изъято 9,2 кг наркотиков: 40 г героина; 3,1 кг гашиша, 5 кг марихуаны.")
    assert {_total_of(figures, q) for q in ("40 г", "3,1 кг", "5 кг")} == {"9,2 кг"}
    # a semicolon with a verb after it still ends the list
    figures = annotated(
        "Изъято 9,2 кг наркотиков: 40 г героина; задержаны 3 курьера с 6 кг марихуаны."
    )
    assert _total_of(figures, "6 кг") is None


def test_in_n_cases_counts_some_of_the_cases_a_larger_count_before_named():
    figures = annotated(
        "За месяц выявлено 58 преступлений, связанных с наркотиками, в 31 случае речь идет о сбыте."
    )
    assert _total_of(figures, "31") == "58 преступлений"
    figures = annotated("Перекрыто 17 каналов контрабанды, в 12 случаях груз шел из Европы.")
    assert _total_of(figures, "12") == "17 каналов"
    # people are no cases: «в 4 случаях» tells what happened to some of them, not who
    figures = annotated("На учете состоят 120 наркозависимых, в 4 случаях лечение прервано.")
    assert _total_of(figures, "4") is None
    # in the next sentence the cases are as often of something else
    figures = annotated("Выявлено 403 преступления. В 10 случаях прием зелья закончился смертью.")
    assert _total_of(figures, "10") is None


def test_a_sentence_opening_with_vsego_sums_what_its_paragraph_stated_before():
    figures = annotated(
        "При обыске изъяли 54 свертка общей массой более 19 килограммов. Всего изъято свыше "
        "21 килограмма синтетического наркотика."
    )
    assert _total_of(figures, "более 19 килограммов") == "свыше 21 килограмма"
    # ... not when what came before is more than the whole
    figures = annotated("У курьера изъяли 30 кг гашиша. Всего изъято более 21 кг наркотиков.")
    assert {f["role"] for f in figures} == {"value"}


def test_vsego_sums_the_finds_of_the_paragraphs_before_when_two_at_least_stay_within_it():
    # a page that gives each sentence its own paragraph
    figures = annotated(
        "В машине курьера полицейские нашли около 700 граммов гашиша.\n"
        "При обыске в его квартире изъяли еще 400 граммов марихуаны.\n"
        "Всего изъято более 1,1 килограмма наркотиков."
    )
    total = "более 1,1 килограмма"
    assert _total_of(figures, "около 700") == _total_of(figures, "400 граммов") == total
    assert by_quote(figures, total)["check"] == "ok"
    # a release that misadds them by a few percent: still the parts, and the check says so
    figures = annotated(
        "В сумке курьера нашли 3 кг 500 граммов гашиша.\n"
        "В тайнике под сиденьем обнаружили еще 8 кг 200 граммов.\n"
        "Всего изъятое вещество составило 11 кг 400 граммов."
    )
    assert _total_of(figures, "3 кг 500") == "11 кг 400 граммов"
    assert by_quote(figures, "11 кг 400")["check"] == "mismatch"
    # one find alone, or one amount told twice, may be the same amount or one lot of many
    for text in (
        "Полицейские уничтожили 1,8 тонны кустов конопли.\nВсего уничтожено 1,8 тонны кустов.",
        "Полицейские сожгли 46 кг наркотиков.\nВ печи полицейские сожгли 46 кг наркотиков.\n"
        "Всего было более 200 кг марихуаны.",
    ):
        assert {f["role"] for f in annotated(text)} == {"value"}


def test_n_of_them_with_no_total_in_its_sentence_is_a_part_of_the_count_before():
    figures = annotated(
        "За три года ликвидировали 27 подпольных нарколабораторий. По данным ведомства, "
        "нарколаборатории работали на заказ, 12 из них изготавливали синтетические наркотики, "
        "15 — наркотики каннабисной группы."
    )
    assert _total_of(figures, "12") == _total_of(figures, "15") == "27 подпольных нарколабораторий"


def test_of_the_seized_names_a_part_of_the_total_before_and_opens_a_list():
    figures = annotated(
        "С начала года изъято 759,6 кг наркотиков. По словам источника, 322,1 кг из изъятых в "
        "нынешнем году наркотиков составляет героин, 315 кг – опий-сырец, 154 кг – каннабис."
    )
    for quote in ("322,1 кг", "315 кг", "154 кг"):
        assert _total_of(figures, quote) == "759,6 кг"


def test_the_total_stated_again_is_no_part_of_itself():
    figures = annotated(
        "Около 9 т дикорастущей конопли уничтожили с начала июня. Уничтожены посевы на площади "
        "более 68 га - более 226 кг мака и около 9 т конопли."
    )
    assert {f["role"] for f in figures} == {"value"}


def test_an_earlier_year_after_togda_kak_is_a_baseline():
    figures = annotated(
        "За 2020 год выявлено 512 преступлений, тогда как за 2019-й – 430.", published="2021-01-20"
    )
    assert by_quote(figures, "430")["role"] == "baseline"
    assert by_quote(figures, "512 преступлений")["role"] == "value"


def test_each_year_of_a_series_named_by_a_bare_year_is_the_next_ones_baseline():
    figures = annotated(
        "Число экспертиз растет: в 2015 году их провели 812, в 2018 - 1034, а за неполный "
        "2019 - уже 1100.",
        published="2019-11-02",
    )
    assert [by_quote(figures, q)["role"] for q in ("812", "1034", "1100")] == [
        "baseline", "baseline", "value"
    ]  # fmt: skip
    # each earlier value keeps the year its own clause names
    assert by_quote(figures, "812")["period_start"] == "2015-01-01"
    assert by_quote(figures, "1034")["period_start"] == "2018-01-01"


def test_chem_v_a_year_names_the_earlier_value_not_the_period():
    figures = annotated(
        "Кокаина изъято 3,2 кг, это больше, чем в 2019-ом - 1,4 кг.", published="2021-02-10"
    )
    assert by_quote(figures, "1,4 кг")["role"] == "baseline"
    assert by_quote(figures, "3,2 кг")["role"] == "value"
    assert by_quote(figures, "3,2 кг")["period_start"] is None


def test_last_year_after_an_older_year_is_the_current_value():
    figures = annotated(
        "В 2017 году в городе выявили 640 наркопреступлений, а в прошлом году – 590.",
        published="2020-01-20",
    )
    assert by_quote(figures, "640")["role"] == "baseline"
    assert by_quote(figures, "640")["period_start"] == "2017-01-01"
    assert by_quote(figures, "590")["role"] == "value"
    assert by_quote(figures, "590")["period_start"] == "2019-01-01"


def test_an_earlier_share_is_a_baseline():
    figures = annotated(
        "Удельный вес раскрытых преступлений составил 71,7% (+3,6% по сравнению с аналогичным "
        "периодом прошлого года (далее – АППГ) – 68,2%)."
    )
    assert by_quote(figures, "68,2%")["role"] == "baseline"
    assert by_quote(figures, "71,7%")["role"] == "value"


def test_list_items_under_a_header_take_its_verb():
    figures = annotated(
        "С начала года из незаконного оборота были изъяты:\n\n• 41 кг традиционных "
        "наркотических средств;\n• более 100 кг синтетических наркотиков;"
    )
    assert by_quote(figures, "41 кг")["indicator"] == "drugs_seized"
    assert by_quote(figures, "более 100 кг")["indicator"] == "drugs_seized"


def test_the_words_after_a_bracket_of_numbers_name_what_the_number_counts():
    figures = annotated(
        "Число наркопреступлений несовершеннолетних увеличилось с 72 до 96 (+33,3%), из них 75 "
        "(+31,6%, АППГ – 57) связаны со сбытом наркотиков."
    )
    assert by_quote(figures, "75")["indicator"] == "drug_sales_crimes"
    assert by_quote(figures, "31,6%")["indicator"] == "drug_sales_crimes"


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # a difference in a sentence saying «это» measures the number of the sentence before
        ("За девять месяцев изъято 4 тонны 663 кг наркотических средств. Отмечено, что это на "
         "582 килограмма больше, чем годом ранее.", "582", "drugs_seized"),
        # a collective numeral counts people
        ("В 2024 году задержаны трое, изъято 5 кг гашиша.", "трое", "persons_detained"),
        # a dash label belongs to the number before it, not to the next one
        ("За десять месяцев выявлено 1367 преступлений, связанных с незаконным оборотом "
         "наркотиков. Из них 760 - сбыт наркотических средств и 858 тяжких и особо тяжких "
         "преступлений.", "858", "drug_crimes"),
        ("За десять месяцев выявлено 1367 преступлений, связанных с незаконным оборотом "
         "наркотиков. Из них 760 - сбыт наркотических средств и 858 тяжких и особо тяжких "
         "преступлений.", "760", "drug_sales_crimes"),
        # of the indicators the words around a change fit, the noun counted right after it
        ("В районе на 12% больше зарегистрировано преступлений, связанных с оборотом "
         "наркотиков.", "12%", "drug_crimes"),
        ("В районе на 12% больше изъято наркотиков, чем выявлено преступлений.", "12%",
         "drugs_seized"),
        # a landowner's failure to destroy wild hemp is neither a crop destroyed nor a crime
        ("Выявлено 6 фактов непринятия землепользователем мер по уничтожению дикорастущих "
         "растений, содержащих наркотические вещества.", "6 фактов", None),
        ("Выявлено 115 фактов незаконных посевов мака.", "115", "crops_destroyed"),
        # any people held administratively liable, whatever they are called
        ("26 наркоманов привлекли к административной ответственности.", "26",
         "persons_admin_liable"),
        # young plants are plants
        ("Полицейские изъяли свыше 230 саженцев конопли.", "свыше 230", "crops_destroyed"),
        # a collective numeral counts people, whatever drug its sentence names
        ("В Кировском районе с курительными смесями задержаны двое.", "двое",
         "persons_detained"),
        # alcohol seized beside drugs is no drug
        ("За 11 месяцев изъяли 924 единицы мобильной связи, около 50 литров спиртосодержащей "
         "жидкости и 20 граммов наркотиков.", "около 50", None),
        # border guards seize by taking
        ("Пограничники уничтожили двух наркокурьеров и захватили 200 килограммов опия.",
         "200", "drugs_seized"),
    ],
)  # fmt: skip
def test_what_the_words_around_say_and_what_they_do_not(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_a_prison_term_received_is_one_court_case_of_convicted_people():
    text = (
        "По приговору суда организатор получил 11 лет колонии, а трое его сообщников — от 8 до "
        "9 лет лишения свободы. Полиция ликвидировала 4 фитолаборатории."
    )
    figures = annotated(text)
    convicted = by_quote(figures, "трое")
    assert (convicted["indicator"], convicted["scope"]) == ("persons_convicted", "event")
    assert by_quote(figures, "4 фитолаборатории")["indicator"] == "drug_labs"
    # a verdict delivered to named people, and a term «на 18 лет в колонию», are one case
    text = (
        "Суд вынес приговор троим жителям города. Главаря отправили на 18 лет в колонию со "
        "штрафом 600 тыс. рублей."
    )
    figures = annotated(text)
    assert [by_quote(figures, q)["scope"] for q in ("троим", "600 тыс.")] == ["event", "event"]
    # a verdict announced for a group is one case too
    figures = annotated("В области огласили приговор в отношении 23 участников ОПГ.")
    assert by_quote(figures, "23 участников")["scope"] == "event"
    figures = annotated("Двое его подельников отправятся в колонию на 17 и 15 лет.")
    assert (by_quote(figures, "Двое")["indicator"], by_quote(figures, "Двое")["scope"]) == (
        "persons_convicted",
        "event",
    )
    figures = annotated("На 4 % стало меньше состоящих на учете у наркологов.")
    assert by_quote(figures, "4 %")["indicator"] == "drug_users_registered"
    # a statistic of convictions names no term: still a period's number
    text = "В 2024 году осуждены 120 человек за сбыт наркотиков."
    assert by_quote(annotated(text), "120")["scope"] == "period"


def test_a_count_of_crimes_is_a_statistic_and_parts_share_their_totals_scope():
    figures = annotated("Число наркопреступлений составило 450, что на 15 больше, чем годом ранее.")
    assert by_quote(figures, "450")["scope"] == "period"
    figures = annotated(
        "С начала года изъято 120 кг наркотиков. При личном досмотре мужчины нашли около 2,5 кг "
        "наркотиков, среди них 1,9 кг марихуаны и 600 граммов гашиша."
    )
    assert {by_quote(figures, q)["scope"] for q in ("около 2,5", "1,9", "600")} == {"event"}


def test_the_story_of_one_operation_goes_on_inside_a_summary():
    figures = annotated(
        "С начала года полицейские изъяли более 300 кг наркотиков. В феврале на посту полицейские "
        "остановили автомобиль и изъяли около 500 граммов героина. В бензобаке лежали две бутылки "
        "героина весом 1 200 граммов.\nВсего с начала года выявлено 524 преступления."
    )
    scopes = {
        q: by_quote(figures, q)["scope"] for q in ("более 300", "около 500", "две", "1 200", "524")
    }
    # the sentence after an operation's goes on with it; the next paragraph sums up again
    assert scopes == {"более 300": "period", "около 500": "event", "две": "event", "1 200": "event",
                      "524": "period"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # a weight of a drug is what was seized
        ("Общий вес героина составил 17 граммов.", "17", "drugs_seized"),
        # «это» takes the verb of the sentence before
        ("В 2025 году изъято почти 704 кг синтетических наркотиков. По информации полиции, это "
         "соответствует более 4 миллионов одноразовых доз.", "более 4", "drugs_seized"),
        # ... but «в этом году» is no «это»
        ("В этом году в 10 случаях прием зелья закончился летальным исходом.", "10", None),
    ],
)  # fmt: skip
def test_weights_and_what_this_refers_to(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_a_copula_does_not_end_a_list_of_parts():
    figures = annotated(
        "С начала года изъято 3 тонны 383 кг наркотических средств, из которых около 364 кг "
        "составляет героин, около 400 кг – опий-сырец, свыше 2 тонн 615 кг – гашиш."
    )
    for quote in ("около 364", "около 400", "свыше 2 тонн"):
        assert _total_of(figures, quote) == "3 тонны 383 кг"
        assert by_quote(figures, quote)["indicator"] == "drugs_seized"


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # the court of the next phrase is not this number's
        ("Выявили более 1100 наркопреступлений, в суд направлено свыше 400 уголовных дел.",
         "более 1100", "drug_crimes"),
        ("Выявили более 1100 наркопреступлений, в суд направлено свыше 400 уголовных дел.",
         "свыше 400", "cases_to_court"),
        ("Районным судом рассмотрено 220 уголовных дел.", "220", None),
        # a weight of what is seized with drugs is no drug
        ("Полицейские изъяли более 600 килограммов веществ и более 1,5 тонн прекурсоров.",
         "более 1,5", None),
        # explosives seized beside drugs are no drug either
        ("Росгвардия изъяла более 83,5 кг взрывчатых веществ и 40 кг наркотиков.", "более 83,5",
         None),
        ("Росгвардия изъяла более 83,5 кг взрывчатых веществ и 40 кг наркотиков.", "40",
         "drugs_seized"),
        # ... even listed as a part of the drugs
        ("Изъято свыше 525 кг наркотических средств, в том числе 52 кг синтетических и более "
         "3 тонн прекурсоров.", "более 3", None),
        ("Здесь обнаружили порядка пятисот литров наркосодержащей жидкости, оборудование и "
         "реактивы.", "порядка", "drugs_seized"),
        ("В лаборатории изъяли свыше 700 кг химреактивов.", "свыше 700", None),
        ("В прошлом году изъяли всего 34 килограмма.", "34", "drugs_seized"),
        # a lab named before a seizure leaves it one
        ("В Павлодаре ликвидировали нарколабораторию, изъято 36 кг мефедрона.", "36",
         "drugs_seized"),
        ("Ликвидировано 12 нарколабораторий и изъято 40 кг наркотиков.", "12", "drug_labs"),
        # any people detained, not only the nouns listed
        ("Оперативники задержали двух проводников поезда.", "двух", "persons_detained"),
        # a lab's equipment after «и» is no part of the seized liquid's phrase
        ("Изъято более 11 тонн наркосодержащей жидкости и лабораторное оборудование.",
         "более 11", "drugs_seized"),
        ("Изъято 84 единицы психотропного вещества.", "84", "drugs_seized"),
        # a number sharing the next one's noun counts what the next counts
        ("Ликвидированы 34 международных и 32 региональных канала поставок наркотиков.", "34",
         "trafficking_channels"),
        # an object the figures step took from «в этом году» says nothing of a weight
        ("Например героин. Только в этом году его было изъято более 3,4 кг.", "более 3,4",
         "drugs_seized"),
    ],
)  # fmt: skip
def test_phrases_and_what_is_seized_with_drugs(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_a_year_in_brackets_with_its_number_is_the_baseline_not_the_sentences_period():
    text = "Из оборота изъято 710 граммов синтетических наркотиков (в 2021 году – 372 грамма)."
    figures = annotated(text)
    current, earlier = by_quote(figures, "710"), by_quote(figures, "372")
    assert (earlier["role"], current["role"]) == ("baseline", "value")
    assert current["period_start"] is None or current["period_start"][:4] != "2021"
    # ... and the year after the number, in its bracket
    text = "В 2022 году выявлено 6 648 наркопреступлений (6 698 в 2021 году)."
    assert by_quote(annotated(text), "6 698")["role"] == "baseline"


def test_a_half_year_in_brackets_is_the_earlier_values_period_not_the_sentences():
    text = (
        "Из числа осужденных 830 человек, или 72,4%, приговорены к лишению свободы (за 1 пол. "
        "2024 г. – 905, или 70,1%)."
    )
    figures = annotated(text, published="2025-08-04")
    assert [by_quote(figures, q)["role"] for q in ("830", "72,4%", "905", "70,1%")] == [
        "value", "value", "baseline", "baseline"
    ]  # fmt: skip
    assert by_quote(figures, "830")["period_start"] != "2024-01-01"


def test_the_numbers_that_go_on_an_earlier_years_clause_are_baselines_too():
    text = (
        "В 2025 году в районе выявлено 312 наркопреступлений и изъято 48 кг наркотиков, а в "
        "2024 году возбуждено 287 уголовных дел и изъято 61 кг запрещенных веществ."
    )
    figures = annotated(text, published="2026-02-01")
    assert [by_quote(figures, q)["role"] for q in ("312", "48 кг", "287", "61 кг")] == [
        "value", "value", "baseline", "baseline"
    ]  # fmt: skip
    # a part of the earlier value is no baseline of a current value of its own
    text = (
        "В 2025 году выявлено 312 преступлений и 40 фактов сбыта, в 2024 году зарегистрировано "
        "287 преступлений, из них 35 фактов сбыта."
    )
    assert by_quote(annotated(text, published="2026-02-01"), "35")["role"] != "baseline"


def test_the_figure_of_an_earlier_year_given_for_comparison_is_a_baseline():
    text = (
        "За 2025 год таможня изъяла 212 кг наркотиков (для сравнения, в 2024 году этот "
        "показатель составил 174 кг)."
    )
    figures = annotated(text, published="2026-01-15")
    assert by_quote(figures, "174 кг")["role"] == "baseline"
    assert by_quote(figures, "212 кг")["role"] == "value"


def test_an_earlier_year_of_the_kind_named_again_is_the_baseline_of_the_number_before():
    text = (
        "По итогам 2025 года полиция области подвела итоги. Пресечено 9 каналов поставки "
        "наркотиков, выявлено 416 преступлений, совершенных с использованием сети Интернет. "
        "В 2024 году подобных преступлений было 388."
    )
    figures = annotated(text, published="2025-06-01")  # the year the text named is the report's
    assert by_quote(figures, "388")["role"] == "baseline"
    assert by_quote(figures, "416")["role"] == "value"
    # a year that is the report's own is no earlier period
    text = "Выявлено 416 преступлений. В 2025 году подобных преступлений было 388."
    assert by_quote(annotated(text, published="2025-06-01"), "388")["role"] != "baseline"


def test_last_year_is_the_period_of_a_report_on_it_not_an_earlier_one():
    # a yearly report: the numbers before name no later period, so «в прошлом году» is its own
    text = (
        "Полицейские города подвели итоги работы. Выявлено 214 наркопреступлений, изъято 18 кг "
        "наркотиков. Всего в прошлом году из оборота изъято более 20 кг запрещенных веществ."
    )
    figures = annotated(text, published="2026-01-20")
    assert by_quote(figures, "более 20 кг")["role"] != "baseline"
    # a value of this year before it makes it the earlier one
    text = (
        "С начала года полицейские изъяли 18 кг наркотиков. В прошлом году за тот же срок "
        "изъято 25 кг."
    )
    assert by_quote(annotated(text, published="2026-06-20"), "25 кг")["role"] == "baseline"
    # and so do words that only compare, with no verb of their own
    text = "Полицейские изъяли 18 кг наркотиков. В прошлом году — 25 кг."
    assert by_quote(annotated(text, published="2026-06-20"), "25 кг")["role"] == "baseline"


def test_a_bracket_of_the_end_of_an_earlier_year_holds_a_baseline():
    text = (
        "Сейчас на диспансерном учете состоят 1 204 потребителя наркотиков (на конец 2024 г. — "
        "1 317)."
    )
    figures = annotated(text, published="2025-09-01")
    assert [by_quote(figures, q)["role"] for q in ("1 204", "1 317")] == ["value", "baseline"]


def test_togda_after_a_comparison_with_an_earlier_year_names_that_year():
    text = (
        "В 2025 году в области выявлено 96 случаев отравления наркотиками. Это на 20% больше, "
        "чем в 2024 году. Тогда медики зарегистрировали 80 отравлений."
    )
    figures = annotated(text, published="2026-02-01")
    assert by_quote(figures, "80")["role"] == "baseline"
    # «тогда» with no comparison before it is no earlier period
    text = "В 2025 году выявлено 96 отравлений. Тогда же медики открыли 8 новых кабинетов."
    assert by_quote(annotated(text, published="2026-02-01"), "8 новых")["role"] != "baseline"


def test_last_year_in_the_body_is_no_baseline_of_a_headline_about_one_raid():
    title = "Дружинники помогли изъять более 900 граммов наркотиков"
    body = (
        "Народные дружинники помогли полиции задержать закладчика. Всего в прошлом году в "
        "городе из незаконного оборота было изъято более 40 килограммов наркотиков."
    )
    figures = annotated(body, title=title, published="2026-03-20")
    assert by_quote(figures, "более 40")["role"] != "baseline"
    # words that compare still make it one
    body = "Эти показатели чуть меньше прошлого года, когда было изъято 40 кг наркотиков."
    title = "Полиция изъяла 35 кг наркотиков за год"
    figures = annotated(body, title=title, published="2026-03-20")
    assert by_quote(figures, "40 кг")["role"] == "baseline"


def test_earlier_news_recalled_is_no_baseline():
    text = (
        "Полицейские изъяли у жителя Бийска 2 кг марихуаны. Напомним, ранее 1,5 кг марихуаны "
        "изъяли у его соседа."
    )
    assert by_quote(annotated(text), "1,5 кг")["role"] != "baseline"


def test_a_number_alone_in_brackets_after_its_twin_is_the_earlier_value():
    figures = annotated("В 2023 году зарегистрировано 700 (655) правонарушений.")
    assert [by_quote(figures, q)["role"] for q in ("700", "655")] == ["value", "baseline"]
    # a breakdown or a share in brackets is none
    figures = annotated("Выявлено 10 посевов (3 — мака, 7 — конопли).")
    assert by_quote(figures, "3")["role"] != "baseline"
    # the same amount in other units is a restatement, not last year's value
    figures = annotated("В 2017 году изъято порядка 15-ти килограммов (15 547 гр.) наркотиков.")
    assert by_quote(figures, "15 547")["role"] == "value"
    figures = annotated("В 2017 году изъято 15,540 (АППГ – 12,706) кг наркотических средств.")
    assert [by_quote(figures, q)["role"] for q in ("15,540", "12,706")] == ["value", "baseline"]


def test_a_change_restated_after_or_is_a_change():
    figures = annotated(
        "Изъято 3 т наркотиков, что по сравнению с 2023 годом больше на 25 процентов, или на "
        "619 кг."
    )
    assert [by_quote(figures, q)["role"] for q in ("3 т", "25", "619")] == [
        "value",
        "change",
        "change",
    ]


def test_a_baseline_whose_current_value_only_the_headline_states():
    title = "Рекордные 798 килограммов синтетики изъяли в Кыргызстане в 2025 году"
    text = "Об этом сообщили в МВД. По его словам, в прошлом году изъяли всего 34 килограмма."
    figures = annotated(text, published="2025-10-01", title=title)
    earlier = by_quote(figures, "34")
    assert (earlier["role"], earlier["scope"]) == ("baseline", "period")
    assert annotated(text, published="2025-10-01")[0]["role"] == "value"  # no headline: no twin


def test_a_few_people_detained_in_a_month_are_one_operation():
    text = (
        "В августе 2025 года в Сурхандарьинской области были задержаны двое граждан, "
        "пытавшихся ввезти 20 кг опия."
    )
    assert [f["scope"] for f in annotated(text)] == ["event", "event"]


def test_a_briefing_yesterday_is_no_operation():
    figures = annotated(
        "Накануне на коллегии МВД подвели итоги операции: изъято 5 тонн наркотиков."
    )
    assert by_quote(figures, "5 тонн")["scope"] == "period"


@pytest.mark.parametrize(
    ("text", "quote", "role", "scope"),
    [
        ("Число наркопреступлений увеличилось на 120 по сравнению с прошлым годом.", "120",
         "change", "period"),
        ("Количество изъятых наркотиков снизилось почти на 40 кг.", "почти", "change", "period"),
        # a noun of change as the subject of «составить», and «превышает показатель … на»
        ("Таким образом, прирост составил почти одну тонну.", "почти одну тонну", "change",
         "period"),
        # ... with the subject's words and their abbreviations between them
        ("Снижение числа осужденных по ст. 228 УК РФ за 9 мес. 2025 г. составило 14,2%.",
         "14,2%", "change", "period"),
        # ... the whole noun only: «Ростовской» is no «рост»
        ("В Ростовской области по итогам года объем изъятого составил 45 кг.", "45 кг", "value",
         "period"),
        ("Изъято 1,1 тонны, это превышает показатель предыдущего года на 190 килограммов.",
         "190 килограммов", "change", "period"),
        # the subject between the verb and «на»
        ("В области сократилось количество наркоманов на 2 000 человек.", "2 000", "change",
         "period"),
        ("Изъято 120 кг наркотиков (-30%).", "120", "value", "period"),
        ("На 22 кг наркотической угрозы стало меньше.", "22", "value", "event"),
    ],
)  # fmt: skip
def test_differences_and_what_a_bracketed_change_says(text, quote, role, scope):
    figure = by_quote(annotated(text), quote)
    assert (figure["role"], figure["scope"]) == (role, scope)


def test_a_sentence_opening_among_the_numbers_before_breaks_them_down():
    figures = annotated(
        "В печах комбината уничтожили более 45 килограммов наркотиков. Из числа уничтоженных "
        "объектов десять килограммов наркотиков было конфисковано у троих граждан."
    )
    assert by_quote(figures, "десять")["role"] == "part"
    figures = annotated(
        "В ходе спецоперации изъято почти 50 килограммов наркотиков. Как уточнили в "
        "управлении, в общем количестве изъятого было порядка 6 килограммов героина и 35 "
        "килограммов марихуаны."
    )
    assert [by_quote(figures, q)["role"] for q in ("почти 50", "порядка 6", "35")] == [
        "total",
        "part",
        "part",
    ]


def test_crimes_named_like_the_ones_before_and_what_is_seized_beside_drugs():
    figures = annotated(
        "За год наркополицейские пресекли 1242 преступления в сфере незаконного оборота "
        "наркотиков. Всего через интернет зарегистрировано 362 подобных преступления, "
        "в городе – 268 подобных преступных деяний."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("362", "268")] == ["drug_crimes"] * 2
    figures = annotated(
        "Изъяли более 15 тонн химических веществ, 2,3 килограмма пороха и 326 коробок снюса, "
        "а также 2 кг мефедрона."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("более 15", "2,3", "326", "2 кг")] == [
        None,
        None,
        None,
        "drugs_seized",
    ]


def test_what_a_search_turned_up_is_seized():
    figures = annotated(
        "Полицейские остановили автомобиль. В нём находилось около двух килограммов гашиша, а у "
        "пассажира оказались 93 «кирпича» героина."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("около двух", "93")] == [
        "drugs_seized",
        "drugs_seized",
    ]


def test_of_them_after_an_attribution_is_a_part_of_the_total_before():
    figures = annotated(
        "За 2023 год пресечено 1242 преступления в сфере оборота наркотиков. Как отметил "
        "подполковник полиции Алексей Михалюк, из них 947 связаны со сбытом запрещенных веществ."
    )
    assert [by_quote(figures, q)["role"] for q in ("1242", "947")] == ["total", "part"]


def test_crimes_solved_are_not_crimes_registered():
    figures = annotated(
        "Всего оперативными подразделениями полиции раскрыто 873 наркопреступления."
    )
    assert by_quote(figures, "873")["indicator"] is None
    figures = annotated("За год выявлено 900 наркопреступлений.")
    assert by_quote(figures, "900")["indicator"] == "drug_crimes"


def test_crimes_investigated_and_facts_of_growing_are_not_crimes_registered():
    figures = annotated("За год расследовано 491 наркопреступление.")
    assert by_quote(figures, "491")["indicator"] is None
    figures = annotated("Выявлено 4 факта выращивания наркосодержащих растений.")
    assert by_quote(figures, "4 факта")["indicator"] is None
    # the register of pre-trial investigations holds registered crimes
    register = "В Едином регистре досудебного расследования зарегистрировано 429 наркопреступлений."
    assert by_quote(annotated(register), "429")["indicator"] == "drug_crimes"


def test_a_breakdown_of_the_total_seized_and_less_by_compared_after():
    figures = annotated(
        "За 7 месяцев 2012 года изъято 158 кг 031 гр. наркотических средств, что меньше на 145 "
        "кг показателя аналогичного периода 2011 года. По словам источника, из общего "
        "количества изъятых наркотиков более 24 кг составляет героин, 9 кг – опий-сырец."
    )
    assert by_quote(figures, "145")["role"] == "change"
    assert [by_quote(figures, q)["role"] for q in ("158", "более 24", "9 кг")] == [
        "total",
        "part",
        "part",
    ]


def test_facts_of_growing_are_crimes_and_facts_of_crops_are_crops():
    figures = annotated("Выявлено 218 фактов культивирования наркосодержащих растений.")
    assert by_quote(figures, "218")["indicator"] is None
    figures = annotated("В области зарегистрировано два случая пропаганды наркотиков.")
    assert by_quote(figures, "два")["indicator"] is None
    figures = annotated("В области выявлено 115 фактов незаконных посевов мака.")
    assert by_quote(figures, "115")["indicator"] == "crops_destroyed"


def test_a_headline_is_whole_its_last_word_is_never_cut_off():
    # «наркосбытчиков» is no dictionary word: at the end of a body it could be an excerpt's cut
    title = "Изъято 5,4 тонны наркотиков, осуждено 198 наркосбытчиков"
    figures = annotated("За девять месяцев в крае изъято 5,4 тонны наркотиков.", title=title)
    headline = next(f for f in figures if f["in_title"] and f["quote"].startswith("198"))
    assert (headline["object"], headline["indicator"]) == ("наркосбытчик", "persons_convicted")


def test_people_on_the_register_at_a_day_are_a_statistic():
    figures = annotated(
        "К 31 декабря 2013 года на учете в наркологическом диспансере состоит 6443 человека. "
        "На официальном учете у нарколога состоит более 7 тысяч жителей края."
    )
    for start in ("6443", "более 7"):
        figure = by_quote(figures, start)
        assert (figure["indicator"], figure["scope"]) == ("drug_users_registered", "period")


def test_an_earlier_month_and_year_in_a_later_sentence_is_a_baseline():
    figures = annotated(
        "В августе 2003 года пограничники изъяли 700 кг наркотиков. По данным источника, в "
        "августе 2002 года было задержано 210 кг наркотиков."
    )
    assert [(f["quote"], f["role"]) for f in figures] == [("700 кг", "value"),
                                                          ("210 кг", "baseline")]  # fmt: skip


def test_an_earlier_year_before_a_later_one_is_its_baseline():
    figures = annotated(
        "В 2021 году из незаконного оборота было изъято 4 тонны 83 кг наркотиков, в 2022 году - "
        "4 тонны 165 кг наркотиков. В 2021 году посевы занимали 177 тысяч гектар, а в 2022 году "
        "- уже 233 тысяч гектар (на 56 тысяч гектар больше)."
    )
    roles = [(f["quote"], f["role"]) for f in figures]
    assert roles == [
        ("4 тонны 83 кг", "baseline"),
        ("4 тонны 165 кг", "value"),
        ("177 тысяч гектар", "baseline"),
        ("233 тысяч гектар", "value"),
        ("56 тысяч гектар", "change"),  # a bracket compares with the number before it
    ]
    # «в 2022-м», a span «в 2020-2021 годах» (its later year)
    figures = annotated(
        "В 2020-2021 годах изъяли 28 кг синтетических наркотиков, в 2022-м почти 90, а в "
        "2023-м – 150 кг."
    )
    assert [f["role"] for f in figures] == ["baseline", "baseline", "value"]
    # a later year first, then an earlier one: no baseline of this kind
    figures = annotated("В 2022 году изъято 4 тонны наркотиков, в 2021 году - 3 тонны.")
    assert by_quote(figures, "4 тонны")["role"] == "value"


def test_a_change_counts_what_its_own_sentence_counts():
    figures = annotated(
        "Всего на учете у наркологов осталось 19 жителей округа. В прошлом году в округе было "
        "выявлено 25 наркопреступлений, что на 30% меньше, чем годом ранее."
    )
    assert by_quote(figures, "30%")["indicator"] == "drug_crimes"


def test_an_elliptic_item_shares_the_verb_of_the_part_before_it():
    figures = annotated(
        "С начала года выявлено 58 правонарушений. Из них 5 фактов касались посева конопли, "
        "16 - сбыта наркотических средств."
    )
    total = by_quote(figures, "58")
    for start in ("5 фактов", "16"):
        part = by_quote(figures, start)
        assert (part["role"], figures[part["part_of"]]) == ("part", total)


def test_parts_of_a_named_set_that_add_up_to_more_than_the_total_are_no_parts_of_it():
    figures = annotated(
        "Задержаны 5 лидеров преступных групп и их 84 пособника. Среди задержанных граждан – "
        "20 человек занимались распространением препаратов, 28 – традиционных наркотиков, 41 – "
        "синтетических наркотиков."
    )
    assert {by_quote(figures, q)["role"] for q in ("20", "28", "41", "84")} == {"value"}
    # «из них» points at the total itself: its parts may overlap
    figures = annotated(
        "За год выявлено 1367 преступлений. Из них 760 - сбыт наркотических средств и 858 "
        "тяжких и особо тяжких преступлений."
    )
    assert [by_quote(figures, q)["role"] for q in ("1367", "760", "858")] == [
        "total",
        "part",
        "part",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "На оборудованном автомобиле он привез в Татарстан свыше 28 кг гашиша.",
        "По месту жительства братьев изъто более 9 кг марихуаны.",  # «изъто»: a typo
    ],
)
def test_drugs_brought_in_or_seized_with_a_typo_are_seized(text):
    assert annotated(text)[0]["indicator"] == "drugs_seized"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("По информации МВД, до потребителей не дошло более 94 тысяч разовых доз.", "drugs_seized"),
        ("На наркорынок региона должно было попасть 57 тыс. разовых доз гашиша.", "drugs_seized"),
        ("Изъято 45 кг героина. Что составляет более 450 тысяч доз.", "drugs_seized"),
        # what a lab could make is no seizure
        ("Производительность лаборатории составляла около 100 килограммов мефедрона.", None),
    ],
)
def test_drugs_kept_off_the_market_are_seized(text, indicator):
    assert annotated(text)[-1]["indicator"] == indicator


@pytest.mark.parametrize(
    "text",
    [
        "Задержанный указал местонахождение пяти тайников в лесополосе.",
        "До задержания он успел сделать более 40 закладок.",
    ],
)
def test_stashes_counted_are_no_seized_drugs(text):
    # a count of hiding places says where drugs were, not how much was seized
    assert annotated(text)[-1]["indicator"] is None


def test_crimes_of_keeping_drug_dens_count_the_dens():
    text = "С начала года пресечено 68 преступлений, связанных с содержанием наркопритонов."
    assert annotated(text)[-1]["indicator"] == "drug_dens"
    # crimes with no den named stay drug crimes
    text = "С начала года выявлено 640 преступлений в сфере незаконного оборота наркотиков."
    assert annotated(text)[-1]["indicator"] == "drug_crimes"


def test_shops_said_to_be_closed_are_websites_blocked():
    text = "За год закрыто более 60 интернет-магазинов, торговавших наркотиками."
    assert annotated(text)[-1]["indicator"] == "websites_blocked"


def test_places_where_hemp_grows_found_are_crops():
    text = "В ходе операции обнаружено 112 мест произрастания дикорастущей конопли."
    assert annotated(text)[-1]["indicator"] == "crops_destroyed"
    # a place of another kind is none
    assert annotated("Обнаружено 12 мест сбыта наркотиков.")[-1]["indicator"] is None


def test_people_registered_for_alcohol_are_no_drug_users():
    figures = annotated(
        "На диспансерном учете состоят 54 тыс. человек с алкогольной зависимостью и 9 тыс. "
        "человек с зависимостью от наркотических средств."
    )
    assert [f["indicator"] for f in figures] == [None, "drug_users_registered"]


def test_controlled_medicines_seized_are_seized_drugs():
    text = "При обыске в аптеке изъяли 540 единиц сильнодействующих препаратов."
    assert annotated(text)[-1]["indicator"] == "drugs_seized"


def test_a_rate_per_population_measures_no_indicator_a_count_beside_it_does():
    figures = annotated(
        "В перерасчете на 100 тысяч населения республики выявлено 84 наркопреступления, при "
        "среднероссийском показателе в 150."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("84", "150")] == [None, None]
    figures = annotated(
        "За год выявлено 1 200 наркопреступлений, в расчете на 100 тысяч жителей — 84 преступления."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("1 200", "84")] == ["drug_crimes", None]


def test_a_rate_written_in_digits_or_in_brackets_measures_no_indicator():
    figures = annotated(
        "На учете у наркологов состоят 2 310 человек, или 96,4 на 100 000 населения области. "
        "Это выше, чем по округу (88 на 100 тыс.)."
    )
    assert [by_quote(figures, q)["indicator"] for q in ("2 310", "96,4", "88")] == [
        "drug_users_registered",
        None,
        None,
    ]
    # money «на 100 тыс. рублей» is no rate base
    figures = annotated("У задержанного изъяли наркотики на 100 тыс. рублей: 1,2 кг гашиша.")
    assert by_quote(figures, "1,2 кг")["indicator"] == "drugs_seized"


def test_a_sum_after_its_parts_leaves_out_another_drug():
    figures = annotated(
        "29 октября задержан наркокурьер, в машине которого обнаружено около 15 кг гашиша. "
        "Обыском по месту проживания дополнительно изъято 17 кг гашиша и 1.5 кг марихуаны. "
        "Общий вес обнаруженных наркотиков составил 32 кг гашиша и 1,5 кг марихуаны."
    )
    assert [by_quote(figures, q)["role"] for q in ("около 15 кг", "17 кг", "1.5 кг", "32 кг")] == [
        "part",
        "part",
        "value",
        "total",
    ]


def test_a_birth_year_in_the_headline_or_text_is_no_reporting_period():
    title = "23 февраля остановлена автомашина под управлением водителя И. Д., 1989 года рождения."
    body = (
        title + "\nВодитель попытался спрятать в сугробе 2 пакета с наркотическим средством "
        "весом 2 кг 525 граммов."
    )
    figure = by_quote(annotated(body, published="2016-02-24", title=title), "2 кг 525 граммов")
    assert (figure["scope"], figure["period_start"]) == ("event", None)


def test_one_courier_and_a_check_named_at_length_tell_of_one_operation():
    checked = (
        "На таможенном посту в ходе проведения таможенной проверки обнаружены капсулы. В общей "
        "сложности изъято 423,42 грамма опия."
    )
    carried = "Наркокурьер пытался провезти в общей сложности 423,42 грамма опия."
    for body in (checked, carried):
        assert by_quote(annotated(body), "423,42 грамма")["scope"] == "event"


def test_такие_after_a_number_of_its_sentence_points_at_that_number():
    text = (
        "Под наблюдением наркологической службы и на учете состоят 4694 человека. В результате "
        "270 подростков были привлечены к уголовной ответственности за хранение наркотиков (за "
        "девять месяцев прошлого года таких было 63 человека)."
    )
    figures = annotated(text)
    assert [by_quote(figures, q)["indicator"] for q in ("270", "63")] == [None, None]


def test_from_to_with_the_earlier_period_between_them():
    figures = annotated(
        "В 2013 году количество наркопреступлений увеличилось с 710 за аналогичный период "
        "прошлого года до 733-х."
    )
    assert [by_quote(figures, q)["role"] for q in ("710", "733")] == ["baseline", "value"]


def test_items_of_a_share_list_are_siblings_under_the_total_before():
    figures = annotated(
        "За квартал изъято 720 кг наркотиков. По его словам, из общего объёма наркотиков 93 кг "
        "приходится на героин, более 19 кг составляет опий-сырец."
    )
    assert [by_quote(figures, q)["part_of"] for q in ("93 кг", "более 19 кг")] == [0, 0]


def test_a_bracketed_earlier_period_named_before_its_year_is_a_baseline():
    figures = annotated(
        "За первые 6 месяцев 2009 года зарегистрировано 684 наркопреступления (1 полугодие 2008 "
        "года – 743), из них – 365 связанных со сбытом (1 полугодие 2008 года – 452)."
    )
    roles = [by_quote(figures, q)["role"] for q in ("684", "743", "365", "452")]
    assert roles == ["total", "baseline", "part", "baseline"]


def test_a_bracketed_range_of_months_of_an_earlier_year_is_a_baseline():
    figures = annotated(
        "В январе – июне 2024 года выявлено 214 преступлений (в январе – июне 2023 года – 251). "
        "Из них 96 – сбыт наркотиков."
    )
    earlier = by_quote(figures, "251")
    assert (earlier["role"], earlier["period_start"]) == ("baseline", "2023-01-01")
    assert by_quote(figures, "96")["part_of"] == 0


def test_statistics_before_any_stated_period_leave_the_period_after_them_to_what_follows():
    figures = annotated(
        "По итогам отчетного периода выявлено 214 преступлений. В январе – июне 2024 года "
        "изъято 38,7 кг наркотиков. Ликвидировано 4 нарколаборатории.",
        title="Итоги работы наркоконтроля",
    )
    assert by_quote(figures, "214")["period_start"] is None  # nothing stated before it
    assert by_quote(figures, "4 нарко")["period_start"] == "2024-01-01"


def test_среди_этих_points_at_the_total_whose_parts_may_overlap():
    figures = annotated(
        "В январе-сентябре 2022 года зарегистрирован 371 наркопреступление. Среди этих "
        "преступлений 299 – тяжкие и особо тяжкие, 231 – связанное со сбытом."
    )
    assert [by_quote(figures, q)["part_of"] for q in ("299", "231")] == [0, 0]


def test_среди_них_points_at_the_total_as_среди_этих_does():
    figures = annotated(
        "В области за 5 месяцев этого года зарегистрировано 1 075 преступлений, связанных с "
        "незаконным оборотом наркотиков. Среди них 851 тяжкое и особо тяжкое, 438 совершены в "
        "крупном размере, 629 связаны со сбытом."
    )
    assert [by_quote(figures, q)["part_of"] for q in ("851", "438", "629")] == [0, 0, 0]


@pytest.mark.parametrize(
    "text",
    [
        "Всего задержано три человека. Это два жителя Калининграда и один гражданин Литвы.",
        "Полиция арестовала троих членов группы. В числе задержанных оказались двое россиян и "
        "один гражданин Армении.",
    ],
)
def test_a_breakdown_opening_with_это_or_в_числе_задержанных(text):
    figures = annotated(text)
    assert [f["role"] for f in figures] == ["total", "part", "part"]


def test_это_before_one_number_restates_it_and_breaks_nothing_down():
    figures = annotated("Изъято 5 кг героина. Это 25 тысяч доз.")
    assert all(f["part_of"] is None for f in figures)


def test_a_headline_restating_the_number_is_no_current_value_of_it():
    title = "В прошлом году на территории области полицейские выявили 279 наркопреступлений."
    figures = annotated(title + " В ходе мероприятий изъято 450 кг наркотиков.", title=title)
    assert {f["role"] for f in figures if f["value"] == 279} == {"value"}


def test_the_lines_of_a_list_after_of_them_colon_are_parts_of_the_amount_before():
    text = (
        "Из незаконного оборота изъято 68 кг 640 гр. наркотических средств, из них:\n"
        "- гашиш 32 кг 210 гр;\n"
        "- марихуаны 31 кг;\n"
        "В ходе операции задержаны 2 человека."
    )
    figures = annotated(text)
    total = figures.index(by_quote(figures, "68 кг"))
    assert [by_quote(figures, q)["role"] for q in ("68 кг", "32 кг", "31 кг", "2 человека")] == [
        "total", "part", "part", "value",
    ]  # fmt: skip
    assert by_quote(figures, "31 кг")["part_of"] == total


def test_a_text_of_one_long_line_is_not_searched_to_its_end_for_each_sentence(monkeypatch):
    """Only a line's last words can announce a list of parts: searching the rest of a one-line
    text after each sentence made the facts step quadratic (an 80,000-character page with no
    line break: 1.1 s, and 4.3 s at twice that)."""
    from pipelines.facts import roles

    searched = []

    class Counted:
        def search(self, string):
            searched.append(len(string))
            return pattern.search(string)

    pattern = roles._LIST_OF_PARTS
    monkeypatch.setattr(roles, "_LIST_OF_PARTS", Counted())
    text = " ".join(f"В районе {n} изъято {n} кг гашиша." for n in range(1, 201))
    text += " Всего изъято 900 кг наркотиков, из них:\n- гашиш 500 кг;\n- героин 300 кг;"
    figures = annotated(text)
    assert by_quote(figures, "500 кг")["part_of"] == figures.index(by_quote(figures, "900 кг"))
    assert len(searched) >= 200 and sum(searched) < 100 * len(searched)


def test_a_generic_seizure_in_the_lead_is_the_whole_of_the_masses_detailed_after_it():
    lead = "В Омской области у курьера изъято более 20 кг наркотиков."
    details = (
        " При досмотре фуры в кабине нашли 15 кг гашиша. Еще 3 кг героина изъяли из запасного"
        " колесе."
    )
    figures = annotated(lead + details)
    total = figures.index(by_quote(figures, "более 20"))
    assert figures[total]["role"] == "total"
    for quote in ("15 кг", "3 кг"):
        assert (by_quote(figures, quote)["role"], by_quote(figures, quote)["part_of"]) == (
            "part",
            total,
        )
    # details that add up to more than the lead are other seizures; the same mass restates it
    for other in (details + " Позже в гараже нашли еще 9 кг гашиша.", " Изъято 20 кг гашиша."):
        figures = annotated(lead + other)
        assert {f["role"] for f in figures} == {"value"}


def test_a_seizure_of_a_group_of_drugs_in_the_lead_breaks_down_into_its_drugs():
    lead = "Сотрудники управления безопасности изъяли почти 20 кг синтетических наркотиков."
    details = " В Кибрайском районе обнаружили 4,8 кг мефедрона и 3,8 кг спайса."
    figures = annotated(lead + details)
    total = figures.index(by_quote(figures, "почти 20"))
    assert figures[total]["role"] == "total"
    for quote in ("4,8 кг", "3,8 кг"):
        part = by_quote(figures, quote)
        assert (part["role"], part["part_of"]) == ("part", total)
    # heroin is no synthetic drug: another seizure beside it
    figures = annotated(lead + details.replace("3,8 кг спайса", "3,8 кг героина"))
    assert by_quote(figures, "4,8 кг")["role"] == "part"
    assert by_quote(figures, "3,8 кг")["role"] == "value"


def test_a_month_in_a_sentence_of_detentions_is_when_it_happened_not_a_period():
    figures = annotated("В апреле на таможенном посту были задержаны три грузовика с гашишем.")
    assert by_quote(figures, "три грузовика")["scope"] == "event"
    statistic = annotated("В апреле в области зарегистрировано 40 наркопреступлений.")
    assert by_quote(statistic, "40")["scope"] == "period"
    year = annotated("В 2023 году в области были задержаны 120 наркокурьеров и сбытчиков.")
    assert by_quote(year, "120")["scope"] == "period"


def test_a_sentence_opening_with_a_subset_reaches_past_a_sentence_of_another_unit():
    figures = annotated(
        "За 11 месяцев выявлено 2 544 преступления. В регионе изъяли более 226 килограммов"
        " наркотиков.\nПресечено 35 фактов контрабанды наркотиков. Среди изъятого 11,8 кг –"
        " наркотики опийной группы, 10,9 кг – синтетические наркотики."
    )
    total = figures.index(by_quote(figures, "более 226"))
    for quote in ("11,8 кг", "10,9 кг"):
        assert (by_quote(figures, quote)["role"], by_quote(figures, quote)["part_of"]) == (
            "part",
            total,
        )
    assert by_quote(figures, "35")["role"] == "value"


def test_of_the_overall_amount_is_a_part_of_the_total_further_back_it_stays_within():
    text = (
        "В 2025 году на границе изъято 2742 кг наркотиков. Это в полтора раза больше, чем годом "
        "ранее. На одном посту изъяли 900 кг. Из общего объема изъятых наркотиков 2566 кг "
        "конфискованы на участке Хатлонской области."
    )
    figures = annotated(text)
    assert _total_of(figures, "2566 кг") == "2742 кг"
    overall = text.replace("Из общего объема изъятых наркотиков", "В общем объеме этих наркотиков")
    assert _total_of(annotated(overall), "2566 кг") == "2742 кг"
    # the nearest amount still comes first when the part stays within it
    nearer = text.replace("900 кг", "2600 кг")
    assert _total_of(annotated(nearer), "2566 кг") == "2600 кг"
    # ... and without «общего» the subset is of the nearest amount only, or of none
    plain = text.replace("Из общего объема изъятых наркотиков", "Из этого количества")
    assert _total_of(annotated(plain), "2566 кг") is None


def test_people_with_a_diagnosis_are_registered_drug_users():
    figures = annotated(
        "В округе диагноз «наркомания» поставлен 587 жителям, еще 434 человека имеют диагноз "
        "«пагубное употребление наркотиков»."
    )
    assert by_quote(figures, "434")["indicator"] == "drug_users_registered"
    # people merely named are not
    assert by_quote(annotated("На собрание пришли 434 человека."), "434")["indicator"] is None


def test_a_named_year_then_this_year_makes_the_first_the_baseline():
    figures = annotated(
        "В 2016-м году на территории города было изъято 25 килограммов наркотиков, в этом — "
        "уже 34 килограмма."
    )
    assert by_quote(figures, "25 килограммов")["role"] == "baseline"
    assert by_quote(figures, "34 килограмма")["role"] == "value"
    figures = annotated("В 2022 году изъято 40 кг гашиша, в текущем году — 55 кг.")
    assert by_quote(figures, "40 кг")["role"] == "baseline"
    # two amounts of one year stay values
    figures = annotated("В 2022 году изъято 40 кг гашиша и 55 кг марихуаны.")
    assert {f["role"] for f in figures} == {"value"}


def test_a_lab_s_chemicals_seized_beside_drugs_are_no_drugs():
    figures = annotated(
        "Полтора килограмма гашиша и 17,5 килограммов серной кислоты изъяли полицейские в "
        "гараже. Там же нашли 3 литра ацетона."
    )
    assert by_quote(figures, "Полтора килограмма")["indicator"] == "drugs_seized"
    assert by_quote(figures, "17,5 килограммов")["indicator"] is None
    assert by_quote(figures, "3 литра")["indicator"] is None


def test_two_adjectives_of_one_noun_keep_the_noun_in_the_figure_s_own_words():
    figures = annotated("У этих лиц изъято 13 единиц пневматического и охотничьего оружия.")
    assert by_quote(figures, "13 единиц")["indicator"] is None  # weapons, not drugs
    # an «и» between two things still ends the figure's own words
    figures = annotated("У курьера изъято 40 единиц трамадола и охотничье ружье.")
    assert by_quote(figures, "40 единиц")["indicator"] == "drugs_seized"


def test_a_vehicle_searched_tells_of_one_operation():
    lead = "За год таможенники изъяли 2 тонны наркотиков. "
    for sentence, quote in (
        ("Под обшивкой грузовика находились брикеты общим весом 355,5 кг.", "355,5 кг"),
        ("В одном случае 300 кг наркотика пытались провезти в легковом автомобиле.", "300 кг"),
        ("Еще 285 кг нашли в фуре.", "285 кг"),
    ):
        assert by_quote(annotated(lead + sentence), quote)["scope"] == "event"
    # the year's total stays a statistic
    assert by_quote(annotated(lead), "2 тонны")["scope"] == "period"


def test_a_lead_before_the_summarys_first_sentence_is_of_the_summary():
    text = (
        "Полицейскими изъято 40 килограммов наркотиков. С 3 по 9 марта в области проводилось "
        "оперативно-профилактическое мероприятие «Мак»: выявлено 12 преступлений."
    )
    assert by_quote(annotated(text), "40 килограммов")["scope"] == "period"
    # a summary that starts later leaves the event before it alone
    text = (
        "Полицейскими изъято 40 килограммов наркотиков. Задержанный дал признательные "
        "показания. С 3 по 9 марта в области выявлено 12 преступлений."
    )
    assert by_quote(annotated(text), "40 килограммов")["scope"] == "event"


def test_one_place_searched_tells_of_one_operation():
    lead = "За год таможенники изъяли 2 тонны наркотиков. "
    for sentence, quote in (
        ("В доме одного из подозреваемых нашли 1300 кустов конопли.", "1300 кустов"),
        ("В аэропорту предотвращена попытка ввоза трех килограммов марихуаны.", "трех"),
        ("Еще 65 кг гашиша нашли на пункте пропуска Леушены.", "65 кг"),
        ("45 кг гашиша обнаружили в одном из микроавтобусов.", "45 кг"),
        ("В бане полицейские обнаружили 2,4 кг марихуаны.", "2,4 кг"),
        ("В заброшенном ангаре нашли 300 литров прекурсоров.", "300 литров"),
        ("В теплице росли 80 кустов конопли.", "80 кустов"),
    ):
        assert by_quote(annotated(lead + sentence), quote)["scope"] == "event"
    assert by_quote(annotated(lead), "2 тонны")["scope"] == "period"


def test_one_lab_found_is_one_operation_even_last_week():
    text = "На прошлой неделе полиция обнаружила под Алуксне лабораторию и изъяла более тонны."
    assert by_quote(annotated(text, published="2021-03-10"), "более тонны")["scope"] == "event"
    # labs counted are a period's statistic
    text = "На прошлой неделе ликвидированы 3 нарколаборатории."
    assert by_quote(annotated(text, published="2021-03-10"), "3")["scope"] == "period"


def test_a_monthly_turnover_makes_no_reporting_period():
    text = (
        "СБУ прекратила деятельность нарколаборатории. Ежемесячно здесь производили психотропные "
        "вещества почти на 1 млн гривен. Силовики провели 5 обысков и изъяли почти 20 кг "
        "психотропов."
    )
    assert [f["scope"] for f in annotated(text, published="2021-03-10")] == ["event"] * 3


def test_a_factor_between_two_places_is_no_change():
    figures = annotated("Наркомания в городе в 1,7 раза выше, чем в среднем по области.")
    assert figures[0]["role"] == "value"
    assert annotated("Изъято в 2 раза больше, чем в прошлом году.")[0]["role"] == "change"
    # the measure of a place named after «превышает»; an earlier year's is a change
    text = "На учете 72 тысячи человек. Это в 1,5 раза превышает показатель Российской Федерации."
    assert by_quote(annotated(text), "в 1,5")["role"] == "value"
    text = "На учете 72 тысячи человек. Это в 1,5 раза превышает показатель прошлого года."
    assert by_quote(annotated(text), "в 1,5")["role"] == "change"


def test_from_to_with_the_earlier_values_year_in_brackets_is_a_baseline():
    figures = annotated("Число наркопреступлений выросло с 512 (в 2019 году) до 640.")
    assert [f["role"] for f in figures] == ["baseline", "value"]


def test_a_number_given_with_its_share_is_a_part_of_the_whole_the_share_names():
    figures = annotated(
        "За полгода выявлено 250 наркопреступлений. Тяжких составов - 130 преступлений, "
        "или 52%. Преступлений, связанных со сбытом, - 95, или 38% от количества выявленных."
    )
    assert _total_of(figures, "130 преступлений") == "250 наркопреступлений"
    assert _total_of(figures, "95") == "250 наркопреступлений"
    # a share that the numbers do not give names no whole
    figures = annotated("Выявлено 250 наркопреступлений. Раскрыто 130 преступлений, или 61%.")
    assert _total_of(figures, "130 преступлений") is None


def test_one_part_opening_the_clause_after_iz_and_its_total():
    figures = annotated("Из 64 выявленных в регионе преступлений, 51 – сбыт наркотиков.")
    assert _total_of(figures, "51") == "64 выявленных в регионе преступлений"
    figures = annotated(
        "Из 92 раскрытых преступлений, совершенных группами, – 87 приходятся на наркоконтроль."
    )
    assert _total_of(figures, "87") == "92 раскрытых преступлений"
    # a verb before the second number ends the total's phrase: no breakdown
    figures = annotated("Из 64 выявленных преступлений раскрыто, 51 направлено в суд.")
    assert _total_of(figures, "51") is None


def test_among_a_number_then_a_dash_names_a_part_of_it():
    figures = annotated("Среди 645 фигурантов — 31 несовершеннолетний.")
    assert _total_of(figures, "31") == "645 фигурантов"
    figures = annotated("Среди 120 задержанных, 15 – иностранцы, 7 – ранее судимые.")
    assert _total_of(figures, "15") == _total_of(figures, "7") == "120 задержанных"


def test_people_charged_against_are_no_baseline():
    figures = annotated(
        "Задержаны 34 участника группы. Отмечается, что против 11 человек возбуждены уголовные "
        "дела, а 23 задержаны в административном порядке."
    )
    assert by_quote(figures, "11 человек")["role"] != "baseline"
    # a number set against another still is
    figures = annotated("Задержано 40 человек против 52 человек годом ранее.")
    assert by_quote(figures, "52 человек")["role"] == "baseline"


def test_hemp_burned_is_a_crop_destroyed():
    figures = annotated("Почти полтонны конопли спалили полицейские в Серебряных прудах.")
    assert by_quote(figures, "Почти полтонны")["indicator"] == "crops_destroyed"
    # seized drugs burned stay no seizure and no crop
    figures = annotated("Полицейские спалили 40 кг изъятого героина.")
    assert by_quote(figures, "40 кг")["indicator"] is None


def test_a_share_for_an_earlier_year_in_its_own_sentence_is_a_baseline():
    figures = annotated("Раскрываемость за 2016 г. составила 96,1%. За 2015 г. – 94,5%.")
    assert by_quote(figures, "94,5%")["role"] == "baseline"
    assert by_quote(figures, "96,1%")["role"] == "value"
    # a later year is no baseline of an earlier one
    figures = annotated("Раскрываемость за 2015 г. составила 94,5%. За 2016 г. – 96,1%.")
    assert by_quote(figures, "96,1%")["role"] != "baseline"


def test_hemp_dried_is_seized():
    figures = annotated("Он успел насушить больше 59 килограммов конопли.")
    assert by_quote(figures, "больше 59")["indicator"] == "drugs_seized"


def test_last_year_then_a_clause_and_a_dash_names_the_baseline():
    figures = annotated(
        "В 2016 году зарегистрировано 810 преступлений. В прошлом году этот показатель был "
        "ниже — 726."
    )
    assert by_quote(figures, "726")["role"] == "baseline"
    # last year's own event stays a value
    figures = annotated("В прошлом году полицейские изъяли 726 кг гашиша в одном тайнике.")
    assert by_quote(figures, "726")["role"] == "value"


def test_a_sentence_opening_with_in_particular_breaks_down_the_total_before():
    figures = annotated(
        "За полгода уничтожено более 400 килограммов наркотиков. В частности, было сожжено: 63 "
        "килограмма героина, 101 килограмм опия и 84 килограмма гашиша."
    )
    total = figures.index(by_quote(figures, "более 400"))
    for quote in ("63", "101", "84"):
        part = by_quote(figures, quote)
        assert (part["role"], part["part_of"]) == ("part", total)


def test_a_verbless_sentence_listing_masses_breaks_down_the_total_before():
    text = (
        "Из незаконного оборота изъято 12,5 тонн наркотиков, в том числе более 5 кг героина. "
        "Около 9,5 тонн марихуаны, "
        "380 кг гашиша и 110 кг синтетических наркотиков."
    )
    figures = annotated(text)
    total = figures.index(by_quote(figures, "12,5"))
    for quote in ("Около 9,5", "380", "110"):
        part = by_quote(figures, quote)
        assert (part["role"], part["part_of"]) == ("part", total)
    # masses that add up to more than the total are no breakdown of it
    more = annotated(text.replace("380 кг", "3800 кг").replace("110 кг", "1100 кг"))
    assert [f["role"] for f in more][2:] == ["value"] * 3


def test_a_verbless_sentence_listing_areas_place_by_place_breaks_down_the_total_before():
    text = (
        "За два месяца было уничтожено порядка 500 кв. метров запрещенных растений. "
        "В Предгорном округе более 220 кв. метров, в Петровском — 60 кв. метров, "
        "а в Кировском — 40 кв. метров."
    )
    figures = annotated(text)
    total = figures.index(by_quote(figures, "порядка 500"))
    for quote in ("более 220", "60 кв", "40 кв"):
        part = by_quote(figures, quote)
        assert (part["role"], part["part_of"]) == ("part", total)


def test_a_baseline_of_the_same_noun_measures_what_its_current_value_measures():
    figures = annotated(
        "В январе-октябре в области зарегистрировано 2,8 тыс. преступлений, связанных со сбытом "
        "наркотических средств, что на 5,7% меньше, чем в аналогичный период прошлого года, "
        "когда этот показатель был на уровне почти 3 тыс."
    )
    baseline = by_quote(figures, "почти 3 тыс")
    assert (baseline["role"], baseline["indicator"]) == ("baseline", "drug_sales_crimes")


def test_people_held_liable_are_no_convicts():
    figures = annotated("К уголовной ответственности привлечены 409 человек, осуждены - 116.")
    assert by_quote(figures, "409")["indicator"] is None
    assert by_quote(figures, "116")["indicator"] == "persons_convicted"


def test_this_indicator_points_back_to_the_sentence_before_whatever_else_it_reads():
    figures = annotated(
        "За год выявлено 1330 наркопреступлений. Это на 13,2% больше, чем в предыдущем году. "
        "Изъято свыше 135 кг наркотических средств. В сравнении с 2017 годом данный показатель "
        "увеличился более чем в 2 раза."
    )
    assert by_quote(figures, "13,2%")["indicator"] == "drug_crimes"
    assert by_quote(figures, "более чем в 2 раза")["indicator"] == "drugs_seized"


def test_a_change_pointing_at_the_topic_before_measures_what_it_measured():
    # the doubled word is the source's: the words around the list's changes then fit no
    # indicator, while the number they point back to has one
    figures = annotated(
        "Число наркопреступлений преступлений сократилось в Северной Осетии на 15%, сообщает "
        "пресс-служба "
        "МВД России.\n«В период с января по ноябрь 2025 года количество зарегистрированных "
        "преступлений этой категории уменьшилось в республике на 15,1% по сравнению с "
        "аналогичным периодом прошлого года», — пояснили в ведомстве.\nКроме того, в числе "
        "лидеров по этому направлению такие регионы как: Чукотский АО (-29,4%), Калмыкия "
        "(-28,6%), Псковская (-13,6%) области, Алтайский край (-13,1%) и Татарстан (-12,1%)."
    )
    assert by_quote(figures, "28,6%")["indicator"] == "drug_crimes"
    assert by_quote(figures, "12,1%")["indicator"] == "drug_crimes"
    # a pointer at a time names no topic
    figures = annotated(
        "Количество наркопреступлений уменьшилось на 15,1%. В этом году показатели по "
        "региону улучшились на 3%."
    )
    assert by_quote(figures, "3%")["indicator"] is None


def test_a_number_labelled_after_its_dash_leaves_the_words_of_the_number_before():
    figures = annotated(
        "С начала года выявлено 66 фактов сбыта, девять - хранения наркотических средств в "
        "особо крупном размере."
    )
    assert by_quote(figures, "66")["indicator"] == "drug_sales_crimes"
    assert by_quote(figures, "девять")["indicator"] == "drug_crimes"  # storage, not sales


def test_poisonings_and_use_without_prescription_are_no_drug_crimes():
    figures = annotated(
        "В течение года зарегистрировано 226 случаев острых отравлений наркотическими "
        "веществами. С начала года задокументировано более 600 случаев потребления "
        "наркотических веществ без назначения врача."
    )
    assert by_quote(figures, "226")["indicator"] is None
    assert by_quote(figures, "более 600")["indicator"] is None
    assert (
        by_quote(annotated("Зарегистрировано 226 наркопреступлений."), "226")["indicator"]
        == "drug_crimes"
    )


def test_a_change_of_sales_crimes_is_of_the_narrower_indicator():
    figures = annotated(
        "На фоне общего роста выявленных наркопреступлений произошел рост на 30,8% фактов сбыта "
        "наркотических средств."
    )
    assert by_quote(figures, "30,8%")["indicator"] == "drug_sales_crimes"
    assert (
        by_quote(annotated("На 12% выросло число наркопреступлений."), "12%")["indicator"]
        == "drug_crimes"
    )


def test_subsets_of_an_overall_total_may_overlap_but_none_exceeds_it():
    figures = annotated(
        "За год в области выявлено 812 наркопреступлений. Полицией выявлено 301 преступление. "
        "В общем числе наркопреступлений 530 - тяжкие, 402 - совершены в крупном размере."
    )
    # the nearer count is too small for 530; the subsets overlap, so their sum may pass 812
    assert _total_of(figures, "530") == _total_of(figures, "402") == "812 наркопреступлений"
    figures = annotated(
        "За год в области выявлено 812 наркопреступлений. Полицией выявлено 301 преступление. "
        "В общем числе наркопреступлений 930 - тяжкие."
    )
    assert _total_of(figures, "930") is None  # larger than any total before


def test_a_bare_year_after_a_full_one_names_the_later_value():
    figures = annotated(
        "Если в 2020 году на учете в области состояли 2140 наркозависимых, то в 2021 их число "
        "снизилось до 1980 человек."
    )
    assert by_quote(figures, "2140")["role"] == "baseline"
    assert by_quote(figures, "1980 человек")["role"] != "baseline"


def test_a_register_named_once_is_the_whole_sentences():
    figures = annotated(
        "Число лиц, состоящих на наркологическом учете, за год выросло на 2,4% и составило "
        "2210 человек."
    )
    assert by_quote(figures, "2210 человек")["indicator"] == "drug_users_registered"
    # «зарегистрировано» far from the number is said of crimes and accidents as well
    figures = annotated(
        "Зарегистрировано 252 преступления, возбуждено 219 уголовных дел в отношении 152 человек."
    )
    assert by_quote(figures, "152 человек")["indicator"] != "drug_users_registered"
    # ... and people on the register who are detained are detainees
    figures = annotated(
        "Из состоящих на наркологическом учете задержаны 14 человек за сбыт наркотиков."
    )
    assert by_quote(figures, "14 человек")["indicator"] != "drug_users_registered"


def test_vsego_sums_the_sentences_before_not_its_own_items():
    figures = annotated("Всего изъяли 15 кг мефедрона и 70 кг гашиша.")
    assert [f["role"] for f in figures] == ["value", "value"]
    # ... while the finds of the sentences before are its parts
    figures = annotated("Нашли 1,5 кг героина. Нашли еще 300 граммов. Всего изъято 2,5 кг.")
    assert _total_of(figures, "1,5 кг") == _total_of(figures, "300 граммов") == "2,5 кг"


def test_vsego_before_any_number_sums_the_finds_of_the_operation_told():
    text = (
        "Всего изъяли более 15 кг мефедрона и свыше 70 кг прекурсоров. Сотрудники УФСБ "
        "пресекли деятельность нелегальной лаборатории. Было изъято более 15 кг мефедрона."
    )
    assert {f["scope"] for f in annotated(text)} == {"event"}
    # a statistic names its period or words of its own
    text = "Всего за год изъяли более 15 кг мефедрона. Зарегистрировано 40 преступлений."
    assert {f["scope"] for f in annotated(text)} == {"period"}


def test_of_this_number_after_a_count_of_acts_breaks_down_the_crimes_before():
    figures = annotated(
        "С начала года зарегистрировано 96 преступлений. Об этом сообщил начальник управления. "
        "80 противоправных деяний из этого числа относятся к категории тяжких."
    )
    assert _total_of(figures, "80 противоправных деяний") == "96 преступлений"
    # people are no acts
    figures = annotated(
        "С начала года зарегистрировано 96 преступлений. 80 человек из этого числа задержаны."
    )
    assert _total_of(figures, "80 человек") is None


def test_of_this_mass_in_the_opening_breaks_down_the_mass_before():
    figures = annotated(
        "С начала года изъято 6,8 кг наркотиков. Подавляющую часть из этой массы составляет "
        "синтетика – 5,4 кг."
    )
    assert _total_of(figures, "5,4 кг") == "6,8 кг"


def test_the_volume_of_one_drug_is_a_share_of_the_drugs_seized_before():
    figures = annotated(
        "С начала года из незаконного оборота изъято более 6 тонн наркотиков. При этом объем "
        "изъятой синтетики возрос почти в два раза и составил 570 кг."
    )
    assert _total_of(figures, "570 кг") == "более 6 тонн"
    # not a larger mass, nor one of another period
    figures = annotated(
        "В 2023 году изъято 400 кг наркотиков. В 2024 году объем изъятой синтетики составил 570 кг."
    )
    assert _total_of(figures, "570 кг") is None
    # a volume with no verb of seizing is a seizure once linked, and so is its change
    figures = annotated(
        "За год изъято свыше 4 тонн наркотиков. Объем героина сократился вдвое и составил 300 кг."
    )
    assert _total_of(figures, "300 кг") == "свыше 4 тонн"
    assert by_quote(figures, "300 кг")["indicator"] == "drugs_seized"
    assert by_quote(figures, "вдвое")["indicator"] == "drugs_seized"
    assert by_quote(figures, "вдвое")["substance"] == "героин"


def test_people_said_to_depend_on_drugs_are_registered_users():
    figures = annotated(
        "За пять лет число граждан, зависимых от психоактивных стимуляторов, выросло с 4,2 тыс. "
        "до 9,8 тыс. человек."
    )
    assert by_quote(figures, "9,8 тыс. человек")["indicator"] == "drug_users_registered"
    # ... not when they died of them
    figures = annotated("От передозировки умерли 58 человек, зависимых от опиоидов.")
    assert by_quote(figures, "58 человек")["indicator"] != "drug_users_registered"


def test_the_year_just_ended_after_earlier_years_is_the_later_value():
    figures = annotated(
        "В 2015 году таких было 34 человека, в 2016-м – 21 человек, а в минувшем году – 15 человек."
    )
    assert [f["role"] for f in figures] == ["baseline", "baseline", "value"]


def test_for_last_year_alone_names_the_reporting_period_not_a_baseline():
    figures = annotated(
        "Всего МВД пресекло за прошлый год 1,3 тыс. преступлений, больше тысячи отнесли к тяжким."
    )
    assert figures[0]["role"] != "baseline"
    # ... after a current value it is the earlier one
    figures = annotated("В этом году выявлено 10 тыс. преступлений, за прошлый год — 9,8 тыс.")
    assert [f["role"] for f in figures] == ["value", "baseline"]


def test_a_kind_named_again_and_given_place_by_place_breaks_down_the_total_before():
    figures = annotated(
        "За год в стране выявлено 48 300 наркопреступлений. Больше всего таких преступлений "
        "зарегистрировано в Свердловской области - 3,9 тысячи, в Татарстане - 2,1 тысячи, а в "
        "Башкирии - 1,6 тысячи."
    )
    assert [(f["role"], f["part_of"]) for f in figures] == [
        ("total", None),
        ("part", 0),
        ("part", 0),
        ("part", 0),
    ]


def test_numbers_of_places_side_by_side_do_not_add_up_to_one_another():
    # 2,1 + 1,9 thousand would make up «более 3,9 тысячи»: siblings, each after its own place
    figures = annotated(
        "В Свердловской области выявлено более 3,9 тысячи преступлений, в Татарстане - 2,1 "
        "тысячи, в Башкирии - 1,9 тысячи."
    )
    assert {f["role"] for f in figures} == {"value"}


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # a verb after «и» starts the figure's own clause: the dens are the organisers'
        ("Полицейским удалось задержать троих организаторов наркопритонов и пресечь пять "
         "случаев культивированного разведения конопли.", "пять", None),
        # the register of drinkers, named before the number in its phrase
        ("На профилактическом учете по алкоголю состоит 60 человек, по наркотикам - 65.",
         "60", None),
        ("На профилактическом учете по алкоголю состоит 60 человек, по наркотикам - 65.",
         "65", "drug_users_registered"),
        # ... but not when it comes after the next number
        ("В стране насчитывается около 20 тысяч людей с диагнозом «наркотическая зависимость» "
         "и около 100 тысяч граждан с алкогольной зависимостью.", "около 20",
         "drug_users_registered"),
        # «организованные» is read as a form of the verb «организовать»
        ("В области ликвидированы две нарколаборатории и 73 организованные группы, "
         "занимавшиеся сбытом.", "73", "organised_groups"),
        ("Полицейские обезвредили 20 наркоторговцев.", "20", "persons_detained"),
        # a town's people the dictionary does not know
        ("По подозрению в сбыте задержаны двое бийчан.", "двое", "persons_detained"),
        # what a person had on him is what was seized
        ("На тот момент при себе злоумышленник имел более 7 граммов марихуаны.", "более 7",
         "drugs_seized"),
        # cases of use are no crimes
        ("В 2010 году зафиксировано около двух тысяч случаев употребления спиртного, а также "
         "наркотических средств.", "около двух", None),
    ],
)  # fmt: skip
def test_whose_words_stand_around_a_number(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("За правонарушения в состоянии опьянения – 11 человек (в прошлом – 13).", "13"),
        ("В первом квартале 2013 года 39 человек скончались (в I квартале 2012 года – 17).", "17"),
        ("Заболеваемость составила 8,9 на 100 тысяч. В 2023-м, для сравнения, — 12,2 на 100 "
         "тысяч.", "12,2"),
        # the year before last
        ("В прошлом году от передозировки умерли 207 человек, а в позапрошлом — 246.", "246"),
        ("Изъято 70 кг героина, в позапрошлом году — 50 кг.", "50 кг"),
    ],
)  # fmt: skip
def test_earlier_values_in_other_words(text, quote):
    assert by_quote(annotated(text), quote)["role"] == "baseline"


def test_a_participle_used_as_a_noun_counts_people_of_its_own():
    # «обвиняемые» are people: the sentence's verb says they were convicted, no drug was seized
    figures = annotated("По делу осуждены 5 обвиняемых в сбыте наркотиков.")
    assert by_quote(figures, "5 обвиняемых")["indicator"] == "persons_convicted"
    # students who took a drug test are no indicator of the vocabulary, however near the drugs
    figures = annotated("Тест на наркотики прошли 8 578 обучающихся, изъятых наркотиков нет.")
    assert by_quote(figures, "8 578 обучающихся")["indicator"] is None


def test_a_generic_seizure_takes_the_drug_the_text_identifies():
    text = (
        "В гараже изъят пакет с 462 граммами порошкообразного вещества. "
        "Экспертиза показала, что изъятое вещество является мефедроном."
    )
    assert by_quote(annotated(text), "462")["substance"] == "мефедрон"
    # a text that names a second drug leaves the generic seizure generic
    other = text + " Ранее у него изъяли 5 граммов гашиша."
    assert by_quote(annotated(other), "462")["substance"] == "наркотик"
    # with no sentence that says what the substance was, the drug named elsewhere says nothing
    plain = "В гараже изъяли 462 грамма вещества. Полиция борется с мефедроном."
    assert by_quote(annotated(plain), "462")["substance"] == "наркотик"


def test_a_seizure_of_packets_or_a_bare_mass_takes_the_one_drug_the_text_names():
    title = "Кокаин нашли в морском порту"
    text = (
        "Таможенники осмотрели контейнер с бананами. Внутри нашли 47 свертков общим весом "
        "52 кг. Один из задержанных прятал 6 кг наркотиков."
    )
    figures = annotated(text, title=title)
    assert by_quote(figures, "47 свертков")["substance"] == "кокаин"
    assert by_quote(figures, "52 кг")["substance"] == "кокаин"
    # a seizure its own words call generic stays generic
    assert by_quote(figures, "6 кг")["substance"] == "наркотик"
    # two drugs named: which one the packets held is not said
    two = text + " Ранее у него изъяли 5 граммов гашиша."
    assert by_quote(annotated(two, title=title), "47 свертков")["substance"] == "наркотик"


def test_plants_of_a_named_plant_are_of_that_plant_beside_another():
    # «растения» names no drug, the genitive after it does, even where the text names two plants
    figures = annotated("Стражи порядка уничтожили 42 растения мака и 610 растений конопли.")
    assert by_quote(figures, "42 растения")["substance"] == "мак"
    assert by_quote(figures, "610 растений")["substance"] == "конопля"
    # plants named by no plant in a text of two plants are the generic drug
    figures = annotated("Уничтожено 227 кустов наркосодержащих растений, мака и конопли.")
    assert by_quote(figures, "227 кустов")["substance"] == "наркотик"


def test_an_anaphor_far_from_its_topic_takes_the_indicator_of_the_figure_before():
    text = (
        "В области выросло число преступлений, связанных со сбытом наркотиков через интернет. "
        "Об этом сообщили в пресс-службе региональной прокуратуры, подводя итоги семи месяцев. "
        "По данным ведомства, с начала года зарегистрировано 837 подобных случаев, что на 48,7% "
        "выше уровня прошлого года. Область находится на 15 месте в России по количеству таких "
        "фактов и на 5 – в Приволжском федеральном округе, уступая лишь соседним регионам. "
        "Большинство преступлений этой категории совершены в Энгельсском (240) и Балаковском "
        "(50) районах."
    )
    figures = annotated(text)
    assert by_quote(figures, "837")["indicator"] == "drug_sales_crimes"
    assert by_quote(figures, "240")["indicator"] == "drug_sales_crimes"
    assert by_quote(figures, "50")["indicator"] == "drug_sales_crimes"
    # «за этот период», «таким образом» point at a time or a manner, not at what is counted
    text = (
        "В январе изъято 5 кг героина. Полиция провела рейды в клубах. За этот период раскрыто "
        "1000 преступлений."
    )
    assert by_quote(annotated(text), "1000")["indicator"] is None


def test_a_datelines_day_is_no_day_of_an_operation():
    text = (
        "Душанбе, 9 января, tajikistantimes.tj — Пограничниками в 2017 году из незаконного "
        "оборота изъято 1 740 килограммов наркотиков."
    )
    assert by_quote(annotated(text), "1 740")["scope"] == "period"
    # a day that opens a sentence of its own still dates one operation
    text = "9 января в Душанбе задержан курьер, у него изъяли 5 кг героина."
    assert by_quote(annotated(text), "5 кг")["scope"] == "event"


def test_the_one_number_of_an_if_clause_is_the_baseline_of_the_then_clause():
    text = (
        "И если в прошлом году по области было выявлено всего 17 преступлений, то сегодня цифра "
        "выросла: в первом квартале – 55 преступлений."
    )
    assert by_quote(annotated(text), "17")["role"] == "baseline"
    text = "Если в 2021 году молодые люди составили 23 процента, то в 2022 году - 24,6 процента."
    assert by_quote(annotated(text), "23")["role"] == "baseline"
    # a list in the «если» clause is the earlier year's breakdown, no baseline of one number
    text = (
        "Если в 2019 году основу составляли героин (40%) и гашиш (32%), то в 2020-м - "
        "марихуана (81,5%)."
    )
    assert by_quote(annotated(text), "40%")["role"] != "baseline"
    # an «если» sentence after another on its line
    text = (
        "Контрабанда снижается. Если в 2015 году было зарегистрировано 1028 преступлений, то к "
        "2024 году их число сократилось до 378."
    )
    assert by_quote(annotated(text), "1028")["role"] == "baseline"


def test_a_number_with_a_change_of_its_own_is_no_earlier_value():
    # a report on last year: «в прошлом году» is its own period, as the change after shows
    text = (
        "В прошлом году в округе было выявлено 25 наркопреступлений, что на 30% меньше, чем "
        "годом ранее."
    )
    assert by_quote(annotated(text), "25")["role"] == "value"
    text = (
        "В 2011 году изъято 7,8 кг героина (на 15% больше, чем в 2010 году), более 2,5 кг "
        "синтетических (в 7 раз больше)."
    )
    assert by_quote(annotated(text), "более 2,5")["role"] == "value"


def test_an_earlier_half_year_or_quarter_in_brackets_names_a_baseline():
    text = "В 1 пол. 2023 г. осуждено 1110 лиц (в 1 пол. 2022 г. – 1246)."
    assert by_quote(annotated(text), "1246")["role"] == "baseline"
    text = "Во II квартале 2024 года выявлено 45 преступлений (во II квартале 2023 года – 52)."
    assert by_quote(annotated(text), "52")["role"] == "baseline"


def test_a_sentence_that_gives_numbers_to_compare_names_baselines_of_the_sentences_before():
    text = (
        "55 жителей области умерли от отравления наркотиками в 2023 году. Для сравнения, в 2022 "
        "году при отравлении наркотиками скончались 54 человека."
    )
    assert by_quote(annotated(text), "54")["role"] == "baseline"


def test_drug_brands_and_classes_the_annotators_name_are_substances():
    figures = annotated("Сотрудники таможни изъяли 5 кг опиатов.")
    assert by_quote(figures, "5 кг")["substance"] == "опиат"
    figures = annotated("В автомобиле изъято 826 единиц психотропного препарата «Регапен».")
    assert by_quote(figures, "826")["substance"] == "регапен"


def test_a_part_larger_than_its_total_is_something_else_seized_beside_it():
    figures = annotated(
        "Из незаконного оборота изъято свыше 525 кг наркотических средств, в том числе 52 кг "
        "синтетических и более 3 тонн прекурсоров."
    )
    assert _total_of(figures, "52 кг") == "свыше 525 кг"
    assert _total_of(figures, "более 3 тонн") is None


def test_an_earlier_half_year_shortened_in_brackets_is_a_baseline():
    figures = annotated(
        "В 1 полугодии 2023 года осуждены 700 лиц. Из них 439, или 62,7% приговорены к штрафу "
        "(1 пол. 2022 г. – 460, или 67,2%)."
    )
    assert by_quote(figures, "460")["role"] == "baseline"
    assert by_quote(figures, "67,2%")["role"] == "baseline"


def test_a_signed_number_in_brackets_after_a_value_is_its_change():
    figures = annotated(
        "В 2023 году количество отравлений составило 5 216 (+346) случаев, из них 532 (+71) – "
        "с летальным исходом."
    )
    assert [f["role"] for f in figures] == ["total", "change", "part", "change"]


def test_a_count_of_those_who_used_drugs_counts_no_seized_drugs():
    figures = annotated(
        "За год выявлено 38 впервые употребивших наркотики подростков и 17 употребивших наркотики."
    )
    assert by_quote(figures, "17")["indicator"] != "drugs_seized"


def test_a_change_takes_what_its_own_clause_names_over_the_sentences_one_number():
    figures = annotated(
        "За полгода выявлено 1 240 преступлений, связанных с наркотиками, а количество "
        "изъятых наркотиков выросло втрое."
    )
    assert by_quote(figures, "втрое")["indicator"] == "drugs_seized"
    # ... but a change stated of the number before it takes that one's
    figures = annotated("Выявлено 1 240 наркопреступлений, что на 12% больше, чем годом ранее.")
    assert by_quote(figures, "12%")["indicator"] == "drug_crimes"


def test_vynesti_convicts_only_with_a_sentence_or_punishment():
    figures = annotated("Суд вынес приговор пятерым наркосбытчикам из Читы.")
    assert by_quote(figures, "пятерым")["indicator"] == "persons_convicted"
    figures = annotated("Прокуратура вынесла обвинение трем уроженцам Таджикистана.")
    assert by_quote(figures, "трем")["indicator"] != "persons_convicted"


def test_a_number_in_brackets_after_last_years_level_is_its_baseline():
    figures = annotated(
        "С начала года зарегистрировано 412 таких преступлений, что на 12,3% выше уровня "
        "прошлого года (367)."
    )
    assert by_quote(figures, "367")["role"] == "baseline"
    assert by_quote(figures, "412 таких преступлений")["role"] == "value"


def test_a_series_goes_on_with_years_listed_without_a_preposition():
    figures = annotated(
        "Число отравлений росло: в 2019-м — 290 случаев, 2020 году — 313, 2021 году — 402.",
        published="2022-02-01",
    )
    assert [by_quote(figures, q)["role"] for q in ("290", "313", "402")] == [
        "baseline", "baseline", "value"
    ]  # fmt: skip
    # «в прошлом —» is last year's too
    figures = annotated(
        "Число уголовных дел растет: в 2019 году их было 180, в прошлом — 265.",
        published="2021-03-01",
    )
    assert by_quote(figures, "180")["role"] == "baseline"


def test_people_of_kinds_add_up_to_a_count_of_people():
    text = (
        "В Подмосковье с поличным задержали троих человек – двое граждан Колумбии и один "
        "гражданин Евросоюза."
    )
    figures = annotated(text)
    assert [(f["role"], f["part_of"]) for f in figures] == [
        ("total", None), ("part", 0), ("part", 0)
    ]  # fmt: skip
    # things are no people, though they add up
    figures = annotated("Задержали троих человек – при них было два пакета и один сверток.")
    assert [f["role"] for f in figures] == ["value", "value", "value"]


@pytest.mark.parametrize("opening", ["Так, в Москве", "В Москве"])
def test_the_kind_counted_again_place_by_place_breaks_down_the_total(opening):
    text = (
        f"Всего выявлено 20 тысяч наркопреступлений. {opening} количество таких преступлений "
        "составило более 10,4 тысячи, в Подмосковье - 5,8 тысячи."
    )
    figures = annotated(text)
    assert [(f["role"], f["part_of"]) for f in figures] == [
        ("total", None), ("part", 0), ("part", 0)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "За месяц зарегистрировано 176 преступлений, 118 из которых связано со сбытом "
        "наркотиков, 8 – с контрабандой наркотиков.",
        # the first part opening its sentence; a number in brackets details it
        "За полгода зарегистрировано 634 преступления. 118 из них связано со сбытом (52 - в "
        "крупном размере), 8 - с контрабандой наркотиков.",
    ],
)
def test_dashed_items_after_n_of_them_are_its_siblings(text):
    figures = annotated(text)
    total = next(k for k, f in enumerate(figures) if f["value"] in (176, 634))
    assert [f["part_of"] for f in figures if f["value"] in (118, 8)] == [total, total]
    assert all(f["part_of"] is None for f in figures if f["value"] == 52)


def test_n_of_them_after_opening_words_counts_people_of_a_count_of_people_before():
    text = (
        "На начало июня в Удмуртии на наблюдении состоит более 22 тысяч жителей. Как сообщает "
        "пресс-служба Минздрава, почти 15 тысяч из них составляют лица с алкогольной "
        "зависимостью, более 5 тысяч – с наркотической."
    )
    assert [(f["role"], f["part_of"]) for f in annotated(text)] == [
        ("total", None), ("part", 0), ("part", 0)
    ]  # fmt: skip


def test_of_them_after_that_opens_a_subset():
    text = (
        "В центре зарегистрировано 32 921 человек, потребляющих наркотики. Об этом говорится в "
        "отчете. В отчете отмечено, что из них 27574 человека состоят на учете в диспансере, "
        "4000 - на профилактическом учете."  # no sum: the words alone say so
    )
    assert [(f["role"], f["part_of"]) for f in annotated(text)] == [
        ("total", None), ("part", 0), ("part", 0)
    ]  # fmt: skip


def test_n_of_the_suspects_is_a_part_of_the_people_counted_before():
    text = (
        "В минувшую субботу были задержаны четверо жителей района. Двое из злоумышленников "
        "до этого уже привлекались к ответственности."
    )
    assert [(f["role"], f["part_of"]) for f in annotated(text)] == [("total", None), ("part", 0)]


def test_from_and_to_with_ot_in_a_change_give_the_earlier_value():
    text = "Значительно сократилось число вызовов скорой помощи — от 4800 до 1300 случаев в год."
    roles = [f["role"] for f in annotated(text)]
    assert roles == ["baseline", "value"]
    # a range with no change stays two values
    text = "В лабораториях готовили от 30 до 100 килограммов наркотиков в месяц."
    assert [f["role"] for f in annotated(text)] == ["value", "value"]


@pytest.mark.parametrize("night", ["в ночь с 31 июля на 1 августа", "в ночь на субботу"])
def test_one_night_is_one_operation_not_a_period(night):
    text = f"20 килограммов героина изъято {night} сотрудниками отдела наркоконтроля."
    assert annotated(text)[0]["scope"] == "event"


@pytest.mark.parametrize(
    ("text", "object_"),
    [
        ("Пресечена деятельность четырех преступных групп, в том числе одной транснациональной.",
         "группа"),
        ("Только в августе зафиксировано 6 случаев, включая один - за употребление.", "случай"),
    ],
)  # fmt: skip
def test_one_after_a_subset_marker_is_a_part_of_the_count_before(text, object_):
    figures = annotated(text)
    assert [(f["value"], f["object"], f["role"], f["part_of"]) for f in figures][1] == (
        1, object_, "part", 0
    )  # fmt: skip


def test_the_bounds_of_a_range_are_no_parts_of_a_sum():
    # 1 965 + 8 + 10 thousand make «около $2 млн», by chance
    text = (
        "Годовой оборот торговли героином составляет около $2 млн. Оборот этого вида "
        "наркотиков составляет около $1 млн 965 тыс. Цены на героин колеблются от $8 тыс. до "
        "$10 тыс."
    )
    assert all(f["part_of"] is None for f in annotated(text))


def test_the_other_end_of_a_changes_range_is_a_change_too():
    figures = annotated("Ежегодно число больных наркоманией снижается на 300-400 человек.")
    assert [f["role"] for f in figures] == ["change", "change"]
    figures = annotated("Ежегодный прирост числа потребителей составляет от 20 до 30%.")
    assert [f["role"] for f in figures] == ["change", "change"]
    # a range that is no change stays a value
    figures = annotated("Дозу продавали за 1500-2000 рублей.")
    assert {f["role"] for f in figures} == {"value"}


def test_a_factor_for_one_kind_after_a_factor_of_change_is_a_change():
    text = "В 12 раз выросла масса изъятой синтетики, в том числе мефедрона в 8 раз."
    assert [f["role"] for f in annotated(text)] == ["change", "change"]


def test_a_change_after_a_dash_or_before_a_period_a_few_words_on():
    text = "Число отравлений также сократилось — на 25 по сравнению с прошлым годом."
    assert [f["role"] for f in annotated(text)] == ["change"]
    text = (
        "За полгода изъято 120 кг наркотиков, что на 15 кг больше изъятого за аналогичный "
        "период прошлого года."
    )
    assert [f["role"] for f in annotated(text)] == ["value", "change"]


def test_last_years_period_with_the_year_left_out_is_a_baseline():
    text = (
        "За полгода изъято 3 кг 120 граммов наркотических средств, за тот же период прошлого "
        "- 940 граммов."
    )
    figures = annotated(text)
    assert [(f["role"], f["object"]) for f in figures] == [
        ("value", "средство"), ("baseline", "средство")
    ]  # fmt: skip


def test_a_headline_total_takes_parts_whose_own_words_name_no_indicator():
    title = "3 литра гашишного масла изъяли у жителей области"
    body = (
        "Наркополицейские нашли в машине бутылку гашишного масла: в ней было 2 литра жидкости. "
        "Кроме того, еще 1 литр нашли у мужчины в соседнем районе."
    )
    figures = annotated(body, title=title)
    assert [(f["quote"], f["role"]) for f in figures] == [
        ("3 литра", "total"), ("2 литра", "part"), ("1 литр", "part")
    ]  # fmt: skip


def test_a_headline_its_body_adds_up_to_exactly_is_their_total_not_one_rounded():
    # «3 кг» could round «2,5 кг»; the body's two amounts make it up exactly
    title = "3 кг гашиша изъяли в области"
    body = "У первого задержанного нашли 2,5 кг вещества. Еще 0,5 кг обнаружили у второго."
    figures = annotated(body, title=title)
    assert [(f["quote"], f["role"]) for f in figures] == [
        ("3 кг", "total"), ("2,5 кг", "part"), ("0,5 кг", "part")
    ]  # fmt: skip
    # the parts measure what their total does
    assert [f["indicator"] for f in figures] == ["drugs_seized"] * 3


def test_an_amount_of_one_drug_holds_no_other_drug():
    figures = annotated(
        "Свыше 40 кг марихуаны уничтожено комиссией.\nГероин — 8,2 кг, гашиш — 15,4 кг."
    )
    assert _total_of(figures, "8,2 кг") is None and _total_of(figures, "15,4 кг") is None
    assert by_quote(figures, "Свыше 40 кг")["role"] == "value"


def test_an_amount_of_a_group_of_drugs_holds_its_members():
    figures = annotated("Изъято 12 кг синтетики, в том числе 9 кг мефедрона и 2 кг амфетамина.")
    assert _total_of(figures, "9 кг") == _total_of(figures, "2 кг") == "12 кг"


def test_an_amount_shared_by_a_list_of_drugs_holds_each_of_them():
    figures = annotated(
        "Контрабандисты пытались ввезти около 90 кг героина, опия и гашиша. Отмечается, что "
        "39 кг героина, 35 кг опия и 14 кг гашиша были обнаружены в тайнике."
    )
    assert {_total_of(figures, q) for q in ("39 кг", "35 кг", "14 кг")} == {"около 90 кг"}


def test_a_part_whose_own_verb_names_its_indicator_keeps_it_past_its_totals_words():
    figures = annotated(
        "К уголовной ответственности привлечено 214 лиц, из которых 37 осуждены к лишению свободы."
    )
    assert by_quote(figures, "214 лиц")["indicator"] is None  # held liable: no convicts
    assert by_quote(figures, "37")["indicator"] == "persons_convicted"
    burnt = annotated(
        "В печи сожжено 169 кг наркотиков, из которых 41 кг составлял героин, 43 кг опий."
    )
    assert by_quote(burnt, "41 кг")["indicator"] is None  # what it held: still no seizure


def test_one_person_s_deed_in_a_court_story_is_an_event_though_its_month_is_named():
    body = (
        "Суд вынес приговор жителю Шымкента. Как установлено судом, в марте 2024 года осужденный "
        "получил от неустановленного лица 15 кг гашиша. По данным суда, с начала года осуждены "
        "236 человек."
    )
    figures = annotated(body)
    assert by_quote(figures, "15 кг")["scope"] == "event"
    assert by_quote(figures, "236")["scope"] == "period"
    statistic = annotated("В марте 2024 года полицейские изъяли 15 кг гашиша.")
    assert by_quote(statistic, "15 кг")["scope"] == "period"  # a month's seizures, by nobody one


def test_a_ratio_measures_its_number_s_drugs_not_the_one_drug_the_text_names():
    figures = annotated(
        "В 2023 году в регионе изъято 1,8 тонны наркотиков, что в 2,5 раза больше, чем годом "
        "ранее. Объем изъятого кокаина вырос с 0,3 до 0,9 тонны."
    )
    assert by_quote(figures, "в 2,5 раза")["substance"] == "наркотик"
    assert by_quote(figures, "0,9 тонны")["substance"] == "кокаин"


def test_a_change_of_их_количество_measures_the_number_of_the_sentence_before():
    figures = annotated(
        "С начала года выявлено 1 584 преступления, связанных с незаконным оборотом "
        "наркотических средств. По сравнению с аналогичным периодом прошлого года их количество "
        "снизилось на 4,6%."
    )
    assert by_quote(figures, "4,6%")["indicator"] == "drug_crimes"


def test_people_who_were_earlier_convicted_are_no_earlier_value():
    figures = annotated(
        "За полугодие зарегистрировано 18 преступлений. Из числа лиц, совершивших преступления, "
        "4 ранее судимы, 2 – несовершеннолетние."
    )
    assert by_quote(figures, "2")["role"] != "baseline"
    earlier = annotated("Задержано 40 человек, ранее – 52.")
    assert by_quote(earlier, "52")["role"] == "baseline"


def test_a_difference_in_kg_opening_with_это_measures_the_mass_before_it():
    burnt = annotated(
        "В 2023 году уничтожено 987 кг наркотических средств, изъятых по уголовным делам. Это "
        "на 212 кг больше, чем годом ранее."
    )
    assert by_quote(burnt, "212 кг")["indicator"] is None  # a burning, no seizure
    seized = annotated(
        "В 2023 году изъято 987 кг наркотиков. Это на 212 кг больше, чем годом ранее."
    )
    assert by_quote(seized, "212 кг")["indicator"] == "drugs_seized"


def test_a_bare_count_takes_the_indicator_its_sentence_s_subject_names():
    figures = annotated("Число фактов сбыта выросло на 8% и составило 215.")
    assert by_quote(figures, "215")["indicator"] == "drug_sales_crimes"
    listed = annotated(
        "Выявлено 607 наркопреступлений, в том числе 299 фактов сбыта, 76 - хранения и 167 - "
        "культивирования."
    )
    assert by_quote(listed, "167")["indicator"] != "drug_sales_crimes"  # an item after sales


def test_a_headline_period_that_depends_on_the_publication_day_is_the_body_s():
    figures = annotated(
        "Выявлено 48 наркопреступлений.",
        published="2024-10-15",
        title="Сводка происшествий за неделю",
    )
    assert (figures[-1]["period_start"], figures[-1]["period_end"]) == ("2024-10-08", "2024-10-15")


def test_a_period_a_sentence_of_no_numbers_names_is_that_of_the_statistics_after_it():
    figures = annotated(
        "На заседании комиссии рассмотрели наркоситуацию по итогам первого полугодия. На "
        "диспансерном учете состоит 356 человек, что на 4% меньше, чем на 1 июля прошлого года.",
        published="2025-11-20",
    )
    counted = by_quote(figures, "356 человек")
    assert (counted["period_start"], counted["period_end"]) == ("2025-01-01", "2025-06-30")
    # «за этот период» points back at it
    pointed = annotated(
        "Операция «Мак» прошла с 1 июня по 31 августа 2025 года. За этот период выявлено 48 "
        "наркопреступлений."
    )
    assert by_quote(pointed, "48")["period_start"] == "2025-06-01"


def test_no_period_is_borrowed_for_a_present_count_a_rate_or_one_of_its_own_words():
    text = "Комиссия подвела итоги 2024 года. {}"
    stated = annotated(text.format("Выявлено 48 наркопреступлений."))
    assert by_quote(stated, "48")["period_start"] == "2024-01-01"
    now = annotated(text.format("Сейчас на учете состоит 356 человек."))
    assert by_quote(now, "356")["period_start"] is None  # a count at the present day
    rate = annotated(text.format("Каждый год через страну провозится до 11 тонн героина."))
    assert by_quote(rate, "до 11 тонн")["period_start"] is None
    # a period in words the rules cannot place is not the one stated before
    own = annotated(text.format("За прошедшие десять месяцев выявлено 48 наркопреступлений."))
    assert by_quote(own, "48")["period_start"] is None


def test_a_change_in_a_что_clause_measures_the_number_before_it():
    cases = annotated(
        "В 2024 году таможенники возбудили 214 уголовных дел о контрабанде наркотических "
        "средств, что на 17% больше, чем годом ранее."
    )
    assert by_quote(cases, "17%")["indicator"] is None  # the cases changed, not the drugs
    seized = annotated("В 2024 году изъято 46 кг наркотиков, что на 17% больше, чем годом ранее.")
    assert by_quote(seized, "17%")["indicator"] == "drugs_seized"


def test_a_prosecutors_audit_is_no_operation_of_one_seizure():
    figures = annotated(
        "В ходе проверки установлено, что в 2025 году на территории района зарегистрировано 96 "
        "преступлений в сфере незаконного оборота наркотиков."
    )
    assert by_quote(figures, "96")["scope"] == "period"
    search = annotated("В ходе проверки автомобиля обнаружено 2 кг гашиша.")
    assert by_quote(search, "2 кг")["scope"] == "event"


def test_officials_held_to_disciplinary_account_are_not_administratively_liable():
    figures = annotated(
        "По результатам проверки к дисциплинарной ответственности привлечено 5 должностных лиц, "
        "возбуждено 3 дела об административных правонарушениях."
    )
    assert by_quote(figures, "5")["indicator"] is None


def test_last_years_figure_right_before_a_number_is_its_baseline():
    figures = annotated(
        "В 2024 году изъято 38,7 кг наркотиков, что почти вдвое меньше прошлогоднего показателя "
        "(71,2 кг)."
    )
    assert by_quote(figures, "71,2 кг")["role"] == "baseline"
    assert by_quote(figures, "71,2 кг")["period_start"] == "2023-01-01"
    went_on = annotated(
        "Число смертей за январь превысило прошлогодние показатели и составило 25 случаев, "
        "против 14 в январе 2022 года."
    )
    assert by_quote(went_on, "25")["role"] != "baseline"


def test_a_change_against_last_years_stage_is_of_the_current_period():
    figures = annotated(
        "В ходе первого этапа операции «Мак-2024» выявлено 1 870 преступлений. По сравнению с "
        "аналогичным этапом прошлого года количество выявленных преступлений выросло на 11,4%.",
        published="2024-10-15",
    )
    assert by_quote(figures, "11,4%")["period_start"] != "2023-01-01"


def test_tablets_the_words_after_them_call_psychotropic_are_no_named_drugs():
    figures = annotated(
        "Изъято 912 кг марихуаны и 38 кг героина, а также 146 тысяч таблеток психотропных "
        "препаратов."
    )
    assert by_quote(figures, "146 тысяч")["substance"] == "наркотик"
    lyrica = annotated("Изъято 38 кг героина и 120 таблеток препарата «Лирика».")
    assert by_quote(lyrica, "120 таблеток")["substance"] == "лирика"
    packets = annotated("Кокаин нашли в порту. Один прятал 47 свертков среди вещей.")
    assert by_quote(packets, "47 свертков")["substance"] == "кокаин"


def test_a_bare_number_in_brackets_after_the_counted_noun_is_the_earlier_value():
    figures = annotated(
        "По итогам 2025 года выявлено 3 214 наркопреступлений (2024 год – 3 580), в том числе "
        "1 702 факта сбыта (1 911). Изъято 4,8 тонны наркотиков (5,6 т)."
    )
    assert by_quote(figures, "1 911")["role"] == "baseline"
    assert by_quote(figures, "5,6 т")["role"] == "baseline"
    assert by_quote(figures, "3 214")["check"] != "mismatch"  # 1 702 + 1 911 is no sum
    # the same amount again, more exactly, or a part with its own noun: no earlier value
    exact = annotated("Уничтожено более 13 тысяч кустов дикорастущей конопли (13690).")
    assert by_quote(exact, "13690")["role"] != "baseline"
    women = annotated("Задержано 22871 человек (512 женщин).")
    assert by_quote(women, "512")["role"] != "baseline"
    # an earlier value may be as close as it likes when written with no more digits
    close = annotated("Изъято 4,8 тонны наркотиков (4,6 т), выявлено 1 702 факта сбыта (1 650).")
    assert by_quote(close, "4,6 т")["role"] == "baseline"
    assert by_quote(close, "1 650")["role"] == "baseline"


class _CountedScans(list):
    """A list of figures that counts how often it is read through."""

    scans = 0

    def __iter__(self):
        type(self).scans += 1
        return super().__iter__()


def test_changes_look_at_the_figures_of_their_own_sentence_only():
    """Each change read every figure of the text to find those of its sentence; a page of
    thousands of figures then took seconds. The whole list is now read a fixed number of times,
    however many changes there are."""
    from pipelines.facts.indicators import vocabulary
    from pipelines.facts.inherit import inherit_indicators

    def scans(changes: int) -> int:
        text = " ".join(
            f"В районе {n} выявлено {n + 10} преступлений, что на {n}% больше."
            for n in range(changes)
        )
        figures = _CountedScans(annotated(text))
        _CountedScans.scans = 0
        inherit_indicators(text, figures, vocabulary())
        return _CountedScans.scans

    assert scans(40) == scans(10)
