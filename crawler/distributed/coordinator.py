"""`newsmon crawl --distributed`: one run of the cluster, from seeding to the run records.

Under the crawl lock of the database (this runs beside the writer): a `crawl_runs` row per
source, the stored article URLs published to Redis (so no worker downloads them), each source's
start requests queued once; then it waits until every source's queue and leases are empty and
the writer has drained the items list, and closes each row with the counters the workers and
the writer summed in Redis (the same columns and statuses as a single-machine run).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from crawler.distributed import (
    ITEMS,
    PROCESSING,
    connect_redis,
    known_key,
    queue_key,
    run_key,
    stats_key,
)
from crawler.distributed.queue import LeasedPriorityQueue, inflight_of, recover_dead
from crawler.lock import CrawlLock
from crawler.run_recorder import RunRecorder, failure_reason, run_status
from crawler.runner import CrawlRequest, close_abandoned_runs, runs_of
from crawler.sources import Source, load_sources
from pipelines.articles import upsert_source
from pipelines.db import DEFAULT_DB, connect, write_transaction
from pipelines.health_schema import ensure_health_schema

POLL = 0.5  # seconds between looks at the frontier
FLUSH_SECONDS = 15  # the run rows are updated this often while the run goes on
WRITER_ALIVE = "newsmon:alive:writer"
KNOWN_BATCH = 5000


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Stats:
    """A run's summed counters, read the way RunRecorder reads Scrapy's stats."""

    def __init__(self, values: dict[str, float]):
        self.values = values

    def get_value(self, key, default=None):
        return self.values.get(key, default)

    def get_stats(self):
        return self.values


def run_stats(server, run_id: int) -> dict[str, float]:
    values = {}
    for key, value in server.hgetall(stats_key(run_id)).items():
        number = float(value)
        values[key.decode()] = int(number) if number.is_integer() else number
    return values


def run_counts(server, run_id: int) -> tuple[dict, dict]:
    stats = run_stats(server, run_id)
    return RunRecorder._counts(SimpleNamespace(stats=_Stats(stats))), stats


def publish_known(server, db, source: str) -> int:
    """The article URLs (and aliases) of a source the database holds, into its known set."""
    rows = db.execute(
        "select a.url from articles a where a.source = ? union all select u.url from "
        "url_aliases u join articles a on a.id = u.article_id where a.source = ?",
        [source, source],
    )
    total, batch = 0, []
    for (url,) in rows:
        batch.append(url)
        if len(batch) == KNOWN_BATCH:
            total += server.sadd(known_key(source), *batch)
            batch = []
    if batch:
        total += server.sadd(known_key(source), *batch)
    return total


def seed_start_requests(server, source: Source, settings) -> int:
    """Queue the source's start requests (its spider's own `start()`), once for this run."""
    from scrapy.crawler import Crawler

    from crawler.distributed.dupefilter import ExpiringDupeFilter
    from crawler.spiderloader import spider_for

    spidercls = spider_for(source)
    crawler = Crawler(spidercls, settings)
    spider = spidercls.from_crawler(crawler)
    spider.server = server
    queue = LeasedPriorityQueue(server, spider, queue_key(source.name))
    seen = ExpiringDupeFilter.from_spider(spider)

    async def collect():
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    for request in requests:
        seen.request_seen(request)  # later links to a start page wait for its expiry
        queue.push(request.replace(dont_filter=True))
    return len(requests)


def _open_runs(db_path: Path, sources: list[Source], token: str) -> dict[str, int]:
    db = connect(db_path)
    try:
        run_ids = {}
        with write_transaction(db):
            ensure_health_schema(db)
            for source in sources:
                upsert_source(db, source, json.dumps(source.__dict__, ensure_ascii=False))
                run_ids[source.name] = (
                    db["crawl_runs"]
                    .insert(
                        {
                            "token": token,
                            "source": source.name,
                            "mode": "incremental",
                            "started_at": _now(),
                            "status": "running",
                            "pid": os.getpid(),
                            "finish_reason": "distributed",
                        }
                    )
                    .last_pk
                )
        return run_ids
    finally:
        db.close()


def _last_ok(db_path: Path, source: str) -> str:
    db = connect(db_path)
    try:
        row = db.execute(
            "select max(started_at) from crawl_runs "
            "where source = ? and status = 'ok' and errors = 0",
            [source],
        ).fetchone()
        return row[0] or ""
    finally:
        db.close()


def pending(server, source: str) -> int:
    return server.zcard(queue_key(source)) + inflight_of(server, queue_key(source))


def _update_row(db_path: Path, run_id: int, values: dict) -> None:
    db = connect(db_path)
    try:
        with write_transaction(db):
            db["crawl_runs"].update(run_id, values)
    finally:
        db.close()


def close_run(db_path: Path, server, source: str, run_id: int, reason: str, started: float):
    counts, stats = run_counts(server, run_id)
    status = run_status(reason, stats.get("newsmon/pages_parsed", 0), counts)
    why = failure_reason(reason, counts) if status == "failed" else reason
    counts |= {"wall_seconds": round(time.time() - started, 3)}
    _update_row(
        db_path,
        run_id,
        counts | {"finished_at": _now(), "status": status, "finish_reason": why},
    )
    pipe = server.pipeline(transaction=True)
    pipe.delete(run_key(source))
    pipe.expire(stats_key(run_id), 7 * 86400)
    pipe.execute()


def run_distributed(request: CrawlRequest, redis_url: str, say=print) -> list[dict]:
    """One distributed run of request.sources; returns their crawl_runs rows."""
    from scrapy.settings import Settings

    from crawler import settings as base_settings

    db_path = Path(request.db or DEFAULT_DB)
    server = connect_redis(redis_url)
    server.ping()
    lock = CrawlLock(db_path, request.command or "newsmon crawl --distributed").acquire(
        request.lock_wait
    )
    try:
        close_abandoned_runs(db_path)
        all_sources = {s.name: s for s in load_sources(request.sources_file)}
        sources = [all_sources[name] for name in request.sources]
        settings = Settings()
        settings.setmodule(base_settings)
        if request.sources_file:
            settings.set("NEWSMON_SOURCES", str(request.sources_file))
        settings.set("NEWSMON_DB", str(db_path))
        settings.setdict(request.settings or {})
        settings.set("REDIS_URL", redis_url)
        token = uuid.uuid4().hex
        run_ids = _open_runs(db_path, sources, token)
        db = connect(db_path)
        try:
            for source in sources:
                publish_known(server, db, source.name)
        finally:
            db.close()
        for source in sources:
            server.hset(
                run_key(source.name),
                mapping={
                    "run_id": run_ids[source.name],
                    "token": token,
                    "last_ok": _last_ok(db_path, source.name),
                },
            )
            seed_start_requests(server, source, settings)
        _wait(request, server, db_path, sources, run_ids, say)
        return runs_of(db_path, token, request.sources)
    finally:
        lock.release()


def _wait(request, server, db_path, sources, run_ids, say) -> None:
    started = time.time()
    open_runs = {s.name for s in sources}
    last_flush = time.monotonic()
    warned = False
    while open_runs:
        time.sleep(POLL)
        recover_dead(server)
        stop = request.stop is not None and request.stop.is_set()
        over = request.time_limit and time.time() - started > request.time_limit
        items = server.llen(ITEMS) + server.llen(PROCESSING)
        for name in sorted(open_runs):
            if stop or over:
                server.delete(queue_key(name))  # what is in flight finishes; nothing new starts
            if pending(server, name) == 0 and items == 0:
                time.sleep(1.5)  # the workers' last counters (they flush every second)
                if pending(server, name) or server.llen(ITEMS) + server.llen(PROCESSING):
                    continue
                reason = "shutdown" if stop else "closespider_timeout" if over else "finished"
                close_run(db_path, server, name, run_ids[name], reason, started)
                open_runs.discard(name)
        if items and not server.exists(WRITER_ALIVE) and not warned:
            say(
                "newsmon: items wait in Redis and no writer is running (start `newsmon writer`)",
                file=sys.stderr,
            )
            warned = True
        if time.monotonic() - last_flush > FLUSH_SECONDS:
            last_flush = time.monotonic()
            for name in open_runs:
                _update_row(db_path, run_ids[name], run_counts(server, run_ids[name])[0])
