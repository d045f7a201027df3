"""The view of one sentence the rules work on (its tokens and their readings) and the Figure
record each rule fills in as a number is read."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pipelines.figures.lexicon import (
    ABBREVIATED_NOUNS,
    CONTAINER_NOUNS,
    CURRENCY_ABBREVIATIONS,
    CURRENCY_LEMMAS,
)
from pipelines.morph import Reading, morph, parse_word
from pipelines.numbers import NumberSpan
from pipelines.sentences import Token, fold_yo
from pipelines.substance_names import drug_names

CYRILLIC_RE = re.compile(r"[а-яёА-ЯЁ]")

_QUOTES_AND_DASHES = re.compile(r"[\s\"«„“'–—-]*")
# A number before «из них», with its qualifier and multiplier: "почти 15 тысяч из них"
_PART_NUMBER = (
    r"(?:(?:почти|около|более|свыше|порядка|менее|примерно)\s+)?"
    r"(?:\d[\d\s]*(?:[.,]\d+)?\s*(?:тыс\.|тысяч\w*|млн\.?|миллион\w*)?\s+)?"
)
_NAMES_ITS_WHOLE_RE = re.compile(r"(?:\d+\s+)?(?:из|среди)\s+общего\s+числа\b", re.IGNORECASE)
_OPENS_WITH_SUBSET_RE = re.compile(
    r"(?:\d+\s+)?(?:из|среди)\s+(?:них|которых|общего\s+числа)\b"  # "3 из них – цеха"
    r"|(?:[а-яё]+\s+){1,2}из\s+(?:них|которых)\b"  # "Пять из них", "Двадцать два из них"
    # «В результате 48 из них были госпитализированы»: a few words before the number
    r"|(?:[а-яё]+\s+){1,3}" + _PART_NUMBER + r"(?:из|среди)\s+(?:них|которых)\b"
    r"|в\s+(?:том\s+числе|т\.\s?ч\.)"
    # "Как отметил подполковник Михалюк, из них 947 связаны со сбытом": no number before;
    # "Как сообщает пресс-служба Минздрава, почти 15 тысяч из них составляют …"
    r"|[^\d.;]{0,200}?,\s*" + _PART_NUMBER + r"(?:из|среди)\s+(?:них|которых)\b"
    r"|" + _PART_NUMBER + r"(?:из|среди)\s+(?:них|которых)\b"
    r"|(?:в|во)\s+\w+\s+из\s+них\b",  # "В восьми из них участвовали подростки"
    re.IGNORECASE,
)


# "Это ... — было 145 тысяч": a sentence about the one before, whose bare numbers count what
# that one counted.
# «… преступлений выявлено 865. В 2023 году – 554.»: a sentence that is only an earlier period
# and the number it had, the count of the sentence before in that period
_EARLIER_PERIOD_ONLY_RE = re.compile(
    r"(?:а\s+)?(?:в|за)\s+(?:(?:19|20)\d\d\s*(?:году|г\.?)|(?:прошлом|позапрошлом|предыдущем)"
    r"\s+году|аналогичном\s+периоде(?:\s+прошлого\s+года)?)\s*[–—-]\s*\d[\d\s]*(?:[.,]\d+)?"
    r"\s*[.;]?\s*$",
    re.IGNORECASE,
)
_OPENS_WITH_THIS_RE = re.compile(
    r"(?:это\b|.{0,40}\b(?:этот|аналогичный)\s+показатель\b"
    # «При этом 493 совершены группами лиц»: a bare number that goes on about the count before
    r"|при\s+этом\s+\d)",
    re.IGNORECASE,
)


@dataclass
class Figure:
    span: NumberSpan
    first: int
    last: int
    value: float
    unit: str | None = None
    object: str | None = None
    qualifier: str = "exact"
    change: str | None = None
    factor: float = 1  # from the written unit to the figure's unit: 0.001 for grams
    blocked: bool = False
    law: bool = False  # blocked as a law article: numbers chained to it are articles too
    # a date, time, phone or name (non_figure_spans): no quantity, so no word on its neighbours
    dated: bool = False
    shares_next: bool = False  # its unit and object are those of the next number
    part: bool = False  # a part of a whole before it: "из них 87 тяжких"
    of_next: bool = False  # a part of the next number: "46 из 120 задержанных"
    adjectives: list[int] = field(default_factory=list)
    # the ")" of a comparison bracket its unit stands after ("15,540 (АППГ – 12,706) кг"): the
    # numbers inside are figures of their own
    bracket_end: int | None = None


def counts_something(figures: list[Figure]) -> bool:
    """Whether a sentence's figures count a named thing: what a later «В том числе» takes."""
    return any(f.unit == "count" and f.object and not f.blocked for f in figures)


def _a_currency(word: str) -> bool:
    """«тенге», «сумов», «тг»: currencies the dictionary does not know, no word cut off."""
    if word in CURRENCY_LEMMAS or word in CURRENCY_ABBREVIATIONS:
        return True
    return any(r.lemma in CURRENCY_LEMMAS for r in parse_word(word))


class Sentence:
    """Tokens of one sentence and what the rules ask about them."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        start: int,
        end: int,
        carried: list[Figure],
        ends_text: bool = False,
        further: list[Figure] | None = None,
        list_item: bool = False,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.start = start
        self.end = end
        self._readings: dict[int, tuple[Reading, ...]] = {}
        # The index of a word cut off where the text ends ("сорок семь килогр"): a text that
        # stops mid-word ends in a word the dictionary does not know, with no full stop.
        self.cut = -1
        last = tokens[-1] if tokens else None
        if (
            ends_text
            and last is not None
            and last.kind == "word"
            and last.end == end
            and is_cyrillic(last.text)
            and not morph().word_is_known(last.norm)
            and not _a_currency(last.norm)
        ):
            self.cut = len(tokens) - 1
        # The previous sentence's figures, when this one opens with "Из них", "В том числе":
        # its elliptic numbers are parts of those.
        opening = _QUOTES_AND_DASHES.match(text).end()  # «"Среди них …» in a quoted statement
        # an item of a list whose heading ends «…, из них:» (`carried`: the heading's figures)
        opens = (
            list_item
            or _OPENS_WITH_SUBSET_RE.match(text, opening)
            or _OPENS_WITH_THIS_RE.match(text, opening)
            or _EARLIER_PERIOD_ONLY_RE.match(text, opening)
        )
        # «… 1 075 преступлений. Об этом сообщила Краснова. "Среди них 851 тяжкое …»: past a
        # sentence with no figures, `further` holds those of the sentence before it; past one
        # that counts nothing («В прошлом году – на 25,3% больше»), it is carried with them
        # (not «Из общего числа наркопреступлений 202 …»: the sentence names its whole itself)
        own_whole = bool(carried) and _NAMES_ITS_WHOLE_RE.match(text, opening) is not None
        reach = carried if counts_something(carried) or own_whole else (further or []) + carried
        self.carried = reach if opens else []
        # ... and whatever it opens with, what a pronoun may point back to ("Их вес составил")
        self.before = carried

    def norm(self, i: int) -> str:
        return self.tokens[i].norm if 0 <= i < len(self.tokens) else ""

    def readings(self, i: int) -> tuple[Reading, ...]:
        # asked some 300 times a page, mostly of the same few words around each number
        known = self._readings.get(i)
        if known is None:
            known = self._readings[i] = self._read(i)
        return known

    def _read(self, i: int) -> tuple[Reading, ...]:
        if not 0 <= i < len(self.tokens) or self.tokens[i].kind != "word":
            return ()
        if i == self.cut:  # a cut word is read as the shortest word it begins, if long enough
            return completed_readings(self.tokens[i].norm)
        readings = drug_read_first(self.tokens[i].norm)
        if (
            readings
            and readings[0].pos != "ADJF"
            and self.tokens[i].text[:1].isupper()
            and self.norm(i + 1) in _DIVISION_FORMS
        ):
            # «в Хатлонской области»: pymorphy3 reads the name a surname first; before the
            # noun of a division it is the division's adjective
            adjectives = tuple(r for r in readings if r.pos == "ADJF")
            if adjectives:
                return adjectives + tuple(r for r in readings if r.pos != "ADJF")
        return readings

    def pos(self, i: int) -> str | None:
        readings = self.readings(i)
        return readings[0].pos if readings else None

    def lemmas(self, i: int) -> set[str]:
        return {r.lemma for r in self.readings(i)}

    def lemma(self, i: int) -> str:
        readings = self.readings(i)
        return readings[0].lemma if readings else self.norm(i)

    def glued(self, i: int) -> bool:
        """Token i touches token i - 1."""
        return 0 < i < len(self.tokens) and self.tokens[i - 1].end == self.tokens[i].start

    def is_noun(self, i: int) -> bool:
        token = self.tokens[i] if 0 <= i < len(self.tokens) else None
        if token is None or token.kind != "word":
            return False
        if token.text.isupper() and 1 < len(token.text) <= 6 and is_cyrillic(token.text):
            return True  # an abbreviation: "ДТП", "МРП", "ОПГ"
        if token.norm == "пол" and self.norm(i + 1) == "." and self.norm(i - 1).isdigit():
            return False  # "в 1 пол. 2022 г.": a half-year, abbreviated, no floor counted
        if self._number_ending(i):
            return False  # "в 2007-ом", "2-го": the case ending of a number, no "ом" counted
        return self.pos(i) == "NOUN"

    def _number_ending(self, i: int) -> bool:
        """Token i is 1–3 letters glued by a hyphen to a number before it."""
        return (
            len(self.tokens[i].text) <= 3
            and self.glued(i)
            and self.tokens[i - 1].text in ("-", "–")
            and self.glued(i - 1)
            and self.tokens[i - 2].kind == "num"
        )

    def is_adjective(self, i: int) -> bool:
        return self.pos(i) in ("ADJF", "PRTF")


# the nouns of an administrative division, in every case: «Хатлонской области», «Ошскому району»
_DIVISION_FORMS = frozenset(
    f"{stem}{ending}"
    for stem, endings in (
        ("област", ("ь", "и", "ью", "ей", "ям", "ях", "ями")),
        ("район", ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ах")),
        ("кра", ("й", "я", "ю", "ем", "е", "ях")),
        ("округ", ("", "а", "у", "ом", "е")),
        ("республик", ("а", "и", "е", "у", "ой")),
    )
    for ending in endings
)
_PERSON_GRAMMEMES = frozenset({"anim", "Name", "Surn", "Patr"})


@functools.lru_cache(maxsize=100_000)
def drug_read_first(word: str) -> tuple[Reading, ...]:
    """The word's readings, a drug of data/indicators.toml first: pymorphy3 guesses
    «карфентанил» a verb's past tense and its noun a first name; the drug is a thing."""
    readings = _noun_before_a_guessed_participle(word, parse_word(word))
    drugs = drug_names()
    if not readings:
        return readings
    known = morph().word_is_known(word)
    if known and readings[0].pos == "NOUN" and readings[0].lemma in drugs:
        return readings
    named = [r for r in readings if r.pos == "NOUN" and r.lemma in drugs]
    if not named:
        return readings
    things = tuple(
        Reading(r.lemma, r.pos, (r.grammemes - _PERSON_GRAMMEMES) | {"inan"}, r.score)
        for r in named
    )
    # a word the dictionary lacks has only guessed other nouns: «мефедрона» is no feminine noun
    # «мефедрона» in the nominative («мефедрона – 56 г» counts mephedrone)
    return things + tuple(r for r in readings if r not in named and (known or r.pos != "NOUN"))


def _noun_before_a_guessed_participle(
    word: str, readings: tuple[Reading, ...]
) -> tuple[Reading, ...]:
    """A word the dictionary lacks that pymorphy3 guesses first as the short participle of a
    verb it lacks too, and then as a noun, is the noun: «1 токсикоман» (not «токсикомать»)."""
    if not readings or readings[0].pos != "PRTS" or morph().word_is_known(word):
        return readings
    nouns = tuple(r for r in readings if r.pos == "NOUN")
    if not nouns or nouns[0].score < 0.5 * readings[0].score:
        return readings
    return nouns + tuple(r for r in readings if r.pos != "NOUN")


def is_cyrillic(text: str) -> bool:
    return CYRILLIC_RE.search(text) is not None


@functools.lru_cache(maxsize=1024)
def completed_readings(cut: str) -> tuple[Reading, ...]:
    """The readings of a word that a word cut off at the end of a text begins, when only its
    ending is missing (two letters at most: "препарато" -> "препаратов"); none for a stub
    ("гра" may be граммов or граждан, "подозр" подозреваемых or подозрений)."""
    if len(cut) < 5:
        return ()
    words = sorted(
        (w for w in set(morph().dictionary.words.keys(cut)) if len(w) <= len(cut) + 2),
        key=lambda w: (len(w), w),
    )
    readings = [parse_word(w) for w in words]
    # after a number the noun is genitive: "12 таблет" is таблеток, not таблетка
    genitive = [r for r in readings if any(x.pos == "NOUN" and "gent" in x.grammemes for x in r)]
    return (genitive or readings or [()])[0]


@functools.lru_cache(maxsize=50_000)
def unknown_word(word: str) -> bool:
    """A Cyrillic word the dictionary does not hold, whose readings are only guesses from its
    ending: rare drug names ("карфентанила", "прегабалина")."""
    return is_cyrillic(word) and not morph().word_is_known(word)


def coded_name(text: str) -> bool:
    """A drug's code name in Cyrillic: a word and a capitalised abbreviation joined by a hyphen
    ("Альфа-ПВП", "альфа-PVP"), whatever case its first part is written in; or a common noun
    after a Latin name ("Telegram-каналов", "IT-технологий"), whose capital is the name's. (Latin
    names, "alpha-PVP", are read as nouns as they are.)"""
    parts = text.split("-")
    if len(parts) > 1 and parts[0].isascii() and is_cyrillic(parts[-1]) and parts[-1].islower():
        return True
    return len(parts) > 1 and is_cyrillic(text) and any(len(p) >= 2 and p.isupper() for p in parts)


def unknown_genitive_noun(s: Sentence, k: int) -> bool:
    """An unknown lower-case word that may be a genitive noun: after a unit or a number it is
    the substance, whatever the guessed best reading ("15 г карфентанила", read as a verb);
    and a code name ("6,5 тонн Альфа-ПВП")."""
    token = s.tokens[k] if 0 <= k < len(s.tokens) else None
    if token is not None and token.kind == "word" and coded_name(token.text):
        return True
    if token is None or token.kind != "word" or not token.text.islower():
        return False
    readings = s.readings(k)
    return (
        bool(readings)
        and readings[0].pos not in ("ADJF", "PRTF")
        and unknown_word(token.norm)
        and (
            readings[0].pos == "NOUN"
            or any(r.pos == "NOUN" and "gent" in r.grammemes for r in readings)
        )
    )


def noun_lemma(
    readings: tuple[Reading, ...], token: Token, paucal: bool = False, singular: bool = False
) -> str:
    """Lemma of a counted noun, see _noun_lemma, with the capitals of its abbreviations and
    Latin parts as written («ОПГ», «альфа-PVP», «N-метилэфедрон», «Telegram-канал»)."""
    return written_case(_noun_lemma(readings, token, paucal, singular), token.text)


_LATIN = re.compile(r"[A-Za-z]")


def written_case(lemma: str, written: str) -> str:
    """`lemma` with each hyphen-separated part that the text writes unchanged in capitals (an
    abbreviation, a one-letter prefix) or in Latin letters taken as written."""
    parts, shown = lemma.split("-"), written.split("-")
    if len(parts) != len(shown):
        return lemma
    return "-".join(
        word
        if word.lower() == part
        and (_LATIN.search(word) or (word.isupper() and (len(word) > 1 or len(parts) > 1)))
        else part
        for part, word in zip(parts, shown, strict=True)
    )


def _noun_lemma(
    readings: tuple[Reading, ...], token: Token, paucal: bool = False, singular: bool = False
) -> str:
    """Lemma of a counted noun: the genitive reading where there is one ("840 килограмм
    синтетики" is синтетика, not синтетик), as numbers and units govern the genitive.
    `paucal`: the number ends in 2, 3 or 4 (not 12 to 14), which takes the genitive singular
    however rare that reading ("две банки" are банка, not банк); `singular`: it ends in 1 (not
    11), which takes the singular ("51 сверток" is сверток, not the genitive plural of
    свертка)."""
    if token.norm in ABBREVIATED_NOUNS:
        return ABBREVIATED_NOUNS[token.norm]  # "12 чел."
    if len(token.text) > 1 and token.text.isupper() and unknown_word(token.norm):
        return token.norm  # an abbreviation is not declined: "МДМА" is not the genitive of "МДМ"
    nouns = [r for r in readings if r.pos == "NOUN"]
    if not nouns:
        return token.norm
    genitive_singular = [r for r in nouns if {"gent", "sing"} <= r.grammemes]
    if paucal and genitive_singular:
        return genitive_singular[0].lemma
    if singular:
        nouns = [r for r in nouns if "sing" in r.grammemes] or nouns
    if unknown_word(token.norm) and not _whole_compound(nouns):
        # guessed readings: the genitive whose lemma is the form less its ending
        # ("псилоцибина" is псилоцибин, not псилоцибино; "альфа-PVP" keeps "альфа-")
        stems = [
            r
            for r in nouns
            if "gent" in r.grammemes
            and "Fixd" not in r.grammemes
            and token.norm.startswith(r.lemma)
            and r.lemma != token.norm
        ]
        if stems:
            return max(stems, key=lambda r: len(r.lemma)).lemma
    if "-" in token.norm:
        # "девушками-студентками": the reading whose parts are both dictionary words
        whole = [r for r in nouns if all(_dictionary_lemma(p) for p in r.lemma.split("-"))]
        nouns = whole or nouns
    # a rare genitive reading is no evidence: "наркотики" is not the plural of "наркотика"
    genitive = [r for r in nouns if "gent" in r.grammemes and r.score >= nouns[0].score / 4]
    candidates = genitive or nouns
    # «в шести свертках»: свёртка and свёрток read alike; a drug report's is the container
    tied = [r for r in candidates if r.score == candidates[0].score]
    return next((r.lemma for r in tied if r.lemma in CONTAINER_NOUNS), candidates[0].lemma)


def _whole_compound(nouns: list[Reading]) -> bool:
    """Whether a hyphenated word has a reading whose parts are all dictionary words
    («врачей-наркологов» is врач-нарколог, not the guessed «врачей-нарколог»)."""
    return any(
        "-" in r.lemma and all(_dictionary_lemma(p) for p in r.lemma.split("-")) for r in nouns
    )


def _dictionary_lemma(word: str) -> bool:
    return any(p.is_known and p.normal_form == word for p in morph().parse(word))


def adjective_as_noun(token: Token) -> str:
    """A participle or adjective that stands for a noun: "задержанных" -> "задержанный"."""
    for parse in morph().parse(token.norm):
        if parse.tag.POS in ("ADJF", "PRTF"):
            inflected = parse.inflect({"masc", "sing", "nomn"})
            if inflected:
                return fold_yo(inflected.word)
    return token.norm


def takes_singular(value: float | None) -> bool:
    """Whether a count agrees with a singular noun: 1, 21, 101, not 11 or 111."""
    if value is None or value != int(value):
        return False
    number = int(value)
    return number % 10 == 1 and number % 100 != 11


def takes_paucal(value: float | None) -> bool:
    """Whether a count governs the genitive singular: 2, 3, 4, 22, 103, not 12 to 14."""
    if value is None or value != int(value):
        return False
    number = int(value)
    return number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14)
