"""The gov.kz spider against a local copy of the prosecutors' JSON news API."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.demo.server import LocalSite, Page
from tests.conftest import crawl, rows

SLUG = "prokuratura-test"
BODIES = [
    "<p>Прокуратурой области выявлено 12 фактов сбыта наркотиков.</p>",
    "<p>Изъято более 3 килограммов гашиша, задержаны трое.</p>",
    "<p>В суд направлено 7 уголовных дел.</p><p>Ещё 2 дела в работе.</p>",
]


def news_items(count: int) -> list[dict]:
    return [
        {
            "id": 9000 + i,
            "title": f"Итоги проверки №{i}",
            "body": BODIES[i % len(BODIES)] * 3,
            "created_date": f"2025-08-{20 - i:02d}T09:30:00+05:00",
        }
        for i in range(count)
    ]


class GovKzApi:
    def __init__(self, items: list[dict], wrap: bool = True):
        self.items = items
        self.wrap = wrap
        self.pages_asked: list[int] = []
        self.site = LocalSite()
        self.site.add("/robots.txt", "User-agent: *\nAllow: /\n")
        self.site.add_handler("/api/v1/public/content-manager/news", self.answer)

    def answer(self, handler) -> Page:
        query = parse_qs(urlsplit(handler.path).query)
        assert query["projects"] == [f"eq:{SLUG}"] and query["lang"] == ["ru"]
        page, size = int(query["page"][0]), int(query["size"][0])
        self.pages_asked.append(page)
        chunk = self.items[(page - 1) * size : page * size]
        payload = {"content": chunk, "totalElements": len(self.items)} if self.wrap else chunk
        return Page(
            json.dumps(payload, ensure_ascii=False).encode(),
            200,
            {"Content-Type": "application/json"},
        )

    def sources(self, folder):
        base = self.site.base_url
        entity = f"{base}/memleket/entities/{SLUG}"
        article = json.dumps("^" + re.escape(entity) + r"/press/news/details/\d+")
        text = f"""[[source]]
name = "prok_test"
url = "{entity}"
spider = "govkz"
api = "{base}/api/v1/public/content-manager/news?projects=eq:{SLUG}&lang=ru"
article = {article}
timezone = "Asia/Almaty"
region = "KZ-31"
"""
        path = folder / "sources.toml"
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def api():
    server = GovKzApi(news_items(7))
    server.site.start()
    yield server
    server.site.stop()


def test_api_pages_become_articles(api, tmp_path):
    db = tmp_path / "news.db"
    assert crawl(api.sources(tmp_path), db, "--set", "NEWSMON_API_PAGE_SIZE=3") == 0
    assert api.pages_asked == [1, 2, 3]
    articles = rows(db, "select * from articles order by published_at desc")
    assert len(articles) == 7
    first = articles[0]
    assert first["url"].endswith(f"/memleket/entities/{SLUG}/press/news/details/9000?lang=ru")
    assert first["title"] == "Итоги проверки №0"
    assert first["published_at"] == "2025-08-20T09:30:00+05:00"
    assert "12 фактов сбыта" in first["body"]
    assert rows(db, "select count(*) n from figures")[0]["n"] > 0


def test_incremental_run_stops_at_the_first_page_with_nothing_new(api, tmp_path):
    db = tmp_path / "news.db"
    sources = api.sources(tmp_path)
    crawl(sources, db, "--set", "NEWSMON_API_PAGE_SIZE=3")
    api.items.insert(0, {**news_items(1)[0], "id": 9999, "title": "Новое сообщение"})
    api.pages_asked.clear()
    crawl(sources, db, "--set", "NEWSMON_API_PAGE_SIZE=3")
    assert api.pages_asked == [1, 2]  # page 2 holds only known items: the walk ends there
    assert rows(db, "select count(*) n from articles")[0]["n"] == 8


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", "api_not_json"),
        (b'{"content": [{"id": 1, "title": "x"', "application/json", "bad_json"),
        (b'{"message": "unauthorized"}', "application/json", "bad_json"),
        (b'{"content": []}', "application/json", "api_empty"),
    ],
)
def test_broken_api_answers_are_recorded_not_fatal(tmp_path, body, content_type, kind):
    server = GovKzApi([])
    server.site.add("/api/v1/public/content-manager/news", body, Content_Type=content_type)
    with server.site:
        db = tmp_path / "news.db"
        assert crawl(server.sources(tmp_path), db) == 1  # the source failed entirely
        errors = rows(db, "select kind, message from errors")
        assert [e["kind"] for e in errors] == [kind]
        assert rows(db, "select status, errors from crawl_runs")[0] == {
            "status": "failed",
            "errors": 1,
        }
