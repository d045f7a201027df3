"""Politeness across the cluster: per-domain concurrency and delay held in Redis, so N workers
together never hit a site harder than one worker would.

Before a request is downloaded, the worker takes a slot of its domain (a sorted set of tokens,
each expiring after the download timeout, so a killed worker's slots come back) and only when
the domain's last request started at least the delay ago. The response or error gives the slot
back. Limits: NEWSMON_CLUSTER_CONCURRENCY (default CONCURRENT_REQUESTS_PER_DOMAIN) and
NEWSMON_CLUSTER_DELAY seconds (default DOWNLOAD_DELAY). Each worker's own Scrapy limits still
apply inside these.
"""

from __future__ import annotations

import asyncio
import uuid
from urllib.parse import urlsplit

from crawler.distributed import PREFIX, connect_redis

TOKEN = "newsmon_polite"  # request.meta key: (domain, token) held by this request
POLL = 0.05  # seconds between tries while the domain is full
LOCAL_POLL = 0.005  # seconds between looks while this worker's own share of the domain is used

# 0: go. > 0: wait that many ms for the delay. -1: every slot is taken.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < next_at then return next_at - now end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return -1 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
redis.call('SADD', KEYS[3], KEYS[2] .. '|' .. ARGV[1])
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], now + tonumber(ARGV[3]), 'PX', tonumber(ARGV[3]) + 1000)
end
return 0
"""


def domain_keys(domain: str) -> list[str]:
    return [f"{PREFIX}:polite:{domain}:next", f"{PREFIX}:polite:{domain}:slots"]


def held_key(owner: str) -> str:
    """Set of the slots a worker holds ("slots key|token"): a dead worker's are given back at
    once (queue.recover_dead), not only when they expire."""
    return f"{PREFIX}:polite:held:{owner}"


class ClusterPoliteness:
    """Downloader middleware (see module docstring)."""

    def __init__(
        self, server, concurrency: int, delay: float, lease: float, owner="worker", local=0
    ):
        self.server = server
        # Scrapy queues a worker's requests per domain only after the middlewares: without this
        # local gate a worker would hold cluster slots for requests still waiting in its queue.
        self.local_limit = local or concurrency
        self.local: dict[str, int] = {}
        self.held = held_key(owner)
        self.concurrency = concurrency
        self.delay_ms = int(delay * 1000)
        self.lease_ms = int(lease * 1000)
        self._acquire = server.register_script(_ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(
            connect_redis(s.get("REDIS_URL")),
            s.getint("NEWSMON_CLUSTER_CONCURRENCY") or s.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            s.getfloat("NEWSMON_CLUSTER_DELAY", s.getfloat("DOWNLOAD_DELAY")),
            s.getfloat("DOWNLOAD_TIMEOUT") + 30,
            s.get("NEWSMON_WORKER_ID") or "worker",
            s.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
        )

    def try_acquire(self, domain: str, token: str) -> int:
        keys = [*domain_keys(domain), self.held]
        args = [token, self.concurrency, self.delay_ms, self.lease_ms]
        return int(self._acquire(keys=keys, args=args))

    def release(self, request) -> None:
        held = request.meta.pop(TOKEN, None)
        if held:
            self.local[held[0]] = max(0, self.local.get(held[0], 0) - 1)
            slots = domain_keys(held[0])[1]
            pipe = self.server.pipeline(transaction=True)
            pipe.zrem(slots, held[1])
            pipe.srem(self.held, f"{slots}|{held[1]}")
            pipe.execute()

    async def process_request(self, request, spider=None):
        domain = (urlsplit(request.url).hostname or "").lower()
        token = uuid.uuid4().hex
        while True:
            if self.local.get(domain, 0) >= self.local_limit:
                await asyncio.sleep(LOCAL_POLL)
                continue
            wait = self.try_acquire(domain, token)
            if wait == 0:
                break
            await asyncio.sleep(wait / 1000 if wait > 0 else POLL)
        self.local[domain] = self.local.get(domain, 0) + 1
        request.meta[TOKEN] = (domain, token)
        return None

    def process_response(self, request, response, spider=None):
        self.release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self.release(request)
        return None
