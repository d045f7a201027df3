"""Item pipeline, last step: the article with all it yielded into SQLite, atomically.

A write that fails for a reason outside newsmon (disk full, I/O error, a lock held past the busy
timeout, a read-only file) is a storage failure, not an error of one page: it is counted
(`newsmon/storage_failed`, its cause in `newsmon/storage_cause`), reported as a
`storage_failed` error, and after NEWSMON_STORAGE_FAILURES_STOP of them in a row the crawl stops
fetching pages it could not keep. The run recorder then closes the run as failed and says why.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem
from scrapy.utils.defer import _schedule_coro

from crawler.errors import STORAGE_FAILED, report_error
from pipelines.articles import store_article
from pipelines.db import StorageError, connect, storage_cause
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep

STOP_AFTER = 3  # storage failures in a row that stop the crawl (NEWSMON_STORAGE_FAILURES_STOP)
CLOSE_REASON = "storage_failed"


class StorePipeline(CrawlerStep):
    db = None
    in_a_row = 0

    def open_spider(self):
        self.db = connect(self.crawler.settings.get("NEWSMON_DB"))
        self.stop_after = self.crawler.settings.getint("NEWSMON_STORAGE_FAILURES_STOP", STOP_AFTER)

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
            self._failed(item, exc)
        self.in_a_row = 0
        self.crawler.stats.inc_value(f"newsmon/articles_{outcome}")
        if outcome != "unchanged":
            self.crawler.stats.inc_value("newsmon/figures", len(item.figures))
        # The raw HTML has been stored; dropping it here keeps memory flat on large runs.
        item.html = ""
        return item

    def _failed(self, item: ArticleRecord, error: StorageError):
        stats = self.crawler.stats
        stats.inc_value("newsmon/storage_failed")
        stats.set_value("newsmon/storage_cause", error.cause)
        stats.set_value("newsmon/storage_detail", error.detail)
        report_error(self.crawler, STORAGE_FAILED, item.url, str(error))
        self.in_a_row += 1
        if self.in_a_row == self.stop_after:
            self.crawler.spider.logger.error(
                "%d storage failures in a row (%s): the crawl stops", self.in_a_row, error.cause
            )
            _schedule_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))
        raise DropItem(f"not stored: {error}")
