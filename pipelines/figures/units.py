"""The unit written after a number: percent, masses, volumes, areas, currencies, and the units
outside the figures' list (lengths, power) that make a number no figure."""

from __future__ import annotations

import re

from pipelines.figures.lexicon import (
    APPROX,
    CURRENCY_ABBREVIATIONS,
    CURRENCY_LEMMAS,
    LESS,
    MORE,
    PHYSICAL_UNITS,
)
from pipelines.figures.sentence import Figure, Sentence
from pipelines.morph import parse_word
from pipelines.numbers import NumberSpan, number_words_at, read_number_word

# Unit words by lemma and abbreviations by written form: (unit, factor to that unit).
_UNIT_LEMMAS = {
    "процент": ("percent", 1),
    "грамм": ("kg", 0.001),
    "килограмм": ("kg", 1),
    "тонна": ("kg", 1000),
    "центнер": ("kg", 100),
    "миллиграмм": ("kg", 1e-6),
    "килотонна": ("kg", 1e6),
    "литр": ("l", 1),
    "миллилитр": ("l", 0.001),
    "кубометр": ("l", 1000),
    "гектар": ("ha", 1),
    "сотка": ("m2", 100),  # «участок 4 сотки»: a hundred square metres of land
}


def is_unit_lemma(lemma: str | None) -> bool:
    """Whether a lemma is a unit word ("килограмм"), which no amount weighs or counts."""
    return lemma in _UNIT_LEMMAS


_UNIT_ABBREVIATIONS = {
    "г": ("kg", 0.001),
    "гр": ("kg", 0.001),
    "кг": ("kg", 1),
    "кило": ("kg", 1),  # colloquial, indeclinable: "триста кило мефедрона"
    "мг": ("kg", 1e-6),
    "т": ("kg", 1000),
    "тн": ("kg", 1000),
    "ц": ("kg", 100),
    "л": ("l", 1),
    "мл": ("l", 0.001),
    "га": ("ha", 1),
}

# Adjectives that say which unit a mass is in, no more: "метрических тонн".
_UNIT_DESCRIPTIONS = frozenset({"метрический"})

# "белорусских рублей" are not Russian roubles.
_CURRENCY_ADJECTIVES = {("белорусский", "RUB"): "BYN"}

# Words after a currency that belong to it ("долларов США").
CURRENCY_COUNTRIES = frozenset({"сша", "рф"})

# Adjectives of a unit after "N-": "172-килограммовой партии", "5-тонная партия", "10-литровая
# канистра", "3-гектарное поле" state the amount of the noun they describe.
_UNIT_ADJECTIVE_STEMS = (
    ("миллиграммов", ("kg", 1e-6)),
    ("килограммов", ("kg", 1)),
    ("граммов", ("kg", 0.001)),
    ("тонн", ("kg", 1000)),
    ("центнеров", ("kg", 100)),
    ("литров", ("l", 1)),
    ("гектарн", ("ha", 1)),
)


def unit_adjective(suffix: str | None) -> tuple[str, float] | None:
    """(unit, factor) of the adjective a number is glued to ("172-килограммовой"), or None."""
    if not suffix:
        return None
    for stem, unit in _UNIT_ADJECTIVE_STEMS:
        if suffix.startswith(stem) and len(suffix) > len(stem) + 1:
            return unit
    return None


# "кв. м", "куб. м", "м2": area and volume written with metres.
_SQUARE = frozenset({"кв", "квадратный"})

_CUBIC = frozenset({"куб", "кубический"})

# Lengths in metres, read for areas and volumes ("кв. км", "куб. м", "м3").
_METRES = {
    "м": 1, "метр": 1, "км": 1000, "километр": 1000,
    "см": 0.01, "сантиметр": 0.01, "мм": 0.001, "миллиметр": 0.001,
}  # fmt: skip

# Units outside the figures' list (length, power, temperature, data): numbers in them are no
# figures, whatever noun follows ("12 км трассы").
_OTHER_UNIT_LEMMAS = frozenset({
    "метр", "километр", "сантиметр", "миллиметр", "ватт", "киловатт", "мегаватт", "гигаватт",
    "градус", "вольт", "герц", "байт", "мегабайт", "гигабайт",
})  # fmt: skip

_OTHER_UNIT_ABBREVIATIONS = frozenset({
    "вт", "квт", "мвт", "гвт", "нм", "мбит", "гбит", "мб", "гб", "кб",
})  # fmt: skip


def unit_at(s: Sentence, j: int) -> tuple[str, float, int] | None:
    """(unit, factor, index after the unit words) for a unit written at token j. The unit
    "other" marks lengths, power and the like, which the figures do not count."""
    if j >= len(s.tokens):
        return None
    token = s.tokens[j]
    norm = token.norm
    if token.text == "%":
        return "percent", 1, j + 1
    if token.kind != "word":
        return None
    if j == s.cut:
        return _cut_unit(norm, j)
    half = half_unit(norm) if norm[:3] == "пол" else None
    if half is not None:
        return half[0], half[1], j + 1  # "полтонны"
    # an abbreviation's dot, unless it is the full stop of the sentence ("изъято 3 кг.")
    dotted = s.norm(j + 1) == "." and s.glued(j + 1) and j + 2 < len(s.tokens)
    after_dot = j + 2 if dotted else j + 1
    lemma = s.lemma(j)
    if lemma == "процентный" and s.lemma(j + 1) == "пункт":
        return "percent", 1, j + 2  # percentage points: "на 2,3 процентных пункта"
    if norm in _SQUARE or lemma in _SQUARE or norm in _CUBIC or lemma in _CUBIC:
        metres = _METRES.get(s.norm(after_dot)) or _METRES.get(s.lemma(after_dot))
        if metres:
            end = after_dot + 1
            end += 1 if s.norm(end) == "." and s.glued(end) else 0
            if norm in _SQUARE or lemma in _SQUARE:
                return "m2", metres**2, end
            return "l", 1000 * metres**3, end
    if norm in _METRES and s.glued(j + 1) and s.norm(j + 1) in ("2", "²", "3", "³"):
        if s.norm(j + 1) in ("2", "²"):
            return "m2", _METRES[norm] ** 2, j + 2
        return "l", 1000 * _METRES[norm] ** 3, j + 2
    if lemma == "базовый" and s.lemma(j + 1) == "величина":
        return "other", 1, j + 2  # "штраф до 20 базовых величин": Belarus's unit of fines
    if norm == "проц":
        return "percent", 1, after_dot  # "45 проц."
    if norm == "п" and s.norm(j + 1) == "." and s.norm(j + 2) == "п":
        end = j + 3  # percentage points: "на 3,5 п.п."
        return "percent", 1, end + 1 if s.norm(end) == "." and end + 1 < len(s.tokens) else end
    if norm == "л" and s.norm(j + 1) == "." and s.norm(j + 2) == "с":
        return "other", 1, j + 2  # "150 л.с." is horsepower, not litres
    if norm in _UNIT_ABBREVIATIONS:
        unit, factor = _UNIT_ABBREVIATIONS[norm]
        return unit, factor, after_dot
    if norm in CURRENCY_ABBREVIATIONS:
        return _currency(s, CURRENCY_ABBREVIATIONS[norm], after_dot)
    if norm in _OTHER_UNIT_ABBREVIATIONS or norm in _METRES:
        return "other", 1, after_dot
    if norm in CURRENCY_LEMMAS:  # indeclinable: "тенге", "евро"
        return _currency(s, CURRENCY_LEMMAS[norm], j + 1)
    for reading in s.readings(j)[:2]:
        if reading.lemma in _UNIT_LEMMAS:
            unit, factor = _UNIT_LEMMAS[reading.lemma]
            return unit, factor, j + 1
        if reading.lemma in CURRENCY_LEMMAS and reading.pos == "NOUN":
            return _currency(s, CURRENCY_LEMMAS[reading.lemma], j + 1)
        if reading.lemma in _OTHER_UNIT_LEMMAS and reading.pos == "NOUN":
            return "other", 1, j + 1
    if s.lemma(j) in _UNIT_DESCRIPTIONS and j + 1 < len(s.tokens):
        return unit_at(s, j + 1)  # "6,9 тысячи метрических тонн"
    if s.is_adjective(j) and j + 1 < len(s.tokens):
        following = unit_at(s, j + 1)
        if following and following[0] not in PHYSICAL_UNITS:
            # "российских рублей", "белорусских рублей"
            code = _CURRENCY_ADJECTIVES.get((s.lemma(j), following[0]), following[0])
            return code, following[1], following[2]
    return None


def _cut_unit(norm: str, j: int) -> tuple[str, float, int] | None:
    """The unit a word cut off at the end of the text begins: "килогр" (four letters at least:
    "гра" may be граммов or граждан)."""
    if len(norm) < 4:
        return None
    for lemma, (unit, factor) in _UNIT_LEMMAS.items():
        if lemma.startswith(norm):
            return unit, factor, j + 1
    for lemma, code in CURRENCY_LEMMAS.items():
        if len(lemma) > len(norm) and lemma.startswith(norm):
            return code, 1, j + 1
    return None


def _currency(s: Sentence, code: str, end: int) -> tuple[str, float, int]:
    if s.norm(end) in CURRENCY_COUNTRIES:
        end += 1
    return code, 1, end


_WHOLE_OR_DECIMAL = re.compile(r"^\d+(?:,\d+)?$")


def compound_mass(s: Sentence, figure: Figure) -> int:
    """Add the following smaller masses: "36 кг 808 граммов", "4 т 83 кг 274 г", "1 тонна и
    27 кг" and "два килограмма семьсот граммов" are one figure each."""
    j, factor = figure.last, figure.factor
    while True:
        k = j + 1 if s.norm(j) == "и" else j
        if (
            k < len(s.tokens)
            and s.tokens[k].kind == "num"
            and _WHOLE_OR_DECIMAL.match(s.tokens[k].text)
        ):
            # «3 кг 863,9 грамма», «5 тонн 992 кг 030,92 г»: the smallest unit may have decimals
            amount, used = float(s.tokens[k].text.replace(",", ".")), 1
        else:
            words = number_words_at(s.tokens, k)
            if words is None:
                return j
            amount, used = words
        unit = unit_at(s, k + used)
        if not (unit and unit[0] == figure.unit == "kg" and unit[1] < factor):
            return j
        figure.value += amount * unit[1]
        j, factor = unit[2], unit[1]


# A unit or multiplier with no numeral, after a qualifier, states one of it: "более тонны",
# "около килограмма", "свыше тысячи преступлений" (value, multiplier).
_ONE_OF = {
    "тонна": (1, 1), "килограмм": (1, 1), "центнер": (1, 1), "литр": (1, 1), "гектар": (1, 1),
    "грамм": (1, 1),
    "тысяча": (10**3, 10**3), "миллион": (10**6, 10**6), "миллиард": (10**9, 10**9),
    "сотня": (100, 100),  # «более сотни граффити-надписей»
}  # fmt: skip
_BARE_QUALIFIERS = MORE | LESS | APPROX
_WITH_ONE = frozenset({"с", "со"})
_WEIGHT_NOUNS = frozenset({"весом", "массой", "объемом"})  # Sentence.norm folds ё
# Verbs a singular mass is the direct object of: «изъяли тонну кокаина», «перехватили центнер»
_SEIZED_ONE_VERBS = frozenset({
    "изъять", "изымать", "обнаружить", "найти", "наслать", "перехватить", "конфисковать",
    "ввезти", "провезти", "перевезти", "перевозить", "задержать", "вывезти", "уничтожить",
    "сжечь",
})  # fmt: skip
_MASSES = frozenset({"тонна", "центнер", "килограмм"})


def half_unit(word: str) -> tuple[str, float] | None:
    """(unit, factor) of half a unit written as one word: "полтонны" (500 kg), "пол-литра"."""
    if not word.startswith("пол") or len(word) < 6:
        return None
    rest = word[4:] if word[3] in "-у" else word[3:]
    if rest == "кило":
        return "kg", 0.5
    for reading in parse_word(rest)[:2]:
        if reading.lemma in _UNIT_LEMMAS and reading.pos == "NOUN":
            unit, factor = _UNIT_LEMMAS[reading.lemma]
            return unit, factor / 2
    return None


# A fraction of a unit: "четверть тонны" is 250 kg, "больше половины килограмма" 0.5 kg. A
# share of something counted ("четверть всех преступлений", "половина задержанных") is no
# figure, nor is a count of fractions ("три четверти тонны" is read as nothing rather than as
# a quarter).
_FRACTION_OF_UNIT = {"четверть": 0.25, "треть": 1 / 3, "половина": 0.5}
_FRACTION_UNITS = frozenset({"тонна", "килограмм", "центнер", "гектар", "литр"})


def fraction_units(s: Sentence) -> list[NumberSpan]:
    """Number spans for a fraction word before a unit in the genitive singular: "изъяли
    четверть тонны гашиша" (the span holds the fraction word; the unit is read after it)."""
    spans = []
    for k, token in enumerate(s.tokens[:-1]):
        value = _FRACTION_OF_UNIT.get(s.lemma(k)) if token.kind == "word" else None
        if value is None or (k > 0 and s.tokens[k - 1].kind == "num"):
            continue
        if k > 0 and read_number_word(s.norm(k - 1)) is not None:
            continue  # "три четверти тонны"
        if any(
            r.lemma in _FRACTION_UNITS and {"gent", "sing"} <= r.grammemes
            for r in s.readings(k + 1)
        ):
            spans.append(
                NumberSpan(value, k, k + 1, token.start, token.end, "words", None, None, 1, None, k)
            )
    return spans


def half_units(s: Sentence) -> list[NumberSpan]:
    """Number spans for half a unit in one word, after a qualifier or before what it weighs:
    "изъяли полтонны гашиша", "почти полтонны" (the span is empty and the unit is read at the
    word, as after digits); not "партии от полукилограмма до нескольких килограммов"."""
    spans = []
    for k, token in enumerate(s.tokens):
        if token.kind != "word" or half_unit(token.norm) is None:
            continue
        # the thing weighed, or its adjective ("полкило смертельного порошка")
        genitive = any(
            "gent" in r.grammemes for r in s.readings(k + 1) if r.pos in ("NOUN", "ADJF", "PRTF")
        )
        # "массой до полкилограмма" bounds it (not the end of "от 1 кг до полкилограмма")
        up_to = s.norm(k - 1) == "до" and "от" not in {s.norm(j) for j in range(k - 4, k - 1)}
        if s.norm(k - 1) in _BARE_QUALIFIERS or genitive or up_to:
            spans.append(
                NumberSpan(1, k, k, token.start, token.start, "words", None, None, 1, None, k)
            )
    return spans


def _one_unit(s: Sentence, k: int):
    """The reading of token k as one unit or multiplier: after a qualifier in the genitive or
    accusative ("более тонны"), in the instrumental after "с" ("задержан с килограммом
    героина": what he carried; not "за килограмм", a price, nor "каждый килограмм"), or in the
    nominative after a weight noun ("общим весом тонна 40 кг")."""
    before = s.norm(k - 1)
    if before in _BARE_QUALIFIERS:
        cases = {"gent", "accs"}
    elif before in _WITH_ONE:
        cases = {"ablt"}
    elif before in _WEIGHT_NOUNS:
        cases = {"nomn"}  # "общим весом тонна 40 кг"
    elif _names_what_after(s, k) and (
        s.lemmas(k - 1) & _SEIZED_ONE_VERBS
        or (k == 0 and any(s.lemmas(j) & _SEIZED_ONE_VERBS for j in range(2, len(s.tokens))))
    ):
        # "изъяли тонну кокаина": one tonne, the verb's direct object, also when it opens the
        # sentence ("Тонну конопли уничтожили в Речицком районе")
        return next(
            (r for r in s.readings(k) if r.lemma in _MASSES and {"sing", "accs"} <= r.grammemes),
            None,
        )
    else:
        return None
    for r in s.readings(k):
        if r.lemma in _ONE_OF and "sing" in r.grammemes and cases & r.grammemes:
            if cases == {"ablt"} and _ONE_OF[r.lemma][1] > 1:
                continue  # "с тысячей": no unit
            return r
    return None


def _names_what_after(s: Sentence, k: int) -> bool:
    """A genitive noun (or its adjective) right after token k: "тонну кокаина", "тонну
    чистого героина"."""
    return any(r.pos in ("NOUN", "ADJF") and "gent" in r.grammemes for r in s.readings(k + 1))


def units_without_numeral(s: Sentence) -> list[NumberSpan]:
    """Number spans for a singular unit or multiplier right after a qualifier: "более тонны"
    (1 t; the span is empty and the unit is read after it), "свыше тысячи" (1000); and for one
    unit carried: "с килограммом героина"."""
    spans = []
    for k in range(len(s.tokens)):
        if s.tokens[k].kind != "word":
            continue
        reading = _one_unit(s, k)
        if reading is None:
            continue
        value, multiplier = _ONE_OF[reading.lemma]
        token = s.tokens[k]
        last = k + 1 if multiplier > 1 else k  # a unit is read after the span, as after digits
        end = token.end if multiplier > 1 else token.start
        spans.append(
            NumberSpan(value, k, last, token.start, end, "words", None, None, multiplier, None, k)
        )
    return spans
