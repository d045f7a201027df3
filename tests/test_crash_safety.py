"""Crash safety: crawls killed with SIGKILL at random moments, each followed by a normal run.

After every kill the database must pass `PRAGMA integrity_check`; after every normal run it must
hold every published article exactly once, and the normal run must not fetch again what the
killed one had stored. Real `newsmon crawl` processes, a real local site, real SQLite files.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import REPO
from tests.support.ops_sites import ARTICLE_PATH_RE, GrowingSite

KILLS = 20
SEQUENCES = 5
FIRST_BATCH = 60
NEW_PER_ROUND = 10


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains `text` (the crawl children name the database path)."""
    found = []
    needle = text.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def sigkill(parent: subprocess.Popen, db: Path, children_only: bool) -> bool:
    """SIGKILL the crawl at this moment: its scrapy child, and the parent unless children_only.

    The parent is frozen first (SIGSTOP) so it cannot start a child between the look-up and the
    kill; with children_only it is let go again and must record the dead child itself.
    Returns whether the parent survived."""
    os.kill(parent.pid, signal.SIGSTOP)
    children = [p for p in processes_mentioning(f"NEWSMON_DB={db}\0") if p != parent.pid]
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    if children_only and children:
        os.kill(parent.pid, signal.SIGCONT)
    else:
        os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=120)
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.01)
    return bool(children_only and children)


def check_integrity(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert con.execute("pragma foreign_key_check").fetchall() == []
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        if "articles_fts" in tables:  # the external-content index matches its table
            con.execute("insert into articles_fts(articles_fts) values('integrity-check')")
            con.rollback()
    finally:
        con.close()


def stored(db: Path) -> dict[int, dict]:
    if not db.exists():
        return {}
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        if "articles" not in tables:
            return {}
        rows = [dict(r) for r in con.execute("select id, url, body, version from articles")]
    finally:
        con.close()
    result = {}
    for row in rows:
        n = int(ARTICLE_PATH_RE.match("/" + row["url"].split("/", 3)[3])[1])
        assert n not in result, f"article {n} stored twice"
        result[n] = row
    return result


def stored_count(db: Path) -> int:
    """How many articles the database holds; 0 before the crawl made its tables."""
    try:
        return count(db, "select count(*) from articles") if db.exists() else 0
    except sqlite3.Error:
        return 0


def count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def last_run_id(db: Path) -> int:
    try:
        return count(db, "select coalesce(max(id), 0) from crawl_runs") if db.exists() else 0
    except sqlite3.OperationalError:  # killed before it created its tables
        return 0


def kill_and_recover(folder: Path, kills: int, seed: int, mid_batch: int = 1) -> dict:
    """One sequence: `kills` crawls SIGKILLed at random moments, each followed by a normal run,
    against its own slow local site and database, and more until `mid_batch` of the kills
    landed inside a batch (on a slow machine more of them land before or after one). Returns
    what happened, for the caller."""
    rng = random.Random(seed)
    folder.mkdir()
    db = folder / "news.db"
    # 50-100 ms per article page: a crawl of a batch lasts long enough to be killed inside.
    site = GrowingSite(FIRST_BATCH, delay=(0.05, 0.1), seed=seed)
    site.start()
    try:
        sources = site.write_sources(folder)
        command = [
            sys.executable,
            *("-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db)),
            *("--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"),
        ]
        done = {"kills": 0, "mid_batch": 0, "rounds": 0}
        while done["kills"] < kills or done["mid_batch"] < mid_batch:
            done["rounds"] += 1
            assert done["rounds"] <= 3 * kills, f"the kills kept missing the batches: {done}"
            if done["rounds"] > 1:
                site.publish(NEW_PER_ROUND)
            # once the random kills are spent and none landed inside a batch (on a slow machine
            # the workers' extraction lags far behind the downloads, so most land before any
            # article is stored), each kill waits for the round's first stored article
            inside = done["kills"] >= kills and done["mid_batch"] < mid_batch
            one_round(site, db, command, rng, done, inside=inside)
        return done
    finally:
        site.stop()


def one_round(
    site: GrowingSite, db: Path, command: list[str], rng, done: dict, inside: bool = False
) -> None:
    """One crawl killed at a random moment (`inside`: a random moment after the round's first
    article is stored), then a normal run, and the checks."""
    published = set(site.articles)
    before = set(stored(db))
    pending = len(published - before)
    requests_before = len(site.article_requests())
    runs_before = last_run_id(db)

    parent = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # A random moment: during start-up (imports, schema, opening the spider), or after a
    # random number of article requests reached the server, plus a random few ms.
    k = rng.randint(0, pending)
    if inside:
        while stored_count(db) <= len(before) and parent.poll() is None:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.08))
    elif k == 0:
        time.sleep(rng.uniform(0.0, 3.0))
    else:
        while len(site.requested) - requests_before < k:
            if parent.poll() is not None:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.08))
    if parent.poll() is not None:
        return  # finished before the kill: not one of the kills
    parent_survived = sigkill(parent, db, children_only=done["rounds"] % 2 == 0)
    done["kills"] += 1

    if db.exists():
        check_integrity(db)
    after_kill = set(stored(db))
    assert after_kill <= published
    if before < after_kill < published:
        done["mid_batch"] += 1

    fetched_before_normal = len(site.article_requests())
    normal = subprocess.run(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert normal.returncode == 0, normal.stderr
    check_integrity(db)
    rows = stored(db)
    assert set(rows) == published, f"missing after the normal run: {published - set(rows)}"
    for n, row in rows.items():
        assert GrowingSite.marker(n) in row["body"], f"article {n} has another's text"
        assert row["version"] == 1, f"article {n} was stored more than once"
    refetched = set(site.article_requests()[fetched_before_normal:]) & after_kill
    assert not refetched, f"the normal run fetched stored articles again: {refetched}"
    assert count(db, "select count(*) from article_versions") == 0
    assert count(db, "select count(*) from raw_pages") == len(published)
    assert count(db, "select count(*) from crawl_runs where status = 'running'") == 0
    # The killed crawl is on record as failed, saying how: its parent saw the SIGKILL, or the
    # normal run found its row abandoned. (Killed before opening its run, a crawl whose parent
    # died too leaves no row.)
    con = sqlite3.connect(db)
    new_runs = con.execute(
        "select status, finish_reason from crawl_runs where id > ? order by id", [runs_before]
    ).fetchall()
    con.close()
    assert new_runs[-1][0] == "ok"
    killed_runs = new_runs[:-1]
    assert len(killed_runs) == 1 if parent_survived else len(killed_runs) <= 1
    for status, reason in killed_runs:
        assert status == "failed"
        assert "code -9" in reason or "ended without closing its run record" in reason


def test_twenty_sigkills_then_normal_runs_store_every_article_once(tmp_path):
    """Five independent sequences (own site, own database) run side by side, four kills each
    (more where none had landed inside a batch): the same twenty kills as one after the other,
    in a fraction of the wall time."""
    per_sequence = KILLS // SEQUENCES
    with ThreadPoolExecutor(SEQUENCES) as pool:
        futures = [
            pool.submit(kill_and_recover, tmp_path / f"s{i}", per_sequence, 20250801 + i)
            for i in range(SEQUENCES)
        ]
        results = [f.result() for f in futures]
    assert sum(r["kills"] for r in results) >= KILLS
    # The kills landed inside batches, not only before or after them: each sequence went on
    # until one had.
    assert all(r["mid_batch"] >= 1 for r in results), results
