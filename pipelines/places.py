"""Places an article names, resolved to ISO 3166 codes, and the region of an article and a figure.

Names are matched against the gazetteer in ``data/gazetteer`` in every case form: each gazetteer
word is expanded to its inflected forms with pymorphy3 ("Жамбылская область" also matches
"Жамбылской области"), so the data stays in the nominative. natasha's NER confirms one-word names
that are also ordinary words or first names ("Шахты", "Абай"), drops names inside a person's name,
and adds place names the gazetteer does not know; those are kept as text, without a region.

A name that fits several gazetteer entries is resolved only by the text: a higher division named
right after it ("в селе Нура Алматинской области"), "город"/"село" before it, or being the only
candidate in a region or country the text names elsewhere. Otherwise its region stays empty.

A place is a dict: name (as written), normalized (nominative), kind (country, region, city,
district, settlement, or None when unknown), region_code (ISO 3166-2), country (ISO 3166-1
alpha-2), start, end, and national: True when a country mention sets the scope of what is said
("по стране", "в Казахстане") rather than qualifying an organisation or law ("МВД России").

Modules, in import order: places_gazetteer (the data), places_ner (natasha), places_mentions
(finding and resolving the mentions of one text), and this one (the region of an article, a figure).
"""

from collections import Counter

from pipelines.phrases import read_tsv
from pipelines.places_gazetteer import Entry, load_gazetteer
from pipelines.places_mentions import find_mentions

__all__ = [
    "Entry",
    "article_region",
    "figure_region",
    "find_places",
    "load_gazetteer",
    "main_place",
    "read_tsv",
]


def find_places(text: str, home_country: str | None = None) -> list[dict]:
    """Places the text names, in order. home_country (e.g. the source's country) settles
    "в стране" and ambiguous names when the text itself names no country."""
    return find_mentions(text, home_country)


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
    # "в селе Нура Алматинской области" is one mention of one place, not two votes.
    groups: list[list[dict]] = []
    for place in sorted(places, key=lambda p: p["start"]):
        if groups and place["start"] - groups[-1][-1]["end"] <= 2:
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def main_place(places: list[dict], source_region: str | None = None) -> dict:
    """The region most of the mentions are about, else their country (the first named of the
    most named), else the source's region.

    A region needs more than half of all mentions (regions plus national mentions): an article
    that names several regions as examples of a national total is about the country.
    """
    source_code, source_country = _parse_source_region(source_region)
    region_votes: Counter[str] = Counter()
    country_votes: Counter[str] = Counter()
    for group in _mention_groups(places):
        regioned = {(p["region_code"], p["country"]) for p in group if p["region_code"]}
        national = [p["country"] or source_country for p in group if p["national"]]
        if len(regioned) == 1:
            code, country = regioned.pop()
            region_votes[code] += 1
            country_votes[country] += 1
        elif national and national[0]:
            country_votes[national[0]] += 1
    total = country_votes.total()
    if region_votes:
        code, votes = region_votes.most_common(1)[0]
        if 2 * votes > total:
            return _result(code, code.split("-", 1)[0], "article")
    # On a tie the country named first wins: a news text leads with where it happened.
    top = max(country_votes.values(), default=0)
    country = next((c for c, n in country_votes.items() if n == top), None)
    if country:
        return _result(None, country, "article")
    if source_code or source_country:
        return _result(source_code, source_country, "source")
    return _result(None, None, None)


def article_region(text: str, source_region: str | None = None, title: str | None = None) -> dict:
    """The article's main place: the place its title names, else main_place of the text.

    Returns region_code, country, normalized (the region's or country's name) and reason:
    "article" (found in the text), "source" (the source's home region) or None.
    """
    _, home_country = _parse_source_region(source_region)
    if title:
        in_title = main_place(find_places(title, home_country))
        if in_title["reason"]:
            return in_title
    return main_place(find_places(text, home_country), source_region)


def figure_region(
    sentence: str,
    article_places: list[dict],
    source_region: str | None = None,
    article: dict | None = None,
) -> dict:
    """Where a figure was counted: the place its sentence names, else the article's, else the
    source's. National figures ("по стране", "в Казахстане") get the country and no region.

    article_places: find_places() of the whole article; article: its article_region(), when
    already computed. Returns region_code, country and reason ("sentence", "article", "source").
    """
    article = article or main_place(article_places, source_region)
    _, source_country = _parse_source_region(source_region)
    home_country = article["country"] or source_country
    context_regions = {p["region_code"] for p in article_places if p["region_code"]}
    context_countries = {p["country"] for p in article_places if p["country"]}
    places = find_mentions(sentence, home_country, context_regions, context_countries)
    regions = {(p["region_code"], p["country"]) for p in places if p["region_code"]}
    if len(regions) == 1:
        code, country = regions.pop()
        return {"region_code": code, "country": country, "reason": "sentence"}
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
