"""Numbers as a Russian-reading analyst expects them: `12,6 млрд ₸`, `1 300 кг`, `15,3 %`.

One format for every place a value is shown to a person (Datasette cells, `newsmon watch`, the
Atom feeds); the raw value stays in the database, JSON and CSV. Groups of thousands are separated
by a no-break space so a number never wraps.
"""

from __future__ import annotations

NBSP = "\u00a0"
UNIT_SUFFIX = {
    "kg": "кг",
    "l": "л",
    "m2": "м²",
    "ha": "га",
    "percent": "%",
    "KZT": "₸",
    "RUB": "₽",
    "USD": "$",
    "EUR": "€",
}
# every currency the figures step reads (tests/test_figures_heldout_rules.py holds them equal)
CURRENCIES = {
    "KZT", "RUB", "USD", "EUR", "KGS", "UZS", "CNY", "UAH", "TJS", "AZN", "BYN", "GEL", "MDL",
    "AMD", "GBP",
}  # fmt: skip
QUALIFIER_PREFIX = {"more_than": "более", "less_than": "менее", "approx": "около"}
SCALES = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"))


def plain_number(value: float, decimals: int = 3) -> str:
    """`1300` → `1 300`, `36.808` → `36,808`, `2.0` → `2`: at most `decimals` decimals."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


def format_value(value, unit: str | None = None, qualifier: str | None = None) -> str:
    """The value with its unit, scaled for money (`12,6 млрд ₸`); '' for no value."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    scale = ""
    if unit in CURRENCIES:
        for size, word in SCALES:
            if abs(number) >= size:
                number, scale = number / size, word
                break
    if unit == "times":
        text = "×" + plain_number(number, 2)
    else:
        text = plain_number(number, 1 if scale else 3)
        suffix = " ".join(p for p in (scale, UNIT_SUFFIX.get(unit or "", unit or "")) if p)
        if unit == "count":
            suffix = scale
        if suffix:
            text = f"{text}{NBSP}{suffix}"
    prefix = QUALIFIER_PREFIX.get(qualifier or "")
    return f"{prefix} {text}" if prefix else text


def format_change(pct: float | None) -> str:
    """`+15,3 %` or `−7 %` for a change in percent."""
    if pct is None:
        return ""
    sign = "+" if pct > 0 else "−" if pct < 0 else "±"
    return f"{sign}{plain_number(abs(pct), 1)}{NBSP}%"
