"""The generic news spider: finds articles through a source's feeds, sitemaps and listings."""

from __future__ import annotations

import re

from scrapy.http import Response
from scrapy.utils.gz import gunzip

from crawler import errors
from crawler.errors import report_error
from crawler.feeds import NotAFeed, feed_entries, sitemap_entries
from crawler.limits import take_links
from crawler.listed_stamps import feed_stamps, sitemap_stamps
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url

# Links that look like the next page of a listing: ?page=2, ?PAGEN_1=2, Liferay's ?…_cur=2,
# /page/2/, /p-3...
_PAGINATION = re.compile(
    r"[?&](?:[\w-]*_)?(?:page|p|pn|pg|paged|pagen_\d+|start|offset|cur|curpage|pagenum)=\d+"
    r"(?:&|$)"
    r"|/(?:page|p|pages|str|stranitsa)[/-]?\d+/?(?:$|\?)",
    re.IGNORECASE,
)


def looks_like_pagination(url: str) -> bool:
    return _PAGINATION.search(url) is not None


class NewsSpider(SourceSpider):
    """Driven entirely by a source entry: no site-specific code."""

    name = "news"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sitemaps_seen: set[str] = set()

    async def start(self):
        for url in self.source.feeds:
            yield self.page_request(url, self.parse_feed)
        for url in self.source.sitemaps:
            yield self.page_request(url, self.parse_sitemap)
        for url in self.source.listings:
            yield self.page_request(url, self.parse_listing)

    def parse_feed(self, response: Response):
        try:
            entries = list(feed_entries(response.body, refuse_entities=True))
        except NotAFeed as exc:
            report_error(self.crawler, exc.kind or errors.NOT_A_FEED, response.url, str(exc))
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        entries = self._at_most(
            entries, "NEWSMON_MAX_LINKS_PER_PAGE", errors.TOO_MANY_LINKS, response
        )
        stamps = feed_stamps(response.body)  # full pubDates, evidence for the article's date
        for link, day in entries:
            url = self.link(response, link)
            request = self.article_request(url, day) if url and self.tally(url) else None
            if request:
                request.meta["newsmon_listed_stamps"] = _stamp("feed", stamps.get(link.strip()))
                yield request

    def parse_sitemap(self, response: Response):
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap file, not transport compression
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:  # truncated or oversized archive
                if hasattr(exc, "decompressed_size"):  # a gzip bomb: stopped at DOWNLOAD_MAXSIZE
                    report_error(
                        self.crawler,
                        errors.DECOMPRESSION_BOMB,
                        response.url,
                        f".gz sitemap unpacks past DOWNLOAD_MAXSIZE ({exc})",
                    )
                else:
                    report_error(self.crawler, errors.BAD_GZIP, response.url, str(exc))
                return
        try:
            kind, entries = sitemap_entries(body, refuse_entities=True)
        except NotAFeed as exc:
            report_error(self.crawler, exc.kind or errors.NOT_A_SITEMAP, response.url, str(exc))
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        entries = self._at_most(
            entries, "NEWSMON_MAX_SITEMAP_URLS", errors.TOO_MANY_SITEMAP_URLS, response
        )
        if kind == "sitemapindex":
            yield from self._child_sitemaps(response, entries)
            return
        stamps = sitemap_stamps(body)  # lastmod with its time, evidence for the article's date
        for i, (loc, lastmod) in enumerate(entries):
            if self.budget_spent():
                self.crawler.stats.inc_value("newsmon/limits/pages_per_run", len(entries) - i)
                break
            # lastmod is a modification day: it bounds --since, never --until
            url = self.link(response, loc)
            if not (url and self.tally(url)):
                continue
            request = self.article_request(url, lastmod, listed_is_published=False)
            if request:
                request.meta["newsmon_listed_stamps"] = _stamp("sitemap", stamps.get(loc))
                yield request

    def _child_sitemaps(self, response: Response, entries):
        oldest = self.since.isoformat() if self.since else None
        if not self.recrawl and self.index is not None and self.index.last_ok_run_started:
            # A child sitemap unchanged since the last complete run holds nothing new.
            last_run_day = self.index.last_ok_run_started[:10]
            oldest = max(oldest or last_run_day, last_run_day)
        # A sitemap index that lists itself or one of the indexes above it is a loop.
        chain = [*response.meta.get("newsmon_sitemap_chain", ()), canonical_url(response.url)]
        self._sitemaps_seen.update(chain)
        for loc, lastmod in entries:
            if oldest and lastmod and lastmod < oldest:
                self.crawler.stats.inc_value("newsmon/sitemaps_skipped_unchanged")
                continue
            url = self.link(response, loc)
            if url is None:
                continue
            if url in chain:
                report_error(
                    self.crawler,
                    errors.SITEMAP_LOOP,
                    response.url,
                    f"sitemap index lists {'itself' if url == chain[-1] else 'its parent'} "
                    f"({url}); not read again",
                )
                continue
            if url in self._sitemaps_seen:
                continue
            self._sitemaps_seen.add(url)
            request = self.page_request(url, self.parse_sitemap)
            request.meta["newsmon_sitemap_chain"] = chain
            yield request

    def parse_listing(self, response: Response):
        if not hasattr(response, "text"):
            report_error(self.crawler, errors.NOT_HTML, response.url, "listing page is not HTML")
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        limit = self.settings.getint("NEWSMON_MAX_LINKS_PER_PAGE")
        links, more, bogus = take_links(response, limit)
        for href in bogus:
            report_error(self.crawler, errors.BAD_URL, href, "not a usable URL")
        if more:
            report_error(
                self.crawler,
                errors.TOO_MANY_LINKS,
                response.url,
                f"page has more than {limit} links; only the first {limit} are taken "
                "(NEWSMON_MAX_LINKS_PER_PAGE)",
            )
        for link in links:
            url = self.link(None, link)
            if url is None:
                continue
            if self.tally(url):
                request = self.article_request(url)
                if request:
                    yield request
            elif self.source.is_followed(url):
                self.crawler.stats.inc_value("newsmon/links_followed")
                yield self.page_request(url, self.parse_listing)
            elif looks_like_pagination(url):
                # What a `follow` that never matches looks like: reported in the run summary.
                self.crawler.stats.inc_value("newsmon/links_pagination_unfollowed")

    def tally(self, url: str) -> bool:
        """Count a link a feed, sitemap or listing gave, and whether `article` matched it: a
        run whose links never match is a broken pattern, not a quiet site (health alarm)."""
        stats = self.crawler.stats
        stats.inc_value("newsmon/links_found")
        if self.is_article_url(url):
            stats.inc_value("newsmon/links_article")
            return True
        return False

    def _at_most(self, found: list, setting: str, kind: str, response: Response) -> list:
        """The first `setting` entries of a feed or sitemap; more is a limit hit, reported."""
        limit = self.settings.getint(setting)
        if not limit or len(found) <= limit:
            return found
        report_error(
            self.crawler,
            kind,
            response.url,
            f"{len(found)} entries; only the first {limit} are taken ({setting})",
        )
        return found[:limit]

    def parse_article(self, response: Response):
        """The base spider's record, with what the feed or sitemap said of its date."""
        for record in super().parse_article(response):
            record.listed_dates = response.meta.get("newsmon_listed_stamps")
            yield record


def _stamp(kind: str, stamp: str | None) -> dict[str, str] | None:
    return {kind: stamp} if stamp else None
