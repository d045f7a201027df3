"""Site chrome learned inside real crawls (pipelines/chrome_pipeline.py): every spider type's
records carry the learned chrome, and a crawl's stored bodies lack the lines the crawl learned
to be chrome — the first pages of a new source included — while those lines are in the
per-source chrome table."""

from __future__ import annotations

import json
import re

from crawler.demo.server import LocalSite
from crawler.sources import Source
from crawler.spiders.govkz import GovKzSpider
from pipelines.chrome import line_key
from tests.conftest import crawl, rows
from tests.test_govkz import GovKzApi, news_items

CHROME = "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости"
SENTENCES = [
    "Полицейские Караганды изъяли {n} кг гашиша у жителя Темиртау.",
    "Возбуждено уголовное дело номер {n}00 по статье о незаконном обороте.",
    "Подозреваемый номер {n} задержан, проводится следствие.",
]


def article_page(n: int) -> str:
    text = "".join(f"<p>{s.format(n=n)} Подробности дела {n} уточняются.</p>" for s in SENTENCES)
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Новость {n}</title></head><body><main><article><h1>Задержание номер {n}</h1>
{text}<p>{CHROME}</p></article></main></body></html>"""


def test_a_crawl_stores_no_body_with_the_chrome_it_learned(tmp_path):
    site = LocalSite()
    base = site.start()
    try:
        links = "".join(f'<a href="/news/{n}-zaderzhanie.html">{n}</a>' for n in range(1, 9))
        site.add("/robots.txt", "User-agent: *\nAllow: /\n")
        site.add("/list/", f"<html><body>{links}</body></html>")
        for n in range(1, 9):
            site.add(f"/news/{n}-zaderzhanie.html", article_page(n))
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "chromesite"\nurl = "{base}/"\nlistings = ["{base}/list/"]\n'
            "article = '/news/\\d+-'\n",
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        # the chain in the crawl process: the in-process path of the end-of-run cleaning
        assert crawl(sources, db, "--set", "NEWSMON_EXTRACT_WORKERS=0") == 0
    finally:
        site.stop()
    bodies = [r["body"] for r in rows(db, "select body from articles order by url")]
    assert len(bodies) == 8
    assert all(CHROME not in body for body in bodies)
    assert all("Подробности дела" in body for body in bodies)  # the text is kept
    learned = rows(db, "select line, pages_seen from source_chrome where source = 'chromesite'")
    assert {"line": CHROME, "pages_seen": 8} in learned


def test_the_govkz_spider_gives_its_records_the_learned_chrome():
    source = Source(
        name="prok_unit",
        url="https://www.gov.kz/memleket/entities/prokuror",
        article=r"/press/news/details/\d+",
        spider="govkz",
        api="https://www.gov.kz/api/v1/public/content-manager/news?projects=eq:prokuror",
    )
    spider = type("ProkUnit", (GovKzSpider,), {"source": source})()
    spider.site_chrome = frozenset({line_key(CHROME)})
    record = spider._record(news_items(1)[0], "2025-08-20T10:00:00+00:00")
    assert record.site_chrome == frozenset({line_key(CHROME)})


def test_a_govkz_crawl_stores_no_body_with_the_chrome(tmp_path):
    items = news_items(8)
    for item in items:
        item["body"] += f"<p>{CHROME}</p>"
    api = GovKzApi(items)
    api.site.start()
    try:
        db = tmp_path / "news.db"
        assert crawl(api.sources(tmp_path), db, "--set", "NEWSMON_API_PAGE_SIZE=3") == 0
    finally:
        api.site.stop()
    bodies = [r["body"] for r in rows(db, "select body from articles")]
    assert len(bodies) == 8 and all(CHROME not in body for body in bodies)
    assert all(re.search(r"\d", body) for body in bodies)
    learned = rows(db, "select line from source_chrome where source = 'prok_test'")
    assert json.dumps(CHROME) in json.dumps([r["line"] for r in learned])
