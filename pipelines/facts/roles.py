"""The role of each figure: `total`, `part` (with `part_of`), `baseline`, `change` or `value`.

Works on the figures of one text (offsets into it, text order). Each rule is a small named
function over the text between two figures; the first rule that claims a figure decides.
Besides the role, a baseline remembers the figure it is the earlier value of (`_current`), and a
change its baseline and current value when the sentence states them (`_compared`), for the checks.
"""

from __future__ import annotations

import bisect
import functools
import re

from pipelines.facts import markers
from pipelines.facts.sums import comparative_change, people_noun, same_kind, sum_parts
from pipelines.facts.words import has_verb, text_lemmas
from pipelines.morph import parse_word
from pipelines.sentences import split_sentences

MASS = frozenset({"kg", "l"})
# what is weighed or measured, not counted: a verbless list of these is a breakdown
MEASURES = ("kg", "l", "ha", "m2")
MAX_BACK = 40  # figures looked back at for a baseline's current value


def compatible(a: dict, b: dict) -> bool:
    """Two figures measure the same kind of thing: the same unit (masses in kg alike)."""
    return a.get("unit") == b.get("unit") and a.get("unit") not in (None, "percent", "times")


def _comparable(a: dict, b: dict) -> bool:
    """A current value and its stated earlier one: of one unit, or two shares («составил 71,7%
    (… АППГ – 68,2%)»), no change."""
    shares = a.get("unit") == b.get("unit") == "percent" and not a.get("change")
    return compatible(a, b) or (shares and not b.get("change"))


def _between(text: str, a: dict, b: dict) -> str:
    return text[a["end"] : b["start"]]


@functools.lru_cache(maxsize=8)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """split_sentences(text), kept for the last few texts: roles and scope both ask."""
    return tuple(split_sentences(text))


def _sentences(text: str, figures: list[dict]) -> list[list[int]]:
    """Indexes of figures grouped by sentence, in text order."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    groups: dict[int, list[int]] = {}
    for i, figure in enumerate(figures):
        k = max(bisect.bisect_right(starts, figure["start"]) - 1, 0)
        groups.setdefault(k, []).append(i)
    return [groups[k] for k in sorted(groups)]


def sentence_start(text: str, figure: dict) -> int:
    """Where the figure's sentence starts in the text (the line's start when it is not found)."""
    sentence = figure.get("sentence") or ""
    found = text.rfind(sentence, 0, figure["start"] + len(sentence)) if sentence else -1
    if 0 <= found <= figure["start"] < found + len(sentence):
        return found
    return max(text.rfind("\n", 0, figure["start"]) + 1, 0)


# --- baselines ------------------------------------------------------------------------------


def _from_to_baseline(text: str, figures: list[dict], group: list[int], pos: int) -> int | None:
    """«с 457 до 387»: the first number is the earlier value of the second, when the sentence
    speaks of a change. Returns the index of the current value."""
    if pos + 1 >= len(group):
        return None
    i, j = group[pos], group[pos + 1]
    a, b = figures[i], figures[j]
    before = text[max(sentence_start(text, a), a["start"] - 6) : a["start"]]
    if not markers.FROM_BEFORE.search(before) or not markers.TO_BETWEEN.match(_between(text, a, b)):
        return None
    if a.get("unit") != b.get("unit"):
        return None
    sentence = a.get("sentence") or ""
    changes = any(figures[k].get("change") for k in group)
    if changes or text_lemmas(sentence) & markers.CHANGE_LEMMAS:
        return j
    return None


_FOR_LAST_YEAR = re.compile(r"\bза\s+прошл\w*\s+год\w*[^\d]{0,12}$", re.IGNORECASE)


def _stated_earlier_baseline(
    text: str, figures: list[dict], group: list[int], pos: int
) -> int | None:
    """«(2013 – 11)», «АППГ – 292», «в прошлом году — 9 800 кг», «957 (ранее 1170)»: a number
    after words that name an earlier period. Returns the index of the current value: the
    nearest figure of the sentence before it with the same unit (else after it, else in the
    text before: «… выявлено 144,5 тыс. Это сопоставимо с прошлым годом — было 145 тысяч»)."""
    i = group[pos]
    figure = figures[i]
    left = text[max(sentence_start(text, figure), figure["start"] - 60) : figure["start"]]
    year = markers.YEAR_DASH.search(left)
    if not year and markers.OPENS_BRACKET.search(left):
        year = markers.YEAR_AFTER.match(text[figure["end"] : figure["end"] + 30])
    earlier = markers.EARLIER.search(left) or markers.EARLIER_INDICATOR.search(left)
    if not year and not earlier:
        return None
    if not year and _RECALLS.match(text, sentence_start(text, figure)):
        return None  # «Напомним, ранее полтора килограмма марихуаны изъяли …»: earlier news
    if (
        not year
        and earlier.group().lower().lstrip().startswith("против")
        and _charged(text, figures, group, pos)
    ):
        return None
    current = next(
        (k for k in reversed(group[:pos])
         if _comparable(figures[k], figure) and figures[k].get("role") != "baseline"),
        None,
    )  # fmt: skip
    if current is None and not year and _FOR_LAST_YEAR.search(left):
        # «пресекло за прошлый год 1,3 тыс. преступлений»: the reporting period itself, unless
        # a current value came before («в этом году 10 тыс., за прошлый год — 9,8 тыс.»)
        return None
    if current is None:
        current = next((k for k in group[pos + 1 :] if compatible(figures[k], figure)), None)
        if current is not None and markers.SUBSET.search(_between(text, figure, figures[current])):
            # «В прошлом году изъято 24 тонны, из которых героин составил 500 кг»: last year's
            # total broken down, the period the text reports on
            return None
    if current is None:
        current = _current_before(figures, i, near=200)
    if year:
        reference = _reference_year(figures[current] if current is not None else figure)
        if reference is not None and int(year.group("year")) >= reference:
            return None  # the year of the current period itself, not an earlier one
        figure["_year"] = int(year.group("year"))
    return current


def _charged(text: str, figures: list[dict], group: list[int], pos: int) -> bool:
    """«против 11 человек возбуждены уголовные дела»: people «против» whom a case was opened,
    not a number set against another («задержано 40 человек против 52 годом ранее»)."""
    figure = figures[group[pos]]
    if not _counts_people(figure):
        return False
    return not pos or figure["start"] - figures[group[pos - 1]]["end"] > 20


def _current_before(
    figures: list[dict],
    i: int,
    roles: dict[int, str] | None = None,
    *,
    near: int = 0,
    dated: bool = False,
) -> int | None:
    """The nearest earlier figure of the same kind that is a current value (no baseline, no
    change): what a baseline in a later sentence is compared with. `near`: chars before the
    figure within which any figure of its unit will do (the kind read around a baseline is
    often wrong: «было 145 тысяч»); `dated`: one that states its period."""
    for k in range(i - 1, max(i - MAX_BACK, 0) - 1, -1):
        other = figures[k]
        if (roles or {}).get(k) in ("baseline", "change") or other.get("change"):
            continue
        if not _comparable(other, figures[i]) or (dated and not other.get("period_end")):
            continue
        if same_kind(other, figures[i]) or figures[i]["start"] - other["end"] <= near:
            return k
    return None


# A baseline whose current value only the headline states: «Рекордные 798 кг синтетики изъяли
# в 2025-м» over «в прошлом году изъяли всего 34 килограмма».
IN_HEADLINE = -1


_THEN_OPENS = re.compile(r"\W*тогда\b", re.IGNORECASE)
# «…, чем в 2023 году.», «по сравнению с прошлым годом»: the earlier period compared with
_COMPARED_PERIOD = re.compile(
    r"(?:\bчем|\bпо\s+сравнению\s+с)\s+(?P<period>(?:в|за)\s+(?:19|20)\d\d\s*(?:г\.|год\w*)"
    r"|в\s+прошлом\s+году|прошлым\s+годом)",
    re.IGNORECASE,
)
# words that give the numbers after them to compare with: «(для сравнения, в 2006 году …»
_COMPARED_WITH = re.compile(r"\bдля\s+сравнения\b", re.I)
# a sentence that says it gives numbers to compare with: «Для сравнения, в 2022 году …»
_FOR_COMPARISON = re.compile(r"\W*(?:для\s+(?:сравнения|статистики)|к\s+сравнению)\b", re.I)


def _earlier_clause_baseline(
    text: str,
    figures: list[dict],
    group: list[int],
    pos: int,
    roles: dict[int, str],
    headline: list[dict] = (),
) -> int | None:
    """«в прошлом году за аналогичный период было задержано 70 жителей», «10 лет назад таких
    лиц было 371», «В 2014 году рассмотрено 217 дел» (after the 2015 figures): words of an
    earlier period between the previous figure of the sentence and this one, with a current
    value of the same kind before it. Returns the index of that value."""
    i = group[pos]
    figure = figures[i]
    if _compared_itself(text, figures, group, pos, roles):
        return None  # «В прошлом году выявлено 25 наркопреступлений, что на 30% меньше …»
    low = sentence_start(text, figure)
    if pos:
        low = max(low, figures[group[pos - 1]]["end"])
    left = text[low : figure["start"]]
    # the words nearest the number: «задержаны в 2026 году, 10 лет назад … было 371»
    found = max(markers.EARLIER_CLAUSE.finditer(left), key=lambda m: m.start(), default=None)
    then = False
    if not found and not pos and _THEN_OPENS.match(left):
        # «Это почти на 35% больше, чем в 2023 году. Тогда в регионе зарегистрировали 184 …»:
        # «тогда» is the earlier period the sentence before compared with
        before = text[max(0, low - 200) : low]
        compared = list(_COMPARED_PERIOD.finditer(before))
        if compared:
            found = markers.EARLIER_CLAUSE.search(compared[-1].group("period"))
            then = found is not None
    if not found:
        return None
    turned = markers.NOT_EARLIER_CLAUSE.search(left)
    if turned and not (turned.group().lower() == "составил" and _COMPARED_WITH.search(left)):
        return None  # «для сравнения, в 2006 году эта цифра составила 90 кг»: a baseline still
    if text_lemmas(left) & markers.CHANGE_LEMMAS:
        return None  # «выросло по сравнению с прошлым годом и составило 450»: the current value
    year = found.group("year")
    current = next((k for k in reversed(group[:pos]) if roles.get(k) not in ("baseline", "change")
                    and compatible(figures[k], figure)
                    and (not year or figures[k].get("period_end"))), None)  # fmt: skip
    if current is None and not year:
        current = next((k for k in group[pos + 1 :] if compatible(figures[k], figure)
                        and _names_now(text, figures, k)), None)  # fmt: skip
    if current is None:
        # a year is weak evidence alone: its current value must count the same thing, unless
        # the sentence says it compares («Для сравнения, в 2022 году скончались 54 человека»)
        compares = _FOR_COMPARISON.match(text, sentence_start(text, figure))
        near = 600 if compares or then else 0 if year else 200
        current = _current_before(figures, i, roles, near=near, dated=bool(year))
        if (
            current is not None
            and not year
            and has_verb(_BE.sub(" ", left))
            and not _of_a_later_period(text, figures[current])
        ):
            # «В прошлом году изъято 44 кг» in a report on last year; «В прошлом году — 40 кг»,
            # «год назад их было 371» compare still
            current = None
        if current is None and year and markers.SAME_KIND_AGAIN.search(left):
            # «Выявлено 547 преступлений … В 2020 году таких фактов было 235»: the words name
            # the kind of the number before, whose period is the report's own
            current = _current_before(figures, i, roles, near=300)
            if current is not None and _report_year(text, figures[current]) <= int(year):
                current = None
    # a headline number of the same kind is the current value, unless it is this one restated
    # («В прошлом году … выявили 279 наркопреступлений» as headline and lead)
    if (
        current is None
        and not year
        and any(
            same_kind(h, figure)
            and abs(float(h["value"]) - float(figure["value"])) > 1e-9
            and (
                not has_verb(_BE.sub(" ", left))
                or _of_a_later_period(text, h)
                or _COMPARES.search(text, sentence_start(text, figure), figure["start"])
            )
            for h in headline
        )
    ):
        return IN_HEADLINE
    if current is None:
        return None
    if year:
        stated = figures[current].get("period_end") or _report_year(text, figures[current])
        if not stated or int(year) >= int(str(stated)[:4]):
            return None  # a year of its own, or the current value names no later one
        figure["_year"] = int(year)
    return current


# what opens a change stated of the number before it: «, что на 30% меньше», «(на 15% больше»,
# «(в 7 раз больше)», «– это на 12% больше»
_OWN_CHANGE_GAP = re.compile(
    r"(?:\s+[^\s(),.;]+){0,3}?"  # the number's own words: «2,5 кг синтетических (в 7 раз …»
    r"\s*(?:,\s*(?:что|это)\s*|\(\s*|[–—-]\s*(?:это\s*)?)(?:на|в)?\s*$",
    re.IGNORECASE,
)


def _compared_itself(
    text: str, figures: list[dict], group: list[int], pos: int, roles: dict[int, str]
) -> bool:
    """Whether a change of its own follows the number: it is a current value that an earlier one
    is compared with, whatever earlier period its clause names («в прошлом году» of a report on
    last year)."""
    if pos + 1 >= len(group) or roles.get(group[pos + 1]) != "change":
        return False
    return bool(
        _OWN_CHANGE_GAP.fullmatch(_between(text, figures[group[pos]], figures[group[pos + 1]]))
    )


def _later_year_after(text: str, figures: list[dict], group: list[int], pos: int) -> int | None:
    """«В 2021 году изъято 4 тонны 83 кг наркотиков, в 2022 году - 4 тонны 165 кг»: a number
    of a year its clause names, followed in the sentence by one of the same kind of a later
    year its own clause names, is that one's baseline. Returns the index of the later value."""
    i = group[pos]
    low = sentence_start(text, figures[i]) if pos == 0 else figures[group[pos - 1]]["end"]
    own = _last_year(text[low : figures[i]["start"]])
    if own is None and pos:
        # «в 2006 году … достигло 1548, в 2012 - 2490, в 2013 - 2710»: a series goes on with
        # bare years once its sentence named one in full
        clause = text[low : figures[i]["start"]]
        bare = list(_BARE_YEAR.finditer(clause)) or list(_LISTED_YEAR.finditer(clause))
        start = sentence_start(text, figures[i])
        if bare and _last_year(text[start:low]) is not None:
            own = int(bare[-1].group("year"))
    if own is None:
        return None
    for later in range(pos + 1, len(group)):
        k = group[later]
        clause = text[figures[group[later - 1]]["end"] : figures[k]["start"]]
        year = _last_year(clause)
        if year is None:
            # «Если в 2018 году … достигла 1782 человек, то в 2019 снизилась до 1661»: after a
            # year its clause named in full, a bare one names the later year too, and so does a
            # list item with no preposition («в 2019-м — 29,5%, 2020 году — 31,3%»)
            bare = list(_BARE_YEAR.finditer(clause)) or list(_LISTED_YEAR.finditer(clause))
            year = int(bare[-1].group("year")) if bare else None
        if year is None and _THIS_YEAR.search(clause):
            year = own + 1  # «В 2016-м году … 25 килограммов, в этом — уже 34 кило»
        published = str(figures[i].get("_published") or "")[:4]
        if year is None and published.isdigit() and _LAST_YEAR.search(clause):
            # «В 2014 году зафиксировано 21 000 преступлений, а в прошлом году – 19 707» in 2016
            year = int(published) - 1
        if year is not None and year > own and compatible(figures[k], figures[i]):
            return k
    return None


# What ends the clause of an earlier period within a sentence: a new period, a bracket, a
# semicolon, or a subset marker (a part of the earlier value is no baseline of its own).
_CLAUSE_TURN = re.compile(r"[();]|\b(?:19|20)\d\d\b|" + markers.NOW.pattern, re.IGNORECASE)


def _earlier_clause_goes_on(
    text: str, figures: list[dict], group: list[int], pos: int, roles: dict[int, str]
) -> int | None:
    """«в 2023 году зафиксировано 1 604 наркопреступления и изъято почти 2,3 тонны наркотиков,
    в 2022 году зарегистрировано 1 274 преступления … и изъято почти 2,6 тонны»: a number that
    goes on the clause of the baseline before it, with no period of its own between, is a
    baseline too, of the value of its kind that the current clause stated. Returns that value's
    index."""
    if not pos or roles.get(group[pos - 1]) != "baseline":
        return None
    i, previous = group[pos], group[pos - 1]
    gap = _between(text, figures[previous], figures[i])
    if len(gap) > 120 or _CLAUSE_TURN.search(gap) or markers.SUBSET.search(gap):
        return None
    # the first baseline of the run, and the current value it is of
    first = pos - 1
    while first and roles.get(group[first - 1]) == "baseline":
        first -= 1
    current = figures[group[first]].get("_current")
    if current is None or current == IN_HEADLINE or current not in group[:first]:
        return None
    taken = {figures[k].get("_current") for k in group[first:pos]}
    return next((k for k in group[group.index(current) : first] if k not in taken
                 and roles.get(k) not in ("baseline", "change")
                 and compatible(figures[k], figures[i])), None)  # fmt: skip


_IF = re.compile(r"(?:^|[\s«\"—–-])если\s", re.IGNORECASE)
_THEN = re.compile(r",\s*(?:а\s+)?то\s", re.IGNORECASE)


def _if_then_baseline(text: str, figures: list[dict], group: list[int], pos: int) -> int | None:
    """«Если пять-шесть лет назад их доля составляла 10%, то сейчас она составляет 46-47%»: the
    one number of an «если» clause is the baseline of the first comparable number after its
    «, то». Returns the index of that number."""
    i = group[pos]
    low = sentence_start(text, figures[i])
    # from the character before the sentence: «^» matches no position a search starts at
    opening = list(_IF.finditer(text, max(0, low - 1), figures[i]["start"]))
    if not opening:  # before the «, то» search, which reads the rest of the text
        return None
    then = _THEN.search(text, figures[i]["end"])
    if then is None:
        return None
    inside = [k for k in group if opening[-1].end() <= figures[k]["start"] < then.start()]
    if inside != [i]:
        return None  # a list («героин (40%), гашиш (32%) …») or a total and its parts
    return next((k for k in group[pos + 1 :] if figures[k]["start"] >= then.end()
                 and _comparable(figures[i], figures[k])), None)  # fmt: skip


_BARE_YEAR = re.compile(
    r"\b(?:в|за)\s+(?:неполн\w+\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]?\s*(?:г\b|г\.|год))", re.I
)
# «в этом — уже 34 кило», and the year just ended after earlier years named («В 2015 году таких
# было 34 человека, в 2016-м – 21 человек, а в ушедшем году – 15 человек»)
_THIS_YEAR = re.compile(
    r"\bв\s+(?:этом|текущем|нынешнем)(?:\s+году)?\b|\bв\s+этом\s*[—–-]"
    r"|\bв\s+(?:ушедшем|минувшем|истекшем|прошедшем)\s+году\b",
    re.IGNORECASE,
)


_LAST_YEAR = re.compile(r"\bв\s+прошлом(?:\s+году\b|\s*[–—-])", re.IGNORECASE)
_LISTED_YEAR = re.compile(
    r"^\s*[,;]\s*(?:а\s+)?(?P<year>(?:19|20)\d\d)(?:\s*-?м|\s+год\w*|\s*г\.)?\s*[–—-]\s*$"
)


def _last_year(left: str) -> int | None:
    found = list(markers.YEAR_NAMED.finditer(left))
    return int(found[-1].group("year")) if found else None


_RESTATED = re.compile(r"^\s*,?\s*или\s*(?:на\s*)?$", re.IGNORECASE)
# «на 500-700 человек», «от 40 до 50%»: the other end of a range
_RANGE_END = re.compile(r"^\s*(?:[-–—]|до)\s*$", re.IGNORECASE)
# «…, в том числе героина в 10 раз»: a factor for one kind of what the factor before measured
_ONE_KIND_FACTOR = re.compile(
    r"^[^.;:()]*,\s*(?:в\s+том\s+числе|в\s+т\.\s*ч\.|а|и)\s+\w+\s+(?:в\s*)?$", re.IGNORECASE
)


def _restates(text: str, before: dict, i: int, figures: list[dict]) -> bool:
    """A change said again in other units right after «или»: «на 25%, или на 619 кг»; the other
    end of a change's range; or a factor for one kind of what a factor of change before it
    measured («В 18 раз увеличилась масса …, в том числе героина в 10 раз»)."""
    gap = text[before["end"] : figures[i]["start"]]
    if _RESTATED.match(gap) or _RANGE_END.match(gap):
        return True
    factors = before.get("unit") == figures[i].get("unit") == "times"
    return factors and bool(_ONE_KIND_FACTOR.match(gap))


_OPENS = re.compile(r"^\s*\(\s*$")
_CLOSES = re.compile(r"^\s*\)")


def _bracketed_twin(text: str, figures: list[dict], group: list[int], pos: int) -> int | None:
    """«зарегистрировано 700 (655) правонарушений», «3,017 тысячи дел (3,062 тысячи)»: a number
    alone in brackets right after one of its kind is that one's earlier value, as statistical
    reports write it. Returns the index of the current value."""
    if not pos:
        return None
    i, k = group[pos], group[pos - 1]
    figure, before = figures[i], figures[k]
    gap = text[before["end"] : figure["start"]]
    # «1 702 факта сбыта (1 911)», «4,8 тонны наркотиков (5,6 т)»: after the counted noun too,
    # when the bracket holds the bare number
    # (a number with a noun of its own is no earlier value: «22871 человек (512 женщин)»)
    after_noun = _NOUN_THEN_OPENS.match(gap) is not None
    if not (_OPENS.match(gap) or after_noun) or not _bare(figure):
        return None
    if not _CLOSES.match(text[figure["end"] : figure["end"] + 3]):
        return None
    if _in_other_units(before, figure):
        return None  # «порядка 15-ти килограммов (15 547 гр.)»: the same amount, more exactly
    if after_noun and _restated_exactly(before, figure):
        return None  # «2 тонны в сыром виде (2053 кг)»
    return k if compatible(before, figure) and not before.get("change") else None


_NOUN_THEN_OPENS = re.compile(r"^\s+(?:[а-яё-]+\s+){0,2}[а-яё-]+\s*\(\s*$", re.IGNORECASE)


_MULTIPLIER_WORDS = re.compile(r"^(?:тыс|тысяч\w*|млн|миллион\w*|млрд|миллиард\w*)$")


def _bare(figure: dict) -> bool:
    """A number with no noun of its own: «1 911», «3,062 тысячи», «5,6 т» (a mass's unit is no
    noun), not «512 женщин»."""
    words = re.findall(r"[а-яёa-z]+", (figure.get("quote") or "").lower())
    if figure.get("unit") != "count":
        return len(words) <= 1
    return all(_MULTIPLIER_WORDS.match(word) for word in words)


def _restated_exactly(a: dict, b: dict) -> bool:
    """«более 13 тысяч кустов (13690)», «2 тонны в сыром виде (2053 кг)»: an approximate or round
    amount and, within a tenth of it, the same written with more digits («4,8 тонны (4,6 т)» is
    an earlier value, as close as it may be)."""
    if not a.get("value") or not b.get("value"):
        return False
    close = abs(a["value"] - b["value"]) <= 0.1 * max(abs(a["value"]), abs(b["value"]))
    more_digits = _significant_digits(b) > _significant_digits(a)
    return close and (a.get("qualifier") != "exact" or more_digits)


def _significant_digits(figure: dict) -> int:
    match = _WRITTEN_NUMBER.search(figure.get("quote") or "")
    digits = re.sub(r"\D", "", match[0]) if match else ""
    if match and not re.search(r"[.,]\d", match[0]):
        digits = digits.rstrip("0")  # «2000» is as round as «2»
    return len(digits.lstrip("0"))


_WRITTEN_NUMBER = re.compile(r"\d[\d\s\u00a0]*(?:[.,]\d+)?")


def _written(figure: dict) -> float | None:
    match = _WRITTEN_NUMBER.search(figure.get("quote") or "")
    if match is None:
        return None
    digits = re.sub(r"\s", "", match[0]).replace(",", ".")
    try:
        return float(digits) or None
    except ValueError:
        return None


def _in_other_units(a: dict, b: dict) -> bool:
    """The same amount written in another unit: the values agree within a tenth while the
    numbers written differ a hundredfold or more (kilograms restated in grams)."""
    if a.get("unit") != b.get("unit") or not a.get("value") or not b.get("value"):
        return False
    close = abs(a["value"] - b["value"]) <= 0.1 * max(abs(a["value"]), abs(b["value"]))
    wa, wb = _written(a), _written(b)
    return close and wa is not None and wb is not None and max(wa / wb, wb / wa) >= 100


def _names_now(text: str, figures: list[dict], k: int) -> bool:
    """«…, в этом году за такой же период 318 тысяч»: words of the current period just before."""
    left = text[
        max(figures[k - 1]["end"] if k else 0, figures[k]["start"] - 60) : figures[k]["start"]
    ]
    return bool(markers.NOW.search(left))


# a sentence that recalls earlier news, whose «ранее» is no earlier period of a statistic
_RECALLS = re.compile(r"\W*(?:напомним|напомню|ранее\s+сообщалось|как\s+сообщалось)\b", re.I)
_BE = re.compile(r"\b(?:было|был|была|были)\b", re.IGNORECASE)
# «Эти показатели чуть меньше прошлого года, когда …»: words that compare with the earlier period
_COMPARES = re.compile(r"\b(?:больше|меньше|выше|ниже|чем|сравнени\w*)\b", re.IGNORECASE)


def _of_a_later_period(text: str, figure: dict) -> bool:
    """Whether a value in a sentence before states a period later than last year's: its own
    period, or words of the current one in its sentence («в этом году», «с начала года»)."""
    if figure.get("period_end"):
        return True
    return bool(_CURRENT_PERIOD.search(figure.get("sentence") or ""))


_CURRENT_PERIOD = re.compile(
    markers.NOW.pattern + r"|\bс\s+начала\s+(?:года|текущего)|\bза\s+\w+\s+месяц", re.IGNORECASE
)


def _report_year(text: str, figure: dict) -> int:
    """The year a figure reports on: its period's, else the latest year the text named before
    it («В течение 2021 года …»), else its publication's; 0 when none is known."""
    named = [int(m.group(1)) for m in _A_YEAR.finditer(text, 0, figure["start"])]
    stated = figure.get("period_end") or figure.get("period_start")
    if stated and str(stated)[:4].isdigit():
        return int(str(stated)[:4])
    return max(named, default=0) or _reference_year(figure) or 0


_A_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*(?:г\.|год\w*)(?!\s+рождени)", re.IGNORECASE)


def _reference_year(figure: dict) -> int | None:
    for key in ("period_end", "period_start", "_published"):
        value = figure.get(key)
        if value and str(value)[:4].isdigit():
            return int(str(value)[:4])
    return None


# --- parts ----------------------------------------------------------------------------------


_LIST_JOINT = re.compile(r"(?:,|\s(?:и|а))\s*$")


def _breaks_list(text: str, a: dict, b: dict) -> bool:
    """The words between two parts start a new statement: a verb, a semicolon."""
    gap = markers.PART_LABEL.sub("", _between(text, a, b), count=1)
    if markers.CLAUSE_BREAK.search(gap):
        return True
    if _LIST_JOINT.search(gap) and markers.PART_LABEL.match(text[b["end"] : b["end"] + 4]):
        # «5 фактов касались посева конопли, 16 – сбыта», «191 – совершено в крупном и 143 – в
        # особо крупном»: the verb left out is shared
        return False
    # «438 совершены в крупном размере, 629 связаны со сбытом»: parts each with its own predicate
    # right after the number, a comma between them
    parallel = _opens_with_verb(gap) and _opens_with_verb(text[b["end"] : b["end"] + 40])
    if parallel and gap.rstrip().endswith(","):
        return False
    # «из которых 364 кг составляет героин, около 400 кг – опий»: a copula names the item
    return has_verb(markers.COPULA.sub(" ", gap))


def _semicolon_item(text: str, opened: str, a: dict, b: dict) -> bool:
    """«Изъято 14,7 кг наркотиков: 56,4 г героина; 2,4 кг маковой соломы, …»: in a list a colon
    opened, a semicolon with no verb about it separates two items."""
    gap = _between(text, a, b)
    if not markers.LIST_COLON.search(opened) or ";" not in gap:
        return False
    rest = gap.replace(";", " ")
    return not markers.CLAUSE_BREAK.search(rest) and not has_verb(markers.COPULA.sub(" ", rest))


def _opens_with_verb(gap: str) -> bool:
    first = gap.split(maxsplit=1)[:1]
    return bool(first) and has_verb(first[0])


def _exceeds(total: dict, parts: list[dict], overlapping: bool = False) -> bool:
    """Whether parts add up to more than their total can hold («Среди задержанных – 20, 28 и 41»
    after «5 лидеров и их 84 пособника»: 89 people are no part of the 84). Subsets of an overall
    total may overlap («В общем числе … 446 – тяжкие, 191 – совершено в крупном …»): then only
    the largest must fit."""
    values = [float(p["value"]) for p in parts]
    added = max(values, default=0.0) if overlapping else sum(values)
    room = 1.2 if total.get("qualifier") in ("more_than", "approx") else 1.0
    return added > room * float(total["value"]) + 1e-9


_GLOSS_OPENS = re.compile(r"^[^()0-9;:]{0,60}\(\s*$")


def _glosses(text: str, before: dict, figure: dict) -> bool:
    """A number alone in brackets after another and its noun counts that one in other terms."""
    return bool(
        _GLOSS_OPENS.match(text[before["end"] : figure["start"]])
        and _CLOSES.match(text[figure["end"] : figure["end"] + 3])
    )


def _parts_after(
    text: str, figures: list[dict], candidates: list[int], total: int, roles: dict[int, str]
) -> list[int]:
    """The figures after a subset marker that are parts of `total`: compatible ones, in a list
    that no verb or semicolon breaks."""
    parts: list[int] = []
    previous = None
    for k in candidates:
        figure = figures[k]
        if roles.get(k) in ("baseline", "change") or figure.get("unit") in ("percent", "times"):
            continue
        if not compatible(figure, figures[total]):
            if previous is not None and _glosses(text, figures[previous], figure):
                continue  # «96 кг растений (164 куста) … и 105 кг мефедрона»: the list goes on
            break
        if previous is None:
            opened = _between(text, figures[total], figure)
        elif _breaks_list(text, figures[previous], figure) and not _semicolon_item(
            text, opened, figures[previous], figure
        ):
            break
        parts.append(k)
        previous = k
    return parts


# «В общем числе …», «Из общего количества …»: a subset of the overall total, which may stand
# further back than the nearest count of its kind
_OVERALL = re.compile(r"\b(?:в|из)\s+общ(?:ем|его)\s+(?:числ|количеств|объ[её]м)", re.IGNORECASE)


def _assign_parts(
    text: str, figures: list[dict], groups: list[list[int]], roles: dict[int, str]
) -> dict[int, int]:
    part_of: dict[int, int] = {}
    previous_group: list[int] = []
    earlier: list[int] = []  # the figures of the sentences before, nearest last
    for group in groups:
        first = figures[group[0]]
        opening_start = sentence_start(text, first)
        opening = text[opening_start : first["start"]]
        of_them = not opening.strip(' \t"«»—–-') and markers.OF_THEM_OPENING.match(
            text[first["start"] : first["start"] + 40]
        )
        subset = markers.OPENS_WITH_SUBSET.match(opening) or markers.SUBSET_IN_OPENING.search(
            opening
        )
        if not subset and markers.THIS_OPENING.match(opening):
            units = [figures[k].get("unit") for k in group]
            subset = any(units.count(unit) >= 2 for unit in units)  # a breakdown, not a restating
        if not subset and not of_them:
            subset = _verbless_list(figures, group) or _by_place(text, figures, group, opening)
        if (subset or of_them) and previous_group:
            # «В их числе двое, перевозивших 3,5 кг»: each unit has its own total before
            for unit in dict.fromkeys(figures[k].get("unit") for k in group):
                same = [k for k in group if figures[k].get("unit") == unit]
                # the sentence before, else («… изъяли более 226 кг. Пресекли 35 фактов
                # контрабанды. Среди изъятого 11,8 кг – …») the nearest sentence of that unit
                totals = [
                    k
                    for k in [*reversed(previous_group), *reversed(earlier[-MAX_BACK:])]
                    if roles.get(k) not in ("baseline", "change", "part")
                    and k not in part_of
                    and compatible(figures[k], figures[same[0]])
                ]
                # «из них» points at the total itself, whose parts may overlap («из них 760 -
                # сбыт и 858 тяжких»); «Среди задержанных» names a set that may be larger
                pronoun = (
                    of_them
                    or markers.OF_THEM_OPENING.match(opening)
                    or markers.THESE_OPENING.match(opening)
                )
                overall = bool(_OVERALL.search(opening))
                for total in totals if overall and not pronoun else totals[:1]:
                    parts = _parts_after(text, figures, same, total, roles)
                    # parts larger than the nearest total are of a larger one further back
                    # («выявлено 549 преступлений … Сотрудниками ОВД выявлено 263 … В общем
                    # числе этого вида преступлений 446 – тяжкие»)
                    if pronoun or not _exceeds(
                        figures[total], [figures[k] for k in parts], overlapping=overall
                    ):
                        for k in parts:
                            part_of[k] = total
                        break
        for pos, i in enumerate(group):
            rest = group[pos + 1 :]
            if i in part_of or not rest:
                continue
            if roles.get(i) in ("baseline", "change") or figures[i].get("unit") == "percent":
                _subset_after_comparison(text, figures, group, pos, roles, part_of)
                continue
            nxt = rest[0]
            gap = _between(text, figures[i], figures[nxt])
            if _of_the_total(text, figures, i, rest, roles, part_of):
                continue
            if (
                markers.PART_OF_NEXT.match(gap)
                and compatible(figures[i], figures[nxt])
                and figures[i]["value"] <= figures[nxt]["value"]
            ):
                part_of[i] = nxt  # "46 из 120 задержанных"
                continue
            if markers.OF_THEM_AFTER.match(gap):
                continue  # «12 из них …, 15 — …»: a part itself, and the next one its sibling
            marker = markers.SUBSET.search(gap)
            colon = markers.LIST_COLON.search(gap)
            if not marker and not colon:
                continue
            # a part larger than its total is something else seized beside it («свыше 525 кг
            # наркотиков, в том числе 52 кг синтетических и более 3 тонн прекурсоров»)
            total = _whole_before(text, figures, group, pos, nxt, roles)
            parts = [k for k in _parts_after(text, figures, rest, total, roles)
                     if not _other_kind(figures[total], figures[k])
                     and not _exceeds(figures[total], [figures[k]])]  # fmt: skip
            if colon and not marker:
                # a colon list without "в том числе": parts only when each is smaller
                parts = [k for k in parts if figures[k]["value"] < figures[total]["value"]]
                if len(parts) < 2:
                    continue
            for k in parts:
                part_of.setdefault(k, total)
        _part_of_earlier(text, figures, group, roles, part_of, earlier[-MAX_BACK:])
        _share_of_earlier(text, figures, group, earlier[-MAX_BACK:], roles, part_of)
        _cases_of_earlier(text, figures, group, roles, part_of)
        previous_group = group
        earlier += [k for k in group if figures[k]["start"] - first["start"] < 600]
    return part_of


# What a whole is measured by, stated right after it: «35 очагов …, общей площадью 183 га»
_MEASURED_BY = re.compile(
    r"^[^.;:]{0,80}[,\s]\s*(?:общей\s+|общим\s+)?(?:площадью|весом|массой|объ[её]мом|стоимостью)"
    r"(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)


def _whole_before(
    text: str, figures: list[dict], group: list[int], pos: int, nxt: int, roles: dict[int, str]
) -> int:
    """The figure a subset marker after figure group[pos] is of: that one, or («выявлено 35
    очагов …, общей площадью более 183 гектаров, из которых уничтожено 25 очагов») the whole
    it measures, when only that one is of the kind the marker's parts count."""
    i = group[pos]
    if pos == 0 or compatible(figures[i], figures[nxt]):
        return i
    whole = group[pos - 1]
    if roles.get(whole) in ("baseline", "change") or not compatible(figures[whole], figures[nxt]):
        return i
    return whole if _MEASURED_BY.match(_between(text, figures[whole], figures[i])) else i


# What a count of crimes never breaks down into: labs, groups, dens, sites and channels found
# beside them.
_CRIME_NOUNS = frozenset({"преступление", "наркопреступление", "правонарушение", "наркопроступок",
                          "проступок", "факт", "случай", "эпизод", "деяние", "дело"})  # fmt: skip
_OTHER_THINGS = frozenset({"лаборатория", "нарколаборатория", "группа", "группировка", "опг",
                           "опс", "притон", "наркопритон", "сайт", "ресурс", "канал",
                           "наркоканал"})  # fmt: skip


def _other_kind(total: dict, part: dict) -> bool:
    """«выявлено 539 преступлений, в том числе обнаружены две нарколаборатории»: labs, groups,
    dens or sites counted after «в том числе» are no part of the crimes counted before."""
    return (
        total.get("unit") == "count"
        and total.get("object") in _CRIME_NOUNS
        and (part.get("object") or "").lower() in _OTHER_THINGS  # «ОПГ» in capitals
    )


def _by_place(text: str, figures: list[dict], group: list[int], opening: str) -> bool:
    """«Так, в Москве количество таких преступлений составило более 10,4 тысячи, в Подмосковье -
    5,8 тысячи, а в Челябинской области - 5,1 тысячи»: the kind counted before, named again
    («таких»), given place by place, breaks down the total before."""
    if len(group) < 2 or not markers.SAME_KIND_AGAIN.search(opening):
        return False
    placed = 0
    for k in group:
        start = figures[k]["start"]
        clause_start = max(text.rfind(",", 0, start), sentence_start(text, figures[k]))
        placed += bool(markers.PLACE_BEFORE.search(text, max(0, clause_start - 1), start))
    return placed >= 2


def _verbless_list(figures: list[dict], group: list[int]) -> bool:
    """«Изъято 12,5 тонн наркотиков. Около 9,5 тонн марихуаны, 380 кг гашиша и 110 кг
    синтетики.»: a sentence with no verb that lists two or more masses breaks down the total
    before it (what they add up to is checked against it)."""
    units = [figures[k].get("unit") for k in group]
    sentence = figures[group[0]].get("sentence")
    listed = any(units.count(unit) >= 2 for unit in MEASURES)
    return bool(sentence) and listed and not has_verb(sentence)


# A sentence that ends announcing its total's breakdown as a list: «изъято 68 кг …, из них:»
_LIST_OF_PARTS = re.compile(
    r"(?:из\s+них|из\s+которых|в\s+том\s+числе|в\s+т\.\s*ч\.|среди\s+них)\s*:\s*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*●▪]|\d{1,2}[.)]\s)")


def _bare_item(text: str, figures: list[dict], group: list[int], start: int) -> bool:
    """«в том числе:» then «250 кг синтетики.», «238 кг гашиша.»: a line of its own that is one
    amount and what it is of, with no bullet."""
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else None]
    return (
        (start == 0 or text[start - 1] == "\n")
        and len(group) == 1
        and not text[start : figures[group[0]]["start"]].strip()
        and len(line) <= 80
    )


def _listed_parts(
    text: str,
    figures: list[dict],
    groups: list[list[int]],
    roles: dict[int, str],
    part_of: dict[int, int],
) -> None:
    """The lines of a list after «…, из них:» break down the sentence's last amount: «изъято 68
    кг 640 гр. наркотических средств, из них:» then «- гашиш 32 кг 210 гр;», «- марихуаны 31
    кг»; the list ends at the first line that is no item."""
    for g, group in enumerate(groups):
        last = figures[group[-1]]
        if last["unit"] is None or group[-1] in roles or group[-1] in part_of:
            continue
        line_end = text.find("\n", last["end"])
        line_end = line_end if line_end >= 0 else len(text)
        # only the line's last words can announce a list: a text of one long line would
        # otherwise be searched to its end once for each sentence
        if not _LIST_OF_PARTS.search(text[max(last["end"], line_end - 80) : line_end]):
            continue
        for later in groups[g + 1 :]:
            start = sentence_start(text, figures[later[0]])
            if not (_LIST_ITEM.match(text[start:]) or _bare_item(text, figures, later, start)):
                break
            for j in later:
                if j not in roles and j not in part_of and compatible(figures[j], last):
                    part_of[j] = group[-1]


def _subset_after_comparison(
    text: str, figures: list[dict], group: list[int], pos: int, roles, part_of
) -> None:
    """«увеличение с 72 до 96 (+33,3%) …, из них 75 (…) связаны со сбытом»: a subset marker
    after a change or baseline breaks down the current value before them."""
    i, rest = group[pos], group[pos + 1 :]
    if not markers.SUBSET.search(_between(text, figures[i], figures[rest[0]])):
        return
    total = next(
        (k for k in reversed(group[:pos]) if roles.get(k) not in ("baseline", "change")
         and k not in part_of and compatible(figures[k], figures[rest[0]])),
        None,
    )  # fmt: skip
    if total is None:
        return
    for k in _parts_after(text, figures, rest, total, roles):
        if figures[k]["value"] <= figures[total]["value"]:
            part_of.setdefault(k, total)


def _of_the_total(
    text: str,
    figures: list[dict],
    i: int,
    rest: list[int],
    roles: dict[int, str],
    part_of: dict[int, int],
) -> bool:
    """«из 42 задержанных лиц, 8 – …, 7 – …»: a number after «из» or «среди» and before a comma
    is the total of the sentence's numbers that follow (a breakdown: verbs do not end it);
    without the comma, of the number right after it («Среди 645 фигурантов — 31
    несовершеннолетний»); when it opens its sentence, of the next smaller number however its
    phrase goes on."""
    figure = figures[i]
    before = text[max(0, figure["start"] - 7) : figure["start"]]
    after = text[figure["end"] : figures[rest[0]]["start"]]
    if not markers.FROM_TOTAL.search(before):
        return False
    nxt = figures[rest[0]]
    smaller_next = (
        roles.get(rest[0]) not in ("baseline", "change")
        and compatible(nxt, figure)
        and nxt["value"] < figure["value"]
    )
    if _parts_of_the_total(text, figures, i, rest, roles, part_of, smaller_next):
        return True
    phrase = after.rsplit(",", 1)[0]  # the total's own words, up to the part's clause
    if (
        smaller_next
        and _opens_with_the_total(text, figure)
        and len(after.split()) <= 12
        and not has_verb(phrase)
    ):
        # «Из 188 протестированных в районе учеников 7—11-х классов 18 пробовали наркотики»,
        # «В этом году из 450 тестированных, выявлено 3 человека …»: a sentence that opens
        # with its whole names a part of it next, unless a verb ends the whole's phrase
        part_of.setdefault(rest[0], i)
        return True
    return False


def _parts_of_the_total(
    text: str,
    figures: list[dict],
    i: int,
    rest: list[int],
    roles: dict[int, str],
    part_of: dict[int, int],
    smaller_next: bool,
) -> bool:
    """The parts after a total named after «из» or «среди», as the words between them allow
    (see _of_the_total)."""
    figure = figures[i]
    after = text[figure["end"] : figures[rest[0]]["start"]]
    if "," not in after:
        # «Из 120 выявленных преступлений 45 связаны со сбытом»: the next number, a few words
        # on with no verb between, is one part
        if smaller_next and len(after.split()) <= 4 and not has_verb(after):
            part_of.setdefault(rest[0], i)
            return True
        return False
    parts = []
    for k in rest:
        if roles.get(k) in ("baseline", "change") or not compatible(figures[k], figure):
            continue
        if ";" in _between(text, figures[parts[-1] if parts else i], figures[k]):
            break
        parts.append(k)
    parts = [k for k in parts if figures[k]["value"] < figure["value"]]
    if len(parts) == 1 and parts[0] == rest[0]:
        # «Из 50-ти выявленных … фактов контрабанды наркотиков, 48 – результат работы УФСКН»,
        # «Из 92 расследованных преступлений, совершенных …, – 87 приходятся на долю …»: one
        # part, opening the clause after the total's phrase, which no verb ends
        gap = _between(text, figure, figures[parts[0]])
        if has_verb(gap) or not gap.rstrip().endswith((",", "–", "—", "-")):
            return False
    elif len(parts) < 2:
        return False
    for k in parts:
        part_of.setdefault(k, i)
    return True


# what may stand before a sentence's opening «из N»: a time («В этом году», «За 2023 год»)
_OPENING_TIME = re.compile(
    r"\s*(?:(?:в|за)\s+(?:\w+\s+){0,2}(?:году|год|годе|месяц\w*|квартал\w*|полугоди\w*)"
    r"\s*,?\s*)?(?:из|среди)\s*",
    re.IGNORECASE,
)


def _opens_with_the_total(text: str, figure: dict) -> bool:
    """Whether «из» and the figure open their sentence, after at most a time."""
    return bool(_OPENING_TIME.fullmatch(text, sentence_start(text, figure), figure["start"]))


def _part_of_earlier(
    text: str, figures: list[dict], group: list[int], roles, part_of, earlier: list[int] = ()
) -> None:
    """«выявили 2346 преступлений, …, более 1,6 тысячи из них направили в суд»: a number right
    before «из них» is a part of the sentence's number before it; with none in its sentence, of
    the nearest larger count of the same thing in the sentences before («ликвидировали 27
    нарколабораторий. … нарколаборатории занимались …, 12 из них …, 15 — …»), and the list it
    opens goes on."""
    for pos, i in enumerate(group):
        figure = figures[i]
        after = text[figure["end"] : figure["end"] + 20]
        if not markers.OF_THEM_AFTER.match(after):
            continue
        if i in part_of:
            _dashed_siblings(text, figures, group[pos + 1 :], i, part_of[i], roles, part_of)
            continue
        before = [
            k
            for k in reversed(group[:pos])
            if roles.get(k) not in ("baseline", "change") and compatible(figures[k], figure)
        ]
        if before:
            if figures[before[0]]["value"] >= figure["value"]:
                part_of[i] = before[0]
                _dashed_siblings(text, figures, group[pos + 1 :], i, before[0], roles, part_of)
            continue
        total = next((k for k in reversed(earlier) if roles.get(k) not in ("baseline", "change")
                      and k not in part_of and compatible(figures[k], figure)
                      and (figure.get("unit") != "count"
                           or figures[k].get("object") == figure.get("object")
                           # «96 преступлений. … 80 противоправных деяний из этого числа»
                           or {figures[k].get("object"), figure.get("object")} <= _CRIME_NOUNS
                           # «22 тысяч жителей. … почти 15 тысяч из них составляют лица …»
                           or (people_noun(figures[k].get("object"))
                               and people_noun(figure.get("object"))))),
                     None)  # fmt: skip
        if total is None or figures[total]["value"] <= figure["value"]:
            continue
        part_of[i] = total
        for k in _parts_after(text, figures, group[pos + 1 :], total, roles):
            if figures[k]["value"] < figures[total]["value"]:
                part_of.setdefault(k, total)


# «, 8 – с контрабандой»: an item of a list with its noun left out, after a comma
_DASHED_ITEM_BEFORE = re.compile(r",\s*(?:а\s+|и\s+)?$")
_DASHED_ITEM_AFTER = re.compile(r"\s*[–—-]\s*\w")


def _dashed_siblings(text, figures, later, first, total, roles, part_of) -> None:
    """«176 преступлений, 118 из которых связано со сбытом, 8 – с контрабандой»: the items
    after the first part, each after a comma and before its dash, are parts of the same total
    (a number in brackets inside the first item is its own detail: «(52 - в крупном …)»)."""
    previous = first
    for k in later:
        gap = text[figures[previous]["end"] : figures[k]["start"]]
        if gap.count("(") > gap.count(")"):
            continue  # inside a bracket
        dashed = _DASHED_ITEM_AFTER.match(text, figures[k]["end"])
        if not (dashed and _DASHED_ITEM_BEFORE.search(gap)):
            break
        if k in roles or k in part_of or not compatible(figures[k], figures[total]):
            break
        if figures[k]["value"] >= figures[total]["value"]:
            break
        part_of[k] = total
        previous = k


_IN_CASES_BEFORE = re.compile(r"(?:^|\s)в\s*$", re.IGNORECASE)


def _cases_of_earlier(text, figures, group, roles, part_of) -> None:
    """«выявлено 66 преступлений, связанных с незаконным оборотом наркотиков, в 44 случаях …»:
    «в N случаях» counts some of the cases a larger count before it in its sentence named (in
    the next sentence it as often tells of something else: «… выявлено 403 преступления. В 10
    случаях прием зелья закончился летальным исходом»)."""
    for pos, i in enumerate(group):
        figure = figures[i]
        if i in part_of or roles.get(i) or figure.get("unit") != "count":
            continue
        if figure.get("object") != "случай" or not _IN_CASES_BEFORE.search(
            text[max(0, figure["start"] - 4) : figure["start"]]
        ):
            continue
        for k in reversed(group[:pos]):
            if roles.get(k) in ("baseline", "change") or not compatible(figures[k], figure):
                continue
            # cases are things that happened, not people («940 больных … в 10 случаях»)
            if figures[k]["value"] > figure["value"] and not _counts_people(figures[k]):
                part_of[i] = k
            break


def _counts_people(figure: dict) -> bool:
    """An animate noun («жителей»), or an adjective counted as one («наркозависимых»,
    «задержанных»): people, in these texts."""
    readings = parse_word(figure.get("object") or "")
    if not readings:
        return False
    first = readings[0]
    return first.pos in ("ADJF", "PRTF") or (first.pos == "NOUN" and "anim" in first.grammemes)


# «93 кг приходится на героин»: the share verb right after the number
_SHARE_AFTER = re.compile(r"\s*(?:\S+\s+)?(?:приходит|пришл)\w*\s+на\b", re.IGNORECASE)


def _share_of_earlier(text, figures, group, earlier, roles, part_of) -> None:
    """«Изъято 820 кг наркотиков. Наибольшая доля приходится на гашиш – 510 кг»: a number in a
    sentence that names a share is a part of the nearest number of its kind before it, when
    larger (in its sentence, else in the sentences of the paragraph or two before); the other
    items of its share list are its siblings, not its total."""

    def share_item(k: int) -> bool:
        """«93 кг приходится на героин», «на долю гашиша – 510 кг»: one item of a share list
        (a count followed by the verb is left alone: its own noun comes first, and whose
        share it is, the words do not say)."""
        figure = figures[k]
        before = text[sentence_start(text, figure) : figure["start"]]
        after = figure.get("unit") in MASS and _SHARE_AFTER.match(text, figure["end"])
        return bool(markers.SHARE_OF.search(before) or after)

    for pos, i in enumerate(group):
        figure = figures[i]
        if i in part_of or roles.get(i) or figure.get("unit") in ("percent", "times"):
            continue
        if not share_item(i):
            continue
        for k in [*reversed(group[:pos]), *reversed(earlier)]:
            if roles.get(k) in ("baseline", "change") or k in part_of:
                continue
            if k in group and share_item(k):
                continue  # «93 кг приходится на героин, более 19 кг – …»: a sibling
            if compatible(figures[k], figure):
                if figures[k]["value"] > figure["value"]:
                    part_of[i] = k
                break


# «5 216 (+346) случаев», «4 870 (- 526)»: a signed number in brackets right after a value
_SIGNED_BRACKET = re.compile(r"^\s*\(\s*[+−–-]\s*$")


def _signed_difference(text: str, figures: list[dict], group: list[int], pos: int) -> bool:
    """A number written with its sign in brackets right after a value of its unit is the
    difference from the earlier period («составило 5 216 (+346) случаев»): a change."""
    if not pos:
        return False
    before, figure = figures[group[pos - 1]], figures[group[pos]]
    return before.get("unit") == figure.get("unit") and bool(
        _SIGNED_BRACKET.match(text[before["end"] : figure["start"]])
    )


# --- the whole text -------------------------------------------------------------------------


def assign_roles(
    text: str,
    figures: list[dict],
    headline: list[dict] = (),
    named_drugs: frozenset[str] = frozenset(),
    drug_groups: frozenset[str] = frozenset(),
) -> None:
    """Set `role` and `part_of` (an index into `figures`) on each figure, in place; `headline`:
    the headline's figures, which may hold the current value a baseline of the text is of;
    `named_drugs`: the drug names of the indicators' vocabulary, `drug_groups` those of them
    that name a group of drugs."""
    roles: dict[int, str] = {}
    groups = _sentences(text, figures)
    for group in groups:
        for pos, i in enumerate(group):
            if (
                figures[i].get("change")
                or comparative_change(text, figures[i])
                or _signed_difference(text, figures, group, pos)
            ):
                roles[i] = "change"
            elif (
                pos
                and group[pos - 1] in roles
                and _restates(text, figures[group[pos - 1]], i, figures)
            ):
                roles[i] = "change"  # «больше на 25 процентов, или на 619 кг»
        currents: set[int] = set()  # the «до 387» of a «с 457 до 387»: no earlier value itself
        for pos, i in enumerate(group):
            if i in roles or i in currents:
                continue
            current = _from_to_baseline(text, figures, group, pos)
            if current is not None:
                currents.add(current)
            if current is None:
                current = _stated_earlier_baseline(text, figures, group, pos)
            if current is None:
                current = _earlier_clause_baseline(text, figures, group, pos, roles, headline)
            if current is None:
                current = _bracketed_twin(text, figures, group, pos)
            if current is None:
                current = _later_year_after(text, figures, group, pos)
            if current is None:
                current = _if_then_baseline(text, figures, group, pos)
            if current is None:
                current = _earlier_clause_goes_on(text, figures, group, pos, roles)
            if (
                current is not None
                and roles.get(current) == "baseline"
                and figures[current].get("_current") == i
            ):
                continue  # its own baseline already: «В 2017 году 640, а в прошлом – 590»
            if current is not None:
                roles[i] = "baseline"
                figures[i]["_current"] = None if current == IN_HEADLINE else current
        _shares_of_baselines(text, figures, group, roles)
    part_of = _assign_parts(text, figures, groups, roles)
    _listed_parts(text, figures, groups, roles, part_of)
    _parts_by_their_share(text, figures, roles, part_of)
    _percent_shares(text, figures, groups, roles, part_of)
    sum_parts(text, figures, roles, part_of, named_drugs)
    for i, total in list(part_of.items()):
        if _of_another_drug(text, figures[total], figures[i], named_drugs, drug_groups):
            del part_of[i]
    totals = set(part_of.values())
    for i, figure in enumerate(figures):
        if i in part_of:
            role = "part"
        elif i in roles:
            role = roles[i]
        elif i in totals:
            role = "total"
        else:
            role = "value"
        figure["role"] = role
        figure["part_of"] = part_of.get(i)
    for group in groups:
        _link_changes(figures, group)


def _of_another_drug(
    text: str,
    total: dict,
    part: dict,
    named_drugs: frozenset[str],
    drug_groups: frozenset[str],
) -> bool:
    """«Свыше 40 кг марихуаны уничтожено. Героин — 8,2 кг, гашиш — 15,4 кг.»: an amount of one
    named drug holds no other; only a group («синтетики», «наркосодержащих растений») holds its
    members, and an amount shared by a list of drugs («около 90 кг героина, опия и гашиша»)
    each of them."""
    whole, item = ((f.get("object") or "").lower() for f in (total, part))
    if whole == item or not {whole, item} <= named_drugs or whole in drug_groups:
        return False
    return len(_drugs_named_after(text, total, named_drugs)) < 2


_LISTED_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S")
_LIST_JOINS = frozenset({",", "и", "или", "а", "также"})
_LIST_LOOKAHEAD = 120  # characters after an amount where the drugs it is of are listed


def _drugs_named_after(text: str, figure: dict, named_drugs: frozenset[str]) -> set[str]:
    """The named drugs listed right after an amount («около 90 кг героина, опия и гашиша»), up
    to the first word that is none of them, nor an adjective or a word that joins a list."""
    found: set[str] = set()
    end = min(len(text), figure["end"] + _LIST_LOOKAHEAD)
    for match in _LISTED_WORD.finditer(text, figure["end"], end):
        word = match.group().lower()
        if word in _LIST_JOINS:
            continue
        readings = parse_word(word)
        drugs = {r.lemma for r in readings} & named_drugs
        if drugs:
            found |= drugs
        elif not (readings and readings[0].pos in ("ADJF", "PRTF")):
            break
    return found


# Between a number and its share: «56, или 45,9% от количества выявленных», «54 преступления,
# их удельный вес составил 44,3%», «(512, или 81,2%)»
_SHARE_GAP = re.compile(
    r"^\s*(?:,|\()?\s*(?:или|т\.\s*е\.|то\s+есть|что\s+составляет|их\s+(?:удельный\s+вес|доля)"
    r"\s+(?:составил[аи]?|составляет))?\s*$",
    re.IGNORECASE,
)


def _share_after(text: str, figures: list[dict], i: int) -> int | None:
    """The percentage that gives figure i's share right after it («1055, или 95,0%»), or None."""
    k = i + 1
    if k >= len(figures) or figures[i].get("unit") in (None, "percent", "times"):
        return None
    share = figures[k]
    if share.get("unit") != "percent" or share.get("change"):
        return None
    return k if _SHARE_GAP.match(_between(text, figures[i], share)) else None


def _shares_of_baselines(text: str, figures: list[dict], group: list[int], roles) -> None:
    """«… – 1055, или 95,0% (в 1 пол. 2022 г. – 1 212, или 97,3%)»: the share given with an
    earlier period's value is of that period too, a baseline of the share of the current value."""
    for i in group:
        if roles.get(i) != "baseline":
            continue
        k = _share_after(text, figures, i)
        if k is None or k not in group or k in roles:
            continue
        roles[k] = "baseline"
        figures[k]["_share_of"] = i  # a change is checked against the value, not its share
        current = figures[i].get("_current")
        figures[k]["_current"] = (
            _share_after(text, figures, current) if current is not None else None
        )


def _share_matches(part: dict, total: dict, share: dict) -> bool:
    """Whether part / total is the share stated, as rounded as it is written («45,9%»)."""
    value, whole = float(part["value"]), float(total["value"])
    if whole <= 0 or value >= whole:
        return False
    written = str(share.get("value"))
    decimals = len(written.split(".")[1].rstrip("0")) if "." in written else 0
    return abs(100 * value / whole - float(share["value"])) <= 0.5 * 10**-decimals + 1e-9


def _parts_by_their_share(
    text: str, figures: list[dict], roles: dict[int, str], part_of: dict[int, int]
) -> None:
    """«выявлено 122 преступления … Преступлений, связанных со сбытом - 56, или 45,9% от
    количества выявленных»: a number given with its share of a whole is a part of the number
    before it that the share, computed, names."""
    for i in range(len(figures) - 1):
        figure, share = figures[i], figures[i + 1]
        if i in part_of or roles.get(i) or figure.get("unit") in (None, "percent", "times"):
            continue
        if share.get("unit") != "percent" or share.get("change") or roles.get(i + 1):
            continue
        if not _SHARE_GAP.match(_between(text, figure, share)):
            continue
        for k in range(i - 1, max(-1, i - MAX_BACK), -1):
            total = figures[k]
            if roles.get(k) in ("baseline", "change") or not compatible(total, figure):
                continue
            if _share_matches(figure, total, share):
                part_of[i] = k
                break


# «…, из них 70% – сбыт», «Из общего количества преступлений 70% …»: a share of the number before
_SHARE_OF_THEM_BEFORE = re.compile(
    r"(?:\bиз\s+(?:них|которых)|\bиз\s+общ\w+\s+(?:числа|количества|объ[её]ма|массы)"
    r"(?:\s+[\w-]+){0,3})\s*[,:–—-]?\s*(?:(?:более|свыше|около|почти|порядка|примерно|менее)"
    r"\s+)?$",
    re.IGNORECASE,
)
# «40% из которых – синтетика», «Около 70% из них …»
_SHARE_OF_THEM_AFTER = re.compile(r"\s*из\s+(?:них|которых)\b", re.IGNORECASE)


def _percent_shares(
    text: str, figures: list[dict], groups: list[list[int]], roles, part_of: dict[int, int]
) -> None:
    """«выявлено 924 преступления … Из них более 70% относятся к тяжким»: a percentage of «из
    них» is a share of the number before it (in its sentence, else in the sentence before), a
    part of it; the percentages that follow it in its sentence are its siblings while together
    they stay within the whole. A share names no amount: checks and sums keep it apart from the
    parts in its total's unit."""
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]

    def index(i: int) -> int:
        return bisect.bisect_right(starts, figures[i]["start"]) - 1

    previous: list[int] = []
    for group in groups:
        if previous and index(previous[0]) != index(group[0]) - 1:
            previous = []  # «Из них» looks back one sentence, not past one with no number
        for pos, i in enumerate(group):
            figure = figures[i]
            if not _plain_share(figure, i, roles, part_of):
                continue
            before = text[max(sentence_start(text, figure), figure["start"] - 60) : figure["start"]]
            if not (
                _SHARE_OF_THEM_BEFORE.search(before)
                or _SHARE_OF_THEM_AFTER.match(text, figure["end"])
            ):
                continue
            total = next(
                (k for k in [*reversed(group[:pos]), *reversed(previous)]
                 if figures[k].get("unit") not in (None, "percent", "times")
                 and roles.get(k) not in ("baseline", "change")),
                None,
            )  # fmt: skip
            if total is None or figures[total]["value"] <= 0:
                continue
            shares = [i] + [k for k in group[pos + 1 :] if _plain_share(figures[k], k, roles,
                                                                        part_of)]  # fmt: skip
            added = 0.0
            for k in shares:
                added += float(figures[k]["value"])
                if added > 100 + 1e-9:
                    break
                part_of[k] = total
        previous = group


def _plain_share(figure: dict, i: int, roles, part_of: dict[int, int]) -> bool:
    """A percentage that states no change and has no role yet."""
    return (
        figure.get("unit") == "percent"
        and not figure.get("change")
        and i not in roles
        and i not in part_of
    )


def _link_changes(figures: list[dict], group: list[int]) -> None:
    """A change with a baseline and its current value in the same sentence: remember both."""
    baselines = [
        i for i in group if figures[i]["role"] == "baseline" and "_share_of" not in figures[i]
    ]
    for i in group:
        if figures[i]["role"] != "change" or not baselines:
            continue
        if figures[i].get("unit") not in ("percent", "times"):
            continue  # «на 63 кг больше»: a difference, checked against no ratio
        # the baseline nearest to the change, before or after it
        b = min(baselines, key=lambda k: abs(figures[k]["start"] - figures[i]["start"]))
        current = figures[b].get("_current")
        if current is not None:
            figures[i]["_compared"] = (b, current)
