"""Scope of each figure: `period` (a statistic over a reporting period) or `event` (one
operation), with the period it covers or the day of the event.

- A period stated in the figure's own sentence makes it a statistic of that period.
- A baseline covers the same months one year earlier (or the year it names); a change or a
  share compares or divides statistics: a period too.
- Statistic words («за неделю», «с начала года», a named operation «Мак-2024») make a period,
  before words of one operation («задержан», «в ходе обыска», «у него») or a stated day
  («Так, 22 января …») make an event.
- Otherwise a figure after the text starts summing up (a stated period, statistic words, a
  headline's period) is a statistic of it, and a figure before is an event (a report of one
  seizure often ends with the year's totals); «всего» alone sums what came before, events or
  statistics. A republication that moves paragraphs may read another scope: the fact store
  joins its numbers to its story's facts by value.
An event's day is the last full date the text states before the figure, else the publication day."""

from __future__ import annotations

import calendar
import re
from datetime import date

from pipelines.facts.roles import sentence_start
from pipelines.mentioned_dates import extract_dates, period_of

_I = re.IGNORECASE
_DAY = re.compile(r"-\d\d-\d\d$")  # a date with its day, the year known or not

EVENT_WORDS = re.compile(
    r"\bзадержа(?:н|на|но|ны|ли|ла|ло|ть)\b|\bв\s+ходе\s+(?:обыска|осмотра|досмотра|рейда|"
    r"оперативно|проверки|операции|задержания)|\bпри\s+(?:личном\s+)?(?:досмотре|обыске|осмотре)"
    r"|\bу\s+(?:него|нее|неё)\b|\bу\s+(?:\w+\s+){0,2}?(?:задержанн|подозреваем|мужчин|женщин"
    r"|жител|гражданин|\d+-летн)\w*|\bтайник\w*|\bзакладк\w*|\bобыск\w*",
    _I,
)
# A reporting period named in words: «за неделю», «за девять месяцев», «в первом полугодии»,
# «за этот период», «за десять лет», «до конца года», «в течение года», «ежегодно».
PERIOD_WORDS = (
    r"\bза\s+(?:\w+\s+)?(?:недел[юи]|месяц|год|полугодие|квартал)\b"
    r"|\bза\s+(?:\w+\s+){0,2}(?:месяц(?:а|ев)|недел[иь]|год(?:а|ы)|лет)\b"
    r"|\bв\s+(?:перв|втор|трет|четверт|истекш|прошедш)\w*\s+(?:полугоди|квартал)\w*"
    r"|\bза\s+(?:этот|данный|указанный|тот\s+же|такой\s+же|аналогичный)\s+период"
    r"|\bдо\s+конца\s+года\b"
    r"|\bв\s+течение\s+(?:\w+\s+)?(?:года|месяца|недели|квартала|полугодия)\b"
    r"|\bежегодн\w*|\bежемесячн\w*|\bза\s+(?:\w+\s+)?полгода\b"
)
# A named or summed-up operation: its numbers are the operation's totals, not one seizure.
OPERATION_WORDS = (
    r"\b(?:операци|акци|мероприяти)\w*\s+[«\"]|\bитог\w*\s+(?:\w+\s+)?(?:операци|акци|рейд)"
    r"|\bподв(?:ел|ел[аи]|одя|одит|одят|ести)\s+(?:\w+\s+)?итог"
    r"|\bв\s+ходе\s+(?:\w+\s+){0,3}(?:операци|акци)\w*\s+[«\"]"
)
STATISTIC_WORDS = re.compile(
    r"\bвсего\b|\bв\s+общей\s+сложности\b|\bс\s+начала\s+(?:года|\d{4})"
    r"|\bза\s+(?:отчетн|истекш|прошедш|текущ)\w*|\bв\s+(?:истекшем|отчетном|текущем)\s+"
    r"(?:период\w*|году)|\bпо\s+итогам\b"
    r"|\bзарегистрирован\w*|\bвыявлен\w*\s+\d|\bв\s+целом\b|"
    + PERIOD_WORDS
    + "|"
    + OPERATION_WORDS,
    _I,
)
# Words that sum things up just as well within one operation: not a period by themselves.
_ANY_SUM = ("всего", "в общей сложности")


def _statistic_beyond_vsego(sentence: str) -> bool:
    """Statistic words other than «всего», which sums one operation's finds just as well."""
    return any(
        " ".join(m.group().lower().split()) not in _ANY_SUM
        for m in STATISTIC_WORDS.finditer(sentence)
    )


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


def _summary_from(text: str, title: str | None) -> int | None:
    """Where the text starts summing up (a period or operation named in statistic words, the
    headline's period): figures after it with no words of one operation are its statistics."""
    if title and (_statistic_beyond_vsego(title) or _title_period(title)):
        return 0
    return next(
        (m.start() for m in STATISTIC_WORDS.finditer(text)
         if " ".join(m.group().lower().split()) not in _ANY_SUM),
        None,
    )  # fmt: skip


def _scope_of(
    figure: dict, sentence: str, stated_day: bool, summary: bool, previous: str | None
) -> str:
    """period or event, for a figure with no period of its own; the first rule that speaks
    decides: a change, statistic words, words of one operation, a stated day, the summary the
    text is in, «всего» (which sums what came before: events or statistics alike)."""
    if figure.get("role") == "change" or figure.get("unit") in ("percent", "times"):
        return "period"  # a change compares periods; a share is of a statistic
    if _statistic_beyond_vsego(sentence):
        return "period"
    if EVENT_WORDS.search(sentence) or stated_day:
        return "event"
    if summary:
        return "period"
    if STATISTIC_WORDS.search(sentence):
        return previous or "period"
    return "event"


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
    stated_days = [d.get("char_start") or 0 for d in mentioned_dates or ()
                   if d.get("kind") == "date" and _DAY.search(d.get("date") or "")]  # fmt: skip
    summary_from = _summary_from(text, title)
    # the period a report states before (None, None when it says «за текущий период» only)
    article_period: tuple[str | None, str | None] | None = None
    previous: str | None = None
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
        else:
            low = sentence_start(text, figure)
            summary = article_period is not None or (
                summary_from is not None and summary_from <= figure.get("start", 0)
            )
            stated_day = any(low <= offset < low + len(sentence) for offset in stated_days)
            scope = _scope_of(figure, sentence, stated_day, summary, previous)
            if scope == "period":
                if article_period is None:
                    article_period = _title_period(title) or (None, None)
                figure["period_start"], figure["period_end"] = article_period
        figure["scope"] = previous = scope
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
    if start and start == end and len(start) == 10:
        return None  # «9 июля»: the day of something, not a reporting period
    return (start, end) if start else None


def as_day(value: str | date | None) -> str | None:
    return value.isoformat()[:10] if isinstance(value, date) else (value or None)
