"""What every site spider shares: the source it crawls, which articles to fetch, errors as data.

Site spiders only decide how to *find* article URLs; this class decides whether to fetch one
(incremental runs skip stored articles, re-crawls revalidate them) and turns a fetched page
into an ArticleRecord for the item pipelines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure

from crawler import errors
from crawler.errors import report_error
from crawler.failures import classify_failure
from crawler.incremental import ArticleIndex, conditional_headers, in_date_range
from crawler.pages import not_text, read_article_page
from crawler.sources import Source
from crawler.urls import canonical_url
from pipelines.db import connect
from pipelines.items import ArticleRecord

ARTICLE_PRIORITY = 10  # fetch articles before more listing pages: stored work is safe work


def _flag(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class SourceSpider(scrapy.Spider):
    """Base of all site spiders; the spider loader makes one subclass per configured source."""

    source: ClassVar[Source]

    def __init__(self, *args, recrawl=False, since=None, until=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.recrawl = _flag(recrawl)
        self.since = _day(since)
        self.until = _day(until)
        self.allowed_domains = [self.source.host, *self.source.allowed_domains]
        self.index: ArticleIndex | None = None
        self._requested: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        db = connect(crawler.settings.get("NEWSMON_DB"))
        try:
            spider.index = ArticleIndex(db, spider.source.name)
        finally:
            db.close()
        return spider

    # -- deciding what to fetch -------------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        return self.source.is_article(url)  # re.search, as Scrapy's LinkExtractor(allow=...)

    def should_fetch(self, url: str, listed_day: str | None, *, listed_is_published=True) -> bool:
        """Incremental: only articles not stored yet. Re-crawl: stored ones too. Both honour
        --since/--until, using the stored publication day or the day the listing gave."""
        stats = self.crawler.stats
        if url in self._requested:
            return False
        known = self.index.get(url) if self.index is not None else None
        if known and not self.recrawl:
            stats.inc_value("newsmon/articles_skipped_known")
            return False
        day = known.published_day if known else listed_day
        until = self.until if (known or listed_is_published) else None
        if not in_date_range(day, self.since, until):
            stats.inc_value("newsmon/articles_out_of_range")
            return False
        return True

    def budget_spent(self) -> bool:
        """As many articles requested as the run may fetch pages (CLOSESPIDER_PAGECOUNT).
        Scheduling more only costs time and memory (a 50,000-URL sitemap takes minutes to
        schedule); the next run takes them. Each one left is counted in limits_hit."""
        budget = self.settings.getint("CLOSESPIDER_PAGECOUNT")
        return bool(budget) and len(self._requested) >= budget

    def article_request(
        self, url: str, listed_day: str | None = None, *, listed_is_published=True
    ) -> Request | None:
        url = self.link(None, url)
        if url is None or not self.is_article_url(url):
            return None
        if not self.should_fetch(url, listed_day, listed_is_published=listed_is_published):
            return None
        if self.budget_spent():
            self.crawler.stats.inc_value("newsmon/limits/pages_per_run")
            return None
        self._requested.add(url)
        known = self.index.get(url) if self.index is not None else None
        return Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            headers=conditional_headers(known) if self.recrawl else None,
            priority=ARTICLE_PRIORITY,
            meta={"handle_httpstatus_list": [304], "newsmon_listed_day": listed_day},
        )

    def link(self, page: Response | None, href: str) -> str | None:
        """The canonical URL of a link (resolved against `page`), or None, reported as an
        errors row of kind bad_url, when it cannot be fetched: a port that is not a number, a
        broken IPv6 address... One bad link never costs the other links of its page."""
        try:
            url = canonical_url(page.urljoin(href) if page is not None else href)
            _port = urlsplit(url).port  # a port that is not a number raises here
        except ValueError as exc:
            report_error(self.crawler, errors.BAD_URL, href, f"not a usable URL: {exc}")
            return None
        return url

    def page_request(self, url: str, callback) -> Request:
        return Request(canonical_url(url), callback=callback, errback=self.on_error)

    # -- turning pages into records ----------------------------------------------------------

    def parse_article(self, response: Response):
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("newsmon/articles_not_modified")
            return
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        if not isinstance(response, TextResponse):
            report_error(self.crawler, errors.NOT_HTML, response.url, f"not an HTML page ({ctype})")
            return
        if binary := not_text(response.body):  # bytes that are no text: an error, not stored
            kind, what = binary
            report_error(self.crawler, kind, response.url, f"not an HTML page: {what} ({ctype})")
            return
        limit = self.settings.getint("NEWSMON_MAX_ARTICLE_BYTES")
        if limit and len(response.body) > limit:
            # Parsing and extracting a page costs tens of times its size in memory; no real
            # article page comes near the limit, so a page past it is refused before any parse.
            report_error(
                self.crawler,
                errors.TOO_LARGE,
                response.url,
                f"article page of {len(response.body)} bytes, over NEWSMON_MAX_ARTICLE_BYTES "
                f"({limit}); not parsed",
            )
            return
        url = canonical_url(response.url)
        if not self.is_article_url(url):
            report_error(
                self.crawler,
                errors.REDIRECTED_OFF_ARTICLE,
                response.url,
                "redirect left the article",
            )
            return
        # Decoded with the right charset, control characters removed, an empty body refused
        # (crawler/pages.py); each problem is an errors row. Empty and "not found" pages are
        # refused after the extraction step, which parses the page (crawler/page_reports.py).
        page = read_article_page(response.body, _header(response, "Content-Type"))
        for kind, message in page.problems:
            report_error(self.crawler, kind, response.url, message)
        if page.refusal:
            report_error(self.crawler, page.refusal[0], response.url, page.refusal[1])
            return
        first = response.meta.get("redirect_urls", [response.url])[0]
        yield self.with_chrome(
            ArticleRecord(
                source=self.source.name,
                url=url,
                requested_url=canonical_url(first),
                html=page.text,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                http_status=response.status,
                etag=_header(response, "ETag"),
                last_modified=_header(response, "Last-Modified"),
                encoding=page.encoding,
                content_type=_header(response, "Content-Type"),
                listed_at=response.meta.get("newsmon_listed_day"),
            )
        )

    def with_chrome(self, record: ArticleRecord) -> ArticleRecord:
        """Every record of every spider type carries the chrome learned so far for its source
        (pipelines/chrome_pipeline.py keeps `site_chrome` current), so the chain's site-chrome
        step removes it wherever the chain runs."""
        record.site_chrome = getattr(self, "site_chrome", frozenset())
        return record

    def on_error(self, failure: Failure):
        kind, message = classify_failure(failure)
        url = getattr(failure.value, "url", None) or failure.request.url
        report_error(self.crawler, kind, url, message)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
