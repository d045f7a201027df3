"""One atomic write to the database: the only thing every storage module shares, so it depends on
nothing else of the package (the schema modules use it, and `pipelines.db` builds on them)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One atomic write. BEGIN IMMEDIATE takes the write lock up front, so a transaction that
    reads before it writes waits for other writers (busy_timeout) instead of failing with
    "database is locked" when its snapshot went stale. sqlite-utils calls inside it nest as
    savepoints."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
