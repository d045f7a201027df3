"""One atomic write to the database: the only thing every storage module shares, so it depends on
nothing else of the package but pipelines/db_file.py (the schema modules use it, and
`pipelines.db` builds on them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from pipelines.db_file import StorageError, storage_cause

if TYPE_CHECKING:  # sqlite_utils loads numpy: only the storage modules that use it import it
    import sqlite_utils


def database_file(db: sqlite_utils.Database) -> str:
    try:
        return db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    except sqlite3.Error:
        return "the database"


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One atomic write. BEGIN IMMEDIATE takes the write lock up front, so a transaction that
    reads before it writes waits for other writers (busy_timeout) instead of failing with
    "database is locked" when its snapshot went stale. sqlite-utils calls inside it nest as
    savepoints. A failure of the storage itself (disk full, I/O error, lock held past the busy
    timeout, read-only file) is raised as StorageError, which names the cause and the file."""
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")
    except sqlite3.Error as exc:
        cause = storage_cause(exc)
        if cause is None:
            raise
        if db.conn.in_transaction:  # a failed COMMIT leaves the transaction open
            with suppress(sqlite3.Error):
                db.conn.execute("ROLLBACK")
        raise StorageError(cause, database_file(db), str(exc)) from exc
