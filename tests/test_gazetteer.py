"""The generated gazetteer: every ISO 3166-2 division of the covered countries, Russian names
checked, centres in their regions, case forms from morphology, and the files reproducible."""

import gettext
import importlib.util
from pathlib import Path

import pycountry
import pytest

pytest.importorskip("natasha", reason="natasha is not installed (pyproject must list natasha>=1.6)")

from pipelines.phrases import read_tsv
from pipelines.places import article_region, find_places, load_gazetteer

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build", REPO / "scripts" / "build_gazetteer.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def test_committed_files_are_what_the_script_writes():
    assert build.main(["--check"]) == 0


@pytest.mark.parametrize("country", build.COUNTRIES)
def test_every_first_level_division_of_a_covered_country_is_held(country):
    iso = {
        s.code for s in pycountry.subdivisions.get(country_code=country) if s.parent_code is None
    }
    held = {code for code in load_gazetteer().regions if code.startswith(country + "-")}
    assert held == iso


def test_pycountry_names_are_checked():
    class Sub:
        def __init__(self, code, type_, name):
            self.code, self.type, self.name = code, type_, name

    subdivisions = [Sub("XX-C", "City", "Tosh"), Sub("XX-R", "Region", "Tosh region")]
    subdivisions.append(Sub("XX-L", "Region", "Latin only"))
    names = {"Tosh": "Ташкент", "Tosh region": "Ташкент"}

    class Ru(gettext.NullTranslations):
        def gettext(self, message):
            return names.get(message, message)

    # the region may not share its city's name; an untranslated (Latin) name is no Russian name
    assert build.pycountry_russian(subdivisions, Ru()) == {"XX-C": "Ташкент"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Наркотики изъяли в Гомеле.", "BY-HO"),  # a centre, in the prepositional
        ("Задержан житель Бишкека.", "KG-GB"),  # a city that is a region, in the genitive
        ("В Хатлонской области изъят героин.", "TJ-KT"),
        ("Партия гашиша шла из Джалал-Абада.", "KG-J"),
        ("В провинции Гильменд собран урожай мака.", "AF-HEL"),
        ("В Синьцзян-Уйгурском автономном районе задержан курьер.", "CN-XJ"),
        ("Груз нашли под Ургенчем.", "UZ-XO"),
        # the other names of a region, spelled as texts spell them
        ("Управлением ФСКН по РСО — Алания выявлено 59 преступлений.", "RU-SE"),
        ("В Алании задержан курьер.", "RU-SE"),
    ],
)
def test_a_region_is_found_through_its_name_or_its_centre_in_any_case(text, code):
    regions = {p["region_code"] for p in find_places(text)}
    assert regions == {code}


def test_a_foreign_region_wins_over_a_misleading_home():
    text = "В Брестской области пограничники задержали партию наркотиков."
    assert article_region(text, "KZ")["region_code"] == "BY-BR"


def test_a_tie_between_countries_goes_to_the_one_named_first():
    text = "В Таджикистане задержан курьер с героином. Ранее он отбывал наказание в России."
    assert article_region(text, "KZ")["country"] == "TJ"


# --- adjectives and inhabitants (derived.tsv) ----------------------------------------------------

_derived_spec = importlib.util.spec_from_file_location(
    "gazetteer_derived", REPO / "scripts" / "gazetteer_derived.py"
)
derived = importlib.util.module_from_spec(_derived_spec)
_derived_spec.loader.exec_module(derived)


def test_adjectives_and_inhabitants_come_from_the_dictionary():
    assert derived.adjectives("Благовещенск") == {"благовещенский"}
    assert derived.adjectives("Белоруссия") == {"белорусский"}
    assert {"узбекский", "узбекистанский"} <= derived.adjectives("Узбекистан")
    assert derived.adjectives("Абакан") == {"абаканский"}  # not a person's "абакановский"
    assert derived.adjectives("Топки") == {"топкинский"}  # "топкий" is swampy, not the town
    assert "кировчанин" in derived.people("Киров")
    assert derived.people("Иваново") == {"ивановец"}  # "иванович" is a patronymic
    assert derived.region_adjective("Гродненская область") == "гродненский"


def test_the_people_of_a_town_in_sk_are_named_from_the_stem_before_it():
    assert "томич" in derived.people("Томск")
    assert "омич" in derived.people("Омск")
    assert derived.people("Челябинск") == {"челябинец"}
    assert "смолянин" in derived.people("Смоленск")
    assert derived.people("Липецк") == {"липчанин"}
    assert derived.people("Пенза") == {"пензяк"}
    assert "братец" not in derived.people("Братск")  # a brother, not a townsman
    place = article_region("Несовершеннолетние томичи участвуют в незаконном сбыте наркотиков.")
    assert (place["region_code"], place["country"]) == ("RU-TOM", "RU")


def test_a_two_word_town_is_named_by_its_compound_adjective():
    assert derived.compound_adjectives("Нижний Тагил") == {"нижнетагильский"}
    assert derived.compound_adjectives("Великие Луки") == {"великолукский"}
    assert derived.compound_adjectives("Старая Русса") == set()  # «старорусский»: Old Russian
    assert derived.compound_adjectives("Серебряные Пруды") == set()  # no combining form
    place = article_region("Нижнетагильские полицейские задержали курьера с 2 кг мефедрона.")
    assert (place["region_code"], place["country"]) == ("RU-SVE", "RU")


def test_a_centre_with_a_short_or_adjectival_stem_is_named_by_its_adjective():
    assert derived.centre_adjectives("Уфа") == {"уфимский"}
    assert derived.centre_adjectives("Чита") == {"читинский"}
    assert derived.centre_adjectives("Грозный") == {"грозненский"}
    assert derived.centre_adjectives("Шуша") == set()  # «шушенский» is Шушенское's
    place = article_region("Уфимские полицейские задержали курьера с 2 кг мефедрона.")
    assert (place["region_code"], place["country"]) == ("RU-BA", "RU")


def test_a_town_that_is_no_centre_is_named_by_its_interfixed_adjective():
    assert derived.interfixed_adjectives("Тольятти") == {"тольяттинский"}
    assert derived.interfixed_adjectives("Химки") == {"химкинский"}
    assert derived.interfixed_adjectives("Пушкино") == set()  # «пушкинский» is the poet's too
    place = article_region("Тольяттинские полицейские пресекли попытку сбыта «синтетики».")
    assert (place["region_code"], place["country"]) == ("RU-SAM", "RU")


def test_a_city_shares_the_adjective_of_the_region_named_after_it():
    regions = [
        {"country": country, "type": "region", "name": name}
        for country, name in [
            ("RU", "Московская область"), ("KZ", "Алматинская область"), ("RU", "Орловская область")
        ]
    ]  # fmt: skip
    moscow = {"name": "Москва", "country": "RU"}
    assert derived.shared_adjectives(moscow, regions) == {"московский"}
    assert derived.shared_adjectives({"name": "Алматы", "country": "KZ"}, regions) == {
        "алматинский"
    }
    assert derived.shared_adjectives({"name": "Орёл", "country": "KZ"}, regions) == set()
    # the bare adjective names the city as well; with its noun, the region alone
    text = "Московские полицейские задержали курьера с 3 кг гашиша на юго-западе Москвы."
    assert article_region(text)["region_code"] == "RU-MOW"
    text = "Алматинские полицейские задержали курьера в Медеуском районе Алматы."
    assert article_region(text)["region_code"] == "KZ-75"
    assert article_region("Полицейские Московской области изъяли 3 кг гашиша.")["region_code"] == (
        "RU-MOS"
    )


def test_a_regions_nickname_in_ye_gives_its_adjective():
    assert derived.nickname_adjectives("Подмосковье") == {"подмосковный"}
    assert derived.nickname_adjectives("Прибайкалье") == {"прибайкальский"}
    assert derived.nickname_adjectives("Прикамье") == {"прикамский"}
    assert derived.nickname_adjectives("Оренбуржье") == set()  # no such adjective: «оренбургский»
    place = article_region("Подмосковные полицейские изъяли 400 кг конопли.")
    assert (place["region_code"], place["country"]) == ("RU-MOS", "RU")


def test_people_named_from_a_places_adjective_where_the_name_gives_none():
    # a two-word name, a stem that alternates, a soft sign dropped, a suffix of its own
    assert derived.adjective_people("нижегородский") == {"нижегородец"}
    assert derived.adjective_people("оренбургский") == {"оренбуржец"}
    assert derived.adjective_people("забайкальский") == {"забайкалец"}
    assert "туляк" in derived.adjective_people("тульский")
    assert derived.adjective_people("московский") == set()  # no «московец» in the dictionary
    assert derived.adjective_people("костромской") == set()  # only «-ский» adjectives
    rows = {(r[0], r[5]) for r in _derived_rows_of_the_files()}
    assert {("нижегородец", "RU-NIZ"), ("забайкалец", "RU-ZAB"), ("уфимец", "RU-BA"),
            ("петербуржец", "RU-SPE")} <= rows  # fmt: skip
    # a town's own people keep their word: «минчане» are Minsk's, not its oblast's
    assert ("минчанин", "BY-MI") not in rows and ("минчанин", "BY-HM") in rows
    place = article_region("Забайкальцы стали реже попадаться с наркотиками.", "KZ")
    assert (place["region_code"], place["country"]) == ("RU-ZAB", "RU")


def _derived_rows_of_the_files() -> list[list[str]]:
    lines = (REPO / "data" / "gazetteer" / "derived.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith(("#", "word\t"))]


def test_a_place_named_by_its_adjective_or_people_gives_its_region():
    place = article_region("На Томской таможне подвели итоги полугодия.", "KZ")
    assert (place["region_code"], place["country"]) == ("RU-TOM", "RU")
    assert article_region("Отравились десятки кировчан.", "KZ")["region_code"] == "RU-KIR"
    place = article_region("Узбекские таможенники изъяли 9 тонн.", "KZ")
    assert (place["region_code"], place["country"]) == (None, "UZ")


def test_a_countrys_people_tell_the_country_of_a_text_that_names_no_scene():
    text = "Наркозависимых казахстанцев могут начать ставить на учёт принудительно."
    place = article_region(text)
    assert (place["region_code"], place["country"]) == (None, "KZ")
    # ... and give way to a scene
    text = "В Бишкеке задержаны двое казахстанцев с 3 кг гашиша."
    assert article_region(text)["region_code"] == "KG-GB"


def test_a_city_regions_other_names_give_words_no_other_place_claims():
    rows = derived.derived_rows(
        [],
        [
            {"code": "RU-SPE", "country": "RU", "type": "city", "name": "Санкт-Петербург",
             "alt_names": ["Петербург", "Ленинград"]},
            {"code": "RU-LEN", "country": "RU", "type": "oblast", "name": "Ленинградская область"},
            {"code": "KG-GB", "country": "KG", "type": "city", "name": "Бишкек",
             "alt_names": ["Фрунзе"]},
        ],
        [],
    )  # fmt: skip
    places = {(row[0], row[5]) for row in rows}  # word, region code
    assert ("петербургский", "RU-SPE") in places
    assert ("ленинградский", "RU-LEN") in places  # the region's own word stays the region's
    assert ("ленинградский", "RU-SPE") not in places
    assert not any(word == "фрунзенский" for word, _ in places)  # named after a man
    place = article_region("Сотрудники петербургского УФСКН изъяли 5 кг героина.", "KZ")
    assert (place["region_code"], place["country"]) == ("RU-SPE", "RU")


def test_an_adjective_counts_only_when_no_place_is_named_as_the_scene():
    text = "Российские пограничники в Таджикистане изъяли героин, сообщили российские военные."
    place = article_region(text)
    assert (place["region_code"], place["country"]) == (None, "TJ")


def test_a_dateline_is_where_the_reporter_files_from_not_the_scene():
    # A national summary filed from the capital is about the country ...
    text = (
        "БИШКЕК, 3 марта – Агентство. В Кыргызстане за год изъято 20 тонн наркотиков, "
        "сообщили в МВД."
    )
    place = article_region(text)
    assert (place["region_code"], place["country"]) == (None, "KG")
    assert [p["named_as"] for p in find_places(text)][:1] == ["dateline"]
    # ... and a dateline with no other place still says where the news comes from.
    place = article_region("ОШ. Полицейские задержали курьера с героином.")
    assert place["country"] == "KG" and place["region_code"] is not None


def test_a_body_opening_with_a_regional_city_and_the_day_is_that_regions_news():
    title = "Сотрудники регионального управления ФСКН России провели 128 операций"
    body = "Волгоград, 8 ноября. С начала года сотрудники управления изъяли 200 кг наркотиков."
    place = article_region(body, title=title)
    assert (place["region_code"], place["country"]) == ("RU-VGG", "RU")
    # filed from the capital: a national summary stays national
    body = "Москва, 8 ноября. С начала года сотрудники управления изъяли 200 кг наркотиков."
    place = article_region(body, title=title)
    assert (place["region_code"], place["country"]) == (None, "RU")


def test_an_adjective_before_a_street_or_a_division_noun_is_no_mention():
    assert all(p["region_code"] is None for p in find_places("Задержан на Томском проспекте."))
    names = [p["normalized"] for p in find_places("В Кировском районе задержан курьер.")]
    assert "Кировская область" not in names


def test_a_list_of_districts_sharing_a_noun_names_no_towns():
    text = "Больше всего в Волжском (21), Октябрьском (39) и Заводском (63) районах города Саратов."
    codes = [p["region_code"] for p in find_places(text) if p["region_code"]]
    assert codes == ["RU-SAR"]


@pytest.mark.parametrize("country", build.REGION_ONLY)
def test_a_region_only_division_is_held_where_it_has_a_russian_name(country):
    # from pycountry, or hand-checked in names_ru.tsv (UA-48, which pycountry leaves in Latin)
    iso = [s for s in pycountry.subdivisions.get(country_code=country) if s.parent_code is None]
    from_pycountry = set(build.pycountry_russian(iso, build.russian_names()))
    named = from_pycountry | (
        {r["code"] for r in read_tsv(build.GAZETTEER / "names_ru.tsv")} & {s.code for s in iso}
    )
    # ... or named after the GeoNames town whose Russian name it takes (Briceni → Бричаны)
    curated = {r["code"]: r for r in read_tsv(build.GAZETTEER / "names_ru.tsv")}
    towns = build._namesakes(country, iso, build._names_held_elsewhere(curated))
    held = {code for code in load_gazetteer().regions if code.startswith(country + "-")}
    assert held == named | set(towns)
    # most of a country pycountry names in Russian; Moldova, which it names in Romanian only, by
    # its districts' towns
    assert len(held) >= 0.8 * len(iso)


def test_a_district_named_after_its_town_is_found_by_the_town_and_its_adjective():
    assert article_region("В Бричанах задержан курьер с героином.")["region_code"] == "MD-BR"
    # and a district of the South Caucasus by its centre, under another spelling of its name
    assert article_region("В Загатальском районе уничтожена конопля.")["region_code"] == "AZ-ZAQ"
    # a town's name that is a country's first («Куба» for Quba) names no district
    assert article_region("Кокаин доставили с Кубы.")["country"] != "AZ"


@pytest.mark.parametrize(
    ("title", "body", "code"),
    [
        ("Героин в Белоканах", "В Белоканском районе Азербайджана изъято 5 кг героина.", "AZ-BAL"),
        ("Задержан курьер", "В Ереване полицейские задержали курьера с 2 кг гашиша.", "AM-ER"),
        # the capital in a dateline is where a national release was filed
        ("Итоги", "Азербайджан, Баку, 31 июля /корр. Trend/\nВ стране изъято 350 кг.", "AZ"),
    ],
)
def test_south_caucasus_regions_and_datelines(title, body, code):
    place = article_region(body, title=title)
    assert (place["region_code"] or place["country"]) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a Latvian state city, and a municipality through the town it is named after
        ("В Риге полиция изъяла 25 кг наркотиков.", "LV-RIX"),
        ("Под Алуксне накрыли крупнейшую лабораторию.", "LV-007"),
        # a Lithuanian county (names_ru.tsv) through its centre, and by its own name
        ("В Каунасе задержали двух наркокурьеров.", "LT-KU"),
        ("В Вильнюсском уезде изъяли 3 кг гашиша.", "LT-VL"),
        # an Estonian county whose centre is not its namesake, and one named after its town
        ("В Таллине задержали курьера с амфетамином.", "EE-37"),
        ("В Тартумаа нашли плантацию конопли.", "EE-79"),
    ],
)
def test_baltic_regions_are_found_through_their_names_and_centres(text, code):
    assert article_region(text)["region_code"] == code
