"""`newsmon stats INDICATOR`: the official statistics of one indicator as published, per region
and period, with last year's value where a text states it (the dashboard's table)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.db import DEFAULT_DB, connect
from pipelines.fact_views import statistics_rows
from pipelines.facts.indicators import vocabulary

COLUMNS = ("region", "what", "period", "unit", "value", "last_year", "change_pct", "sources")


def _number(value) -> str:
    if value is None:
        return ""
    value = float(value)
    return f"{value:,.0f}".replace(",", " ") if value.is_integer() else f"{value:,.3f}".rstrip("0")


def _change(row: dict) -> str:
    """«-12.4% stated»: a change the text states of the number, no value of last year given."""
    if row["change_pct"] is None:
        return ""
    return f"{row['change_pct']:+.1f}%" + (" stated" if row["change_from"] == "stated" else "")


_QUALIFIERS = {"more_than": ">", "less_than": "<", "approx": "~"}


def _value(row: dict) -> str:
    """«~2 700», «412 (part of ~2 700)»: a part is inside its total's row, never beside it."""
    text = _QUALIFIERS.get(row["qualifier"], "") + _number(row["value"])
    if row["role"] == "part" and row["total_value"] is not None:
        total = _QUALIFIERS.get(row["total_qualifier"], "") + _number(row["total_value"])
        text += f" (part of {total})"
    return text + (" (conflict)" if row["conflict"] else "")


def _cells(row: dict) -> list[str]:
    return [
        row["region"] or "",
        row["what"] or "",
        f"{row['period_start']} – {row['period_end'] or '?'}",
        row["unit"] or "",
        _value(row),
        _number(row["last_year"]),
        _change(row),
        str(row["n_sources"] or ""),
    ]


def stats(db_path: str | None, indicator: str, region: str = "", year: str = "") -> int:
    codes = [entry.code for entry in vocabulary().indicators]
    if indicator not in codes:
        print(
            f"newsmon stats: unknown indicator {indicator!r}; one of: {', '.join(codes)}",
            file=sys.stderr,
        )
        return 2
    path = Path(db_path) if db_path else DEFAULT_DB
    if not path.exists():
        print(f"newsmon stats: no database at {path}", file=sys.stderr)
        return 2
    db = connect(path)
    try:
        rows = statistics_rows(db, indicator, region, year)
    finally:
        db.close()
    entry = next(e for e in vocabulary().indicators if e.code == indicator)
    print(f"{entry.en} ({entry.ru}): each period as published; periods overlap, never add rows")
    if not rows:
        print("(no statistics stated for this selection)")
        return 0
    table = [list(COLUMNS), *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for n, line in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    return 0
