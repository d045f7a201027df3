"""Memory on hostile pages (docs/hostile.md): work is cut before it is done. An article page
over NEWSMON_MAX_ARTICLE_BYTES is refused before any parse; the peak of a whole hostile crawl
is printed by bench/hostile_memory.py."""

from __future__ import annotations

import json

import pytest

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


def _crawl_with_page(tmp_path, added_html: str, *settings: str) -> tuple:
    """A site of two articles, the second with `added_html` at the end of its text, crawled with
    `settings`; (database, base URL)."""
    server = RawHttpServer()
    port = server.start()
    try:
        server.route("/sobytiia/1-novost-1.html", html_page(article(1)))
        server.route(
            "/sobytiia/2-novost-2.html",
            html_page(article(2).replace("</article>", added_html + "</article>", 1)),
        )
        links = '<a href="/sobytiia/1-novost-1.html">1</a><a href="/sobytiia/2-novost-2.html">2</a>'
        server.route("/list/", html_page(f"<html><body>{links}</body></html>"))
        base = f"http://127.0.0.1:{port}"
        sources = tmp_path / "sources.toml"
        sources.write_text(
            source_toml(
                name="lists",
                url=base + "/",
                listings=[base + "/list/"],
                article=r"/sobytiia/\d+-novost-\d+\.html$",
            ),
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        assert crawl(sources, db, *settings) == 0
    finally:
        server.stop()
    return db, base


def _limit_rows(db) -> tuple[list[dict], dict]:
    errors = rows(db, "select kind, url, message from errors")
    (run,) = rows(db, "select limits_hit from crawl_runs")
    return errors, json.loads(run["limits_hit"] or "{}")


WORKERS = pytest.mark.parametrize(
    "workers", ["0", "2"]
)  # the chain in the crawl process, in a pool


@WORKERS
def test_an_article_with_more_figures_than_the_cap_keeps_the_first_and_counts_the_limit(
    tmp_path, workers
):
    """NEWSMON_MAX_FIGURES: a page of numbers (a table run together, or a hostile site) costs
    about 0.75 ms of CPU a figure; reading stops past the cap, the article is stored with its
    first figures, and the limit is an errors row and a count in the run's limits_hit."""
    table = "".join(f"<p>В районе {n} изъято {n + 1} кг гашиша.</p>" for n in range(60))
    settings = ("--set", "NEWSMON_MAX_FIGURES=25", "--set", f"NEWSMON_EXTRACT_WORKERS={workers}")
    db, base = _crawl_with_page(tmp_path, table, *settings)
    counts = {
        r["url"]: r["n"]
        for r in rows(
            db,
            "select a.url, count(f.id) n from articles a left join figures f"
            " on f.article_id = a.id and not f.in_title group by a.url",
        )
    }
    assert counts[base + "/sobytiia/2-novost-2.html"] == 25
    assert 0 < counts[base + "/sobytiia/1-novost-1.html"] < 25
    errors, limits = _limit_rows(db)
    assert [(e["kind"], e["url"]) for e in errors] == [
        ("too_many_figures", base + "/sobytiia/2-novost-2.html")
    ]
    assert "NEWSMON_MAX_FIGURES" in errors[0]["message"]
    assert limits == {"figures_per_article": 1}
    assert project_settings.NEWSMON_MAX_FIGURES >= 1000, "real pages hold a few hundred figures"


@WORKERS
def test_an_article_with_more_unknown_names_than_the_ner_budget_counts_the_limit(tmp_path, workers):
    """NEWSMON_MAX_NER_SENTENCES: natasha tags a sentence in about 2 ms, and a page listing
    names only NER can tell from places («Грибова», a surname pymorphy reads as a town) could
    hold tens of thousands; past the budget they are left to the gazetteer, the article is
    stored, and the limit is counted."""
    names = "<p>Потерпевшего Грибова избили вечером.</p>" * 12
    settings = (
        "--set", "NEWSMON_MAX_NER_SENTENCES=4", "--set", f"NEWSMON_EXTRACT_WORKERS={workers}"
    )  # fmt: skip
    db, base = _crawl_with_page(tmp_path, names, *settings)
    assert len(rows(db, "select id from articles")) == 2
    errors, limits = _limit_rows(db)
    assert [(e["kind"], e["url"]) for e in errors] == [
        ("too_many_names", base + "/sobytiia/2-novost-2.html")
    ]
    assert "NEWSMON_MAX_NER_SENTENCES" in errors[0]["message"]
    assert limits == {"ner_sentences": 1}
    assert project_settings.NEWSMON_MAX_NER_SENTENCES >= 100
