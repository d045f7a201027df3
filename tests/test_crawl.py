"""End-to-end crawls of a real local site into a real SQLite file."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from crawler.cli import main
from pipelines.search_index import fts_query
from tests.conftest import crawl, rows
from tests.support.ops_sites import GrowingSite

ALL_STORED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11}  # 10 is a 404, 12 is behind robots.txt


def stored_numbers(db) -> set[int]:
    found = set()
    for row in rows(db, "select url from articles"):
        n = int(re.search(r"/(\d+)-statya-(\d+)\.html$", row["url"]).group(2))
        found.add(n)
    return found


def test_first_crawl_finds_every_article_once(news_site, tmp_path):
    db = tmp_path / "news.db"
    assert crawl(news_site.write_sources(tmp_path), db) == 0

    assert stored_numbers(db) == ALL_STORED
    urls = [r["url"] for r in rows(db, "select url from articles")]
    assert len(urls) == len(set(urls)) == len(ALL_STORED)
    assert not any("utm_" in u or "#" in u for u in urls), "tracking parameters were kept"
    # the 301 target is stored, under its new URL, and the old URL is remembered as an alias
    assert any(u.endswith("/sobytiia/90-statya-9.html") for u in urls)
    aliases = [r["url"] for r in rows(db, "select url from url_aliases")]
    assert any(a.endswith("/sobytiia/9-statya-9.html") for a in aliases)

    requested = news_site.site.requests
    assert not any(p.startswith("/private/") for p in requested), "robots.txt was not obeyed"
    assert not any(p.startswith("/archive/") for p in requested), "wandered into the calendar"
    assert not any(p.startswith("/about") for p in requested), "fetched a non-article page"


def test_bodies_dates_and_encodings_are_read(news_site, tmp_path):
    db = tmp_path / "news.db"
    crawl(news_site.write_sources(tmp_path), db)
    by_url = {r["url"]: r for r in rows(db, "select * from articles")}
    cp1251 = next(r for u, r in by_url.items() if u.endswith("/11-statya-11.html"))
    assert cp1251["title"].startswith("Статья 11")
    assert "Полицейские Алматы изъяли" in cp1251["body"]
    first = next(r for u, r in by_url.items() if u.endswith("/1-statya-1.html"))
    assert first["published_at"].startswith("2025-08-02T10:00:00+05:00")
    assert first["published_day"] == "2025-08-02"
    assert "Жамбылской области" in first["body"]
    assert "Главная" not in first["body"], "navigation leaked into the body"
    raw = rows(db, "select count(*) n from raw_pages")[0]["n"]
    assert raw == len(ALL_STORED), "every article keeps its raw HTML for re-extraction"


def test_figures_and_full_text_search_are_stored(news_site, tmp_path):
    db = tmp_path / "news.db"
    crawl(news_site.write_sources(tmp_path), db)
    figures = rows(
        db,
        "select f.value, f.unit, f.object, a.url "
        "from figures f join articles a on a.id = f.article_id",
    )
    masses = {(f["value"], f["unit"]) for f in figures if f["unit"] == "kg"}
    assert (36.808, "kg") in masses
    assert (1500.0, "kg") in masses
    # the full-text index reads words by lemma: «Павлодар» finds «в Павлодаре»
    query = fts_query("Павлодар")
    hits = rows(db, "select rowid from articles_search where articles_search match ?", [query])
    assert len(hits) == 1


def test_errors_and_run_record(news_site, tmp_path):
    db = tmp_path / "news.db"
    crawl(news_site.write_sources(tmp_path), db)
    errors = rows(db, "select kind, url from errors")
    assert any(e["kind"] == "http_404" and e["url"].endswith("/10-statya-10.html") for e in errors)
    run = rows(db, "select * from crawl_runs")[0]
    assert run["status"] == "ok"
    assert run["articles_new"] == len(ALL_STORED)
    assert run["errors"] == len(errors)
    assert run["pages"] > len(ALL_STORED)
    assert run["finished_at"] >= run["started_at"]
    assert '"http_404": 1' in run["error_kinds"]


def test_second_run_downloads_no_article_again(news_site, tmp_path):
    db = tmp_path / "news.db"
    sources = news_site.write_sources(tmp_path)
    crawl(sources, db)
    before = len(news_site.article_requests())
    assert crawl(sources, db) == 0
    again = news_site.article_requests()[before:]
    # only the 404 (never stored) and the moved URL's redirect are asked for again
    assert all(p.endswith(("/10-statya-10.html",)) for p in again), again
    runs = rows(db, "select * from crawl_runs order by id")
    assert len(runs) == 2
    assert runs[1]["articles_new"] == 0
    assert runs[1]["articles_skipped_known"] >= len(ALL_STORED)
    assert rows(db, "select count(*) n from articles")[0]["n"] == len(ALL_STORED)


def test_recrawl_revalidates_and_keeps_old_versions(news_site, tmp_path):
    db = tmp_path / "news.db"
    sources = news_site.write_sources(tmp_path)
    crawl(sources, db)
    old_body = rows(db, "select body from articles where url like '%/3-statya-3.html'")[0]["body"]
    news_site.texts[3] = "Прокуратура уточнила: выявлено 40 преступлений, а не 38."

    assert crawl(sources, db, "--recrawl") == 0
    run = rows(db, "select * from crawl_runs order by id desc limit 1")[0]
    assert run["mode"] == "recrawl"
    assert run["articles_updated"] == 1
    assert run["articles_unchanged"] >= len(ALL_STORED) - 1  # ETag answered 304
    article = rows(db, "select * from articles where url like '%/3-statya-3.html'")[0]
    assert article["version"] == 2 and "40 преступлений" in article["body"]
    versions = rows(db, "select * from article_versions where article_id = ?", [article["id"]])
    assert [v["body"] for v in versions] == [old_body]
    assert rows(db, "select count(*) n from articles")[0]["n"] == len(ALL_STORED)


def test_recrawl_of_a_date_range(news_site, tmp_path):
    db = tmp_path / "news.db"
    sources = news_site.write_sources(tmp_path)
    crawl(sources, db)
    before = len(news_site.article_requests())
    crawl(sources, db, "--recrawl", "--since", "2025-08-05", "--until", "2025-08-07")
    again = {p for p in news_site.article_requests()[before:]}
    # published 2025-08-05..07 are articles 4, 5, 6
    # and the 404 page, whose date nobody knows (an unknown date never excludes a page)
    assert again == {news_site.path(n) for n in (4, 5, 6, 10)}


def test_invalid_sources_file_is_refused_before_any_fetch(news_site, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(news_site.sources_toml().replace("feeds =", "feedz ="), encoding="utf-8")
    assert crawl(bad, tmp_path / "news.db") == 2
    assert "source 'testsite', key 'feedz': unknown key" in capsys.readouterr().err
    assert news_site.site.requests == []


def test_places_agencies_and_regions_are_stored(news_site, tmp_path):
    db = tmp_path / "news.db"
    crawl(news_site.write_sources(tmp_path), db)
    first = rows(db, "select * from articles where url like '%/1-statya-1.html'")[0]
    assert (first["region"], first["country"]) == ("KZ-31", "KZ")  # Жамбылской области
    places = rows(db, "select * from places where article_id = ?", [first["id"]])
    assert {p["region_code"] for p in places} == {"KZ-31"}
    agencies = {
        a["agency"]
        for a in rows(db, "select agency from agencies where article_id = ?", [first["id"]])
    }
    assert "mvd" in agencies  # «полицейские»
    masses = rows(db, "select * from figures where article_id = ? and unit = 'kg'", [first["id"]])
    assert masses and all(
        (f["region"], f["region_reason"]) == ("KZ-31", "sentence") for f in masses
    )
    # an article naming no place: its figures fall back to the source's home region (KZ)
    placeless = rows(
        db,
        "select f.region, f.country, f.region_reason from figures f "
        "join articles a on a.id = f.article_id where a.url like '%/3-statya-3.html'",
    )
    assert placeless and all(
        (f["region"], f["country"], f["region_reason"]) == (None, "KZ", "source") for f in placeless
    )


# -- URL patterns, the Scrapy way (re.search) --------------------------------------------------


def unanchored_sources(site, folder, article: str, follow: str | None) -> Path:
    """A sources file written as ../shared/DESIGN.md writes one: patterns without the host."""
    lines = [
        "[[source]]",
        'name = "growing"',
        f'url = "{site.site.base_url}/"',
        f'listings = ["{site.site.base_url}/news/"]',
        f"article = '{article}'",
        *([f"follow = '{follow}'"] if follow else []),
        'timezone = "Asia/Almaty"',
    ]
    path = folder / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def growing():
    site = GrowingSite(45)  # 20 a listing page: articles on pages 1, 2 and 3
    site.start()
    yield site
    site.stop()


def test_unanchored_patterns_find_every_article_on_every_listing_page(growing, tmp_path, capsys):
    sources = unanchored_sources(growing, tmp_path, r"/news/\d+-soobshchenie\.html", r"/page/\d+/$")
    db = tmp_path / "news.db"
    assert crawl(sources, db) == 0
    stored = {int(re.search(r"/(\d+)-", r["url"])[1]) for r in rows(db, "select url from articles")}
    assert stored == set(range(1, 46))
    run = rows(db, "select * from crawl_runs")[0]
    assert run["article_links"] == 45 and run["followed_pages"] == 2
    assert run["links"] >= 47 and run["unfollowed_pages"] == 0
    assert "warning" not in capsys.readouterr().out


def test_anchored_patterns_keep_working(news_site, tmp_path):
    # sources_toml() writes ^http://127.0.0.1:PORT/...$ patterns: the same articles as before
    db = tmp_path / "news.db"
    assert crawl(news_site.write_sources(tmp_path), db) == 0
    assert stored_numbers(db) == ALL_STORED


def test_links_that_never_match_article_raise_an_alarm(growing, tmp_path, capsys):
    # what a new user writes first: a pattern for another site's URLs
    sources = unanchored_sources(growing, tmp_path, r"/articles/\d+", r"/news/\?page=\d+$")
    db = tmp_path / "news.db"
    assert crawl(sources, db) == 0  # the crawl itself worked...
    out = capsys.readouterr().out
    assert rows(db, "select count(*) n from articles")[0]["n"] == 0
    run = rows(db, "select * from crawl_runs")[0]
    assert (run["status"], run["links"], run["article_links"]) == ("ok", 21, 0)  # 20 + page 2
    # ...but "0 articles, status ok" is never silent: the summary names the pattern
    assert (
        "warning: growing: 21 link(s) from feeds, sitemaps and listings, none matched "
        "article = '/articles/\\d+'; see what it matches: newsmon sources --check growing"
    ) in out
    assert "1 listing link(s) look like further pages, but follow = '/news/\\?page=\\d+$'" in out
    assert main(["status", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "no link matched article: 21 link(s) from feeds, sitemaps and listings, none " in out
    assert "matched '/articles/\\d+'" in out
    assert "1 alarm(s) on 1 source(s)" in out


def test_a_failed_run_says_what_happened(tmp_path, capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "gone"\nurl = "http://127.0.0.1:{port}/"\n'
        f'listings = ["http://127.0.0.1:{port}/news/", "http://127.0.0.1:{port}/more/"]\n'
        "article = '/news/\\d+'\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    assert crawl(sources, db, "--set", "RETRY_ENABLED=False") == 1
    run = rows(db, "select * from crawl_runs")[0]
    assert run["status"] == "failed"
    # both listings refused (an unreachable robots.txt is not an error of its own)
    assert run["finish_reason"] == "every request failed (connection_refused: 2)"
    assert "gone: failed (every request failed (connection_refused: 2))" in capsys.readouterr().out
    assert main(["status", "--db", str(db)]) == 1
    alarms = capsys.readouterr().out
    assert "last run failed: every request failed (connection_refused: 2)" in alarms
    assert "finished" not in alarms
