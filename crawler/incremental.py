"""What a crawl already has: incremental runs skip stored articles, re-crawls revalidate them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlite_utils


@dataclass(frozen=True)
class Known:
    etag: str | None
    last_modified: str | None
    published_day: str | None


class ArticleIndex:
    """The URLs (canonical and aliases) a source has stored, loaded once when a crawl opens."""

    def __init__(self, db: sqlite_utils.Database, source: str):
        self._known: dict[str, Known] = {}
        rows = db.execute(
            "select a.url, a.etag, a.last_modified, a.published_day, u.url "
            "from articles a left join url_aliases u on u.article_id = a.id where a.source = ?",
            [source],
        )
        for url, etag, last_modified, day, alias in rows:
            known = Known(etag, last_modified, day)
            self._known[url] = known
            if alias:
                self._known[alias] = known
        # A run stamped later than now was recorded under a wrong clock: no cut-off from it
        # (the sitemap lastmod cut-off is never later than now).
        now = datetime.now(UTC).isoformat(timespec="seconds")
        row = db.execute(
            "select max(started_at) from crawl_runs "
            "where source = ? and status = 'ok' and errors = 0 and started_at <= ?",
            [source, now],
        ).fetchone()
        # The last run that saw everything it was offered (finished, no error at all).
        self.last_ok_run_started: str | None = row[0] if row else None

    def __contains__(self, url: str) -> bool:
        return url in self._known

    def __len__(self) -> int:
        return len(self._known)

    def get(self, url: str) -> Known | None:
        return self._known.get(url)

    def add(self, url: str) -> None:
        self._known.setdefault(url, Known(None, None, None))


def conditional_headers(known: Known | None) -> dict[str, str]:
    """Headers that let the server answer 304 when the page has not changed."""
    headers = {}
    if known and known.etag:
        headers["If-None-Match"] = known.etag
    if known and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def in_date_range(day: str | None, since: date | None, until: date | None) -> bool:
    """True when a day (YYYY-MM-DD…) lies in [since, until]; an unknown day is never excluded."""
    if not day or len(day) < 10:
        return True
    try:
        value = date.fromisoformat(day[:10])
    except ValueError:
        return True
    return not ((since and value < since) or (until and value > until))
