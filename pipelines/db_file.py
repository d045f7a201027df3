"""Is this file ours, and what went wrong with it: ownership checks before anything is written,
the backup taken before a migration, and storage failures in one line a person can act on.

A newsmon database carries PRAGMA application_id = APPLICATION_ID. A file with another id, with
tables named like ours but with other columns, or with a schema newer than this code is refused
without being changed: not one byte is written to it (no WAL switch, no table, no pragma).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

APPLICATION_ID = 0x4E4D4F4E  # "NMON": newsmon's files, as `file(1)` and sqlite3 show them
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100  # bytes of the SQLite header
# Columns a table of ours has had since its first version: a table of that name without them is
# someone else's (an older newsmon file only lacks columns added later).
CORE_COLUMNS = {
    "sources": {"name", "url"},
    "crawl_runs": {"id", "source", "started_at", "status"},
    "articles": {"id", "source", "url", "body", "content_hash"},
    "article_versions": {"id", "article_id", "version"},
    "url_aliases": {"url", "article_id"},
    "raw_pages": {"article_id", "url"},
    "figures": {"id", "article_id", "quote", "value"},
    "errors": {"id", "run_id", "source", "kind"},
}
RESTORE_HINT = "restore a copy (news.db.bak-vN from a migration, or one made with `newsmon backup`)"


class DatabaseRefused(RuntimeError):
    """The file is not a newsmon database this code may use; it was not changed."""


class StorageError(RuntimeError):
    """Writing to (or opening) the database failed for a reason outside newsmon: disk full, I/O
    error, a lock held past the busy timeout, a read-only file. `cause` is the short name."""

    def __init__(self, cause: str, path, detail: str = ""):
        if cause == "I/O error" and nearly_full(path):
            cause = "disk full"  # SQLite reports some writes into a full disk as I/O errors
        self.cause = cause
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{cause} writing {path}: {detail} ({ADVICE.get(cause, 'run again')})")


ADVICE = {
    "disk full": "free space and run again",
    "I/O error": "check the disk (dmesg, smartctl) and run again",
    "database locked": "another program holds the database; find it (fuser FILE) and run again",
    "read-only": "make the file and its folder writable by this user and run again",
    "cannot open": "check the path and its permissions",
    "corrupt database": RESTORE_HINT,
}


FULL_BELOW = 256 * 1024  # bytes free under which a failed write is put down to a full disk


def nearly_full(path) -> bool:
    try:
        info = os.statvfs(Path(path).resolve().parent)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < FULL_BELOW


def storage_cause(exc: BaseException) -> str | None:
    """The storage failure an SQLite error stands for ("disk full", ...), or None when it is not
    one (a constraint, a programming error: those are bugs and stay exceptions)."""
    if isinstance(exc, StorageError):
        return exc.cause
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return "disk full"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "I/O error"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "database locked"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "read-only"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return "corrupt database"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in text:
        return "cannot open"
    return None


def _describe_bytes(head: bytes) -> str:
    if not head:
        return "it is empty"
    if head.startswith(b"\x89PNG") or head[:3] == b"\xff\xd8\xff":
        return "it is an image"
    if head.startswith(b"PK\x03\x04"):
        return "it is a zip archive"
    text = head.decode("utf-8", "replace")  # the 100 bytes may end inside a character
    if text.count("\ufffd") > 2 or any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return "it starts with binary bytes, not the SQLite header"
    first = text.strip().splitlines()[0][:40] if text.strip() else ""
    return f"it is a text file (starts {first!r})"


def _integrity(path: Path) -> str:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check(3)").fetchall()
        finally:
            conn.close()
        return "; ".join(str(r[0]) for r in rows)[:200]
    except sqlite3.Error as exc:
        return str(exc)


def check_file(path: Path) -> None:
    """Before opening: the file is absent, empty, or at least as long as the SQLite header. A
    shorter one is refused in one line that says what it is.

    A file long enough to be a database is never opened here: closing any descriptor of a file
    drops every POSIX lock this process holds on it, SQLite's included (sqlite.org/howtocorrupt,
    2.2). A crawl whose connection lost its lock that way let another process's closing
    connection delete the WAL under it (SQLITE_IOERR_SHORT_READ). SQLite itself reads the header;
    `corrupt` describes the bytes only after SQLite refused them."""
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0 or size >= HEADER_SIZE:
        return
    raise _refused_bytes(path, _head(path))


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEADER_SIZE)


def _refused_bytes(path: Path, head: bytes) -> DatabaseRefused:
    if not head.startswith(SQLITE_MAGIC):
        return DatabaseRefused(
            f"{path} is not a database: {_describe_bytes(head)}. newsmon did not change it; "
            "pass --db with another file"
        )
    return DatabaseRefused(
        f"{path} is corrupt (truncated: {path.stat().st_size} bytes, shorter than the "
        f"SQLite header); {RESTORE_HINT}"
    )


def corrupt(path: Path, exc: sqlite3.Error) -> DatabaseRefused:
    """The refusal of a file SQLite could not read: not a database at all (its first bytes say
    what it is), or a corrupt one."""
    head = _head(path)
    if not head.startswith(SQLITE_MAGIC) or len(head) < HEADER_SIZE:
        return _refused_bytes(path, head)
    return DatabaseRefused(
        f"{path} is corrupt (integrity_check says {_integrity(path)!r}; SQLite: {exc}); "
        f"{RESTORE_HINT}"
    )


def check_ownership(conn: sqlite3.Connection, path: Path, schema_version: int) -> tuple[int, int]:
    """Refuse a file that is not ours, or newer than this code; changes nothing. Returns its
    (application_id, user_version)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {
        r[0]
        for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")
        if not r[0].startswith("sqlite_")
    }
    if app_id not in (0, APPLICATION_ID):
        raise DatabaseRefused(
            f"{path} belongs to another program (application_id {app_id} = {app_id:#x}, "
            f"newsmon's is {APPLICATION_ID:#x}); {len(tables)} tables. newsmon did not change "
            "it; pass --db with another file"
        )
    if version > schema_version:
        raise DatabaseRefused(
            f"{path} was written by a newer newsmon (schema version {version}; this one knows "
            f"up to {schema_version}). Upgrade newsmon (git pull, pip install -e .); the file "
            "was not changed"
        )
    wrong = []
    for table, needed in CORE_COLUMNS.items():
        if table in tables:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
            if not needed <= columns:
                wrong.append(f"{table}({', '.join(sorted(columns)) or 'a view'})")
    if wrong:
        raise DatabaseRefused(
            f"{path} is not a newsmon database: its table(s) {'; '.join(wrong)} have the names "
            "of newsmon's tables but not their columns. newsmon did not change it; pass --db "
            "with another file"
        )
    if app_id == 0 and tables and not tables & set(CORE_COLUMNS):
        listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise DatabaseRefused(
            f"{path} is another program's SQLite database (tables {listed}; no newsmon table, "
            "no newsmon application_id). newsmon did not change it; pass --db with another file"
        )
    return app_id, version


def backup(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of an open database (SQLite's online backup API: one read snapshot,
    so a crawl writing at the same time neither blocks nor tears the copy)."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        dest.close()
    tmp.replace(target)
