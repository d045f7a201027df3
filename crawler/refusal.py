"""The exception of a request newsmon refuses on purpose. It lives apart from crawler/errors.py,
the kinds of errors, so that reading a page (crawler/pages.py, `newsmon extract`) does not load
Scrapy."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class CrawlRefused(IgnoreRequest):
    """A request newsmon refuses on purpose; `kind` and `message` become its `errors` row, under
    `url` when given (a refused redirect is recorded under the URL the crawl asked for)."""

    def __init__(self, kind: str, message: str, url: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.url = url
