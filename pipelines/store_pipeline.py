"""Item pipeline, last step: the article with all it yielded into SQLite, atomically.

A write that fails for a reason outside newsmon (disk full, I/O error, a lock held past the busy
timeout, a read-only file) is a storage failure, not an error of one page: the article is dropped
as `NotStored`, and the crawl (crawler/storage_failures.py, through the run recorder) counts it,
reports it and stops fetching pages it could not keep after NEWSMON_STORAGE_FAILURES_STOP in a
row.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from pipelines.articles import store_article
from pipelines.db import StorageError, connect, storage_cause
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep

IN_A_ROW = "newsmon/storage_failed_in_a_row"  # reset by every article stored


class NotStored(DropItem):
    """An article the database could not take (disk full, I/O error, lock, read-only file): the
    crawl's run recorder counts it as a storage failure and decides whether the crawl stops."""

    def __init__(self, error: StorageError):
        super().__init__(f"not stored: {error}")
        self.error = error


class StorePipeline(CrawlerStep):
    db = None

    def open_spider(self):
        self.db = connect(self.crawler.settings.get("NEWSMON_DB"))

    def close_spider(self):
        if self.db is not None:
            self.db.close()

    def process_item(self, item: ArticleRecord):
        item.run_id = self.crawler.stats.get_value("newsmon/run_id")
        try:
            _, outcome = store_article(self.db, item)
        except Exception as exc:
            cause = storage_cause(exc)
            if cause is None:
                raise  # a bug, not the disk: a pipeline_exception of this page
            if not isinstance(exc, StorageError):
                exc = StorageError(cause, self.crawler.settings.get("NEWSMON_DB"), str(exc))
            raise NotStored(exc) from exc
        self.crawler.stats.set_value(IN_A_ROW, 0)
        self.crawler.stats.inc_value(f"newsmon/articles_{outcome}")
        if outcome != "unchanged":
            self.crawler.stats.inc_value("newsmon/figures", len(item.figures))
        # The raw HTML has been stored; dropping it here keeps memory flat on large runs.
        item.html = ""
        return item
