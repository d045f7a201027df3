"""The generic news spider: finds articles through a source's feeds, sitemaps and listings."""

from __future__ import annotations

from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip

from crawler.errors import report_error
from crawler.feeds import NotAFeed, feed_entries, sitemap_entries
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url


class NewsSpider(SourceSpider):
    """Driven entirely by a source entry: no site-specific code."""

    name = "news"

    async def start(self):
        for url in self.source.feeds:
            yield self.page_request(url, self.parse_feed)
        for url in self.source.sitemaps:
            yield self.page_request(url, self.parse_sitemap)
        for url in self.source.listings:
            yield self.page_request(url, self.parse_listing)

    def parse_feed(self, response: Response):
        try:
            entries = list(feed_entries(response.body))
        except NotAFeed as exc:
            report_error(self.crawler, "not_a_feed", response.url, str(exc))
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        for link, day in entries:
            request = self.article_request(response.urljoin(link), day)
            if request:
                yield request

    def parse_sitemap(self, response: Response):
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap file, not transport compression
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:  # truncated or oversized archive
                report_error(self.crawler, "bad_gzip", response.url, str(exc))
                return
        try:
            kind, entries = sitemap_entries(body)
        except NotAFeed as exc:
            report_error(self.crawler, "not_a_sitemap", response.url, str(exc))
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        if kind == "sitemapindex":
            yield from self._child_sitemaps(response, entries)
            return
        for loc, lastmod in entries:
            # lastmod is a modification day: it bounds --since, never --until
            request = self.article_request(
                response.urljoin(loc), lastmod, listed_is_published=False
            )
            if request:
                yield request

    def _child_sitemaps(self, response: Response, entries):
        oldest = self.since.isoformat() if self.since else None
        if not self.recrawl and self.index is not None and self.index.last_ok_run_started:
            # A child sitemap unchanged since the last complete run holds nothing new.
            last_run_day = self.index.last_ok_run_started[:10]
            oldest = max(oldest or last_run_day, last_run_day)
        for loc, lastmod in entries:
            if oldest and lastmod and lastmod < oldest:
                self.crawler.stats.inc_value("newsmon/sitemaps_skipped_unchanged")
                continue
            yield self.page_request(response.urljoin(loc), self.parse_sitemap)

    def parse_listing(self, response: Response):
        if not hasattr(response, "text"):
            report_error(self.crawler, "not_html", response.url, "listing page is not HTML")
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        limit = self.settings.getint("NEWSMON_MAX_LINKS_PER_PAGE")
        links = LinkExtractor(unique=True, canonicalize=False).extract_links(response)
        if limit and len(links) > limit:
            self.crawler.stats.inc_value("newsmon/limits/links_per_page")
            links = links[:limit]
        follow = self.source.follow_re
        for link in links:
            url = canonical_url(link.url)
            if self.is_article_url(url):
                request = self.article_request(url)
                if request:
                    yield request
            elif follow and follow.match(url):
                yield self.page_request(url, self.parse_listing)
