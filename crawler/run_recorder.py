"""The record of what each run did: one `crawl_runs` row per run and source, one `errors` row per
problem. Written as the run goes (not only at the end), so a killed run still leaves its trace."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from twisted.internet import task

from crawler.errors import error_recorded, report_error
from crawler.page_reports import PageRefused
from crawler.storage_failures import storage_failure
from pipelines.articles import upsert_source
from pipelines.db import StorageError, connect, write_transaction
from pipelines.db_file import ADVICE
from pipelines.health_schema import ensure_health_schema
from pipelines.store_pipeline import NotStored

FLUSH_SECONDS = 15
RESERVE_BYTES = 256 * 1024  # room kept free for the closing write of the run record
# The opening and closing writes of a run record are retried: a row is never left running,
# nor missing because another crawl held the lock a moment longer.
CLOSE_ATTEMPTS = 3
# A stored article whose body is shorter than this has no article text to speak of (what is
# left when a layout change hides the text: the title, a "loading..." line). Counted per run in
# `empty_bodies`, which the health alarms compare with the source's history
# (pipelines/health_schema.py).
THIN_BODY_CHARS = 100
_COUNTERS = {
    "articles_new": "newsmon/articles_new",
    "articles_updated": "newsmon/articles_updated",
    "articles_unchanged": "newsmon/articles_unchanged",
    "articles_skipped_known": "newsmon/articles_skipped_known",
    "figures": "newsmon/figures",
    "errors": "newsmon/errors",
    "pages": "downloader/response_count",
    "bytes": "downloader/response_bytes",
    "items": "item_scraped_count",
    "empty_bodies": "newsmon/no_body",
    "undated": "newsmon/undated",
    "start_disallowed": "newsmon/start_disallowed",
    "links": "newsmon/links_found",
    "article_links": "newsmon/links_article",
    "followed_pages": "newsmon/links_followed",
    "unfollowed_pages": "newsmon/links_pagination_unfollowed",
}
# Scrapy close reasons that mean a limit stopped the run early.
_LIMIT_REASONS = {
    "closespider_timeout",
    "closespider_pagecount",
    "closespider_itemcount",
    "memusage_exceeded",
}
# Error kinds that mean the site did not serve a page (the `http_errors` column of a run).
FETCH_ERROR_KINDS = {
    "timeout",
    "dns",
    "connection_refused",
    "download_failed",
    "truncated",
    "network",
}


def is_fetch_error(kind: str) -> bool:
    return kind.startswith("http_") or kind in FETCH_ERROR_KINDS


def _entry_point(url: str | None) -> tuple[str, str]:
    parts = urlsplit(url or "")
    return (parts.hostname or "").lower(), parts.path or "/"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RunRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db = None
        self.run_id: int | None = None
        self._reserve: Path | None = None
        self._flusher = task.LoopingCall(self.flush)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.error, signal=error_recorded)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        settings = self.crawler.settings
        try:
            self.db = connect(settings.get("NEWSMON_DB"))
            for attempt in range(CLOSE_ATTEMPTS):
                try:
                    self._open_row(spider)
                    break
                except StorageError:
                    if attempt == CLOSE_ATTEMPTS - 1:
                        raise
                    time.sleep(1.0)  # as for the closing write: a lock may be gone by now
        except Exception as exc:
            # Without its row the run is recorded by the parent (crawler/runner.py), which
            # reads this on stderr; the crawl goes on and stores what it fetches.
            spider.logger.error("run record not opened: %s: %s", type(exc).__name__, exc)
            print(f"newsmon: run record not opened: {type(exc).__name__}: {exc}", file=sys.stderr)
            raise
        self.stats.set_value("newsmon/run_id", self.run_id)
        self._started = (time.time(), time.monotonic())
        self._reserve = reserve_space(settings.get("NEWSMON_DB"))
        self._flusher.start(FLUSH_SECONDS, now=False)

    def _open_row(self, spider) -> None:
        settings = self.crawler.settings
        source = spider.source
        with write_transaction(self.db):
            ensure_health_schema(self.db)  # counters newer than the file's schema version
            upsert_source(self.db, source, json.dumps(source.__dict__, ensure_ascii=False))
            self.run_id = (
                self.db["crawl_runs"]
                .insert(
                    {
                        "token": settings.get("NEWSMON_RUN_TOKEN"),
                        "source": source.name,
                        "mode": "recrawl" if spider.recrawl else "incremental",
                        "since": spider.since.isoformat() if spider.since else None,
                        "until": spider.until.isoformat() if spider.until else None,
                        "started_at": _now(),
                        "status": "running",
                        "pid": os.getpid(),
                        "log_file": settings.get("LOG_FILE"),
                    }
                )
                .last_pk
            )

    def error(self, kind: str, url: str | None, message: str):
        self.stats.inc_value("newsmon/errors")
        self.stats.inc_value(f"newsmon/errors/{kind}")
        spider = self.crawler.spider
        spider.logger.warning("%s: %s (%s)", kind, message, url)
        if kind == "robots_disallowed" and _entry_point(url) in self._entry_points(spider):
            # robots.txt now forbids where the crawl starts: a health alarm, not a detail.
            self.stats.inc_value("newsmon/start_disallowed")
        if self.db is None:
            return
        try:
            self._insert_error(spider, kind, url, message)
        except StorageError as exc:  # counted above; the store step reports the failure
            spider.logger.error("error row not written: %s", exc)

    def _insert_error(self, spider, kind, url, message):
        with write_transaction(self.db):
            self.db["errors"].insert(
                {
                    "run_id": self.run_id,
                    "source": spider.source.name,
                    "url": url,
                    "kind": kind,
                    "message": message,
                    "at": _now(),
                }
            )

    @staticmethod
    def _entry_points(spider) -> set[tuple[str, str]]:
        source = spider.source
        return {_entry_point(u) for u in [*source.start_urls(), source.api] if u}

    def spider_error(self, failure, response, spider):
        self.error(
            "spider_exception", response.url, f"{type(failure.value).__name__}: {failure.value}"
        )

    def item_error(self, item, response, spider, failure):
        self.extracted(item)
        url = getattr(item, "url", None)
        if storage_failure(self.crawler, url, failure.value) is not None:
            return  # the disk, not the page: counted as a storage failure
        self.error("pipeline_exception", url, f"{type(failure.value).__name__}: {failure.value}")

    def item_dropped(self, item, response, exception, spider):
        if isinstance(exception, PageRefused):
            return  # no article: its errors row says why, its body is no extraction's failure
        self.extracted(item)
        if isinstance(exception, NotStored):
            storage_failure(self.crawler, getattr(item, "url", None), exception.error)

    def item_scraped(self, item, response, spider):
        self.extracted(item)
        body = getattr(item, "body", None) or ""
        if len(body.strip()) < THIN_BODY_CHARS:
            self.stats.inc_value("newsmon/no_body")

    def extracted(self, item):
        """Count an item the extraction step went through (it sets `extractor`): no body text
        is a reported error, no date a counter; a run of either means the site changed its
        layout. An analysis step that failed on it (pipelines/step.py) is a reported error too.
        The item is kept and stored all the same."""
        if not getattr(item, "extractor", None):
            return
        if not item.body:
            self.stats.inc_value("newsmon/empty_body")
            report_error(self.crawler, "empty_body", item.url, "no article text found on the page")
        if not item.published_at:
            self.stats.inc_value("newsmon/undated")
        for message in getattr(item, "step_errors", None) or ():
            report_error(self.crawler, "step_failed", item.url, message)

    def _counts(self) -> dict:
        counts = {column: self.stats.get_value(key, 0) for column, key in _COUNTERS.items()}
        # A 304 Not Modified is an unchanged article too, only cheaper.
        counts["articles_unchanged"] += self.stats.get_value("newsmon/articles_not_modified", 0)
        prefix = "newsmon/errors/"
        kinds = {
            k[len(prefix) :]: v for k, v in self.stats.get_stats().items() if k.startswith(prefix)
        }
        counts["error_kinds"] = json.dumps(kinds, sort_keys=True) if kinds else None
        counts["http_errors"] = sum(n for k, n in kinds.items() if is_fetch_error(k))
        limits = {
            k.split("/")[-1]: v
            for k, v in self.stats.get_stats().items()
            if k.startswith("newsmon/limits/")
        }
        counts["limits_hit"] = json.dumps(limits, sort_keys=True) if limits else None
        return counts

    def flush(self):
        if self.db is None or self.run_id is None:
            return
        try:
            with write_transaction(self.db):
                self.db["crawl_runs"].update(self.run_id, self._counts())
        except StorageError as exc:  # the next flush, or the close, tries again
            self.crawler.spider.logger.error("run record not updated: %s", exc)

    def spider_closed(self, spider, reason):
        if self._flusher.running:
            self._flusher.stop()
        if self.db is None or self.run_id is None:
            return
        counts = self._counts()
        if reason in _LIMIT_REASONS:
            limits = json.loads(counts["limits_hit"] or "{}")
            limits[reason.removeprefix("closespider_")] = 1
            counts["limits_hit"] = json.dumps(limits, sort_keys=True)
        status = run_status(reason, self.stats.get_value("newsmon/pages_parsed", 0), counts)
        why = failure_reason(reason, counts) if status == "failed" else reason
        if self.stats.get_value("newsmon/storage_failed", 0):
            status, why = "failed", self.storage_reason(counts)
        wall, mono = self._started
        counts |= {
            "wall_seconds": round(time.time() - wall, 3),
            "monotonic_seconds": round(time.monotonic() - mono, 3),
        }
        self.stats.set_value("newsmon/status", status)
        try:
            for attempt in range(CLOSE_ATTEMPTS):
                try:
                    with write_transaction(self.db):
                        self.db["crawl_runs"].update(
                            self.run_id,
                            counts
                            | {"finished_at": _now(), "status": status, "finish_reason": why},
                        )
                    break
                except StorageError as exc:
                    if attempt == CLOSE_ATTEMPTS - 1:
                        raise
                    if exc.cause == "disk full":
                        release_space(self._reserve)  # room for this one write
                    time.sleep(1.0)  # a lock held a little longer may be gone by now
        except StorageError as exc:
            # The parent closes the row (crawler/runner.py) from what the log says.
            spider.logger.error("run record not closed: %s; %s", exc, why)
            print(f"newsmon: run {self.run_id} not closed: {why}", file=sys.stderr)
        finally:
            release_space(self._reserve)
            self.db.close()
            self.db = None

    def storage_reason(self, counts: dict) -> str:
        """ "disk full writing data/news.db: 11 of 250 articles stored; free space and run
        again": the cause, what was kept and what to do, in one line."""
        failed = self.stats.get_value("newsmon/storage_failed", 0)
        cause = self.stats.get_value("newsmon/storage_cause", "storage failure")
        stored = sum(counts.get(k) or 0 for k in ("articles_new", "articles_updated"))
        stored += counts.get("articles_unchanged") or 0
        detail = self.stats.get_value("newsmon/storage_detail", "")
        return (
            f"{cause} writing {self.crawler.settings.get('NEWSMON_DB')}: {stored} of "
            f"{stored + failed} articles stored; {ADVICE.get(cause, 'run again')}"
            + (f" (SQLite: {detail})" if detail else "")
        )


def reserve_space(db_path) -> Path | None:
    """A file of RESERVE_BYTES next to the database, deleted when the disk is full so that
    the run record can still be closed (one page in the WAL); None where it cannot be made."""
    path = Path(f"{db_path}.reserve-{os.getpid()}")
    try:
        with path.open("wb") as reserve:
            os.posix_fallocate(reserve.fileno(), 0, RESERVE_BYTES)
    except OSError:
        path.unlink(missing_ok=True)
        return None
    return path


def release_space(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def run_status(reason: str, pages_parsed: int, counts: dict) -> str:
    """ok: finished normally (errors of single URLs are counted, not fatal). partial: stopped by a
    limit. failed: not one page could be read. interrupted: stopped from outside (a signal)."""
    if reason == "shutdown":
        return "interrupted"
    if pages_parsed == 0:
        return "failed"
    return "ok" if reason == "finished" else "partial"


def failure_reason(reason: str, counts: dict) -> str:
    """What a failed run's record says happened, in words ("every request failed (dns: 12)"),
    not Scrapy's close reason ("finished"), which is kept after it when it adds something."""
    kinds = json.loads(counts.get("error_kinds") or "{}")
    shown = ", ".join(
        f"{k}: {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    )
    pages = counts.get("pages") or 0
    if pages == 0:
        why = f"every request failed ({shown})" if kinds else "nothing was fetched"
    else:
        why = f"no page could be read of {pages} response(s)" + (f" ({shown})" if kinds else "")
    return why if reason == "finished" else f"{why}; Scrapy stopped: {reason}"
