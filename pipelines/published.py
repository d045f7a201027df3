"""Publication dates: find the date a page states and write it as ISO 8601.

The forms returned everywhere in this module:

* ``"2014-06-05T14:30:00+06:00"`` when the page gives a time. An offset the page writes is kept
  as written, except a UTC stamp ("Z", "+00:00"), which is shown on the site's clock when the
  ``timezone`` is known; an offset the page omits is taken from that ``timezone`` for that date
  (zoneinfo knows that Asia/Almaty was +06:00 in 2014 and is +05:00 since March 2024).
  Without a ``timezone`` such a time stays naive (``"2014-06-05T14:30:00"``) rather than
  getting an invented offset.
* ``"2014-06-05"`` when only the day is known.
* ``None`` when nothing trustworthy is found.

Russian dotted dates are always day-first. Relative dates ("вчера, 14:30") and dates without a
year ("6 августа") are resolved against ``now`` (the fetch time); without ``now`` they are not
guessed, so re-extracting an old page never dates it by the machine's clock.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as clock_time
from datetime import timezone as fixed_offset
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml.html import HtmlElement

from pipelines.month_names import MONTH_PATTERN, month_number

__all__ = [
    "date_from_url",
    "find_structured_date",
    "parse_machine_datetime",
    "parse_russian_datetime",
    "site_zone",
]

_TIME = (
    r"(?<![\d:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?!\d)"
    r"(?:\s?(?P<meridiem>[ap])\.?m\b\.?)?"  # "11:25 PM", "9:05 a.m."
)
# what may stand between a date and its time: "05.06.2014, 14:30", "вчера в 16:19", "2025 | 14:30"
_GLUE = r"\s*(?:[,|/·•–—-]\s*)?(?:(?:в|о|об|at|à|alle|um|às|a\s+las)\s+)?"
_TIME_AFTER = re.compile(_GLUE + _TIME, re.IGNORECASE)
_TIME_BEFORE = re.compile(_TIME + r"\s*(?:[,|/·•–—-]\s*)?$", re.IGNORECASE)
_TIME_ANYWHERE = re.compile(_TIME, re.IGNORECASE)

# English month names: bylines of foreign pages ("13 Jan 2020", "Oct 02, 2020")
_ENGLISH_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ISO = (
    r"(?<!\d)(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)"
    r"(?:[T ](?P<iso_hour>[0-2]\d):(?P<iso_minute>[0-5]\d)"
    r"(?::(?P<iso_second>[0-5]?\d)(?:[.,]\d+)?)?"  # "23:15:0Z" is written too
    r"\s*(?P<iso_offset>Z|[+-][01]\d(?::?[0-5]\d)?)?)?(?![\d-])"
)
_DOTTED = (
    r"(?<![\d.])(?P<dot_day>[0-3]?\d)\.(?P<dot_month>[01]?\d)\.(?P<dot_year>(?:19|20)\d\d)(?!\d)"
)
# "6 августа 2025 г.", "6 серпня 2025", "1er août 2020", "6 de agosto de 2020", "6. August 2020"
_WORDS = (
    r"(?<!\d)(?P<word_day>[0-3]?\d)(?:er|\.)?\s+(?:de\s+)?" + MONTH_PATTERN + r"(?:\s*,?\s*"
    r"(?:de\s+)?(?P<word_year>(?:19|20)\d\d)(?!\d)(?:\s*(?:года|року|р\.|г\.|г(?![а-яё])))?)?"
)
_MONTH_FIRST = (  # "Oct 02, 2020", "January 13, 2020": English order, always with its year
    r"(?<![a-z])(?P<en_month>" + _ENGLISH_MONTH + r")\.?\s+(?P<en_day>[0-3]?\d)(?!\d),?\s+"
    r"(?P<en_year>(?:19|20)\d\d)(?!\d)"
)
_RELATIVE = (
    r"(?<![^\W\d_])(?P<relative>позавчера|вчера|сегодня|позавчора|вчора|сьогодні|yesterday|today)"
    r"(?![^\W\d_])"
)
# "2 часа назад", "15 минут назад", "3 дня назад", "2 години тому", "5 hours ago"
_AGO = (
    r"(?<!\d)(?P<ago_count>\d{1,2})\s*(?P<ago_unit>мин|хв|min|час|ч\b|годин|hour|hr|дн|день|day)"
    r"[^\W\d_]*\.?\s+(?:назад|тому|ago)(?![^\W\d_])"
)
# "03/12/2020": day first, except on American pages (``month_first``); a part over 12 decides
_SLASHED = (
    r"(?<![\d/])(?P<slash_first>[0-3]?\d)/(?P<slash_second>[0-3]?\d)/(?P<slash_year>(?:19|20)\d\d)"
    r"(?![\d/])"
)
# year first is always year, month, day: "2020.01.21", "2020/01/21", "2020. 1. 21.", "2020年1月21日"
_YEAR_FIRST = (
    r"(?<![\d.])(?P<yf_year>(?:19|20)\d\d)\s?[./年]\s?(?P<yf_month>[01]?\d)\s?[./月]\s?"
    r"(?P<yf_day>[0-3]?\d)(?![\d/])(?:日|\.(?!\d))?"
)
_DATE = re.compile(
    "|".join((_ISO, _DOTTED, _SLASHED, _YEAR_FIRST, _WORDS, _MONTH_FIRST, _RELATIVE, _AGO)),
    re.IGNORECASE,
)
_DAYS_BACK = {"сегодня": 0, "вчера": 1, "позавчера": 2, "сьогодні": 0, "вчора": 1}
_DAYS_BACK |= {"позавчора": 2, "today": 0, "yesterday": 1}
_AGO_UNIT = {"мин": 60, "хв": 60, "min": 60, "час": 3600, "ч": 3600, "годин": 3600, "hour": 3600}
_AGO_UNIT |= {"hr": 3600, "дн": 86400, "день": 86400, "day": 86400}

_JS_DATE = re.compile(
    r"^\s*[A-Za-z]{3} ([A-Za-z]{3}) (\d\d?) (\d{4}) (\d\d:\d\d:\d\d) GMT([+-]\d{4})\b.*$", re.DOTALL
)
_ISO_ONLY = re.compile(r"\s*" + _ISO + r"\s*$")
_EPOCH = re.compile(r"\s*(\d{10})(\d{3})?\s*$")
_EARLIEST_YEAR = 1990  # older "publication" dates on news pages are birthdays and history


def site_zone(timezone: str | None) -> ZoneInfo | None:
    """The zoneinfo of an IANA name; an unknown name is a configuration error, not a page error."""
    if not timezone:
        return None
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown timezone {timezone!r}") from error


def _render(day: date, clock: clock_time | None, offset: tzinfo | None, zone: tzinfo | None) -> str:
    """ISO text: the page's own offset when it wrote one, else the site zone's offset that day."""
    if clock is None:
        return day.isoformat()
    moment = datetime.combine(day, clock.replace(microsecond=0))
    if offset is not None:
        moment = moment.replace(tzinfo=offset)
        if zone is not None and moment.utcoffset() == timedelta(0):
            # "Z" / +00:00 is a server's UTC stamp, not the newsroom's clock: same instant,
            # shown on the site's clock so that its day is the site's day
            moment = moment.astimezone(zone)
        return moment.isoformat()
    if zone is not None:
        return moment.replace(tzinfo=zone).isoformat()
    return moment.isoformat()


def _local_now(now: datetime | None, zone: tzinfo | None) -> datetime | None:
    if now is None or zone is None:
        return now
    if now.tzinfo is None:
        # a naive fetch time is read as the site's wall clock, like the page's own dates
        return now.replace(tzinfo=zone)
    return now.astimezone(zone)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return fixed_offset(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def _clock(match: re.Match[str] | None) -> clock_time | None:
    if match is None:
        return None
    hour = int(match["hour"])
    if match["meridiem"] and hour <= 12:
        hour = hour % 12 + (12 if match["meridiem"].lower() == "p" else 0)
    return clock_time(hour, int(match["minute"]), int(match["second"] or 0))


def _year_for(month: int, day: int, local_now: datetime) -> date:
    """A day shown without its year is the latest such day not after tomorrow."""
    candidate = date(local_now.year, month, day)
    if candidate > local_now.date() + timedelta(days=1):
        candidate = date(local_now.year - 1, month, day)
    return candidate


def _slashed_day(match: re.Match[str], month_first: bool) -> date:
    first, second = int(match["slash_first"]), int(match["slash_second"])
    if second > 12 or (month_first and first <= 12):
        first, second = second, first
    return date(int(match["slash_year"]), second, first)


def _match_value(
    match: re.Match[str],
    text: str,
    zone: tzinfo | None,
    local_now: datetime | None,
    month_first: bool = False,
) -> str | None:
    """The ISO form of one date expression found in ``text``, or None when it cannot be dated."""
    offset = None
    if match["iso_year"]:
        day = date(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        clock = None
        if match["iso_hour"]:
            clock = clock_time(
                int(match["iso_hour"]), int(match["iso_minute"]), int(match["iso_second"] or 0)
            )
            offset = _offset(match["iso_offset"])
        return _render(day, clock, offset, zone) if day.year >= _EARLIEST_YEAR else None
    if match["dot_year"]:
        day = date(int(match["dot_year"]), int(match["dot_month"]), int(match["dot_day"]))
    elif match["slash_year"]:
        day = _slashed_day(match, month_first)
    elif match["yf_year"]:
        day = date(int(match["yf_year"]), int(match["yf_month"]), int(match["yf_day"]))
    elif match["en_month"]:
        month = month_number(match["en_month"])
        day = date(int(match["en_year"]), month, int(match["en_day"]))
    elif match["month_name"]:
        month = month_number(match["month_name"])
        if match["word_year"]:
            day = date(int(match["word_year"]), month, int(match["word_day"]))
        elif local_now is not None:
            day = _year_for(month, int(match["word_day"]), local_now)
        else:
            return None
    elif match["ago_count"]:
        if local_now is None:
            return None
        # only the day: "2 часа назад" is no exact time, and a bare day takes the exact time of
        # a feed or structured stamp on that day
        seconds = int(match["ago_count"]) * _AGO_UNIT[match["ago_unit"].lower()]
        return (local_now - timedelta(seconds=seconds)).date().isoformat()
    else:
        if local_now is None:
            return None
        day = local_now.date() - timedelta(days=_DAYS_BACK[match["relative"].lower()])
    if day.year < _EARLIEST_YEAR:
        return None
    clock = _clock(_TIME_AFTER.match(text, match.end())) or _clock(
        _TIME_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
    )
    return _render(day, clock, None, zone)


def parse_russian_datetime(
    text: str,
    *,
    timezone: str | None = None,
    now: datetime | None = None,
    month_first: bool = False,
) -> str | None:
    """Read the first date in a short Russian text, as a listing or an article header shows it.

    Understands "05.06.2014", "14:30 05.06.2014", "05.06.2014, 14:30", "6 августа 2025",
    "6 августа 2025 г., 14:30", "6 авг. 14:30" (year from ``now``), "вчера, 14:30",
    "сегодня 09:15", "Сегодня, 11:02" (relative to ``now`` in the site's ``timezone``) and ISO
    8601. Dotted dates are day-first; slashed ones too unless ``month_first`` (American pages)
    or a part over 12 says otherwise. Returns the forms described in the module docstring.
    """
    if not text:
        return None
    zone = site_zone(timezone)
    local_now = _local_now(now, zone)
    for match in _DATE.finditer(text):
        try:
            value = _match_value(match, text, zone, local_now, month_first)
        except ValueError:  # 31.02.2014 and friends: look further
            continue
        if value is not None:
            return value
    return None


def parse_machine_datetime(value: str, *, timezone: str | None = None) -> str | None:
    """Read a machine-written date (meta tag, JSON-LD, ``<time datetime>``).

    ISO 8601 in its many spellings, Unix seconds, RFC 2822, and as a last resort the Russian
    forms (some sites put "19.10.2020 09:34" into meta tags). Offsets are treated as described
    in the module docstring.
    """
    if not value or not isinstance(value, str):
        return None
    zone = site_zone(timezone)
    if _ISO_ONLY.match(value):
        return parse_russian_datetime(value, timezone=timezone)
    epoch = _EPOCH.match(value)
    if epoch:
        # Unix time carries no offset of its own: show it on the site's clock when known
        moment = datetime.fromtimestamp(int(epoch[1]), zone or UTC)
        if moment.year < _EARLIEST_YEAR:
            return None
        return moment.isoformat()
    # JavaScript's Date string: "Tue Aug 25 2020 00:23:33 GMT+0000 (Coordinated Universal Time)"
    value = _JS_DATE.sub(r"\2 \1 \3 \4 \5", value)
    if re.search(r"[A-Za-z]{3},? \d", value):
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None and moment.year >= _EARLIEST_YEAR:
            return _render(moment.date(), moment.time(), moment.tzinfo, zone)
    return parse_russian_datetime(value, timezone=timezone)


# --- structured evidence: JSON-LD, then meta tags, then microdata --------------------------------

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "report",
    "liveblogposting",
    "opinionnewsarticle",
}
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# in order of trust; all compared lower-case against property / name / itemprop
_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "date_published",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "mediator_published_time",
    "date",
)
_META_RANK = {name: rank for rank, name in enumerate(_META_NAMES)}


def _jsonld_objects(node: object) -> Iterator[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_objects(item)
    elif isinstance(node, dict):
        yield node
        # not itemListElement: the items of a list are other pages, with their own dates
        for key in ("@graph", "mainEntity"):
            if key in node:
                yield from _jsonld_objects(node[key])


def _jsonld_published(tree: HtmlElement) -> list[str]:
    """datePublished values, those of article types first."""
    articles: list[str] = []
    others: list[str] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        text = (script.text or "").strip()
        if "datePublished" not in text:
            continue
        try:
            objects = list(_jsonld_objects(json.loads(text, strict=False)))
        except (ValueError, RecursionError):
            # broken JSON is common (trailing commas, raw newlines): take the value as written
            others.extend(_JSONLD_DATE.findall(text))
            continue
        for obj in objects:
            published = obj.get("datePublished")
            if not isinstance(published, str):
                continue
            kinds = obj.get("@type", "")
            kinds = [kinds] if isinstance(kinds, str) else kinds
            is_article = any(str(kind).lower() in _ARTICLE_TYPES for kind in kinds)
            (articles if is_article else others).append(published)
    return articles + others


def _meta_published(tree: HtmlElement) -> Iterator[str]:
    """Meta tag values in order of trust, then microdata; lazily, as the first good one wins
    and the microdata search walks the whole page."""
    found: list[tuple[int, str]] = []
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        rank = _META_RANK.get(key.strip().lower())
        content = meta.get("content")
        if rank is not None and content:
            found.append((rank, content))
    found.sort(key=lambda pair: pair[0])  # stable: document order within a rank
    yield from (content for _, content in found)
    # microdata and HTML5 pubdate on visible elements are markup meant for machines, too
    for element in tree.xpath('.//*[@itemprop="datePublished"][not(self::meta)]|.//time[@pubdate]'):
        value = element.get("content") or element.get("datetime") or element.text_content()
        if value:
            yield value


def find_structured_date(
    tree: HtmlElement, *, timezone: str | None = None
) -> tuple[str | None, str | None]:
    """(value, source) from JSON-LD ("jsonld") or meta tags / microdata ("meta"), else Nones."""
    for source, find_values in (("jsonld", _jsonld_published), ("meta", _meta_published)):
        for value in find_values(tree):
            parsed = parse_machine_datetime(value, timezone=timezone)
            if parsed:
                return parsed, source
    return None, None


# --- the URL: /2020/02/18/, 2020-02-18 or /20200218/ in the path -------------------------------

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)"
)
# a compact day is a whole piece of the path ("/news/20200316/", "-20200817-story"), not a
# stretch of digits of some id
_URL_COMPACT_DATE = re.compile(
    r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def date_from_url(url: str | None) -> str | None:
    """The day written in a URL path, which news sites rarely get wrong."""
    if not url:
        return None
    match = _URL_DATE.search(url) or _URL_COMPACT_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day.isoformat() if day.year >= _EARLIEST_YEAR else None
