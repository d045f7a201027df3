"""A headline's number and the body's number it states, perhaps rounded.

«Почти 1,5 тысячи наркопреступлений совершено в Забайкалье» over «… насчитала 1447
преступлений»: a headline rounds the body's number, in the direction its qualifier says
(«более 100 кг» over 103,5 kg, «почти» and «около» either way by a tenth, a bare number within
half a unit of its last digit), and the two are one claim. A body number the headline states
exactly is its twin; of rounded ones, only the one the headline can round to: with two, which
one it states is open.

The same reading of a rounded number finds a lead's rounded restatement of a number the text
states precisely («свыше 47 килограммов» over «47 килограммов 370 граммов»: `restated_twin`)
and a generic mass restated as one drug's (`restated_drug`), and tells a fact's values apart
from a conflict: «более 22 кг» and «22 кг 115 г» may be one number (`one_number`), 2 030 and
1 658 kg may not.
"""

from __future__ import annotations

from pipelines.facts.breakdown import GENERIC
from pipelines.facts.checks import rounding
from pipelines.facts.indicators import names_people
from pipelines.facts.sums import same_kind

_HEADLINE_SLACK = 0.1  # «более 100 кг» over 103,5 kg; «почти 1,5 тысячи» over 1447


def same_number(a: dict, b: dict) -> bool:
    """The same value in the same unit (up to float noise)."""
    if a.get("unit") != b.get("unit"):
        return False
    x, y = float(a["value"]), float(b["value"])
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0)


def stated_range(figure: dict) -> tuple[float, float]:
    """The values a stated number may stand for, as its qualifier and its written precision
    say: «более 100 кг» 100 to 110, «почти 1,5 тысячи» 1350 to 1650, «3,6 тонны» 3550 to
    3650 kg."""
    value = float(figure["value"])
    qualifier = figure.get("qualifier")
    if qualifier == "more_than":
        low, high = value, (1 + _HEADLINE_SLACK) * value
    elif qualifier == "less_than":
        low, high = (1 - _HEADLINE_SLACK) * value, value
    else:
        slack = _HEADLINE_SLACK * abs(value) if qualifier == "approx" else rounding(figure)
        low, high = value - slack, value + slack
    return min(low, high), max(low, high)


def rounds_to(head: dict, body: dict) -> bool:
    """Whether the headline's number may be the body's, rounded as its qualifier says."""
    if not same_kind(head, body) or head.get("change") or body.get("change"):
        return False
    if head.get("indicator") and body.get("indicator") and head["indicator"] != body["indicator"]:
        return False
    low, high = stated_range(head)
    return low - 1e-9 <= float(body["value"]) <= high + 1e-9


def one_number(stated: list[dict]) -> bool:
    """Whether one number can be what every statement says, each read as `stated_range` reads
    it: «22 кг 115 г» and «более 22 кг», 376 and «почти 400», «3 630 кг» and «3,6 тонн» state
    one number; 2 030 and 1 658 kg do not, nor do 7 and 8, whose ranges only touch («более 20»
    and «более 22» do: a bound a qualifier sets is the number's own)."""
    ranges = [_open(stated_range(f)) if f.get("qualifier") == "exact" else stated_range(f)
              for f in stated]  # fmt: skip
    return max(low for low, _ in ranges) <= min(high for _, high in ranges)


def _open(bounds: tuple[float, float]) -> tuple[float, float]:
    """A rounded exact number's range less its ends: 7 is 6.5 to 7.5, but not 7.5 itself."""
    low, high = bounds
    inset = (high - low) * 1e-6
    return low + inset, high - inset


def restated_twin(figure: dict, others: list[dict]) -> int | None:
    """The index of the number of the same text that `figure` restates rounded, or None: a
    lead's «свыше 47 килограммов героина» over the text's «47 килограммов 370 граммов». The
    twin is stated exactly, more precisely, within the rounded number's range, and is the only
    such number; both are plain values or totals (a part, a baseline or a change says
    something else)."""
    if figure.get("role") not in _CLAIMS:
        return None
    low, high = stated_range(figure)
    found = [
        k
        for k, other in enumerate(others)
        if other is not figure
        and other.get("role") in _CLAIMS
        and other.get("qualifier") == "exact"
        and same_kind(figure, other)
        and not same_number(figure, other)
        and low < float(other["value"]) < high
        and not _within(float(figure["value"]), stated_range(other))  # it is the finer one
    ]
    return found[0] if len(found) == 1 else None


_CLAIMS = ("value", "total")


def restated_drug(
    figure: dict, others: list[dict], members: dict[str, frozenset[str]]
) -> int | None:
    """The index of the mass of one drug that restates a generic (or group) mass of the same
    event, or None: «изъяли около 40 кг наркотиков» … «порядка 40 кг мефедрона» tell of one
    seizure, of mephedrone; a group's mass may restate a generic one too. The drug must be
    the only one whose mass may be that number (of several masses of it, the finest is the
    twin); both are plain values (a total and its parts say something else)."""
    substance = figure.get("substance")
    if not _plain_mass(figure) or (substance not in GENERIC and substance not in members):
        return None
    held = members.get(substance)  # None: a generic mass may be any drug
    found = [
        k
        for k, other in enumerate(others)
        if other is not figure
        and _plain_mass(other)
        and other.get("substance") not in GENERIC
        # a generic mass may be a group's («полкило наркотиков», «полкило синтетики»)
        and (other.get("substance") not in members or held is None)
        and (held is None or other.get("substance") in held)
        and one_number([figure, other])
    ]
    if len({others[k].get("substance") for k in found}) != 1:
        return None
    return min(found, key=lambda k: _width(stated_range(others[k])))


def _plain_mass(figure: dict) -> bool:
    return (figure.get("role") == "value" and figure.get("unit") == "kg"
            and not figure.get("change"))  # fmt: skip


def _width(bounds: tuple[float, float]) -> float:
    return bounds[1] - bounds[0]


def _within(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] < value < bounds[1]


def counts_the_same(head: dict, body: dict) -> bool:
    """Whether two numbers may count one thing: not «пятерых украинцев» and «Пять уголовных
    дел»; people named two ways («пятерых украинцев», «5 граждан») are one thing."""
    if same_kind(head, body):
        return True
    return all(f.get("object") and names_people(f["object"].lower()) for f in (head, body))


def headline_twin(head: dict, body: list[dict]) -> int | None:
    """The index of the body number the headline's number states, or None."""
    exact = [
        k
        for k, figure in enumerate(body)
        if same_number(figure, head) and counts_the_same(head, figure)
    ]
    if exact:
        return exact[0]
    rounded = [
        k
        for k, figure in enumerate(body)
        if figure.get("role") not in ("baseline", "change") and rounds_to(head, figure)
    ]
    return rounded[0] if len(rounded) == 1 else None
