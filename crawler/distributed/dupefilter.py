"""Fingerprints that expire: scrapy-redis's dupefilter keeps (fingerprint, expiry) in a sorted
set instead of a plain set (scrapy-redis issue #84: a URL seen once is never fetched again).

Article URLs are kept long (NEWSMON_ARTICLE_FP_TTL; the article store knows what it has);
feeds, sitemaps and listings until the source's next scheduled run (NEWSMON_LISTING_FP_TTL
overrides it), so the next run reads them again. A request that failed is forgotten, so the
next run tries it again. Expiry is Redis's clock, the same for every machine.
"""

from __future__ import annotations

from datetime import datetime

from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.distributed import dupefilter_key

ARTICLE_TTL = 180 * 86400  # seconds
MIN_LISTING_TTL = 60
PURGE_EVERY = 1000  # calls between removals of expired fingerprints

_SEEN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expiry and tonumber(expiry) > now then return 1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
if ARGV[3] == '1' then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) end
return 0
"""


def until_next_run(source, now: datetime | None = None) -> float:
    """Seconds from now to the source's next scheduled run (its `schedule`)."""
    from crawler.due import trigger_for

    trigger = trigger_for(source)
    now = now or datetime.now(trigger.timezone)
    following = trigger.get_next_fire_time(None, now)
    return max(MIN_LISTING_TTL, (following - now).total_seconds()) if following else 86400


def is_article_request(request) -> bool:
    callback = request.callback
    return getattr(callback, "__name__", callback) == "parse_article"


class ExpiringDupeFilter(RFPDupeFilter):
    def __init__(self, server, key, debug=False, article_ttl=ARTICLE_TTL, listing_ttl=3600.0):
        super().__init__(server, key, debug)
        self.article_ttl = article_ttl
        self.listing_ttl = listing_ttl
        self._seen = server.register_script(_SEEN)
        self._calls = 0

    @classmethod
    def from_spider(cls, spider):
        settings = spider.settings
        listing = settings.getfloat("NEWSMON_LISTING_FP_TTL") or until_next_run(spider.source)
        return cls(
            spider.server if hasattr(spider, "server") else _server(settings),
            key=dupefilter_key(spider.name),
            debug=settings.getbool("DUPEFILTER_DEBUG"),
            article_ttl=settings.getfloat("NEWSMON_ARTICLE_FP_TTL", ARTICLE_TTL),
            listing_ttl=listing,
        )

    def ttl_of(self, request) -> float:
        return self.article_ttl if is_article_request(request) else self.listing_ttl

    def request_seen(self, request) -> bool:
        self._calls += 1
        purge = "1" if self._calls % PURGE_EVERY == 0 else "0"
        fp = self.request_fingerprint(request)
        ttl_ms = int(self.ttl_of(request) * 1000)
        return bool(self._seen(keys=[self.key], args=[fp, ttl_ms, purge]))

    def forget(self, request) -> None:
        """The request failed: the next run may try it again."""
        self.server.zrem(self.key, self.request_fingerprint(request))

    def close(self, reason=""):
        """Fingerprints are the cluster's: a worker that stops keeps them."""


def _server(settings):
    from scrapy_redis.connection import get_redis_from_settings

    return get_redis_from_settings(settings)
