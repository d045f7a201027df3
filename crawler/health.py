"""Health of each source: the `newsmon status` table over the `crawl_health` view.

The view and the run counters it reads are storage, defined in pipelines/health_schema.py
(the alarms are described there).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

from crawler.due import CLOCK_TOLERANCE
from pipelines.health_schema import VIEW


def health_rows(db: sqlite_utils.Database, names: list[str] | None = None) -> list[dict]:
    rows = list(db.query(f"select * from {VIEW}"))
    if names:
        rows = [r for r in rows if r["source"] in names]
    for row in rows:
        clock_alarm(row)
    return rows


def clock_alarm(row: dict, now: datetime | None = None) -> None:
    """A last run stamped in the future means the clock was wrong when it ran (or is now): an
    alarm, since every time-based rule (due, gaps, sitemap cut-off) reads those stamps."""
    now = now or datetime.now(UTC)
    stamp = row.get("last_run_at")
    if not stamp:
        return
    moment = datetime.fromisoformat(stamp)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > now + CLOCK_TOLERANCE:
        alarm = (
            f"clock: last run stamped {_when(stamp)} UTC, in the future (now "
            f"{now:%Y-%m-%d %H:%M}); check the machine's clock (timedatectl)"
        )
        row["alarms"] = "; ".join(filter(None, [row.get("alarms"), alarm]))
        row["alarm_count"] = (row.get("alarm_count") or 0) + 1


def _when(value: str | None) -> str:
    """'2025-08-01T10:00:00+00:00' -> '2025-08-01 10:00' (all times in the table are UTC)."""
    return value[:16].replace("T", " ") if value else "-"


def _count(value) -> str:
    return "-" if value is None else str(value)


def status_table(rows: list[dict], schedule=(), names: list[str] | None = None) -> str:
    """The `newsmon status` table: one line per source, alarms in the last column.

    `schedule` (crawler.due.plan) adds when each source is next due and the configured sources
    that were never crawled."""
    due = {d.source: d for d in schedule}
    header = [
        "source",
        "last run",
        "status",
        "last ok",
        "last new article",
        "articles",
        "pages",
        "new",
        "errors",
        "no body",
        "no date",
        "next",
        "alarms",
    ]
    table = [header]

    def next_of(name: str) -> str:
        d = due.get(name)
        if d is None:
            return "-"
        return "due" if d.due else _when(d.next_time.astimezone(UTC).isoformat())

    for r in rows:
        status = r["last_status"] or "-"
        if r["running"]:
            status += " (running)" if r["last_status"] else "running"
        items = r["last_items"]
        table.append(
            [
                r["source"],
                _when(r["last_run_at"]),
                status,
                _when(r["last_ok_at"]),
                _when(r["last_new_article_at"]),
                _count(r["articles"]),
                _count(r["last_pages"]),
                _count(r["last_new"]),
                _count(r["last_errors"]),
                f"{r['last_empty']}/{items}" if items else "-",
                f"{r['last_undated']}/{items}" if items else "-",
                next_of(r["source"]),
                r["alarms"] or "-",
            ]
        )
    seen = {r["source"] for r in rows}
    for d in schedule:
        if d.source not in seen and (not names or d.source in names):
            table.append([d.source, "-", "never crawled", *["-"] * 8, next_of(d.source), "-"])
    widths = [max(len(line[i]) for line in table) for i in range(len(header) - 1)]
    lines = []
    for line in table:
        cells = [c.ljust(w) for c, w in zip(line[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, line[-1]]).rstrip())
    lines.insert(1, "  ".join(["-" * w for w in widths] + ["-" * 6]))
    alarmed = [r for r in rows if r["alarm_count"]]
    total = sum(r["alarm_count"] for r in alarmed)
    lines.append("")
    lines.append(f"{total} alarm(s) on {len(alarmed)} source(s)" if alarmed else "no alarms")
    lines.append(
        "times are UTC; 'pages', 'new', 'errors': the last run; 'no body', 'no date': "
        "the last run that stored articles"
    )
    return "\n".join(lines)


def run_warnings(runs: list[dict], sources) -> list[str]:
    """Lines for the end of a crawl's summary when a source's patterns look wrong: links found
    but none matched `article` (also a `newsmon status` alarm), or links that look like
    pagination while `follow` matched none. Quiet runs are never silent about it."""
    by_name = {s.name: s for s in sources}
    lines = []
    for run in runs:
        name, source = run["source"], by_name.get(run["source"])
        links = run.get("links") or 0
        if links and not run.get("article_links"):
            pattern = f" article = '{source.article}'" if source else " `article`"
            lines.append(
                f"warning: {name}: {links} link(s) from feeds, sitemaps and listings, none "
                f"matched{pattern}; see what it matches: newsmon sources --check {name}"
            )
        unfollowed = run.get("unfollowed_pages") or 0
        if unfollowed and not run.get("followed_pages"):
            follow = source.follow if source else None
            matched = f"follow = '{follow}' matched none" if follow else "no `follow` is set"
            lines.append(
                f"warning: {name}: {unfollowed} listing link(s) look like further pages, but "
                f"{matched}; see them: newsmon sources --check {name}"
            )
    return lines
