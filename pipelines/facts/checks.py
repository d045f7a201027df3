"""Consistency checks: do the numbers a text states agree with each other?

- A change stated with both its values («на 15,3% (с 457 до 387)», «на 127,3% выше (2013 – 11)»
  after «25 преступлений»): the percent or factor those values imply.
  Between two shares («на 8% (с 38% до 30,3%)») the change may be in percentage points.
- Parts set against their total: amounts (kg, litres, money) never add up to more than the
  total. A count's breakdown may overlap («из них 1269 – тяжких, 625 – в крупном размере»
  both count crimes of the total), so each part of a count is set against it alone.

The tolerance is what the stated numbers' rounding allows: «15,3%» stands for 15.25–15.35,
«3 тонны» for 2.5–3.5 t, and parts written to the gram may add up a gram over a total written
to the gram; «около» widens it to a tenth, and «более» makes a total a lower bound that parts
may exceed. The result goes to `check` (`ok`, `mismatch` or null when nothing could be
checked) with `check_expected`, the value the other numbers imply.
"""

from __future__ import annotations

import functools
import re

# «1 596» is one number: its groups of three digits are not decimals
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\s?\d+)?")


def rounding(figure: dict) -> float:
    """Half a unit of the last digit the quote states, in the figure's unit (kg for «3 тонны»)."""
    quote = figure.get("quote") or ""
    matches = list(_NUMBER.finditer(quote))
    value = float(figure["value"])
    if not matches:
        if figure.get("unit") == "times":
            # «в четыре раза» over 332 against 75: a factor in words is a whole one, or a half
            return 0.5 if value.is_integer() else 0.25
        return abs(value) * 0.05  # a number in words: «двух тонн»
    if len(matches) > 1 and figure.get("unit") == "kg":
        # «4 тонны 83 кг 274 г»: the last part states the precision
        tail = quote[matches[-1].end() :].strip().lower()
        step = 1e-3 if tail.startswith("г") else 1.0 if tail.startswith("к") else 1e3
        return 0.5 * step
    match = matches[0]
    written = re.sub(r"\s", "", match.group()).replace(",", ".")
    decimals = len(written.split(".")[1]) if "." in written else 0
    try:
        scale = value / float(written) if float(written) else 1.0
    except ValueError:
        scale = 1.0
    slack = 0.5 * 10**-decimals * abs(scale)
    if figure.get("qualifier") == "approx":
        slack = max(slack, abs(value) * 0.1)
    return slack


def _implied_change(unit: str, baseline: float, current: float) -> float | None:
    if baseline <= 0 or current < 0:
        return None
    if unit == "percent":
        return abs(current - baseline) / baseline * 100
    high, low = max(current, baseline), min(current, baseline)
    return high / low if low > 0 else None


def _percentage_points(baseline: float, current: float) -> float:
    return abs(current - baseline)


def check_change(figure: dict, baseline: dict, current: dict) -> tuple[str, float] | None:
    """The check of a change against its two stated values: (`ok`|`mismatch`, implied).
    Between two shares, a change in percent may be in percentage points: the reading that
    agrees is kept."""
    readings = [functools.partial(_implied_change, figure["unit"])]
    if figure["unit"] == baseline.get("unit") == current.get("unit") == "percent":
        readings.append(_percentage_points)  # «на 8% (с 38% до 30,3%)»: 7.7 points
    results = [_checked(figure, baseline, current, implied) for implied in readings]
    results = [r for r in results if r is not None]
    return next((r for r in results if r[0] == "ok"), results[0] if results else None)


def _checked(figure: dict, baseline: dict, current: dict, implied_by) -> tuple[str, float] | None:
    b, c = float(baseline["value"]), float(current["value"])
    implied = implied_by(b, c)
    if implied is None:
        return None
    stated = float(figure["value"])
    # the rounding of the two values moves the implied change too
    spread = 0.0
    for db, dc in (
        (rounding(baseline), -rounding(current)),
        (-rounding(baseline), rounding(current)),
    ):
        moved = implied_by(b + db, c + dc)
        if moved is not None:
            spread = max(spread, abs(moved - implied))
    slack = rounding(figure) + spread + 1e-9
    if figure.get("qualifier") == "more_than":
        ok = implied >= stated - slack
    elif figure.get("qualifier") == "less_than":
        ok = implied <= stated + slack
    else:
        ok = abs(implied - stated) <= slack
    direction = figure.get("change")
    if (direction == "increase" and c < b) or (direction == "decrease" and c > b):
        ok = False
    return ("ok" if ok else "mismatch"), round(implied, 3)


def check_parts(total: dict, parts: list[dict]) -> tuple[str, float]:
    """Parts against their total: (`ok`|`mismatch`, the sum of the parts, or for a count its
    largest part). Parts given as shares («из них 70%») add up to at most 100; amounts in the
    total's unit, to at most the total; a count's parts are each at most the total."""
    shares = [p for p in parts if p.get("unit") == "percent" != total.get("unit")]
    amounts = [p for p in parts if p not in shares]
    if shares and sum(float(p["value"]) for p in shares) > 100 + sum(map(rounding, shares)):
        return "mismatch", round(sum(float(p["value"]) for p in shares), 6)
    added = sum(float(p["value"]) for p in amounts)
    if total.get("qualifier") == "more_than":
        return "ok", round(added, 6)  # «более 3 тонн»: a lower bound that parts may pass
    if total.get("unit") == "count":
        # a breakdown by kinds that overlap (тяжких, со сбытом, в крупном размере): no sum
        largest = max((float(p["value"]) for p in amounts), default=0.0)
        slack = rounding(total) + max((rounding(p) for p in amounts), default=0.0)
        ok = largest <= float(total["value"]) + slack + 1e-9
        return ("ok" if ok else "mismatch"), round(largest, 6)  # at least its largest part
    # each part may be rounded up as the total may be rounded down
    slack = rounding(total) + sum(map(rounding, amounts))
    ok = added <= float(total["value"]) + slack + 1e-9
    return ("ok" if ok else "mismatch"), round(added, 6)


def assign_checks(figures: list[dict]) -> None:
    """Set `check` and `check_expected` on changes (with both values) and on totals."""
    for figure in figures:
        figure.setdefault("check", None)
        figure.setdefault("check_expected", None)
    for figure in figures:
        compared = figure.get("_compared")
        if figure.get("role") == "change" and compared:
            result = check_change(figure, figures[compared[0]], figures[compared[1]])
            if result:
                figure["check"], figure["check_expected"] = result
    parts: dict[int, list[dict]] = {}
    for figure in figures:
        if figure.get("part_of") is not None:
            parts.setdefault(figure["part_of"], []).append(figure)
    for total, its_parts in parts.items():
        figures[total]["check"], figures[total]["check_expected"] = check_parts(
            figures[total], its_parts
        )
