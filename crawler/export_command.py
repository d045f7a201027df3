"""`newsmon export --format csv|parquet`: the facts and the official statistics as files for a
spreadsheet or a data-frame library.

Writes `facts.{csv,parquet}` (every distinct claim, raw values) and
`official_statistics.{csv,parquet}` (each indicator × region × period as published, with last
year's value and the change in percent, computed from it or as a text states it: `change_from`).
CSV is UTF-8 with a byte-order mark, so Excel opens the Cyrillic text right. Parquet needs
pyarrow (`pip install -e '.[parquet]'`), whose wheels install on Linux, macOS and Windows
without a compiler.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from pipelines.db import DEFAULT_DB, connect

TABLES = {
    "facts": "select * from facts order by id",
    "official_statistics": """
        select * from official_statistics
        order by indicator, region, what, period_start, period_end""",
}


def _write_csv(path: Path, names: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows(rows)


def _write_parquet(path: Path, names: list[str], rows: list[tuple]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    pq.write_table(pa.table(columns), path)


def export(db_path: str | None, fmt: str, out_dir: Path) -> int:
    path = Path(db_path) if db_path else DEFAULT_DB
    if not path.exists():
        print(f"newsmon export: no database at {path}", file=sys.stderr)
        return 2
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print(
                "newsmon export: Parquet needs pyarrow: .venv/bin/pip install -e '.[parquet]'"
                " (or use --format csv)",
                file=sys.stderr,
            )
            return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        for name, sql in TABLES.items():
            cursor = db.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            target = out_dir / f"{name}.{fmt}"
            (_write_parquet if fmt == "parquet" else _write_csv)(target, names, rows)
            print(f"{target}: {len(rows)} rows, {len(names)} columns")
    finally:
        db.close()
    return 0
