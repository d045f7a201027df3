"""Places an article names, resolved to ISO 3166 codes, and the region of an article and a figure.

Names are matched against the gazetteer in ``data/gazetteer`` in every case form: each gazetteer
word is expanded to its inflected forms with pymorphy3 ("Жамбылская область" also matches
"Жамбылской области"), so the data stays in the nominative. natasha's NER, run only on the
sentences that need it, confirms one-word names that are also ordinary words or first names
("Шахты", "Абай"), drops names next to a first name or surname that are part of a person's name,
and adds place names the gazetteer does not know where morphology or a cue word says a capitalised
word may be a place; those are kept as text, without a region.

A name that fits several gazetteer entries is resolved only by the text: a higher division named
right after it ("в селе Нура Алматинской области"), "город"/"село" before it, or being the only
candidate in a region or country the text names elsewhere. Otherwise its region stays empty.

A place is a dict: name (as written), normalized (nominative), kind (country, region, city,
district, settlement, or None when unknown), region_code (ISO 3166-2), country (ISO 3166-1
alpha-2), start, end, and national: True when a country mention sets the scope of what is said
("по стране", "в Казахстане") rather than qualifying an organisation or law ("МВД России"),
and named_as: "name", "adjective" ("белорусские таможенники"), "people" ("кировчан"), "part"
("на юге Таджикистана"), "agency" (an adjective naming an agency's place: "Кемеровской таможни",
which acts there), "dateline" ("ТАШКЕНТ, 7 июн – РИА Новости.": where the news is filed from,
which counts like an adjective) or "resident" ("у жителя Карагандинской области": where people
live) or "origin" ("поставляют из Новосибирска": where something came from), which count like
an adjective beside a scene of their country, or "neighbour" ("на границе с Казахстаном": the
land across a border, which gives a country no vote), "citizenship" ("у гражданина Украины",
no vote either), "owner" (a headline's «МВД России» in «МО МВД России "Апатитский"»: the owner of
an agency's local unit) or "route" ("рейсом Пекин — Москва": a route's two ends) or "recap"
("Напомним, что в Ташкенте …": earlier news a sentence recalls, which still places that
sentence's figures), which count like an adjective; adjectives and people come from
data/gazetteer/derived.tsv.

Modules, in import order: places_gazetteer (the data), places_ner (natasha), places_signs (the
country a text cites), places_cue_names (a name after «села», «г.»), places_unknown (names the
gazetteer lacks), places_mentions (finding and resolving the mentions of one text), and this
one (the region of an article, a figure).
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from pipelines.agencies import find_agencies
from pipelines.month_names import MONTH_PATTERN
from pipelines.numbers import read_number_word
from pipelines.phrases import Token, forms_of, read_tsv, tokenize
from pipelines.places_gazetteer import Entry, load_gazetteer
from pipelines.places_mentions import clear_winner, find_mentions
from pipelines.places_ner import NerView, SentenceNer
from pipelines.places_signs import country_of_signs
from pipelines.places_story import where_it_happened

__all__ = [
    "Entry",
    "article_context",
    "article_place",
    "article_region",
    "figure_region",
    "find_places",
    "load_gazetteer",
    "main_place",
    "read_tsv",
]


def find_places(
    text: str, home_country: str | None = None, ner: SentenceNer | None = None
) -> list[dict]:
    """Places the text names, in order. home_country (e.g. the source's country) settles
    "в стране" and ambiguous names when the text itself names no country. ner: SentenceNer(text)
    to share its tagging with figure_region's sentences."""
    return find_mentions(text, home_country, ner=NerView(ner) if ner else None)


# --- the region of an article and of a figure ---------------------------------------------------


def _parse_source_region(source_region: str | None) -> tuple[str | None, str | None]:
    """ "RU-KEM" → (RU-KEM, RU); "KZ" → (None, KZ). Any ISO 3166 code works, known or not."""
    if not source_region or not source_region.strip():
        return None, None
    code = source_region.strip().upper()
    if "-" in code:
        return code, code.split("-", 1)[0]
    return None, code


def _place_name(region_code: str | None, country: str | None) -> str | None:
    gazetteer = load_gazetteer()
    if region_code:
        entry = gazetteer.regions.get(region_code)
        return entry.name if entry else None
    entry = gazetteer.countries.get(country) if country else None
    return entry.name if entry else None


def _result(region_code, country, reason) -> dict:
    return {
        "region_code": region_code,
        "country": country,
        "normalized": _place_name(region_code, country),
        "reason": reason,
    }


def _mention_groups(places: list[dict]) -> list[list[dict]]:
    # "в селе Нура Алматинской области" is one mention of one place, not two votes; two regions
    # side by side ("в Ташкенте, Ташкентской и Ферганской областях") are two.
    groups: list[list[dict]] = []
    for place in sorted(places, key=lambda p: p["start"]):
        if (
            groups
            and place["start"] - groups[-1][-1]["end"] <= 2
            and _one_place(groups[-1][-1], place)
            and not _listed_apart(groups[-1][-1], place)
        ):
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def _listed_apart(before: dict, after: dict) -> bool:
    """Two towns (or two districts) of one region with a comma between («на территории
    Хабаровска, Комсомольска-на-Амуре и …») are two items of a list, not one place."""
    return (
        before["kind"] == after["kind"] in ("city", "district")
        and before["end"] < after["start"]
        and before["normalized"] != after["normalized"]
    )


LIST_RUN = 3  # regions named side by side that make a list


def _list_weights(groups: list[list[dict]]) -> list[float]:
    """A vote for each mention group: a list of three or more regions side by side («в
    Челябинской, Московской, Свердловской, Курганской, Воронежской областях, Пермском крае»)
    is where something spread, one vote shared by its items, not one vote for each."""
    weights = [1.0] * len(groups)
    run: list[int] = []
    for k, group in enumerate([*groups, []]):
        joined = (
            run
            and group
            and group[0]["region_code"]
            and group[0]["start"] - groups[run[-1]][-1]["end"] <= 3
        )
        if joined:
            run.append(k)
            continue
        if len(run) >= LIST_RUN:
            for j in run:
                weights[j] = 1.0 / len(run)
        run = [k] if group and group[0]["region_code"] else []
    return weights


def _one_place(before: dict, after: dict) -> bool:
    """Whether a place and the one right after it name one place: the second qualifies the first
    (same region, or a country and its region), or one of them has no region to disagree with."""
    if before["region_code"] and after["region_code"]:
        return before["region_code"] == after["region_code"]
    return not (before["country"] and after["country"]) or before["country"] == after["country"]


# Regions one agency reports together, and the one it sits in: the Главное управление МВД «по
# г. Санкт-Петербургу и Ленинградской области».
JOINT_REGIONS = {frozenset(("RU-SPE", "RU-LEN")): "RU-SPE"}


@dataclass
class _Votes:
    regions: Counter = field(default_factory=Counter)  # region code → votes
    countries: Counter = field(default_factory=Counter)  # country → votes of every kind
    national: Counter = field(default_factory=Counter)  # country → "в Казахстане", "по стране"

    def country(self) -> str | None:
        # On a tie the country named first wins: a news text leads with where it happened.
        top = max(self.countries.values(), default=0)
        return next((c for c, n in self.countries.items() if n == top), None)

    def region(self, country: str) -> str | None:
        """The region of the country that most regional mentions are about, when it is named
        at least as often as the country as a whole: a text naming one region's places several
        times is about that region; a national summary naming regions as examples is about the
        country, and a route ("Бишкек - Москва") about neither end."""
        code = clear_winner(self.regions)
        votes = self.regions[code] if code else 0
        if code is None:
            code, votes = self._joint_scene()
        if code is None or not code.startswith(country + "-"):
            return None
        leads = 2 * votes > self.regions.total() and votes >= self.national[country]
        return code if leads else None

    def _joint_scene(self) -> tuple[str | None, float]:
        """Two regions one agency serves together, named as often as each other («В
        Петербурге и Ленобласти изъяли …»): one scene, the city where the agency sits."""
        ranked = self.regions.most_common(3)
        if len(ranked) < 2 or ranked[0][1] != ranked[1][1]:
            return None, 0
        if len(ranked) == 3 and ranked[2][1] == ranked[0][1]:
            return None, 0
        pair = frozenset((ranked[0][0], ranked[1][0]))
        seat = JOINT_REGIONS.get(pair)
        return (seat, ranked[0][1] + ranked[1][1]) if seat else (None, 0)


def _count_votes(places: list[dict], source_country: str | None) -> tuple[_Votes, _Votes]:
    """Votes of the places named as the scene ("в Кирове", "по стране"), and of the ones named
    only by an adjective or their people ("белорусские таможенники", "кировчан") or as an owner
    ("органами внутренних дел Кыргызстана"), which count only when the text names no scene."""
    scene, weak = _Votes(), _Votes()
    # «250 тыс. долларов США»: a currency's country is no place of the text
    groups = _mention_groups([p for p in places if p.get("named_as") != "currency"])
    # «у жителя Карагандинской области» beside a scene in Astana: where people live is no scene,
    # nor where something came from («в Горный Алтай поставляют из Новосибирска»);
    # «В Казахстане задержаны 4 жителя Чуйской области»: residents of another country are news
    # of theirs (their country's agencies report them)
    scenes = {p["country"] for group in groups for p in group
              if p.get("named_as") in ("name", "agency", "part") and p["region_code"]}  # fmt: skip
    weights = _list_weights(groups)
    for group, weight in zip(groups, weights, strict=True):
        # where drugs came from is no scene beside one, even abroad («из Турсунзадевского
        # района Таджикистана» into Surxondaryo; the country qualifies the origin)
        origin = bool(scenes) and group[0].get("named_as") == "origin"
        derived = origin or all(
            p.get("named_as")
            in (
                "adjective",
                "people",
                "dateline",
                "destination",
                "venue",
                "neighbour",
                "route",
                "recap",
            )
            or (p.get("named_as") in ("resident", "origin") and p["country"] in scenes)
            for p in group
        )
        if all(
            p.get("named_as") in ("neighbour", "citizenship") and p["kind"] == "country"
            for p in group
        ):
            continue  # «на границе с Афганистаном»: the land across the border is not the scene
        votes = weak if derived else scene
        # a dateline of the capital is where the release was filed: its country, not the scene
        # and where figures were announced («на пресс-конференции в Минске») its country only
        # nor is a city-region a text is near («под Москвой»): the region around it
        regioned = {(p["region_code"], p["country"]) for p in group if p["region_code"]
                    and (p.get("named_as") != "dateline" or _outside_the_capital(p))
                    and p.get("named_as") not in ("venue", "neighbour")}  # fmt: skip
        national = [p["country"] or source_country for p in group if p["national"]]
        owners = [p["country"] for p in group if p["kind"] == "country" and p["country"]]
        if len(regioned) == 1:
            code, country = regioned.pop()
            votes.regions[code] += weight
            votes.countries[country] += weight
        elif national and national[0]:
            scene.national[national[0]] += 1
            scene.countries[national[0]] += 1
        elif owners:
            weak.countries[owners[0]] += 1
        elif derived and group[0]["country"]:
            weak.countries[group[0]["country"]] += 1
    return scene, weak


def _outside_the_capital(place: dict) -> bool:
    capital = load_gazetteer().capitals.get(place["country"])
    return bool(place["region_code"]) and (
        capital is None or place["region_code"] != capital.region_code
    )


def _votes(places: list[dict], source_country: str | None = None) -> tuple[_Votes, bool]:
    """The votes that decide, and whether they name a scene."""
    scene, weak = _count_votes(places, source_country)
    return (scene, True) if scene.countries else (weak, False)


def _dateline_of_a_tie(places: list[dict], votes: _Votes, country: str) -> str | None:
    """«АСТРАХАНЬ, 30 авг — РИА Новости. … поезда Куляб — Москва …, сообщает погрануправление
    ФСБ по Астраханской области»: when regions tie, the one of the dateline's city (outside the
    capital, which files national news) is where the news was filed and happened."""
    top = max(votes.regions.values(), default=0)
    for place in places:
        code = place["region_code"]
        if (
            place.get("named_as") == "dateline"
            and code
            and code.startswith(country + "-")
            and _outside_the_capital(place)
            and top
            and votes.regions[code] == top
            and votes.regions[code] >= votes.national[country]
        ):
            return code
    return None


def main_place(places: list[dict], source_region: str | None = None) -> dict:
    """The country most of the mentions are about (the first named of the most named), and its
    region when one region leads its regional mentions and is named at least as often as the
    country as a whole; else the source's region. Places named only by an adjective, their
    people or as an owner count when no place is named as the scene.
    """
    source_code, source_country = _parse_source_region(source_region)
    votes, _ = _votes(places, source_country)
    country = votes.country()
    if country:
        code = votes.region(country) or _dateline_of_a_tie(places, votes, country)
        return _result(code, country, "article")
    if source_code or source_country:
        return _result(source_code, source_country, "source")
    return _result(None, None, None)


def article_place(
    title_places: list[dict],
    body_places: list[dict],
    source_region: str | None = None,
    body: str = "",
    title: str = "",
) -> dict:
    """The article's main place (see _main_of_title_and_body), or only its country when the
    headline or the first sentence says the text spans several regions ("в ряде регионов
    страны", "в трех областях") and the headline names none of them. A text that names no
    place is the country whose own currency it counts in, if any («… на 2,4 млрд тенге»),
    else whose letters its names are written in (Kazakh «Қ», «Ә», «Ғ»: «ОПМ «Қарасора-2022»»),
    else whose state news agency it cites («сообщили БЕЛТА»), else whose institutions and law
    codes it cites («УК РК», «Роскомнадзор»)."""
    title_places = _owners_of_local_units(title, title_places)
    place = _main_of_title_and_body(title_places, body_places, source_region, text=body)
    if (
        place["region_code"]
        and not _votes(title_places)[0].regions
        and _spans_several_regions(title, body)
    ):
        return _result(None, place["country"], place["reason"])
    if place["reason"] != "article":
        country = country_of_signs(f"{title}\n{body}")
        if country and country != place["country"]:
            return _result(None, country, "article")
    return place


# A unit of an agency that serves one region or town: «регионального управления ФСБ России»,
# «МО МВД России "Апатитский"», «УФСКН России»
_LOCAL_UNIT_WORDS = forms_of(
    ("региональный", "территориальный", "районный", "межрайонный", "городской", "областной",
     "краевой", "линейный", "межмуниципальный")
) | {"мо", "умвд", "омвд", "увд", "ровд", "говд", "уфсб", "уфскн", "лу", "ло", "лоп"}  # fmt: skip


def _owners_of_local_units(title: str, title_places: list[dict]) -> list[dict]:
    """«Сотрудники регионального управления ФСБ России выявили …»: a country a headline names
    as the owner of an agency's local unit, or of a law code it cites («… ст. 228.1 УК РФ»)
    (named_as "owner"), does not say the news is national, as «Таможня Узбекистана за год
    изъяла …» does."""
    countries = [p for p in title_places if p["kind"] == "country"]
    if not countries:
        return title_places
    spans = [
        (agency["start"], agency["end"])
        for agency in find_agencies(title)
        if any(t.norm in _LOCAL_UNIT_WORDS for t in _with_two_words_before(title, agency))
    ]
    return [
        {**p, "named_as": "owner", "national": False}
        if p["kind"] == "country"
        and (
            any(s < p["start"] and p["end"] <= e for s, e in spans)
            or _LAW_CODE_BEFORE.search(title, 0, p["start"])
        )
        else p
        for p in title_places
    ]


# «по ч. 5 ст. 228.1 УК РФ», «статьи 296 Уголовного кодекса Республики Казахстан»: the country
# whose law the headline cites, as «МВД России» is the agency's
_LAW_CODE_BEFORE = re.compile(
    r"(?:\b(?:УК|УПК|КоАП|ГК|НК)|\bкодекс\w*(?:\s+\w+){0,3})\s*$", re.IGNORECASE
)


def _with_two_words_before(text: str, agency: dict) -> list[Token]:
    """An agency's name and the two words before it, which may say its level."""
    return [
        *tokenize(text[: agency["start"]])[-2:],
        *tokenize(text[agency["start"] : agency["end"]]),
    ]


# «в ряде регионов страны», «в трех областях», «в 12 регионах»: not districts, which one
# region holds several of
_SEVERAL_REGIONS = re.compile(
    r"\bв\s+(?:ряде|нескольких|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|"
    r"\d+)\s+(?:\w+\s+)?(?:регион(?:ах|ов)|област(?:ях|ей)|кра(?:ях|ев)|субъект(?:ах|ов))\b",
    re.IGNORECASE,
)


def _spans_several_regions(title: str, body: str) -> bool:
    first = re.split(r"(?<=[.!?])\s", body[:LEAD], maxsplit=1)[0]
    return bool(_SEVERAL_REGIONS.search(title) or _SEVERAL_REGIONS.search(first))


def _main_of_title_and_body(
    title_places: list[dict],
    body_places: list[dict],
    source_region: str | None = None,
    *,
    text: str = "",
) -> dict:
    """The article's main place from the places its title and its body name.

    A region the title names decides. A title naming only a country leaves the region to the
    body when the body names one region of it several times ("Таможня Узбекистана …" with one
    mention of Tashkent's airport stays national), or once when the title names a part of the
    country ("На юге Таджикистана …"), or once as the scene in the lead ("В
    Сурхандарьийской области в вагоне поезда обнаружили …"), even where the body names the
    country as the scene more often. A title naming a
    country only as an owner or an adjective ("на границе с Польшей") yields to a body about
    another country.
    """
    body = main_place(body_places, source_region)
    title_places = _the_country_of_a_deictic_title(title_places, body["country"])
    title_votes, scene = _votes(title_places)
    if len(title_votes.regions) == 1 and scene:
        code = next(iter(title_votes.regions))
        country = code.split("-", 1)[0]
        if _capital_speaks_for_the_country(code, country, body_places):
            return _result(None, country, "article")
        if (
            _residents_of_another_scene(title_places, body, code)
            or _of_a_country_not_in_the_body(body_places, body, country)
            or _a_district_of_another_region(title_places, body_places, body, code)
        ):
            return body
        return _result(code, country, "article")
    title = main_place(title_places)
    if not title["reason"]:
        return body
    if (
        scene
        and body["region_code"]
        and body["country"] != title["country"]
        and _ties_in(title_votes, body["country"])
    ):
        return body  # «поезд "Караганда - Омск"»: a route names both ends; the body region decides
    if body["country"] == title["country"]:
        if title["region_code"] is None and body["region_code"]:
            votes = _votes(body_places)[0].regions[body["region_code"]]
            part = any(p.get("named_as") == "part" for p in title_places)
            lead = _named_in_the_lead(text, body_places, body["region_code"])
            # a title that names the country only as the yardstick of a comparison («ниже
            # средних показателей по России») or as a venue leaves the region to the body
            yardstick = all(p.get("named_as") == "venue" for p in title_places)
            # ... or a place only by its adjective («В Ташкентском аэропорту пресекли …»)
            derived = all(
                p.get("named_as") == "adjective" and p["kind"] != "country" for p in title_places
            )
            owned = all(p.get("named_as") == "owner" for p in title_places)
            return body if votes >= 2 or part or lead or yardstick or derived or owned else title
        if title["region_code"] is None and body["country"]:
            # «В Казахстане … изъяли рекордную партию» over «… в Алматы изъято …» in the lead:
            # the one region the body names as the scene of its lead is where it happened
            code = clear_winner(_votes(body_places)[0].regions)
            if (
                code
                and code.startswith(body["country"] + "-")
                and _named_in_the_lead(text, body_places, code)
            ):
                return _result(code, body["country"], "article")
        return title
    if (
        not scene
        and body["reason"] == "article"
        and not _named_more(body_places, title["country"], body["country"])
    ):
        return body
    return title


def _the_country_of_a_deictic_title(title_places: list[dict], country: str | None) -> list[dict]:
    """«На территории страны проводится операция «Дәрмек»»: a headline's «страны», «по
    республике» is the country of the body (a headline alone names none), and says the news is
    national as «в Казахстане» would, when the body's country calls itself by that word (a
    Russian text's «республика» is one of its republics)."""
    words = load_gazetteer().deictic.get(country, ()) if country else ()
    return [
        {**p, "country": country}
        if p["national"] and p["country"] is None and p["normalized"] in words
        else p
        for p in title_places
    ]


def _ties_in(votes: _Votes, country: str | None) -> bool:
    """Whether `country` has as many votes as the most voted one (a title that names two
    countries once each: a route, a border, a cross-border case)."""
    top = max(votes.countries.values(), default=0)
    return bool(country) and top > 0 and votes.countries[country] == top


def _named_more(places: list[dict], country: str | None, other: str | None) -> bool:
    """Whether the text names `country` by its name more often than `other` («российские
    пограничники» names no country): «на черном рынке Кыргызстана» over a body naming
    Kyrgyzstan three times and Afghanistan's harvest once is Kyrgyzstan's news."""
    named = Counter(p["country"] for p in places if p["country"] and p.get("named_as") == "name")
    return bool(country) and named[country] > named[other]


def _of_a_country_not_in_the_body(body_places: list[dict], body: dict, country: str) -> bool:
    """«На Алтае задержали …» over a body about the Altai Krai of Russia that names nothing of
    Kazakhstan: a title's name read in a country the body never names (a home source's
    reading of an ambiguous name) yields to the body's own regional scene."""
    return (
        body["reason"] == "article"
        and body["region_code"] is not None
        and body["country"] not in (None, country)
        and not any(p["country"] == country for p in body_places)
    )


def _residents_of_another_scene(title_places: list[dict], body: dict, code: str) -> bool:
    """«Наркотики перевозил житель Челябинской области» over a body whose scene is another
    region of the country (Ugra): where the people live is no scene beside the body's."""
    return (
        body["reason"] == "article"
        and body["region_code"] not in (None, code)
        and body["country"] == code.split("-", 1)[0]
        and all(p.get("named_as") == "resident" for p in title_places
                if p["region_code"])
    )  # fmt: skip


def _a_district_of_another_region(
    title_places: list[dict], body_places: list[dict], body: dict, code: str
) -> bool:
    """«в Тамбовском районе» over a body of Amur towns and districts: a district's adjective is
    shared by several regions' districts (the gazetteer reads it after the town of Tambov), so
    a title naming the region only by a district yields to a body that names another region of
    the country at least twice and no other place of the title's."""
    if body["reason"] != "article" or body["region_code"] in (None, code):
        return False
    if body["country"] != code.split("-", 1)[0]:
        return False
    if not all(p["kind"] == "district" for p in title_places if p["region_code"]):
        return False
    districts = {p["normalized"] for p in title_places if p["region_code"]}
    others = [
        p for p in body_places if p["region_code"] == code and p["normalized"] not in districts
    ]
    named = sum(1 for p in body_places if p["region_code"] == body["region_code"])
    return not others and named >= 2


def _capital_speaks_for_the_country(code: str, country: str, body_places: list[dict]) -> bool:
    """«В Душанбе заявили о росте контрабанды …», «В Ташкенте уничтожили свыше тонны …»: the
    capital in a headline is where national agencies speak and act; a body that names its
    country as the scene («в Таджикистане») more often than the capital is the country's news."""
    capital = load_gazetteer().capitals.get(country)
    if capital is None or capital.region_code != code:
        return False
    votes = _votes(body_places)[0]
    return votes.national[country] > votes.regions[code]


LEAD = 400  # characters of a body that hold its lead
# A sentence's opening before its scene: «В», «На», perhaps after the day («30 ноября в»,
# «9 июля 2019 года на»).
_SCENE_OPENING = re.compile(
    r"(?:[.!?»]\s+|\n)(?:\d{1,2}\s+" + MONTH_PATTERN + r"(?:\s+\d{4}(?:\s*(?:г\.|года))?)?,?\s+"
    r"(?:в|во|на)|В|Во|На)\s+$"
)


def _line_before(text: str, start: int, width: int = 30) -> str:
    """The `width` characters before `start`, after a line break when the text starts there."""
    return ("\n" if start <= width else "") + text[max(0, start - width) : start]


def _named_in_the_lead(text: str, places: list[dict], code: str) -> bool:
    """Whether the body's lead names a place of region `code` as the scene: outside the capital
    anywhere in it ("задержан в одном из районов Смоленской области", "в Алматы изъяли …"); as
    the scene that opens a sentence ("В Сурхандарьийской области в вагоне поезда обнаружили
    …", "30 ноября в Чуйской области …"); or opening the body with the day as a dateline
    ("Волгоград, 8 ноября. …") when it is not the capital. The capital is where national
    agencies sit and national summaries are filed from ("Душанбе. 3 декабря. …", "в аэропорту
    Ташкента"); another region in the lead is where one event happened."""
    return any(
        p["region_code"] == code
        and p["start"] < LEAD
        and (
            (p.get("named_as") in ("name", "agency") and _outside_the_capital(p))
            or _SCENE_OPENING.search(_line_before(text, p["start"]))
            or (_DATED_OPENING.match(text, p["end"]) and _opens_a_line(text, p["start"])
                and _outside_the_capital(p))
        )
        for p in places
    )  # fmt: skip


# "Волгоград, 8 ноября. …": a body that opens with its city and the day, filed from there
_DATED_OPENING = re.compile(r"\s*[.,]\s*\d{1,2}\s+" + MONTH_PATTERN)


def _opens_a_line(text: str, start: int) -> bool:
    return not text[:start].strip() or text[:start].rstrip(" \t").endswith("\n")


def article_region(text: str, source_region: str | None = None, title: str | None = None) -> dict:
    """The article's main place: the region its title names, else main_place of the text (in
    the title's country, when the title names one).

    Returns region_code, country, normalized (the region's or country's name) and reason:
    "article" (found in the text), "source" (the source's home region) or None.
    """
    _, home_country = _parse_source_region(source_region)
    title_places = find_places(title, home_country) if title else []
    return article_place(
        title_places, find_places(text, home_country), source_region, text, title or ""
    )


def article_context(article_places: list[dict]) -> tuple[set, set]:
    """The regions and the countries an article names: what settles an ambiguous name in one of
    its sentences."""
    return (
        {p["region_code"] for p in article_places if p["region_code"]},
        {p["country"] for p in article_places if p["country"]},
    )


def figure_region(
    sentence: str,
    article_places: list[dict],
    source_region: str | None = None,
    article: dict | None = None,
    ner: SentenceNer | None = None,
    at: int | None = None,
    context: tuple[set, set] | None = None,
) -> dict:
    """Where a figure was counted: the place its sentence names, else the article's, else the
    source's. National figures ("по стране", "в Казахстане") get the country and no region.
    Where the sentence names several regions, the one its own clause names («В Чуйской области
    изъято 8,3 тонны, в Иссык-Кульской — 2,2 тонны»), when `at` gives the figure's offset in
    the sentence.

    article_places: find_places() of the whole article; article: its article_region(), when
    already computed; ner: the article's SentenceNer, whose tagging the sentence reuses by
    offset; context: article_context(article_places), when the caller asks for many sentences
    of one article. Returns region_code, country and reason ("sentence", "article", "source").
    """
    article = article or main_place(article_places, source_region)
    _, source_country = _parse_source_region(source_region)
    home_country = article["country"] or source_country
    context_regions, context_countries = context or article_context(article_places)
    view = ner.view(sentence) if ner else None
    places = find_mentions(sentence, home_country, context_regions, context_countries, view)
    # "студентам Карагандинского колледжа": an adjective names who, not where it was counted;
    # "Кемеровской таможней изъято": a regional agency counts where it acts; «Напомним, что в
    # Ташкенте изъяли …»: the earlier news a sentence recalls is where its figures were counted.
    places = [p for p in places if p["named_as"] in ("name", "agency", "recap")]
    joint = _joint_agency_places(sentence, places)
    if joint:
        others = [p for p in places if p not in joint]
        if any(p["region_code"] for p in others):
            places = others  # «ГУ МВД по Санкт-Петербургу и Ленобласти … в Кировском районе»
        elif article["region_code"] in {p["region_code"] for p in joint}:
            # the agency serves the article's region among others: the article's region
            return {"region_code": article["region_code"], "country": article["country"],
                    "reason": "article"}  # fmt: skip
    regions = {(p["region_code"], p["country"]) for p in places if p["region_code"]}
    nation = (
        _national_clause(sentence, at, places) if len(regions) == 1 and at is not None else None
    )
    if nation:
        # «на территории республики изъято более 6,5 тонны, в том числе в Сурхандарьинской
        # области – 2,1 тонны»: the country's total, the region's part
        return {"region_code": None, "country": nation, "reason": "sentence"}
    if len(regions) == 1:
        code, country = regions.pop()
        return {"region_code": code, "country": country, "reason": "sentence"}
    if regions and at is not None:
        own = _clause_region(sentence, at, places)
        if own is not None:
            return {"region_code": own[0], "country": own[1], "reason": "sentence"}
    if regions:
        # Several regions in one sentence: only their common country is certain.
        countries = {country for _, country in regions}
        country = countries.pop() if len(countries) == 1 else None
        return {"region_code": None, "country": country, "reason": "sentence"}
    national = [p["country"] for p in places if p["national"] and p["country"]]
    if national:
        return {"region_code": None, "country": national[0], "reason": "sentence"}
    return {
        "region_code": article["region_code"],
        "country": article["country"],
        "reason": article["reason"],
    }


# «УФСБ по Санкт-Петербургу и Ленинградской области», «ГУ МВД России по г. Москве и Московской
# области», «УМВД по Хабаровскому краю и ЕАО»: one agency of two regions, whose name says where
# it serves and not in which of the two a figure was counted
_AGENCY_BY = re.compile(
    r"(?:\b(?:У?ФСБ|(?:ГУ|У)?МВД|УФСИН|ГСУ|СУ\s+СК|УФТС|ФТС|УНК|Росгварди[иия]|управлени[еяю]"
    r"|прокуратур[аыеу]|таможн[яиеюы]|полици[яиею]|суд[аоу]?)(?:\s+(?:России|РФ))?\s+по\s+"
    r"(?:г\.\s*|городу\s+)?)$",
    re.IGNORECASE,
)
_AND = re.compile(r"\s+и\s+(?:г\.\s*)?")


def _joint_agency_places(sentence: str, places: list[dict]) -> list[dict]:
    """The two places an agency of two regions is named after, if the sentence names one."""
    for first, second in itertools.pairwise(places):
        if (
            _AGENCY_BY.search(sentence, max(0, first["start"] - 40), first["start"])
            and _AND.fullmatch(sentence, first["end"], second["start"])
            and first["region_code"] != second["region_code"]
        ):
            return [first, second]
    return []


# Where one clause of a sentence ends and the next begins: a comma, semicolon or colon before a
# space (not the comma of «8,3»), or a bracket
_CLAUSE_END = re.compile(r"[,;:](?=\s)|[()]")
_OPENS_BRACKET = re.compile(r"\s*\(\s*[+−–-]?\s*")  # «Мангистауской (+18,4%)»
_ALONE_IN_BRACKET = re.compile(r"[^()]{0,40}\)")
# a figure that counts regions («в трех областях») is in none of them
_COUNTS_REGIONS = re.compile(r"^\S*\s*(?:регион|област|субъект|кра[ея]|район|стран)", re.I)


def _national_clause(sentence: str, at: int, places: list[dict]) -> str | None:
    """The country the clause around offset `at` names as a whole («по республике», «на
    территории страны», «В Таджикистане»), when it names no region."""
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
    stop = _CLAUSE_END.search(sentence, at)
    end = stop.start() if stop else len(sentence)
    inside = [p for p in places if start <= p["start"] < end]
    if any(p["region_code"] for p in inside):
        return None
    return next((p["country"] for p in inside if p["national"] and p["country"]), None)


def _clause_region(sentence: str, at: int, places: list[dict]) -> tuple[str, str] | None:
    """(region, country) of the one region the clause around offset `at` names as where
    something happened, if one."""
    # «в Алматы (612), Карагандинской (405) и …»: a number alone in brackets right after a
    # place is that place's
    bracketed = [(p["region_code"], p["country"]) for p in places
                 if p["region_code"] and _OPENS_BRACKET.fullmatch(sentence, p["end"], at)
                 and where_it_happened(sentence, p)]  # fmt: skip
    if bracketed and _ALONE_IN_BRACKET.match(sentence, at):
        return bracketed[-1]
    if _COUNTS_REGIONS.match(sentence[at:]):
        return None
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
    stop = _CLAUSE_END.search(sentence, at)
    end = stop.start() if stop else len(sentence)
    # a region after the figure that opens a list of regions («распространяли наркотики в
    # Челябинской, Московской и …») is one of several: only where the next clause goes on
    # with a number of its own («8,3 тонны в Чуйской, 2,2 тонны — в …»)
    after_ok = stop is None or _holds_a_number(_next_clause(sentence, stop.end()))
    inside = [p for p in places
              if p["region_code"] and start <= p["start"] < end
              and where_it_happened(sentence, p)]  # fmt: skip
    regions = {(p["region_code"], p["country"]) for p in inside if p["start"] < at or after_ok}
    if len(regions) > 1:
        return _item_region(sentence, at, inside, start, end)
    return regions.pop() if len(regions) == 1 else None


def _item_region(
    sentence: str, at: int, inside: list[dict], start: int, end: int
) -> tuple[str, str] | None:
    """«в Хатлонской области – 1 640 кг и в ГБАО – 912 кг»: in a clause whose regions each come
    with a number of their own, the region right before the figure (not «в Хатлонской и
    Согдийской областях изъято 1 640 кг», whose two regions share it)."""
    before = [p for p in inside if p["start"] < at]
    if not before:
        return None
    own = before[-1]
    if len(before) > 1 and not _holds_a_number(sentence[before[-2]["end"] : own["start"]]):
        return None
    after = [p for p in inside if p["start"] > at]
    stops = [p["start"] for p in after[1:]] + [end]  # where each later region's item ends
    if not all(_holds_a_number(sentence[p["end"] : stops[n]]) for n, p in enumerate(after)):
        return None
    return own["region_code"], own["country"]


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


def _holds_a_number(clause: str) -> bool:
    """Digits or a number word («а одна — в Саратове»)."""
    return bool(_DIGIT.search(clause)) or any(
        read_number_word(w.lower()) is not None for w in _WORD.findall(clause)
    )


def _next_clause(sentence: str, start: int) -> str:
    stop = _CLAUSE_END.search(sentence, start)
    return sentence[start : stop.start() if stop else len(sentence)]
