"""The site chrome in a crawl (pipelines/chrome.py), in both of its modes: the chain's steps in
the crawl process, or in worker processes (crawler/extract_pool.py).

* The spider gives each record the chrome learned so far for its source (``site_chrome``), so
  the chain's "site chrome" step removes it wherever the chain runs, before any offset is taken.
* `ChromeLearning`, after the chain and before storage, in the crawl process: counts the lines
  the step kept (``chrome_lines``, the body as extracted), one count per page, and after each
  new page reloads the learned set into the spider (one indexed query: the table holds the
  chrome and the lines of the last pages only).
* At the end of the run it cleans what was stored before the evidence was in: the first pages
  of a new source, and the pages that were already in flight (fetched, in the chain) when
  their source's chrome was learned. Each of the run's first NEWSMON_CHROME_SETTLE_PAGES (500)
  pages whose lines include chrome it was not cleaned of goes through the chain again from its
  stored raw page, with the source's chrome as learned by then, and is stored again (as
  `newsmon reextract` would). So a run's bodies never keep a line the run proved to be chrome.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.chain import SourceContext, process_article
from pipelines.chrome import MIN_PAGES, MIN_SHARE, learn_page, load_chrome, strip_site_chrome
from pipelines.db import connect, write_transaction
from pipelines.items import ArticleRecord
from pipelines.raw_pages import read_raw_html
from pipelines.step import CrawlerStep

# NEWSMON_CHROME_SETTLE_PAGES: pages of a run remembered for the end-of-run cleaning (a few
# KB each, no HTML): a source's chrome is learned within its first pages, so later pages were
# cleaned as they went.
SETTLE_PAGES = 500


class ChromePipeline(CrawlerStep):
    """The chain's step, when the chain runs in the crawl process."""

    def process_item(self, item: ArticleRecord):
        return strip_site_chrome(item)


@dataclass(frozen=True)
class _Seen:
    """What the end-of-run cleaning needs of a page the chain has been through."""

    url: str
    lines: frozenset[str]  # the keys of its lines as extracted
    cleaned_of: frozenset[str]  # the chrome its body was cleaned of
    listed_at: str | None
    listed_dates: dict[str, str] | None
    requested_url: str | None


class ChromeLearning(CrawlerStep):
    db = None

    def open_spider(self):
        settings = self.crawler.settings
        self.db = connect(settings.get("NEWSMON_DB"))
        self.min_pages = settings.getint("NEWSMON_CHROME_MIN_PAGES", MIN_PAGES)
        self.min_share = settings.getfloat("NEWSMON_CHROME_MIN_SHARE", MIN_SHARE)
        self.settle_pages = settings.getint("NEWSMON_CHROME_SETTLE_PAGES", SETTLE_PAGES)
        self.seen: list[_Seen] = []
        self._reload()

    def close_spider(self):
        if self.db is None:
            return
        try:
            self._clean_early_pages()
        finally:
            self.db.close()
            self.db = None

    def _source(self):
        return getattr(self.crawler.spider, "source", None)

    def _reload(self) -> None:
        source = getattr(self._source(), "name", None)
        if source:
            self.crawler.spider.site_chrome = load_chrome(
                self.db, source, self.min_pages, self.min_share
            )

    def process_item(self, item: ArticleRecord):
        if self.db is None or not item.chrome_lines:  # outside a crawl, or an empty body
            return item
        with write_transaction(self.db):
            counted = learn_page(self.db, item.source, item.url, item.chrome_lines)
        if counted:
            self._reload()
        if len(self.seen) < self.settle_pages:
            self.seen.append(
                _Seen(
                    item.url,
                    frozenset(item.chrome_lines),
                    frozenset(item.site_chrome or ()),
                    item.listed_at,
                    dict(item.listed_dates) if item.listed_dates else None,
                    item.requested_url,
                )
            )
        return item

    def _clean_early_pages(self) -> None:
        """The run's pages that hold chrome learned after they went through the chain: through
        the chain again from their stored raw page, and stored again."""
        source = self._source()
        if source is None or not self.seen:
            return
        chrome = load_chrome(self.db, source.name, self.min_pages, self.min_share)
        stale = [page for page in self.seen if (page.lines & chrome) - page.cleaned_of]
        if not stale:
            return
        run_chain = self._chain(source)
        stats = self.crawler.stats
        for page in stale:
            record = self._record(source.name, page, chrome)
            if record is None:  # not stored (a storage failure): nothing to clean
                continue
            record = run_chain(record)
            from pipelines.articles import store_article  # storage, only when there is work

            store_article(self.db, record, refresh=True)
            stats.inc_value("newsmon/chrome_cleaned_after_learning")

    def _chain(self, source):
        """The chain where the crawl runs it: in the extraction workers when there are (the
        crawl process never loads the models then), else here."""
        context = SourceContext(source.timezone, source.lang, source.region)
        try:
            pool = getattr(self.crawler.engine.scraper.itemproc, "pool", None)
        except (AttributeError, RuntimeError):  # no engine: the step used outside a crawl
            pool = None
        if pool is not None:
            return lambda record: pool.submit(process_article, record, context).result()
        return lambda record: process_article(record, context)

    def _record(self, source: str, page: _Seen, chrome: frozenset[str]) -> ArticleRecord | None:
        row = self.db.execute(
            "select a.id, a.fetched_at, a.http_status, a.etag, a.last_modified, a.run_id,"
            " r.encoding, r.content_type from articles a join raw_pages r on r.article_id = a.id"
            " where a.url = ? and a.source = ?",
            [page.url, source],
        ).fetchone()
        html = read_raw_html(self.db, row[0]) if row else None
        if not html:
            return None
        return ArticleRecord(
            source=source,
            url=page.url,
            requested_url=page.requested_url,
            html=html,
            fetched_at=row[1],
            http_status=row[2] or 200,
            etag=row[3],
            last_modified=row[4],
            run_id=row[5],
            encoding=row[6],
            content_type=row[7],
            listed_at=page.listed_at,
            listed_dates=page.listed_dates,
            site_chrome=chrome,
        )
