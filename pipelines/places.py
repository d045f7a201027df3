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
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipelines.phrases import (
    Match,
    Phrase,
    PhraseIndex,
    Token,
    fold,
    forms_of,
    is_common_word,
    read_tsv,
    singular_forms,
    split_names,
    tokenize,
    word_forms,
)

GAZETTEER_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"

_SENTENCE_END = {".", "!", "?", "…"}

# A one-word name followed by one of these was the adjective of some other division
# ("Октябрьского района"), not the city of that name.
_DIVISION_NOUNS = ("район", "область", "край", "округ")
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
_SCOPE_PREPOSITIONS = {"в", "во", "по", "на"}
# Words between the preposition and the country: "по всей стране", "на территории РФ".
_SCOPE_FILLERS = {"всей", "всему", "всю", "всего", "целом", "территории"}
# Only spaces (or an opening bracket) between a name and the division that qualifies it: a comma
# or a line break would as often separate two items of a list.
_QUALIFIER_GAP = re.compile(r"[ \t\u00a0]*\(?[ \t\u00a0]*")
_LEVEL_RANK = {"country": 4, "region": 3}
_KIND_RANK = {"district": 2, "city": 1, "settlement": 1}


# --- the gazetteer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    name: str
    kind: str  # country, region, city, district, settlement
    region_code: str | None
    country: str
    level: str  # country, region (a city of republican significance is one), local

    @property
    def rank(self) -> int:
        return _LEVEL_RANK.get(self.level) or _KIND_RANK[self.kind]


@dataclass
class Gazetteer:
    names: PhraseIndex
    regions: dict[str, Entry]
    countries: dict[str, Entry]
    deictic: dict[str, frozenset[str]]  # country code → words its texts use for it ("страна")
    # (a form of the adjective, the division noun) → the phrase: ("жамбылской", "область") →
    # "Жамбылская область", to read lists that share the noun ("Жамбылской и Алматинской областях").
    adjectives: dict[tuple[str, str], Phrase] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for phrase in self.names.phrases():
            if len(phrase.words) == 2 and fold(phrase.words[1]) in _DIVISION_NOUNS:
                for form in phrase.forms[0]:
                    self.adjectives[(form, fold(phrase.words[1]))] = phrase


def _district_variants(entry: Entry) -> list[str]:
    # Russian districts were turned into municipal okrugs; texts use both names.
    if entry.country != "RU" or entry.kind != "district" or not entry.name.endswith(" район"):
        return []
    stem = entry.name.removesuffix(" район")
    return [f"{stem} муниципальный округ", f"{stem} муниципальный район", f"{stem} округ"]


@cache
def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    names = PhraseIndex()
    countries, regions, deictic = {}, {}, {}
    for row in read_tsv(directory / "countries.tsv"):
        entry = Entry(row["name"], "country", None, row["code"], "country")
        countries[entry.country] = entry
        deictic[entry.country] = frozenset(split_names(row["deictic"]))
        for name in [entry.name, *split_names(row["alt_names"])]:
            names.add(name, entry)
    for row in read_tsv(directory / "regions.tsv"):
        kind = "city" if row["type"] == "city" else "region"
        entry = Entry(row["name"], kind, row["code"], row["country"], "region")
        regions[entry.region_code] = entry
        for name in [entry.name, *split_names(row["alt_names"])]:
            names.add(name, entry)
    for row in read_tsv(directory / "localities.tsv"):
        region = regions[row["region_code"]]
        entry = Entry(row["name"], row["kind"], region.region_code, region.country, "local")
        for name in [entry.name, *split_names(row["alt_names"]), *_district_variants(entry)]:
            names.add(name, entry)
    return Gazetteer(names, regions, countries, deictic)


# --- finding places in a text -------------------------------------------------------------------


@cache
def _embedding():
    """natasha's models ship inside the package and run offline; they load once, on first use."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


@cache
def _ner_models():
    from natasha import NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(_embedding())


@cache
def _morph_models():
    # Only names the gazetteer lacks need natasha's morphology (for their nominative).
    from natasha import MorphVocab, NewsMorphTagger

    return NewsMorphTagger(_embedding()), MorphVocab()


@cache
def _threadpool_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """Run numpy on one BLAS thread. natasha multiplies small matrices, where OpenBLAS's threads
    cost more than they give: 2 ms instead of 40-70 ms for a sentence on a busy two-core machine.
    Without threadpoolctl installed the tagging is only slower."""
    controller = _threadpool_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


class _Ner:
    """natasha's LOC and PER spans of one text; morphology is tagged only if a name needs it."""

    def __init__(self, text: str) -> None:
        from natasha import Doc

        segmenter, ner_tagger = _ner_models()
        self._doc = Doc(text)
        self._doc.segment(segmenter)
        with _one_blas_thread():
            self._doc.tag_ner(ner_tagger)
        self._morph_tagged = False
        self.locations = [s for s in self._doc.spans if s.type == "LOC"]
        self.persons = [(s.start, s.stop) for s in self._doc.spans if s.type == "PER"]

    def nominative(self, span) -> str:
        morph_tagger, vocab = _morph_models()
        if not self._morph_tagged:
            with _one_blas_thread():
                self._doc.tag_morph(morph_tagger)
            self._morph_tagged = True
        span.normalize(vocab)
        return span.normal or span.text


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

    @property
    def rank(self) -> int:
        if self.entry:
            return self.entry.rank
        if self.candidates:
            # Not settled yet, or ambiguous: as low as the lowest thing it may be.
            return min(c.rank for c in self.candidates)
        return _LEVEL_RANK.get(self.kind) or _KIND_RANK.get(self.kind, 0)

    def settle(self, candidates: list[Entry]) -> None:
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


def _has_scope_preposition(tokens: list[Token], first: int) -> bool:
    """ "в", "по", "на" before the name, perhaps with "всей" or "территории" between."""
    j = first - 1
    while j >= 0 and first - j <= 2 and tokens[j].norm in _SCOPE_FILLERS:
        j -= 1
    return j >= 0 and tokens[j].norm in _SCOPE_PREPOSITIONS


def _starts_sentence(tokens: list[Token], text: str, first: int) -> bool:
    if first == 0:
        return True
    before = tokens[first - 1]
    return before.text in _SENTENCE_END or "\n" in text[before.end : tokens[first].start]


def _clear_winner(votes: Counter):
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
        if match.stop - match.first != 2 or noun not in _DIVISION_NOUNS:
            continue
        j = match.first - 1
        while j >= 1 and tokens[j].norm in {",", "и"} and tokens[j - 1].text[:1].isupper():
            phrase = adjectives.get((tokens[j - 1].norm, noun))
            if phrase is None:
                break
            added.append(Match(j - 1, j, (phrase,)))
            j -= 2
    return sorted(matches + added)


def _gazetteer_mentions(text: str, tokens: list[Token], ner: _Ner) -> list[_Mention]:
    matches = _with_shared_nouns(tokens, load_gazetteer().names.find(tokens))
    locations = [(s.start, s.stop) for s in ner.locations]
    division_nouns = forms_of(_DIVISION_NOUNS)
    mentions = []
    for k, match in enumerate(matches):
        start, end = tokens[match.first].start, tokens[match.stop - 1].end
        nxt = tokens[match.stop].norm if match.stop < len(tokens) else None
        if _follows_street_or_water(tokens, match.first) or _overlaps(start, end, ner.persons):
            continue
        if match.stop - match.first == 1 and nxt in division_nouns:
            continue
        cue = _cue(tokens, match.first)
        if any(p.is_common_word for p in match.phrases):
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


def _unknown_mentions(text, tokens, ner: _Ner, known: list[_Mention]) -> list[_Mention]:
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
    if word in forms_of(_DIVISION_NOUNS):
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
    own_country = _clear_winner(votes) or home_country
    found = []
    for i, token in enumerate(tokens):
        word = form_to_word.get(token.norm)
        if word is None or i in taken or not _has_scope_preposition(tokens, i):
            continue
        if own_country and word not in gazetteer.deictic.get(own_country, ()):
            continue  # "по республике" in a Russian text means one of its republics
        mention = _Mention(i, i + 1, token.start, token.end, token.text, word, [], national=True)
        mention.kind = "country"
        mention.country = own_country
        mention.normalized = gazetteer.countries[own_country].name if own_country else word
        found.append(mention)
    return found


def _find(text, home_country=None, context_regions=(), context_countries=()) -> list[dict]:
    tokens = tokenize(text)
    ner = _Ner(text)
    mentions = _gazetteer_mentions(text, tokens, ner)
    mentions += _unknown_mentions(text, tokens, ner, mentions)
    mentions.sort(key=lambda m: m.start)
    unambiguous = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    regions = {e.region_code for e in unambiguous if e.region_code} | set(context_regions)
    countries = {e.country for e in unambiguous} | set(context_countries)
    _resolve(text, mentions, regions, countries, home_country)
    for mention in mentions:
        if mention.kind == "country" and mention.entry:
            mention.national = _has_scope_preposition(tokens, mention.first) or _starts_sentence(
                tokens, text, mention.first
            )
    mentions += _deictic_mentions(text, tokens, mentions, home_country)
    mentions.sort(key=lambda m: m.start)
    return [m.as_dict() for m in mentions]


def find_places(text: str, home_country: str | None = None) -> list[dict]:
    """Places the text names, in order. home_country (e.g. the source's country) settles
    "в стране" and ambiguous names when the text itself names no country."""
    return _find(text, home_country)


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
    """The region most of the mentions are about, else their country, else the source's region.

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
    country = _clear_winner(country_votes)
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
    places = _find(sentence, home_country, context_regions, context_countries)
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
