"""Place mentions in one text: gazetteer names (in every case form), natasha's place names the
gazetteer lacks, and "по стране"-like words for the article's own country; each mention is
resolved to one gazetteer entry when the text allows (see pipelines.places for the rules).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipelines.morph import parse_word
from pipelines.phrases import (
    Match,
    Token,
    fold,
    forms_of,
    is_common_word,
    singular_forms,
    tokenize,
    word_forms,
)
from pipelines.places_gazetteer import DIVISION_NOUNS, KIND_RANK, LEVEL_RANK, Entry, load_gazetteer
from pipelines.places_ner import Ner

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
        return _CUE_ABBREVIATIONS.get(word)
    for cue_word, kind in _CUE_WORDS.items():
        if word in word_forms(cue_word):
            return kind
    return None


def _follows_street_or_water(tokens: list[Token], first: int) -> bool:
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


def _starts_sentence(tokens: list[Token], text: str, first: int) -> bool:
    if first == 0:
        return True
    before = tokens[first - 1]
    return before.text in _SENTENCE_END or "\n" in text[before.end : tokens[first].start]


def clear_winner(votes: Counter):
    """The most voted key when no other has as many votes, else None."""
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _with_shared_nouns(tokens: list[Token], matches: list[Match]) -> list[Match]:
    """Add the adjectives of a list that shares one division noun: in "Алматинской, Жамбылской
    и Туркестанской областях" only the last adjective stands next to the noun."""
    adjectives = load_gazetteer().adjectives
    added = []
    for match in matches:
        noun = fold(match.phrases[0].words[-1])
        if match.stop - match.first != 2 or noun not in DIVISION_NOUNS:
            continue
        j = match.first - 1
        while j >= 1 and tokens[j].norm in {",", "и"} and tokens[j - 1].text[:1].isupper():
            phrase = adjectives.get((tokens[j - 1].norm, noun))
            if phrase is None:
                break
            added.append(Match(j - 1, j, (phrase,)))
            j -= 2
    # The shared noun's reading replaces a one-word reading of the same adjective ("Жамбылской").
    spans = {(m.first, m.stop) for m in added}
    kept = [m for m in matches if (m.first, m.stop) not in spans]
    return sorted(kept + added, key=lambda m: (m.first, m.stop))


def _gazetteer_mentions(text: str, tokens: list[Token], ner: Ner) -> list[_Mention]:
    matches = _with_shared_nouns(tokens, load_gazetteer().names.find(tokens))
    locations = [(s.start, s.stop) for s in ner.locations]
    division_nouns = forms_of(DIVISION_NOUNS)
    mentions = []
    for k, match in enumerate(matches):
        start, end = tokens[match.first].start, tokens[match.stop - 1].end
        nxt = tokens[match.stop].norm if match.stop < len(tokens) else None
        if _follows_street_or_water(tokens, match.first) or _overlaps(start, end, ner.persons):
            continue
        if match.stop - match.first == 1 and nxt in division_nouns:
            continue
        one_word = len(match.phrases[0].words) == 1 and match.stop - match.first == 1
        if one_word and _in_division_list(tokens, match.first):
            continue  # "Волжском (21), Октябрьском (39) районах": districts, not the towns
        cue = _cue(tokens, match.first)
        derived = all(e.named_as != "name" for e in match.payloads)
        if derived and nxt in forms_of(_NOT_A_PLACE_WORDS):
            continue  # "Московский проспект"
        if not derived and any(p.is_common_word for p in match.phrases):
            qualified = k + 1 < len(matches) and matches[k + 1].first == match.stop
            if not (cue or qualified or _overlaps(start, end, locations)):
                continue
        mention = _Mention(
            match.first,
            match.stop,
            start,
            end,
            text[start:end],
            match.phrases[0].nominative,
            match.payloads,
            cue,
        )
        mentions.append(mention)
    return mentions


def _unknown_mentions(text, tokens, ner: Ner, known: list[_Mention]) -> list[_Mention]:
    """natasha's place names that the gazetteer does not hold; they keep no region."""
    taken = [(m.start, m.end) for m in known]
    mentions = []
    for span in ner.locations:
        if _overlaps(span.start, span.stop, taken) or not any(c.isupper() for c in span.text):
            continue
        if " " not in span.text and (len(span.text) < 2 or is_common_word(span.text)):
            continue  # a capitalised first word taken for a place: "Как", "В", "Спецоперация"
        first = next(i for i, t in enumerate(tokens) if t.end > span.start)
        stop = next((i for i, t in enumerate(tokens) if t.start >= span.stop), len(tokens))
        if _follows_street_or_water(tokens, first):
            continue
        cue = _cue(tokens, first)
        name = text[span.start : span.stop]
        mention = _Mention(first, stop, span.start, span.stop, name, ner.nominative(span), [], cue)
        mention.kind_hint = cue or _kind_of_division_noun(tokens[stop - 1].norm)
        mentions.append(mention)
    return mentions


def _kind_of_division_noun(word: str) -> str | None:
    """ "Октябрьский район" is a district even when the gazetteer does not hold it."""
    if word in word_forms("район"):
        return "district"
    if word in forms_of(DIVISION_NOUNS):
        return "region"
    return None


def _narrow_by_cue(mention: _Mention) -> list[Entry]:
    # "город"/"село" choose between a town and a village of one name; before a region or a
    # country ("город Казахстана") the word says nothing about the name.
    candidates = mention.candidates
    if not mention.cue or not any(c.kind in ("city", "settlement") for c in candidates):
        return candidates
    return [c for c in candidates if c.kind == mention.cue]


def _narrow_by_context(candidates, regions, countries, home_country) -> list[Entry]:
    """Keep the candidates in the regions, then countries, the text names without doubt."""
    for keep in (
        lambda c: c.region_code in regions,
        lambda c: c.country in countries,
        lambda c: c.country == home_country,
    ):
        kept = [c for c in candidates if keep(c)]
        if kept:
            candidates = kept
        if len(candidates) == 1:
            break
    return candidates


def _qualifier(text: str, mentions: list[_Mention], index: int) -> _Mention | None:
    """The higher division named right after a name: "Нура" ← "Алматинской области"."""
    if index + 1 >= len(mentions):
        return None
    mention, following = mentions[index], mentions[index + 1]
    if not _QUALIFIER_GAP.fullmatch(text[mention.end : following.start]):
        return None
    if not (following.region_code or following.country) or following.rank <= mention.rank:
        return None
    return following


def _resolve(text, mentions, regions, countries, home_country) -> None:
    # Right to left, so that a qualifier is resolved before the name it qualifies.
    for index in reversed(range(len(mentions))):
        mention = mentions[index]
        candidates = _narrow_by_cue(mention)
        qualifier = _qualifier(text, mentions, index)
        if qualifier is not None:
            if qualifier.region_code:
                inside = [c for c in candidates if c.region_code == qualifier.region_code]
            else:
                inside = [c for c in candidates if c.country == qualifier.country]
            if not inside:
                # The text places a name we do not hold (or hold elsewhere) in that division.
                mention.settle([])
                mention.region_code, mention.country = qualifier.region_code, qualifier.country
                continue
            candidates = inside
        if len(candidates) > 1:
            candidates = _narrow_by_context(candidates, regions, countries, home_country)
        mention.settle(candidates)


def _deictic_mentions(text, tokens, mentions, home_country) -> list[_Mention]:
    """ "по стране", "в республике": the article's own country, named by a common noun."""
    gazetteer = load_gazetteer()
    words = sorted(set().union(*gazetteer.deictic.values()))
    form_to_word = {form: w for w in words for form in singular_forms(w)}
    taken = set().union(*(range(m.first, m.stop) for m in mentions)) if mentions else set()
    votes = Counter(m.country for m in mentions if m.country and (m.region_code or m.national))
    own_country = clear_winner(votes) or home_country
    found = []
    for i, token in enumerate(tokens):
        word = form_to_word.get(token.norm)
        if word is None or i in taken or not _in_scope(tokens, i):
            continue
        if own_country and word not in gazetteer.deictic.get(own_country, ()):
            continue  # "по республике" in a Russian text means one of its republics
        mention = _Mention(i, i + 1, token.start, token.end, token.text, word, [], national=True)
        mention.kind = "country"
        mention.country = own_country
        mention.normalized = gazetteer.countries[own_country].name if own_country else word
        found.append(mention)
    return found


def find_mentions(text, home_country=None, context_regions=(), context_countries=()) -> list[dict]:
    tokens = tokenize(text)
    ner = Ner(text)
    mentions = _gazetteer_mentions(text, tokens, ner)
    mentions += _unknown_mentions(text, tokens, ner, mentions)
    mentions.sort(key=lambda m: m.start)
    unambiguous = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    regions = {e.region_code for e in unambiguous if e.region_code} | set(context_regions)
    countries = {e.country for e in unambiguous} | set(context_countries)
    _resolve(text, mentions, regions, countries, home_country)
    for mention in mentions:
        if mention.kind == "country" and mention.entry and mention.named_as == "name":
            mention.national = _in_scope(tokens, mention.first) or _starts_sentence(
                tokens, text, mention.first
            )
            if mention.first and tokens[mention.first - 1].norm in _PARTS:
                mention.named_as = "part"
    mentions += _deictic_mentions(text, tokens, mentions, home_country)
    mentions.sort(key=lambda m: m.start)
    return [m.as_dict() for m in mentions]
