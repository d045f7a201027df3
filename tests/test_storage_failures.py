"""A storage failure fails the run (issue 17, item 1): disk full, a lock held past the busy
timeout and a read-only file each end in a `failed` run that says why and how many articles were
kept, a non-zero exit and an alarm; the crawl stops fetching; the next run completes the set.
Real `scrapy crawl` children, a real local site; the full disk is a small tmpfs (root only)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.runner import CrawlRequest, run_crawls
from pipelines.db import StorageError, connect, storage_cause, write_transaction
from tests.conftest import FAST, REPO, rows
from tests.support.ops_sites import GrowingSite

FAST_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}


@contextlib.contextmanager
def small_disk(path: Path, size: str):
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def test_sqlite_errors_are_classified_by_cause(tmp_path):
    db = connect(tmp_path / "news.db")
    db.conn.execute("PRAGMA max_page_count = 1")  # this connection cannot grow the file
    with pytest.raises(StorageError) as caught, write_transaction(db):
        db["errors"].insert({"kind": "x" * 100_000})
    assert caught.value.cause == "disk full"
    assert "free space and run again" in str(caught.value)
    assert storage_cause(sqlite3.IntegrityError("UNIQUE constraint failed")) is None


def test_disk_full_fails_the_run_stops_fetching_and_the_next_run_completes(tmp_path, capsys):
    site = GrowingSite(250)
    site.start()
    try:
        with small_disk(tmp_path / "disk", "1200k") as disk:
            db = disk / "news.db"
            sources = tmp_path / "sources.toml"
            sources.write_text(site.sources_toml("full"), encoding="utf-8")
            request = CrawlRequest(
                sources=["full"],
                sources_file=sources,
                db=db,
                settings=FAST_SETTINGS,
                log_dir=tmp_path / "logs",
            )
            (run,) = run_crawls(request)
            stored = len(rows(db, "select id from articles"))
            assert 0 < stored < 250, "the disk should have filled in the middle of the crawl"
            assert run["status"] == "failed"
            reason = run["finish_reason"]
            assert reason.startswith(f"disk full writing {db}: {stored} of ")
            assert "free space and run again" in reason
            # It stopped fetching: far fewer article pages than the site has.
            assert len(set(site.article_requests())) < 250 - 50
            # Whichever step wrote (the store step or an earlier one), the disk is the cause.
            assert "storage_failed" in run["error_kinds"]
            assert "pipeline_exception" not in run["error_kinds"]

            code = main(["status", "--db", str(db), "--quiet"])
            out = capsys.readouterr().out
            assert code == 1 and "last run failed: disk full" in out

            remount(disk, "size=64m")  # space freed
            assert main(["crawl", "--sources", str(sources), "--db", str(db), *FAST]) == 0
            assert len(rows(db, "select id from articles")) == 250
            assert not rows(db, "select id from crawl_runs where status = 'running'")
            check = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
            assert check == "ok"
    finally:
        site.stop()


def _hold_write_lock(db: Path, after_articles: int, seconds: float) -> subprocess.Popen:
    """Another writer: once `after_articles` are stored, BEGIN EXCLUSIVE for `seconds`."""
    code = textwrap.dedent(
        f"""
        import sqlite3, time
        conn = sqlite3.connect({str(db)!r}, isolation_level=None, timeout=30)
        while True:
            try:
                n = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0
            if n >= {after_articles}:
                break
            time.sleep(0.02)
        conn.execute("BEGIN EXCLUSIVE")
        print("held", flush=True)
        time.sleep({seconds})
        conn.execute("ROLLBACK")
        """
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_lock_held_past_the_busy_timeout_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_BUSY_TIMEOUT", "0.3")
    site = GrowingSite(80, delay=(0.15, 0.25))  # fetching slower than storing
    site.start()
    try:
        db = tmp_path / "news.db"
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml("locked"), encoding="utf-8")
        connect(db).close()
        holder = _hold_write_lock(db, after_articles=5, seconds=2.5)
        settings = FAST_SETTINGS | {"CONCURRENT_REQUESTS_PER_DOMAIN": "2"}
        request = CrawlRequest(sources=["locked"], sources_file=sources, db=db, settings=settings)
        started = time.monotonic()
        (run,) = run_crawls(request)
        holder.wait(timeout=30)
        assert holder.stdout.read().strip() == "held"
        assert time.monotonic() - started < 60, "the crawl waited out each write"
        assert run["status"] == "failed"
        assert run["finish_reason"].startswith(f"database locked writing {db}: ")
        stored = len(rows(db, "select id from articles"))
        assert f": {stored} of " in run["finish_reason"]
        assert len(set(site.article_requests())) < 80 - 15, "it went on fetching"
        assert not rows(db, "select id from crawl_runs where status = 'running'")
    finally:
        site.stop()


def test_a_database_locked_when_the_crawl_starts_is_one_line_not_a_traceback(tmp_path):
    db = tmp_path / "news.db"
    connect(db).close()
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "any"\nurl = "http://127.0.0.1:9/"\n'
        'listings = ["http://127.0.0.1:9/news/"]\narticle = "/news/"\n',
        encoding="utf-8",
    )
    holder = _hold_write_lock(db, after_articles=0, seconds=30)
    try:
        assert holder.stdout.readline().strip() == "held"
        env = dict(os.environ, NEWSMON_BUSY_TIMEOUT="0.3")
        done = subprocess.run(
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
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith(f"newsmon: database locked writing {db}")
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_read_only_database_fails_in_one_line(tmp_path):
    site = GrowingSite(5)
    site.start()
    try:
        with small_disk(tmp_path / "disk", "16m") as disk:
            db = disk / "news.db"
            sources = tmp_path / "sources.toml"
            sources.write_text(site.sources_toml("ro"), encoding="utf-8")
            assert main(["crawl", "--sources", str(sources), "--db", str(db), *FAST]) == 0
            site.publish(5)
            remount(disk, "ro")
            done = subprocess.run(
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
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode != 0
            assert "Traceback" not in done.stderr
            line = done.stderr.strip()
            assert line.startswith("newsmon: ") and len(line.splitlines()) == 1
            assert "read-only" in line or "cannot open" in line
            remount(disk, "rw")
            assert main(["crawl", "--sources", str(sources), "--db", str(db), *FAST]) == 0
            assert len(rows(db, "select id from articles")) == 10
            assert not rows(db, "select id from crawl_runs where status = 'running'")
    finally:
        site.stop()
