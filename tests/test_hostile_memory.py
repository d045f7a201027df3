"""Memory on hostile pages (docs/hostile.md): work is cut before it is done. An article page
over NEWSMON_MAX_ARTICLE_BYTES is refused before any parse; the peak of a whole hostile crawl
is printed by bench/hostile_memory.py."""

from __future__ import annotations

from crawler import settings as project_settings
from tests.conftest import crawl, rows
from tests.support.hostile_site import RawHttpServer, article, html_page, source_toml


def test_an_article_page_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path):
    """NEWSMON_MAX_ARTICLE_BYTES: a page under DOWNLOAD_MAXSIZE but past the cap is never given
    to the parser or trafilatura (which take tens of times its size in memory); a page under it
    is stored as usual."""
    server = RawHttpServer()
    port = server.start()
    try:
        small = article(1)
        padding = "<p>Полицейские изъяли 5 кг гашиша в Караганде.</p>" * 2000  # about 150 KB
        big = article(2).replace("</body>", padding + "</body>", 1)
        server.route("/sobytiia/1-novost-1.html", html_page(small))
        server.route("/sobytiia/2-novost-2.html", html_page(big))
        links = '<a href="/sobytiia/1-novost-1.html">1</a><a href="/sobytiia/2-novost-2.html">2</a>'
        server.route("/list/", html_page(f"<html><body>{links}</body></html>"))
        base = f"http://127.0.0.1:{port}"
        sources = tmp_path / "sources.toml"
        sources.write_text(
            source_toml(
                name="capped",
                url=base + "/",
                listings=[base + "/list/"],
                article=r"/sobytiia/\d+-novost-\d+\.html$",
            ),
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        cap = 100_000
        assert len(small.encode()) < cap < len(big.encode()) < project_settings.DOWNLOAD_MAXSIZE
        assert crawl(sources, db, "--set", f"NEWSMON_MAX_ARTICLE_BYTES={cap}") == 0
    finally:
        server.stop()
    stored = [r["url"] for r in rows(db, "select url from articles")]
    assert stored == [base + "/sobytiia/1-novost-1.html"]
    refused = rows(db, "select kind, url, message from errors")
    assert [(e["kind"], e["url"]) for e in refused] == [
        ("too_large", base + "/sobytiia/2-novost-2.html")
    ]
    assert "NEWSMON_MAX_ARTICLE_BYTES" in refused[0]["message"]
    assert project_settings.NEWSMON_MAX_ARTICLE_BYTES >= 2 * 1024 * 1024, (
        "real article pages reach 1.5 MB: the default cap must let them through"
    )
