"""Watches: alerts on new facts, configured in data/watches.toml (no code to add one).

Three kinds, all over `facts` (each claim once, however many articles restate it):
- `filter`: facts of an indicator, substance, region (a prefix: `KZ` is Kazakhstan and its
  regions), unit and scope, with a value at or above `min` (and at or below `max`);
- `maximum`: a fact larger than every fact stored before it with the same indicator, region,
  unit and scope (a new record; "before" is the order facts were stored in);
- `ytd`: a statistic from 1 January (year to date) that differs from the same period of the
  last year by `pct` percent or more — computed from last year's value when a text states it
  (a baseline), or stated as a change («снизилось на 12,4%»).

A watch fires once per fact: `watch_hits` holds one row per (watch, fact) and is unique on it.
Delivery is **at least once**: a hit is recorded as pending before it is delivered and marked
delivered after. A crash between the two (even SIGKILL) leaves it pending, and the next run
delivers it again, marked as a possible repeat; an alert is never lost. The other choice
(mark first, deliver after) would lose the alert that the crash interrupted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from pipelines.display import format_change, format_value
from pipelines.paths import DATA_DIR

DEFAULT_WATCHES = DATA_DIR / "watches.toml"
KINDS = ("filter", "maximum", "ytd")
KEYS = {
    "name", "kind", "title", "indicator", "substance", "region", "unit", "scope", "min", "max",
    "pct", "direction",
}  # fmt: skip
# Values that are not a claim of their own: last year's value, and parts of a stated change.
_NOT_ALERTS = "f.role not in ('baseline', 'change')"


class WatchError(ValueError):
    pass


@dataclass(frozen=True)
class Watch:
    name: str
    kind: str
    title: str
    indicator: str | None = None
    substance: str | None = None
    region: str | None = None
    unit: str | None = None
    scope: str | None = None
    min: float | None = None
    max: float | None = None
    pct: float | None = None
    direction: str = "any"


@dataclass
class Hit:
    watch: str
    fact_id: int
    value: float | None
    unit: str | None
    qualifier: str | None
    quote: str | None
    region: str | None
    when: str | None  # first publication of the fact
    detail: str
    sources: list[dict] = field(default_factory=list)  # source, url, title, published_at
    repeat: bool = False  # delivered before, by a run that stopped before confirming it

    @property
    def shown_value(self) -> str:
        return format_value(self.value, self.unit, self.qualifier)


def load_watches(path: Path | str | None = None) -> list[Watch]:
    path = Path(path) if path else DEFAULT_WATCHES
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WatchError(f"{path}: {exc}") from None
    watches, seen = [], set()
    unknown = sorted(set(data) - {"watch", "notify"})
    if unknown:
        raise WatchError(f"{path}: unknown key(s) {', '.join(unknown)} (known: watch, notify)")
    for n, entry in enumerate(data.get("watch", []), 1):
        where = f"{path}: watch #{n}"
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            raise WatchError(f"{where}: unknown key(s) {', '.join(unknown)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name or name in seen:
            raise WatchError(f"{where}: needs a unique name")
        seen.add(name)
        kind = entry.get("kind", "filter")
        if kind not in KINDS:
            raise WatchError(f"{where} ({name}): kind must be one of {', '.join(KINDS)}")
        if kind in ("maximum", "ytd") and not entry.get("indicator"):
            raise WatchError(f"{where} ({name}): a {kind} watch needs an indicator")
        if kind == "ytd" and not isinstance(entry.get("pct"), int | float):
            raise WatchError(f"{where} ({name}): a ytd watch needs pct (a number of percent)")
        if entry.get("direction", "any") not in ("any", "up", "down"):
            raise WatchError(f"{where} ({name}): direction is any, up or down")
        for key in ("min", "max", "pct"):
            if key in entry and not isinstance(entry[key], int | float):
                raise WatchError(f"{where} ({name}): {key} must be a number")
        entry = {"kind": kind, "title": entry.get("title") or name, **entry}
        watches.append(Watch(**entry))
    return watches


def load_notify_urls(path: Path | str | None = None) -> list[str]:
    """The apprise URLs of the watches file's top-level `notify` list (none: print only)."""
    path = Path(path) if path else DEFAULT_WATCHES
    if not path.exists():
        return []
    urls = tomllib.loads(path.read_text(encoding="utf-8")).get("notify", [])
    if isinstance(urls, str):
        urls = [urls]
    return [u for u in urls if isinstance(u, str) and u.strip()]


def ensure_watch_schema(db: sqlite_utils.Database) -> None:
    db["watch_hits"].create(
        {
            "id": int, "watch": str, "fact_id": int, "value": float, "unit": str, "detail": str,
            "found_at": str, "delivered_at": str, "deliveries": int,
        },
        pk="id",
        if_not_exists=True,
    )  # fmt: skip
    db["watch_hits"].create_index(["watch", "fact_id"], unique=True, if_not_exists=True)


def _filters(watch: Watch, alias: str = "f") -> tuple[list[str], dict]:
    where, params = [], {}
    for key in ("indicator", "substance", "unit", "scope"):
        if getattr(watch, key):
            where.append(f"{alias}.{key} = :{key}")
            params[key] = getattr(watch, key)
    if watch.region:
        where.append(f"({alias}.region = :region or {alias}.region like :region || '-%')")
        params["region"] = watch.region
    return where, params


def _rows(db: sqlite_utils.Database, sql: str, params: dict) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_FACT_COLUMNS = (
    "f.id, f.value, f.unit, f.qualifier, f.quote, f.region, f.first_published_at,"
    " f.event_day, f.period_start, f.period_end"
)


def _filter_matches(db, watch: Watch) -> list[tuple[dict, str]]:
    where, params = _filters(watch)
    where.append(_NOT_ALERTS)
    if watch.min is not None:
        where.append("f.value >= :min")
        params["min"] = watch.min
    if watch.max is not None:
        where.append("f.value <= :max")
        params["max"] = watch.max
    sql = f"select {_FACT_COLUMNS} from facts f where {' and '.join(where)} order by f.id"
    return [(row, _when_counted(row)) for row in _rows(db, sql, params)]


def _when_counted(row: dict) -> str:
    if row.get("event_day"):
        return f"event of {row['event_day']}"
    if row.get("period_start"):
        return f"period {row['period_start']} – {row['period_end'] or '?'}"
    return "no date stated"


def _maximum_matches(db, watch: Watch) -> list[tuple[dict, str]]:
    where, params = _filters(watch)
    where.append(_NOT_ALERTS)
    same = (
        "p.indicator = f.indicator and p.region is f.region and p.unit is f.unit"
        " and p.scope is f.scope and p.id < f.id and p.role not in ('baseline', 'change')"
    )
    sql = f"""
        select {_FACT_COLUMNS},
               (select max(p.value) from facts p where {same}) as previous
        from facts f where {" and ".join(where)} order by f.id
    """
    out = []
    for row in _rows(db, sql, params):
        previous = row.pop("previous")
        # the first fact of its kind is no record: there was nothing to beat
        if previous is not None and row["value"] is not None and row["value"] > previous:
            was = format_value(previous, row["unit"])
            where_when = f"{row['region'] or '?'}, {_when_counted(row)}"
            out.append((row, f"new maximum for {where_when} (previous {was})"))
    return out


def _ytd_matches(db, watch: Watch) -> list[tuple[dict, str]]:
    where, params = _filters(watch)
    ytd = "f.scope = 'period' and substr(f.period_start, 6) = '01-01'"
    computed = f"""
        select {_FACT_COLUMNS}, b.value as last_year, null as stated
        from facts f join facts b
          on b.indicator = f.indicator and b.region is f.region and b.unit = f.unit
         and b.scope = 'period' and b.id != f.id
         and b.period_start = date(f.period_start, '-1 year')
         and b.period_end = date(f.period_end, '-1 year')
         and coalesce(b.substance, b.object) is coalesce(f.substance, f.object)
        where {ytd} and f.role in ('value', 'total') and b.value > 0 and {" and ".join(where)}
    """
    # a stated change is in percent whatever the unit of the watched value
    stated_where = [w for w in where if not w.startswith("f.unit")]
    stated = f"""
        select {_FACT_COLUMNS}, null as last_year,
               (select g.change from figures g where g.fact_id = f.id and g.change is not null
                 limit 1) as stated
        from facts f
        where {ytd} and f.role = 'change' and f.unit = 'percent'
          {"".join(" and " + w for w in stated_where)}
    """
    out, seen = [], set()
    for row in _rows(db, computed, params) + _rows(db, stated, params):
        if row["id"] in seen:
            continue
        if row["last_year"] is not None:
            pct = (row["value"] - row["last_year"]) * 100.0 / row["last_year"]
            how = f"{format_value(row['last_year'], row['unit'])} a year earlier"
        elif row["stated"] in ("increase", "decrease"):
            pct = row["value"] if row["stated"] == "increase" else -row["value"]
            how = "as stated"
        else:
            continue
        if abs(pct) < watch.pct or (watch.direction == "up" and pct < 0):
            continue
        if watch.direction == "down" and pct > 0:
            continue
        seen.add(row["id"])
        detail = f"year to date (to {row['period_end']}): {format_change(pct)}, {how}"
        out.append((row, detail))
    return out


MATCHERS = {"filter": _filter_matches, "maximum": _maximum_matches, "ytd": _ytd_matches}


def matches(db: sqlite_utils.Database, watch: Watch) -> list[Hit]:
    """Every fact the watch matches now, oldest fact first (what the Atom feed shows)."""
    hits = []
    for row, detail in MATCHERS[watch.kind](db, watch):
        hits.append(
            Hit(
                watch=watch.name,
                fact_id=row["id"],
                value=row["value"],
                unit=row["unit"],
                qualifier=row["qualifier"],
                quote=row["quote"],
                region=row["region"],
                when=row["first_published_at"],
                detail=detail,
                sources=fact_sources(db, row["id"]),
            )
        )
    return hits


def fact_sources(db: sqlite_utils.Database, fact_id: int) -> list[dict]:
    """The articles that state a fact, first published first."""
    return _rows(
        db,
        """select distinct a.source, a.url, a.title, a.published_at from figures g
           join articles a on a.id = g.article_id where g.fact_id = :fact
           order by a.published_at, a.id""",
        {"fact": fact_id},
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def claim_new_hits(db: sqlite_utils.Database, watches: list[Watch]) -> list[Hit]:
    """Record every new hit as pending (one transaction) and return them together with the hits
    an earlier run recorded but never confirmed (marked `repeat`): what is to be delivered."""
    ensure_watch_schema(db)
    by_name = {w.name: w for w in watches}
    pending = {
        (r["watch"], r["fact_id"])
        for r in _rows(db, "select watch, fact_id from watch_hits where delivered_at is null", {})
    }
    known = {
        (r["watch"], r["fact_id"]) for r in _rows(db, "select watch, fact_id from watch_hits", {})
    }
    out = []
    with db.conn:
        for watch in watches:
            for hit in matches(db, watch):
                key = (hit.watch, hit.fact_id)
                if key in pending:
                    hit.repeat = True
                elif key in known:
                    continue
                else:
                    db.execute(
                        "insert or ignore into watch_hits (watch, fact_id, value, unit, detail,"
                        " found_at, deliveries) values (?, ?, ?, ?, ?, ?, 0)",
                        [hit.watch, hit.fact_id, hit.value, hit.unit, hit.detail, _now()],
                    )
                out.append(hit)
    # pending hits of watches since removed from the file are dropped, not delivered
    return [h for h in out if h.watch in by_name]


def confirm_delivered(db: sqlite_utils.Database, hits: list[Hit]) -> None:
    with db.conn:
        for hit in hits:
            db.execute(
                "update watch_hits set delivered_at = ?, deliveries = deliveries + 1"
                " where watch = ? and fact_id = ?",
                [_now(), hit.watch, hit.fact_id],
            )


def run_watches(db: sqlite_utils.Database, watches: list[Watch], deliver) -> list[Hit]:
    """Claim, deliver, confirm. `deliver(hits)` prints or pushes them; if the process dies inside
    or right after it, the hits stay pending and the next run delivers them again."""
    hits = claim_new_hits(db, watches)
    if hits:
        deliver(hits)
        confirm_delivered(db, hits)
    return hits
