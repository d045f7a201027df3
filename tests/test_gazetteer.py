"""The generated gazetteer: every ISO 3166-2 division of the covered countries, Russian names
checked, centres in their regions, case forms from morphology, and the files reproducible."""

import gettext
import importlib.util
from pathlib import Path

import pycountry
import pytest

pytest.importorskip("natasha", reason="natasha is not installed (pyproject must list natasha>=1.6)")

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
        s.code
        for s in pycountry.subdivisions.get(country_code=country)
        if s.parent_code is None and s.code not in build.LEFT_OUT
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
