"""All cores for one source: the article chain (pipelines/chain.py ARTICLE_STEPS) runs in a pool
of worker processes, off the Scrapy reactor's thread, so parsing never blocks downloads and a
back-fill of one large site uses every core.

`ITEM_PROCESSOR` (crawler/settings.py) is `PooledItemProcessor`: Scrapy's item pipeline manager
over the same ITEM_PIPELINES. With NEWSMON_EXTRACT_WORKERS of 2 or more (default: the cores this
process may run on) the step pipelines' `process_item` is not called in the crawl process: the
record goes to a worker, which runs `process_article` on it — the very steps, in their order —
and the pipelines after the chain (storage) then run in the crawl process as before, so each
article is still stored in its own transaction there. With 0 or 1 nothing changes: every
pipeline runs in the crawl process, as without the pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.threads import deferToThread

from pipelines.chain import ARTICLE_STEPS, SourceContext, process_article
from pipelines.figures_pipeline import MAX_FIGURES
from pipelines.items import ArticleRecord
from pipelines.places_ner import MAX_NER_SENTENCES

_STEP_PIPELINES = frozenset(step.pipeline for step in ARTICLE_STEPS)
_PR_SET_PDEATHSIG = 1


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extract_workers(settings) -> int:
    """NEWSMON_EXTRACT_WORKERS: None or '' = the cores; 0 or 1 = the chain in the crawl process."""
    value = settings.get("NEWSMON_EXTRACT_WORKERS")
    if value is None or str(value).strip() == "":
        return available_cores()
    return max(0, int(value))


def _worker_start(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the crawl process decides how to stop, not its
    # workers. A worker whose crawl process died (SIGKILL) dies with it instead of lingering,
    # also when the crawl process died while this worker was still starting.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


# A short Russian article: running the chain on it loads every model a worker will use.
_WARM_UP = (
    "<html><head><title>Изъятие</title></head><body><article><h1>Изъятие в Караганде</h1>"
    "<p>1 августа 2025 года полицейские Карагандинской области изъяли 5 кг гашиша у жителя "
    "Темиртау, сообщает департамент полиции.</p></article></body></html>"
)


def _ready() -> int:
    record = ArticleRecord(source="", url="", html=_WARM_UP, fetched_at="")
    process_article(record, SourceContext(timezone="Asia/Almaty", region="KZ"))
    return os.getpid()


def _run_chain(record: ArticleRecord, source: SourceContext) -> ArticleRecord:
    """In a worker: the chain on one record; the raw HTML is not sent back (the crawl process
    still holds it)."""
    record = process_article(record, source)
    record.html = ""
    return record


def _path(component: Any) -> str:
    cls = type(component)
    return f"{cls.__module__}.{cls.__qualname__}"


class PooledItemProcessor(ItemPipelineManager):
    """ITEM_PIPELINES as Scrapy runs them, with the article chain's steps in worker processes."""

    def __init__(self, *middlewares: Any, crawler=None) -> None:
        self.workers = extract_workers(crawler.settings) if crawler is not None else 0
        self.pool: ProcessPoolExecutor | None = None
        super().__init__(*middlewares, crawler=crawler)

    @property
    def pooled(self) -> bool:
        return self.workers >= 2

    def _add_middleware(self, mw: Any) -> None:
        super()._add_middleware(mw)
        if self.pooled and _path(mw) in _STEP_PIPELINES:
            self.methods["process_item"].remove(mw.process_item)  # a worker runs this step

    async def open_spider_async(self) -> None:
        self.crawler.stats.set_value("newsmon/extract_workers", self.workers if self.pooled else 1)
        if self.pooled:
            await self._start_pool()
            source = self._spider.source
            self.source = SourceContext(
                timezone=source.timezone,
                lang=source.lang,
                region=source.region,
                max_figures=self.crawler.settings.getint("NEWSMON_MAX_FIGURES", MAX_FIGURES),
                max_ner_sentences=self.crawler.settings.getint(
                    "NEWSMON_MAX_NER_SENTENCES", MAX_NER_SENTENCES
                ),
            )
        await super().open_spider_async()

    async def _start_pool(self) -> None:
        # spawn: a fresh interpreter, not a fork of a process with the reactor's threads
        self.pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
        # Every worker started, with the chain's models loaded, before the first download: a
        # page is never held up by a worker still starting, and an article fetched is an
        # article stored a moment later, as without the pool.
        for started in [self.pool.submit(_ready) for _ in range(self.workers)]:
            await self._result(started)

    async def process_item_async(self, item: Any) -> Any:
        if self.pool is not None and isinstance(item, ArticleRecord):
            html = item.html
            pool = self.pool
            try:
                item = await self._result(pool.submit(_run_chain, item, self.source))
            except BrokenProcessPool:
                # A worker died (killed, or a crash in a C library on a hostile page): this
                # article is an error of the run, the next ones get a new pool.
                if self.pool is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    await self._start_pool()
                raise
            item.html = html
        return await super().process_item_async(item)

    @staticmethod
    async def _result(future: Future) -> Any:
        if is_asyncio_available():
            return await asyncio.wrap_future(future)
        return await deferToThread(future.result)

    async def close_spider_async(self) -> None:
        try:
            await super().close_spider_async()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
                self.pool = None
