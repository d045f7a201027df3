"""The request queue with leases: scrapy-redis's priority queue, where a popped request stays in
Redis until the worker has finished with it.

scrapy-redis pops a request by removing it, so a worker killed between pop and storage loses
it. Here the pop moves it, atomically, into the worker's in-flight hash (`inflight_key`); the
worker acks it once its outcome is itself in Redis (child requests queued, the article pushed to
the items list, the error reported). A worker whose heartbeat key expired is dead: anyone may
put its in-flight requests back in their queues (`recover_dead`).
"""

from __future__ import annotations

import json
import uuid

import redis
from scrapy_redis.queue import PriorityQueue

from crawler.distributed import WORKERS, alive_key, inflight_key

LEASE = "newsmon_lease"  # request.meta key: the lease of a request taken from Redis

# Take the best request and keep it under a lease: "queue\nscore\ndata" (data is binary).
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], ARGV[1], KEYS[1] .. '\\n' .. item[2] .. '\\n' .. item[1])
return item[1]
"""
# Put every request of a dead worker back where it came from, with its priority, and give back
# the politeness slots it held.
_RECOVER = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local v = all[i + 1]
  local a = string.find(v, '\\n', 1, true)
  local b = string.find(v, '\\n', a + 1, true)
  redis.call('ZADD', string.sub(v, 1, a - 1), string.sub(v, a + 1, b - 1), string.sub(v, b + 1))
end
redis.call('DEL', KEYS[1])
for _, held in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local bar = string.find(held, '|', 1, true)
  redis.call('ZREM', string.sub(held, 1, bar - 1), string.sub(held, bar + 1))
end
redis.call('DEL', KEYS[3])
return #all / 2
"""


class LeasedPriorityQueue(PriorityQueue):
    """scrapy_redis.queue.PriorityQueue whose pop leases instead of removing."""

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.owner = spider.settings.get("NEWSMON_WORKER_ID") or "seeder"
        self.inflight = inflight_key(self.owner)
        self._pop = server.register_script(_POP)

    def push(self, request):
        """Queue a request; a request that carries a lease (a redirect or a retry of a leased
        one) replaces it, so the old lease is released in the same transaction."""
        old = request.meta.pop(LEASE, None)
        data = self._encode_request(request)
        pipe = self.server.pipeline(transaction=True)
        pipe.zadd(self.key, {data: -request.priority})
        if old:
            pipe.hdel(self.inflight, old)
        pipe.execute()

    def pop(self, timeout=0):
        lease = uuid.uuid4().hex
        data = self._pop(keys=[self.key, self.inflight], args=[lease])
        if not data:
            return None
        request = self._decode_request(data)
        request.meta[LEASE] = lease
        return request

    def ack(self, lease: str | None) -> None:
        if lease:
            self.server.hdel(self.inflight, lease)


def ack(server: redis.Redis, owner: str, lease: str | None) -> None:
    if lease:
        server.hdel(inflight_key(owner), lease)


def recover_dead(server: redis.Redis) -> int:
    """Requeue the in-flight requests of every process whose heartbeat expired; returns how
    many. Safe to run from several processes at once (the script is atomic and checks again)."""
    script = server.register_script(_RECOVER)
    moved = 0
    for raw in server.hkeys(WORKERS):
        owner = raw.decode()
        held = f"newsmon:polite:held:{owner}"  # politeness.held_key: its slots, given back
        if server.exists(inflight_key(owner), held) and not server.exists(alive_key(owner)):
            moved += int(script(keys=[inflight_key(owner), alive_key(owner), held]))
    return moved


def inflight_of(server: redis.Redis, queue: str) -> int:
    """Requests of one queue that some worker holds under a lease."""
    prefix = queue.encode() + b"\n"
    count = 0
    for raw in server.hkeys(WORKERS):
        for value in server.hvals(inflight_key(raw.decode())):
            count += value.startswith(prefix)
    return count


def beat(server: redis.Redis, process_id: str, info: dict, ttl: float) -> None:
    """A heartbeat: the alive key (expiring) and the process's row for `newsmon status`."""
    pipe = server.pipeline(transaction=True)
    pipe.set(alive_key(process_id), "1", px=int(ttl * 1000))
    pipe.hset(WORKERS, process_id, json.dumps(info, ensure_ascii=False))
    pipe.execute()
