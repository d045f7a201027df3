"""Where a figure was counted when its sentence names no place but goes on with the story of the
sentence before: «В Семее полицейские задержали двух мужчин. У них изъято 500 г героина.» — the
heroin was seized in Semey, whatever else the article (a digest of several towns) is about.

Only a sentence that opens by pointing back — at the people of the sentence before («У них»,
«При нём», «У задержанного»), their home or car («В его квартире»), or the search that goes on
(«В ходе обыска», «При досмотре») — takes that sentence's place, and only when that sentence
(in its paragraph or the one before) names exactly one region as a scene: not an adjective,
where someone lives, where something went («в Иркутск») or a name in quotes. Otherwise the
figure takes the article's region, as before.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

from pipelines.morph import parse_word
from pipelines.places_ner import sentence_bounds

# The opening words of a sentence that goes on with the people or the scene of the one before.
_PEOPLE = (
    r"(?:него|неё|нее|них|нём|нем|ней|задержанн\w+|подозреваем\w+|обвиняем\w+|мужчин\w*"
    r"|женщин\w*|злоумышленник\w*|фигурант\w*|наркокурьер\w*|курьер\w*|водител\w+|пассажир\w*)"
)
_GOES_ON = re.compile(
    rf"(?:у|при)\s+{_PEOPLE}\b"
    r"|(?:он|она|они|там|задержанн\w+|подозреваем\w+)\b"
    r"|в\s+(?:его|её|ее|их)\s+\w+"
    r"|(?:в\s+ходе|при)\s+(?:обыск\w*|досмотр\w*|осмотр\w*|обследовани\w+)\b",
    re.IGNORECASE,
)
_SCENE = ("name", "agency", "recap")  # how a place is named where something happened there
# «в», «из» right before a name, or before «г.», «города» and the name
_TOWN_WORD = r"(?:г\.\s*|город[а-я]*\s+)?"
_INTO = re.compile(rf"(?<![^\W\d_])(?:в|во|на)\s+{_TOWN_WORD}$", re.IGNORECASE)
_FROM = re.compile(rf"(?<![^\W\d_])(?:из|изо|от)\s+{_TOWN_WORD}$", re.IGNORECASE)
_QUOTES = "«\"„“'"
_LOCATIVE = frozenset({"loct", "loc2"})
MAX_STEPS_BACK = 3  # sentences of one story a place carries over


def place_of_the_story(
    body: str, sentence: str, places: list[dict], bounds: list[tuple[int, int]] | None = None
) -> dict | None:
    """The region of the sentence before, for a figure `sentence` of `body` that names no place
    and goes on with that sentence's story (see the module); None otherwise. `places`: the
    body's places (find_places), in text order, with offsets into it; `bounds`: the body's
    sentence_bounds, when the caller has them (a long body has many figure sentences: split it
    once)."""
    start = body.find(sentence) if sentence else -1
    if start < 0:
        return None
    if bounds is None:
        bounds = sentence_bounds(body)
    # the sentence that holds `start` (bounds and places are in text order: a long body has
    # hundreds of each, looked up by bisection)
    index = bisect.bisect_right(bounds, start, key=itemgetter(0)) - 1
    if index < 0 or start >= bounds[index][1]:
        return None
    for _ in range(MAX_STEPS_BACK):
        if index == 0:
            return None
        here = bounds[index][0]
        if not _GOES_ON.match(body, here):
            return None
        before_start = bounds[index - 1][0]
        first = bisect.bisect_left(places, before_start, key=itemgetter("start"))
        before = places[first : bisect.bisect_left(places, here, first, key=itemgetter("start"))]
        regions = {
            (p["region_code"], p["country"])
            for p in before
            if p["region_code"] and p["named_as"] in _SCENE and where_it_happened(body, p)
        }
        if len(regions) == 1:
            code, country = regions.pop()
            return {"region_code": code, "country": country, "reason": "story"}
        if regions or before:
            return None  # several regions, or a place of no region: no one scene
        index -= 1
    return None


def where_it_happened(body: str, place: dict) -> bool:
    """Not where something went («перевозили гашиш в Иркутск», «в поезде, следовавшем в
    Москву»: «в» before a name that is not in the locative) or came from («из Владивостока»),
    nor a name in quotes, which names a thing («остановили «Жигули»»). `place`: offsets into
    `body`."""
    start = place["start"]
    if start and body[start - 1] in _QUOTES:
        return False
    if _FROM.search(body, max(0, start - 14), start):
        return False
    if not _INTO.search(body, max(0, start - 14), start):
        return True
    first = place["name"].split()[0].lower()
    return any(r.grammemes & _LOCATIVE for r in parse_word(first))
