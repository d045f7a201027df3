"""A five-field cron expression read the way cron reads it, as an APScheduler trigger: the
scheduler's reading (crawler/due.py) and the check of a source's `schedule` (crawler/sources.py)
share it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # apscheduler loads with the first trigger, not with every command
    from apscheduler.triggers.cron import CronTrigger

_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _cron_weekdays(field: str) -> str:
    """A cron day-of-week field in APScheduler 3 terms. Cron counts Sunday as 0 (and 7);
    APScheduler 3 counts Monday as 0, so numbers become day names. Names pass unchanged."""
    if not any(c.isdigit() for c in field):
        return field
    days: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if base == "*":
            first, last = 0, 6
        elif "-" in base:
            first, last = (int(x) for x in base.split("-", 1))
        else:
            first = int(base)
            last = 6 if step_text else first
        if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last and step > 0):
            raise ValueError(f"day of week {part!r} is out of range")
        days.update(d % 7 for d in range(first, last + 1, step))
    return ",".join(_CRON_DAYS[d] for d in sorted(days))


def cron_trigger(expression: str, timezone=None, jitter: int | None = None) -> CronTrigger:
    """A five-field cron expression (minute hour day month weekday) as a CronTrigger."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"{expression!r}: a cron expression has five fields")
    minute, hour, day, month, weekday = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=_cron_weekdays(weekday),
        timezone=timezone,
        jitter=jitter,
    )
