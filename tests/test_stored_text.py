"""Text is stored as the characters the page shows (issue 17, item 7): `&lt;script&gt;` in a
title is the text `<script>` in the database (escaped again on display), tags in the page are
markup and go, and the headline is not repeated at the top of the body. A real crawl of a local
site, and the plain-text step on its own."""

from __future__ import annotations

import html

from crawler.demo.server import LocalSite
from crawler.runner import CrawlRequest, run_crawls
from pipelines.items import ArticleRecord
from pipelines.plain_text import PlainTextPipeline
from tests.conftest import rows

SHOWN_TITLE = "<script>alert(1)</script> Изъято 7 кг героина"
TEXT = (
    "Сотрудники полиции Алматы изъяли 7 кг героина у жителя города. Возбуждено уголовное дело "
    "по статье о незаконном обороте наркотиков, задержанный водворён в изолятор."
)


def page(title_html: str) -> str:
    paragraphs = "".join(f"<p>{TEXT} Подробность номер {i}.</p>" for i in range(1, 5))
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{title_html}</title>"
        f'<meta property="og:title" content="{html.escape(SHOWN_TITLE)}">'
        '<meta property="article:published_time" content="2025-03-01T10:00:00+05:00"></head>'
        '<body><header><nav><a href="/">Главная</a></nav></header><main><article>'
        f"<h1>{title_html}</h1><p>Код &lt;b&gt;не&lt;/b&gt; тег, а <b>это</b> тег; a &lt; b.</p>"
        f"{paragraphs}</article></main><footer>© Демо</footer></body></html>"
    )


def test_a_crawled_title_keeps_the_characters_the_page_shows(tmp_path):
    site = LocalSite()
    base = site.start()
    escaped = html.escape(SHOWN_TITLE, quote=False)  # how the page writes it
    try:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", Content_Type="text/plain")
        site.add(
            "/news/",
            '<html><body><a href="/news/1-a.html">1</a></body></html>',
            Content_Type="text/html; charset=utf-8",
        )
        site.add("/news/1-a.html", page(escaped), Content_Type="text/html; charset=utf-8")
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "shown"\nurl = "{base}/"\nlistings = ["{base}/news/"]\n'
            'article = "/news/\\\\d+-a\\\\.html$"\n',
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        settings = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}
        (run,) = run_crawls(
            CrawlRequest(sources=["shown"], sources_file=sources, db=db, settings=settings)
        )
    finally:
        site.stop()
    assert run["status"] == "ok", run
    (article,) = rows(db, "select title, body from articles")
    assert article["title"] == SHOWN_TITLE
    body = article["body"]
    assert not body.startswith(SHOWN_TITLE) and "alert(1)" not in body, body[:200]
    assert "Код <b>не</b> тег, а это тег; a < b." in body  # text kept, markup gone


def test_the_plain_text_step_keeps_markup_looking_text_and_drops_a_repeated_headline():
    item = ArticleRecord(source="x", url="https://x.kz/1", html="", fetched_at="2025-03-01")
    item.title = SHOWN_TITLE
    item.body = f"{SHOWN_TITLE}\n{TEXT}\nЕщё <i>абзац</i>."
    PlainTextPipeline().process_item(item)
    assert item.title == SHOWN_TITLE
    assert item.body == f"{TEXT}\nЕщё <i>абзац</i>."
