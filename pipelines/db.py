"""The SQLite database: connection settings; the schema is pipelines/schema.py.

Every crawl process and Datasette open the same file, so the connection is set up for
concurrent readers (WAL) and for writers that wait for each other instead of failing.

A file is checked before anything is written to it (pipelines/db_file.py): another program's
file, a newer schema, a corrupt file or no database at all is refused unchanged. Only commands
that write migrate an older file, after copying it to `<file>.bak-v<old version>`; `serve` and
`status` open it read-only (`connect(readonly=True)`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from pipelines.db_file import (
    APPLICATION_ID,
    DatabaseRefused,
    StorageError,
    backup,
    check_file,
    check_ownership,
    corrupt,
    storage_cause,
)
from pipelines.paths import DATA_DIR
from pipelines.schema import SCHEMA_VERSION, ensure_schema
from pipelines.transactions import write_transaction

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "DatabaseRefused",
    "StorageError",
    "backup_database",
    "busy_timeout",
    "connect",
    "ensure_schema",
    "refuse_if_not_ours",
    "storage_cause",
    "write_transaction",
]

DEFAULT_DB = DATA_DIR / "news.db"
BUSY_TIMEOUT = 60.0  # seconds; NEWSMON_BUSY_TIMEOUT overrides it


def _cause(exc: sqlite3.Error, path: Path) -> str:
    """storage_cause, told more precisely: a file SQLite cannot open on a read-only file system
    (or in a folder this user may not write) is "read-only"."""
    cause = storage_cause(exc) or "cannot open"
    if cause == "cannot open":
        folder = path.resolve().parent
        try:
            readonly_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except OSError:
            readonly_fs = False
        if readonly_fs or (folder.exists() and not os.access(folder, os.W_OK)):
            return "read-only"
    return cause


def busy_timeout() -> float:
    """How long a writer waits for another one before the write fails as "database locked"."""
    try:
        return float(os.environ.get("NEWSMON_BUSY_TIMEOUT") or BUSY_TIMEOUT)
    except ValueError:
        return BUSY_TIMEOUT


def _open(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path)


def connect(path: str | Path | None = None, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database with the settings every writer needs, creating or migrating it; or,
    with `readonly`, open an existing current one without changing anything. Raises
    DatabaseRefused for a file that is not ours (or corrupt), StorageError when the disk or a
    lock keeps it from being opened."""
    path = Path(path) if path else DEFAULT_DB
    if not readonly:
        path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path)
    try:
        conn = _open(path, readonly)
    except sqlite3.Error as exc:
        raise StorageError(_cause(exc, path), path, str(exc)) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout() * 1000)}")
        try:
            _, version = check_ownership(conn, path, SCHEMA_VERSION)
        except sqlite3.DatabaseError as exc:
            cause = storage_cause(exc)
            if cause and cause != "corrupt database":
                raise StorageError(cause, path, str(exc)) from exc
            raise corrupt(path, exc) from exc
        db = sqlite_utils.Database(conn)
        if readonly:
            if version != SCHEMA_VERSION:
                raise DatabaseRefused(
                    f"{path} has schema version {version}, this newsmon {SCHEMA_VERSION}: "
                    "a writing command (newsmon crawl, run or search-index) upgrades it first"
                )
            return db
        _prepare(db, path, version)
        return db
    except BaseException:
        conn.close()
        raise


def _prepare(db: sqlite_utils.Database, path: Path, version: int) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if version != SCHEMA_VERSION and version > 0:
            # Before a migration: a copy of the file as it was, through the backup API.
            backup(db.conn, path.with_name(f"{path.name}.bak-v{version}"))
        if db.journal_mode != "wal":
            db.enable_wal()
        # NORMAL in WAL mode: a committed article survives a killed process or a crash of the
        # program; a power cut may lose the last commits, never consistency, and the next
        # incremental run fetches what was lost (it only skips what the database holds).
        db.execute("PRAGMA synchronous = NORMAL")
        ensure_schema(db)
    except sqlite3.Error as exc:
        cause = storage_cause(exc)
        if cause is None:
            raise
        raise StorageError(cause, path, str(exc)) from exc


def refuse_if_not_ours(path: str | Path) -> None:
    """Before anything is created next to it (the crawl lock): an existing file that is not a
    newsmon database, or a newer one, is refused; nothing is written."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    check_file(path)
    conn = _open(path, readonly=True)
    try:
        check_ownership(conn, path, SCHEMA_VERSION)
    except sqlite3.DatabaseError as exc:
        cause = _cause(exc, path) if storage_cause(exc) else None
        if cause and cause != "corrupt database":
            raise StorageError(cause, path, str(exc)) from exc
        raise corrupt(path, exc) from exc
    finally:
        conn.close()


def backup_database(path: str | Path, target: str | Path) -> int:
    """`newsmon backup`: a consistent copy of a newsmon database into a new file, taken while a
    crawl may be writing (one read snapshot, through the backup API); returns its article
    count. The source is opened read-only and checked like any other."""
    path, target = Path(path), Path(target)
    if target.exists():
        raise FileExistsError(f"{target} exists; newsmon backup never overwrites a file")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such database")
    check_file(path)
    conn = _open(path, readonly=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout() * 1000)}")
        check_ownership(conn, path, SCHEMA_VERSION)
        backup(conn, target)
    except sqlite3.DatabaseError as exc:
        cause = storage_cause(exc)
        if cause and cause != "corrupt database":
            raise StorageError(cause, target, str(exc)) from exc
        raise corrupt(path, exc) from exc
    finally:
        conn.close()
    copy = sqlite3.connect(target)
    try:
        check = copy.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseRefused(f"the copy {target} fails quick_check: {check}")
        return copy.execute("select count(*) from articles").fetchone()[0]
    finally:
        copy.close()
