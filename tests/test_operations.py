"""Unattended operation: the crawl lock, `newsmon run`, isolation limits, run records, health
alarms and `newsmon status`. Real local HTTP servers and real `scrapy crawl` children."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.lock import CrawlLock, LockHeld, SharedCrawlLock, lock_path_for
from crawler.runner import CrawlRequest, effective_limits, run_crawls
from pipelines.db import connect
from tests.conftest import FAST, REPO, rows
from tests.support.ops_sites import GrowingSite, wait_for

FAST_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}


def newsmon(*args: str) -> subprocess.Popen:
    """`newsmon ARGS` as its own process, as cron or a user starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hold_lock(db: Path) -> subprocess.Popen:
    """Another process holding the crawl lock until it is killed."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from crawler.lock import CrawlLock
        CrawlLock({str(db)!r}, "newsmon crawl (test holder)").acquire()
        print("locked", flush=True)
        time.sleep(600)
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def growing():
    site = GrowingSite(20)
    site.start()
    yield site
    site.stop()


def status(db: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["status", "--db", str(db), *extra])
    return code, capsys.readouterr().out


def crawl_cli(sources: Path, db: Path, *args: str) -> int:
    return main(["crawl", "--sources", str(sources), "--db", str(db), *FAST, *args])


# -- the lock -----------------------------------------------------------------------------------


def test_lock_is_exclusive_and_says_who_holds_it(tmp_path):
    db = tmp_path / "news.db"
    first = CrawlLock(db, "newsmon run").acquire()
    with pytest.raises(LockHeld) as refused:
        CrawlLock(db, "newsmon crawl").acquire()
    message = str(refused.value)
    assert f"pid {os.getpid()} (newsmon run)" in message
    assert str(lock_path_for(db)) in message
    first.release()
    CrawlLock(db, "newsmon crawl").acquire().release()


def test_a_caller_refused_before_the_holder_wrote_its_record_still_names_it(tmp_path):
    """The holder takes the lock, then writes who it is: a caller refused in that moment waits
    for the record instead of naming "an unknown process" (two `newsmon run` started together
    met this once)."""
    db = tmp_path / "news.db"
    path = lock_path_for(db)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, its record not written yet
    record = json.dumps({"pid": os.getpid(), "command": "newsmon run"}) + "\n"
    writer = threading.Timer(0.15, os.pwrite, (fd, record.encode(), 0))
    writer.start()
    try:
        with pytest.raises(LockHeld) as refused:
            CrawlLock(db, "newsmon crawl").acquire()
        assert f"pid {os.getpid()} (newsmon run)" in str(refused.value)
    finally:
        writer.join()
        os.close(fd)


def test_one_crawl_per_database_file_whatever_the_path(tmp_path, monkeypatch):
    real = tmp_path / "data" / "news.db"
    real.parent.mkdir()
    connect(real).close()
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(real)
    first = CrawlLock(real, "newsmon run").acquire()
    try:
        monkeypatch.chdir(tmp_path / "elsewhere")
        for other in (link, Path("link.db"), Path("../data/news.db"), Path("../data/./news.db")):
            with pytest.raises(LockHeld) as refused:
                CrawlLock(other, "newsmon crawl").acquire()
            info = real.stat()
            message = str(refused.value)
            assert f"device {info.st_dev}, inode {info.st_ino}" in message
            assert str(real) in message
    finally:
        first.release()


def test_service_lock_is_shared_by_its_crawls_and_excludes_others(tmp_path):
    db = tmp_path / "news.db"
    service = SharedCrawlLock(db, "newsmon schedule")
    service.acquire()
    service.acquire()  # a second scheduled crawl of the same service
    with pytest.raises(LockHeld, match="newsmon schedule"):
        CrawlLock(db).acquire()
    service.release()
    with pytest.raises(LockHeld):  # one crawl of the service still runs
        CrawlLock(db).acquire()
    service.release()
    CrawlLock(db).acquire().release()


def test_two_runs_started_together_one_crawls_the_other_exits_2(tmp_path):
    site = GrowingSite(30, delay=(0.05, 0.1))
    site.start()
    try:
        sources = site.write_sources(tmp_path)
        db = tmp_path / "news.db"
        args = ["run", "--sources", str(sources), "--db", str(db), *FAST]
        first, second = newsmon(*args), newsmon(*args)
        results = {p.pid: (p.wait(timeout=300), *p.communicate()) for p in (first, second)}
    finally:
        site.stop()
    codes = sorted(code for code, _, _ in results.values())
    assert codes == [0, 2], results
    winner = next(pid for pid, (code, _, _) in results.items() if code == 0)
    _, out, err = next(r for r in results.values() if r[0] == 2)
    assert "another newsmon crawl holds the lock" in err
    assert f"pid {winner} (newsmon run)" in err
    assert "Nothing was crawled" in err
    assert out == ""
    runs = rows(db, "select * from crawl_runs")
    assert len(runs) == 1 and runs[0]["status"] == "ok"
    assert sorted(site.requested) == list(range(1, 31)), "every article fetched exactly once"


def test_a_killed_holder_leaves_no_stale_lock(growing, tmp_path):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    holder = hold_lock(db)
    try:
        assert crawl_cli(sources, db) == 2
        assert growing.site.requests == []
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The lock file is still there and still names the dead holder: it does not matter.
    assert json.loads(lock_path_for(db).read_text())["pid"] == holder.pid
    assert crawl_cli(sources, db) == 0
    assert len(rows(db, "select id from articles")) == 20


def test_manual_recrawl_goes_through_the_same_lock_and_records(growing, tmp_path, capsys):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    assert crawl_cli(sources, db) == 0
    asked = len(growing.site.requests)
    holder = hold_lock(db)
    try:
        assert crawl_cli(sources, db, "--recrawl") == 2
        assert "holds the lock" in capsys.readouterr().err
        assert len(growing.site.requests) == asked, "fetched while another crawl held the lock"
    finally:
        holder.kill()
        holder.wait()
    assert crawl_cli(sources, db, "--recrawl") == 0
    runs = rows(db, "select mode, status, articles_unchanged from crawl_runs order by id")
    assert [(r["mode"], r["status"]) for r in runs] == [("incremental", "ok"), ("recrawl", "ok")]
    assert runs[1]["articles_unchanged"] == 20


def test_a_crawl_whose_parent_is_killed_keeps_the_lock_then_stops_cleanly(tmp_path):
    site = GrowingSite(60, delay=(0.3, 0.3))
    site.start()
    db = tmp_path / "news.db"
    try:
        parent = newsmon("crawl", "--sources", str(site.write_sources(tmp_path)), "--db", str(db))
        wait_for(lambda: db.exists() and len(site.requested) >= 3, "the crawl to fetch")
        parent.kill()
        parent.wait()
        # The scrapy child inherited the lock: no other crawl may start while it runs.
        with pytest.raises(LockHeld) as refused:
            CrawlLock(db).acquire()
        assert f"pid {parent.pid} (newsmon crawl)" in str(refused.value)
        assert "that process is gone, its scrapy children are still finishing" in str(refused.value)
        # It notices that its parent is gone and stops as after a Ctrl-C.
        wait_for(lambda: rows(db, "select status from crawl_runs")[0]["status"] != "running", "")
        run = rows(db, "select * from crawl_runs")[0]
        assert (run["status"], run["finish_reason"]) == ("interrupted", "shutdown")
        wait_for(lambda: _lock_free(db), "the lock to be released")
        assert run["articles_new"] == len(rows(db, "select id from articles")) < 60
    finally:
        site.stop()


def test_ctrl_c_on_a_manual_crawl_stops_it_cleanly(tmp_path):
    site = GrowingSite(60, delay=(0.3, 0.3))
    site.start()
    db = tmp_path / "news.db"
    try:
        crawl = newsmon("crawl", "--sources", str(site.write_sources(tmp_path)), "--db", str(db))
        wait_for(lambda: len(site.requested) >= 4, "the crawl to fetch")
        crawl.send_signal(signal.SIGINT)
        out, _ = crawl.communicate(timeout=120)
    finally:
        site.stop()
    assert crawl.returncode == 130  # 128 + SIGINT, as a shell reports Ctrl-C (docs/operations.md)
    assert "SIGINT: stopping; crawls finish their in-flight items" in out
    assert "growing: interrupted (shutdown)" in out
    run = rows(db, "select * from crawl_runs")[0]
    assert run["articles_new"] == len(rows(db, "select id from articles")) < 60
    assert _lock_free(db)


def _lock_free(db: Path) -> bool:
    try:
        CrawlLock(db).acquire().release()
    except LockHeld:
        return False
    return True


# -- newsmon run ----------------------------------------------------------------------------------


def test_run_crawls_what_is_due_once_then_nothing(growing, tmp_path, capsys):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    args = ["run", "--sources", str(sources), "--db", str(db), *FAST]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "growing" in out and "never crawled successfully" in out and "ok" in out
    asked = len(growing.site.requests)

    assert main(args) == 0
    out = capsys.readouterr().out
    assert "nothing is due" in out
    assert len(growing.site.requests) == asked, "a source that is not due was crawled"
    assert len(rows(db, "select id from crawl_runs")) == 1

    assert main([*args, "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_run_exits_1_when_a_source_fails_and_still_crawls_the_others(growing, tmp_path, capsys):
    db = tmp_path / "news.db"
    good = growing.sources_toml("good")
    # A port nobody listens on: every request of this source is refused.
    bad = growing.sources_toml("broken").replace(growing.site.base_url, "http://127.0.0.1:9")
    sources = tmp_path / "sources.toml"
    sources.write_text(good + "\n" + bad, encoding="utf-8")
    assert main(["run", "--sources", str(sources), "--db", str(db), *FAST]) == 1
    captured = capsys.readouterr()
    assert "not successful: broken" in captured.err
    by_source = {r["source"]: r for r in rows(db, "select * from crawl_runs")}
    assert by_source["good"]["status"] == "ok"
    assert by_source["broken"]["status"] == "failed"
    assert len(rows(db, "select id from articles where source = 'good'")) == 20


# -- isolation ------------------------------------------------------------------------------------


def test_time_limit_stops_one_hanging_source_and_the_other_finishes(tmp_path):
    # 160 articles at 1 s, 2 at a time: 80 s for the slow source; the limit leaves the fast one
    # time to finish on a loaded machine (12 s did not, with another process on both cores)
    slow = GrowingSite(160, delay=(1.0, 1.0))
    fast = GrowingSite(20)
    slow.start(), fast.start()
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(slow.sources_toml("slow") + fast.sources_toml("fast"), "utf-8")
        runs = run_crawls(
            CrawlRequest(
                sources=["slow", "fast"],
                sources_file=sources,
                db=tmp_path / "news.db",
                settings=FAST_SETTINGS,
                time_limit=30,
                kill_grace=60,
            )
        )
    finally:
        slow.stop(), fast.stop()
    by_source = {r["source"]: r for r in runs}
    assert by_source["fast"]["status"] == "ok", by_source["fast"]
    assert by_source["fast"]["articles_new"] == 20
    stopped = by_source["slow"]
    assert stopped["status"] == "partial"
    assert stopped["finish_reason"].startswith("time limit of 30 s reached: stopped with SIGINT")
    assert json.loads(stopped["limits_hit"])["time_limit"] == 1
    stored = rows(tmp_path / "news.db", "select count(*) n from articles where source = 'slow'")
    assert 0 < stored[0]["n"] < 160
    assert stopped["articles_new"] == stored[0]["n"], "items in flight were stored and counted"


def test_a_crashed_crawl_is_recorded_and_the_other_source_finishes(tmp_path):
    slow = GrowingSite(60, delay=(0.3, 0.3))
    fast = GrowingSite(20, delay=(0.1, 0.1))
    slow.start(), fast.start()
    sources = tmp_path / "sources.toml"
    sources.write_text(slow.sources_toml("slow") + fast.sources_toml("fast"), "utf-8")
    db = tmp_path / "news.db"
    try:
        crawl = newsmon("crawl", "--sources", str(sources), "--db", str(db), "--jobs", "2")
        wait_for(lambda: len(slow.requested) >= 3, "the slow crawl to fetch")
        # The crawl of `slow` dies as under the out-of-memory killer.
        (pid,) = [r["pid"] for r in rows(db, "select pid from crawl_runs where source = 'slow'")]
        os.kill(pid, signal.SIGKILL)
        out, _ = crawl.communicate(timeout=300)
    finally:
        slow.stop(), fast.stop()
    assert crawl.returncode == 1
    by_source = {r["source"]: r for r in rows(db, "select * from crawl_runs")}
    assert (by_source["fast"]["status"], by_source["fast"]["articles_new"]) == ("ok", 20)
    assert by_source["slow"]["status"] == "failed"
    assert by_source["slow"]["finish_reason"].startswith("process exited with code -9")
    assert "slow: failed (process exited with code -9" in out


def test_a_crawl_that_does_not_stop_is_killed_after_the_grace(tmp_path):
    # Every article takes 25 s: after SIGINT, Scrapy waits for the requests in flight.
    site = GrowingSite(10, delay=(25.0, 25.0))
    site.start()
    try:
        runs = run_crawls(
            CrawlRequest(
                sources=["growing"],
                sources_file=site.write_sources(tmp_path),
                db=tmp_path / "news.db",
                settings=FAST_SETTINGS,
                time_limit=10,
                kill_grace=2,
            )
        )
    finally:
        site.stop()
    (run,) = runs
    assert run["status"] == "failed"
    assert run["finish_reason"] == (
        "time limit of 10 s exceeded; did not stop within 2 s of SIGINT; killed with SIGKILL"
    )
    assert run["finished_at"] is not None


def test_limits_come_from_options_then_settings():
    from crawler import settings

    def limits(**kwargs):
        return effective_limits(CrawlRequest(sources=[], **kwargs))

    default = limits()
    assert default.time_limit == settings.NEWSMON_TIME_LIMIT
    assert default.memory_mb == settings.MEMUSAGE_LIMIT_MB
    assert default.memory_hard_mb == round(settings.MEMUSAGE_LIMIT_MB * 1.5)
    assert limits(settings={"MEMUSAGE_LIMIT_MB": "200"}).memory_hard_mb == 300
    assert limits(settings={"MEMUSAGE_LIMIT_MB": "0"}).memory_hard_mb is None  # switched off
    assert limits(memory_limit_mb=100, settings={"MEMUSAGE_LIMIT_MB": "200"}).memory_mb == 100
    custom = limits(time_limit=30, kill_grace=5)
    assert (custom.time_limit, custom.kill_grace) == (30, 5)


def test_memory_limit_kills_a_crawl_and_records_it(growing, tmp_path):
    # 40 MB: far below what a Scrapy process needs, so the child crosses 1.5 x 40 MB at once.
    runs = run_crawls(
        CrawlRequest(
            sources=["growing"],
            sources_file=growing.write_sources(tmp_path),
            db=tmp_path / "news.db",
            settings=FAST_SETTINGS,
            memory_limit_mb=40,
        )
    )
    (run,) = runs
    assert run["status"] == "failed"
    assert run["finish_reason"].startswith("memory limit exceeded: ")
    assert "> 60 MB (limit 40 MB); killed with SIGKILL" in run["finish_reason"]


def test_run_log_files_are_per_run_and_rotated(growing, tmp_path, monkeypatch):
    import crawler.runner

    monkeypatch.setattr(crawler.runner, "LOGS_KEPT_PER_SOURCE", 3)
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    for _ in range(4):
        assert crawl_cli(sources, db) == 0
    logs = sorted((tmp_path / "logs" / "growing").glob("*.log"))
    assert len(logs) == 3
    runs = rows(db, "select log_file from crawl_runs order by id")
    assert [Path(r["log_file"]) for r in runs[-3:]] == logs, "the newest three are kept"
    assert not Path(runs[0]["log_file"]).exists()
    assert "Spider closed (finished)" in logs[-1].read_text(encoding="utf-8")


def test_run_record_has_every_counter(growing, tmp_path):
    db = tmp_path / "news.db"
    assert crawl_cli(growing.write_sources(tmp_path), db) == 0
    (run,) = rows(db, "select * from crawl_runs")
    assert run["status"] == "ok" and run["finish_reason"] == "finished"
    assert run["started_at"] <= run["finished_at"]
    assert run["pages"] == 20 + 1 + 1  # articles, the listing page, robots.txt
    assert run["bytes"] > 20 * 1000
    assert (run["articles_new"], run["articles_updated"], run["articles_unchanged"]) == (20, 0, 0)
    assert run["items"] == 20
    assert run["figures"] == len(rows(db, "select id from figures"))
    assert (run["empty_bodies"], run["undated"], run["http_errors"]) == (0, 0, 0)
    assert run["errors"] == 0 and run["error_kinds"] is None
    # Both clocks: a wall-clock duration that differs from the monotonic one shows a clock jump.
    assert 0 < run["monotonic_seconds"] < 300
    assert abs(run["wall_seconds"] - run["monotonic_seconds"]) < 5


def test_abandoned_running_rows_are_closed_by_the_next_run(growing, tmp_path):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    connection = connect(db)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    connection["crawl_runs"].insert(
        {"source": "growing", "status": "running", "pid": dead.pid, "started_at": "2025-01-01"}
    )
    connection.close()
    assert crawl_cli(sources, db) == 0
    first = rows(db, "select * from crawl_runs order by id")[0]
    assert first["status"] == "failed"
    assert f"(pid {dead.pid}) ended without closing its run record" in first["finish_reason"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (None, ("interrupted", "asked to stop before the crawl began")),
        # it began, was asked to stop and exited cleanly, but its closing write did not land
        ("running", ("interrupted", "shutdown")),
    ],
)
def test_a_child_asked_to_stop_that_left_no_closed_record_is_closed_by_the_parent(
    tmp_path, row, expected
):
    import tempfile

    from crawler.runner import _Child, _finish_child

    db = tmp_path / "news.db"
    connection = connect(db)
    if row:
        connection["crawl_runs"].insert(
            {"token": "t", "source": "s", "status": row, "started_at": "2025-01-01"}
        )
    connection.close()
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _finish_child)
    child = _Child("s", process, 0.0, tmp_path / "s.log", stderr)
    child.stop_sent_at, child.stopped_for = 1.0, "stop"
    _finish_child(db, "t", child, 0, effective_limits(CrawlRequest(sources=["s"], db=db)))
    (run,) = rows(db, "select status, finish_reason from crawl_runs where token = 't'")
    assert (run["status"], run["finish_reason"]) == expected


# -- health alarms and newsmon status --------------------------------------------------------------


@pytest.mark.parametrize("layout", ["script", "title"])
def test_pages_that_lose_their_body_raise_an_alarm(growing, tmp_path, capsys, layout):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    assert crawl_cli(sources, db) == 0
    code, out = status(db, capsys)
    assert code == 0, out
    assert "no alarms" in out

    growing.layout = layout  # the site changes its article pages: the text is gone
    growing.publish(6)
    assert crawl_cli(sources, db) == 0  # the crawl itself succeeds
    code, out = status(db, capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("growing"))
    assert "empty bodies jumped: 6 of 6 articles (usually 0%)" in line
    assert "1 alarm(s) on 1 source(s)" in out
    view = rows(db, "select * from crawl_health")[0]
    assert view["alarm_count"] == 1 and view["last_empty"] == 6

    growing.layout = "normal"  # fixed: new pages have their text again
    growing.publish(6)
    assert crawl_cli(sources, db) == 0
    code, out = status(db, capsys)
    assert code == 0, out


def test_robots_txt_disallowing_the_start_url_raises_an_alarm(growing, tmp_path, capsys):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    assert crawl_cli(sources, db) == 0
    growing.robots = "User-agent: *\nDisallow: /news/\n"
    growing.publish(3)
    crawl_cli(sources, db)
    code, out = status(db, capsys)
    assert code == 1
    assert "robots.txt disallows 1 start URL(s)" in out
    assert "last run failed" in out


def test_a_jump_in_http_errors_raises_an_alarm(growing, tmp_path, capsys):
    db = tmp_path / "news.db"
    sources = growing.write_sources(tmp_path)
    assert crawl_cli(sources, db) == 0
    growing.publish(10)
    growing.article_status = 404  # the new articles are announced but gone
    crawl_cli(sources, db)
    code, out = status(db, capsys)
    assert code == 1
    assert "fetch errors jumped: 10 of 13 requests (usually 0%)" in out


def _history(db: Path, runs: list[tuple[float, int]]) -> None:
    """Runs of source 'quiet' that started `days_ago`, with `new` new articles each."""
    connection = connect(db)
    connection["sources"].insert({"name": "quiet", "url": "https://quiet.example/"})
    now = datetime.now(UTC)
    for days_ago, new in runs:
        started = (now - timedelta(days=days_ago)).isoformat(timespec="seconds")
        connection["crawl_runs"].insert(
            {
                "source": "quiet",
                "started_at": started,
                "finished_at": started,
                "status": "ok",
                "pages": 10,
                "articles_new": new,
                "items": new,
                "empty_bodies": 0,
                "undated": 0,
                "http_errors": 0,
                "errors": 0,
            }
        )
    connection.close()


def test_no_new_articles_for_longer_than_usual_raises_an_alarm(tmp_path, capsys):
    db = tmp_path / "news.db"
    # New articles every day for a week, then four daily runs that found nothing.
    _history(db, [(d, 5) for d in range(11, 4, -1)] + [(d, 0) for d in (4, 3, 2, 1)])
    code, out = status(db, capsys)
    assert code == 1
    assert "no new articles for 5.0 days (usually at most 1.0)" in out


def test_a_quiet_day_within_the_usual_gaps_is_no_alarm(tmp_path, capsys):
    db = tmp_path / "news.db"
    # New articles every other day; the last run with some was two days ago.
    _history(db, [(d, 5 if d % 2 == 0 else 0) for d in range(14, 0, -1)])
    code, out = status(db, capsys)
    assert code == 0, out


def test_status_of_a_missing_database_is_an_error(tmp_path, capsys):
    assert main(["status", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err
