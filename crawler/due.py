"""When is a source due? Its `schedule` as an APScheduler trigger, and its run history.

A source's schedule is `daily` (the default), `hourly` or a five-field cron expression, read
in the source's time zone (the site's own day) or, without one, the machine's. `daily` and
`hourly` get a fixed time derived from the source name, so that sources do not all start at the
same minute; the service adds a random jitter on top.

A source is due when one of its scheduled times has passed since the start of its last
successful (`ok` or `partial`) run, or when it never had one. After a failed attempt it is not
retried for RETRY_AFTER, so a broken site is not hammered by an hourly cron job (an
`interrupted` run, stopped from outside, is resumed at once). A last run stamped in the future
(the clock was wrong) does not count: the source is due, and `newsmon status` raises an alarm.

`newsmon run` (system cron) crawls the due sources; `newsmon schedule` (the service) uses the
same rule to catch up when it starts.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils
from apscheduler.triggers.cron import CronTrigger

from crawler.cron import cron_trigger
from crawler.sources import Source

DAILY_HOURS = (1, 2, 3, 4, 5)  # night hours (site time) for `daily` sources
DAILY_JITTER = 15 * 60  # seconds of random delay the service adds to `daily` runs
HOURLY_JITTER = 2 * 60
RETRY_AFTER = timedelta(hours=1)
# A run stamped later than now by more than this was recorded under a wrong clock.
CLOCK_TOLERANCE = timedelta(minutes=5)
SUCCESS = ("ok", "partial")


def _spread(name: str, modulo: int) -> int:
    return zlib.crc32(name.encode()) % modulo


def schedule_cron(source: Source) -> str:
    """The five-field cron form of a source's schedule (daily/hourly get a per-source time)."""
    if source.schedule == "daily":
        hour = DAILY_HOURS[_spread(source.name + "/h", len(DAILY_HOURS))]
        return f"{_spread(source.name, 60)} {hour} * * *"
    if source.schedule == "hourly":
        return f"{_spread(source.name, 60)} * * * *"
    return source.schedule


def trigger_for(source: Source, *, jitter: bool = False) -> CronTrigger:
    zone = ZoneInfo(source.timezone) if source.timezone else None
    seconds = None
    if jitter and source.schedule == "daily":
        seconds = DAILY_JITTER
    elif jitter and source.schedule == "hourly":
        seconds = HOURLY_JITTER
    return cron_trigger(schedule_cron(source), timezone=zone, jitter=seconds)


@dataclass(frozen=True)
class Due:
    source: str
    due: bool
    reason: str
    last_ok: datetime | None
    next_time: datetime  # when it is (or was) due next


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def last_runs(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Per source: (start of the last successful run, start of the last run, its status)."""
    result: dict[str, tuple[str | None, str | None, str | None]] = {}
    rows = db.execute(
        "select source, "
        "max(case when status in ('ok', 'partial') then started_at end), "
        "max(started_at) from crawl_runs where status != 'running' group by source"
    ).fetchall()
    for source, last_ok, last_any in rows:
        status = db.execute(
            "select status from crawl_runs where source = ? and started_at = ? "
            "order by id desc limit 1",
            [source, last_any],
        ).fetchone()
        result[source] = (last_ok, last_any, status[0] if status else None)
    return result


def plan(
    sources: list[Source], db: sqlite_utils.Database, now: datetime | None = None
) -> list[Due]:
    """Which sources are due at `now` (default: the current time), and why."""
    now = now or datetime.now(UTC)
    history = last_runs(db)
    result = []
    for source in sources:
        last_ok_s, last_any_s, last_status = history.get(source.name, (None, None, None))
        last_ok, last_any = _parse(last_ok_s), _parse(last_any_s)
        trigger = trigger_for(source)
        cron = schedule_cron(source)
        schedule = cron if cron == source.schedule else f"{source.schedule} = {cron}"
        schedule += f" {source.timezone}" if source.timezone else " local time"
        if last_ok is not None and last_ok > now + CLOCK_TOLERANCE:
            # Stamped in the future: the clock was wrong then (or is now). Trusting the stamp
            # would leave the source idle until that date; crawl it instead.
            next_time = now
            reason = (
                f"last success stamped {last_ok.astimezone(UTC):%Y-%m-%d %H:%M} UTC, in the "
                "future: the clock was wrong; due now"
            )
        elif last_ok is None:
            next_time, reason = now, "never crawled successfully"
        else:
            # +1 s: a run that started at its scheduled second has served that fire time.
            after = last_ok + timedelta(seconds=1)
            next_time = trigger.get_next_fire_time(None, after.astimezone(trigger.timezone))
            reason = f"last success {last_ok.astimezone(UTC):%Y-%m-%d %H:%M} UTC; {schedule}"
        due = next_time <= now
        if (
            due
            and last_any is not None
            and last_status == "failed"
            and (last_ok is None or last_any > last_ok)
            and timedelta(0) <= now - last_any < RETRY_AFTER
        ):
            retry = last_any + RETRY_AFTER
            due, next_time = False, retry
            reason = f"last run {last_status}; retried from {retry.astimezone(UTC):%H:%M} UTC"
        result.append(Due(source.name, due, reason, last_ok, next_time))
    return result
