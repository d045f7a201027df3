"""The publication date of a page from all its evidence, and the evidence when it disagrees.

Evidence, in order of trust: JSON-LD, meta tags / microdata, the date printed next to the
headline (pipelines/visible_date.py), the feed's pubDate, the URL's day, htmldate's search, and
last a sitemap's lastmod (a modification time, never preferred to what the page says).

Two refinements of the first piece found:

* a day without its time takes the time of a stamp from the other evidence on that same day
  (a feed's pubDate, a sitemap lastmod, a structured stamp), so the instant is kept;
* a UTC stamp ("Z") on a page whose site zone is unknown does not say its local day. The page's
  own clock decides when other stamps on it agree on one UTC offset; else, when two other pieces
  of evidence agree on the day before or after, that day is taken (as a bare day).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import timezone as fixed_offset

from htmldate import find_date
from lxml.html import HtmlElement

from pipelines.published import (
    _jsonld_published,
    _meta_published,
    date_from_url,
    parse_machine_datetime,
    site_zone,
)
from pipelines.visible_date import find_visible_date

__all__ = ["evidence_json", "find_published"]

# stamps with a written, non-zero offset: "2020-05-01T22:54:00-04:00", "Fri, 01 May 2020 … -0400"
_PAGE_OFFSET = re.compile(
    r"(?:T\d\d:\d\d(?::\d\d)?(?:\.\d+)?|\d\d:\d\d:\d\d) ?([+-]\d\d):?(\d\d)\b"
)


def _first_parsed(values, timezone: str | None) -> str | None:
    for value in values:
        parsed = parse_machine_datetime(value, timezone=timezone)
        if parsed:
            return parsed
    return None


def _has_time(value: str) -> bool:
    return len(value) > 10


def _is_utc(value: str) -> bool:
    return value.endswith("+00:00")


def _page_offset(html: str | None) -> fixed_offset | None:
    """The one non-zero UTC offset the page's stamps are written in, if at least two agree and
    none differs."""
    if not html:
        return None
    offsets = Counter(
        (hours, minutes)
        for hours, minutes in _PAGE_OFFSET.findall(html)
        if hours not in ("+00", "-00")
    )
    if len(offsets) != 1:
        return None
    (hours, minutes), seen = offsets.most_common(1)[0]
    if seen < 2:
        return None
    delta = timedelta(hours=abs(int(hours)), minutes=int(minutes))
    return fixed_offset(-delta if hours.startswith("-") else delta)


def _next_to(day_text: str, moment: datetime) -> bool:
    """The day before or after a UTC moment, plausible for its hour: local clocks run from
    UTC-10 (Hawaii) to UTC+14."""
    day, utc_day = datetime.fromisoformat(day_text[:10]).date(), moment.date()
    before = day == utc_day - timedelta(days=1) and moment.hour < 10
    after = day == utc_day + timedelta(days=1) and moment.hour >= 10
    return before or after


def _shown_locally(moment: datetime, shown: str) -> str:
    """A UTC moment on the clock of the date printed next to the headline: with that offset when
    the shown time is the same instant on a whole quarter-hour offset (or states its offset),
    else the shown day."""
    if not _has_time(shown):
        return shown
    local = datetime.fromisoformat(shown)
    if local.tzinfo is not None:
        return moment.astimezone(local.tzinfo).isoformat()
    difference = local - moment.replace(tzinfo=None)
    quarters, rest = divmod(difference, timedelta(minutes=15))
    if not rest and -40 <= quarters <= 56:
        return moment.astimezone(fixed_offset(difference)).isoformat()
    return shown[:10]


def _local_day_of_utc(chosen: str, evidence: dict[str, str], html: str | None) -> str:
    """A UTC stamp with no site zone: shown on the page's own clock; else the day printed next
    to the headline or in the URL, or the day two other pieces of evidence agree on, when it is
    the day before or after (plausible for that hour)."""
    moment = datetime.fromisoformat(chosen)
    offset = _page_offset(html)
    if offset is not None:
        return moment.astimezone(offset).isoformat()
    for local in ("visible", "url"):  # what the newsroom printed, on its own clock
        shown = evidence.get(local)
        if shown and _next_to(shown, moment):
            return _shown_locally(moment, shown)
    days = Counter(value[:10] for value in evidence.values() if value != chosen)
    utc_day = moment.date()
    for day_text, votes in days.most_common():
        if votes < 2 or votes <= days[utc_day.isoformat()]:
            break
        if _next_to(day_text, moment):
            return day_text
    return chosen


def _with_time(chosen: str, evidence: dict[str, str]) -> tuple[str, str | None]:
    """A bare day takes the time of another stamp on that day (structured, feed, sitemap)."""
    for name in ("jsonld", "meta", "feed", "sitemap", "visible"):
        value = evidence.get(name)
        if value and _has_time(value) and value[:10] == chosen:
            return value, name
    return chosen, None


def find_published(
    tree: HtmlElement,
    url: str | None = None,
    *,
    timezone: str | None = None,
    fetched_at: datetime | None = None,
    title: str | None = None,
    html: str | None = None,
    listed: dict[str, str] | None = None,
) -> tuple[str | None, str | None, dict[str, str]]:
    """(published_at, source, evidence). Sources: "jsonld", "meta", "visible", "feed", "url",
    "htmldate", "sitemap"; (None, None, {}) when nothing says. ``listed`` holds the stamps the
    crawl saw for this URL ({"feed": pubDate, "sitemap": lastmod}, as written there);
    ``evidence`` every piece found, in the forms of pipelines.published."""
    zone = site_zone(timezone)
    evidence: dict[str, str] = {}
    for name, value in (
        ("jsonld", _first_parsed(_jsonld_published(tree), timezone)),
        ("meta", _first_parsed(_meta_published(tree), timezone)),
        ("visible", find_visible_date(tree, timezone=timezone, now=fetched_at, title=title)),
        *(
            (kind, parse_machine_datetime(stamp, timezone=timezone))
            for kind, stamp in (listed or {}).items()
            if kind in ("feed", "sitemap") and stamp
        ),
        ("url", date_from_url(url)),
    ):
        if value:
            evidence[name] = value
    chosen = next(
        (name for name in ("jsonld", "meta", "visible", "feed", "url") if name in evidence), None
    )
    utc_unsure = chosen is not None and zone is None and _is_utc(evidence[chosen])
    if chosen is None or utc_unsure:
        # htmldate's extensive search is the costliest step: only for a missing or unsure date
        guessed = find_date(html or tree, url=url, original_date=True, extensive_search=True)
        # htmldate turns a bare year ("© 2016") into 1 January: a year is no publication day
        if guessed and not guessed.endswith("-01-01"):
            evidence["htmldate"] = guessed
    if chosen is None:
        chosen = next((name for name in ("htmldate", "sitemap") if name in evidence), None)
    if chosen is None:
        return None, None, evidence
    value, source = evidence[chosen], chosen
    if utc_unsure:
        value = _local_day_of_utc(value, evidence, html)
    elif not _has_time(value):
        value, refined = _with_time(value, evidence)
        source = refined or source
    return value, source, evidence


def evidence_json(value: str | None, evidence: dict[str, str]) -> str | None:
    """The evidence as JSON when its pieces disagree on the day (or on the instant, for the
    stamps that have one); None when they all say the same."""
    if value is None or len(evidence) < 2:
        return None
    days = {stamp[:10] for stamp in evidence.values()}
    instants = set()
    for stamp in evidence.values():
        if _has_time(stamp):
            moment = datetime.fromisoformat(stamp)
            instants.add(moment if moment.tzinfo is None else moment.astimezone(UTC))
    if len(days) == 1 and len(instants) <= 1:
        return None
    return json.dumps({"published_at": value, **evidence}, ensure_ascii=False)
