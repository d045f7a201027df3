"""A storage failure during a crawl: counted, reported, and the crawl stopped after
NEWSMON_STORAGE_FAILURES_STOP in a row, so it does not download pages it cannot keep. The run
recorder calls `storage_failure` for an article dropped as not stored and for an error in any
step that writes (the site-chrome step writes too); it then closes the run as failed."""

from __future__ import annotations

from scrapy.utils.defer import _schedule_coro

from crawler.errors import STORAGE_FAILED, report_error
from pipelines.db import StorageError, storage_cause
from pipelines.store_pipeline import IN_A_ROW

STOP_AFTER = 3  # storage failures in a row that stop the crawl (NEWSMON_STORAGE_FAILURES_STOP)
CLOSE_REASON = "storage_failed"


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
