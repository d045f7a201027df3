"""Errors of a crawl as data: every failure becomes an `errors` row with a kind a person reads.

Components report through a Scrapy signal, so none of them needs a database handle; the
run recorder extension (crawler/run_recorder.py) stores and counts what it receives. How a
failed download is mapped to a kind is in crawler/failures.py.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

from pipelines.plain_text import strip_control


class CrawlRefused(IgnoreRequest):
    """A request newsmon refuses on purpose; `kind` and `message` become its `errors` row, under
    `url` when given (a refused redirect is recorded under the URL the crawl asked for)."""

    def __init__(self, kind: str, message: str, url: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.url = url


# Sent with keyword arguments kind, url, message.
error_recorded = object()

# Error kinds that mean a limit tripped, and the name it is counted under in
# crawl_runs.limits_hit (stats key newsmon/limits/<name>). Limits of a whole run (pages, time)
# are counted from the spider's close reason by the run recorder.
LIMIT_OF_KIND = {
    "too_large": "bytes_per_response",
    "decompression_bomb": "bytes_per_response",
    "timeout": "download_timeout",
    "too_many_redirects": "redirects",
    "too_many_links": "links_per_page",
    "url_too_long": "url_length",
    "depth_limit": "depth",
    "too_many_sitemap_urls": "sitemap_urls",
}


def report_error(crawler, kind: str, url: str | None, message: str) -> None:
    """Tell the run recorder (and the log) that something went wrong with one URL. A kind that
    means a limit tripped is also counted in the run's limits_hit."""
    limit = LIMIT_OF_KIND.get(kind)
    if limit:
        crawler.stats.inc_value(f"newsmon/limits/{limit}")
    crawler.signals.send_catch_log(
        signal=error_recorded,
        kind=kind,
        url=strip_control(url)[0] if url else url,
        message=strip_control(str(message)[:2000])[0],
    )
