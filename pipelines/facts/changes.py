"""Which number a stated change describes: `change_of` on each change figure.

«выявлено 1 286 преступлений …, их число снизилось на 12,4%»: the 12,4% is the change of the
1 286, and an analyst comparing with last year reads it there when no text states last year's
number. Works on the figures of one text after their roles, indicators and scopes are set;
`change_of` is an index into `figures`, as `part_of` is. A change is linked only where the
words leave no doubt which number it is of: a number of its own indicator, of a period, in its
sentence (or, for «Это на 20% больше», in the sentence before).
"""

from __future__ import annotations

import re

from pipelines.facts.roles import sentence_spans, sentence_start

_DESCRIBED = ("value", "total", "part")  # not a baseline (last year) nor another change
_GENERIC = "наркотик"  # drugs in general: a total over every drug
_RATIOS = ("percent", "times")
# Between a number and a change, what says the change is of something else: a clause set
# against the number's («уничтожено 630 гектаров конопли, однако общая площадь произрастания
# увеличилась в три раза»), a quantity named anew («изъято 12 кг наркотиков, количество фактов
# изъятий … выросло на 20%»; not «их число», «этот показатель»: the number again), or a
# semicolon, after which another item begins
_ANOTHER_CLAUSE = re.compile(
    r"\b(?:однако|но|тогда\s+как|в\s+то\s+время\s+как|зато)\b|;"
    r"|(?<!их )(?<!его )(?<!её )(?<!ее )\b(?:количеств[оа]|числ[оа]|объ[её]м[аы]?|площад[ьи]"
    r"|дол[яи])\b",
    re.IGNORECASE,
)
# «Это на 68,4% больше», «Данный показатель вырос на 12%»: the sentence before holds the number
_THIS = re.compile(r"\W*(?:это|этот\s+показатель|данный\s+показатель)\b", re.IGNORECASE)


def link_changes_to_values(text: str, figures: list[dict]) -> None:
    """Set `change_of` on each change figure (None where its number is not certain), in place."""
    for i, figure in enumerate(figures):
        figure["change_of"] = None
        if figure.get("role") != "change" or figure.get("unit") not in _RATIOS:
            continue
        if figure.get("change") not in ("increase", "decrease") or not figure.get("indicator"):
            continue
        k = _described(text, figures, i)
        if k is not None:
            figure["change_of"] = k


def _fits(change: dict, value: dict) -> bool:
    """A number the change can describe: a period's statistic of the change's indicator, and of
    its drug when both name one («212 кг гашиша - на 10% больше» is no change of the heroin)."""
    drugs = {change.get("substance"), value.get("substance")} - {None, _GENERIC}
    return (
        value.get("role") in _DESCRIBED
        and value.get("unit") not in _RATIOS
        and value.get("indicator") == change.get("indicator")
        and value.get("scope") == "period"
        and len(drugs) < 2
    )


def _described(text: str, figures: list[dict], i: int) -> int | None:
    change = figures[i]
    # «75 (+31,6%, АППГ – 57)»: the number its bracket follows (set by inherit.py)
    bracketed = change.get("_of")
    if bracketed is not None and _fits(change, figures[bracketed]):
        return bracketed
    low = sentence_start(text, change)
    # the numbers before it in its sentence that a change can be of: no ratio, no baseline
    statistics = [k for k in range(i) if figures[k]["start"] >= low
                  and figures[k].get("unit") not in _RATIOS
                  and figures[k].get("role") != "baseline"]  # fmt: skip
    # «выросло на 18% (с 512 до 604)»: the current value of the pair it compares, in its
    # sentence (a pair the roles joined across sentences is too loose a reading to go on)
    compared = change.get("_compared")
    if compared is not None and compared[1] is not None and _fits(change, figures[compared[1]]):
        current = figures[compared[1]]
        if current["start"] < low:
            return None
        if current["start"] > change["start"]:
            return compared[1]  # «на 18% (с 512 до 604)»
        # a value before the change: the nearest statistic there, not past another item's
        # number («… более 800 кг, здесь также рост на 6%, 212 кг гашиша - на 10% больше») nor
        # past a semicolon or a quantity named anew («… 9,5 кг; марихуаны … больше - на 30%»)
        if statistics[-1:] == [compared[1]] and not _ANOTHER_CLAUSE.search(
            text, current["end"], change["start"]
        ):
            return compared[1]
    # the nearest number before it in its sentence («изъято 3 кг, что на 10% больше»), when
    # every number before it there is of the change's kind: with two kinds («изъято 310 кг,
    # выявлено 25 преступлений, а количество изъятых наркотиков выросло на 10%») the change's
    # own kind is a guess (inherit.py takes the nearest), and a guess is no statistic
    if statistics:
        if len({figures[k].get("indicator") for k in statistics}) > 1:
            return None
        nearest = statistics[-1]
        if _ANOTHER_CLAUSE.search(text, figures[nearest]["end"], change["start"]):
            return None
        return nearest if _fits(change, figures[nearest]) else None
    if _THIS.match(text, low, change["start"]):
        earlier = [k for k in range(i) if figures[k]["start"] < low
                   and figures[k].get("unit") not in _RATIOS
                   and figures[k].get("role") != "baseline"]  # fmt: skip
        if earlier and sentence_start(text, figures[earlier[-1]]) == _previous_start(text, low):
            return earlier[-1] if _fits(change, figures[earlier[-1]]) else None
    return None


def _previous_start(text: str, low: int) -> int | None:
    """Where the sentence before the one starting at `low` starts."""
    starts = [start for start, _ in sentence_spans(text) if start < low]
    return starts[-1] if starts else None
