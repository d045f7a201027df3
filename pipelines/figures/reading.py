"""Reading one number of a sentence into a figure: its unit, qualifier and counted noun, or
why it is none."""

from __future__ import annotations

import re

from pipelines.figures.lexicon import (
    APPROX,
    CHANGE_NOUNS,
    CLAUSE_STOPS,
    CONNECTORS,
    COUNTED_THINGS,
    DASHES,
    DECREASE,
    DESCRIBING_NOUNS,
    DOSAGE_FORMS,
    DOSE_NOUNS,
    EVENT_NOUNS,
    FRACTION_NOUNS,
    GENERIC_DRUG_NOUNS,
    INCREASE,
    KIND_NOUNS,
    LAW_ABBREVIATIONS,
    LESS,
    MEASURE_NOUNS,
    MORE,
    MULTIPLIER_NOUNS,
    ORDINAL_NOUNS,
    OTHER_UNIT_PHRASES,
    PIECES,
    PREPOSITIONS,
    QUALITY_NOUNS,
    QUOTES,
    TIME_NOUNS,
)
from pipelines.figures.not_figures import (
    is_not_a_quantity,
    law_marker_before,
    one_each_in_places,
    one_is_not_a_count,
    per_unit_base,
    rate_base,
)
from pipelines.figures.objects import find_object
from pipelines.figures.phrases import (
    agree,
    animate,
    ends_prepositional_phrase,
    noun_after,
    noun_before_amount,
    substantive,
)
from pipelines.figures.sentence import (
    Figure,
    Sentence,
    adjective_as_noun,
    is_cyrillic,
    noun_lemma,
    takes_paucal,
    takes_singular,
    unknown_word,
)
from pipelines.figures.substances import ALL_AMOUNT_FINDERS, counted_before_bracket
from pipelines.figures.units import (
    CURRENCY_COUNTRIES,
    compound_mass,
    is_unit_lemma,
    unit_adjective,
    unit_at,
)
from pipelines.morph import Reading
from pipelines.numbers import MULTIPLIER_ABBREVIATIONS, NumberSpan, clean_value, number_forms
from pipelines.substance_names import drug_names

_EXCEED_VERBS = frozenset({"превысить", "превышать"})


# amount words that a mass, volume or area follows, never a count
_PHYSICAL_AMOUNTS = frozenset({"масса", "вес", "объем", "объём", "площадь"})


def _people_of_a_thing(s: Sentence, k: int, noun: int) -> bool:
    """An active participle used as a noun (pymorphy marks it "Subx": "обучающихся") right
    after the number, before a thing it is of ("обучающихся общеобразовательных
    организаций", "обучающихся СПО"): the people are counted, not the thing."""
    participle = any(r.pos == "PRTF" and {"Subx", "actv"} <= r.grammemes for r in s.readings(k))
    if not participle:
        return False
    if s.tokens[noun].text.isupper() and len(s.tokens[noun].text) > 1:
        return True  # an abbreviation of an institution: "СПО", "ВУЗ"
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"]
    return bool(nouns) and "inan" in nouns[0].grammemes


def _participle_and_its_object(s: Sentence, figure: Figure, k: int, noun: int) -> bool:
    """An active participle after the number whose noun cannot be what is counted, being in
    no genitive the number governs: «46 однократно употребивших наркотики» counts the people
    who used them."""
    if not any(r.pos == "PRTF" and "actv" in r.grammemes for r in s.readings(k)):
        return False
    if figure.span.multiplier != 1:
        return False  # «на 100 тысяч соответствующего населения»: «тысяч» governs the noun
    value = figure.span.value
    few = value == int(value) and int(value) % 10 in (2, 3, 4) and int(value) % 100 // 10 != 1
    governed = {"gent", "sing" if few else "plur"}
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"]
    return bool(nouns) and not any(governed <= r.grammemes for r in nouns)


# Comparatives that state a difference when "на" follows: "больше на 12%" (but "более чем на").
_COMPARATIVES = frozenset({"больше", "меньше", "выше", "ниже"})


# Verbs after which "до N" is the level reached, not a bound: "выросло до 85%", "довести до".
_REACH_VERBS = INCREASE | DECREASE | frozenset({
    "достичь", "достигнуть", "достигать", "довести", "доводить", "дойти", "составить",
})  # fmt: skip


def _up_to(s: Sentence, k: int) -> bool:
    """ "ежегодно переправляется до 100 тонн", "штраф до 500 тыс.": "до" at k bounds the number
    from above, unless it ends a range ("с 457 до 387", "от 5 до 10") or the level a change
    reached ("сократилось до 387") earlier in the clause. Another number of the clause starts
    no range («3 гектара конопли, из которой можно было изготовить до 500 кг»)."""
    if s.norm(k) != "до":
        return False
    if _change_verb_after(s, k + 1):
        return False  # «резко до 72% выросло число наркозависимых»: the level a change reached
    last = k - 1
    if s.norm(last) == "(" and last:
        last -= 1  # «снизилось ещё на 2% (до 733 человек)»: the clause goes on before the bracket
    if s.norm(last) == ")":
        # «с 612 (в 2013 году) до 775»: the earlier value's year in brackets between the ends
        back = range(last - 1, max(-1, last - 8), -1)
        opening = next((i for i in back if s.norm(i) == "("), None)
        last = opening - 1 if opening is not None else last
    for j in range(last, max(-1, k - 16), -1):
        if s.norm(j) == "." and j and _abbreviated(s, j - 1):
            continue  # «с 4,24 тыс. до 23,97 тыс.», «с 392 чел. до 294»: an abbreviation's dot
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) in (".", ";"):
            break
        if s.norm(j) in ("с", "со", "от") or (j == last and s.tokens[j].kind == "num"):
            return False
        if s.lemmas(j) & _REACH_VERBS and not s.lemmas(j - 1) & _MAY:
            return False  # («мог достигать до 10 кг в месяц»: a bound of what may be)
    return True


_MAY = frozenset({"мочь"})


def _change_verb_after(s: Sentence, k: int) -> bool:
    """Whether a verb of change follows in the clause from k: «до 72% выросло», «— до 75,5 тыс.
    человек — выросло количество»."""
    for j in range(k, min(len(s.tokens), k + 10)):
        if s.norm(j) == "." and j and _abbreviated(s, j - 1):
            continue
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) in (".", ";", ",", "("):
            return False
        if s.pos(j) == "VERB":
            return bool(s.lemmas(j) & (INCREASE | DECREASE))
    return False


_SUBSET_MARKERS = (("в", "том", "числе"), ("включая",), ("из", "них"), ("среди", "них"))


def _after_a_subset_marker(s: Sentence, first: int) -> bool:
    words = tuple(s.norm(k) for k in range(max(0, first - 3), first))
    return any(words[-len(marker) :] == marker for marker in _SUBSET_MARKERS)


def _abbreviated(s: Sentence, k: int) -> bool:
    """A multiplier or a short word in lower case before a dot and a word in lower case: an
    abbreviation («тыс.», «чел.», «руб.»), not a sentence's end."""
    if s.norm(k) in MULTIPLIER_ABBREVIATIONS:
        return True
    word, nxt = s.tokens[k].text, s.tokens[k + 2].text if k + 2 < len(s.tokens) else ""
    return word.isalpha() and word.islower() and len(word) <= 4 and nxt[:1].islower()


# bounds written as parenthetical words, which a comma may follow
_PARENTHETICAL_BOUNDS = frozenset({"минимум", "максимум", "мере", "примерно", "приблизительно"})


def _qualifier(s: Sentence, first: int) -> tuple[str, int]:
    """(qualifier, index where the figure's quote starts) from the words before the number."""
    if _up_to(s, first - 1):
        return "less_than", first - 1
    if s.norm(first - 1) == "районе" and s.norm(first - 2) == "в":
        return "approx", first - 2  # «оставалась в районе 2,5 тысяч»
    if (
        s.norm(first - 1) in DASHES
        and first >= 3
        and s.tokens[first - 2].kind == "num"
        and s.norm(first - 3) in APPROX
    ):
        return "approx", first  # «примерно 3-4%»: an approximate range is approximate to its end
    k = first - 1
    if s.norm(k) == "," and s.norm(k - 1) in _PARENTHETICAL_BOUNDS:
        k -= 1  # "как минимум, 6 фактов": a bound set off by a comma
    if s.norm(k) == "малого" and s.norm(k - 1) == "без":
        return "approx", k - 1  # "без малого четыре тысячи": almost
    if s.norm(k) in PREPOSITIONS:
        k -= 1  # "почти на 16%", "более чем в 4 раза", "более чем к 250 активам"
    negated = s.norm(k - 1) == "не"
    if s.norm(k) == "чем":
        # "более чем в 4 раза"; "более, чем в 6 миллионов": the comma some put before «чем»
        comma = s.norm(k - 1) == ","
        if s.norm(k - 1 - comma) in MORE | LESS:
            k -= 1 + comma
            negated = s.norm(k - 1) == "не"
    word = s.norm(k)
    if word in _COMPARATIVES and s.norm(k + 1) in ("на", "в", "во") and not negated:
        # "стало меньше на 12%": a difference, not a bound; "эта цифра больше в 5-6 раз", "стало
        # меньше в 10 регионах": a ratio or where, not a bound either ("более чем в 4 раза" is)
        return "exact", first
    if word in MORE or word in LESS:
        more = (word in MORE) != negated
        return ("more_than" if more else "less_than"), k - 1 if negated else k
    if word in APPROX:
        return "approx", k
    if word in ("минимум", "максимум"):  # "как минимум к 13 фактам", "максимум 5 кг"
        start = k - 1 if s.norm(k - 1) == "как" else k
        return ("more_than" if word == "минимум" else "less_than"), start
    if word == "мере" and s.norm(k - 1) in ("меньшей", "крайней") and s.norm(k - 2) == "по":
        return "more_than", k - 2  # "по меньшей мере 5 кг"
    if s.lemmas(first - 1) & _EXCEED_VERBS and s.norm(first - 2) != "не":
        return "more_than", first  # "превысила 680 млн": the verb stays outside the quote
    return "exact", first


def _elliptic_in_a_list(s: Sentence, figure: Figure, previous: Figure | None) -> bool:
    """Whether figure follows a count of a noun right after «и» or a comma, so that a genitive
    after it that does not agree with it says what kind, not what is counted."""
    return (
        previous is not None
        and not previous.blocked
        and previous.unit == "count"
        and previous.object is not None
        and s.norm(figure.first - 1) in ("и", ",")
        and previous.last < figure.first
    )


def _plural_required(value: float | int) -> bool:
    """Whether a noun after this cardinal must be plural ("5 фактов") or genitive singular."""
    n = int(value)
    return n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14


def _reads_as_ordinal(s: Sentence, span: NumberSpan, noun: int) -> bool:
    """A digit whose noun does not agree with a cardinal: "учащиеся 9 класса", "на 5 этаже"."""
    if span.kind != "digits" or span.multiplier != 1 or not float(span.value).is_integer():
        return False
    readings = [r for r in s.readings(noun) if r.pos == "NOUN"]
    if s.lemma(noun) == "раз":
        return False  # "жители 82 раза обращались": no "82nd time" is written so
    if s.lemma(noun) in ORDINAL_NOUNS:
        if span.value == 1:
            return True  # "в рамках 1 этапа операции", "1 курс": the first; one is «один этап»
        # "учащихся 9–11 классов", "студентов 3 курса": after a noun, which grades
        before = span.first - 1
        if s.norm(before) in DASHES and s.tokens[before - 1].kind == "num":
            before -= 2  # the start of a range
        if (s.is_noun(before) or substantive(s, before)) and not ends_prepositional_phrase(
            s, before
        ):
            return True
    if not readings or any({"Fixd", "Abbr", "plur"} & r.grammemes for r in readings):
        return False
    if s.lemma(noun) in EVENT_NOUNS and any("gent" in r.grammemes for r in readings):
        return False  # «66 факта сбыта»: a slip in the case of a count
    n = int(span.value)
    if _plural_required(n):
        return True
    if n % 10 in (2, 3, 4):
        if not any("gent" in r.grammemes for r in readings):
            return True
        if any(
            {"gent", "anim"} <= r.grammemes and not {"Name", "Surn", "Patr"} & r.grammemes
            for r in readings
        ):
            return False  # "торговали героином 4 человека": people are counted, never a label
        # "студенты 2 курса": after a noun the small digit names which course, not how many
        # (but "в активе 2903 очка", "в том числе 23 факта" count: the noun before ends a
        # prepositional phrase)
        before = span.first - 1
        return (
            n < 100
            and s.is_noun(before)
            and not s.tokens[before].text.isupper()
            and not ends_prepositional_phrase(s, before)
            # «изъяли у хозяев этих торговых точек 32 свертка»: a genitive plural that ends
            # a phrase of its own is no noun the digit numbers
            and not _ends_genitive_chain(s, before)
        )
    return False


def _ends_genitive_chain(s: Sentence, k: int) -> bool:
    """Whether the noun at k is a genitive plural that depends on the noun of a prepositional
    phrase before it («у хозяев этих торговых точек»), past its adjectives and demonstratives
    (not «учащиеся школ 2 смены», whose chain is the subject)."""
    if not any({"gent", "plur"} <= r.grammemes for r in s.readings(k) if r.pos == "NOUN"):
        return False
    j = k - 1
    while j >= 0 and (s.is_adjective(j) or s.pos(j) in ("NPRO", "ADJF", "PRTF")):
        j -= 1
    return s.is_noun(j) and ends_prepositional_phrase(s, j)


def _a_priced_unit(s: Sentence, span: NumberSpan) -> bool:
    """«Один грамм героина стоит 5 тыс. тенге»: one unit opening a sentence about its price."""
    one = s.tokens[span.first].text.lower() in ("1", "один", "одна", "одно")
    return (
        one
        and span.first <= 1
        and any(s.lemma(k) == "стоить" for k in range(span.last, span.last + 4))
    )


def read_figure(s: Sentence, span: NumberSpan, previous: Figure | None) -> Figure:
    figure = Figure(span=span, first=span.first, last=span.last, value=span.value)
    if is_not_a_quantity(s, span, previous):
        figure.blocked = True
        figure.law = law_marker_before(s, span.first) or bool(previous and previous.law)
        return figure
    if span.value == 1 and (
        s.norm(span.first - 1) == "за"
        or s.lemma(span.first - 1) in ("стоимость", "цена")
        or _a_priced_unit(s, span)
    ):
        # a price per unit: "за 1 грамм", "стоимость одного грамма", "Один грамм героина стоит"
        figure.blocked = True
        return figure
    if span.role == "factor" or (span.suffix or "").startswith("кратн"):
        figure.unit = "times"
    elif s.norm(span.first - 1) in ("в", "во") and s.lemma(span.last) == "раз":
        figure.unit, figure.first, figure.last = "times", span.first - 1, span.last + 1
    elif s.lemma(span.last) == "раз" and _end_of_a_factor_range(s, span):
        figure.unit, figure.last = "times", span.last + 1  # the 30 of «в 5 — 30 раз»
    elif s.lemma(span.last) == "раз" and _factor_without_v(s, span):
        figure.unit, figure.last = "times", span.last + 1  # "что 2,3 раза превышает уровень"
    elif span.currency:
        figure.unit = span.currency
        if s.norm(span.last) in CURRENCY_COUNTRIES:
            figure.last = span.last + 1  # "$10 млн США": the country names the dollar
    elif unit_adjective(span.suffix):  # "172-килограммовой партии"
        figure.unit, figure.factor = unit_adjective(span.suffix)
        figure.value = span.value * figure.factor
    else:
        unit = unit_at(s, span.last) or _unit_past_adjectives(s, span.last)
        bracket = _bracket_around_or_after(s, span) if unit is None else None
        if bracket is not None and unit_at(s, bracket + 1):
            unit = unit_at(s, bracket + 1)  # "15,540 (АППГ – 12,706) кг": both in kg
            figure.bracket_end = bracket
        if unit and unit[0] == "other":
            figure.blocked = True
            return figure
        if unit:
            figure.unit, figure.factor, figure.last = unit
            figure.value = span.value * figure.factor
            figure.last = compound_mass(s, figure)
            if per_unit_base(s, figure, previous):
                figure.blocked = True  # "12 ц с 1 га": the base of a rate
                return figure
    figure.qualifier, figure.first = _qualifier(s, figure.first)
    if span.over and figure.qualifier == "exact":
        figure.qualifier = "more_than"  # "70 с лишним килограммов"
    if figure.unit in ("percent", "times"):
        return figure
    if figure.unit is None:
        _read_count(s, figure, previous)
        if rate_base(s, figure, previous):
            figure.blocked = True  # "3,2 случая на 100 тыс. населения"
            return figure
    else:
        figure.object = find_object(s, figure, ALL_AMOUNT_FINDERS)
        if (
            figure.object in DESCRIBING_NOUNS - KIND_NOUNS
            or is_unit_lemma(figure.object)
            or figure.object in MULTIPLIER_NOUNS
            or figure.object in CHANGE_NOUNS  # "прирост составил почти одну тонну"
            or figure.object == "цифра"  # "эта цифра достигла 4 т": the amount named before
        ):
            # "65 килограммов растительного происхождения", "150 кг - каннабисной группы": the
            # class of what the amount weighs; "15 кг (15 547 гр.)": the unit of its twin. What
            # it weighs was named before (pipelines/figures/document.py)
            figure.object = None
        if figure.object is None and _bracket_of_numbers_end(s, figure.last) is not None:
            # "порядка 15-ти килограммов (15 547 гр.) наркотических веществ": past the bracket
            last, figure.last = figure.last, _bracket_of_numbers_end(s, figure.last) + 1
            figure.object = find_object(s, figure, ALL_AMOUNT_FINDERS)
            figure.last = last
        if figure.bracket_end == span.last:
            figure.last = span.last  # "12,706" of "(АППГ – 12,706) кг": the quote is its own
    return figure


_COMMA_GROUP = re.compile(r"^\d{1,3}[,.]\d{3}$")


def _thousands_comma(s: Sentence, span: NumberSpan, noun: int) -> bool:
    """ "6,648 фактов", "1.610 капсул": a comma or dot before three digits groups thousands
    when the noun is in the genitive plural, which only a whole number governs (a decimal
    takes the singular: "6,6 факта")."""
    if span.kind != "digits" or span.multiplier != 1:
        return False
    if not _COMMA_GROUP.match(s.tokens[span.numeral].text):
        return False
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"]
    return bool(nouns) and all({"gent", "plur"} <= r.grammemes for r in nouns[:1])


_WITH = frozenset({"с", "со", "между", "за", "под", "над", "перед"})


def _end_of_a_factor_range(s: Sentence, span) -> bool:
    """«в 5 — 30 раз», «в 2-3 раза»: the range's end, its start after «в» (the start takes the
    unit from it as a range's start does)."""
    k = span.first
    return (
        s.norm(k - 1) in DASHES
        and k >= 3
        # in digits or words: «в 2-3 раза», «в пять-шесть раз»
        and (s.tokens[k - 2].kind in ("num", "digits") or s.norm(k - 2).lower() in number_forms())
        and s.norm(k - 3) in ("в", "во")
    )


def _factor_without_v(s: Sentence, span) -> bool:
    """ "N раз" with its «в» left out: a fraction («что 2,3 раза превышает») or a comparison right
    after («2 раза больше»), never how often something happened."""
    after = span.last + 1
    return not float(span.value).is_integer() or bool(
        s.lemmas(after) & (INCREASE | DECREASE) or s.norm(after) in _COMPARATIVES
    )


# Verbs of one person's record: "ранее он 4 раза привлекался к ответственности".
_RECORD_VERBS = frozenset({"привлекаться", "привлекать", "судить", "судимый", "осудить",
                           "задерживаться", "отбывать", "попадаться", "сидеть"})  # fmt: skip


def _record_of_one(s: Sentence, noun: int) -> bool:
    """ "N раз" counts how often things happened («таможенники 339 раз обнаруживали
    наркотики», «бригады 371 раз выезжали»), unless a verb of one person's record stands
    a few words from it («ранее он 4 раза привлекался», «3 раза был судим»)."""
    near = range(max(0, noun - 4), min(len(s.tokens), noun + 4))
    return any(s.lemmas(k) & _RECORD_VERBS for k in near)


def _says_how(s: Sentence, figure: Figure, noun: int) -> bool:
    """A noun in the instrumental after a number with a multiplier and no preposition is not
    what is counted but how: "2,3 млрд тенге (1,2 млрд наличными и 1,1 млрд на счетах)" (a count
    after "с" is: "с 5 пакетами")."""
    instrumental = [r for r in s.readings(noun) if r.pos == "NOUN"]
    return (
        figure.span.multiplier > 1
        and bool(instrumental)
        and all("ablt" in r.grammemes for r in instrumental)
        and s.norm(figure.first - 1) not in _WITH
    )


def _adjective_counts(s: Sentence, adjectives: list[int], value: float) -> bool:
    """Whether the adjective before the noun takes the number's case, so that the noun's is a
    slip: "3 868 несовершеннолетних потребителя" counts потребители, as the genitive plural of
    «несовершеннолетних» says."""
    if not adjectives or value != int(value) or not _plural_required(int(value)):
        return False
    return any(
        {"gent", "plur"} <= r.grammemes for r in s.readings(adjectives[-1]) if r.pos == "ADJF"
    )


def _whole_of_the_count_before(s: Sentence, figure: Figure, previous: Figure | None) -> bool:
    """«В 678 случаях из 967 лицо … установлено»: the number after «из» that follows a count's
    noun is the whole that count is taken from, of the same noun."""
    return (
        previous is not None
        and not previous.blocked
        and previous.unit == "count"
        and previous.object is not None
        and previous.last == figure.first - 1
        and s.norm(figure.first - 1) == "из"
        and previous.value <= figure.value
    )


# adjectives of an age or a duration written apart from the number: "19 летний", "6 месячный"
_AGE_WORDS = frozenset({"летний", "месячный", "годовалый"})


def _names_a_drug(s: Sentence, k: int) -> bool:
    """Whether the noun at k names a drug, as the units counted of it do («40 единиц
    трамадола», «600 единиц «Трамала»», «17 единиц … таблеток»): a drug of
    data/indicators.toml or a form a medicine comes in, a name in quotes or Latin letters, or a
    word the dictionary lacks (a medicine's name)."""
    token = s.tokens[k]
    return (
        s.lemma(k) in drug_names()
        or s.lemma(k) in DOSAGE_FORMS
        or s.norm(k - 1) in QUOTES
        or not is_cyrillic(token.text)
        or unknown_word(token.norm)
    )


def _unit_past_adjectives(s: Sentence, k: int) -> tuple[str, float, int] | None:
    """A unit after one or two adjectives: «74 запрещенных килограмма» weigh 74 kg."""
    j = k
    while j < k + 2 and s.is_adjective(j):
        j += 1
    unit = unit_at(s, j) if j > k else None
    return unit if unit is not None and unit[0] != "other" else None


def _read_count(s: Sentence, figure: Figure, previous: Figure | None) -> None:
    """A number without a unit: a count of the noun after it, if any."""
    if figure.span.role == "one" and one_is_not_a_count(s, figure.span):
        figure.blocked = True
        return
    start = figure.last
    pieces = s.norm(start) in PIECES or s.lemma(start) in PIECES  # "50 шт.", "50 штук"
    if pieces:
        abbreviated = s.norm(start + 1) == "." and start + 2 < len(s.tokens)
        start += 2 if abbreviated else 1
    noun, adjectives = noun_after(s, start)
    if adjectives and s.lemma(adjectives[0]) == "который":
        # «наркоманов, более 50 которых обратились»: the relative points back, no noun of its own
        noun, adjectives = None, []
    if s.lemma(figure.span.numeral) == "оба":
        # "в обоих случаях", "оба подозреваемых": both of those the text named before, no new
        # count (seven of the nine blind annotations of the held-out set leave it out)
        figure.blocked = True
        return
    paired = _noun_past_paired_number(s, figure.span) if noun is None and not adjectives else None
    if paired is not None:  # "800 (745) правонарушений": both count the noun after them
        noun, adjectives = paired
    if noun is not None and adjectives and _people_of_a_thing(s, adjectives[0], noun):
        # "4 852 обучающихся общеобразовательных организаций": the participle is counted
        figure.unit, figure.object = "count", adjective_as_noun(s.tokens[adjectives[0]])
        figure.last = adjectives[0] + 1
        return
    if (
        noun is not None
        and adjectives
        and _participle_and_its_object(s, figure, adjectives[-1], noun)
    ):
        after = noun + 1
        if after < len(s.tokens) and s.is_noun(after) and agree(s, adjectives[-1], after):
            # «25 перевозивших героин курьеров»: the noun after the participle's object
            figure.unit, figure.object = "count", noun_lemma(s.readings(after), s.tokens[after])
            figure.last = after + 1
        else:
            # «46 однократно употребивших наркотики»: the participle counts people
            figure.unit, figure.object = "count", adjective_as_noun(s.tokens[adjectives[-1]])
            figure.last = adjectives[-1] + 1
        return
    if noun is not None and s.lemma(noun) == "год" and s.norm(noun + 1) in ("ранее", "раньше"):
        noun, adjectives = None, []  # "340 преступлений против 290 годом ранее": no duration
    if noun is not None and _says_how(s, figure, noun):
        noun, adjectives = None, []  # "1,2 млрд наличными": how the amount was held
    if noun is not None and (s.lemma(noun) in TIME_NOUNS or s.norm(noun) == "мес"):
        figure.blocked = True  # a duration or an age: "за 7 месяцев", "25 лет", "3 суток"
        return
    if adjectives and adjectives[0] == start and s.lemma(start) in _AGE_WORDS:
        figure.blocked = True  # an age with its hyphen left out: "19 летние орчане"
        return
    if noun is not None and s.norm(noun) in LAW_ABBREVIATIONS and s.norm(noun + 1) == ".":
        figure.blocked = figure.law = True  # "4, 5 ст. 228.1" (a sentence cut after "чч.")
        return
    if noun is not None and s.lemma(noun) in FRACTION_NOUNS and not adjectives:
        figure.blocked = True  # a share: "три четверти этого веса", "две трети задержанных"
        return
    if noun is not None and s.lemma(noun) == "раз" and not adjectives and _record_of_one(s, noun):
        figure.blocked = True  # one person's record, not a count: "3 раза привлекался"
        return
    if (
        noun is not None
        and adjectives
        and (s.lemma(adjectives[-1]), s.lemma(noun)) in (OTHER_UNIT_PHRASES)
    ):
        figure.blocked = True  # "150 лошадиных сил"
        return
    if noun is not None:
        # "100 шт. препарата": the pieces agree with the number, what they are of need not
        if (
            not pieces
            and _reads_as_ordinal(s, figure.span, noun)
            and not _adjective_counts(s, adjectives, figure.value)
        ):
            if _whole_of_the_count_before(s, figure, previous):
                figure.unit, figure.object = "count", previous.object  # "… из 967 лицо …"
                return
            if adjectives and _elliptic_in_a_list(s, figure, previous):
                # «59 фактов сбыта и 10 контрабандного провоза»: the noun of the count before
                figure.unit, figure.object = "count", previous.object
                return
            figure.blocked = True
            return
        figure.unit = "count"
        paucal = takes_paucal(figure.value)
        figure.object = noun_lemma(
            _agreeing(s, adjectives, noun, paucal),
            s.tokens[noun],
            paucal=paucal,
            singular=takes_singular(figure.value),
        )
        figure.last = noun + 1 if paired is None else figure.span.last  # the brackets between
        if _thousands_comma(s, figure.span, noun):
            figure.value = clean_value(figure.value * 1000)
        if figure.object in DOSE_NOUNS:  # "40 единиц трамадола": the substance
            dot = s.norm(noun + 1) == "." and s.glued(noun + 1)  # "40 ед. трамадола"
            substance, _ = noun_after(s, noun + 2 if dot else noun + 1)
            if substance is not None and s.lemma(substance) in QUALITY_NOUNS:
                substance, _ = noun_after(s, substance + 1)  # "единиц белого цвета таблеток"
            # "126 единиц холодного оружия": an adjective read as a noun before the thing
            thing = substance is not None and (
                s.lemma(substance) in COUNTED_THINGS or s.lemma(substance + 1) in COUNTED_THINGS
            )
            # "712 тысяч доз наркотиков", "162 единицы препаратов": doses and units of no
            # named drug
            named = substance is not None and s.lemma(substance) not in GENERIC_DRUG_NOUNS
            if named and figure.object == "единица" and not _names_a_drug(s, substance):
                named = False  # "241 единица автотранспорта", "3 единицы гранат": units
            if named and not thing and unit_at(s, substance) is None:
                figure.object = noun_lemma(s.readings(substance), s.tokens[substance])
        return
    if start == s.cut:  # "задержано 170 гра": a count of a word the text cut off
        figure.unit, figure.last = "count", start + 1
        return
    after = adjectives[-1] + 1 if adjectives else figure.span.last
    shares_next = s.norm(after) in CONNECTORS
    last_of_a_list = (
        previous is not None
        and not previous.blocked
        and s.norm(figure.first - 1) == "и"
        and previous.last < figure.first - 1
        and s.norm(previous.first - 1) in DASHES  # "трех лабораторий — двух в …, и одной в …"
    )
    if (
        figure.span.role == "one"
        and s.norm(figure.first - 1) == "по"
        and previous is not None
        and previous.unit in ("count", None)
        and one_each_in_places(s, figure.span)
    ):
        # "2 притона, по одному в Ишиме": one of the same each; after a bare number ("из них 13
        # в Абакане, по одному в …") both take what that number inherits
        if previous.unit == "count":
            figure.unit, figure.object = "count", previous.object
        return
    if (
        figure.span.role == "one"
        and previous is not None
        and previous.unit == "count"
        and not previous.blocked
        and _after_a_subset_marker(s, figure.first)
    ):
        # «четырех преступных групп, в том числе одной транснациональной», «6 случаев, включая
        # один»: one of the count before
        figure.unit, figure.object = "count", previous.object
        return
    if figure.span.role == "one" and not shares_next and not last_of_a_list:
        figure.blocked = True  # "один" without a noun is no count
        return
    if not adjectives and s.norm(start) == "из":  # "двум из закупаемых машин"
        noun, of = noun_after(s, start + 1)
        if noun is not None and any(
            {"gent", "plur"} <= r.grammemes for r in s.readings(noun) if r.pos == "NOUN"
        ):
            figure.unit, figure.object = "count", noun_lemma(s.readings(noun), s.tokens[noun])
            return
        if noun is None and of and substantive(s, of[-1]):  # "двое из задержанных"
            figure.unit, figure.object = "count", adjective_as_noun(s.tokens[of[-1]])
            return
    if not adjectives and _whole_of_the_count_before(s, figure, previous):
        figure.unit, figure.object = "count", previous.object
        return
    counted = None if adjectives else counted_before_bracket(s, figure, previous)
    if counted is not None:  # "в Ленинском (64), Советском (38)": of the noun counted before
        figure.unit, figure.object = "count", counted
        return
    # «каннабис массой более 500 и 900 граммов»: a mass whose unit comes with the next number
    measured = shares_next and any(
        s.lemma(k) in _PHYSICAL_AMOUNTS for k in range(max(0, figure.first - 3), figure.first)
    )
    before = None if measured else noun_before_amount(s, figure.first)
    if before is not None:  # "таблетки в количестве 50 штук"
        figure.unit, figure.object = "count", noun_lemma(s.readings(before), s.tokens[before])
        figure.last = start
        return
    held = _noun_past_a_phrase(s, adjectives[-1]) if adjectives else None
    if held is not None:  # "188 протестированных в Тамбовском районе учеников"
        figure.unit, figure.object = "count", noun_lemma(s.readings(held), s.tokens[held])
        figure.last = held + 1
        return
    figure.adjectives = adjectives
    if adjectives and paired is None:
        figure.last = after  # (past a bracket, the quote stops at the number, as for a noun)
    figure.shares_next = shares_next
    figure.of_next = (
        not adjectives
        and s.norm(start) == "из"
        and (s.norm(start + 1)[:1].isdigit() or s.norm(start + 1) in number_forms())
    )


def _noun_past_a_phrase(s: Sentence, adjective: int) -> int | None:
    """The noun a participle after a number describes past its own prepositional phrase:
    "188 протестированных в Тамбовском районе учеников", "пять приготовленных для переработки
    кустов" (in the plural genitive, with no comma between), not the phrase's own noun."""
    if s.pos(adjective + 1) != "PREP":
        return None
    wanted = {"gent", "plur"}
    if not any(wanted <= r.grammemes for r in s.readings(adjective) if r.pos in ("ADJF", "PRTF")):
        return None
    person = animate(adjective_as_noun(s.tokens[adjective]))
    for k in range(adjective + 2, min(len(s.tokens), adjective + 7)):
        if s.tokens[k].kind != "word" or s.pos(k) in ("VERB", "CONJ", "PREP"):
            return None
        nouns = [r for r in s.readings(k) if r.pos == "NOUN"]
        if nouns and wanted <= nouns[0].grammemes and s.is_noun(k):
            if not s.tokens[k].text.islower() or unit_at(s, k) is not None:
                return None
            # a participle that names people describes people only («подозреваемых в сбыте
            # наркотиков»: the phrase's own noun), and drugs in general are weighed, not
            # counted («12 связанных с оборотом наркотиков»)
            if "anim" in nouns[0].grammemes:
                return k
            return None if person or nouns[0].lemma in GENERIC_DRUG_NOUNS else k
    return None


_COMPARISON_BRACKET_LIMIT = 12


def comparison_bracket_end(s: Sentence, k: int) -> int | None:
    """The index of ")" closing a short bracket that opens at k and ends in a number or a
    percentage: last year's value or the change, put between a number and what it counts
    ("800 (745) правонарушений", "120 (+15%) преступлений", "152 (АППГ – 195, -22,1%)
    уголовных дела", "15,540 (АППГ – 12,706) кг", "152 (в 2016 году – 195) дела")."""
    if s.norm(k) != "(":
        return None
    for j in range(k + 1, min(len(s.tokens), k + _COMPARISON_BRACKET_LIMIT)):
        if s.norm(j) == ")":
            last = j - 1 - (s.norm(j - 1) == "%")
            return j if last > k and s.tokens[last].kind == "num" else None
        if s.norm(j) in CLAUSE_STOPS or _full_stop(s, j):
            return None
    return None


def _full_stop(s: Sentence, k: int) -> bool:
    """A "." that is no year's abbreviation: «(2022 г. – 1300)» is one bracket."""
    return s.norm(k) == "." and s.norm(k - 1) not in ("г", "гг")


def _bracket_of_numbers_end(s: Sentence, k: int) -> int | None:
    """The ")" of a short bracket opening at k that holds a number: last year's value or the
    same amount in other units ("(15 547 гр.)", "(АППГ – 12,706 кг)")."""
    if s.norm(k) != "(":
        return None
    for j in range(k + 1, min(len(s.tokens), k + _COMPARISON_BRACKET_LIMIT)):
        if s.norm(j) == ")":
            return j if any(t.kind == "num" for t in s.tokens[k + 1 : j]) else None
        if s.norm(j) in CLAUSE_STOPS:
            return None
    return None


def _bracket_around_or_after(s: Sentence, span: NumberSpan) -> int | None:
    """The ")" of a comparison bracket that follows the number, or that the number ends after
    another number ("15,540 (АППГ – 12,706) кг": the unit after the bracket is both's)."""
    after = comparison_bracket_end(s, span.last)
    if after is not None or s.norm(span.last) != ")":
        return after
    for k in range(span.first - 1, max(0, span.first - _COMPARISON_BRACKET_LIMIT), -1):
        if s.norm(k) == "(":
            opens_after_number = k > 0 and s.tokens[k - 1].kind == "num"
            return span.last if opens_after_number and comparison_bracket_end(s, k) else None
        if s.norm(k) in CLAUSE_STOPS or _full_stop(s, k):
            return None
    return None


def _noun_past_paired_number(s: Sentence, span: NumberSpan) -> tuple[int | None, list[int]] | None:
    """A number paired with one in brackets, "800 (745) правонарушений" (this year's and last
    year's, or the change: comparison_bracket_end), counts the noun after the brackets:
    (noun, adjectives) from there, or None."""
    first, last = span.first, span.last
    if comparison_bracket_end(s, last) is not None:
        after = comparison_bracket_end(s, last)
    elif s.norm(first - 1) == "(" and s.norm(last) == ")" and s.tokens[first - 2 : first - 1]:
        if s.tokens[first - 2].kind != "num":
            return None
        after = last
    else:
        return None
    if s.norm(after) != ")":
        return None
    noun, adjectives = noun_after(s, after + 1)
    if noun is None and adjectives:
        return None, adjectives  # "239 (АППГ – 284) тяжких и особо тяжких": what they describe
    if noun is None or unit_at(s, noun) is not None:
        return None  # "5 (3) кг": not a count of kilograms
    if s.lemma(noun) in MEASURE_NOUNS:
        return None  # "до 96 (+33,3%) количества краж": the count finders read what it counts
    return noun, adjectives


def _agreeing(s: Sentence, adjectives: list[int], noun: int, paucal: bool) -> tuple[Reading, ...]:
    """The noun's readings in the case and number of the adjective before it, if any agree:
    "в трех карданных валах" is вал, not «валах» (a Wallachian, in the nominative). After 2,
    3 or 4 in the nominative or accusative («две глубокие ямы») the noun takes the genitive
    singular and agrees with nothing."""
    readings = s.readings(noun)
    if not adjectives:
        return readings
    forms = {frozenset(r.grammemes & _CASE_AND_NUMBER) for r in s.readings(adjectives[-1])}
    agreeing = tuple(
        r for r in readings if r.pos == "NOUN" and (r.grammemes & _CASE_AND_NUMBER) in forms
    )
    if paucal and any({"nomn", "accs"} & r.grammemes for r in agreeing):
        return readings
    return agreeing or readings


_CASE_AND_NUMBER = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "sing", "plur"})
