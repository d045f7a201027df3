"""The agencies an article names, normalised to the short list in ``data/agencies.tsv``.

Names are matched in every case form with the same morphology as the places ("Генеральной
прокуратуре" → prosecutor_general). The name as written is widened to what belongs to it: the unit
before ("Отдела МВД") and the country or place after ("… России по Промышленновскому району"),
so that a prosecutor's office can be told apart by level: the place written after "прокуратура"
makes it regional or district.

An agency is a dict: name (as written), agency (key), display_name, country (ISO 3166-1 alpha-2
when the name or the agency itself says so, else None), start, end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.paths import DATA_DIR
from pipelines.phrases import (
    PhraseIndex,
    Token,
    forms_of,
    read_tsv,
    singular_forms,
    split_names,
)
from pipelines.places_gazetteer import Entry, names_in

AGENCIES_FILE = DATA_DIR / "agencies.tsv"

# The unit an agency's name may start with: "Отдела МВД", "Главного управления МВД".
_UNIT_NOUNS = ("отдел", "отделение", "управление", "департамент", "подразделение")
_UNIT_ADJECTIVES = ("главный", "территориальный", "районный", "межрайонный", "городской")
# Divisions written without their name: "прокуратура района", "прокурор области".
_DISTRICT_NOUNS = ("район", "город")
_REGION_NOUNS = ("область", "край", "республика", "округ")
_MAX_QUALIFIERS = 3


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    country: str | None
    by_place: bool


@dataclass
class AgencyList:
    names: PhraseIndex
    agencies: dict[str, Agency]


@cache
def load_agencies(path: Path = AGENCIES_FILE) -> AgencyList:
    names = PhraseIndex()
    agencies = {}
    for row in read_tsv(path):
        agency = Agency(row["key"], row["name"], row["country"] or None, row["by_place"] == "yes")
        agencies[agency.key] = agency
        for phrase in split_names(row["phrases"]):
            names.add(phrase, agency)
    for agency in agencies.values():
        for level in ("regional", "district"):
            if agency.by_place and f"{agency.key}_{level}" not in agencies:
                raise ValueError(
                    f"{path}: {agency.key} is by_place but has no {agency.key}_{level}"
                )
    return AgencyList(names, agencies)


def display_name(key: str) -> str:
    return load_agencies().agencies[key].name


@dataclass
class _Qualifiers:
    """What is written after an agency's name: its country and the level of its place."""

    stop: int
    country: str | None = None
    level: str | None = None  # "regional" or "district"


def _level_of(entries: list[Entry]) -> str | None:
    levels = {"regional" if e.level == "region" else "district" for e in entries}
    return levels.pop() if len(levels) == 1 else None


def _read_qualifiers(tokens: list[Token], stop: int, places: dict[int, tuple]) -> _Qualifiers:
    found = _Qualifiers(stop)
    for _ in range(_MAX_QUALIFIERS):
        at = found.stop
        if at < len(tokens) and tokens[at].norm == "по" and at + 1 in places:
            at += 1  # "МВД по Промышленновскому району"
        elif at + 2 < len(tokens) and tokens[at].norm == "г" and tokens[at + 1].text == ".":
            at += 2  # "прокурор г. Павлодара"
        if at in places:
            place_stop, entries = places[at]
            countries = {e.country for e in entries}
            if all(e.kind == "country" for e in entries):
                found.country = found.country or (countries.pop() if len(countries) == 1 else None)
            else:
                found.level = found.level or _level_of(entries)
                if len(countries) == 1:
                    found.country = found.country or countries.pop()
            found.stop = place_stop
        elif at < len(tokens) and tokens[at].norm in forms_of(_DISTRICT_NOUNS):
            found.level, found.stop = found.level or "district", at + 1
        elif at < len(tokens) and tokens[at].norm in forms_of(_REGION_NOUNS):
            found.level, found.stop = found.level or "regional", at + 1
        else:
            break
    return found


@cache
def _unit_forms() -> frozenset[str]:
    # Singular only: "подразделений КНБ" are several units of the agency, not its name.
    return frozenset().union(*(singular_forms(noun) for noun in _UNIT_NOUNS))


def _unit_start(tokens: list[Token], first: int) -> int:
    if first >= 1 and tokens[first - 1].norm in _unit_forms():
        first -= 1
        if first >= 1 and tokens[first - 1].norm in forms_of(_UNIT_ADJECTIVES):
            first -= 1
    return first


def find_agencies(text: str) -> list[dict]:
    """The agencies the text names, in order."""
    agency_list = load_agencies()
    tokens, place_matches = names_in(text)  # shared with the places of the same text
    # "МВД РК" — Kazakhstan or the Komi Republic? The countries the text names without doubt decide.
    named = {m.payloads[0].country for m in place_matches if len(m.payloads) == 1}
    places = {
        m.first: (m.stop, [e for e in m.payloads if e.country in named] or m.payloads)
        for m in place_matches
    }
    found = []
    previous_stop = 0  # a unit word already inside the previous name is not taken twice
    for match in agency_list.names.find(tokens):
        if match.first < previous_stop:
            continue  # already read as the place of the previous name
        agency = match.payloads[0]
        qualifiers = _read_qualifiers(tokens, match.stop, places)
        key = agency.key
        if agency.by_place and qualifiers.level:
            key = f"{agency.key}_{qualifiers.level}"
        first = max(_unit_start(tokens, match.first), previous_stop)
        previous_stop = qualifiers.stop
        start, end = tokens[first].start, tokens[qualifiers.stop - 1].end
        found.append(
            {
                "name": text[start:end],
                "agency": key,
                "display_name": agency_list.agencies[key].name,
                "country": qualifiers.country or agency.country,
                "start": start,
                "end": end,
            }
        )
    return found
