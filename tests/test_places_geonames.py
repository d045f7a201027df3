"""Towns and villages from GeoNames (data/gazetteer/geonames.tsv), districts named after their
centre, and the rules that keep small names from being found where they are not places."""

from pipelines.phrases import read_tsv
from pipelines.places import article_region, figure_region, find_places
from pipelines.places_gazetteer import GAZETTEER_DIR


def places_of(text, home_country=None):
    return [(p["normalized"], p["region_code"]) for p in find_places(text, home_country)]


def test_geonames_rows_have_russian_names_and_iso_regions():
    rows = read_tsv(GAZETTEER_DIR / "geonames.tsv")
    regions = {r["code"] for r in read_tsv(GAZETTEER_DIR / "regions.tsv")}
    assert len(rows) > 1000
    assert all(r["region_code"] in regions for r in rows)
    assert all(r["kind"] in ("city", "settlement") for r in rows)
    # no Kazakh, Kyrgyz, Ukrainian or Belarusian letters in a name
    assert not any(set(r["name"].lower()) & set("қғүұңөһәіїєў") for r in rows)


def test_a_russian_village_of_a_thousand_people_is_a_place():
    # Подгородняя Покровка (Orenburg region) and Серебряные Пруды (Moscow region): under 5,000
    title = "В одном из СНТ в Подгородней Покровке полицейские обнаружили нарколабораторию"
    assert article_region("Изъято 2 кг мефедрона.", title=title)["region_code"] == "RU-ORE"
    assert places_of("Коноплю сожгли в Серебряных Прудах.") == [("Серебряные Пруды", "RU-MOS")]


def test_a_village_named_after_a_landform_is_not_the_landform():
    # «на Урале»: the Urals (Средний Урал is Sverdlovsk region), not the village Урал
    assert [p for p in places_of("На Урале полиция изъяла 65 кг.") if p[1]] == []
    names = {r["name"] for r in read_tsv(GAZETTEER_DIR / "geonames.tsv")}
    assert "Урал" not in names and "Обь" in names  # a town of the name stays


def test_a_town_below_a_regional_capital_gives_its_region():
    assert places_of("В Токтогуле задержали курьера.") == [("Токтогул", "KG-J")]
    assert article_region("ТОКТОГУЛ. Задержан мужчина с гашишем.")["region_code"] == "KG-J"


def test_a_former_name_of_one_place_that_is_another_place_s_name_is_not_ambiguous():
    # GeoNames lists "Токтогул" as an old name of Зындан (Issyk-Kul); the town keeps it alone.
    assert places_of("В селе Токтогул задержан мужчина.") == [("Токтогул", "KG-J")]


def test_a_district_named_after_its_centre_takes_the_centre_s_region():
    assert places_of("В Токтогульском районе изъяли 5 кг.") == [("Токтогульский район", "KG-J")]
    assert places_of("В Павлодарском районе изъяли 5 кг.") == [("Павлодарский район", "KZ-55")]
    # «-ка» towns: Окуловка, in one region, though «Окулов» is also a surname
    assert places_of("В Окуловском районе изъяли 5 кг.") == [("Окуловский район", "RU-NGR")]
    # ... but where a town of the stem's very name is held too (Александров, Vladimir region,
    # beside Orenburg's Александровка), the names around it decide
    listed = "Больше всего больных во Владимире (512), далее идет Александровский район (119)."
    assert places_of(listed)[1] == ("Александровский район", "RU-VLA")
    orenburg = "В Оренбургской области, в Александровском районе, изъято 5 кг."
    assert places_of(orenburg)[1] == ("Александровский район", "RU-ORE")
    assert places_of("В Александровском районе изъяли 5 кг.") == [("Александровский район", None)]


def test_a_district_adjective_found_in_every_region_takes_no_town():
    # "Кировский район" is in many regions and cities; the town of Kirov decides nothing.
    assert places_of("В Кировском районе изъяли 5 кг.") == [("Кировский район", None)]
    # nor do a person's name, a common word or a description, though towns share the stem
    for adjective in ("Дзержинском", "Первомайском", "Приволжском", "Пушкинском"):
        assert places_of(f"В {adjective} районе изъяли 5 кг.")[0][1] is None, adjective


def test_a_district_adjective_pymorphy_knows_from_its_town_takes_the_town_s_region():
    # pymorphy knows "Курганинский" as an adjective, made from the town Курганинск
    found = places_of("В станице Константиновской Курганинского района изъяли 5 кг.")
    assert ("Курганинский район", "RU-KDA") in found


def test_a_known_district_adjective_of_a_long_town_stem_takes_the_town_s_region():
    # «Куртамышский» ← Куртамыш, «Каргапольский» ← Каргаполье (Kurgan): the town's whole stem,
    # with no «-ск» or «-ка» between
    assert places_of("В Куртамышском районе изъяли 5 кг.") == [("Куртамышский район", "RU-KGN")]
    found = places_of("На территории Каргапольского района уничтожены посевы.")
    assert found == [("Каргапольский район", "RU-KGN")]
    # a town the gazetteer lists by its name and by its adjective is still one town's district
    assert places_of("В Зеленодольском районе изъяли 5 кг.") == [("Зеленодольский район", "RU-TA")]
    # a stem of towns in two regions decides nothing (Муслюмово: Chelyabinsk and Tatarstan)
    assert places_of("В Муслюмовском районе изъяли 5 кг.") == [("Муслюмовский район", None)]


def test_a_district_s_court_or_prosecutor_names_its_district():
    # «Алатырская межрайонная прокуратура»: the adjective of Алатырь (Chuvashia), with no
    # division noun after it; the town's own stem counts here, as no town ends in «-ск»
    found = places_of("Сотрудники Алатырской межрайонной прокуратуры провели проверку.")
    assert found == [("Алатырский район", "RU-CU")]
    assert places_of("Дело рассмотрел Курганинский районный суд.") == [
        ("Курганинский район", "RU-KDA")
    ]
    # a name found in every region stays without one
    assert places_of("Ленинский районный суд вынес приговор.") == [("Ленинский район", None)]


def test_a_form_that_is_an_ordinary_word_opening_a_sentence_is_no_place():
    # "Кроме" is a form of "Кромы" (Oryol region) and the preposition.
    assert places_of("Кроме того, изъято 5 кг.") == []


def test_a_small_town_naming_a_facility_is_no_place():
    assert places_of("В аэропорту Кольцово задержан курьер.") == []
    assert places_of("В аэропорту Алматы задержан курьер.") == [("Алматы", "KZ-75")]
    # a railway station bears its own town's name
    text = "Линейный отдел полиции на станции Миллерово задержал курьера."
    assert places_of(text) == [("Миллерово", "RU-ROS")]


def test_two_regions_side_by_side_are_two_mentions():
    title = "В Ташкенте, Ташкентской и Ферганской областях выявлены случаи сбыта"
    assert article_region(title)["region_code"] is None
    assert article_region(title)["country"] == "UZ"
    assert article_region("В селе Нура Алматинской области изъято 5 кг.")["region_code"] == "KZ-19"


def test_an_agency_named_by_its_region_s_adjective_places_the_text_there():
    text = (
        "Ранее таможня пресекла ввоз наркотика из США в Минусинск. Теперь сотрудники Кемеровской "
        "таможни обнаружили в посылке из КНР 302 грамма. Это четвертый случай в практике "
        "Кемеровской таможни."
    )
    assert article_region(text)["region_code"] == "RU-KEM"
    agency = [p for p in find_places(text) if p["named_as"] == "agency"]
    assert [p["region_code"] for p in agency] == ["RU-KEM", "RU-KEM"]
    # its officers, named by the region's adjective, act there too
    officers = find_places("Жамбылские полицейские изъяли около 4 тонн марихуаны.")
    assert [(p["region_code"], p["named_as"]) for p in officers] == [("KZ-31", "agency")]


def test_the_adjective_of_a_land_spanning_regions_names_no_town():
    # "Уральское таможенное управление" is the Urals' customs, not Uralsk's: «уральский» is the
    # Urals' adjective, so the town's adjectives leave it out
    assert find_places("Сообщили в пресс-службе Уральского таможенного управления.") == []
    # the town's own name still places it
    assert places_of("В Уральске задержали курьера.") == [("Уральск", "KZ-27")]


def test_a_dateline_in_capitals_is_a_place_even_when_the_name_is_also_a_word():
    for dateline, code in (("СЕМЕЙ.", "KZ-10"), ("РУДНЫЙ,", "KZ-39"), ("ШАХТЫ —", "RU-ROS")):
        text = f"{dateline} Полицейские задержали мужчину с 5 кг гашиша."
        assert article_region(text)["region_code"] == code
    assert places_of("ШАХТЫ ЗАКРЫЛИ НА РЕМОНТ") == []


def test_a_figure_counted_by_a_regional_agency_takes_its_region():
    sentence = "Сотрудники Кемеровской таможни обнаружили в посылке 302 грамма наркотика."
    places = find_places("В Новосибирске прошёл рейд. " + sentence)
    assert figure_region(sentence, places, "RU-NVS")["region_code"] == "RU-KEM"


def test_a_region_sharing_its_geonames_code_with_its_centre_city_keeps_its_towns():
    # GeoNames has one admin1 code for the city of Osh and Osh region: Kara-Suu is the region's.
    assert places_of("В Кара-Суйском районе уничтожили 2 га конопли.") == [
        ("Кара-Суйский район", "KG-O")
    ]


def test_a_town_that_is_also_a_surname_is_a_place_only_where_the_text_says_so():
    assert places_of("В Борисове задержан мужчина.") == [("Борисов", "BY-MI")]
    assert places_of("Иван Борисов задержан.") == []


def test_a_region_s_shchina_name_is_made_from_its_adjective():
    assert places_of("На Гомельщине задержали курьера.") == [("Гомельская область", "BY-HO")]
    assert places_of("Жители Белгородчины получили посылки.") == [
        ("Белгородская область", "RU-BEL")
    ]


def test_a_region_adjective_whose_noun_was_written_before_is_that_region():
    text = "Изъято 10 тонн. Больше всего в Чуйской области — 5 тонн, в Иссык-Кульской — 2."
    assert places_of(text) == [("Чуйская область", "KG-C"), ("Иссык-Кульская область", "KG-Y")]
    assert article_region(text)["region_code"] is None


def test_a_valley_across_a_border_takes_the_text_s_side():
    # the Chu valley is Zhambyl's in a Kazakh text and the Chuy oblast's in a Kyrgyz one
    kazakh = places_of("На юге Казахстана в Чуйской долине задержан курьер.")
    assert ("Чуйская долина", "KZ-31") in kazakh
    kyrgyz = places_of("В Чуйской долине Кыргызстана уничтожено 5 га конопли.")
    assert ("Чуйская долина", "KG-C") in kyrgyz


def test_staff_named_by_a_town_adjective_the_dictionary_lacks_name_that_town():
    # pymorphy3 knows no «актауский»: the staff of Aktau's customs name Aktau all the same
    from pipelines.places import article_region

    place = article_region(
        "В Казахстан героин везут из Турции.", title="Актауские таможенники задержали героин"
    )
    assert place["region_code"] == "KZ-47"
    # a capitalised adjective before no agency's staff names no town
    assert article_region("Актауские новости: в Казахстане задержан курьер.")["region_code"] is None


def test_a_police_unit_named_in_quotes_names_the_town_it_sits_in():
    # an inter-municipal unit of the police is named by its town's adjective, in quotes
    text = "Сотрудники МО МВД России «Ишимский» задержали мужчину с 2 кг гашиша."
    assert article_region(text)["region_code"] == "RU-TYU"  # Ишим
    # the adjective's fleeting vowel: «Кинешемский» ← Кинешма
    text = "В ОМВД России «Кинешемский» зарегистрировано 5 преступлений."
    assert article_region(text)["region_code"] == "RU-IVA"
    # a name no town is held for gives nothing; nor does the same word outside a unit's name
    text = "Сотрудники МО МВД России «Первомайский» задержали курьера."
    assert article_region(text)["region_code"] is None
    text = "«Ишимский» вариант развития событий обсудили на совещании."
    assert article_region(text)["region_code"] != "RU-TYU"


def test_a_large_town_whose_name_is_also_a_word_is_held():
    # «Барановичи», «Апатиты», «Клин»: towns of 30,000 people or more, read as places where
    # capitalised inside a sentence, as the curated «Шахты» is
    assert places_of("В Барановичах задержали курьера.") == [("Барановичи", "BY-BR")]
    assert places_of("В Апатитах задержали курьера.") == [("Апатиты", "RU-MUR")]
    assert places_of("Задержанные работали на шахте и дробили апатиты.") == []
    # an adjective GeoNames lists as a district of Moscow is no town of the gazetteer
    assert places_of("Северный ветер усилился к вечеру.") == []


def test_a_town_of_an_ordinary_name_places_its_district_but_is_never_looked_for():
    # Городок (Vitebsk region) and Кущёвская (Krasnodar krai) are ordinary words: left out of
    # geonames.tsv, kept in district_towns.tsv for the districts named after them
    assert article_region("В Городокском районе изъяли 2 кг мака.")["region_code"] == "BY-VI"
    assert article_region("В Кущёвском районе уничтожили коноплю.")["region_code"] == "RU-KDA"
    assert places_of("Наркокурьер приехал в небольшой городок.") == []
    # a district named after a person keeps no region, whatever village bears the name
    assert article_region("В Ленинском районе изъяли 2 кг мака.")["region_code"] is None
    names = {r["name"] for r in read_tsv(GAZETTEER_DIR / "district_towns.tsv")}
    assert {"Городок", "Кущёвская"} <= names


def test_a_town_geonames_names_only_in_russian_romanisation_is_held():
    """«Quvasoy» (Uzbek Latin) has its Russian name only as «Kuvasay» among GeoNames' alternates,
    «Panj» only as «Pyandzh» (its Cyrillic one is Tajik: «Панҷ»): read back into Cyrillic."""
    from scripts.gazetteer_geonames import from_russian_romanisation

    assert from_russian_romanisation("Kuvasay") == "Кувасай"
    assert from_russian_romanisation("Novyy Turtkul'") == "Новый Турткуль"
    assert from_russian_romanisation("Shakhrikhan") == "Шахрихан"
    # other romanisations are not Russian's: Uzbek Latin, German, Uzbek «o‘»
    assert [from_russian_romanisation(n) for n in ("Quvasoy", "Kuwassai", "Do'stlik")] == [
        None,
        None,
        None,
    ]
    assert [(p["normalized"], p["region_code"]) for p in find_places("Задержан в Кувасае.")] == [
        ("Кувасай", "UZ-FA")
    ]
    # the Panj river, on the Tajik-Afghan border, is no village of Panj
    assert [p["region_code"] for p in find_places("Белый костер на Пяндже")] == [None]


def test_a_division_seat_geonames_gives_no_population_names_its_district():
    """cities500 holds the seats of divisions whatever their size, many with population 0:
    Shŭrobod (Khatlon), Kochkor (Naryn), Zhansugurov (Zhetysu). They name their districts."""
    assert places_of("В Шуроабадском районе задержан курьер.") == [("Шуроабадский район", "TJ-KT")]
    assert article_region("В Кочкорском районе уничтожили коноплю.")["region_code"] == "KG-N"
    assert places_of("В Жансугурове задержан курьер.") == [("Жансугуров", "KZ-33")]


def test_a_seat_of_no_stated_size_yields_its_name_to_a_larger_town():
    # GeoNames also lists a Речица of population 0 in Brest region: the name is the Gomel
    # region's town of 65,000 alone
    rows = [r for r in read_tsv(GAZETTEER_DIR / "geonames.tsv") if r["name"] == "Речица"]
    assert [r["region_code"] for r in rows] == ["BY-HO"]
    assert places_of("В Речице задержан курьер.") == [("Речица", "BY-HO")]
