"""The direction of change of percentages and factors: from a sign, or from the nearest verb or
comparison of the clause."""

from __future__ import annotations

import itertools
import re

from pipelines.figures.lexicon import (
    CLAUSE_STOPS,
    DASHES,
    DECREASE,
    HIGHER,
    INCREASE,
    LESS_AFTER,
    LOWER,
    MORE_AFTER,
)
from pipelines.figures.sentence import Figure, Sentence

_CHANGE_WINDOW = 8
# "на 80%" states by how much: its verb may stand further back, past a time and a comparison
# ("увеличилось в прошлом году по сравнению с предыдущими годами на 80%").
_BY_HOW_MUCH_WINDOW = 14

# Verbs that state a level: "составила 85%", "достигла 85%", "Доля превысила 40%".
_LEVEL_VERBS = frozenset({
    "составить", "составлять", "достичь", "достигнуть", "достигать", "превысить", "превышать",
})  # fmt: skip

_SIGNS = {"+": "increase", "−": "decrease", "-": "decrease", "–": "decrease"}


def _abbreviation(s: Sentence, k: int) -> bool:
    """A short word before its full stop («пол.», «г.», «ст.») or one in capitals («УК»)."""
    text = s.tokens[k].text
    return (len(text) <= 3 and s.norm(k + 1) == ".") or (text.isupper() and len(text) > 1)


def _change(s: Sentence, figure: Figure) -> str | None:
    """increase / decrease from the nearest cue of the clause, before or after the number."""
    sign = figure.span.numeral - 1
    # a sign glued to the number, or spaced from it where a bracket or a comma opens an item
    # («(АППГ – 195,- 22,1%)»)
    opens = s.norm(sign - 1) in ("(", ",") and s.glued(sign)
    signed = (s.glued(figure.span.numeral) or opens) and s.norm(sign) in _SIGNS
    if signed and not (s.glued(sign) and s.tokens[sign - 1].kind == "num"):  # not "10-15%"
        return _SIGNS[s.norm(sign)]  # "(+31,7%)", "(−5%)"
    word = s.norm(figure.span.first - 1)
    if word in ("плюс", "минус"):  # "минус 5% к прошлому году"
        return "increase" if word == "плюс" else "decrease"
    restated = _comparison_after_restatement(s, figure)
    if restated:
        return restated
    best: tuple[int, str] | None = None
    by_how_much = s.norm(figure.first - 1) == "на"
    for direction in (-1, 1):
        k = figure.first - 1 if direction < 0 else figure.last
        window = _BY_HOW_MUCH_WINDOW if by_how_much and direction < 0 else _CHANGE_WINDOW
        distance = 0
        while 0 <= k < len(s.tokens) and distance < window:
            token = s.tokens[k]
            if token.text == "(" and by_how_much and k == figure.first - 2:
                k += direction  # «увеличилось количество … (на 4,3%)»: the bracket's verb is out
                continue
            if token.text == ")" and direction < 0 and k == figure.first - 1 - by_how_much:
                # «цены снизились (при стабильных ценах на опий) почти на 40 процентов»,
                # «выросло (по данным МВД) на 12%»: an aside without numbers between the verb
                # and the number is no clause break
                opening = _aside_opening(s, k)
                if opening is not None:
                    k = opening - 1
                    continue
            comparison = by_how_much or figure.unit == "times"
            if token.text == "(" and comparison and direction > 0 and k == figure.last:
                # «На 88% (с 264 до 31) снизилось число …», «в четыре раза (с 16 до 4)
                # уменьшилось»: the values in brackets, then the verb
                close = next((j for j in range(k + 1, min(len(s.tokens), k + 12))
                              if s.tokens[j].text == ")"), None)  # fmt: skip
                if close is not None:
                    k = close + 1
                    continue
            if token.text in CLAUSE_STOPS:
                break
            if token.text == ",":
                distance += 3
            elif token.kind == "word":
                # an abbreviation of a date or a law («1 пол. 2023 г.», «ст. 328 УК») is no
                # word of the clause's own
                distance += not _abbreviation(s, k)
                cue = _cue(s, k, after=direction > 0, distance=distance)
                if cue is None and by_how_much and direction < 0:
                    cue = _compared_before(s, k, figure)
                if cue:
                    if s.norm(k) in _COMPARATIVES and _earlier_is_the_subject(s, k):
                        cue = _FLIPPED[cue]  # "год назад эта цифра была выше на 15,6%"
                    if best is None or distance < best[0]:
                        best = (distance, cue)
                    break
            k += direction
    if best is None and figure.unit == "times" and s.norm(figure.first - 1) in DASHES:
        return _verb_left_out(s, figure)
    if best is None and figure.unit == "times" and figure.last >= len(s.tokens) - 1:
        return _far_verb(s, figure)
    return best[1] if best else None


def _aside_opening(s: Sentence, close: int) -> int | None:
    """The "(" of the bracket that closes at `close`, when nothing in it is a number."""
    for j in range(close - 1, max(-1, close - 12), -1):
        if s.tokens[j].kind == "num" or s.tokens[j].text == ")":
            return None
        if s.tokens[j].text == "(":
            return j
    return None


def _far_verb(s: Sentence, figure: Figure) -> str | None:
    """«увеличилось количество правонарушений с участием лиц, не достигших 18 лет, в два
    раза.»: a factor that ends its sentence is of the verb of change its sentence opened with,
    past the subject's words, when no other number stands between."""
    for k in range(figure.first - 1, -1, -1):
        token = s.tokens[k]
        if token.kind == "num" and s.norm(k + 1) == "лет":
            continue  # an age («не достигших 18 лет») is no number of the count
        if token.text in CLAUSE_STOPS or token.kind == "num":
            return None
        if token.kind == "word" and s.lemmas(k) & (INCREASE | DECREASE):
            return "increase" if s.lemmas(k) & INCREASE else "decrease"
    return None


def _verb_left_out(s: Sentence, figure: Figure) -> str | None:
    """«сократилось почти на половину, по линии уголовного розыска – более чем вдвое»: a
    factor after a dash whose verb is left out takes the direction of the sentence's verb
    before it, however far."""
    for k in range(figure.first - 2, -1, -1):
        if s.tokens[k].text in CLAUSE_STOPS:
            return None
        if s.tokens[k].kind == "word":
            cue = _cue(s, k, after=False, distance=0)
            if cue:
                return cue
    return None


_COMPARATIVES = HIGHER | LOWER | MORE_AFTER | LESS_AFTER
# what may stand between «больше» and «на N%»: the period compared with
_COMPARED_WITH = (("чем",), (",", "чем"), ("по", "сравнению"), (",", "по", "сравнению"),
                  ("в", "сравнении"), ("против",), ("относительно",))  # fmt: skip


def _compared_before(s: Sentence, k: int, figure: Figure) -> str | None:
    """«больше, чем в прошлом году на 24,3%», «больше по сравнению с 2012 годом на 11,8%»: a
    comparative, then what it is compared with, then by how much."""
    if s.norm(k) not in MORE_AFTER | LESS_AFTER:
        return None
    words = [s.norm(j) for j in range(k + 1, figure.first - 1)]
    if not any(tuple(words[: len(opening)]) == opening for opening in _COMPARED_WITH):
        return None
    if any(w in CLAUSE_STOPS or w in (";", ".") for w in words):
        return None
    return "increase" if s.norm(k) in MORE_AFTER else "decrease"


_FLIPPED = {"increase": "decrease", "decrease": "increase"}


def _earlier_is_the_subject(s: Sentence, k: int) -> bool:
    """ "Год назад эта цифра была выше на 15,6%", "в прошлом году их было больше на 20%": the
    earlier period is what the comparative at k describes, so the change since is the other
    way round."""
    words = []
    for j in range(k - 1, max(-1, k - 10), -1):
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) in (",", ".", "чем"):
            break
        words.insert(0, s.norm(j))
    pairs = set(itertools.pairwise(words))
    return "назад" in words or bool(pairs & {("прошлом", "году"), ("годом", "ранее")})


def _comparison_after_restatement(s: Sentence, figure: Figure) -> str | None:
    """ "на 68,4% или на 1 тонну 658 кг больше, чем", "в 2,4 раза или на 63 кг больше": the
    comparison after the amount the figure is restated as."""
    k = figure.last
    if s.norm(k) == "," and s.norm(k + 1) == "или":
        k += 1  # "в 4,6 раза, или на 10 776 таблеток больше"
    if s.norm(k) != "или":
        return None
    for j in range(k + 1, min(len(s.tokens), k + 14)):
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) in (",", "или"):
            return None
        if s.norm(j) in MORE_AFTER | LESS_AFTER:
            follows = s.norm(j + 1) == "чем" or (s.norm(j + 1) == "," and s.norm(j + 2) == "чем")
            if not follows and j + 1 < len(s.tokens) and s.tokens[j + 1].kind == "word":
                return None
            return "increase" if s.norm(j) in MORE_AFTER else "decrease"
    return None


def _level(s: Sentence, figure: Figure) -> bool:
    """A percentage that is a level before or after a change, not its size: "выросла до 85%",
    "снизилась с 78% до 72%" (a factor never is: "до 3 раз")."""
    if figure.unit != "percent":
        return False
    before, after = s.norm(figure.span.first - 1), s.norm(figure.last)
    if before == "до" or (before in ("с", "со") and after == "до"):
        return True
    verb = figure.first - 1
    if not s.lemmas(verb) & _LEVEL_VERBS:
        return False
    # "Рост составил 15%" states the change; "... и составило 85%", "Доля составила" a level
    return _subject_change(s, verb) is None


_SUBJECT_WORDS = 5  # the words a level verb's subject may stand back, its own words included


def _subject_change(s: Sentence, verb: int) -> str | None:
    """The direction of the change that opens the clause of the level verb at `verb`: «Рост
    составил», «Уменьшение судимости по ст. 328 УК в 1 пол. 2023 г. составило» (an
    abbreviation of a law or a date is no word of the clause's own); None when no change
    does."""
    words = 0
    for k in range(verb - 1, -1, -1):
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) == "," or s.pos(k) == "VERB":
            return None
        if s.tokens[k].kind != "word" or _abbreviation(s, k):
            continue
        if s.lemmas(k) & INCREASE:
            return "increase"
        if s.lemmas(k) & DECREASE:
            return "decrease"
        words += 1
        if words >= _SUBJECT_WORDS:
            return None
    return None


def _restated_change(s: Sentence, figures: list[Figure], i: int) -> str | None:
    """«прирост составил почти одну тонну, или 50,3%»: a percentage after «, или» restates the
    amount before it, which a level verb gives as a change its clause opens with."""
    if i == 0 or s.norm(figures[i].first - 1) != "или" or s.norm(figures[i].first - 2) != ",":
        return None
    restated = figures[i - 1]
    if restated.last != figures[i].first - 2 or not s.lemmas(restated.first - 1) & _LEVEL_VERBS:
        return None
    return _subject_change(s, restated.first - 1)


def _baseline(s: Sentence, figure: Figure) -> bool:
    """A value of the period compared with, no change: "(АППГ – 68,2%)", "АППГ: 12%"."""
    k = figure.first - 1
    if s.norm(k) not in (*DASHES, ":"):
        return False
    k -= 1
    if s.norm(k) == ")":
        k -= 1  # "(далее – АППГ) – 68,2%"
    return s.norm(k) == "аппг"


_YEAR_WORDS = frozenset({"году", "год", "г", ".", "м", "-", "й"})


def _of_a_year(s: Sentence, figure: Figure) -> bool:
    """A percentage a year labels, in a list of the years' levels: "увеличивался: в 2019-м —
    29,5%, 2020 году — 31,3%" (what changed is the series, not each number); not a factor
    with its comparative ("в 2013-м — вдвое меньше": a change from the year before)."""
    k = figure.span.first - 1
    if s.norm(k) not in (*DASHES, ":"):
        return False
    if figure.unit == "times" and s.norm(figure.last) in _COMPARATIVES:
        return False
    for j in range(k - 1, max(-1, k - 5), -1):
        token = s.tokens[j]
        if (
            token.kind in ("num", "digits")
            and len(token.text) == 4
            and token.text[:2] in ("19", "20")
        ):
            return True
        if s.norm(j) not in _YEAR_WORDS:
            return False
    return False


def _cue(s: Sentence, k: int, after: bool, distance: int) -> str | None:
    norm = s.norm(k)
    if norm in HIGHER:
        return "increase"
    if norm in LOWER:
        return "decrease"
    # "на 12% больше" after the number; "больше на 12%" before it
    # ... and «больше – на 40%», the dash of a list («марихуаны, наоборот, больше – на 40%»)
    na = s.norm(k + 1) == "на" or (s.norm(k + 1) in DASHES and s.norm(k + 2) == "на")
    before_na = not after and distance == 2 and na
    if (after or before_na) and distance <= 2 and norm in MORE_AFTER:
        return "increase"
    if (after or before_na) and distance <= 2 and norm in LESS_AFTER:
        return "decrease"
    lemmas = s.lemmas(k)
    if lemmas & INCREASE:
        return "increase"
    if lemmas & DECREASE:
        return "decrease"
    return None


# «средний», and the averages of a whole written as one word: «среднероссийский»,
# «среднеобластные показатели», «среднереспубликанского»
_AVERAGE = re.compile(
    r"^средн(?:ий|его|ем|ему|ие|им|их|ими|ее|яя|юю|ей)$"
    r"|^средне(?:росс|област|республик|краев|окружн|город|районн|мир|европ)\w*$"
)
_COMPARATIVE_WORDS = ("выше", "ниже", "больше", "меньше")
_TIME_STEMS = ("год", "период", "аппг", "ранее", "раньше", "прошл", "месяц", "квартал", "полугод")


def _compared_with_another_place(s: Sentence, figure: Figure) -> bool:
    """«в полтора раза выше, чем в среднем по Татарстану», «в 2 раза превышает средние
    показатели по России»: a factor between two places or against an average, not a change
    over time (no word of an earlier time follows)."""
    words = [s.norm(k) for k in range(figure.last, min(len(s.tokens), figure.last + 9))]
    words = words[: next((i for i, w in enumerate(words) if w in CLAUSE_STOPS | {".", ";"}),
                         len(words))]  # fmt: skip
    if any(w.startswith(_TIME_STEMS) or _a_year(w) for w in words):
        return False
    if not any(_comparative(w) for w in words):
        return _average_before(s, figure)
    after_than = words[words.index("чем") + 1 :] if "чем" in words else []
    average = any(_AVERAGE.match(w) for w in words)
    place = any(
        w in ("по", "в") and k + 1 < len(after_than) and after_than[k + 1][:1].isalpha()
        for k, w in enumerate(after_than)
    )
    return average or place or _exceeds_a_place(s, figure)


_MEASURE_WORDS = ("показател", "уровен", "значени")


def _exceeds_a_place(s: Sentence, figure: Figure) -> bool:
    """«в 1,5 раза превышает показатель Российской Федерации»: the measure of a place named
    after the verb of exceeding (a capitalised word), not an earlier time."""
    k = figure.last
    if not s.norm(k).startswith("превыша") or not s.norm(k + 1).startswith(_MEASURE_WORDS):
        return False
    name = s.tokens[k + 2] if k + 2 < len(s.tokens) else None
    return name is not None and name.kind == "word" and name.text[:1].isupper()


def _a_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4


def _comparative(word: str) -> bool:
    return word in _COMPARATIVE_WORDS or word.startswith("превыша")


def _average_before(s: Sentence, figure: Figure) -> bool:
    """«ниже средних показателей по России в полтора раза»: the comparison with an average
    stated before the factor, in its clause, with no word of an earlier time."""
    words = []
    for k in range(figure.first - 1, max(-1, figure.first - 8), -1):
        word = s.norm(k)
        if word in CLAUSE_STOPS | {".", ";", ","}:
            break
        words.append(word)
    if any(w.startswith(_TIME_STEMS) or _a_year(w) for w in words):
        return False
    return any(_comparative(w) for w in words) and any(_AVERAGE.match(w) for w in words)


def _bracketed_from_to(s: Sentence, percent: Figure, start: Figure, end: Figure) -> bool:
    """Whether the tokens read «PERCENT ( с START до END )»."""
    words = [s.norm(k) for k in range(percent.last, start.first)]
    return (
        words == ["(", "с"]
        and [s.norm(k) for k in range(start.last, end.first)] == ["до"]
        and s.norm(end.last) == ")"
    )


def _values_after(s: Sentence, figures: list[Figure], k: int) -> tuple[float, float] | None:
    """The two values in brackets right after percentage k that reproduce it, start and end:
    «на 83,3 % (с 6 до 11)», 6 → 11 being +83,3 %."""
    if k + 2 >= len(figures):
        return None
    percent, start, end = figures[k], figures[k + 1], figures[k + 2]
    if percent.unit != "percent" or percent.blocked or not start.span.value:
        return None
    if not _bracketed_from_to(s, percent, start, end):
        return None
    computed = abs(end.span.value - start.span.value) / start.span.value * 100
    decimals = len(f"{percent.span.value:g}".partition(".")[2])
    if abs(computed - percent.span.value) > 0.5 * 10**-decimals + 0.05:
        return None
    return start.span.value, end.span.value


def compared_values(s: Sentence, figures: list[Figure], i: int) -> bool:
    """Whether figure i is one of the values a percentage just before it was computed from
    («Сковородинский район — на 83,3 % (с 6 до 11)»): they count, whatever the sentence says
    of what."""
    return any(k >= 0 and _values_after(s, figures, k) for k in (i - 1, i - 2))


def assign_changes(s: Sentence, figures: list[Figure]) -> None:
    """The direction of change of each percentage and factor of a sentence."""
    previous: Figure | None = None
    for i, figure in enumerate(figures):
        if figure.unit in ("percent", "times") and not figure.blocked:
            if _baseline(s, figure) or _level(s, figure) or _of_a_year(s, figure):
                previous = figure
                continue
            if _compared_with_another_place(s, figure):
                previous = figure
                continue  # «в полтора раза выше, чем по Татарстану»: no change over time
            figure.change = _change(s, figure) or _restated_change(s, figures, i)
            if figure.change is None and (values := _values_after(s, figures, i)):
                # «Сковородинский район — на 83,3 % (с 6 до 11)»: the values say which way
                figure.change = "increase" if values[1] > values[0] else "decrease"
            if figure.change is None and previous is not None and previous.change:
                # "снизилось в 1,6 раза, а фактов сбыта – в 2,1 раза": the verb is left out
                verbs = (s.pos(k) for k in range(previous.last, figure.first))
                if not any(pos in ("VERB", "PRTS", "INFN", "PRED") for pos in verbs):
                    figure.change = previous.change
            previous = figure
