"""Sources are data: read and validate the TOML file that lists the sites to crawl.

A bad file is refused as a whole, before anything is fetched, with a message that names
the entry and the key, so that a typo never turns into a silent half-crawl.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.addresses_policy import forbidden_host

# the scheduler's own reading of cron (Sunday = 0 or 7)
from crawler.cron import cron_trigger
from pipelines.paths import DATA_DIR

DEFAULT_SOURCES = DATA_DIR / "sources.toml"
DEFAULT_SCHEDULE = "daily"
SPIDER_KINDS = ("news", "govkz")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
_REGION_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


@functools.cache
def _re2():
    """google-re2 and its options, imported on first use: 15 ms of the start of every command,
    `newsmon extract` included, where only the sources' URL patterns need it."""
    import re2

    options = re2.Options()
    options.log_errors = False  # a refused pattern is reported by validation, not on stderr
    return re2, options


@functools.lru_cache(maxsize=256)
def url_pattern(pattern: str):
    """`article` and `follow` compiled with RE2: matching takes time linear in the URL's length
    whatever the pattern (Python's re backtracks: `(a+)+$` against a long URL runs for hours).
    Raises re2.error for a pattern that needs backtracking (backreferences, lookaround)."""
    re2, options = _re2()
    return re2.compile(pattern, options)


class SourceError(ValueError):
    """The sources file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    article: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    follow: str | None = None
    spider: str = "news"
    api: str | None = None
    lang: str = "ru"
    timezone: str | None = None
    schedule: str = DEFAULT_SCHEDULE
    region: str | None = None
    allowed_domains: tuple[str, ...] = field(default=())

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def article_re(self):
        return url_pattern(self.article)

    @property
    def follow_re(self):
        return url_pattern(self.follow) if self.follow else None

    def is_article(self, url: str) -> bool:
        """`article` is searched anywhere in the canonical URL (re.search), as Scrapy's
        LinkExtractor(allow=...) and sitemap_rules do; an anchored ^...$ pattern reads the same."""
        return self.article_re.search(url) is not None

    def is_followed(self, url: str) -> bool:
        """`follow` is searched the same way; no `follow` follows nothing."""
        follow = self.follow_re
        return follow is not None and follow.search(url) is not None

    def start_urls(self) -> list[str]:
        return [*self.feeds, *self.sitemaps, *self.listings]


# key -> (expected type, description used in messages)
_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "name": (str, "a short identifier: lower-case letters, digits and _"),
    "url": (str, "the home page, http(s)://host/"),
    "article": (str, "a regular expression found in article URLs"),
    "feeds": (list, "a list of RSS/Atom URLs"),
    "sitemaps": (list, "a list of sitemap or sitemap index URLs"),
    "listings": (list, "a list of listing page URLs"),
    "follow": (str, "a regular expression found in listing pages to follow"),
    "spider": (str, f"one of {', '.join(SPIDER_KINDS)}"),
    "api": (str, "the URL of the site's JSON news API"),
    "lang": (str, "an ISO 639-1 language code"),
    "timezone": (str, "an IANA time zone such as Asia/Almaty"),
    "schedule": (str, "'daily', 'hourly' or a five-field cron expression"),
    "region": (str, "an ISO 3166 code such as KZ or RU-KEM"),
    "allowed_domains": (list, "extra host names the crawl may visit"),
}
_REQUIRED = ("name", "url", "article")


def _fail(entry: str, key: str | None, message: str) -> SourceError:
    where = f"source {entry}" + (f", key '{key}'" if key else "")
    return SourceError(f"{where}: {message}")


def _check_url(entry: str, key: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(entry, key, f"{value!r} is not an http(s) URL")


def _check_regex(entry: str, key: str, value: str) -> None:
    try:
        re.compile(value)
    except re.error as exc:
        raise _fail(entry, key, f"{value!r} is not a valid regular expression ({exc})") from None
    try:
        url_pattern(value)
    except _re2()[0].error as exc:
        detail = exc.args[0].decode() if isinstance(exc.args[0], bytes) else str(exc)
        raise _fail(
            entry,
            key,
            f"{value!r} needs a backtracking feature ({detail}): a URL could make it run "
            "for hours. Patterns run with RE2 in linear time, which has no backreferences "
            "or lookaround; write it without them",
        ) from None


def _check_host(entry: str, key: str, url: str) -> None:
    problem = forbidden_host(urlsplit(url).hostname or "")
    if problem:
        raise _fail(entry, key, f"{url!r}: {problem}; never fetched, whatever the source")


def _check_schedule(entry: str, value: str) -> None:
    if value in ("daily", "hourly"):
        return
    try:
        cron_trigger(value)
    except ValueError as exc:
        raise _fail(entry, "schedule", f"{value!r} is not a cron expression ({exc})") from None


def parse_source(raw: dict, position: int) -> Source:
    """Validate one `[[source]]` table; `position` (1-based) names it when it has no name."""
    entry = repr(raw["name"]) if isinstance(raw.get("name"), str) else f"#{position}"
    unknown = sorted(set(raw) - set(_KEYS))
    if unknown:
        raise _fail(entry, unknown[0], f"unknown key (known keys: {', '.join(_KEYS)})")
    for key in _REQUIRED:
        if key not in raw:
            raise _fail(entry, key, "is required")
    for key, value in raw.items():
        expected, description = _KEYS[key]
        if not isinstance(value, expected):
            raise _fail(entry, key, f"must be {description}, got {value!r}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise _fail(entry, key, f"must be {description}, got {value!r}")

    if not _NAME_RE.match(raw["name"]):
        raise _fail(entry, "name", f"must be {_KEYS['name'][1]}, got {raw['name']!r}")
    _check_url(entry, "url", raw["url"])
    _check_host(entry, "url", raw["url"])
    for key in ("feeds", "sitemaps", "listings"):
        for url in raw.get(key, []):
            _check_url(entry, key, url)
            _check_host(entry, key, url)
    if "api" in raw:
        _check_url(entry, "api", raw["api"])
        _check_host(entry, "api", raw["api"])
    for host in raw.get("allowed_domains", []):
        _check_host(entry, "allowed_domains", f"http://{host}/")
    for key in ("article", "follow"):
        if key in raw:
            _check_regex(entry, key, raw[key])
    spider = raw.get("spider", "news")
    if spider not in SPIDER_KINDS:
        raise _fail(entry, "spider", f"must be {_KEYS['spider'][1]}, got {spider!r}")
    if spider == "govkz" and "api" not in raw:
        raise _fail(entry, "api", "is required by the govkz spider")
    if spider == "news" and not (raw.get("feeds") or raw.get("sitemaps") or raw.get("listings")):
        raise _fail(entry, "feeds", "give at least one of feeds, sitemaps or listings")
    if "timezone" in raw:
        try:
            ZoneInfo(raw["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise _fail(entry, "timezone", f"unknown time zone {raw['timezone']!r}") from None
    if "region" in raw and not _REGION_RE.match(raw["region"]):
        raise _fail(entry, "region", f"must be {_KEYS['region'][1]}, got {raw['region']!r}")
    if "schedule" in raw:
        _check_schedule(entry, raw["schedule"])

    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return Source(**values)


def pattern_report(source: Source, repeat: int = 200) -> str:
    """What `newsmon sources` says about a source's configuration beyond "valid": the pattern
    engine, its measured cost per URL (on the source's own URLs and a long hostile one), and
    that no host is link-local or a metadata endpoint (validation refused those)."""
    import time

    urls = [source.url, *source.start_urls(), source.url + "a" * 2000 + "!"]
    patterns = [p for p in (source.article_re, source.follow_re) if p is not None]
    started = time.perf_counter()
    for _ in range(repeat):
        for pattern in patterns:
            for url in urls:
                pattern.search(url)
    cost = (time.perf_counter() - started) / (repeat * len(urls)) * 1e6
    return (
        f"patterns RE2 (linear time), {cost:.1f} µs per URL; hosts: no link-local or metadata host"
    )


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read every source of a TOML file; raise SourceError on the first problem."""
    path = Path(path) if path else DEFAULT_SOURCES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{path}: no such sources file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourceError(f"{path}: unknown top-level key '{unknown[0]}' (expected [[source]])")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path}: no [[source]] entries")
    sources = [parse_source(raw, i) for i, raw in enumerate(entries, 1)]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourceError(f"{path}: source '{source.name}' is defined twice")
        seen.add(source.name)
    return sources


def get_source(name: str, path: str | Path | None = None) -> Source:
    for source in load_sources(path):
        if source.name == name:
            return source
    raise SourceError(f"no source named {name!r} in {path or DEFAULT_SOURCES}")
