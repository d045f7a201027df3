"""Figures of one sentence explain each other: a number without a unit or noun shares those of
the next one ("с 457 до 387 случаев") or inherits those of a whole before it ("10 млрд тенге,
из которых более 9 млрд")."""

from __future__ import annotations

import itertools
import re

from pipelines.figures.change import compared_values
from pipelines.figures.lexicon import (
    AMOUNT_NOUNS,
    CONNECTORS,
    DASHES,
    LAW_ABBREVIATIONS,
    LAW_CODES,
    MEASURE_NOUNS,
    MULTIPLIER_NOUNS,
    NO_OBJECT_UNITS,
    PERSON_ADJECTIVES,
    RANGE_WORDS,
    RATE_NOUNS,
    TIME_NOUNS,
    UNSTATED_CURRENCY,
)
from pipelines.figures.objects import (
    COUNT_FINDERS,
    find_object,
    partitive_adjective,
    topic_before_dash,
    topic_before_verb,
)
from pipelines.figures.phrases import agree, animate, named_after_dash, substantive
from pipelines.figures.sentence import Figure, Sentence, adjective_as_noun, noun_lemma
from pipelines.figures.substances import ALL_AMOUNT_FINDERS
from pipelines.figures.units import unit_at

_SUBSET_RE = re.compile(
    r"\b(?:из|среди)\s+(?:них|которых|которого|которой|числа)\b|\bв\s+(?:том\s+числе|т\.\s?ч\.)"
    r"|\bвключая\b",
    re.IGNORECASE,
)


def share_forward(s: Sentence, figures: list[Figure]) -> None:
    """A number without its own unit or noun takes those of the next one when only a
    conjunction or a range word stands between them: "22 международных и 85 региональных
    наркоканалов", "с 457 до 387 случаев"; and is no figure if that one is none ("от 3 до 5
    лет")."""
    for left, right in zip(reversed(figures[:-1]), reversed(figures[1:]), strict=True):
        if left.blocked:
            continue
        between = range(left.last, right.first - 1)
        if (
            left.unit not in (None, "percent", "times", "count")
            and left.object is None
            and right.first - 1 > left.last
            and s.norm(right.first - 1) in CONNECTORS
            and all(s.is_adjective(k) for k in between)
            and s.is_adjective(right.last)  # parallel: "5 кг психотропных и 480 кг сильнодейств…"
        ):
            # "пять килограммов психотропных и 480 кг сильнодействующих веществ" (but "52 кг
            # синтетических и 3 тонн прекурсоров": the adjective is the total's noun's)
            left.object = right.object
            continue
        if right.first != left.last + 1:  # one connector word between them
            continue
        if left.unit not in (None, "percent", "times") and left.object is None:
            if s.norm(left.last) in CONNECTORS:  # "70 кг и 12 тонн прекурсоров"
                left.object = right.object
            continue
        if not left.shares_next or left.unit is not None:
            continue
        if left.adjectives and s.norm(left.last) in DASHES:
            continue  # «из 18,2 тыс. наркозависимых — 1,5 тысячи женщин»: a breakdown follows
        if left.adjectives and not right.blocked and right.object is not None:
            last, noun = left.adjectives[-1], right.last - 1
            if substantive(s, last) and not agree(s, last, noun):
                continue  # "23 несовершеннолетних и 41 иностранный гражданин"
            if s.norm(left.last) == "," and adjective_as_noun(s.tokens[last]) in PERSON_ADJECTIVES:
                continue  # «76 женщин, 23 несовершеннолетних, 9 иностранных граждан»: a list
        if right.unit == "percent" and left.span.value > 100 and s.norm(left.last) == "или":
            continue  # «из них 305 или 83,6 процента»: a count and its share
        if right.blocked:
            # «от 3 до 5 лет» is no figure; «2022 год – 15, 2023 год – 20» lists a year next
            item = right.dated and s.norm(left.first - 1) in DASHES  # a «label – value» item
            left.blocked = left.blocked or not item
        elif right.unit is not None:
            left.unit, left.object, left.factor = right.unit, right.object, right.factor
            left.value = left.span.value * right.factor


def share_range_multiplier(s: Sentence, figures: list[Figure]) -> None:
    """The multiplier written once at a range's end applies to its start as well: "от 1,5 до 2
    млн тенге", "с 6,3 до 4,8 тыс." (6300 to 4800), when the start read with it lies nearer
    the end than the start read without it ("с 900 до 1,2 тыс." stays 900)."""
    for left, right in itertools.pairwise(figures):
        multiplier = right.span.multiplier
        if (
            left.blocked
            or right.blocked
            or left.unit != right.unit
            or left.span.multiplier != 1
            or multiplier == 1
            or right.span.first != left.span.last + 1
            or s.norm(left.span.last) not in RANGE_WORDS
            or left.span.value <= 0
        ):
            continue
        # nearer in ratio: the end over the start is more than the square root of the multiplier
        if right.span.value / left.span.value > multiplier**0.5:
            left.value = left.span.value * multiplier * left.factor


def _antecedents(s: Sentence, figures: list[Figure], i: int) -> list[Figure]:
    """The figures before figure i, nearest first, then those the sentence carries over."""
    return [f for f in reversed(figures[:i]) if not f.blocked] + list(reversed(s.carried))


def _subset_marker_between(s: Sentence, antecedent: Figure, figure: Figure) -> bool:
    """Whether "из них", "из которых" or "в том числе" stands between a whole and a part."""
    carried = any(antecedent is f for f in s.carried)
    gap_start = 0 if carried else s.tokens[antecedent.last - 1].end - s.start
    gap_end = s.tokens[figure.first].start - s.start
    return _SUBSET_RE.search(s.text, gap_start, gap_end) is not None


def _inherit_backward(s: Sentence, figures: list[Figure], i: int) -> bool:
    """An elliptic number takes the unit and object of the figure before it in the sentence:
    "10 млрд тенге, из которых более 9 млрд", "25 преступлений ... (2013 – 11)", "14 групп,
    из которых две транснациональные". Whether figure i found one."""
    figure = figures[i]
    if figure.span.role == "collective":
        return False  # "трое", "двое" count people, whatever came before
    if not figure.adjectives and (
        topic_before_dash(s, figure.first) or topic_before_verb(s, figure.first)
    ):
        return False  # a topic of its own: "группировок – с 5 до 21", "таких лиц было 371"
    candidates = [f for f in _antecedents(s, figures, i) if f.unit not in NO_OBJECT_UNITS]
    # «113 человек, в том числе 20 несовершеннолетних. В результате 48 из них …»: of the sentence
    # before, «из них» points at the whole, not at a part of it
    antecedent = next((f for f in candidates if not (_carried(s, f) and f.part)), None)
    antecedent = antecedent or next(iter(candidates), None)
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


def _carried(s: Sentence, figure: Figure) -> bool:
    return any(figure is f for f in s.carried)


def _subset_marker_after(s: Sentence, figure: Figure) -> bool:
    """ "N из них", "N из которых": the number names a part of what came before."""
    return s.norm(figure.last) == "из" and s.norm(figure.last + 1) in ("них", "которых")


def _next_part(s: Sentence, antecedent: Figure, figure: Figure) -> bool:
    """A part coordinated with the part before it: "из них 87 тяжких и 34 особо тяжких",
    "из них 12 – студенты, 5 – ранее судимые"."""
    if not antecedent.part or _carried(s, antecedent):
        return False
    return all(
        s.norm(k) in (",", "и", "а", "также", "еще", *DASHES)
        or s.is_adjective(k)
        or s.pos(k) == "ADVB"
        or s.is_noun(k)  # "из них 291 – факты сбыта, 37 – содержание притонов"
        for k in range(antecedent.last, figure.first)
    )


def _names_people(s: Sentence, k: int, antecedent: Figure) -> bool:
    """Whether the adjective at k, a part of a count of people, names people of its own
    ("несовершеннолетних", "задержанных") rather than a kind of the whole's noun
    ("иностранных" граждан, "транснациональные" группы)."""
    return animate(antecedent.object) and substantive(s, k)


def _inherit_object(s: Sentence, figures: list[Figure], i: int) -> None:
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


_POINTS_BACK = frozenset({"что", "это"})
_EXCEEDS = frozenset({"превышать", "превысить", "превосходить", "превзойти"})


def _difference_of_before(s: Sentence, figures: list[Figure], i: int) -> None:
    """A difference «на N» in the unit of the amount before it measures the same thing: "изъято
    140 кг наркотиков, что на 650 кг меньше", "это превышает показатель предыдущего года на 190
    кг", and, opening the next sentence, "это на 138,7 кг меньше"."""
    figure = figures[i]
    if s.norm(figure.first - 1) != "на":
        return
    earlier = [f for f in reversed(figures[:i]) if not f.blocked]
    start = earlier[0].last if earlier else 0
    candidates = earlier or list(reversed(s.before))
    antecedent = next((f for f in candidates if f.unit == figure.unit), None)
    if antecedent is None or antecedent.object is None:
        return
    gap = range(start, figure.first - 1)
    if any(s.norm(k) in _POINTS_BACK or s.lemma(k) in _EXCEEDS for k in gap):
        figure.object = antecedent.object


def _in_parentheses_after(s: Sentence, antecedent: Figure, figure: Figure) -> bool:
    """Whether figure stands in a parenthesis that opens right after its antecedent's phrase."""
    if any(antecedent is f for f in s.carried):
        return False
    for k in range(antecedent.last, figure.first):
        if s.norm(k) == "(":
            return all(s.norm(j) != ")" for j in range(k, figure.first))
        if s.tokens[k].kind != "word" or s.norm(k) in CONNECTORS:
            return False
    return False


# «Заболеваемость составила 19,6 на 100 тысяч населения», «в 2023-м — 12,2 на 100 тысяч»
_RATE_BASE_AFTER_RE = re.compile(
    r"\s*на\s+(?:каждые\s+)?(?:10|100|десять|сто)\s*(?:тыс\b\.?|тысяч[уиа]?\b)", re.IGNORECASE
)


def _a_rate(s: Sentence, figure: Figure) -> bool:
    """A number stated per a base of ten or a hundred thousand is a rate: a figure even where
    the sentence names nothing it counts."""
    after = s.tokens[figure.last - 1].end - s.start
    return bool(_RATE_BASE_AFTER_RE.match(s.text, after))


_MULTIPLIERS = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9}


def _declared_unit(s: Sentence, figure: Figure) -> tuple[str, float, str | None] | None:
    """The unit a heading declares for the bare numbers after it, as a table's row does, and
    the noun it measures: «Изъято наркотиков, кг: …», «Изъято наркотиков (кг) – 12,5», «Сумма
    ущерба, тыс. руб.: …» (unit, factor, noun lemma or None)."""
    k = next((k for k in range(figure.first - 1, 0, -1) if s.norm(k) in (":", ")")), None)
    if k is None:
        return None
    start = next((j for j in range(k - 1, max(-1, k - 6), -1) if s.norm(j) in (",", "(")), None)
    if start is None or start == 0:
        return None
    j, factor = start + 1, 1.0
    if s.norm(j) in _MULTIPLIERS:
        factor = _MULTIPLIERS[s.norm(j)]
        j += 2 if s.norm(j + 1) == "." else 1
    found = unit_at(s, j)
    if found is None or found[0] == "count":
        return None
    after = found[2]  # past the unit only its abbreviation's dot and a closing bracket
    while after < k and s.norm(after) in (".", ")"):
        after += 1
    if after != k:
        return None
    noun = start - 1
    lemma = noun_lemma(s.readings(noun), s.tokens[noun]) if s.is_noun(noun) else None
    return found[0], found[1] * factor, lemma


# what a price «на N миллионов» cannot follow: a time («в 2023 году на 15 тысяч») or a measure
# whose change it states («рост числа наркоманов на 5 тысяч»)
_NOT_PRICED = TIME_NOUNS | MEASURE_NOUNS | {"рост", "снижение", "увеличение", "сокращение"}


def _end_of_a_range_of_shares(s: Sentence, figures: list[Figure], i: int) -> bool:
    """Whether figure i ends a range «с X% до Y»: its start, a percentage or a factor after «с»,
    stands right before «до»."""
    if i == 0:
        return False
    start, end = figures[i - 1], figures[i]
    return (
        start.unit in ("percent", "times")
        and not start.blocked
        and s.norm(start.span.first - 1) in ("с", "со")
        and start.last == end.first - 1
        and s.norm(start.last) == "до"
    )


def _priced_without_currency(s: Sentence, figure: Figure) -> bool:
    """«перевозивших партию наркотиков на 15 миллионов», «штраф 13 миллионов»: thousands or
    millions with no noun, after «на» and a thing's noun, or after a fine, are a sum of money
    whose currency the text states elsewhere."""
    if figure.span.multiplier < 1000:
        return False
    k = figure.first - 1
    if s.lemma(k) == "штраф" or (s.norm(k) == "размере" and s.lemma(k - 2) == "штраф"):
        return True
    if s.norm(k) != "на" or not s.is_noun(k - 1) or s.pos(k - 1) != "NOUN":
        return False
    return s.lemma(k - 1) not in _NOT_PRICED and not animate(s.lemma(k - 1))


def _count_of_an_article(s: Sentence, figure: Figure) -> bool:
    """«по ст. 228 УК РФ – 15, по ст. 228.1 – 10»: a breakdown by the law's articles counts
    cases or crimes even where its sentence does not say which."""
    if s.norm(figure.first - 1) not in DASHES:
        return False
    for j in range(figure.first - 2, max(-1, figure.first - 8), -1):
        if s.norm(j) in LAW_ABBREVIATIONS:
            return j < figure.first - 2
        token = s.tokens[j]
        code = s.norm(j) in (".", *LAW_CODES) or (token.text.isupper() and len(token.text) <= 3)
        if not (token.kind in ("num", "digits") or code):  # «228.1», «УК», «РФ»
            return False
    return False


# «…, Кельбаджарском районе - 3 212, …», «, в Советском — 38»: the next item of a list by place
_PLACE_ITEM_GAP = re.compile(r"^\s*[,;]\s*[^\d,;.:()]{1,40}?\s[-–—]\s*$")


def _items_of_a_list_by_place(s: Sentence, figures: list[Figure], unexplained: set[int]) -> None:
    """Bare numbers of a list by place whose last item names the noun: «в Лачынском районе
    уничтожены 18 427, Кельбаджарском районе - 3 212, Губадлинском районе - 1 677 кустов»."""
    for i in sorted(unexplained):
        run, j = [i], i + 1
        while j < len(figures) and _PLACE_ITEM_GAP.match(_gap(s, figures[j - 1], figures[j])):
            if j not in unexplained:
                break  # the item that names the noun, or no item of the list
            run.append(j)
            j += 1
        last = figures[j] if j < len(figures) else None
        if (
            last is None
            or last.blocked
            or last.unit != "count"
            or last.object is None
            or not _PLACE_ITEM_GAP.match(_gap(s, figures[j - 1], last))
        ):
            continue
        for k in run:
            figures[k].blocked, figures[k].object = False, last.object
            unexplained.discard(k)


def _gap(s: Sentence, left: Figure, right: Figure) -> str:
    return s.text[s.tokens[left.last - 1].end - s.start : s.tokens[right.first].start - s.start]


def resolve_orphans(s: Sentence, figures: list[Figure]) -> None:
    """Numbers still without unit or noun, in text order (so that one resolved can explain the
    next: "Из 37 задержанных 12 ..."): elliptic ones inherit, the rest are counts if the
    sentence says of what; a bare number that nothing explains ("просмотров: 173", "Europe 1")
    is no figure."""
    unexplained: set[int] = set()  # counts blocked here for want of a noun
    for i, figure in enumerate(figures):
        if figure.unit not in NO_OBJECT_UNITS and figure.object is None:
            _inherit_object(s, figures, i)
        if figure.unit not in NO_OBJECT_UNITS and figure.unit and figure.object is None:
            _difference_of_before(s, figures, i)
        if figure.blocked or figure.unit is not None or figure.of_next:
            continue
        # «трех подозреваемых по делу об отравлении наркоманов, более 50 которых …»: a count
        # of «которых» counts what the relative points back to, not the count before
        relative = s.lemma(figure.last) == "который"
        if not relative and _inherit_backward(s, figures, i):
            continue
        if _end_of_a_range_of_shares(s, figures, i):
            # «снижение раскрываемости с 80-ти процентов до 74-х»: the end of a range of
            # percentages is one, though its unit is left out
            figure.unit, figure.factor = figures[i - 1].unit, 1
            continue
        if _priced_without_currency(s, figure):
            figure.unit = UNSTATED_CURRENCY
            figure.object = find_object(s, figure, ALL_AMOUNT_FINDERS)
            continue
        figure.unit = "count"
        declared = _declared_unit(s, figure)
        if declared is not None:
            # «Изъято наркотиков, кг: 2023 г. – 12,5; 2024 г. – 8,3»: a table's row
            figure.unit, figure.factor, figure.object = declared
            figure.value = figure.span.value * figure.factor
            continue
        rate = False
        if figure.adjectives:
            named = adjective_as_noun(s.tokens[figure.adjectives[-1]])
            # "Из выявленных преступлений 150 тяжких": the adjective of the noun «из» named
            figure.object = (
                None if animate(named) else _partitive_noun(s, figure) or _carried_noun(s)
            ) or named
        else:
            figure.object = find_object(s, figure, COUNT_FINDERS)
            # «в расчете на 100 тысяч населения … в СКФО – 259»: the word found is the rate
            # base's, so the number is a rate, of nothing named
            rate = figure.object in MULTIPLIER_NOUNS or figure.object in RATE_NOUNS
            if rate:
                figure.object = None
            if figure.span.role == "collective" and figure.object and not animate(figure.object):
                figure.object = None  # «трое из них» counts people, never «заготовки конопли»
            if figure.object and figure.object == partitive_adjective(s, figure):
                figure.part = True  # «Из задержанных 20 – граждане Ирана»: named on by the dash
        if (
            figure.object is None
            and figure.span.role != "collective"
            and not rate
            and not _a_rate(s, figure)
            and not _count_of_an_article(s, figure)
        ):
            # «на 83,3 % (с 6 до 11)»: the values a percentage was computed from count, even
            # where the sentence does not say of what
            figure.blocked = not compared_values(s, figures, i)
            if figure.blocked:
                unexplained.add(i)
    for i in sorted(unexplained):
        left, right = figures[i], figures[i + 1] if i + 1 < len(figures) else None
        if (
            left.shares_next
            and right
            and right.first == left.last + 1  # one connector between: «до», «и»
            and not right.blocked
            and right.unit == "count"
        ):
            # «С 1,5 тыс. до 1,2 тыс. снизилось число преступлений»: the range's end found the
            # noun after both
            left.blocked, left.object = False, right.object
    _items_of_a_list_by_place(s, figures, unexplained)
    for left, right in itertools.pairwise(figures):
        if left.of_next and not left.blocked and left.unit is None:
            # "46 из 120 задержанных": the part counts what the whole counts
            left.blocked = right.blocked or right.unit in NO_OBJECT_UNITS
            left.unit, left.object, left.factor = right.unit, right.object, right.factor
            left.value = left.span.value * right.factor
    renamed: tuple[str | None, str] | None = None  # (the whole's noun, the part's name)
    for figure in figures:
        if figure.blocked or figure.unit in NO_OBJECT_UNITS:
            continue
        end = figure.last + 2 if _subset_marker_after(s, figure) else figure.last
        if figure.part or figure.object is None:
            named = named_after_dash(s, end, figure.object if figure.part else None)
            named = named or _named_by_copula(s, end)
            if end != figure.last:  # "2271 лицо, 149 из них женщины."
                named = named or _plural_noun_alone(s, end)
            if named and figure.part:
                renamed = (figure.object, named)
            elif not named and renamed and renamed[0] == figure.object and _place_after(s, end):
                named = renamed[1]  # "20 – граждане Ирана, 6 – Грузии": граждане too
            figure.object = named or figure.object
        elif renamed and renamed[0] == figure.object:
            named = named_after_dash(s, end, figure.object)
            if named:  # "259 составляют преступления, а 370 — проступки"
                figure.object = named
            elif _place_after(s, end):
                figure.object = renamed[1]  # "8 являются жителями района, 7 – Худжанда": жители


def _partitive_noun(s: Sentence, figure: Figure) -> str | None:
    """The plural noun of an «из …» phrase before the number, whose kind an adjective after the
    number names: "Из общего количества выявленных преступлений 150 тяжких" → преступление."""
    for k in range(figure.first - 1, max(-1, figure.first - 12), -1):
        if s.norm(k) != "из":
            continue
        for j in range(k + 1, figure.first):
            if (
                s.is_noun(j)
                and any({"gent", "plur"} <= r.grammemes for r in s.readings(j) if r.pos == "NOUN")
                and s.lemma(j) not in ("количество", "число")
            ):
                return s.lemma(j)
        return None
    return None


def _carried_noun(s: Sentence) -> str | None:
    """The noun of the count the sentence before ends with, when this one opens with «Среди
    них», «В том числе»: "… 1 416 преступлений. Среди них 851 тяжкое" → преступление."""
    counts = [f for f in s.carried if f.unit == "count" and f.object and not f.blocked]
    return counts[-1].object if counts else None


def _place_after(s: Sentence, k: int) -> bool:
    """Whether a dash and a capitalised name follow token k: "7 – Худжанда"."""
    return (
        s.norm(k) in DASHES and s.tokens[k + 1 : k + 2] != [] and s.tokens[k + 1].text[:1].isupper()
    )


def _plural_noun_alone(s: Sentence, k: int) -> str | None:
    """A plural noun right after «из них» that ends the clause, alone or with the genitive words
    that qualify it, names what the part is: "состоит 2271 лицо, 149 из них женщины",
    "задержаны четыре человека, двое из которых граждане ближнего зарубежья" (not "12 из них
    задержаны", nor a noun a clause goes on from: "5 из них женщины получили")."""
    if s.norm(_after_genitives(s, k + 1)) not in ("", ".", ",", ";", ")"):
        return None
    nouns = [r for r in s.readings(k) if r.pos == "NOUN" and {"nomn", "plur"} <= r.grammemes]
    if not nouns or not s.is_noun(k) or not s.tokens[k].text.islower() or unit_at(s, k):
        return None
    return noun_lemma(s.readings(k), s.tokens[k])


def _after_genitives(s: Sentence, j: int) -> int:
    """The first token from j on that is not a word in the genitive ("ближнего зарубежья")."""
    while j < len(s.tokens) and any("gent" in r.grammemes for r in s.readings(j)):
        if not (s.is_noun(j) or s.is_adjective(j)):
            break
        j += 1
    return j


# «8 являются жителями района», «18 из них были наркодельцами» (not «оказались иностранцами»:
# what the people were found to be, the annotators count them as the people they are)
_INSTRUMENTAL_COPULAS = frozenset({"являться", "быть"})


def _named_by_copula(s: Sentence, k: int) -> str | None:
    """A part whose kind a copula names: "из 42 задержанных 8 являются жителями района" (the
    noun in the instrumental after "являться"), "из них 259 составляют преступления" (the
    plural noun after "составлять")."""
    if s.lemma(k) not in (*_INSTRUMENTAL_COPULAS, "составлять"):
        return None
    case = "ablt" if s.lemma(k) in _INSTRUMENTAL_COPULAS else "plur"
    j = k + 1
    while j < len(s.tokens) and s.is_adjective(j):
        j += 1
    if not s.is_noun(j) or not any(case in r.grammemes for r in s.readings(j)):
        return None
    if case == "plur" and s.lemma(j) in AMOUNT_NOUNS | MEASURE_NOUNS:
        return None  # "составляют 30 процентов", "составляют большинство"
    return next(r.lemma for r in s.readings(j) if case in r.grammemes)
