"""`newsmon worker`: the configured spiders, driven by the shared frontier in Redis.

One process runs one long-lived crawler per source (Scrapy's CrawlerProcess) with scrapy-redis's
scheduler (LeasedScheduler) and dupefilter (ExpiringDupeFilter). It runs the whole article chain
(pipelines/chain.py) and, instead of storing, pushes each finished article to the items list
(PushPipeline), acking the request's lease in the same transaction. Counters go to the run's
stats hash (WorkerRecorder), errors to the items list as rows for the writer.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import time
import uuid
from datetime import UTC, datetime

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet import task

from crawler.distributed import (
    ITEMS,
    chrome_key,
    connect_redis,
    current_run,
    known_key,
    stats_key,
)
from crawler.distributed.queue import LEASE, ack, beat, recover_dead
from crawler.incremental import Known
from crawler.page_reports import PAGE_REPORTS
from crawler.run_recorder import RunRecorder
from crawler.spiderloader import spider_for
from pipelines import storage_prep
from pipelines.chain import ARTICLE_STEPS
from pipelines.items import ArticleRecord

HEARTBEAT = 2.0  # seconds between heartbeats
ALIVE_TTL = 10.0  # a process silent this long is dead; its leased requests are requeued
# Scrapy stats summed over workers into a run's record (downloader counts and our own).
_SUMMED = ("newsmon/", "downloader/response_count", "downloader/response_bytes", "item_scraped")


def worker_settings(redis_url: str, worker_id: str) -> dict:
    from crawler import settings as base

    # The chain's steps, the page checks' reports, then the push; storage and chrome learning
    # (both need the database) are the writer's.
    steps = {step.pipeline for step in ARTICLE_STEPS}
    pipelines = {k: v for k, v in base.ITEM_PIPELINES.items() if k in steps} | {
        PAGE_REPORTS: base.ITEM_PIPELINES[PAGE_REPORTS],  # refused pages are not pushed
        "crawler.distributed.worker.PushPipeline": 900,
    }
    return {
        "REDIS_URL": redis_url,
        "NEWSMON_WORKER_ID": worker_id,
        "SCHEDULER": "crawler.distributed.scheduler.LeasedScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.LeasedPriorityQueue",
        "SCHEDULER_QUEUE_KEY": "newsmon:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": "newsmon:%(spider)s:dupefilter",
        "DUPEFILTER_CLASS": "crawler.distributed.dupefilter.ExpiringDupeFilter",
        "SCHEDULER_PERSIST": True,
        "ITEM_PIPELINES": pipelines,
        "EXTENSIONS": dict(base.EXTENSIONS)
        | {
            "crawler.run_recorder.RunRecorder": None,
            "crawler.watchdog.ParentWatchdog": None,
            "crawler.distributed.worker.WorkerRecorder": 100,
        },
        "DOWNLOADER_MIDDLEWARES": dict(base.DOWNLOADER_MIDDLEWARES)
        | {"crawler.distributed.politeness.ClusterPoliteness": 950},
        "SPIDER_MIDDLEWARES": dict(base.SPIDER_MIDDLEWARES)
        | {"crawler.distributed.worker.LeaseAck": 10},
        # Parallelism is more workers; a pool of chain processes per source would multiply.
        "NEWSMON_EXTRACT_WORKERS": 1,
        # A worker lives across runs: the per-run limits are not per process any more.
        "CLOSESPIDER_TIMEOUT": 0,
        "CLOSESPIDER_PAGECOUNT": 0,
    }


class RedisIndex:
    """The articles the database holds, as the writer published them (known_key)."""

    def __init__(self, server, source: str):
        self.server = server
        self.key = known_key(source)
        self.last_ok_run_started: str | None = None

    def get(self, url: str) -> Known | None:
        return Known(None, None, None) if self.server.sismember(self.key, url) else None

    def __contains__(self, url: str) -> bool:
        return self.get(url) is not None

    def __len__(self) -> int:
        return self.server.scard(self.key)

    def add(self, url: str) -> None:
        """Only the writer adds, once the article is committed."""


class DistributedSpider:
    """Mixed in before a source's spider class: no database, no start requests of its own (the
    coordinator seeds them), never closes when idle, and starts afresh with each run."""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = scrapy.Spider.from_crawler.__func__(cls, crawler, *args, **kwargs)
        spider.server = connect_redis(crawler.settings.get("REDIS_URL"))
        spider.index = RedisIndex(spider.server, spider.source.name)
        spider.run_id = None
        crawler.signals.connect(spider.stay_open, signal=signals.spider_idle)
        return spider

    async def start(self):
        return
        yield  # an async generator with nothing in it

    def stay_open(self, spider):
        raise DontCloseSpider

    def new_run(self, run: dict) -> None:
        """What one process remembers within a run is forgotten when the next begins."""
        self._requested.clear()
        if hasattr(self, "_sitemaps_seen"):
            self._sitemaps_seen.clear()
        self.index.last_ok_run_started = run.get("last_ok") or None

    def on_error(self, failure):
        super().on_error(failure)
        request = failure.request
        scheduler = self.crawler.engine._slot.scheduler if self.crawler.engine._slot else None
        if scheduler is not None and scheduler.df is not None and hasattr(scheduler.df, "forget"):
            scheduler.df.forget(request)  # failed: the next run tries again
        ack(self.server, self.settings.get("NEWSMON_WORKER_ID"), request.meta.pop(LEASE, None))


def distributed_spider_for(source):
    base = spider_for(source)
    return type(base.__name__, (DistributedSpider, base), {})


class LeaseAck:
    """Spider middleware closest to the engine: a response that yielded no article is finished
    once its output was taken (its requests are queued in Redis by then); an article hands its
    lease on to the item, acked by PushPipeline when the article is in the items list."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.owner = crawler.settings.get("NEWSMON_WORKER_ID")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _ack(self, lease):
        ack(self.crawler.spider.server, self.owner, lease)

    def process_spider_output(self, response, result, spider=None):
        lease, handed = response.meta.get(LEASE), False
        try:
            for out in result:
                if lease and isinstance(out, ArticleRecord):
                    out.newsmon_lease, handed = lease, True
                yield out
        finally:
            if not handed:
                self._ack(lease)

    async def process_spider_output_async(self, response, result, spider=None):
        lease, handed = response.meta.get(LEASE), False
        try:
            async for out in result:
                if lease and isinstance(out, ArticleRecord):
                    out.newsmon_lease, handed = lease, True
                yield out
        finally:
            if not handed:
                self._ack(lease)


def record_message(item: ArticleRecord, run_id: int | None) -> str:
    data = dataclasses.asdict(item)
    data["site_chrome"] = sorted(item.site_chrome or ())  # a frozenset: JSON has no sets
    data["storage_prep"] = storage_prep.to_json(item.storage_prep)  # bytes as base64
    return json.dumps({"type": "article", "run_id": run_id, "item": data}, default=str)


class PushPipeline:
    """Last step on a worker: the finished article to the items list; lease acked atomically."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.owner = crawler.settings.get("NEWSMON_WORKER_ID")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        server = self.crawler.spider.server
        lease = getattr(item, "newsmon_lease", None)
        message = record_message(item, current_run(server, item.source))
        pipe = server.pipeline(transaction=True)
        pipe.lpush(ITEMS, message)
        if lease:
            pipe.hdel(f"newsmon:inflight:{self.owner}", lease)
        pipe.execute()
        item.newsmon_lease = None
        item.html = ""  # pushed; keeps memory flat
        return item


class WorkerRecorder(RunRecorder):
    """The run recorder of a worker: counters summed into the run's stats hash every second,
    errors sent to the writer as rows; no database."""

    def spider_opened(self, spider):
        self.server = spider.server
        self.owner = self.crawler.settings.get("NEWSMON_WORKER_ID")
        self._sent: dict[str, float] = {}
        self._started = (time.time(), time.monotonic())
        self._flusher.start(1.0, now=True)

    def _numbers(self) -> dict[str, float]:
        return {
            k: v
            for k, v in self.stats.get_stats().items()
            if k.startswith(_SUMMED)
            and isinstance(v, int | float)
            and not isinstance(v, bool)
            and k != "newsmon/run_id"
        }

    def flush(self):
        spider = self.crawler.spider
        if not hasattr(self, "server"):  # the spider never opened
            return
        members = self.server.smembers(chrome_key(spider.source.name))
        spider.site_chrome = frozenset(m.decode() for m in members)
        run = {k.decode(): v.decode() for k, v in self.server.hgetall(_run_key(spider)).items()}
        run_id = int(run["run_id"]) if run.get("run_id") else None
        if run_id != spider.run_id and run_id is not None:
            spider.run_id = run_id
            spider.new_run(run)
        numbers = self._numbers()
        delta = {k: v - self._sent.get(k, 0) for k, v in numbers.items()}
        self._sent = numbers
        delta = {k: v for k, v in delta.items() if v}
        if run_id is None or not delta:
            return
        pipe = self.server.pipeline(transaction=True)
        for key, value in delta.items():
            if isinstance(value, int):
                pipe.hincrby(stats_key(run_id), key, value)
            else:
                pipe.hincrbyfloat(stats_key(run_id), key, value)
        pipe.execute()

    def error(self, kind: str, url: str | None, message: str):
        super().error(kind, url, message)  # counters and log (no database here)
        source = self.crawler.spider.source.name
        row = {
            "type": "error",
            "run_id": current_run(self.server, source),
            "source": source,
            "url": url,
            "kind": kind,
            "message": message,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self.server.lpush(ITEMS, json.dumps(row))

    def _done(self, item):
        ack(self.server, self.owner, getattr(item, "newsmon_lease", None))

    def item_error(self, item, response, spider, failure):
        super().item_error(item, response, spider, failure)
        self._done(item)

    def item_dropped(self, item, response, exception, spider):
        super().item_dropped(item, response, exception, spider)
        self._done(item)

    def spider_closed(self, spider, reason):
        if self._flusher.running:
            self._flusher.stop()
        self.flush()


def _run_key(spider) -> str:
    from crawler.distributed import run_key

    return run_key(spider.source.name)


def process_info(role: str, started: str, **extra) -> dict:
    return {
        "role": role,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started_at": started,
        "last_heartbeat": datetime.now(UTC).isoformat(timespec="seconds"),
        **extra,
    }


def run_worker(redis_url: str, sources_file, names: list[str], overrides: dict) -> int:
    """Run until SIGINT/SIGTERM (then in-flight requests finish; anything left is requeued)."""
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.sources import load_sources

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    # An idle worker asks the frontier for work on each engine heartbeat (Scrapy: 5 s).
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = 0.5
    worker_id = f"worker-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    settings = get_project_settings()
    if sources_file:
        settings.set("NEWSMON_SOURCES", str(sources_file), priority="cmdline")
    settings.setdict(worker_settings(redis_url, worker_id), priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    sources = [s for s in load_sources(sources_file) if not names or s.name in names]
    server = connect_redis(redis_url)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    crawlers = []

    def heartbeat():
        pages = 0
        for crawler in crawlers:
            if crawler.stats:
                pages += crawler.stats.get_value("downloader/response_count", 0)
        sources_names = [s.name for s in sources]
        beat(
            server,
            worker_id,
            process_info("worker", started, sources=sources_names, pages=pages),
            ALIVE_TTL,
        )
        recover_dead(server)

    heartbeat()
    process = CrawlerProcess(settings)
    for source in sources:
        crawler = process.create_crawler(distributed_spider_for(source))
        crawlers.append(crawler)
        process.crawl(crawler)
    from twisted.internet import reactor

    loop = task.LoopingCall(heartbeat)
    reactor.callWhenRunning(loop.start, HEARTBEAT, now=False)
    print(f"newsmon worker {worker_id}: {len(sources)} source(s), Redis {redis_url}", flush=True)
    process.start(stop_after_crawl=True)
    server.delete(f"newsmon:alive:{worker_id}")  # stopped cleanly: leases left are requeued
    recover_dead(server)
    return 0
