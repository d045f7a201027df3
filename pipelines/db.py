"""The SQLite database: connection settings; the schema is pipelines/schema.py.

Every crawl process and Datasette open the same file, so the connection is set up for
concurrent readers (WAL) and for writers that wait for each other instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from pipelines.paths import DATA_DIR
from pipelines.schema import SCHEMA_VERSION, ensure_schema
from pipelines.transactions import write_transaction

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "connect", "ensure_schema", "write_transaction"]

DEFAULT_DB = DATA_DIR / "news.db"


def connect(path: str | Path | None = None) -> sqlite_utils.Database:
    """Open (and if needed create) the database with the settings every writer needs."""
    path = Path(path) if path else DEFAULT_DB
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    # Writers queue behind each other for up to a minute instead of raising "database is locked".
    db.execute("PRAGMA busy_timeout = 60000")
    db.execute("PRAGMA foreign_keys = ON")
    if db.journal_mode != "wal":
        db.enable_wal()
    # NORMAL in WAL mode: a committed article survives a killed process or a crash of the
    # program; a power cut may lose the last commits, never consistency, and the next
    # incremental run fetches what was lost (it only skips what the database holds).
    db.execute("PRAGMA synchronous = NORMAL")
    ensure_schema(db)
    return db
