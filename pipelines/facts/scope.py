"""Scope of each figure: `period` (a statistic over a reporting period) or `event` (one
operation), with the period it covers or the day of the event.

- A period stated in the figure's own sentence makes it a statistic of that period.
- A baseline covers the same months one year earlier (or the year it names).
- Words of one operation («задержан», «в ходе обыска», «у него») make an event.
- Otherwise a figure inherits the period stated earlier in the text (a report «за 9 месяцев»
  goes on listing its numbers), or, when the text states none, it is an event.
An event's day is the last full date the text states before the figure, else the publication day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from pipelines.mentioned_dates import extract_dates, period_of

_I = re.IGNORECASE

EVENT_WORDS = re.compile(
    r"\bзадержа(?:н|ли|ла|ло|ны)\w*|\bв\s+ходе\s+(?:обыска|осмотра|досмотра|рейда|"
    r"оперативно|проверки|операции|задержания)|\bпри\s+(?:личном\s+)?(?:досмотре|обыске|осмотре)"
    r"|\bу\s+(?:него|нее|неё|них|задержанн\w+|подозреваем\w+|мужчин\w+|женщин\w+|жител\w+"
    r"|гражданин\w*|\d+-летн\w+)\b|\bтайник\w*|\bзакладк\w*|\bобыск\w*",
    _I,
)
STATISTIC_WORDS = re.compile(
    r"\bвсего\b|\bс\s+начала\s+(?:года|\d{4})|\bза\s+(?:отчетный|истекший|прошедший|текущий)"
    r"|\bв\s+(?:истекшем|отчетном|текущем)\s+(?:период\w*|году)|\bпо\s+итогам\b"
    r"|\bзарегистрирован\w*|\bвыявлен\w*\s+\d|\bв\s+целом\b|\bпо\s+(?:области|региону|стране|"
    r"республике|краю)\b",
    _I,
)


def _statistic_beyond_vsego(sentence: str) -> bool:
    """Statistic words other than «всего», which sums one operation's finds just as well."""
    return any(m.group().lower() != "всего" for m in STATISTIC_WORDS.finditer(sentence))


def _shift_year(day: str | None, years: int) -> str | None:
    if not day or len(day) < 4 or not day[:4].isdigit():
        return day
    year = int(day[:4]) + years
    if len(day) >= 10:
        month, dom = int(day[5:7]), int(day[8:10])
        dom = min(dom, calendar.monthrange(year, month)[1])
        return f"{year:04d}-{month:02d}-{dom:02d}"
    return f"{year:04d}{day[4:]}"


def _baseline_period(figure: dict, current: dict | None) -> tuple[str | None, str | None]:
    start = (current or figure).get("period_start") or figure.get("period_start")
    end = (current or figure).get("period_end") or figure.get("period_end")
    stated = figure.get("_year")
    if stated and start and start[:4].isdigit():
        shift = int(stated) - int(start[:4])
        return _shift_year(start, shift), _shift_year(end, shift)
    if start:
        return _shift_year(start, -1), _shift_year(end, -1)
    return None, None


def _full_dates(mentioned: list[dict], published: str | None) -> list[tuple[int, str]]:
    """(offset, day) of the whole days the text states, none after publication."""
    days = []
    for d in mentioned:
        day = d.get("date") or ""
        if d.get("kind") == "date" and len(day) == 10 and day[0].isdigit():
            if published and day > published[:10]:
                continue
            days.append((d.get("char_start") or 0, day))
    return sorted(days)


def assign_scope(
    text: str,
    figures: list[dict],
    mentioned_dates: list[dict] | None = None,
    published: str | None = None,
    title: str | None = None,
) -> None:
    """Set `scope`, `period_start`/`period_end` (for period figures) and `event_day` (for
    events) on each figure, in place. Roles must be set first (baselines shift a year)."""
    days = _full_dates(mentioned_dates or [], published)
    # the period a report states before (None, None when it says «за текущий период» only)
    article_period: tuple[str | None, str | None] | None = None
    for figure in figures:
        sentence = figure.get("sentence") or ""
        own = (figure.get("period_start"), figure.get("period_end"))
        if own[0] and own[0] == own[1] and len(own[0]) == 10:
            own = (None, None)  # «12 октября»: the day of something, not a reporting period
        if figure.get("role") == "baseline":
            current = figures[figure["_current"]] if figure.get("_current") is not None else None
            start, end = _baseline_period(figure, current)
            if start is None and article_period:
                start, end = _shift_year(article_period[0], -1), _shift_year(article_period[1], -1)
            figure["scope"] = "period"
            figure["period_start"], figure["period_end"] = start, end
            figure["event_day"] = None
            continue
        if own[0]:
            article_period = own if article_period is None else article_period
            scope = "period"
        elif EVENT_WORDS.search(sentence) and not _statistic_beyond_vsego(sentence):
            scope = "event"
        elif article_period is not None:
            scope = "period"
            figure["period_start"], figure["period_end"] = article_period
        elif STATISTIC_WORDS.search(sentence):
            scope = "period"  # «за текущий период», «всего»: a statistic, its period unstated
            stated = _title_period(title) or (None, None)
            figure["period_start"], figure["period_end"] = stated
            article_period = stated if article_period is None else article_period
        else:
            scope = "event"
        figure["scope"] = scope
        if scope == "event":
            before = [day for offset, day in days if offset <= figure.get("start", 0)]
            figure["event_day"] = before[-1] if before else (published or "")[:10] or None
            figure["period_start"] = figure["period_end"] = None
        else:
            figure["event_day"] = None


def _title_period(title: str | None) -> tuple[str, str] | None:
    """A period the headline states («… за 9 месяцев 2024 года»)."""
    if not title:
        return None
    start, end = period_of(extract_dates(title), title)
    return (start, end) if start else None


def as_day(value: str | date | None) -> str | None:
    return value.isoformat()[:10] if isinstance(value, date) else (value or None)
