"""Item pipeline, last step: the article with all it yielded into SQLite, atomically.

A write that fails for a reason outside newsmon (disk full, I/O error, a lock held past the busy
timeout, a read-only file) is a storage failure, not an error of one page, whichever step wrote
(this one, or an earlier step that writes, reported by the run recorder through
`storage_failure`): it is counted (`newsmon/storage_failed`, its cause in
`newsmon/storage_cause`), reported as a `storage_failed` error, and after
NEWSMON_STORAGE_FAILURES_STOP of them in a row the crawl stops fetching pages it could not keep.
The run recorder then closes the run as failed and says why.
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
IN_A_ROW = "newsmon/storage_failed_in_a_row"


def storage_failure(crawler, url: str | None, exc: BaseException) -> StorageError | None:
    """Count and report `exc` when it is a storage failure (else None: a bug stays one); stop
    the crawl after NEWSMON_STORAGE_FAILURES_STOP in a row."""
    cause = storage_cause(exc)
    if cause is None:
        return None
    if not isinstance(exc, StorageError):
        exc = StorageError(cause, crawler.settings.get("NEWSMON_DB"), str(exc))
    stats = crawler.stats
    stats.inc_value("newsmon/storage_failed")
    stats.set_value("newsmon/storage_cause", exc.cause)
    stats.set_value("newsmon/storage_detail", exc.detail)
    report_error(crawler, STORAGE_FAILED, url, str(exc))
    stats.inc_value(IN_A_ROW)
    stop_after = crawler.settings.getint("NEWSMON_STORAGE_FAILURES_STOP", STOP_AFTER)
    if stats.get_value(IN_A_ROW) == stop_after and crawler.engine is not None:
        crawler.spider.logger.error(
            "%d storage failures in a row (%s): the crawl stops", stop_after, exc.cause
        )
        _schedule_coro(crawler.engine.close_spider_async(reason=CLOSE_REASON))
    return exc


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
            error = storage_failure(self.crawler, item.url, exc)
            if error is None:
                raise  # a bug, not the disk: a pipeline_exception of this page
            raise DropItem(f"not stored: {error}") from exc
        self.crawler.stats.set_value(IN_A_ROW, 0)
        self.crawler.stats.inc_value(f"newsmon/articles_{outcome}")
        if outcome != "unchanged":
            self.crawler.stats.inc_value("newsmon/figures", len(item.figures))
        # The raw HTML has been stored; dropping it here keeps memory flat on large runs.
        item.html = ""
        return item
