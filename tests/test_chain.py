"""The article chain (pipelines/chain.py): the crawl, `newsmon extract` and `newsmon reextract`
run the same steps in the same order, and every offset a step records points into the text that
is stored."""

from __future__ import annotations

import dataclasses
import json
from typing import ClassVar

import scrapy
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.cli import main
from crawler.page_reports import PAGE_REPORTS
from crawler.sources import Source
from pipelines.articles import store_article, upsert_source
from pipelines.chain import (
    ARTICLE_STEPS,
    STORE_PIPELINE,
    TEXT_STEPS,
    SourceContext,
    clean_text,
    process_article,
)
from pipelines.db import connect
from pipelines.items import ArticleRecord
from pipelines.reextract import reextract
from tests.support.sites import article_html

SOURCE = Source(
    name="chain_news",
    url="https://news.example/",
    article=r"/news/\d+",
    region="KZ-31",
    timezone="Asia/Almaty",
)
TEXT = (
    "В Павлодаре полицейские изъяли 5 кг гашиша 1 августа 2025 года. "
    "Прокуратура Карагандинской области сообщила, что за 7 месяцев 2025 года в Темиртау "
    "изъято 8 тонн прекурсоров и выявлено 38 преступлений."
)
HTML = article_html("Изъято 5 кг гашиша в Павлодаре", TEXT, "2025-08-06T12:00:00+05:00")


def record(**fields) -> ArticleRecord:
    base = {"source": SOURCE.name, "url": "https://news.example/news/1", "html": HTML}
    return ArticleRecord(**{**base, "fetched_at": "2025-08-07T10:00:00+00:00", **fields})


def crawl_steps() -> list[str]:
    enabled = [(o, p) for p, o in project_settings.ITEM_PIPELINES.items() if o is not None]
    return [path for _, path in sorted(enabled)]


def assert_offsets_point_into(title: str, text: str, found: ArticleRecord | dict) -> None:
    """Every figure, mentioned date, place and agency quotes text[start:end] (a headline
    figure, `in_title`, quotes title[start:end])."""
    get = found.get if isinstance(found, dict) else lambda k: getattr(found, k)
    for figure in get("figures"):
        where = title if figure.get("in_title") else text
        assert figure["quote"] == where[figure["start"] : figure["end"]], figure
    for when in get("mentioned_dates") if not isinstance(found, dict) else get("dates"):
        assert when["quote"] == text[when["char_start"] : when["char_end"]], when
    for place in [*get("places"), *get("agencies")]:
        assert place["name"] == text[place["start"] : place["end"]], place


# After the chain, before storage, in the crawl process whether or not the chain runs there:
# the page checks' reports (refused pages dropped), then the count of the lines each page had
# (pipelines/chrome_pipeline.py).
CHROME_LEARNING = "pipelines.chrome_pipeline.ChromeLearning"


def test_item_pipelines_are_the_article_steps_in_order_then_storage():
    steps = [step.pipeline for step in ARTICLE_STEPS]
    assert crawl_steps() == [*steps, PAGE_REPORTS, CHROME_LEARNING, STORE_PIPELINE]
    names = [step.name for step in ARTICLE_STEPS]
    cleaning = names.index("plain text")
    assert cleaning < names.index("figures and dates") and cleaning < names.index(
        "places and agencies"
    ), "text is made plain before any offset into it is taken"
    chrome = names.index("site chrome")
    assert cleaning < chrome < names.index("figures and dates"), "chrome goes before offsets"
    assert ARTICLE_STEPS[1:] == TEXT_STEPS and TEXT_STEPS[0].run is clean_text


def test_the_crawl_pipelines_do_what_the_chain_does():
    class ChainSpider(scrapy.Spider):
        name = "chain"
        allowed_domains: ClassVar[list[str]] = [SOURCE.host]

    ChainSpider.source = SOURCE
    crawler = get_crawler(ChainSpider, {"ITEM_PIPELINES": project_settings.ITEM_PIPELINES})
    crawler.spider = ChainSpider.from_crawler(crawler)
    crawled = record(title=None)
    for path in crawl_steps()[:-1]:
        crawled = build_from_crawler(load_object(path), crawler).process_item(crawled)
    chained = process_article(record(title=None), SOURCE)
    assert dataclasses.asdict(crawled) == dataclasses.asdict(chained)
    assert chained.figures and chained.places and chained.mentioned_dates
    assert chained.region == "KZ-55"  # Павлодар, named in the title


def test_offsets_are_taken_after_the_text_is_made_plain():
    # Control characters and a lone surrogate in a text, as a body from a raw page or a text
    # file may have them: removing them moves every character after them, so an offset taken
    # before the plain-text step would point beside its quote.
    dirty = "В Павлодаре\x07 полицейские\x00 изъяли\ud800 5 кг гашиша 1 августа 2025 года."
    found = process_article(record(body=dirty + " " + TEXT), SourceContext(region="KZ"), TEXT_STEPS)
    assert "\x07" not in found.body
    assert len(found.figures) >= 3 and found.places
    assert_offsets_point_into(found.title or "", found.body, found)


def test_stored_quotes_are_the_stored_text_between_their_offsets(tmp_path):
    db = connect(tmp_path / "chain.db")
    try:
        upsert_source(db, SOURCE, "{}")
        article_id, _ = store_article(db, process_article(record(), SOURCE))
        title, body = db.execute(
            "select title, body from articles where id = ?", [article_id]
        ).fetchone()
        figures = list(db.query("select quote, start, end, in_title from figures"))
        places = list(db.query("select name, start, end from places"))
        assert len(figures) >= 3 and places
        for row in figures:
            where = title if row["in_title"] else body
            assert row["quote"] == where[row["start"] : row["end"]], row
        for row in places:
            assert row["name"] == body[row["start"] : row["end"]], row
    finally:
        db.close()


def test_reextract_and_extract_run_the_whole_chain(tmp_path, capsys):
    db_path = tmp_path / "chain.db"
    db = connect(db_path)
    try:
        upsert_source(db, SOURCE, "{}")
        bare = record()  # stored without figures or places, as by an older extractor
        bare.body, bare.title = TEXT, "Итоги"
        store_article(db, bare)
    finally:
        db.close()
    assert reextract(db_path) == {"updated": 1}
    expected = process_article(record(), SOURCE)
    db = connect(db_path)
    try:
        stored = db.execute("select region, country from articles").fetchone()
        quotes = [r[0] for r in db.execute("select quote from figures order by seq")]
        places = [r[0] for r in db.execute("select name from places order by seq")]
    finally:
        db.close()
    assert stored == (expected.region, expected.country)
    assert quotes == [f["quote"] for f in expected.figures]
    assert places == [p["name"] for p in expected.places]

    page = tmp_path / "a.html"
    page.write_text(HTML, encoding="utf-8")
    assert main(["extract", str(page)]) == 0
    printed = json.loads(capsys.readouterr().out)
    without_source = process_article(record(url=""), SourceContext())
    assert [p["name"] for p in printed["places"]] == [p["name"] for p in without_source.places]
    assert printed["region"] == without_source.region == "KZ-55"
    assert_offsets_point_into(printed["title"], printed["body"], printed)


def test_a_page_of_more_figures_than_the_cap_keeps_the_first_of_a_whole_reading():
    """Reading stops past `max_figures` (SourceContext carries a crawl's NEWSMON_MAX_FIGURES to
    its workers): the figures kept are the first of a reading of the whole text, and the page
    problem says what was left."""
    from pipelines.figures import extract_figures
    from pipelines.figures_pipeline import TOO_MANY_FIGURES

    body = "\n".join(
        f"В районе {n} изъято {n + 1} кг гашиша и {n + 2} г героина." for n in range(40)
    )
    whole = extract_figures(body)
    assert len(whole) == 80
    capped = process_article(
        ArticleRecord(source="s", url="u", html="", fetched_at="", title="Сводка", body=body),
        SourceContext(max_figures=15),
        TEXT_STEPS,
    )
    body_figures = [f for f in capped.figures if not f.get("in_title")]
    assert [f["quote"] for f in body_figures] == [f["quote"] for f in whole[:15]]
    assert [kind for kind, _ in capped.page_problems] == [TOO_MANY_FIGURES]
    assert len(extract_figures(body, limit=15)) < len(whole)  # it stopped reading
    exact = process_article(
        ArticleRecord(source="s", url="u", html="", fetched_at="", title="Сводка", body=body),
        SourceContext(max_figures=80),
        TEXT_STEPS,
    )
    assert exact.page_problems == [] and len(exact.figures) >= 80
