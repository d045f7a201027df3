"""Numbers that are no figures: character spans (dates, phones, times of day, quoted names) and
token rules (law articles, ordinals, ages, names, idioms with "один", the bases of rates)."""

from __future__ import annotations

import re

from pipelines.figures.lexicon import (
    DASHES,
    LAW_ABBREVIATIONS,
    LAW_CODES,
    LAW_LEMMAS,
    MONTH_ABBREVIATIONS,
    NUMBER_SIGNS,
    PHONE_LEMMAS,
    TIME_NOUNS,
)
from pipelines.figures.phrases import noun_after
from pipelines.figures.sentence import Figure, Sentence, is_cyrillic
from pipelines.figures.units import unit_adjective, unit_at
from pipelines.morph import parse_word
from pipelines.numbers import NumberSpan, number_forms

# The patterns below start with a character class so that the regex engine can skip ahead;
# what a lookbehind would say is checked in non_figure_spans.
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
# words, checked in non_figure_spans).
_QUOTED_NAME_RE = re.compile(r"«[^«»\n]{1,40}»|\"[^\"\n]{1,40}\"|“[^“”\n]{1,40}”|„[^„“\n]{1,40}“")

_WORDS_RE = re.compile(r"[^\W\d_]+")

_HAS_DIGIT_AND_LETTER_RE = re.compile(r"(?=.*\d)(?=.*[^\W\d_])", re.DOTALL)

Spans = list[tuple[int, int]]


# "1953 г опия": a year-like number of grams (no preposition before, no dot after "г"), then a
# lower-case word; read as a mass when that word is a genitive noun.
_GRAMS_RE = re.compile(r"\d{4} ?гр?")
_NEXT_WORD_RE = re.compile(r" ([а-яё]+)")


def _grams_read_as_year(text: str, date: dict) -> bool:
    """Whether a date the dates found is a mass in grams: "доставал 1953 г опия" (not "в 1953 г
    родился", "1953 г. рождения")."""
    if not _GRAMS_RE.fullmatch(date["quote"]):
        return False
    following = _NEXT_WORD_RE.match(text, date["char_end"])
    if following is None:
        return False
    readings = parse_word(following.group(1))
    return any(
        r.pos == "NOUN" and "gent" in r.grammemes and r.lemma not in TIME_NOUNS for r in readings
    ) and not any(r.pos == "PREP" or r.lemma in ("рождение", "год") for r in readings)


def overlaps(spans: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def non_figure_spans(text: str, start: int, end: int, dates: list[dict]) -> Spans:
    """Where in text[start:end] numbers are no figures: dates, phones, times of day, names."""
    spans = [(d["char_start"], d["char_end"]) for d in dates if not _grams_read_as_year(text, d)]
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


def law_marker_before(s: Sentence, i: int) -> bool:
    """Whether a law reference or a number sign stands before token i: "ст. 228", "№ 15"."""
    j = i - 1
    while j >= 0 and s.tokens[j].text == ".":
        j -= 1
    if j > 0 and s.tokens[j].text == ":" and s.lemmas(j - 1) & LAW_LEMMAS:
        j -= 1  # "по двум статьям: 246 (контрабанда) и 273"
    if j < 0:
        return False
    if s.tokens[j].text in NUMBER_SIGNS:
        return True
    if s.norm(j - 1) == "." and s.norm(j - 2) == "т":
        return False  # "в т.ч. 64", "и т.п.": not "ч. 2", "п. 3"
    return s.tokens[j].kind == "word" and (
        s.norm(j) in LAW_ABBREVIATIONS or bool(s.lemmas(j) & LAW_LEMMAS)
    )


def _outside_brackets(s: Sentence, start: int, stop: int) -> list[int]:
    """Token indexes in [start, stop) outside round brackets: a law's name after its number."""
    kept, depth = [], 0
    for k in range(start, stop):
        text = s.tokens[k].text
        if text == "(":
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(k)
    return kept


def _count_after_article(s: Sentence, article: Figure, span: NumberSpan) -> bool:
    """«по ст. 228 – 15»: one dash with spaces on both sides between a law's number and a smaller
    one (an article's range or part, «ст. 228–231», «ч. 2 – 4», grows)."""
    gap = s.tokens[article.span.last : span.first]
    if len(gap) != 1 or s.norm(article.span.last) not in DASHES:
        return False
    before, dash, after = s.tokens[article.span.last - 1], gap[0], s.tokens[span.first]
    return before.end < dash.start and dash.end < after.start and span.value < article.span.value


def _number_word(s: Sentence, k: int) -> bool:
    """A number written as a word: the start of a range glued to its end («пять-шесть»)."""
    return s.norm(k).lower() in number_forms()


def is_not_a_quantity(s: Sentence, span: NumberSpan, previous: Figure | None) -> bool:
    """Token rules for numbers that are not quantities (the character-span rules run before)."""
    first, last = span.first, span.last
    if (
        span.suffix is not None
        and not span.suffix.startswith("кратн")
        and unit_adjective(span.suffix) is None  # "172-килограммовой партии" is an amount
    ):
        return True  # "3-й", "20-летний"
    if s.glued(first) and (s.tokens[first - 1].kind == "word" or s.norm(first - 1) in "'’"):
        # "м2", "A4", "ПМЭФ'19"; but a verb glued to the number is a space left out
        return not _verb_before_space_left_out(s, first - 1)
    if s.glued(last) and s.norm(last) == "+":
        return True  # an age rating: "16+"
    dash_before = s.glued(first) and s.tokens[first - 1].text in DASHES and s.glued(first - 1)
    if dash_before and s.tokens[first - 2].kind == "word" and not _number_word(s, first - 2):
        # a name: "Мак-2017", "COVID-19"; but a space left out about the dash after a word in
        # lower case, before a percentage or a unit, or as a long dash ("тяжких-23,6%", "в
        # прошлом году—35,7 килограмма") leaves a quantity
        return not _space_left_out_about_a_dash(s, first, last)
    # a word glued before the colon is a space left out ("наркотиков:5 кг"), not a ratio
    colon_after_word = (
        first >= 2 and s.norm(first - 1) == ":" and s.tokens[first - 2].kind == "word"
    )
    if (s.glued(last) and s.norm(last) in ("/", ":")) or (
        s.glued(first) and s.norm(first - 1) in ("/", ":") and not colon_after_word
    ):
        return True  # "24/7", "3:1"
    if s.glued(last) and s.tokens[last].kind == "word" and not is_cyrillic(s.tokens[last].text):
        return True  # "5G", "3D"
    if _names_a_site(s, last):
        return True  # "сообщает 24.kg": a site's name
    if _year_of(s, span):
        return True  # "чем в 2017 прошлом году": a year
    if first == 0 and s.norm(last) in (".", ")"):
        return True  # a list marker: "1) ...", "2. ..."
    if s.norm(last) == ")" and s.norm(first - 1) in (":", ";") and span.kind == "digits":
        return True  # a list marker inside a sentence: "Изъято: 1) героин – 12 кг; 2) опий"
    if law_marker_before(s, first) or s.norm(last) in LAW_CODES:
        return True
    if previous is not None and previous.blocked and previous.span.last <= first:
        between = {s.norm(k) for k in _outside_brackets(s, previous.span.last, first)}
        if between <= {",", "и", "или", ".", *DASHES} and previous.law:
            # "ст. 228, 228.1 и 229", "статьей 299-1", "246 (контрабанда) и 273"; but "по ст.
            # 228 – 15, по ст. 228.1 – 10": a smaller number after a spaced dash is its count
            return not _count_after_article(s, previous, span)
    if s.norm(first - 1) == "или" and s.norm(first - 2) == "раз" and span.value in (2, 3):
        return True  # "попробовал раз или два": how often, an idiom, no count
    after = s.norm(last)
    if last < len(s.tokens) and s.lemma(last) == "чтение" and span.value <= 3:
        return True  # «принят в трех чтениях»: a bill's readings, a procedure
    if after.startswith("°") or after in ("градус", "градуса", "градусов"):
        return True
    if after in MONTH_ABBREVIATIONS and span.value <= 31:
        return True  # a dateline's day: "16 апр", "3 дек."
    for k in range(max(0, first - 3), first):
        lemmas = s.lemmas(k)
        if "возраст" in lemmas:
            return True
        if (
            lemmas & PHONE_LEMMAS
            and not any(s.pos(j) in ("VERB", "PRTS") for j in range(k, first))
            and not _counted(s, k)
        ):
            # "по телефону 102", not "на телефон доверия поступило 35 сообщений" nor "изъяли 5
            # телефонов и 12 пакетов"
            return True
    return False


def _space_left_out_about_a_dash(s: Sentence, first: int, last: int) -> bool:
    word = s.tokens[first - 2].text
    if not (is_cyrillic(word) and len(word) >= 3):
        return False
    long_dash = s.tokens[first - 1].text in "–—"
    amount = s.norm(last) == "%" or unit_at(s, last) is not None
    # a capitalised word is a name's ("Мак-2017") unless a long dash and an amount follow it
    return (word.islower() and (long_dash or amount)) or (long_dash and amount)


def _counted(s: Sentence, k: int) -> bool:
    """Whether the noun at k is counted by a number before it, or its adjectives ("5 мобильных
    телефонов"): many phones, not the one whose number follows."""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    return j >= 0 and s.tokens[j].kind == "num"


def _verb_before_space_left_out(s: Sentence, k: int) -> bool:
    """A verb or short participle glued before a number: "возбуждены4 уголовных дела"."""
    return s.tokens[k].kind == "word" and len(s.tokens[k].text) > 3 and s.pos(k) in (
        "VERB", "PRTS", "INFN",
    )  # fmt: skip


def _names_a_site(s: Sentence, k: int) -> bool:
    """A dot and a Latin word glued after a number: a domain ("24.kg", "1.ru")."""
    after = s.tokens[k + 1] if k + 1 < len(s.tokens) else None
    return (
        s.norm(k) == "."
        and s.glued(k)
        and after is not None
        and s.glued(k + 1)
        and after.kind == "word"
        and not is_cyrillic(after.text)
    )


def _year_of(s: Sentence, span: NumberSpan) -> bool:
    """A year the dates did not read, the word «год» a word or two on ("в 2017 прошлом году")."""
    if span.kind != "digits" or span.multiplier != 1 or not 1900 <= span.value <= 2100:
        return False
    if span.value != int(span.value):
        return False
    return any(s.lemma(k) == "год" for k in range(span.last, min(span.last + 2, len(s.tokens))))


def one_is_not_a_count(s: Sentence, span: NumberSpan) -> bool:
    """Idioms with "один" that count nothing: "с одной стороны", "на одном уровне", "одни
    переговоры", "один из", "еще один", "один ..., а другой"."""
    before = s.readings(span.first - 1)
    if s.norm(span.first - 1) == "по" and distributive_one(s, span):
        return False  # "по одному жителю Исфары и Айни", "закрывали по одному магазину"
    if s.norm(span.first - 1) == "включая":
        return False  # «6 случаев, включая один …»: a subset, though pymorphy reads a preposition
    if (before and before[0].pos == "PREP") or s.norm(span.first - 1) in ("ни", "еще"):
        return True  # "с одной стороны", "у еще одного лица" (another, not how many)
    if s.norm(span.last) == "из":
        return True
    if any(s.lemma(k) in ("другой", "второй") for k in range(span.last, len(s.tokens))):
        return True  # "один случай произошел на юге, а другой на севере": one of two
    return all("plur" in r.grammemes for r in s.readings(span.numeral))


def distributive_one(s: Sentence, span: NumberSpan) -> bool:
    """«по одному» before the noun counted, or before the places it is counted in
    (`one_each_in_places`): one each. Not «по одной из версий» (one of them) nor «по одному и
    тому же адресу» (the same)."""
    return one_each_in_places(s, span) or any(r.pos == "NOUN" for r in s.readings(span.last))


def one_each_in_places(s: Sentence, span: NumberSpan) -> bool:
    """«2 наркопритона, по одному в Заводоуковске и Ишиме»: one each, the noun left out."""
    nxt = span.last
    return (
        s.norm(nxt) in ("в", "во")
        and nxt + 1 < len(s.tokens)
        and s.tokens[nxt + 1].text[:1].isupper()
    )


def rate_base(s: Sentence, figure: Figure, previous: Figure | None) -> bool:
    """The base of a rate, no count of its own: "на каждые 10 тыс. жителей", "на 100 тыс.
    населения", "3,2 случая на 100 тыс. человек" (but "выросло на 22 человека" counts)."""
    k = figure.span.first - 1
    if "каждый" in s.lemmas(k):
        return True
    if s.norm(k) != "на":
        return False
    if figure.object == "население":
        return True
    if figure.object in ("житель", "человек") and figure.value in (10_000, 100_000):
        return True  # «на 100 тысяч жителей приходится 165 наркоманов»: the base stated first
    return previous is not None and not previous.blocked and previous.last == k


_YIELD_VERBS = frozenset({"получаться", "получиться", "получать", "получить", "выходить", "выйти"})
_CONTENT_VERBS = frozenset({"содержаться", "содержать"})


def per_unit_base(s: Sentence, figure: Figure, previous: Figure | None) -> bool:
    """One unit that a rate is stated per, no amount of its own: "12 ц с 1 га", "с одного
    гектара собирают", "8 кг на 1 га", "из одного килограмма семян получается 20 доз", "в
    одном килограмме содержится" (but "с 1 тонны до 3 тонн" is a range, "выросла на 1
    тонну" a change, and "задержан с 1 кг героина" what he carried)."""
    if figure.span.value != 1 or figure.unit not in ("kg", "l", "ha", "m2"):
        return False
    preposition = s.norm(figure.span.first - 1)
    if preposition in ("с", "со"):
        if s.norm(figure.last) in ("до", "по", "на"):
            return False
        # "задержан с 1 кг героина": what a person carries, when no rate came before
        noun, _ = noun_after(s, figure.last)
        carried = noun is not None and any(
            "gent" in r.grammemes for r in s.readings(noun) if r.pos == "NOUN"
        )
        # a rate's base follows its amount: "12 ц с 1 га" (not a figure a clause before, nor
        # the people who carried it: "задержали трёх человек с килограммом героина")
        rate = previous is not None and not previous.blocked
        rate = rate and previous.unit not in (None, "count")
        return (rate and figure.span.first - previous.last <= 2) or not carried
    if preposition == "из":
        # «из одного килограмма семян мака получается около 20 доз»: what a yield is per
        return any(s.lemmas(k) & _YIELD_VERBS for k in range(len(s.tokens)))
    if preposition in ("в", "во"):
        # «в одном килограмме их могло бы содержаться около 12%»: what a content is per
        return any(s.lemmas(k) & _CONTENT_VERBS for k in range(len(s.tokens)))
    if preposition == "на":
        if s.norm(figure.span.first - 2) in ("расчете", "пересчете"):
            return True
        preposition_at = figure.span.first - 1
        return previous is not None and not previous.blocked and previous.last == preposition_at
    return False
