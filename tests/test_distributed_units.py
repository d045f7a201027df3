"""crawler/distributed against fakeredis (with Lua): leases, expiring fingerprints, cluster-wide
politeness, the writer's exactly-once storage. The whole cluster runs against a real
redis-server in tests/test_distributed.py."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.settings import Settings

fakeredis = pytest.importorskip("fakeredis")
pytest.importorskip("lupa", reason="fakeredis needs lupa to run Lua scripts")

from crawler.distributed import ITEMS, PROCESSING, WORKERS, alive_key, inflight_key  # noqa: E402
from crawler.distributed.dupefilter import ExpiringDupeFilter  # noqa: E402
from crawler.distributed.politeness import ClusterPoliteness  # noqa: E402
from crawler.distributed.queue import LeasedPriorityQueue, beat, recover_dead  # noqa: E402
from crawler.distributed.worker import record_message  # noqa: E402
from crawler.distributed.writer import Writer  # noqa: E402
from pipelines.articles import upsert_source  # noqa: E402
from pipelines.db import connect  # noqa: E402
from pipelines.items import ArticleRecord  # noqa: E402


class _Spider:
    name = "gen"

    def __init__(self, worker="w1"):
        self.settings = Settings({"NEWSMON_WORKER_ID": worker})

    def parse_article(self, response):  # a callback the queue can name
        pass

    def parse_listing(self, response):
        pass


@pytest.fixture
def server():
    return fakeredis.FakeRedis()


def test_a_popped_request_stays_leased_until_acked_and_returns_when_its_worker_dies(server):
    spider = _Spider("w1")
    queue = LeasedPriorityQueue(server, spider, "newsmon:gen:requests")
    queue.push(Request("http://a.test/1", callback=spider.parse_article, priority=10))
    queue.push(Request("http://a.test/2", callback=spider.parse_article))
    first = queue.pop()
    assert first.url == "http://a.test/1"  # priority first
    assert server.hlen(inflight_key("w1")) == 1 and len(queue) == 1
    queue.ack(first.meta["newsmon_lease"])
    second = queue.pop()
    assert server.hlen(inflight_key("w1")) == 1 and len(queue) == 0
    # w1 is alive: nothing moves; once its heartbeat expired, its request is queued again
    beat(server, "w1", {"role": "worker"}, 60)
    assert recover_dead(server) == 0
    server.delete(alive_key("w1"))
    assert recover_dead(server) == 1
    assert len(queue) == 1 and not server.exists(inflight_key("w1"))
    again = LeasedPriorityQueue(server, _Spider("w2"), "newsmon:gen:requests").pop()
    assert again.url == second.url and again.callback.__name__ == "parse_article"


def test_a_redirect_of_a_leased_request_replaces_its_lease(server):
    spider = _Spider("w1")
    queue = LeasedPriorityQueue(server, spider, "newsmon:gen:requests")
    queue.push(Request("http://a.test/old", callback=spider.parse_article))
    popped = queue.pop()
    queue.push(popped.replace(url="http://a.test/new"))  # what RedirectMiddleware schedules
    assert server.hlen(inflight_key("w1")) == 0
    assert queue.pop().url == "http://a.test/new"


def test_fingerprints_expire_listings_soon_articles_late_and_failures_are_forgotten(server):
    spider = _Spider()
    seen = ExpiringDupeFilter(server, "newsmon:gen:dupefilter", article_ttl=60, listing_ttl=0.3)
    listing = Request("http://a.test/news/", callback=spider.parse_listing)
    article = Request("http://a.test/news/1-statya.html", callback=spider.parse_article)
    assert not seen.request_seen(listing) and not seen.request_seen(article)
    assert seen.request_seen(listing) and seen.request_seen(article)
    time.sleep(0.4)
    assert not seen.request_seen(listing)  # the next run reads the listing again
    assert seen.request_seen(article)  # ... and not the article
    seen.forget(article)
    assert not seen.request_seen(article)
    assert server.type("newsmon:gen:dupefilter") == b"zset"


def test_two_workers_share_one_domains_concurrency_and_delay(server):
    a = ClusterPoliteness(server, concurrency=2, delay=0, lease=30)
    b = ClusterPoliteness(server, concurrency=2, delay=0, lease=30)
    assert a.try_acquire("site.test", "t1") == 0
    assert b.try_acquire("site.test", "t2") == 0
    assert a.try_acquire("site.test", "t3") == -1 and b.try_acquire("site.test", "t4") == -1
    assert a.try_acquire("other.test", "t5") == 0  # another site is not held back
    b.release(SimpleNamespace(meta={"newsmon_polite": ("site.test", "t2")}))
    assert a.try_acquire("site.test", "t3") == 0
    slow = ClusterPoliteness(server, concurrency=4, delay=0.5, lease=30)
    assert slow.try_acquire("slow.test", "s1") == 0
    wait = ClusterPoliteness(server, concurrency=4, delay=0.5, lease=30).try_acquire(
        "slow.test", "s2"
    )
    assert 0 < wait <= 500  # the other worker waits out the site's delay


def _item(n: int) -> ArticleRecord:
    record = ArticleRecord(
        source="gen",
        url=f"http://a.test/news/{n}-statya.html",
        html="<html><body><p>Текст</p></body></html>",
        fetched_at="2025-11-01T10:00:00+00:00",
        title=f"Заголовок {n}",
        body=f"Изъято {n} кг гашиша.",
        extractor="trafilatura",
    )
    return record


def test_a_killed_writer_loses_nothing_and_stores_nothing_twice(server, tmp_path, monkeypatch):
    monkeypatch.setattr("crawler.distributed.writer.connect_redis", lambda url: server)
    db_path = tmp_path / "news.db"
    db = connect(db_path)
    source = SimpleNamespace(
        name="gen",
        url="http://a.test/",
        spider="news",
        lang="ru",
        timezone=None,
        region=None,
        schedule="daily",
    )
    upsert_source(db, source, "{}")  # the coordinator's part
    db.close()
    for n in range(3):
        server.lpush(ITEMS, record_message(_item(n), None))
    writer = Writer("redis://fake", db_path, batch=10)
    batch = writer.take(0.1)
    assert len(batch) == 3 and server.llen(PROCESSING) == 3
    writer.store(batch[0])  # committed, then the writer is killed before removing it
    writer.db.close()
    again = Writer("redis://fake", db_path)
    assert again.recover() == 3
    assert server.llen(PROCESSING) == 0 and server.llen(ITEMS) == 0
    db = connect(db_path)
    urls = [r[0] for r in db.execute("select url from articles")]
    assert sorted(urls) == sorted(_item(n).url for n in range(3))
    assert server.sismember("newsmon:known:gen", _item(1).url)


def test_worker_rows_are_mirrored_for_status(server, tmp_path, monkeypatch):
    monkeypatch.setattr("crawler.distributed.writer.connect_redis", lambda url: server)
    info = {"role": "worker", "host": "m1", "pid": 7, "last_heartbeat": "2025-11-01T10:00:00"}
    server.hset(WORKERS, "worker-m1-7", json.dumps(info))
    writer = Writer("redis://fake", tmp_path / "news.db")
    writer.mirror_workers()
    from crawler.distributed.writer import workers_lines

    lines = workers_lines(writer.db)
    assert any("worker-m1-7" in line and "2025-11-01T10:00:00" in line for line in lines)


def test_a_dead_workers_politeness_slots_come_back_at_once(server):
    dead = ClusterPoliteness(server, concurrency=1, delay=0, lease=300, owner="w1")
    beat(server, "w1", {"role": "worker"}, 60)
    assert dead.try_acquire("site.test", "t1") == 0
    other = ClusterPoliteness(server, concurrency=1, delay=0, lease=300, owner="w2")
    assert other.try_acquire("site.test", "t2") == -1
    server.delete(alive_key("w1"))  # killed: its heartbeat expired
    recover_dead(server)
    assert other.try_acquire("site.test", "t2") == 0  # not 300 s later
