"""`newsmon writer`: the one process that writes what the workers found into SQLite.

It moves a batch of items from the items list to its processing list (LMOVE), stores each
through pipelines.articles.store_article (one transaction per article, as a single-machine
crawl does), and removes an item from Redis only after its transaction committed. At start it
first finishes what a killed writer left in the processing list. An item whose article is
already stored with the same fetch time and text was committed before the kill: it is removed,
not stored twice. Workers' heartbeats are copied into the `cluster_workers` table for
`newsmon status`.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from datetime import UTC, datetime

from crawler.distributed import (
    FAILED_ITEMS,
    ITEMS,
    PROCESSING,
    WORKERS,
    chrome_key,
    connect_redis,
    known_key,
    stats_key,
)
from crawler.distributed.queue import beat
from pipelines import storage_prep
from pipelines.articles import content_hash, find_article_id, store_article
from pipelines.chrome import MIN_PAGES, MIN_SHARE, learn_page, load_chrome
from pipelines.db import StorageError, connect, write_transaction
from pipelines.items import ArticleRecord

WRITER_ID = "writer"
BATCH = 50
MIRROR_SECONDS = 5.0
RETRY_SECONDS = 2.0  # after a storage failure (disk full, locked): the item stays in Redis

WORKERS_TABLE = """create table if not exists cluster_workers (
  id text primary key, role text, host text, pid integer, sources text,
  started_at text, last_heartbeat text, pages integer)"""


def _committed(db, record: ArticleRecord) -> bool:
    """Was this very item stored already (same article, same fetch, same text)?"""
    article_id = find_article_id(db, record.url)
    if article_id is None:
        return False
    row = db.execute(
        "select fetched_at, content_hash from articles where id = ?", [article_id]
    ).fetchone()
    return row == (record.fetched_at, content_hash(record.title, record.body))


def _error_committed(db, row: dict) -> bool:
    return bool(
        db.execute(
            "select 1 from errors where run_id is ? and url is ? and kind = ? and at = ? "
            "and message = ?",
            [row["run_id"], row["url"], row["kind"], row["at"], row["message"]],
        ).fetchone()
    )


class Writer:
    def __init__(self, redis_url: str, db_path, batch: int = BATCH, say=print):
        self.server = connect_redis(redis_url)
        self.db = connect(db_path)
        self.batch = batch
        self.say = say
        self.chrome_pages, self.chrome_share = MIN_PAGES, MIN_SHARE
        self.stored = 0
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        self._mirrored = 0.0
        with write_transaction(self.db):
            self.db.execute(WORKERS_TABLE)

    def store(self, raw: bytes) -> dict[str, int]:
        """Store one item; returns the run counters it adds (empty when it was stored before)."""
        message = json.loads(raw)
        if message["type"] == "error":
            if _error_committed(self.db, message):
                return {}
            row = {k: message[k] for k in ("run_id", "source", "url", "kind", "message", "at")}
            with write_transaction(self.db):
                self.db["errors"].insert(row)
            return {}
        record = ArticleRecord(**message["item"])
        record.site_chrome = frozenset(record.site_chrome or ())
        record.storage_prep = storage_prep.from_json(record.storage_prep)
        record.run_id = message.get("run_id")
        counts: dict[str, int] = {}
        if not _committed(self.db, record):
            _, outcome = store_article(self.db, record)
            counts[f"newsmon/articles_{outcome}"] = 1
            if outcome != "unchanged":
                counts["newsmon/figures"] = len(record.figures)
        self.learn_chrome(record)  # a page counts once, so a redelivery is harmless
        return counts

    def learn_chrome(self, record: ArticleRecord) -> None:
        """What ChromeLearning does in a single-machine crawl; the workers read the result."""
        if not record.chrome_lines:
            return
        with write_transaction(self.db):
            counted = learn_page(self.db, record.source, record.url, record.chrome_lines)
        if counted:
            chrome = load_chrome(self.db, record.source, self.chrome_pages, self.chrome_share)
            pipe = self.server.pipeline(transaction=True)
            pipe.delete(chrome_key(record.source))
            if chrome:
                pipe.sadd(chrome_key(record.source), *chrome)
            pipe.execute()

    def finish(self, raw: bytes, counts: dict[str, int], message_run: int | None, urls) -> None:
        """The item is committed: remove it, add its counters and its URLs, atomically."""
        pipe = self.server.pipeline(transaction=True)
        pipe.lrem(PROCESSING, 1, raw)
        if message_run is not None:
            for key, value in counts.items():
                pipe.hincrby(stats_key(message_run), key, value)
        source, found = urls
        if source and found:
            pipe.sadd(known_key(source), *found)
        pipe.execute()

    def handle(self, raw: bytes) -> None:
        try:
            counts = self.store(raw)
        except StorageError:
            raise  # the disk, not the item: it stays in Redis and is tried again
        except Exception as exc:  # a bug with this item: kept aside, never lost
            self.say(
                f"newsmon writer: item not stored ({type(exc).__name__}: {exc})", file=sys.stderr
            )
            pipe = self.server.pipeline(transaction=True)
            pipe.lpush(FAILED_ITEMS, raw)
            pipe.lrem(PROCESSING, 1, raw)
            pipe.execute()
            return
        message = json.loads(raw)
        item = message.get("item") or {}
        found = [u for u in (item.get("url"), item.get("requested_url")) if u]
        self.finish(raw, counts, message.get("run_id"), (item.get("source"), found))
        self.stored += 1

    def recover(self) -> int:
        """What a killed writer took and may not have committed: finished now."""
        left = self.server.lrange(PROCESSING, 0, -1)
        for raw in reversed(left):
            self.handle(raw)
        return len(left)

    def take(self, timeout: float) -> list[bytes]:
        first = self.server.blmove(ITEMS, PROCESSING, timeout, "RIGHT", "LEFT")
        if first is None:
            return []
        pipe = self.server.pipeline(transaction=False)
        for _ in range(self.batch - 1):
            pipe.lmove(ITEMS, PROCESSING, "RIGHT", "LEFT")
        return [first, *(raw for raw in pipe.execute() if raw is not None)]

    def beat(self) -> None:
        info = {
            "role": "writer",
            "host": os.uname().nodename,
            "pid": os.getpid(),
            "started_at": self.started,
            "last_heartbeat": datetime.now(UTC).isoformat(timespec="seconds"),
            "pages": self.stored,
        }
        beat(self.server, WRITER_ID, info, 15.0)
        if time.monotonic() - self._mirrored > MIRROR_SECONDS:
            self._mirrored = time.monotonic()
            self.mirror_workers()

    def mirror_workers(self) -> None:
        rows = []
        for key, value in self.server.hgetall(WORKERS).items():
            info = json.loads(value)
            rows.append(
                {
                    "id": key.decode(),
                    "role": info.get("role"),
                    "host": info.get("host"),
                    "pid": info.get("pid"),
                    "sources": ",".join(info.get("sources") or []),
                    "started_at": info.get("started_at"),
                    "last_heartbeat": info.get("last_heartbeat"),
                    "pages": info.get("pages"),
                }
            )
        if rows:
            with write_transaction(self.db):
                self.db["cluster_workers"].upsert_all(rows, pk="id")

    def run(self, stop: threading.Event | None = None, idle_exit: float | None = None) -> int:
        """Drain the items list until `stop` is set (or, with idle_exit, after that many idle
        seconds); returns the items stored."""
        self.beat()
        self.recover()
        idle_since = time.monotonic()
        while not (stop and stop.is_set()):
            self.beat()
            batch = self.take(1.0)
            if not batch:
                if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                    break
                continue
            idle_since = time.monotonic()
            for raw in batch:
                while True:
                    try:
                        self.handle(raw)
                        break
                    except StorageError as exc:
                        self.say(f"newsmon writer: {exc}; retrying", file=sys.stderr)
                        time.sleep(RETRY_SECONDS)
        self.db.close()
        return self.stored


def workers_lines(db) -> list[str]:
    """`newsmon status`: the cluster's processes the writer has seen, newest heartbeat first."""
    if "cluster_workers" not in db.table_names():
        return []
    rows = list(db.query("select * from cluster_workers order by last_heartbeat desc"))
    if not rows:
        return []
    lines = ["", "Cluster processes (newsmon worker / writer, as the writer last saw them):"]
    for r in rows:
        lines.append(
            f"  {r['role']:7} {r['id'][:48]:48} {r['host'] or '':16} pid {r['pid'] or '':<7}"
            f" last heartbeat {r['last_heartbeat']}  pages {r['pages'] or 0}"
        )
    return lines
