"""Reading numbers as Russian texts write them.

Digits ("1 407", "127,3", "1 407,5"), multipliers ("5 тыс.", "1,5 млн", "35 тысяч"), number
words in any case and gender ("двух", "трех тысяч", "ста пятидесяти", "полтора", "трое") and
currency signs ("$950 тыс", "5000 ₸"). Words are read through pymorphy3: a word is lemmatised
and its lemma looked up, so every inflected form the dictionary knows is understood.

The analyser and its word cache are pipelines.morph's, shared with dates and figures.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from pipelines.month_names import month_number
from pipelines.morph import morph, parse_word
from pipelines.sentences import GROUP_SEPARATORS, Token, fold_yo, tokenize

# Lemma -> value. Ranks keep compound numbers well formed: hundreds, then tens, then units
# ("сто сорок восемь"); a teen takes the place of both tens and units.
_UNITS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
}  # fmt: skip
_TEENS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19,
}  # fmt: skip
_TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}  # fmt: skip
_HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтораста": 150,
}  # fmt: skip
_COLLECTIVES = {
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6,
    "семеро": 7, "восьмеро": 8, "девятеро": 9, "десятеро": 10,
    "оба": 2,  # "оба подозреваемых"; the figures read it only before a noun of people
}  # fmt: skip
# "вдвое больше" is a factor of two, not a count.
_FACTORS = {
    "вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "вшестеро": 6,
    "всемеро": 7, "ввосьмеро": 8, "вдевятеро": 9, "вдесятеро": 10,
}  # fmt: skip
_MULTIPLIERS = {
    "десяток": 10, "сотня": 100, "тысяча": 10**3, "миллион": 10**6, "миллиард": 10**9,
    "триллион": 10**12,
}  # fmt: skip
MULTIPLIER_ABBREVIATIONS = {"тыс": 10**3, "млн": 10**6, "млрд": 10**9, "трлн": 10**12}
_HALF = {"полтора": 1.5}
# Spelled-out decimals: "две целых три десятых" is 2.3; the fraction word gives the denominator.
_WHOLE_FORMS = frozenset({"целых", "целая", "целой", "целую"})
_FRACTIONS = {"десятый": 10, "сотый": 100, "тысячный": 1000, "тысячная": 1000}
# "трехкратный", "пятикратного", "двукратное": a factor written as one adjective.
_TIMES_RE = re.compile(r"^(?P<count>[а-я]+?)кратн[а-я]+$")
_TIMES_PREFIXES = {"дву": 2, "полутора": 1.5, "одно": 1}
_ZERO = {"ноль": 0, "нуль": 0}

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "₸": "KZT", "₽": "RUB", "£": "GBP", "¥": "CNY"}

# A digit may carry a case ending after a hyphen ("5-ти", "2-х"): still a cardinal. Any other
# ending ("3-й", "20-летний") is kept in NumberSpan.suffix for the caller to judge.
_CARDINAL_SUFFIXES = frozenset(
    {"х", "ти", "ми", "мя", "ух", "ех", "ох", "ем", "ум", "ю", "и", "ть", "ью", "мью"}
)

_RANK = {"unit": 1, "teen": 1, "ten": 2, "hundred": 3}
_GROUPED_RE = re.compile(rf"^\d{{1,3}}(?:[{GROUP_SEPARATORS}]\d{{3}})+(?:,\d+)?$")
# Thousands grouped by dots, two groups at least: "1.500.000" (one dot is a decimal point).
_DOT_GROUPED_RE = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$")


class WordNumber(NamedTuple):
    value: float
    role: str  # unit, teen, ten, hundred, multiplier, half, collective, factor, zero
    singular: bool  # for multipliers: "тысяча" may stand alone, "тысячи" (plural) may not


def _lemma_tables() -> dict[str, tuple[float, str, str]]:
    """Lemma -> (value, role, part of speech that pymorphy gives that lemma)."""
    tables: dict[str, tuple[float, str, str]] = {}
    for table, role, pos in (
        (_UNITS, "unit", "NUMR"),
        (_TEENS, "teen", "NUMR"),
        (_TENS, "ten", "NUMR"),
        (_HUNDREDS, "hundred", "NUMR"),
        (_COLLECTIVES, "collective", "NUMR"),
        (_FACTORS, "factor", "ADVB"),
        (_MULTIPLIERS, "multiplier", "NOUN"),
        (_HALF, "half", "NUMR"),
        (_ZERO, "zero", "NOUN"),
    ):
        tables.update({lemma: (value, role, pos) for lemma, value in table.items()})
    tables["один"] = (1, "unit", "ADJF")  # pymorphy tags "один" as a pronominal adjective
    return tables


@functools.cache
def number_forms() -> frozenset[str]:
    """Every form the dictionary lists for a number lemma: a cheap filter before parsing."""
    forms: set[str] = set()
    for lemma in _lemma_tables():
        for parse in morph().parse(lemma):
            if parse.normal_form == lemma:
                forms.update(fold_yo(form.word) for form in parse.lexeme)
    return frozenset(forms)


@functools.lru_cache(maxsize=4096)
def read_number_word(word: str) -> WordNumber | None:
    """The value of one number word in any case and gender, or None."""
    word = fold_yo(word)
    if word not in number_forms():
        return None
    tables = _lemma_tables()
    for reading in parse_word(word):
        entry = tables.get(reading.lemma)
        if entry and entry[2] == reading.pos:
            value, role, _ = entry
            singular = "plur" not in reading.grammemes and all(
                "plur" not in r.grammemes for r in parse_word(word) if r.lemma == reading.lemma
            )
            return WordNumber(value, role, singular)
    return None


def parse_digits(text: str) -> float | int | None:
    """'1 407' -> 1407, '127,3' -> 127.3, '15.3' -> 15.3; None for '6.9.1' or '05.06.2014'."""
    if _GROUPED_RE.match(text):
        text = re.sub(f"[{GROUP_SEPARATORS}]", "", text)
    elif _DOT_GROUPED_RE.match(text):
        text = text.replace(".", "")
    separators = sum(text.count(c) for c in ".,")
    if separators > 1 or not text[:1].isdigit():
        return None
    if len(re.split("[.,]", text, maxsplit=1)[0]) > MAX_DIGITS:
        return None  # an account or card number, or a page of digits: no amount
    return clean_value(float(text.replace(",", "."))) if separators else int(text)


# More digits before the decimal mark than any amount is written with (a trillion has 13): a
# longer run of digits is a number of something (a card, an account), never a quantity, and
# past 308 digits it has no float at all.
MAX_DIGITS = 15


def clean_value(value: float) -> float | int:
    """Integers as int, other values without float noise (6127 * 0.001 -> 6.127)."""
    value = float(f"{value:.15g}")
    return int(value) if value.is_integer() else value


class NumberSpan(NamedTuple):
    """A number expression found in a token list; first/last are token indices (last exclusive)."""

    value: float | int
    first: int
    last: int
    start: int
    end: int
    kind: str  # "digits" or "words"
    role: str | None  # "factor" (вдвое), "collective" (трое), "one" (один), None for the rest
    currency: str | None  # ISO code read from a sign next to the number
    multiplier: int  # the (last) multiplier applied: 1000 for "5 тыс.", 1 without one
    suffix: str | None  # letters after "N-" that are not a cardinal ending ("й", "летний")
    numeral: int  # index of the first numeral token (after a leading currency sign)
    over: bool = False  # "70 с лишним килограммов": more than the number says


def _glued(tokens: list[Token], i: int) -> bool:
    """Whether token i touches token i - 1 (no space between)."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def _multiplier_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(multiplier, tokens used) for 'тыс.', 'млн', 'тысяч', 'миллиона' at index i."""
    if i >= len(tokens) or tokens[i].kind != "word":
        return None
    norm = tokens[i].norm
    factor = MULTIPLIER_ABBREVIATIONS.get(norm)
    if factor is None:
        word = read_number_word(norm)
        if word is None or word.role != "multiplier":
            return None
        return int(word.value), 1
    dot = i + 1 < len(tokens) and tokens[i + 1].text == "." and _glued(tokens, i + 1)
    return factor, 2 if dot else 1


def _currency_sign_at(tokens: list[Token], i: int) -> str | None:
    if 0 <= i < len(tokens) and tokens[i].kind == "punct":
        return CURRENCY_SIGNS.get(tokens[i].text)
    return None


def _combine_words(tokens: list[Token], i: int) -> tuple[float, int, str | None, int] | None:
    """Read a run of number words from index i: (value, words used, role, last multiplier)."""
    first = read_number_word(tokens[i].norm)
    if first is None:
        return None
    if first.role in ("collective", "factor", "zero"):
        return first.value, 1, first.role if first.role != "zero" else None, 1
    if first.role == "multiplier" and not first.singular:
        return None  # "тысячи людей" is an indefinite amount
    total, group, used = 0.0, 0.0, 0
    last_rank, last_multiplier = 99, 10**15
    j = i
    while j < len(tokens) and tokens[j].kind == "word":
        word = read_number_word(tokens[j].norm)
        if word is None:
            break
        if word.role == "multiplier":
            if word.value >= last_multiplier:
                break
            total += (group or 1) * word.value
            group, last_rank, last_multiplier = 0.0, 99, word.value
        elif word.role == "half" and j == i:
            group, last_rank = word.value, 0
        elif word.role in _RANK and _RANK[word.role] < last_rank:
            group += word.value
            last_rank = _RANK[word.role]
        else:
            break
        used += 1
        j += 1
    role = "one" if used == 1 and first.role == "unit" and first.value == 1 else None
    multiplier = 1 if last_multiplier == 10**15 else int(last_multiplier)
    return total + group, used, role, multiplier


def number_words_at(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A cardinal written in words from token i ("семьсот", "двести пятьдесят"): (value, words
    used); None for anything else ("тысячи", "двое", "пол")."""
    if i >= len(tokens) or tokens[i].kind != "word":
        return None
    combined = _combine_words(tokens, i)
    if combined is None or combined[2] is not None or combined[1] == 0:
        return None
    return combined[0], combined[1]


def half_multiplier(norm: str) -> int | None:
    """10**6 for "полмиллиона" or "полумиллиона" (half a million), 1000 for "полтысячи"."""
    if not norm.startswith("пол"):
        return None
    rest = norm[4:] if norm.startswith("полу") else norm[3:]
    word = read_number_word(rest) if rest else None
    return int(word.value) if word is not None and word.role == "multiplier" else None


def _times_word(norm: str) -> float | None:
    """3 for "трехкратный", 1.5 for "полуторакратного"; None for other words."""
    match = _TIMES_RE.match(norm)
    if match is None:
        return None
    count = match["count"]
    if count in _TIMES_PREFIXES:
        return _TIMES_PREFIXES[count]
    word = read_number_word(count)
    return word.value if word is not None and word.role in _RANK else None


# Units a loose decimal is read before: masses, volumes, areas and percents. Not "г": "2, 5 г."
# may be two years' worth of a list.
_LOOSE_DECIMAL_UNIT = re.compile(
    r"^(?:%|процент\w*|тонн\w*|т|кг|килограмм\w*|грамм\w*|гр|литр\w*|л|гектар\w*|га)$"
)


# ... and the masses a three-digit loose decimal is read before: "90, 641 г" (grams to the
# milligram), "1, 250 кг"; three digits are no year
_LOOSE_MASS_UNIT = re.compile(r"^(?:г|гр|грамм\w*|кг|килограмм\w*|тонн\w*|т)$")


def _digits(text: str) -> str:
    """A number's digits without the spaces that group its thousands."""
    return re.sub(r"\s", "", text)


def _decimal_after_space(tokens: list[Token], j: int) -> bool:
    """ "4, 5 миллиона", "2, 5 тонн", "10, 7%", "56, 914 г": digits, a comma, one or two digits
    (three before a mass) and a multiplier or a unit read as one decimal number (a list "4, 5 и
    6 кг" has no unit right after its second number)."""
    if not (
        j + 2 < len(tokens)
        and tokens[j].text == ","
        and _glued(tokens, j)
        and _digits(tokens[j - 1].text).isdigit()  # "10 700, 74 грамма": grouped thousands too
        and tokens[j + 1].text.isdigit()
    ):
        return False
    digits, after = len(tokens[j + 1].text), tokens[j + 2].norm
    if digits == 3:
        return _LOOSE_MASS_UNIT.match(after) is not None
    return digits <= 2 and (
        _multiplier_at(tokens, j + 2) is not None or _LOOSE_DECIMAL_UNIT.match(after) is not None
    )


def _and_a_half(tokens: list[Token], j: int) -> bool:
    """ "с половиной" right after a number: "два с половиной", "3 с половиной тысячи"."""
    return (
        j + 1 < len(tokens)
        and tokens[j].norm == "с"
        and tokens[j + 1].norm in ("половиной", "половинкой")
    )


def _and_more(tokens: list[Token], j: int) -> bool:
    """ "с лишним" right after a number: "70 с лишним килограммов", "сто с лишним человек"."""
    return (
        j + 1 < len(tokens) and tokens[j].norm == "с" and tokens[j + 1].norm in ("лишним", "лишком")
    )


def _spelled_fraction(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """(fraction, index after it) for "целых (и) трех десятых" after a whole number."""
    if j >= len(tokens) or tokens[j].norm not in _WHOLE_FORMS:
        return None
    k = j + 1 + (tokens[j + 1 : j + 2] != [] and tokens[j + 1].norm == "и")
    if k >= len(tokens) or tokens[k].kind != "word":
        return None
    numerator = _combine_words(tokens, k)
    if numerator is None or k + numerator[1] >= len(tokens):
        return None
    after = k + numerator[1]
    denominators = [_FRACTIONS.get(r.lemma) for r in parse_word(tokens[after].norm)]
    denominator = next((d for d in denominators if d), None)
    if denominator is None:
        return None
    return numerator[0] / denominator, after + 1


def split_word_ranges(tokens: list[Token]) -> list[Token]:
    """Tokens with each range written as one hyphenated word split in three: «пять-шесть»,
    «четырех-пяти» → «пять», «-», «шесть», so that each end is read as a number."""
    if not any(t.kind == "word" and "-" in t.text for t in tokens):
        return tokens
    forms = number_forms()
    split: list[Token] = []
    for token in tokens:
        left, hyphen, right = token.norm.partition("-")
        if token.kind != "word" or not hyphen or "-" in right:
            split.append(token)
            continue
        if left.lower() not in forms or right.lower() not in forms:
            split.append(token)
            continue
        middle = token.start + len(left)
        split += [
            Token("word", token.text[: len(left)], token.start, middle, left),
            Token("punct", "-", middle, middle + 1, "-"),
            Token("word", token.text[len(left) + 1 :], middle + 1, token.end, right),
        ]
    return split


def find_numbers(tokens: list[Token]) -> list[NumberSpan]:
    """All number expressions in tokens, in order."""
    spans: list[NumberSpan] = []
    forms = number_forms()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (
            token.kind == "num"
            or (
                token.kind == "word"
                and (token.norm in forms or "кратн" in token.norm or token.norm[:3] == "пол")
            )
            or token.text in CURRENCY_SIGNS
        ):
            i += 1  # most tokens are no number: skip them without a closer look
            continue
        span = _number_at(tokens, i)
        if span is None:
            i += 1
        else:
            spans.append(span)
            i = span.last
    return spans


_PART_RE = re.compile(r"\d+(?:,\d+)?")  # the smaller part of a compound amount


def _names_no_month(tokens: list[Token], k: int) -> bool:
    """Whether token k is a lower-case word and no month's name: what the amount before it
    counts or weighs («50 кг», «15 единиц»), not its date («12 мая»)."""
    if k >= len(tokens) or not tokens[k].text.isalpha() or not tokens[k].text.islower():
        return False
    try:
        month_number(tokens[k].text)
    except KeyError:
        return True
    return False


def _number_at(tokens: list[Token], i: int) -> NumberSpan | None:
    sign_before = _currency_sign_at(tokens, i)
    numeral = i + 1 if sign_before and i + 1 < len(tokens) else i
    token = tokens[numeral]
    suffix = None
    multiplier = 1
    if token.kind == "num":
        value = parse_digits(token.text)
        if value is None:
            return None
        kind, role, j = "digits", None, numeral + 1
        if (
            j + 1 < len(tokens)
            and tokens[j].text in ("-", "‐")
            and _glued(tokens, j)
            and _glued(tokens, j + 1)
            and tokens[j + 1].kind == "word"
        ):
            if tokens[j + 1].norm not in _CARDINAL_SUFFIXES:  # "5-ти" is still five
                suffix = tokens[j + 1].norm
            j += 2
        if _decimal_after_space(tokens, j):  # "4, 5 миллиона": a decimal comma typed loose
            value, j = float(f"{_digits(token.text)}.{tokens[j + 1].text}"), j + 2
    elif token.kind == "word":
        half = half_multiplier(token.norm)
        if half is not None:  # "более полумиллиона сомов"
            value = clean_value(half / 2)
            return NumberSpan(value, i, i + 1, token.start, token.end, "words", None, None,
                              half, None, i)  # fmt: skip
        times = _times_word(token.norm)
        if times is not None:
            return NumberSpan(times, i, i + 1, token.start, token.end, "words", "factor",
                              None, 1, None, i)  # fmt: skip
        words = _combine_words(tokens, numeral)
        if words is None:
            return None
        value, used, role, multiplier = words
        kind, j = "words", numeral + used
        fraction = _spelled_fraction(tokens, j)
        if fraction is not None:
            value, j, role = value + fraction[0], fraction[1], None
    else:
        return None
    if suffix is None and role != "collective" and _and_a_half(tokens, j):
        value, j, role = value + 0.5, j + 2, None  # "двух с половиной центнеров": 2.5
    over = suffix is None and role != "factor" and _and_more(tokens, j)
    if over:
        j += 2  # "70 с лишним килограммов", "200 с лишним тысяч рублей"
    if suffix is None and role not in ("collective", "factor"):
        written = _multiplier_at(tokens, j)
        if written:
            value *= written[0]
            multiplier = written[0]
            j += written[1]
        # "61 млн 260 тыс.", "7 тыс. 350": a smaller part continues the same number
        # ("1 тыс. 740,3 килограмм": the hundreds may have decimals)
        while multiplier > 1 and j < len(tokens) and _PART_RE.fullmatch(tokens[j].text):
            smaller = _multiplier_at(tokens, j + 1) or (1, 0)
            whole = tokens[j].text.split(",")[0]
            if smaller[0] >= multiplier or int(whole) >= 1000:
                break
            # only hundreds after "тыс." join: not "1 млн 200" nor "5 тыс. 12 мая"; fewer digits
            # where a noun follows that is no month ("свыше 1 тыс. 50 кг": 1 050 kg)
            short = len(whole) < 3 and _names_no_month(tokens, j + 1)
            if smaller[0] == 1 and (multiplier != 1000 or not (len(whole) == 3 or short)):
                break
            if smaller[0] > 1 and whole != tokens[j].text:
                break  # "2 млн 3,5 тыс." is no compound anyone writes
            value += parse_digits(tokens[j].text) * smaller[0]
            multiplier = smaller[0]
            j += 1 + smaller[1]
    currency = sign_before or _currency_sign_at(tokens, j)
    if currency and not sign_before:
        j += 1
    return NumberSpan(
        value=clean_value(value),
        first=i,
        last=j,
        start=tokens[i].start,
        end=tokens[j - 1].end,
        kind=kind,
        role=role,
        currency=currency,
        multiplier=multiplier,
        suffix=suffix,
        numeral=numeral,
        over=over,
    )


def parse_number(text: str) -> NumberSpan | None:
    """The number expression that makes up the whole of text, or None.

    >>> parse_number("трех тысяч").value
    3000
    """
    tokens = tokenize(text)
    spans = find_numbers(tokens)
    if len(spans) != 1 or spans[0].first != 0 or spans[0].last != len(tokens):
        return None
    return spans[0]
