"""Many machines: one frontier in Redis (scrapy-redis), N Scrapy workers, one writer to SQLite.

`newsmon crawl --distributed` seeds each source's start requests once per run and closes the run
records; `newsmon worker` runs the spiders with scrapy-redis's scheduler and dupefilter (leases,
expiring fingerprints, cluster-wide politeness added here) and pushes finished articles to a
Redis list; `newsmon writer` drains that list into SQLite through pipelines.articles. Every key
this package uses is named below, so an operator can find it with redis-cli.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # redis loads with the first connection: `newsmon extract` never needs it
    import redis

PREFIX = "newsmon"
ITEMS = f"{PREFIX}:items"  # list: finished articles and error rows (JSON), workers push left
PROCESSING = f"{PREFIX}:items:processing"  # list: taken by the writer, not yet committed
FAILED_ITEMS = f"{PREFIX}:items:failed"  # list: items the writer could not store (a bug)
WORKERS = f"{PREFIX}:workers"  # hash: process id -> JSON (role, host, pid, last heartbeat)
QUEUE_KEY = f"{PREFIX}:%(spider)s:requests"  # zset per source: scrapy-redis priority queue
DUPEFILTER_KEY = f"{PREFIX}:%(spider)s:dupefilter"  # zset per source: fingerprint -> expiry ms


def alive_key(process_id: str) -> str:
    """Exists while the process beats; its expiry is how a killed process is noticed."""
    return f"{PREFIX}:alive:{process_id}"


def inflight_key(process_id: str) -> str:
    """Hash of the requests a worker has taken and not finished: lease -> queue, score, data."""
    return f"{PREFIX}:inflight:{process_id}"


def run_key(source: str) -> str:
    """Hash of the source's current run (run_id, token, last_ok): absent between runs."""
    return f"{PREFIX}:run:{source}"


def stats_key(run_id: int | str) -> str:
    """Hash of a run's counters, summed over workers and the writer (Scrapy stats names)."""
    return f"{PREFIX}:stats:{run_id}"


def known_key(source: str) -> str:
    """Set of the article URLs (canonical and aliases) the database holds for a source."""
    return f"{PREFIX}:known:{source}"


def chrome_key(source: str) -> str:
    """Set of the line keys learned as the source's site chrome (the writer learns them, as
    ChromeLearning does in a single-machine crawl; workers strip them)."""
    return f"{PREFIX}:chrome:{source}"


def queue_key(source: str) -> str:
    return QUEUE_KEY % {"spider": source}


def dupefilter_key(source: str) -> str:
    return DUPEFILTER_KEY % {"spider": source}


def connect_redis(url: str) -> redis.Redis:
    import redis

    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


def current_run(server: redis.Redis, source: str) -> int | None:
    value = server.hget(run_key(source), "run_id")
    return int(value) if value else None
