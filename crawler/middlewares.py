"""Downloader middlewares of newsmon."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry, plus: a 429/503 with Retry-After waits that long before the retry.

    Only the one request waits; a wait longer than RETRY_AFTER_MAX gives up on the request
    (it becomes an http_429/http_503 error of the run) rather than stalling the crawl.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX")

    async def process_response(self, request: Request, response: Response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        header = response.headers.get("Retry-After")
        delay = retry_after_seconds(header.decode("latin-1") if header else None)
        if delay is not None:
            if delay > self.retry_after_max:
                self.crawler.stats.inc_value("newsmon/limits/retry_after")  # in limits_hit
                return response
            self.crawler.stats.inc_value("newsmon/retry_after_waits")
            await asyncio.sleep(delay)
        return super().process_response(request, response)
