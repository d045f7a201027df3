"""Figures stated in Russian article text: what number, of what, how qualified, which way.

A figure (see ../shared/gold/README.md) is a number that reports a quantity: a count, a mass,
money, an area or volume, a percentage or a factor. `extract_figures` reads each number
(pipelines.numbers), rules out the numbers that are not quantities (dates, years, law articles,
ages, times of day, phone numbers, names, ordinals), then reads its unit and the counted noun
from the words after it, its qualifier from the words before it, and the direction of change
of percentages and factors from the verbs and comparisons of its clause. Numbers that leave
their unit or noun out ("10 млрд тенге, из которых более 9 млрд", "с 457 до 387 случаев") take
them from the figure they are coordinated or compared with.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pipelines.dates import extract_dates, period_of
from pipelines.numbers import (
    NumberSpan,
    Reading,
    clean_value,
    find_numbers,
    morph,
    number_forms,
    parse_word,
)
from pipelines.sentences import Token, split_sentences, tokenize

# --- units -------------------------------------------------------------------------------------

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
}
_UNIT_ABBREVIATIONS = {
    "г": ("kg", 0.001),
    "гр": ("kg", 0.001),
    "кг": ("kg", 1),
    "мг": ("kg", 1e-6),
    "т": ("kg", 1000),
    "тн": ("kg", 1000),
    "ц": ("kg", 100),
    "л": ("l", 1),
    "мл": ("l", 0.001),
    "га": ("ha", 1),
}
_CURRENCY_LEMMAS = {
    "рубль": "RUB", "доллар": "USD", "евро": "EUR", "тенге": "KZT", "сом": "KGS", "сум": "UZS",
    "гривна": "UAH", "юань": "CNY", "сомони": "TJS", "манат": "AZN",
}  # fmt: skip
_CURRENCY_ABBREVIATIONS = {
    "руб": "RUB", "долл": "USD", "тг": "KZT", "грн": "UAH",
    "usd": "USD", "eur": "EUR", "kzt": "KZT", "rub": "RUB",
}  # fmt: skip
# "белорусских рублей" are not Russian roubles.
_CURRENCY_ADJECTIVES = {("белорусский", "RUB"): "BYN"}
# Words after a currency that belong to it ("долларов США").
_CURRENCY_COUNTRIES = frozenset({"сша", "рф"})
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
_OTHER_UNIT_PHRASES = frozenset({("лошадиный", "сила")})
_PHYSICAL_UNITS = frozenset({"percent", "kg", "l", "m2", "ha", "other"})
_PIECES = frozenset({"шт", "штука"})

# --- what is not a figure ----------------------------------------------------------------------

_TIME_NOUNS = frozenset({
    "год", "месяц", "неделя", "день", "сутки", "час", "минута", "секунда", "век",
    "десятилетие", "полугодие", "квартал",
})  # fmt: skip
_LAW_ABBREVIATIONS = frozenset({"ст", "стст", "ч", "п", "пп", "подп", "абз", "гл", "разд"})
_LAW_LEMMAS = frozenset(
    {"статья", "часть", "пункт", "подпункт", "глава", "раздел", "абзац", "параграф"}
)
_LAW_CODES = frozenset({"ук", "коап", "упк", "гк", "нк", "тк", "апк", "гпк", "кодекс", "кодекса"})
_PHONE_LEMMAS = frozenset({"телефон", "тел", "номер", "код"})
_NUMBER_SIGNS = frozenset("№#")
_QUOTES = frozenset("«»\"“”„'")
_DASHES = frozenset("-‐–—")

# The patterns below start with a character class so that the regex engine can skip ahead;
# what a lookbehind would say is checked in _non_figure_spans.
_PHONE_RE = re.compile(
    r"\+\d[\d \-()]{7,}\d"  # +7 701 123 45 67, +7(7172)71-01-26
    r"|8 ?\(\d{3,5}\) ?[\d\- ]{5,}\d"  # 8 (7172) 71-01-26
    r"|\(\d{3,5}\) ?\d{1,3}(?:-\d\d){2}"  # (7172) 71-01-26
    r"|\d{1,4}(?:-\d{2,4}){2,}(?!\d)"  # 71-01-26, 8-800-080-44-55
    r"|8 \d{3} \d{3} \d\d \d\d(?!\d)"
)
_TIME_OF_DAY_RE = re.compile(
    r"(?P<hour>\d{1,2}):[0-5]\d(?!\d)"  # 14:30
    r"|(?:[вВсС]|до) (?P<hour2>\d{1,2})\.[0-5]\d"  # "в 18.45", "с 9.00 до 18.00"
    r"(?!\d| ?(?:%|раз|процент|руб|тенге|долл|евро|кг|г\b|гр|тонн|литр|л\b))"
)
# A short text in quotes that holds a number is a name: «Мак-2017», "Стоп-2024" (up to three
# words, checked in _non_figure_spans).
_QUOTED_NAME_RE = re.compile(r"«[^«»\n]{1,40}»|\"[^\"\n]{1,40}\"|“[^“”\n]{1,40}”|„[^„“\n]{1,40}“")
_CYRILLIC_RE = re.compile(r"[а-яёА-ЯЁ]")
_CYRILLIC_WORDS_RE = re.compile(r"[а-яё]+")
_DIGIT_RE = re.compile(r"\d")
_WORDS_RE = re.compile(r"[^\W\d_]+")
_SIGN_RE = re.compile(r"[%$€₸₽£¥]")
_HAS_DIGIT_AND_LETTER_RE = re.compile(r"(?=.*\d)(?=.*[^\W\d_])", re.DOTALL)

# --- qualifiers, change, objects -------------------------------------------------------------

# "выше 140 рублей" / "ниже 100": before a number these qualify it, after one they compare.
_MORE = frozenset({"более", "свыше", "больше", "сверх", "выше"})
_LESS = frozenset({"менее", "меньше", "ниже"})
_PREPOSITIONS = frozenset({"на", "в", "во", "к", "ко", "до", "от", "с", "со", "по", "из"})
_APPROX = frozenset(
    {"около", "порядка", "почти", "примерно", "приблизительно", "ориентировочно", "~"}
)
_INCREASE = frozenset({
    "возрасти", "вырасти", "увеличиться", "увеличить", "повыситься", "повысить", "подняться",
    "прирасти", "расти", "возрастать", "увеличиваться", "увеличивать", "повышаться",
    "повышать", "превысить", "превышать", "подорожать", "дорожать", "удвоиться", "утроиться",
    "рост", "увеличение", "прирост", "повышение", "подорожание", "превышение",
})  # fmt: skip
_DECREASE = frozenset({
    "снизиться", "снизить", "снижаться", "снижать", "сократиться", "сократить", "сокращаться",
    "сокращать", "уменьшиться", "уменьшить", "уменьшаться", "уменьшать", "понизиться",
    "понизить", "понижаться", "упасть", "падать", "подешеветь", "дешеветь", "снижение",
    "сокращение", "уменьшение", "понижение", "падение", "спад", "удешевление",
})  # fmt: skip
_HIGHER, _LOWER = frozenset({"выше"}), frozenset({"ниже"})
_MORE_AFTER, _LESS_AFTER = frozenset({"больше", "более"}), frozenset({"меньше", "менее"})
_CHANGE_WINDOW = 8
_SIGNS = {"+": "increase", "−": "decrease", "-": "decrease", "–": "decrease"}
_CLAUSE_STOPS = frozenset(";()")
# Nouns that name a measurement of something else: "количество изъятых наркотиков",
# "выявление фактов сбыта" count the noun that follows them.
_MEASURE_NOUNS = frozenset({
    "количество", "число", "численность", "выявление", "уровень", "объем", "показатель",
    "регистрация",
})  # fmt: skip
# "имущество на сумму 10 млрд тенге", "наркотики общим весом 5 кг": the noun before these.
_AMOUNT_NOUNS = frozenset(
    {"сумма", "размер", "стоимость", "вес", "масса", "объем", "площадь", "количество"}
)
_AMOUNT_VERBS = frozenset({
    "составить", "составлять", "достичь", "достигнуть", "достигать", "превысить", "превышать",
    "равняться", "насчитывать", "оцениваться", "исчисляться", "стоить", "обойтись",
    "обходиться",
})  # fmt: skip
_ACTION_NOUNS = frozenset({"сбыт", "оборот", "ввоз", "вывоз", "сумма", "стоимость"})
_CONNECTORS = frozenset({"и", "или", ",", "до", "по", "-", "–", "—"})
_OPENS_WITH_SUBSET_RE = re.compile(
    r"(?:из|среди)\s+(?:них|которых|общего\s+числа)\b|в\s+(?:том\s+числе|т\.\s?ч\.)",
    re.IGNORECASE,
)
_SUBSET_RE = re.compile(
    r"\b(?:из|среди)\s+(?:них|которых|которого|которой|числа)\b|\bв\s+(?:том\s+числе|т\.\s?ч\.)"
    r"|\bвключая\b",
    re.IGNORECASE,
)
_NO_OBJECT_UNITS = frozenset({None, "percent", "times"})
# Nouns that a number after another noun names rather than counts: "ученики 9-11 классов".
_ORDINAL_NOUNS = frozenset({"класс", "курс"})
# Counted nouns that reports abbreviate: the object is the full lemma.
_ABBREVIATED_NOUNS = {"чел": "человек", "ед": "единица", "экз": "экземпляр"}
_POSSESSIVES = frozenset({"его", "ее", "их", "свой", "наш", "ваш", "мой", "твой"})


@dataclass
class _Figure:
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
    shares_next: bool = False  # its unit and object are those of the next number
    part: bool = False  # a part of a whole before it: "из них 87 тяжких"
    of_next: bool = False  # a part of the next number: "46 из 120 задержанных"
    adjectives: list[int] = field(default_factory=list)


class _Sentence:
    """Tokens of one sentence and what the rules ask about them."""

    def __init__(
        self, text: str, tokens: list[Token], start: int, end: int, carried: list[_Figure]
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.start = start
        self.end = end
        # The previous sentence's figures, when this one opens with "Из них", "В том числе":
        # its elliptic numbers are parts of those.
        self.carried = carried if _OPENS_WITH_SUBSET_RE.match(text) else []

    def norm(self, i: int) -> str:
        return self.tokens[i].norm if 0 <= i < len(self.tokens) else ""

    def readings(self, i: int) -> tuple[Reading, ...]:
        if not 0 <= i < len(self.tokens) or self.tokens[i].kind != "word":
            return ()
        return parse_word(self.tokens[i].norm)

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
        if token.text.isupper() and 1 < len(token.text) <= 6 and _is_cyrillic(token.text):
            return True  # an abbreviation: "ДТП", "МРП", "ОПГ"
        return self.pos(i) == "NOUN"

    def is_adjective(self, i: int) -> bool:
        return self.pos(i) in ("ADJF", "PRTF")


def _is_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


def _noun_lemma(readings: tuple[Reading, ...], token: Token) -> str:
    """Lemma of a counted noun: the genitive reading where there is one ("840 килограмм
    синтетики" is синтетика, not синтетик), as numbers and units govern the genitive."""
    if token.norm in _ABBREVIATED_NOUNS:
        return _ABBREVIATED_NOUNS[token.norm]  # "12 чел."
    nouns = [r for r in readings if r.pos == "NOUN"]
    if not nouns:
        return token.norm
    # a rare genitive reading is no evidence: "наркотики" is not the plural of "наркотика"
    genitive = [r for r in nouns if "gent" in r.grammemes and r.score >= nouns[0].score / 4]
    return (genitive or nouns)[0].lemma


def _adjective_as_noun(token: Token) -> str:
    """A participle or adjective that stands for a noun: "задержанных" -> "задержанный"."""
    for parse in morph().parse(token.norm):
        if parse.tag.POS in ("ADJF", "PRTF"):
            inflected = parse.inflect({"masc", "sing", "nomn"})
            if inflected:
                return inflected.word.replace("ё", "е")
    return token.norm


# --- spans of text where no number is a figure ---------------------------------------------------


Spans = list[tuple[int, int]]


def _overlaps(spans: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _non_figure_spans(text: str, start: int, end: int, dates: list[dict]) -> Spans:
    """Where in text[start:end] numbers are no figures: dates, phones, times of day, names."""
    spans = [(d["char_start"], d["char_end"]) for d in dates]
    for m in _PHONE_RE.finditer(text, start, end):
        if not m.start() or text[m.start() - 1] not in "0123456789.,":
            spans.append(m.span())
    for m in _TIME_OF_DAY_RE.finditer(text, start, end):
        hour = int(m["hour"] or m["hour2"])
        left = text[m.start() - 1] if m.start() else " "
        if hour <= 23 and left not in "0123456789.,:" and not left.isalpha():
            spans.append(m.span())
    for m in _QUOTED_NAME_RE.finditer(text, start, end):
        inner = m.group()[1:-1]
        if inner[0].isspace() or inner[-1].isspace():
            continue  # a closing quote and the next opening one, not a quoted text
        if _HAS_DIGIT_AND_LETTER_RE.match(inner) and len(_WORDS_RE.findall(inner)) <= 3:
            spans.append(m.span())  # a name, not a quoted sentence ("Нами изъято 12 кг")
    return spans


def _law_marker_before(s: _Sentence, i: int) -> bool:
    """Whether a law reference or a number sign stands before token i: "ст. 228", "№ 15"."""
    j = i - 1
    while j >= 0 and s.tokens[j].text == ".":
        j -= 1
    if j < 0:
        return False
    if s.tokens[j].text in _NUMBER_SIGNS:
        return True
    if s.norm(j - 1) == "." and s.norm(j - 2) == "т":
        return False  # "в т.ч. 64", "и т.п.": not "ч. 2", "п. 3"
    return s.tokens[j].kind == "word" and (
        s.norm(j) in _LAW_ABBREVIATIONS or bool(s.lemmas(j) & _LAW_LEMMAS)
    )


def _is_not_a_quantity(s: _Sentence, span: NumberSpan, previous: _Figure | None) -> bool:
    """Token rules for numbers that are not quantities (the character-span rules run before)."""
    first, last = span.first, span.last
    if span.suffix is not None and not span.suffix.startswith("кратн"):
        return True  # "3-й", "20-летний"
    if s.glued(first) and (s.tokens[first - 1].kind == "word" or s.norm(first - 1) in "'’"):
        return True  # "м2", "A4", "ПМЭФ'19"
    if s.glued(last) and s.norm(last) == "+":
        return True  # an age rating: "16+"
    dash_before = s.glued(first) and s.tokens[first - 1].text in _DASHES and s.glued(first - 1)
    if dash_before and s.tokens[first - 2].kind == "word":
        return True  # a name: "Мак-2017", "COVID-19"
    if (s.glued(last) and s.norm(last) in ("/", ":")) or (
        s.glued(first) and s.norm(first - 1) in ("/", ":")
    ):
        return True  # "24/7", "3:1"
    if s.glued(last) and s.tokens[last].kind == "word" and not _is_cyrillic(s.tokens[last].text):
        return True  # "5G", "3D"
    if first == 0 and s.norm(last) in (".", ")"):
        return True  # a list marker: "1) ...", "2. ..."
    if _law_marker_before(s, first) or s.norm(last) in _LAW_CODES:
        return True
    if previous is not None and previous.blocked and previous.span.last <= first:
        between = {s.norm(k) for k in range(previous.span.last, first)}
        if between <= {",", "и", "или", ".", *_DASHES} and previous.law:
            return True  # "ст. 228, 228.1 и 229", "статьей 299-1"
    after = s.norm(last)
    if after.startswith("°") or after in ("градус", "градуса", "градусов"):
        return True
    for k in range(max(0, first - 3), first):
        lemmas = s.lemmas(k)
        if "возраст" in lemmas or lemmas & _PHONE_LEMMAS:
            return True
    return False


# --- reading one number --------------------------------------------------------------------------


def _unit_at(s: _Sentence, j: int) -> tuple[str, float, int] | None:
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
    if norm in _CURRENCY_ABBREVIATIONS:
        return _currency(s, _CURRENCY_ABBREVIATIONS[norm], after_dot)
    if norm in _OTHER_UNIT_ABBREVIATIONS or norm in _METRES:
        return "other", 1, after_dot
    if norm in _CURRENCY_LEMMAS:  # indeclinable: "тенге", "евро"
        return _currency(s, _CURRENCY_LEMMAS[norm], j + 1)
    for reading in s.readings(j)[:2]:
        if reading.lemma in _UNIT_LEMMAS:
            unit, factor = _UNIT_LEMMAS[reading.lemma]
            return unit, factor, j + 1
        if reading.lemma in _CURRENCY_LEMMAS and reading.pos == "NOUN":
            return _currency(s, _CURRENCY_LEMMAS[reading.lemma], j + 1)
        if reading.lemma in _OTHER_UNIT_LEMMAS and reading.pos == "NOUN":
            return "other", 1, j + 1
    if s.is_adjective(j) and j + 1 < len(s.tokens):
        following = _unit_at(s, j + 1)
        if following and following[0] not in _PHYSICAL_UNITS:
            # "российских рублей", "белорусских рублей"
            code = _CURRENCY_ADJECTIVES.get((s.lemma(j), following[0]), following[0])
            return code, following[1], following[2]
    return None


def _currency(s: _Sentence, code: str, end: int) -> tuple[str, float, int]:
    if s.norm(end) in _CURRENCY_COUNTRIES:
        end += 1
    return code, 1, end


def _noun_after(s: _Sentence, j: int) -> tuple[int | None, list[int]]:
    """(index of the counted noun, adjectives before it) starting at token j. Possessive
    pronouns are passed over ("двое его знакомых", "трое своих сообщников")."""
    adjectives: list[int] = []
    k = j
    while k < len(s.tokens) and k - j < 7:
        token = s.tokens[k]
        if token.text in _QUOTES:
            k += 1
            continue
        if token.kind != "word":
            break
        if token.text[:1].isupper() and not token.text.isupper():
            break  # a name ("47,6 кг Айгерим Манакова") or the next sentence
        if s.is_noun(k) or _noun_rather_than_short_form(s, k):
            if adjectives and not _agree(s, adjectives[-1], k):
                break  # "30 больных наркоманией": the adjective is the noun
            return k, adjectives
        if _possessive(s, k) and s.tokens[k + 1 : k + 2] and s.tokens[k + 1].kind == "word":
            k += 1
            continue
        if s.is_adjective(k):
            adjectives.append(k)
        elif not (s.pos(k) == "ADVB" and s.is_adjective(k + 1)):  # "двое ранее судимых"
            break
        k += 1
    return None, adjectives


def _governed_noun(s: _Sentence, j: int) -> tuple[int | None, list[int]]:
    """(the genitive noun a measure noun governs, adjectives before it), from token j: the
    noun after it, past the object of a participle ("сумма причиненного государству ущерба":
    ущерб, not государство)."""
    noun, adjectives = _noun_after(s, j)
    if noun is None and adjectives and s.pos(adjectives[-1]) == "PRTF":
        complement = adjectives[-1] + 1  # what _noun_after passed over: it did not agree
        if s.is_noun(complement):
            after, more = _noun_after(s, complement + 1)
            if after is not None:
                return after, adjectives + more
    return noun, adjectives


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2"})


def _agree(s: _Sentence, adjective: int, noun: int) -> bool:
    """Whether an adjective can agree in case with the noun after it."""
    cases = {c for r in s.readings(adjective) for c in r.grammemes & _CASES}
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"] or s.readings(noun)
    return not cases or any(r.grammemes & cases for r in nouns) or s.tokens[noun].text.isupper()


def _noun_rather_than_short_form(s: _Sentence, k: int) -> bool:
    """A word whose best reading is no full adjective, participle or noun but which may be a
    noun about as likely: after a number it is the noun ("150 тайников", not the short form
    of "тайниковый")."""
    readings = s.readings(k)
    if not readings or readings[0].pos not in ("ADJS", "ADVB", "COMP"):
        return False  # verbs stay verbs: "из них 12 стали жертвами"
    return any(r.pos == "NOUN" and r.score >= readings[0].score / 2 for r in readings)


def _possessive(s: _Sentence, k: int) -> bool:
    """A possessive pronoun: "его", "ее", "их" (read as personal pronouns too), "свой",
    "наш"."""
    return s.norm(k) in _POSSESSIVES or any(
        r.lemma in _POSSESSIVES for r in s.readings(k) if r.pos == "ADJF"
    )


def _noun_before_amount(s: _Sentence, first: int) -> int | None:
    """The noun an amount belongs to: "активы на сумму 18 млн", "наркотики весом 5 кг". After
    a locative "на площади" the area is what is measured, not the noun before it: the index of
    "площади" then."""
    k = first - 1
    if k < 0 or not s.lemmas(k) & _AMOUNT_NOUNS:
        return None
    if _locative_amount(s, k):
        return k  # "коноплю уничтожили на площади 418 гектаров"
    k -= 1
    while k >= 0 and (s.norm(k) in ("на", "в") or s.lemma(k) == "общий"):
        k -= 1
    while k >= 0 and s.tokens[k].text in _QUOTES:
        k -= 1
    if k < 0 or not s.is_noun(k):
        return None
    return _head_of_genitive_chain(s, k)


def _locative_amount(s: _Sentence, k: int) -> bool:
    """An amount noun after "на" that is not in the accusative: "на площади" (where), unlike
    "на сумму" (worth)."""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    nouns = [r for r in s.readings(k) if r.pos == "NOUN"]
    return (
        s.norm(j) == "на"
        and bool(nouns)
        and not any({"accs", "sing"} <= r.grammemes for r in nouns)
    )


def _noun_before_price(s: _Sentence, figure: _Figure) -> str | None:
    """What money "на" or "в" an amount is worth, named just before it: "продал героин на 450
    тыс. тенге", "наркотики более чем на 52 млн тенге", "партию гашиша на 3 млн": a noun in
    the nominative or accusative, or the head of its genitive (not "в районе на 3 млн")."""
    preposition = figure.span.first - 1
    if s.norm(preposition) not in ("на", "в", "во"):
        return None
    k = min(figure.first, preposition) - 1
    readings = s.readings(k)
    if (
        not s.is_noun(k)
        or (s.tokens[k].text[:1].isupper() and not s.tokens[k].text.isupper())
        or s.lemma(k) in _TIME_NOUNS
        or _unit_at(s, k) is not None  # "5 кг на 2 млн тенге"
    ):
        return None
    direct = [r for r in readings if r.pos == "NOUN" and {"nomn", "accs"} & r.grammemes]
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if s.pos(j) == "PREP" and direct and direct[0] is not readings[0]:
        return None  # "в области на 4 млн": the noun ends a prepositional phrase
    if direct:
        return direct[0].lemma  # "наркотики", not the genitive of a rare "наркотика"
    if "gent" in readings[0].grammemes:
        head = _head_of_genitive_chain(s, k)
        if head != k and {"nomn", "accs"} & s.readings(head)[0].grammemes:
            return _noun_lemma(s.readings(head), s.tokens[head])
        if head == k and _unit_at(s, k - 1) is not None:
            return _noun_lemma(readings, s.tokens[k])  # "5 кг героина на 2 млн тенге"
    return None


def _head_of_genitive_chain(s: _Sentence, k: int) -> int:
    """From the last noun of "ценные бумаги иностранных государств" back to its head, бумаги;
    a verbal or measure noun is no head ("хищение средств": the amount is of the средства)."""
    for _ in range(3):
        genitive = s.tokens[k].text.isupper() or any(
            "gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN"
        )
        j = k - 1
        while j >= 0 and s.is_adjective(j):
            j -= 1
        if not genitive or j < 0 or not s.is_noun(j):
            break
        head = s.lemma(j)
        if head.endswith(("ние", "тие")) or head in _MEASURE_NOUNS or head in _ACTION_NOUNS:
            break
        if _unit_at(s, j) is not None:
            break  # "1,5 кг мефедрона стоимостью ...": the amount is of the мефедрон
        k = j
    return k


def _qualifier(s: _Sentence, first: int) -> tuple[str, int]:
    """(qualifier, index where the figure's quote starts) from the words before the number."""
    k = first - 1
    if s.norm(k) in _PREPOSITIONS:
        k -= 1  # "почти на 16%", "более чем в 4 раза", "более чем к 250 активам"
    negated = s.norm(k - 1) == "не"
    if s.norm(k) == "чем" and s.norm(k - 1) in _MORE | _LESS:
        k -= 1
        negated = s.norm(k - 1) == "не"
    word = s.norm(k)
    if word in _MORE or word in _LESS:
        more = (word in _MORE) != negated
        return ("more_than" if more else "less_than"), k - 1 if negated else k
    if word in _APPROX:
        return "approx", k
    return "exact", first


def _plural_required(value: float | int) -> bool:
    """Whether a noun after this cardinal must be plural ("5 фактов") or genitive singular."""
    n = int(value)
    return n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14


def _reads_as_ordinal(s: _Sentence, span: NumberSpan, noun: int) -> bool:
    """A digit whose noun does not agree with a cardinal: "учащиеся 9 класса", "на 5 этаже"."""
    if span.kind != "digits" or span.multiplier != 1 or not float(span.value).is_integer():
        return False
    readings = [r for r in s.readings(noun) if r.pos == "NOUN"]
    if s.lemma(noun) in _ORDINAL_NOUNS:
        # "учащихся 9–11 классов", "студентов 3 курса": after a noun, which grades
        before = span.first - 1
        if s.norm(before) in _DASHES and s.tokens[before - 1].kind == "num":
            before -= 2  # the start of a range
        if (s.is_noun(before) or _substantive(s, before)) and not _ends_prepositional_phrase(
            s, before
        ):
            return True
    if not readings or any({"Fixd", "Abbr", "plur"} & r.grammemes for r in readings):
        return False
    n = int(span.value)
    if _plural_required(n):
        return True
    if n % 10 in (2, 3, 4):
        if not any("gent" in r.grammemes for r in readings):
            return True
        # "студенты 2 курса": after a noun the small digit names which course, not how many
        # (but "в активе 2903 очка", "в том числе 23 факта" count: the noun before ends a
        # prepositional phrase)
        before = span.first - 1
        return (
            n < 100
            and s.is_noun(before)
            and not s.tokens[before].text.isupper()
            and not _ends_prepositional_phrase(s, before)
        )
    return False


def _ends_prepositional_phrase(s: _Sentence, noun: int) -> bool:
    """Whether the noun at index noun closes a phrase opened by a preposition: "в активе", "в
    том числе", "на первом этапе"."""
    k = noun - 1
    while k >= 0 and k > noun - 4 and s.is_adjective(k):
        k -= 1
    return s.pos(k) == "PREP"


def _read_figure(s: _Sentence, span: NumberSpan, previous: _Figure | None) -> _Figure:
    figure = _Figure(span=span, first=span.first, last=span.last, value=span.value)
    if _is_not_a_quantity(s, span, previous):
        figure.blocked = True
        figure.law = _law_marker_before(s, span.first) or bool(previous and previous.law)
        return figure
    if span.value == 1 and (
        s.norm(span.first - 1) == "за" or s.lemma(span.first - 1) in ("стоимость", "цена")
    ):
        figure.blocked = True  # a price per unit: "за 1 грамм", "стоимость одного грамма"
        return figure
    if span.role == "factor" or (span.suffix or "").startswith("кратн"):
        figure.unit = "times"
    elif s.norm(span.first - 1) in ("в", "во") and s.lemma(span.last) == "раз":
        figure.unit, figure.first, figure.last = "times", span.first - 1, span.last + 1
    elif span.currency:
        figure.unit = span.currency
    else:
        unit = _unit_at(s, span.last)
        if unit and unit[0] == "other":
            figure.blocked = True
            return figure
        if unit:
            figure.unit, figure.factor, figure.last = unit
            figure.value = span.value * figure.factor
            figure.last = _compound_mass(s, figure)
    figure.qualifier, figure.first = _qualifier(s, figure.first)
    if figure.unit in ("percent", "times"):
        return figure
    if figure.unit is None:
        _read_count(s, figure)
        if _rate_base(s, figure, previous):
            figure.blocked = True  # "3,2 случая на 100 тыс. населения"
            return figure
    else:
        noun, _ = _noun_after(s, figure.last)
        if noun is not None and not any(
            "gent" in r.grammemes for r in s.readings(noun) if r.pos == "NOUN"
        ):
            noun = None  # a measure governs the genitive: "5 кг героина", not "5 кг наличными"
        if noun is None:
            noun = _noun_before_amount(s, figure.first)
        if noun is not None:
            figure.object = _noun_lemma(s.readings(noun), s.tokens[noun])
        elif figure.unit not in _PHYSICAL_UNITS and _noun_before_price(s, figure):
            figure.object = _noun_before_price(s, figure)
        else:  # "общая сумма инвестиций составит 2,5 млрд тенге", "ущерб составил 2 млн"
            figure.object = (
                _measured_noun(s, figure.first, _MEASURE_NOUNS | _AMOUNT_NOUNS)
                or _subject_before_verb(s, figure.first)
                or _topic_before_dash(s, figure.first, measured=True)
            )
    return figure


def _rate_base(s: _Sentence, figure: _Figure, previous: _Figure | None) -> bool:
    """The base of a rate, no count of its own: "на каждые 10 тыс. жителей", "на 100 тыс.
    населения", "3,2 случая на 100 тыс. человек" (but "выросло на 22 человека" counts)."""
    k = figure.span.first - 1
    if "каждый" in s.lemmas(k):
        return True
    if s.norm(k) != "на":
        return False
    if figure.object == "население":
        return True
    return previous is not None and not previous.blocked and previous.last == k


def _compound_mass(s: _Sentence, figure: _Figure) -> int:
    """Add a following smaller mass of the same kind: "36 кг 808 граммов" is one figure."""
    j = figure.last
    if j < len(s.tokens) and s.tokens[j].kind == "num" and s.tokens[j].text.isdigit():
        unit = _unit_at(s, j + 1)
        if unit and unit[0] == figure.unit == "kg" and unit[1] < figure.factor:
            figure.value += int(s.tokens[j].text) * unit[1]
            return unit[2]
    return j


def _read_count(s: _Sentence, figure: _Figure) -> None:
    """A number without a unit: a count of the noun after it, if any."""
    if figure.span.role == "one" and _one_is_not_a_count(s, figure.span):
        figure.blocked = True
        return
    start = figure.last
    if s.norm(start) in _PIECES or s.lemma(start) in _PIECES:  # "50 шт.", "50 штук"
        abbreviated = s.norm(start + 1) == "." and start + 2 < len(s.tokens)
        start += 2 if abbreviated else 1
    noun, adjectives = _noun_after(s, start)
    if noun is not None and (s.lemma(noun) in _TIME_NOUNS or s.norm(noun) == "мес"):
        figure.blocked = True  # a duration or an age: "за 7 месяцев", "25 лет", "3 суток"
        return
    if noun is not None and s.lemma(noun) == "раз" and not adjectives:
        figure.blocked = True  # how often, not how many: "3 раза привлекался"
        return
    if (
        noun is not None
        and adjectives
        and (s.lemma(adjectives[-1]), s.lemma(noun)) in (_OTHER_UNIT_PHRASES)
    ):
        figure.blocked = True  # "150 лошадиных сил"
        return
    if noun is not None:
        if _reads_as_ordinal(s, figure.span, noun):
            figure.blocked = True
            return
        figure.unit = "count"
        figure.object = _noun_lemma(s.readings(noun), s.tokens[noun])
        figure.last = noun + 1
        return
    after = adjectives[-1] + 1 if adjectives else figure.span.last
    shares_next = s.norm(after) in _CONNECTORS
    if figure.span.role == "one" and not shares_next:
        figure.blocked = True  # "один" without a noun is no count
        return
    if not adjectives and s.norm(start) == "из":  # "двум из закупаемых машин"
        noun, of = _noun_after(s, start + 1)
        if noun is not None and any(
            {"gent", "plur"} <= r.grammemes for r in s.readings(noun) if r.pos == "NOUN"
        ):
            figure.unit, figure.object = "count", _noun_lemma(s.readings(noun), s.tokens[noun])
            return
        if noun is None and of and _substantive(s, of[-1]):  # "двое из задержанных"
            figure.unit, figure.object = "count", _adjective_as_noun(s.tokens[of[-1]])
            return
    before = _noun_before_amount(s, figure.first)
    if before is not None:  # "таблетки в количестве 50 штук"
        figure.unit, figure.object = "count", _noun_lemma(s.readings(before), s.tokens[before])
        figure.last = start
        return
    figure.adjectives = adjectives
    if adjectives:
        figure.last = after
    figure.shares_next = shares_next
    figure.of_next = (
        not adjectives
        and s.norm(start) == "из"
        and (s.norm(start + 1)[:1].isdigit() or s.norm(start + 1) in number_forms())
    )


# --- relations between the figures of a sentence -------------------------------------------------


def _share_forward(s: _Sentence, figures: list[_Figure]) -> None:
    """A number without its own unit or noun takes those of the next one when only a
    conjunction or a range word stands between them: "22 международных и 85 региональных
    наркоканалов", "с 457 до 387 случаев"; and is no figure if that one is none ("от 3 до 5
    лет")."""
    for left, right in zip(reversed(figures[:-1]), reversed(figures[1:]), strict=True):
        if left.blocked or right.first != left.last + 1:  # one connector word between them
            continue
        if left.unit not in (None, "percent", "times") and left.object is None:
            if s.norm(left.last) in _CONNECTORS:  # "70 кг и 12 тонн прекурсоров"
                left.object = right.object
            continue
        if not left.shares_next or left.unit is not None:
            continue
        if left.adjectives and not right.blocked and right.object is not None:
            last, noun = left.adjectives[-1], right.last - 1
            if _substantive(s, last) and not _agree(s, last, noun):
                continue  # "23 несовершеннолетних и 41 иностранный гражданин"
        if right.blocked:
            left.blocked = True
        elif right.unit is not None:
            left.unit, left.object, left.factor = right.unit, right.object, right.factor
            # "от 1,5 до 2 млн тенге": the multiplier of the range's end applies to its start.
            multiplier = right.span.multiplier if left.span.multiplier == 1 else 1
            left.value = left.span.value * multiplier * right.factor


def _antecedents(s: _Sentence, figures: list[_Figure], i: int) -> list[_Figure]:
    """The figures before figure i, nearest first, then those the sentence carries over."""
    return [f for f in reversed(figures[:i]) if not f.blocked] + list(reversed(s.carried))


def _subset_marker_between(s: _Sentence, antecedent: _Figure, figure: _Figure) -> bool:
    """Whether "из них", "из которых" or "в том числе" stands between a whole and a part."""
    carried = any(antecedent is f for f in s.carried)
    gap_start = 0 if carried else s.tokens[antecedent.last - 1].end - s.start
    gap_end = s.tokens[figure.first].start - s.start
    return _SUBSET_RE.search(s.text, gap_start, gap_end) is not None


def _inherit_backward(s: _Sentence, figures: list[_Figure], i: int) -> bool:
    """An elliptic number takes the unit and object of the figure before it in the sentence:
    "10 млрд тенге, из которых более 9 млрд", "25 преступлений ... (2013 – 11)", "14 групп,
    из которых две транснациональные". Whether figure i found one."""
    figure = figures[i]
    if figure.span.role == "collective":
        return False  # "трое", "двое" count people, whatever came before
    antecedent = next(
        (f for f in _antecedents(s, figures, i) if f.unit not in _NO_OBJECT_UNITS), None
    )
    if antecedent is None:
        return False
    figure.part = (
        _subset_marker_between(s, antecedent, figure)
        or _next_part(s, antecedent, figure)
        or _subset_marker_after(s, figure)  # "6 из которых – ..."
        or (s.norm(antecedent.first - 1) == "из" and not _carried(s, antecedent))  # "Из 37 ... 12"
    )
    if figure.adjectives and not figure.part:
        return False  # "изъято 5 кг, задержаны 3 подозреваемых": not a part of the 5 kg
    if figure.adjectives and _names_people(s, figure.adjectives[-1], antecedent):
        return False  # "214 курьеров, в том числе 17 несовершеннолетних": a noun of its own
    figure.unit, figure.object = antecedent.unit, antecedent.object
    figure.factor = antecedent.factor
    figure.value = figure.span.value * antecedent.factor
    return True


def _carried(s: _Sentence, figure: _Figure) -> bool:
    return any(figure is f for f in s.carried)


def _subset_marker_after(s: _Sentence, figure: _Figure) -> bool:
    """ "N из них", "N из которых": the number names a part of what came before."""
    return s.norm(figure.last) == "из" and s.norm(figure.last + 1) in ("них", "которых")


def _next_part(s: _Sentence, antecedent: _Figure, figure: _Figure) -> bool:
    """A part coordinated with the part before it: "из них 87 тяжких и 34 особо тяжких",
    "из них 12 – студенты, 5 – ранее судимые"."""
    if not antecedent.part or _carried(s, antecedent):
        return False
    return all(
        s.norm(k) in (",", "и", "а", "также", "еще", *_DASHES)
        or s.is_adjective(k)
        or s.pos(k) == "ADVB"
        or s.is_noun(k)  # "из них 291 – факты сбыта, 37 – содержание притонов"
        for k in range(antecedent.last, figure.first)
    )


# Adjectives and participles that name people (substantivised) which the dictionary does not
# mark as such ("Subx"): after a number they are the counted noun.
_PERSON_ADJECTIVES = frozenset({
    "несовершеннолетний", "совершеннолетний", "малолетний", "потерпевший", "погибший",
    "умерший", "пострадавший", "осужденный", "судимый", "иногородний", "понятой",
})  # fmt: skip


def _names_people(s: _Sentence, k: int, antecedent: _Figure) -> bool:
    """Whether the adjective at k, a part of a count of people, names people of its own
    ("несовершеннолетних", "задержанных") rather than a kind of the whole's noun
    ("иностранных" граждан, "транснациональные" группы)."""
    return _animate(antecedent.object) and _substantive(s, k)


def _animate(lemma: str | None) -> bool:
    """Whether a noun lemma may name a living being: "курьер", "лицо"."""
    return lemma is not None and (
        lemma in _PERSON_ADJECTIVES
        or any(
            (r.pos == "NOUN" and r.lemma == lemma and "anim" in r.grammemes)
            or (r.pos in ("ADJF", "PRTF") and "Subx" in r.grammemes)  # "задержанный"
            for r in parse_word(lemma)
        )
    )


def _substantive(s: _Sentence, k: int) -> bool:
    """An adjective or participle that is used as a noun: marked "Subx" in the dictionary,
    read as a noun as well ("раненых", "безработных"), or one of _PERSON_ADJECTIVES."""
    readings = s.readings(k)
    if any("Apro" in r.grammemes for r in readings):
        return False  # "которых", "тех"
    adjective = {r.lemma for r in readings if r.pos in ("ADJF", "PRTF")}
    return (
        any(
            ("Subx" in r.grammemes and r.pos in ("ADJF", "PRTF"))
            or (r.pos == "NOUN" and r.lemma in adjective and r.score >= 0.2)
            for r in readings
        )
        or _adjective_as_noun(s.tokens[k]) in _PERSON_ADJECTIVES
    )


def _inherit_object(s: _Sentence, figures: list[_Figure], i: int) -> None:
    """A part measured in the same unit as the whole before it is a part of the same thing:
    "более 1,3 тонны наркотиков, из них 214 кг синтетических"."""
    figure = figures[i]
    antecedent = next(iter(_antecedents(s, figures, i)), None)
    if antecedent is None or antecedent.unit != figure.unit or antecedent.object is None:
        return
    if _subset_marker_between(s, antecedent, figure) or _next_part(s, antecedent, figure):
        figure.object, figure.part = antecedent.object, True
    elif _in_parentheses_after(s, antecedent, figure):
        figure.object = antecedent.object  # a baseline: "1,2 т наркотиков (АППГ – 0,9 т)"


def _in_parentheses_after(s: _Sentence, antecedent: _Figure, figure: _Figure) -> bool:
    """Whether figure stands in a parenthesis that opens right after its antecedent's phrase."""
    if any(antecedent is f for f in s.carried):
        return False
    for k in range(antecedent.last, figure.first):
        if s.norm(k) == "(":
            return all(s.norm(j) != ")" for j in range(k, figure.first))
        if s.tokens[k].kind != "word" or s.norm(k) in _CONNECTORS:
            return False
    return False


def _subject_before_verb(s: _Sentence, first: int) -> str | None:
    """The nominative noun before a verb that states an amount: "Ущерб государству составил
    2,3 млн рублей" (but not "курьер получил $950 тыс": the courier is not what is measured)."""
    k = first - 1
    if s.norm(k) in ("в", "во"):
        k -= 1  # "оцениваются в 25 млн рублей"
    if not s.lemmas(k) & _AMOUNT_VERBS:
        return None
    if s.norm(k - 1) == ",":  # "Ущерб, причиненный бюджету, превысил": past the phrase
        opening = next((j for j in range(k - 2, max(-1, k - 8), -1) if s.norm(j) == ","), None)
        if opening is not None and s.pos(opening + 1) == "PRTF":
            k = opening
    for j in range(k - 1, max(-1, k - 4), -1):
        nominative = [r for r in s.readings(j) if r.pos == "NOUN" and "nomn" in r.grammemes]
        if nominative and s.is_noun(j):
            lemma = nominative[0].lemma
            if (
                s.pos(j - 1) == "PREP"  # "по НДС составит": not the subject
                or "Fixd" in nominative[0].grammemes  # indeclinable: any case, no evidence
                or lemma in _TIME_NOUNS  # "на 1 января 2022 года равнялись"
            ):
                return None
            if lemma in _AMOUNT_NOUNS or lemma in _MEASURE_NOUNS:
                noun, _ = _governed_noun(s, j + 1)  # "стоимость партии составила": партия
                if noun is None or _unit_at(s, noun) is not None:
                    return None  # "стоимость одного грамма": a unit
                return _noun_lemma(s.readings(noun), s.tokens[noun])
            return lemma
        if s.tokens[j].kind != "word":
            break
    return None


def _one_is_not_a_count(s: _Sentence, span: NumberSpan) -> bool:
    """Idioms with "один" that count nothing: "с одной стороны", "на одном уровне", "одни
    переговоры", "один из"."""
    before = s.readings(span.first - 1)
    if (before and before[0].pos == "PREP") or s.norm(span.first - 1) == "ни":
        return True
    if s.norm(span.last) == "из":
        return True
    return all("plur" in r.grammemes for r in s.readings(span.numeral))


def _measured_noun(
    s: _Sentence, before: int, measures: frozenset[str] = _MEASURE_NOUNS
) -> str | None:
    """The noun that the nearest measure noun before the number governs: "Количество
    наркопреступлений ... 387", or a substantivised adjective: "Число погибших ... с 42 до
    31"."""
    for k in range(before - 1, -1, -1):
        if s.tokens[k].kind == "word" and s.lemmas(k) & measures and s.is_noun(k):
            noun, adjectives = _governed_noun(s, k + 1)
            if noun is not None and _unit_at(s, noun) is not None:
                return None  # "стоимость одного грамма": a unit, not what is measured
            if noun is not None:
                return _noun_lemma(s.readings(noun), s.tokens[noun])
            if adjectives and _substantive(s, adjectives[-1]):
                return _adjective_as_noun(s.tokens[adjectives[-1]])
    return None


def _counted_plural(s: _Sentence, k: int) -> bool:
    """A common noun read as plural genitive: what a bare number after it may count."""
    return s.is_noun(k) and any(
        {"gent", "plur"} <= r.grammemes and not {"Name", "Surn", "Geox"} & r.grammemes
        for r in s.readings(k)
        if r.pos == "NOUN"
    )


def _topic_before_verb(s: _Sentence, first: int) -> str | None:
    """A plural genitive noun, then a verb, then the number: "Наркопреступлений выявлено 387"."""
    k = first - 1
    verbs = 0
    while k >= 0 and s.pos(k) in ("VERB", "PRTS", "INFN") and verbs < 2:
        k, verbs = k - 1, verbs + 1
    if verbs and _counted_plural(s, k):
        return _noun_lemma(s.readings(k), s.tokens[k])
    return None


def _topic_before_dash(s: _Sentence, first: int, measured: bool = False) -> str | None:
    """After a dash, a bare number counts the plural genitive noun its clause is about: "Больше
    всего наркопреступлений выявлено в Алматы – 1 204". An amount in a unit (measured) also
    measures a genitive noun just before the dash: "героина – 120 кг, гашиша – 300 кг" (but
    not "в Алматинской области – 5 кг"). Units are no topics ("5 кг, гашиша – 3 кг"). A colon
    after a verb's topic works as the dash: "Заблокировано ресурсов: 3 100"."""
    if s.norm(first - 1) == ":":  # "Заблокировано ресурсов: 3 100" (not "Просмотров: 173")
        verbal = ("VERB", "PRTS", "INFN")
        if not any(r.pos in verbal for k in range(first - 1) for r in s.readings(k)):
            return None
    elif s.norm(first - 1) not in _DASHES:
        return None
    k = first - 2
    if (
        measured
        and _opens_clause(s, k)
        and s.is_noun(k)
        and _unit_at(s, k) is None
        and not s.tokens[k].text.isupper()
        and not (k > 0 and s.tokens[k].text[:1].isupper())  # a name within the sentence
        and any("nomn" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
        and not {"Name", "Surn", "Geox"} & s.readings(k)[0].grammemes
        and s.lemma(k) not in _AMOUNT_NOUNS | _MEASURE_NOUNS  # "объем – 2 л": of what?
    ):
        return s.lemma(k)  # "Ущерб – около 5 млрд тенге", "Героин – 3 кг"
    if (
        measured
        and s.is_noun(k)
        and not s.tokens[k].text[:1].isupper()
        and _unit_at(s, k) is None
        and any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
        and not _ends_prepositional_phrase(s, k)
    ):
        return _noun_lemma(s.readings(k), s.tokens[k])
    for k in range(first - 2, max(-1, first - 10), -1):
        if s.norm(k) in _CLAUSE_STOPS or s.norm(k) in _DASHES:
            return None
        if _counted_plural(s, k) and _unit_at(s, k) is None:
            return _noun_lemma(s.readings(k), s.tokens[k])
    return None


def _opens_clause(s: _Sentence, k: int) -> bool:
    """Whether token k starts the sentence or a clause after a comma, colon or semicolon."""
    return k == 0 or s.norm(k - 1) in (",", ":", ";", "(")


def _resolve_orphans(s: _Sentence, figures: list[_Figure]) -> None:
    """Numbers still without unit or noun, in text order (so that one resolved can explain the
    next: "Из 37 задержанных 12 ..."): elliptic ones inherit, the rest are counts if the
    sentence says of what; a bare number that nothing explains ("просмотров: 173", "Europe 1")
    is no figure."""
    for i, figure in enumerate(figures):
        if figure.unit not in _NO_OBJECT_UNITS and figure.object is None:
            _inherit_object(s, figures, i)
        if figure.blocked or figure.unit is not None or figure.of_next:
            continue
        if _inherit_backward(s, figures, i):
            continue
        figure.unit = "count"
        if figure.adjectives:
            figure.object = _adjective_as_noun(s.tokens[figure.adjectives[-1]])
        else:
            figure.object = (
                _measured_noun(s, figure.first)
                or _topic_before_verb(s, figure.first)
                or _topic_before_dash(s, figure.first)
            )
        if figure.object is None and figure.span.role != "collective":
            figure.blocked = True
    for left, right in itertools.pairwise(figures):
        if left.of_next and not left.blocked and left.unit is None:
            # "46 из 120 задержанных": the part counts what the whole counts
            left.blocked = right.blocked or right.unit in _NO_OBJECT_UNITS
            left.unit, left.object, left.factor = right.unit, right.object, right.factor
            left.value = left.span.value * right.factor
    for figure in figures:
        if (
            not figure.blocked
            and figure.unit not in _NO_OBJECT_UNITS
            and (figure.part or figure.object is None)
        ):
            end = figure.last + 2 if _subset_marker_after(s, figure) else figure.last
            named = _named_after_dash(s, end, figure.object if figure.part else None)
            figure.object = named or figure.object


def _named_after_dash(s: _Sentence, k: int, whole: str | None = None) -> str | None:
    """A part whose kind follows a dash: "из них почти 57 кг – синтетические наркотики",
    "из которых 12 – студенты" (but not "418 – тяжкие": no noun; nor "6 – по фактам сбыта").
    A part of people (whole: the lemma of an animate noun) may be named by a substantivised
    adjective: "из них 6 – несовершеннолетние"."""
    if s.norm(k) not in _DASHES:
        return None
    k += 1
    start = k
    while k < len(s.tokens) and (
        s.is_adjective(k) or (s.pos(k) == "ADVB" and s.is_adjective(k + 1))  # "ранее судимые"
    ):
        k += 1
    if k > start and not s.is_noun(k) and _animate(whole) and _substantive(s, k - 1):
        return _adjective_as_noun(s.tokens[k - 1])
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    if not nominative or not s.is_noun(k) or s.lemma(k) in _AMOUNT_NOUNS | _MEASURE_NOUNS:
        return None
    if s.tokens[k].text[:1].isupper() and not s.tokens[k].text.isupper():
        return None  # a place: "из них 120 – Алматы"
    return nominative[0].lemma


def _change(s: _Sentence, figure: _Figure) -> str | None:
    """increase / decrease from the nearest cue of the clause, before or after the number."""
    sign = figure.span.numeral - 1
    signed = s.glued(figure.span.numeral) and s.norm(sign) in _SIGNS
    if signed and not (s.glued(sign) and s.tokens[sign - 1].kind == "num"):  # not "10-15%"
        return _SIGNS[s.norm(sign)]  # "(+31,7%)", "(−5%)"
    best: tuple[int, str] | None = None
    for direction in (-1, 1):
        k = figure.first - 1 if direction < 0 else figure.last
        distance = 0
        while 0 <= k < len(s.tokens) and distance < _CHANGE_WINDOW:
            token = s.tokens[k]
            if token.text in _CLAUSE_STOPS:
                break
            if token.text == ",":
                distance += 3
            elif token.kind == "word":
                distance += 1
                cue = _cue(s, k, after=direction > 0, distance=distance)
                if cue:
                    if best is None or distance < best[0]:
                        best = (distance, cue)
                    break
            k += direction
    return best[1] if best else None


def _cue(s: _Sentence, k: int, after: bool, distance: int) -> str | None:
    norm = s.norm(k)
    if norm in _HIGHER:
        return "increase"
    if norm in _LOWER:
        return "decrease"
    if after and distance <= 2 and norm in _MORE_AFTER:
        return "increase"
    if after and distance <= 2 and norm in _LESS_AFTER:
        return "decrease"
    lemmas = s.lemmas(k)
    if lemmas & _INCREASE:
        return "increase"
    if lemmas & _DECREASE:
        return "decrease"
    return None


# --- the whole text ------------------------------------------------------------------------------


def _sentence_figures(s: _Sentence, blocked: Spans) -> list[_Figure]:
    figures: list[_Figure] = []
    for span in find_numbers(s.tokens):
        previous = figures[-1] if figures else None
        if previous is not None and span.first < previous.last:
            continue  # already part of the figure before: "36 кг 808 граммов"
        if _overlaps(blocked, span.start, span.end):
            figure = _Figure(span=span, first=span.first, last=span.last, value=span.value)
            figure.blocked = True
            figures.append(figure)
            continue
        figures.append(_read_figure(s, span, previous))
    _share_forward(s, figures)
    _resolve_orphans(s, figures)
    previous: _Figure | None = None
    for figure in figures:
        if figure.unit in ("percent", "times") and not figure.blocked:
            figure.change = _change(s, figure)
            if figure.change is None and previous is not None and previous.change:
                # "снизилось в 1,6 раза, а фактов сбыта – в 2,1 раза": the verb is left out
                verbs = (s.pos(k) for k in range(previous.last, figure.first))
                if not any(pos in ("VERB", "PRTS", "INFN", "PRED") for pos in verbs):
                    figure.change = previous.change
            previous = figure
    return [f for f in figures if not f.blocked]


def extract_figures(text: str, published: date | datetime | str | None = None) -> list[dict]:
    """Figures stated in text, in text order, as gold-format records with offsets, the
    sentence they stand in and that sentence's reporting period."""
    dates = extract_dates(text, published)
    date_starts = [d["char_start"] for d in dates]
    records: list[dict] = []
    figures: list[_Figure] = []
    for start, end in split_sentences(text):
        if not _may_hold_figures(text, start, end):
            figures = []
            continue
        tokens = tokenize(text, start, end)
        sentence = _Sentence(text[start:end], tokens, start, end, carried=figures)
        lo, hi = bisect.bisect_left(date_starts, start), bisect.bisect_left(date_starts, end)
        blocked = _non_figure_spans(text, start, end, dates[lo:hi])
        figures = _sentence_figures(sentence, blocked)
        if not figures:
            continue
        period_start, period_end = period_of(dates[lo:hi], text)
        for figure in figures:
            last = figure.last
            if last == len(tokens) and tokens[last - 1].text == "." and last - 1 > figure.first:
                last -= 1  # the full stop after "2,1 млн." is the sentence's
            quote_start, quote_end = tokens[figure.first].start, tokens[last - 1].end
            quote_end = _close_quotes(text, quote_start, quote_end)
            records.append(
                {
                    "quote": text[quote_start:quote_end],
                    "value": clean_value(figure.value),
                    "unit": figure.unit,
                    "qualifier": figure.qualifier,
                    "object": figure.object,
                    "change": figure.change,
                    "start": quote_start,
                    "end": quote_end,
                    "sentence": sentence.text,
                    "period_start": period_start,
                    "period_end": period_end,
                }
            )
    return records


def _close_quotes(text: str, start: int, end: int) -> int:
    """Take in the closing quote of a quoted noun: "58 «закладчиков»", not "58 «закладчиков"."""
    quote = text[start:end]
    if end < len(text) and (
        (text[end] == "»" and quote.count("«") > quote.count("»"))
        or (text[end] == '"' and quote.count('"') % 2 == 1)
    ):
        return end + 1
    return end


def _may_hold_figures(text: str, start: int, end: int) -> bool:
    """A cheap look at a sentence before reading it: figures need digits or number words, and
    a sentence without a Russian word can only hold figures written with a sign (5%, $950)."""
    if _DIGIT_RE.search(text, start, end) is None:
        forms = number_forms()
        words = _CYRILLIC_WORDS_RE.findall(text[start:end].lower().replace("ё", "е"))
        return any(word in forms for word in words)
    return (
        _CYRILLIC_RE.search(text, start, end) is not None
        or _SIGN_RE.search(text, start, end) is not None
    )
