"""Values shown for reading (`12,6 млрд ₸`, `1 300 кг`, `15,3 %`) in Datasette's HTML pages;
JSON and CSV keep the raw numbers (render_cell only touches HTML cells). The unit comes from the
row's `unit` column, or is fixed for columns that are always in kilograms."""

from __future__ import annotations

from markupsafe import Markup, escape

from pipelines.display import format_value, plain_number

# Columns holding a value in the unit of the row's `unit` column.
UNIT_VALUE_COLUMNS = {"value", "last_year", "check_expected", "implied", "first_value", "largest"}
KG_COLUMNS = {"kg"}  # seizure_events, seized_by_month, seized_by_substance, ...
UNITLESS_FLOAT_TABLES_SKIP = {"article_minhash", "article_lsh"}


def _row_get(row, key):
    try:
        return row[key]
    except (KeyError, IndexError, TypeError):
        return None


def formatted_cell(row, value, column: str, table: str | None):
    """Markup for a number worth formatting, else None (Datasette's default rendering)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if table in UNITLESS_FLOAT_TABLES_SKIP:
        return None
    if column in KG_COLUMNS:
        text = format_value(value, "kg")
    elif column in UNIT_VALUE_COLUMNS and _row_get(row, "unit"):
        text = format_value(value, _row_get(row, "unit"))
    elif column == "change_pct":
        text = format_value(value, "percent")
    elif isinstance(value, float):
        text = plain_number(value)  # 2.0 → 2, 36.808 → 36,808
    else:
        return None
    # the raw value stays one hover away
    return Markup(f'<span class="num" title="{escape(repr(value))}">{escape(text)}</span>')
