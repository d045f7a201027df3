"""The database file is ours, or we refuse it unchanged (issue 17, item 2): application_id,
foreign tables, a newer schema, files that are no database or a corrupt one; read-only opening
by `status` and `serve`; the backup before a migration; `newsmon backup` during a crawl."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.serve import build_datasette
from pipelines.db import APPLICATION_ID, SCHEMA_VERSION, DatabaseRefused, connect
from pipelines.transactions import write_transaction
from tests.conftest import FAST, REPO, rows
from tests.support.ops_sites import GrowingSite


def fingerprint(path: Path) -> tuple:
    """The file's bytes (its header says WAL or not) and the files made next to it. A reader
    of a WAL-mode file may leave an empty -wal and its -shm index; nothing else counts."""
    siblings = sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith(path.name)
        and not (p.name.endswith("-shm") or (p.name.endswith("-wal") and not p.stat().st_size))
    )
    return hashlib.sha256(path.read_bytes()).hexdigest(), siblings


def foreign_db(path: Path, *, app_id: int = 0, version: int = 0) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("create table articles (id integer primary key, title text, body text)")
    conn.execute("insert into articles (title, body) values ('mine', 'my own notes')")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path


def sources_file(tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[source]]\nname = "xx"\nurl = "http://127.0.0.1:9/"\n'
        'listings = ["http://127.0.0.1:9/news/"]\narticle = "/news/"\n',
        encoding="utf-8",
    )
    return path


def refused_by_every_command(db: Path, tmp_path: Path, capsys) -> list[str]:
    """crawl, status, run and serve on `db`: each refuses it, in one line, changing nothing."""
    before = fingerprint(db)
    sources = sources_file(tmp_path)
    messages = []
    for argv in (
        ["crawl", "--sources", str(sources), "--db", str(db), *FAST],
        ["run", "--sources", str(sources), "--db", str(db), *FAST],
        ["status", "--db", str(db)],
        ["search-index", "--db", str(db)],
    ):
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("newsmon: ") and len(err.splitlines()) == 1, err
        messages.append(err)
    with pytest.raises(DatabaseRefused):
        build_datasette(db)
    assert fingerprint(db) == before, "a refused file was changed"
    return messages


def test_a_new_database_carries_newsmons_application_id(tmp_path):
    db = connect(tmp_path / "news.db")
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_foreign_table_named_articles_is_refused_unchanged(tmp_path, capsys):
    db = foreign_db(tmp_path / "notes.db")
    for message in refused_by_every_command(db, tmp_path, capsys):
        assert "not a newsmon database" in message and "articles(body, id, title)" in message


def test_another_application_id_is_refused_unchanged(tmp_path, capsys):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("create table t (a)")
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    for message in refused_by_every_command(db, tmp_path, capsys):
        assert "belongs to another program (application_id 1234" in message


def test_an_unrelated_sqlite_file_is_refused_unchanged(tmp_path, capsys):
    db = tmp_path / "photos.db"
    conn = sqlite3.connect(db)
    conn.execute("create table photos (id integer primary key, path text)")
    conn.commit()
    conn.close()
    for message in refused_by_every_command(db, tmp_path, capsys):
        assert "another program's SQLite database (tables photos" in message


def test_a_newer_schema_is_refused_with_an_upgrade_message(tmp_path, capsys):
    db = tmp_path / "news.db"
    connect(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 90}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.commit()
    conn.close()
    for message in refused_by_every_command(db, tmp_path, capsys):
        assert "written by a newer newsmon" in message and "Upgrade newsmon" in message
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 90


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (bytes(range(256)) * 40, "is not a database: it starts with binary bytes"),
        ("Это список дел, не база.\n".encode() * 50, "is not a database: it is a text file"),
        ("truncated", "is corrupt ("),
        ("scrambled", "is corrupt (integrity_check says"),
    ],
)
def test_not_a_database_and_corrupt_are_told_apart(tmp_path, capsys, content, expected):
    db = tmp_path / "news.db"
    if isinstance(content, str):
        connect(tmp_path / "good.db").close()
        good = bytearray((tmp_path / "good.db").read_bytes())
        if content == "truncated":
            good = good[:60]
        else:
            good[100:4096] = b"\xa5" * (4096 - 100)  # the schema page, after the header
        content = bytes(good)
    db.write_bytes(content)
    messages = refused_by_every_command(db, tmp_path, capsys)
    for message in messages:
        assert expected in message
        if "corrupt" in expected:
            assert "newsmon backup" in message  # where to get a good copy from


def test_status_and_serve_open_read_only_and_never_migrate(tmp_path, capsys):
    db = tmp_path / "news.db"
    connect(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # as an older newsmon left it
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(db)
    assert main(["status", "--db", str(db)]) == 2
    assert "a writing command" in capsys.readouterr().err
    with pytest.raises(DatabaseRefused):
        build_datasette(db)
    assert fingerprint(db) == before
    # A current file: status reads it through a mode=ro connection.
    connect(db).close()
    opened = []
    real = sqlite3.connect

    def spy(target, *args, **kwargs):
        opened.append(str(target))
        return real(target, *args, **kwargs)

    sqlite3.connect = spy
    try:
        assert main(["status", "--db", str(db)]) == 0
        build_datasette(db)
    finally:
        sqlite3.connect = real
    ours = [o for o in opened if "news.db" in o]
    assert ours and all(o.endswith("?mode=ro") for o in ours), opened


def test_a_migration_first_copies_the_file_with_the_backup_api(tmp_path):
    db = tmp_path / "news.db"
    conn = connect(db)
    conn["sources"].insert({"name": "s", "url": "http://x/"})
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    connect(db).close()  # the migration
    copy = tmp_path / f"news.db.bak-v{SCHEMA_VERSION - 1}"
    assert copy.exists()
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    assert old.execute("select name from sources").fetchall() == [("s",)]
    assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    new = sqlite3.connect(db)
    assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_backup_takes_a_consistent_copy_while_a_crawl_runs(tmp_path, capsys):
    site = GrowingSite(80, delay=(0.05, 0.1))
    site.start()
    try:
        db = tmp_path / "news.db"
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml("slow"), encoding="utf-8")
        crawl = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "crawler.cli",
                "crawl",
                "--sources",
                str(sources),
                "--db",
                str(db),
                *FAST,
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if db.exists() and rows(db, "select count(*) n from articles")[0]["n"] >= 10:
                break
            time.sleep(0.1)
        copy = tmp_path / "copy.db"
        assert main(["backup", "--db", str(db), str(copy)]) == 0
        assert crawl.poll() is None, "the crawl should still be running during the backup"
        assert crawl.wait(timeout=120) == 0
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        copied = conn.execute("select count(*) from articles").fetchone()[0]
        assert 10 <= copied < 80
        # Every copied article is whole: its raw page and search row came with it.
        assert (
            conn.execute(
                "select count(*) from articles a left join raw_pages r on r.article_id = a.id "
                "where r.article_id is null"
            ).fetchone()[0]
            == 0
        )
        capsys.readouterr()
        assert main(["backup", "--db", str(db), str(copy)]) == 2  # never overwrites
        assert "never overwrites" in capsys.readouterr().err
    finally:
        site.stop()


def test_opening_the_file_again_keeps_the_locks_of_connections_already_open(tmp_path):
    """Closing any descriptor of a file drops every POSIX lock the process holds on it. If
    connect read the header itself, a crawl's second connection would strip its first one's
    lock, and another process closing its own connection would delete the WAL under it."""
    path = tmp_path / "news.db"
    first = connect(path)
    with write_transaction(first):
        first["sources"].insert({"name": "a", "url": "http://a/"})
    connect(path).close()
    connect(path, readonly=True).close()
    other = "from pipelines.db import connect; import sys; connect(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", other, str(path)], cwd=REPO, check=True)
    with write_transaction(first):
        first["sources"].insert({"name": "b", "url": "http://b/"})
    # Another reader sees what the first connection committed (before the fix the WAL had been
    # deleted: the write went to an unlinked file, unseen by anyone, and a crawl soon failed).
    reader = (
        "import sqlite3, sys; "
        "print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sources').fetchone()[0])"
    )
    seen = subprocess.run(
        [sys.executable, "-c", reader, str(path)], capture_output=True, text=True, check=True
    )
    assert seen.stdout.strip() == "2"
    first.close()
