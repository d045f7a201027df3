"""The site chrome in a crawl (pipelines/chrome.py), in both of its modes: the chain's steps in
the crawl process, or in worker processes (crawler/extract_pool.py).

* The spider gives each record the chrome learned so far for its source (``site_chrome``), so
  the chain's "site chrome" step removes it wherever the chain runs, before any offset is taken.
* `ChromeLearning`, after the chain and before storage, in the crawl process: counts the lines
  the step kept (``chrome_lines``, the body as extracted), one count per page, and after each
  new page reloads the learned set into the spider (one indexed query: the table holds the
  chrome and the lines of the last pages only).

So the first pages of a new source keep their chrome until enough pages have been seen;
`newsmon reextract` cleans them later.
"""

from __future__ import annotations

from pipelines.chrome import MIN_PAGES, MIN_SHARE, learn_page, load_chrome, strip_site_chrome
from pipelines.db import connect, write_transaction
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep


class ChromePipeline(CrawlerStep):
    """The chain's step, when the chain runs in the crawl process."""

    def process_item(self, item: ArticleRecord):
        return strip_site_chrome(item)


class ChromeLearning(CrawlerStep):
    db = None

    def open_spider(self):
        settings = self.crawler.settings
        self.db = connect(settings.get("NEWSMON_DB"))
        self.min_pages = settings.getint("NEWSMON_CHROME_MIN_PAGES", MIN_PAGES)
        self.min_share = settings.getfloat("NEWSMON_CHROME_MIN_SHARE", MIN_SHARE)
        self._reload()

    def close_spider(self):
        if self.db is not None:
            self.db.close()

    def _reload(self) -> None:
        spider = self.crawler.spider
        source = getattr(getattr(spider, "source", None), "name", None)
        if source:
            spider.site_chrome = load_chrome(self.db, source, self.min_pages, self.min_share)

    def process_item(self, item: ArticleRecord):
        if self.db is None or not item.chrome_lines:  # outside a crawl, or an empty body
            return item
        with write_transaction(self.db):
            counted = learn_page(self.db, item.source, item.url, item.chrome_lines)
        if counted:
            self._reload()
        return item
