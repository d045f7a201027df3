"""The scheduler: when sources are due, the APScheduler jobs, and `newsmon schedule` as a real
service process (catch-up on start, graceful stop on SIGTERM/SIGINT, the shared lock)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crawler.due import DAILY_HOURS, DAILY_JITTER, RETRY_AFTER, cron_trigger, plan, schedule_cron
from crawler.lock import CrawlLock
from crawler.sources import Source
from pipelines.db import connect
from scheduler import MISFIRE_GRACE, Service, ServiceConfig
from tests.conftest import FAST, REPO, rows
from tests.support.ops_sites import GrowingSite, wait_for
from tests.test_operations import hold_lock

ALMATY = ZoneInfo("Asia/Almaty")
NEWSMON = [sys.executable, "-m", "crawler.cli"]


def source(name: str = "site", schedule: str = "daily", timezone: str | None = None) -> Source:
    return Source(
        name=name,
        url="https://site.example/",
        article=r"^https://site\.example/\d+$",
        listings=("https://site.example/news/",),
        schedule=schedule,
        timezone=timezone,
    )


def add_run(db, name: str, started: datetime, status: str = "ok") -> None:
    db["crawl_runs"].insert(
        {"source": name, "started_at": started.isoformat(timespec="seconds"), "status": status}
    )


@pytest.fixture
def db(tmp_path):
    connection = connect(tmp_path / "news.db")
    yield connection
    connection.close()


# -- when is a source due -------------------------------------------------------------------------


def test_a_source_never_crawled_is_due(db):
    (due,) = plan([source()], db, datetime(2025, 8, 1, tzinfo=UTC))
    assert due.due and due.reason == "never crawled successfully"


def test_cron_schedule_in_the_sources_time_zone(db):
    s = source(schedule="30 4 * * *", timezone="Asia/Almaty")
    add_run(db, "site", datetime(2025, 8, 1, 4, 30, 5, tzinfo=ALMATY))
    before = plan([s], db, datetime(2025, 8, 2, 4, 29, tzinfo=ALMATY))[0]
    assert not before.due
    assert before.next_time == datetime(2025, 8, 2, 4, 30, tzinfo=ALMATY)
    assert plan([s], db, datetime(2025, 8, 2, 4, 30, tzinfo=ALMATY))[0].due
    # a `newsmon run` from an hourly cron job some hours later still catches it
    assert plan([s], db, datetime(2025, 8, 2, 9, 0, tzinfo=ALMATY))[0].due


def test_a_run_that_started_on_its_scheduled_second_has_served_it(db):
    s = source(schedule="0 * * * *")
    add_run(db, "site", datetime(2025, 8, 1, 10, 0, 0, tzinfo=UTC))
    assert not plan([s], db, datetime(2025, 8, 1, 10, 0, 30, tzinfo=UTC))[0].due
    assert plan([s], db, datetime(2025, 8, 1, 11, 0, 0, tzinfo=UTC))[0].due


def test_partial_counts_as_success_and_interrupted_does_not(db):
    s = source(schedule="0 3 * * *")
    day = datetime(2025, 8, 1, 3, 0, 10, tzinfo=UTC)
    add_run(db, "site", day, "partial")
    assert not plan([s], db, day + timedelta(hours=5))[0].due
    # stopped from outside (SIGTERM): resumed by the next run, no pause as after a failure
    add_run(db, "site", day + timedelta(days=1), "interrupted")
    assert plan([s], db, day + timedelta(days=1, minutes=1))[0].due


def test_a_failed_source_is_retried_only_after_a_pause(db):
    s = source(schedule="0 3 * * *")
    failed_at = datetime(2025, 8, 2, 3, 0, 10, tzinfo=UTC)
    add_run(db, "site", datetime(2025, 8, 1, 3, 0, 10, tzinfo=UTC))
    add_run(db, "site", failed_at, "failed")
    soon = plan([s], db, failed_at + timedelta(minutes=10))[0]
    assert not soon.due
    assert soon.next_time == failed_at + RETRY_AFTER
    assert soon.reason.startswith("last run failed; retried from")
    assert plan([s], db, failed_at + RETRY_AFTER + timedelta(minutes=1))[0].due


def test_daily_gets_a_fixed_night_time_per_source_spread_over_sources():
    times = {schedule_cron(source(f"source_{i}")) for i in range(40)}
    assert len(times) > 30, "sources would start at the same minute"
    for expression in times:
        minute, hour, *rest = expression.split()
        assert 0 <= int(minute) < 60 and int(hour) in DAILY_HOURS and rest == ["*", "*", "*"]
    assert schedule_cron(source("zakon_kz")) == schedule_cron(source("zakon_kz"))
    assert schedule_cron(source(schedule="hourly")).split()[1:] == ["*", "*", "*", "*"]


def test_cron_weekdays_count_sunday_as_zero():
    monday, friday = datetime(2025, 8, 4, tzinfo=UTC), datetime(2025, 8, 1, tzinfo=UTC)
    assert cron_trigger("0 3 * * 1", UTC).get_next_fire_time(None, friday).date() == monday.date()
    sunday = cron_trigger("0 3 * * 0", UTC).get_next_fire_time(None, friday)
    assert sunday.date() == datetime(2025, 8, 3).date()
    assert cron_trigger("0 3 * * 7", UTC).get_next_fire_time(None, friday) == sunday
    weekdays = cron_trigger("0 3 * * 1-5", UTC)
    fired, moment = [], friday
    for _ in range(5):
        moment = weekdays.get_next_fire_time(None, moment + timedelta(seconds=1))
        fired.append(moment.strftime("%a"))
    assert fired == ["Fri", "Mon", "Tue", "Wed", "Thu"]


# -- the jobs of the service -----------------------------------------------------------------------


def test_service_jobs_one_per_source_with_catch_up(tmp_path, db):
    now = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)
    sources = [
        source("fresh", schedule="daily"),  # crawled a minute ago (daily runs are at night)
        source("never", schedule="hourly"),  # never crawled
        source("stale", schedule="0 */6 * * *"),  # last success two days ago
        source("done", schedule="0 11 * * *"),  # crawled at its time today
    ]
    add_run(db, "fresh", now - timedelta(minutes=1))
    add_run(db, "stale", now - timedelta(days=2))
    add_run(db, "done", now - timedelta(minutes=59, seconds=50))
    service = Service(ServiceConfig(sources=sources, db=tmp_path / "news.db"))
    caught_up = service.add_jobs(now)
    assert caught_up == ["never", "stale"]
    service.scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in service.scheduler.get_jobs()}
        assert set(jobs) == {"fresh", "never", "stale", "done"}
        for job in jobs.values():
            assert job.coalesce is True
            assert job.max_instances == 1
            assert job.misfire_grace_time == MISFIRE_GRACE
        assert jobs["never"].next_run_time == now
        assert jobs["stale"].next_run_time == now
        assert jobs["fresh"].next_run_time > now
        assert jobs["done"].next_run_time > now
        assert jobs["fresh"].trigger.jitter == DAILY_JITTER
        assert jobs["stale"].trigger.jitter is None  # an explicit cron time is kept exactly
    finally:
        service.scheduler.shutdown(wait=False)


# -- the service as a process ----------------------------------------------------------------------


def start_service(sources: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*NEWSMON, "schedule", "--sources", str(sources), "--db", str(db), *FAST, *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# A service's first crawl starts two fresh interpreters (the service, then the crawl): on a
# loaded CI machine that has taken minutes. Wait long, and say what the service did if not.
SERVICE_WAIT = 420


def service_state(db: Path) -> str:
    """What a failed wait shows: the runs recorded and the ends of the service's and the crawl
    logs."""
    logs = sorted((db.parent / "logs").glob("*.log"))
    tails = [f"--- {p.name}:\n" + "\n".join(p.read_text("utf-8", "replace").splitlines()[-15:])
             for p in logs]  # fmt: skip
    return f"runs: {query(db, 'select * from crawl_runs')}\n" + "\n".join(tails)


def query(db: Path, sql: str) -> list[tuple]:
    if not db.exists():
        return []
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        con.close()


def test_service_catches_up_on_start_and_stops_on_sigint(tmp_path):
    site = GrowingSite(10)
    site.start()
    db = tmp_path / "news.db"
    service = start_service(site.write_sources(tmp_path), db)
    try:
        wait_for(
            lambda: query(db, "select 1 from crawl_runs where status = 'ok'"),
            "a crawl",
            limit=SERVICE_WAIT,
            explain=lambda: service_state(db),
        )
        service.send_signal(signal.SIGINT)
        _, log = service.communicate(timeout=120)
    finally:
        service.kill()
        site.stop()
    assert service.returncode == 0
    assert "catching up now: growing" in log
    assert "growing: ok, " in log and "10 new articles" in log
    assert "SIGINT received: stopping" in log
    assert len(rows(db, "select id from articles")) == 10
    CrawlLock(db).acquire().release()  # the service left the lock free
    assert "growing: next run" in (tmp_path / "logs" / "schedule.log").read_text("utf-8")


def test_sigterm_stops_the_service_gracefully_mid_crawl(tmp_path):
    site = GrowingSite(60, delay=(0.3, 0.3))
    site.hold(after=30)  # the crawl is surely mid-way when SIGTERM comes, on any machine
    site.start()
    db = tmp_path / "news.db"
    sources = site.write_sources(tmp_path)
    service = start_service(sources, db)
    try:
        wait_for(
            lambda: len(query(db, "select id from articles")) >= 5,
            "some articles",
            limit=SERVICE_WAIT,
            explain=lambda: service_state(db),
        )
        # While the service crawls, nobody else may: `newsmon run` is refused.
        other = subprocess.run(
            [*NEWSMON, "run", "--sources", str(sources), "--db", str(db), *FAST],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert other.returncode == 2
        assert "(newsmon schedule)" in other.stderr
        service.send_signal(signal.SIGTERM)
        time.sleep(1)
        site.release()  # the requests in flight at SIGTERM answer now, and must be stored
        _, log = service.communicate(timeout=120)
    finally:
        site.release()
        service.kill()
    try:
        assert service.returncode == 0, log
        assert "SIGTERM received: stopping; running crawls finish their in-flight items" in log
        (run,) = rows(db, "select * from crawl_runs")
        assert (run["status"], run["finish_reason"]) == ("interrupted", "shutdown")
        stored = len(rows(db, "select id from articles"))
        assert 5 <= stored < 60
        assert run["articles_new"] == stored
        assert query(db, "pragma integrity_check") == [("ok",)]
        assert len(rows(db, "select article_id from raw_pages")) == stored

        # The next run stores the rest. Every article was fetched exactly once over both runs:
        # the items in flight at SIGTERM were finished and stored, not dropped and fetched again.
        from crawler.cli import main

        assert main(["run", "--sources", str(sources), "--db", str(db), *FAST]) == 0
        assert len(rows(db, "select id from articles")) == 60
        assert sorted(site.requested) == list(range(1, 61))
    finally:
        site.stop()


def test_a_scheduled_crawl_waits_for_the_lock_of_another_process(tmp_path):
    site = GrowingSite(10)
    site.start()
    db = tmp_path / "news.db"
    log = tmp_path / "logs" / "schedule.log"
    holder = hold_lock(db)
    service = start_service(site.write_sources(tmp_path), db, "--wait", "600")
    try:
        wait_for(
            lambda: log.exists() and "catching up now" in log.read_text("utf-8"),
            "start",
            limit=SERVICE_WAIT,
        )
        time.sleep(3)  # time enough to crawl, had the service not waited
        released_at = datetime.now(UTC).replace(microsecond=0).isoformat()
        holder.kill()
        holder.wait()
        # Any end, not only "ok": a run that ended otherwise fails below with its record.
        wait_for(
            lambda: query(db, "select 1 from crawl_runs where status != 'running'"),
            "a crawl",
            limit=SERVICE_WAIT,
            explain=lambda: service_state(db),
        )
        service.send_signal(signal.SIGTERM)
        service.communicate(timeout=120)
    finally:
        holder.kill()
        service.kill()
        site.stop()
    assert service.returncode == 0
    (run,) = rows(db, "select * from crawl_runs")
    assert run["status"] == "ok", (dict(run), log.read_text("utf-8"))
    assert run["started_at"] >= released_at, "crawled while another process held the lock"
    assert sorted(site.requested) == list(range(1, 11))


def test_sigterm_while_two_sources_crawl_stops_both(tmp_path):
    first, second = GrowingSite(40, delay=(0.3, 0.3)), GrowingSite(40, delay=(0.3, 0.3))
    first.start(), second.start()
    sources = tmp_path / "sources.toml"
    sources.write_text(first.sources_toml("first") + second.sources_toml("second"), "utf-8")
    db = tmp_path / "news.db"
    service = start_service(sources, db, "--jobs", "2")
    try:
        wait_for(
            lambda: len(first.requested) >= 2 and len(second.requested) >= 2,
            "two crawls",
            limit=SERVICE_WAIT,
            explain=lambda: service_state(db),
        )
        service.send_signal(signal.SIGTERM)
        _, log = service.communicate(timeout=120)
    finally:
        service.kill()
        first.stop(), second.stop()
    assert service.returncode == 0, log
    assert log.rstrip().endswith("INFO stopped")
    runs = rows(db, "select source, status, finish_reason from crawl_runs order by source")
    assert [(r["source"], r["status"], r["finish_reason"]) for r in runs] == [
        ("first", "interrupted", "shutdown"),
        ("second", "interrupted", "shutdown"),
    ]
