"""Places the gazetteer does not hold, found where morphology or a cue word says a capitalised
word may be one: districts by their adjective and division noun ("в Октябрьском районе"), words
pymorphy reads only as geographical names ("в Стамбуле"), and, only around the other candidates,
natasha's LOC spans. They keep their name as text and no region of their own.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher

from pipelines.morph import morph as _morph
from pipelines.morph import parse_word
from pipelines.phrases import Token, fold, forms_of, is_common_word, word_forms
from pipelines.places_cue_names import (
    SK_ADJECTIVE,
    as_written,
    cue_name,
    cue_nominative,
    sk_nominative,
)
from pipelines.places_gazetteer import DIVISION_NOUNS, Entry, load_gazetteer, town_stem
from pipelines.places_ner import NerView
from pipelines.places_words import (
    _LIST_MARKS,
    _OPENING_QUOTES,
    _PERSON_GRAMMEMES,
    _cue,
    _follows_street_or_water,
    _is_adjective,
    _kind_of_division_noun,
    _Mention,
    _names_a_facility,
    _next_to_a_name,
    _overlaps,
    _starts_sentence,
)


def _may_be_an_unknown_place(text: str, tokens: list[Token], i: int) -> bool:
    """A capitalised word the gazetteer does not hold that a cue before it ("город", "село",
    "г.") or morphology says may be a place: a geographical name to pymorphy ("Берлине") inside
    a sentence and not next to a first name or surname. Only around such words is NER asked for
    the place names the gazetteer lacks."""
    token = tokens[i]
    if not token.text[:1].isupper() or not token.text[:1].isalpha() or token.text.isupper():
        return False
    if _cue(tokens, i):
        return True
    if _starts_sentence(tokens, text, i) or _next_to_a_name(tokens, i, i + 1):
        return False
    # "Владимир", "Грибова": a first name or surname is a place only with a cue.
    readings = parse_word(token.norm)
    if any(r.grammemes & _PERSON_GRAMMEMES for r in readings):
        return False
    return any("Geox" in r.grammemes for r in readings)


# Russian surnames are often also the names of towns in pymorphy's dictionary ("Грибова").
_SURNAME_ENDING = re.compile(r"(?:ов|ев|ин|ын)(?:а|у|ым|ой|ом|е|ы|ых|ым|ыми)?$")


def _geographical_lemma(token: Token) -> str | None:
    """The nominative of a word that pymorphy reads only as a geographical name ("Стамбуле" →
    "Стамбул"), when no surname could look the same: such a word needs no NER."""
    readings = parse_word(token.norm)
    if not readings or not all("Geox" in r.grammemes for r in readings):
        return None
    if _SURNAME_ENDING.search(token.norm):
        return None
    return "-".join(part[:1].upper() + part[1:] for part in readings[0].lemma.split("-"))


def unknown_mentions(text, tokens, ner: NerView, known: list[_Mention]) -> list[_Mention]:
    """Place names that the gazetteer does not hold; they keep no region. A word that morphology
    alone reads as a place is taken as it is; around the other candidates natasha decides."""
    taken = [(m.start, m.end) for m in known]
    known_tokens = set().union(*(range(m.first, m.stop) for m in known)) if known else set()
    spans: dict[tuple[int, int], object] = {}
    named_after_a_cue: set[tuple[int, int]] = set()  # «посёлок Молодёжный»: a name, if a word
    inside = 0  # the words of a name read after a cue are not asked about again
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper() or i in known_tokens or i < inside:
            continue  # most words: checked here, not by a call
        if not _may_be_an_unknown_place(text, tokens, i):
            continue
        if _cue(tokens, i):
            # «в селе Межегей»: the words after a settlement word, read without NER
            stop = cue_name(text, tokens, i, known_tokens)
            if stop is not None:
                span = (token.start, tokens[stop - 1].end)
                spans[span] = cue_nominative(tokens, i, stop)
                named_after_a_cue.add(span)
                inside = stop
            continue
        if i and tokens[i - 1].text in _OPENING_QUOTES:
            continue  # «Интерфакс-Сибирь», трасса М-7 «Волга», ГТРК «Ока»: a name of something
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else None
        lemma = None if nxt in forms_of(DIVISION_NOUNS) else _geographical_lemma(token)
        if lemma is not None:
            spans[(token.start, token.end)] = lemma
            continue
        for start, stop, span in ner.locations(token.start, token.end):
            if start < token.end and token.start < stop:
                spans[(start, stop)] = span
    mentions: list[_Mention] = []
    if not spans:
        return mentions
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]  # both ascending: a span's tokens by bisection
    for (start, stop), span in sorted(spans.items()):
        name = text[start:stop]
        if _overlaps(start, stop, taken) or not any(c.isupper() for c in name):
            continue
        common = " " not in name and (len(name) < 2 or is_common_word(name))
        if common and (start, stop) not in named_after_a_cue:
            continue  # a capitalised first word taken for a place: "Как", "В", "Спецоперация"
        first = bisect_right(ends, start)
        stop_token = bisect_left(starts, stop)
        if _follows_street_or_water(tokens, first) or _names_a_facility(tokens, first):
            continue
        taken.append((start, stop))
        cue = _cue(tokens, first)
        nominative = span if isinstance(span, str) else ner.nominative(start, span)
        mention = _Mention(first, stop_token, start, stop, name, nominative, [], cue)
        mention.kind_hint = cue or _kind_of_division_noun(tokens[stop_token - 1].norm)
        mentions.append(mention)
    return mentions


_NOUN_GENDER = {"район": "masc", "область": "femn", "край": "masc", "округ": "masc"}
_DIVISION_FILLERS = forms_of(("муниципальный", "административный"))


# A district's court or prosecutor named by the district's adjective: «Алатырская межрайонная
# прокуратура», «Шумихинского районного суда»; the adjective names the district alone
_DISTRICT_AGENCY_WORDS = forms_of(("районный", "межрайонный", "городской"))
_DISTRICT_AGENCIES = forms_of(("прокуратура", "суд", "отдел", "отделение"))
# ... or its police or court in one word: «Волковысского РОВД», «Мендыкаринского РОВД», «Слуцкий
# райотдел», «Шумихинский райсуд» (the district police of Belarus and Kazakhstan)
_DISTRICT_UNITS = frozenset({"ровд", "рувд", "гровд", "ровда"}) | forms_of(("райотдел", "райсуд"))


def _district_agency(tokens: list[Token], i: int) -> bool:
    """Whether the adjective at i names a district's court, prosecutor's office or police."""
    if i + 1 < len(tokens) and tokens[i + 1].norm in _DISTRICT_UNITS:
        return True
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].norm in _DISTRICT_AGENCY_WORDS
        and tokens[i + 2].norm in _DISTRICT_AGENCIES
    )


def _division_noun(tokens: list[Token], i: int) -> tuple[int, str] | None:
    """The division noun that the adjective at i names, directly or through a list that shares
    it ("Кулундинском, Ребрихинском и Мамонтовском районах"): its token index and lemma."""
    if _district_agency(tokens, i):
        return i, "район"
    j, after_mark = i + 1, False
    while j < len(tokens) and j - i < 40:
        norm = tokens[j].norm
        for noun in _NOUN_GENDER:
            if norm in word_forms(noun):
                return j, noun
        mark = norm in _LIST_MARKS or norm.isdigit()
        # the next adjective of a list comes after a comma or "и" ("Полицейские Алматинской
        # области" is no list)
        adjective = after_mark and tokens[j].text[:1].isupper() and _is_adjective(tokens[j])
        if not (mark or norm in _DIVISION_FILLERS or adjective):
            return None
        after_mark = mark
        j += 1
    return None


def _adjective_nominative(written: str, gender: str) -> str | None:
    """ "Кара-Суйском" → "Кара-Суйский": pymorphy's form, with the capitals as written."""
    for parse in _morph().parse(written.lower()):
        if parse.tag.POS == "ADJF":
            form = parse.inflect({"nomn", "sing", gender})
            if form is not None:
                return as_written(form.word, written)
    return None


def division_mentions(text, tokens, taken_tokens: set[int]) -> list[_Mention]:
    """Districts and regions the gazetteer lacks, by morphology: a capitalised adjective before a
    division noun ("в Октябрьском районе" → "Октябрьский район"), or in a list sharing one."""
    mentions = []
    for i, token in enumerate(tokens):
        if i in taken_tokens or not token.text[:1].isupper():
            continue
        if not (_is_adjective(token) or SK_ADJECTIVE.match(token.norm)):
            continue
        staff = _town_of_its_police_unit(text, tokens, i) or _town_of_its_staff(text, tokens, i)
        if staff is not None:
            mentions.append(staff)
            continue
        found = _division_noun(tokens, i)
        if found is None:
            continue
        noun_index, noun = found
        gender = _NOUN_GENDER[noun]
        adjective = _adjective_nominative(token.text, gender) or sk_nominative(token.text, gender)
        if adjective is None:
            continue
        agency = noun_index == i  # «Алатырская межрайонная прокуратура»: the adjective alone
        between = tokens[i + 1 : noun_index]
        spans_noun = not agency and all(t.norm in _DIVISION_FILLERS for t in between)
        stop = noun_index + 1 if spans_noun else i + 1
        end = tokens[stop - 1].end
        name = f"{adjective} {noun}"
        towns = _centre_towns(token.norm, adjective, own_stem=agency) if noun == "район" else []
        # one district per region: a town listed by its name and by its adjective is one town
        districts = list(
            dict.fromkeys(Entry(name, "district", t.region_code, t.country, "local") for t in towns)
        )
        if agency and noun == "район":
            districts = _held_district(token.norm) or districts
        if noun != "район":
            districts = _region_spelled_otherwise(name)
        mention = _Mention(i, stop, token.start, end, text[token.start : end], name, districts)
        mention.kind_hint = "district" if noun == "район" else "region"
        mentions.append(mention)
    return mentions


def _held_district(form: str) -> list[Entry]:
    """The gazetteer's one district of this adjective («Мендыкаринского» of «Мендыкаринского
    РОВД» → Мендыкаринский район), where a district's agency names it without «район»; a name
    that districts of several regions share («Советский») is left alone."""
    phrase = load_gazetteer().adjectives.get((form, "район"))
    districts = [e for e in phrase.payloads if e.kind == "district"] if phrase else []
    return districts if len({e.region_code for e in districts}) == 1 else []


# The staff of a town's agencies, named by the town's adjective: «Актауские таможенники».
_STAFF = frozenset({
    "таможенник", "полицейский", "наркополицейский", "пограничник", "наркоборец", "полицай",
    "следователь", "оперативник", "правоохранитель", "стражи", "силовик", "чекист",
})  # fmt: skip


def _town_of_its_staff(text: str, tokens: list[Token], i: int) -> _Mention | None:
    """«Актауские таможенники задержали …»: an adjective the dictionary does not know, made from
    a town's name, before the staff of an agency names that town, as its known adjectives do
    (derived.tsv)."""
    token = tokens[i]
    if i + 1 >= len(tokens) or _morph().word_is_known(token.norm):
        return None
    if not {p.normal_form for p in _morph().parse(tokens[i + 1].norm)} & _STAFF:
        return None
    adjective = sk_nominative(token.text, "masc")
    towns = _centre_towns(token.norm, adjective) if adjective else []
    if not towns:
        return None
    entries = list({dataclasses.replace(t, named_as="adjective") for t in towns})
    return _Mention(i, i + 1, token.start, token.end, text[token.start : token.end],
                    towns[0].name, entries)  # fmt: skip


# «МО МВД России «Ишимский»», «ОМВД России "Кинешемский"», «МУ МВД России «Нижнетагильское»»:
# a police unit named in quotes after its town
_POLICE_UNIT_BEFORE = re.compile(r"(?:МВД|ОВД)(?:\s+(?:России|РФ))?\s*[«\"„“]\s*$")


def _town_of_its_police_unit(text: str, tokens: list[Token], i: int) -> _Mention | None:
    """«сотрудники МО МВД России «Ишимский»»: the quoted name of an inter-municipal police
    unit is the adjective of the town it sits in (Ишим), which the text may name nowhere else."""
    token = tokens[i]
    if not _POLICE_UNIT_BEFORE.search(text, max(0, token.start - 30), token.start):
        return None
    adjective = _adjective_nominative(token.text, "masc") or sk_nominative(token.text, "masc")
    towns = _centre_towns(fold(adjective), adjective, own_stem=True, unit=True) if adjective else []
    if len({t.region_code for t in towns}) != 1:
        return None
    entries = list({dataclasses.replace(t, named_as="adjective") for t in towns})
    return _Mention(i, i + 1, token.start, token.end, text[token.start : token.end],
                    towns[0].name, entries)  # fmt: skip


SPELLING_RATIO = 0.9  # difflib's ratio between two spellings of one long region name


def _region_spelled_otherwise(name: str) -> list[Entry]:
    """The one region the gazetteer holds under a spelling a letter or two away from `name`
    ("Сурхандарьийская область" for Сурхандарьинская): both long, with the same division noun."""
    folded = fold(name)
    if len(folded) < 16:
        return []
    close = [
        entry
        for entry in load_gazetteer().regions.values()
        if entry.name.endswith(name.rsplit(" ", 1)[-1])
        and abs(len(entry.name) - len(name)) <= 2
        and SequenceMatcher(None, fold(entry.name), folded).ratio() >= SPELLING_RATIO
    ]
    return close if len(close) == 1 else []


# districts of that name in many regions, none named after a town: "by the Volga", "of the Red
# Army"
_SHARED_DISTRICT_STEMS = frozenset({
    "приволж", "заволж", "поволж", "красноармей", "красногвардей", "пролетар", "краснооктябрь",
    "тракторозавод", "железнодорож", "октябрь", "север", "юж", "запад", "восточ", "централь",
    "промышлен", "индустриаль", "совет", "первомай", "комсомоль", "партизан", "чкалов",
})  # fmt: skip


def _is_a_word(base: str, nouns: bool = True) -> bool:
    """Whether the stem is a word of its own: a name ("ленин", "пушкин") or a noun ("совет");
    `nouns=False`: a name only."""
    for parse in _morph().parse(base):
        # the stem itself, not another form of a noun: «городовиков» is городовик's genitive,
        # Городовиковский is Городовиковск's
        noun = parse.tag.POS == "NOUN" and "Geox" not in parse.tag and parse.normal_form == base
        if parse.is_known and noun and nouns:
            return True
        if {"Surn", "Name"} & parse.tag.grammemes and parse.is_known:
            return True
    return False


def _town_of_a_tsk_adjective(adjective: str) -> list[Entry]:
    """«Липецкий район» ← Липецк, «Елецкий» ← Елец, «Городецкий» ← Городец: the adjective of a
    town in «-цк» or «-ец» keeps the town's whole stem. Taken when the town is one region's."""
    towns = load_gazetteer().towns
    base = fold(adjective).removesuffix("кий")
    for stem in (town_stem(base + "к"), town_stem(base)):
        if len({t.region_code for t in towns.get(stem, ())}) == 1:
            return towns[stem]
    return []


_ADJECTIVE_LINKS = ("", "ин", "ен", "ов", "ев", "н")  # Кулунд-ин-ский, Мамонтов-ский, Орша-н-ский
# «Кинешемский» ← Кинешма: a vowel the adjective puts between the stem's last two consonants
_FLEETING_VOWEL = re.compile(r"([^аеёиоуыэюяй])[её]([^аеёиоуыэюяйь])$")


# a consonant that alternates before an adjective's suffix: Пестрецы → пестречинский, Волга →
# волжский
_ALTERNATIONS = {"ч": "цк", "ж": "гз", "ш": "хс"}


def _alternated(stem: str) -> list[str]:
    return [stem[:-1] + c for c in _ALTERNATIONS.get(stem[-1:], "")]


def _named(town: Entry) -> bool:
    """A town the text's names are looked up in, not one of district_towns.tsv («Ленин»)."""
    return town.named_as != "district_town"


def _centre_towns(
    word: str, adjective: str, own_stem: bool = False, unit: bool = False
) -> list[Entry]:
    """The towns a district adjective is made from: "Токтогульский" ← Токтогул, "Ребрихинский" ←
    Ребриха, "Сузакский" ← Сузак. Only for adjectives pymorphy does not know: the known ones
    ("Кировский", "Ленинский", "Первомайский", "Приволжский") name districts in every region
    after a person, a holiday or a river, whatever town shares the stem ("Ленинск").
    `own_stem`: an agency's adjective, which may keep the town's stem whole; `unit`: a police
    unit's quoted name, a town's adjective even where its stem is a noun too."""
    if adjective.endswith("цкий"):
        return _town_of_a_tsk_adjective(adjective)
    if not adjective.endswith("ский"):
        return []
    known = any(p.is_known and p.tag.POS == "ADJF" for p in _morph().parse(word))
    base = fold(adjective).removesuffix("ский")
    towns = load_gazetteer().towns
    if known:
        # "Курганинский" ← Курганинск: a known adjective of a town's own name, when the stem
        # is no person's or common word ("Кировский", "Ленинский", "Первомайский") and the
        # adjective no description ("Приволжский", "Красноармейский")
        surname = any("Surn" in p.tag for p in _morph().parse(word) if p.is_known)
        if base in _SHARED_DISTRICT_STEMS:
            return []
        # "Окуловский" ← Окуловка: a town of the stem and «-ка», in one region only, whatever
        # person or word the stem also is
        # (a town of an ordinary name, «Славянка», never outweighs the stem's other readings)
        own_towns = [t for t in towns.get(town_stem(base + "ка"), ()) if _named(t)]
        if len({t.region_code for t in own_towns}) == 1:
            # ... and a town of the stem's very name, where one is held, is as good a base
            # («Александровский» ← Александров of Vladimir region, or Александровка of
            # Orenburg's): the names the text gives decide between them
            exact = [
                t for t in towns.get(town_stem(base), ()) if fold(t.name) == base and _named(t)
            ]
            return list(dict.fromkeys([*own_towns, *exact]))
        if surname or _is_a_word(base):
            # "Могилёвский" ← Могилёв, "Рогачёвский" ← Рогачёв: a town of the stem's very name
            # outside Russia, whose districts are named after their centres, not after people
            exact = [
                t for t in towns.get(town_stem(base), ()) if fold(t.name) == base and _named(t)
            ]
            if len(base) >= 5 and exact and all(t.country != "RU" for t in exact):
                return exact
            return []  # "Дзержинский" is a surname itself
        # "Алатырский" ← Алатырь: the town's own stem when no town ends in «-ск»
        found = towns.get(town_stem(base + "ск"), [])
        # a district's court or prosecutor: the town's own stem too ("Алатырский" ← Алатырь)
        found = found or (towns.get(town_stem(base), []) if own_stem else [])
        # «Кинешемский» ← Кинешма, for an agency's or unit's adjective
        fleeting = _FLEETING_VOWEL.sub(r"\1\2", base)
        if own_stem and not found and fleeting != base and len(fleeting) >= 5:
            found = towns.get(town_stem(fleeting), [])
        # "Далматовский" ← Далматово, "Земетчинский" ← Земетчино: a long stem that is one
        # region's town's whole stem
        own_towns = towns.get(town_stem(base), []) if len(base) >= 5 else []
        if not found and len({t.region_code for t in own_towns}) == 1:
            found = own_towns
        # "Яшалтинский" ← Яшалта: pymorphy3 knows many districts' adjectives as words
        links = [k for k in _ADJECTIVE_LINKS if k and base.endswith(k)]
        linked = [town_stem(base.removesuffix(k)) for k in links]
        linked += [a for stem in linked for a in _alternated(stem)]  # Пестречинский ← Пестрецы
        return found or next((towns[s] for s in linked if len(s) >= 4 and s in towns), [])
    stems = [town_stem(base.removesuffix(k)) for k in _ADJECTIVE_LINKS if base.endswith(k)]
    stems.append(town_stem(base + "ск"))  # Аральский ← Аральск
    if base.endswith("с"):
        stems.append(town_stem(base + "к"))  # Волковысский ← Волковыск: «-ск» and «-ский» merge
    for stem in stems:
        # a short stem only by the town's own name: «Оргеевский» (Orhei) is no «Орга» (an old
        # name of Аргун), while «Оршанский» is Орша's
        towns_of_stem = towns.get(stem, ()) if len(stem) >= 3 else ()
        found = [t for t in towns_of_stem if len(stem) >= 4 or town_stem(t.name) == stem]
        if found:
            return found
    return []
