"""The words around a place name that the place rules read: cue words ("город", "с."), streets
and rivers, prepositions of scope, sentence starts, first names and surnames; and the mention
being built (`_Mention`). Shared by places_mentions and places_unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.morph import parse_word
from pipelines.phrases import Token, forms_of, word_forms
from pipelines.places_gazetteer import DIVISION_NOUNS, KIND_RANK, LEVEL_RANK, Entry

_SENTENCE_END = {".", "!", "?", "…"}

_CUE_WORDS = {
    "город": "city",
    "село": "settlement",
    "посёлок": "settlement",
    "аул": "settlement",
    "деревня": "settlement",
    "станица": "settlement",
    "хутор": "settlement",
    "пгт": "settlement",
}
# One-letter abbreviations are cues only with their full stop: "с." is a village, "с" is "with".
_CUE_ABBREVIATIONS = {
    "г": "city",
    "гор": "city",
    "с": "settlement",
    "п": "settlement",
    "пос": "settlement",
    "пгт": "settlement",
    "д": "settlement",
    "ст": "settlement",
}
# Streets, rivers and lakes carry names of places and people: "проспект Абая", "река Нура".
_NOT_A_PLACE_WORDS = (
    "улица",
    "проспект",
    "переулок",
    "бульвар",
    "шоссе",
    "площадь",
    "микрорайон",
    "озеро",
    "река",
    "имя",
    "перевал",  # «на перевале «Кызыл-Арт»»: a mountain pass is named after anything
    # «в парке Гагарина», «в сквере Ленина»: parks and squares named after people
    "парк",
    "сквер",
    "набережная",
)
_NOT_A_PLACE_ABBREVIATIONS = {"ул", "пр", "пр-т", "пер", "мкр", "мкрн", "им", "р", "оз"}
# "на юге Таджикистана", "в северной части страны": a region of the country, not all of it.
_PARTS = forms_of(("юг", "север", "восток", "запад", "юго-восток", "юго-запад", "северо-восток"))
_PARTS |= forms_of(("северо-запад",)) | {"части"}
_CASES = frozenset({"nomn", "gent", "gen2", "datv", "accs", "acc2", "ablt", "loct", "loc2", "voct"})
_SCOPE_PREPOSITIONS = {"в", "во", "по", "на"}
# Words between the preposition and the country: "по всей стране", "на территории РФ".
_SCOPE_FILLERS = {"всей", "всему", "всю", "всего", "целом", "территории"}
# Only spaces (or an opening bracket) between a name and the division that qualifies it: a comma
# or a line break would as often separate two items of a list.
_QUALIFIER_GAP = re.compile(r"[ \t\u00a0]*\(?[ \t\u00a0]*")
# ... or «в» after a settlement the text calls one, before a division in the locative: «в посёлке
# Зелёная Роща в Ленинградской области» is that region's village, not a namesake elsewhere (and
# «из посёлка … в Самарскую область» is a journey, not a qualification)
_LOCATED_GAP = re.compile(r"[ \t\u00a0]+во?[ \t\u00a0]+")
# ... or the court or district the name is an adjective of: «Октябрьский райсуд Оренбургской
# области» is a district of that region, not the town Октябрьский of Bashkortostan
_INSTITUTION_GAP = re.compile(
    r"[ \t\u00a0]+(?:(?:рай|гор)суд\w*|(?:районн|городск)\w+[ \t\u00a0]+суд\w*|район\w*)"
    r"[ \t\u00a0]+",
    re.IGNORECASE,
)


@dataclass
class _Mention:
    first: int  # token indices
    stop: int
    start: int  # character offsets
    end: int
    name: str
    nominative: str  # how the gazetteer (or natasha) writes the name
    candidates: list[Entry]
    cue: str | None = None  # "city" or "settlement" when the text says "город …"/"село …"
    kind_hint: str | None = None  # for a name the gazetteer lacks: its cue or its last word
    entry: Entry | None = None
    region_code: str | None = None
    country: str | None = None
    kind: str | None = None
    normalized: str | None = None
    national: bool = False
    # How the text names it: "name", "adjective" ("белорусские"), "people" ("кировчан"), or
    # "part" for a country named by its part ("на юге Таджикистана": some region of it).
    named_as: str = "name"

    @property
    def rank(self) -> int:
        if self.entry:
            return self.entry.rank
        if self.candidates:
            # Not settled yet, or ambiguous: as low as the lowest thing it may be.
            return min(c.rank for c in self.candidates)
        return LEVEL_RANK.get(self.kind) or KIND_RANK.get(self.kind, 0)

    def settle(self, candidates: list[Entry]) -> None:
        named_as = {c.named_as for c in candidates}
        if len(named_as) == 1:
            self.named_as = named_as.pop()
        if len(candidates) == 1:
            self.entry = candidates[0]
            self.region_code = self.entry.region_code
            self.country = self.entry.country
            self.kind = self.entry.kind
            self.normalized = self.entry.name
            return
        # Ambiguous or unknown: keep the name as text and only what all candidates share.
        countries = {c.country for c in candidates}
        kinds = {c.kind for c in candidates}
        self.country = countries.pop() if len(countries) == 1 else None
        self.kind = kinds.pop() if len(kinds) == 1 else self.kind_hint or self.cue
        self.normalized = self.nominative

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "normalized": self.normalized,
            "kind": self.kind,
            "region_code": self.region_code,
            "country": self.country,
            "start": self.start,
            "end": self.end,
            "national": self.national,
            "named_as": self.named_as,
        }


def _word_before(tokens: list[Token], first: int) -> tuple[str | None, bool]:
    """The word before a token, and whether it is an abbreviation ended by a full stop."""
    if first >= 2 and tokens[first - 1].text == ".":
        return tokens[first - 2].norm, True
    if first >= 1:
        return tokens[first - 1].norm, False
    return None, False


def _cue(tokens: list[Token], first: int) -> str | None:
    word, abbreviated = _word_before(tokens, first)
    if word is None:
        return None
    if abbreviated:
        # "665 г. Кроме того": after a number "г." is grams (or a year), not "город".
        if first >= 3 and tokens[first - 3].text[:1].isdigit():
            return None
        return _CUE_ABBREVIATIONS.get(word)
    for cue_word, kind in _CUE_WORDS.items():
        if word in word_forms(cue_word):
            return kind
    return None


def _follows_street_or_water(tokens: list[Token], first: int) -> bool:
    if first >= 2 and tokens[first - 1].text in ("«", '"'):
        first -= 1  # «улица «Ленина»», «на перевале «Кызыл – Арт»»
    word, abbreviated = _word_before(tokens, first)
    if word is None:
        return False
    if abbreviated:
        return word in _NOT_A_PLACE_ABBREVIATIONS
    return word in forms_of(_NOT_A_PLACE_WORDS)


_LIST_MARKS = {",", "(", ")", "и", "-", "–", "—", ";"}


def _is_adjective(token: Token) -> bool:
    return any(r.pos == "ADJF" for r in parse_word(token.norm))


def _in_division_list(tokens: list[Token], first: int) -> bool:
    """An adjective in a list that ends in a division noun: "в Энгельсском (56), Волжском (21) и
    Гагаринском административном районах" names districts, not the towns Волжский or Энгельс."""
    if not _is_adjective(tokens[first]):
        return False
    division_nouns = forms_of(DIVISION_NOUNS)
    for token in tokens[first + 1 : first + 60]:
        if token.norm in division_nouns:
            return True
        if not (token.norm in _LIST_MARKS or token.norm.isdigit() or _is_adjective(token)):
            return False
    return False


def _has_scope_preposition(tokens: list[Token], first: int) -> bool:
    """ "в", "по", "на" before the name, perhaps with "всей" or "территории" between."""
    j = first - 1
    while j >= 0 and first - j <= 2 and tokens[j].norm in _SCOPE_FILLERS:
        j -= 1
    return j >= 0 and tokens[j].norm in _SCOPE_PREPOSITIONS


def _names_a_direction(token: Token) -> bool:
    """ "в Российскую Федерацию", "в страну": the accusative after "в"/"на" is where something goes,
    not where something is counted ("в России", "по стране")."""
    cases = set().union(*(r.grammemes & _CASES for r in parse_word(token.norm)))
    return bool(cases) and cases <= {"nomn", "accs", "acc2"}


def _in_scope(tokens: list[Token], first: int) -> bool:
    return _has_scope_preposition(tokens, first) and not _names_a_direction(tokens[first])


_OPENING_QUOTES = {"«", '"', "„", "“", "'"}

# A dash, bullet or opening quote before a sentence's first word («- Кроме того, …»)
_LINE_OPENERS = {"-", "–", "—", "•", "*", "«", '"', "„", "“"}


def _starts_sentence(tokens: list[Token], text: str, first: int) -> bool:
    while first and tokens[first - 1].text in _LINE_OPENERS:
        first -= 1
    if first == 0:
        return True
    before = tokens[first - 1]
    return before.text in _SENTENCE_END or "\n" in text[before.end : tokens[first].start]


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _is_name_word(token: Token | None) -> bool:
    """A capitalised word that may be a first name, surname or patronymic ("Сергей Киров")."""
    if token is None or not token.text[:1].isupper() or not token.text.isalpha():
        return False
    return any(r.grammemes & _PERSON_GRAMMEMES for r in parse_word(token.norm))


def _next_to_a_name(tokens: list[Token], first: int, stop: int) -> bool:
    before = tokens[first - 1] if first else None
    after = tokens[stop] if stop < len(tokens) else None
    return _is_name_word(before) or _is_name_word(after)


def _kind_of_division_noun(word: str) -> str | None:
    """ "Октябрьский район" is a district even when the gazetteer does not hold it."""
    if word in word_forms("район"):
        return "district"
    if word in forms_of(DIVISION_NOUNS):
        return "region"
    return None


# (not «станция»: a railway station bears its own town's name, «на станции Миллерово»)
_FACILITY_WORDS = ("аэропорт", "вокзал", "порт", "метро", "платформа")


def _names_a_facility(tokens: list[Token], first: int) -> bool:
    """A name after "аэропорт", "метро": facilities keep old or other places' names ("аэропорт
    Кольцово" is in Yekaterinburg, the village of Кольцово near Novosibirsk)."""
    return first > 0 and tokens[first - 1].norm in forms_of(_FACILITY_WORDS)
