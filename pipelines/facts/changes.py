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
_RATIOS = ("percent", "times")
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
    """A number the change can describe: a period's statistic of the change's indicator."""
    return (
        value.get("role") in _DESCRIBED
        and value.get("unit") not in _RATIOS
        and value.get("indicator") == change.get("indicator")
        and value.get("scope") == "period"
        and not value.get("in_title")
    )


def _described(text: str, figures: list[dict], i: int) -> int | None:
    change = figures[i]
    # «75 (+31,6%, АППГ – 57)»: the number its bracket follows (set by inherit.py)
    bracketed = change.get("_of")
    if bracketed is not None and _fits(change, figures[bracketed]):
        return bracketed
    # «выросло на 18% (с 512 до 604)»: the current value of the pair it compares
    compared = change.get("_compared")
    if compared is not None and compared[1] is not None and _fits(change, figures[compared[1]]):
        return compared[1]
    low = sentence_start(text, change)
    before = [k for k in range(i) if figures[k]["start"] >= low]
    # the nearest number before it in its sentence («изъято 3 кг, что на 10% больше»), when
    # every number before it there is of the change's kind: with two kinds («изъято 310 кг,
    # выявлено 25 преступлений, а количество изъятых наркотиков выросло на 10%») the change's
    # own kind is a guess (inherit.py takes the nearest), and a guess is no statistic
    statistics = [k for k in before if figures[k].get("unit") not in _RATIOS
                  and figures[k].get("role") != "baseline"]  # fmt: skip
    if statistics:
        if len({figures[k].get("indicator") for k in statistics}) > 1:
            return None
        nearest = statistics[-1]
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
