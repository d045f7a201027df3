"""429/5xx are retried, waiting as long as Retry-After asks (up to RETRY_AFTER_MAX)."""

from __future__ import annotations

import json
import re
import time

from crawler.demo.server import LocalSite, Page
from crawler.middlewares import retry_after_seconds
from tests.conftest import crawl, rows
from tests.support.sites import article_html


def test_retry_after_header_forms():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    from datetime import UTC, datetime

    now = datetime(2025, 8, 1, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Fri, 01 Aug 2025 10:00:30 GMT", now) == 30.0


def test_429_with_retry_after_waits_then_stores(tmp_path):
    site = LocalSite()
    calls = {"busy": [], "down": []}

    def busy(handler):
        calls["busy"].append(time.monotonic())
        if len(calls["busy"]) == 1:
            return Page(b"slow down", 429, {"Retry-After": "1"})
        html = article_html("Статья", "Изъято 5 кг гашиша.", "2025-08-01T10:00:00+05:00")
        return Page(html.encode(), 200, {"Content-Type": "text/html; charset=utf-8"})

    def down(handler):
        calls["down"].append(time.monotonic())
        return Page(b"maintenance", 503, {"Retry-After": "86400"})

    with site:
        base = site.base_url
        site.add("/robots.txt", "User-agent: *\n")
        site.add_handler("/n/1-busy.html", busy)
        site.add_handler("/n/2-down.html", down)
        links = "".join(
            f"<item><link>{base}/n/{p}.html</link></item>" for p in ("1-busy", "2-down")
        )
        site.add("/rss.xml", f"<rss><channel>{links}</channel></rss>")
        sources = tmp_path / "s.toml"
        article = "^" + re.escape(base) + r"/n/\d+-\w+\.html$"
        sources.write_text(
            f'[[source]]\nname = "retry"\nurl = "{base}/"\nfeeds = ["{base}/rss.xml"]\n'
            f"article = {json.dumps(article)}\n",
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        assert crawl(sources, db, "--set", "RETRY_AFTER_MAX=5") == 0

    assert len(calls["busy"]) == 2
    assert calls["busy"][1] - calls["busy"][0] >= 0.9, "the retry did not wait for Retry-After"
    assert len(calls["down"]) == 1, "a Retry-After beyond RETRY_AFTER_MAX is not waited for"
    assert [r["url"].rsplit("/", 1)[1] for r in rows(db, "select url from articles")] == [
        "1-busy.html"
    ]
    assert [e["kind"] for e in rows(db, "select kind from errors")] == ["http_503"]
