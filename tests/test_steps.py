"""One focused test per Scrapy step of crawler/settings.py (item pipelines, downloader and spider
middlewares, extensions), each built the way Scrapy builds it (`get_crawler` + `from_crawler`)
and given one small input. Classes are loaded through their dotted path in the settings, so a
step that moves is followed, and a step added to the settings without a test here fails
`test_every_step_in_the_settings_has_its_test`."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from typing import ClassVar

import pytest
import scrapy
from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.errors import error_recorded, report_error
from crawler.refusal import CrawlRefused
from crawler.sources import Source
from pipelines.articles import upsert_source
from pipelines.db import connect
from pipelines.items import ArticleRecord
from tests.support.sites import TEXTS, article_html

COMPONENT_SETTINGS = (
    "ITEM_PIPELINES",
    "DOWNLOADER_MIDDLEWARES",
    "SPIDER_MIDDLEWARES",
    "EXTENSIONS",
)
# Steps whose focused test lives elsewhere.
TESTED_ELSEWHERE = {
    # tests/test_hostile.py::test_every_text_field_is_made_plain_before_storage
    "PlainTextPipeline",
}
# Every test below names the step it checks; the set of names is compared with the settings.
TESTED_HERE: set[str] = set()


def checks_step(name: str):
    TESTED_HERE.add(name)
    return lambda function: function


def enabled_paths() -> list[str]:
    return [
        path
        for setting in COMPONENT_SETTINGS
        for path, order in getattr(project_settings, setting).items()
        if order is not None
    ]


def step_class(name: str) -> type:
    """The class called `name` in the settings, wherever it lives now."""
    (path,) = [p for p in enabled_paths() if p.rsplit(".", 1)[1] == name]
    return load_object(path)


PUBLIC = Source(name="steps_news", url="https://news.example/", article=r"/news/\d+", region="KZ")


def spider_class(source: Source) -> type[scrapy.Spider]:
    class StepSpider(scrapy.Spider):
        name = "steps"
        allowed_domains: ClassVar[list[str]] = [source.host]
        recrawl = False
        since = until = None

    StepSpider.source = source
    return StepSpider


def make_crawler(source: Source = PUBLIC, **overrides):
    """A crawler with the project's settings (plus `overrides`) and a spider of `source`."""
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.pop("SPIDER_LOADER_CLASS")  # no sources file needed: the spider is given
    settings["EXTENSIONS_BASE"] = {}  # Scrapy's own extensions need a running engine
    crawler = get_crawler(spider_class(source), {**settings, **overrides})
    crawler.spider = crawler.spidercls.from_crawler(crawler)
    return crawler


def build(name: str, crawler):
    return build_from_crawler(step_class(name), crawler)


def extension(crawler, name: str):
    """The instance of extension `name` that Scrapy built for the crawler."""
    (built,) = [e for e in crawler.extensions.middlewares if type(e) is step_class(name)]
    return built


def reported(crawler) -> list[tuple[str, str]]:
    """(kind, url) of every error the components report, as the run recorder receives them."""
    errors: list[tuple[str, str]] = []
    crawler.signals.connect(
        lambda kind, url, message: errors.append((kind, url)), signal=error_recorded, weak=False
    )
    return errors


def record(**fields) -> ArticleRecord:
    base = {"source": PUBLIC.name, "url": "https://news.example/news/1", "html": ""}
    return ArticleRecord(**{**base, "fetched_at": "2025-08-01T10:00:00+00:00", **fields})


def test_every_step_in_the_settings_has_its_test():
    names = {path.rsplit(".", 1)[1] for path in enabled_paths()}
    assert names == TESTED_HERE | TESTED_ELSEWHERE


@pytest.mark.parametrize("path", enabled_paths())
def test_every_step_builds_from_the_project_settings(path):
    crawler = make_crawler(NEWSMON_PARENT_PID=os.getppid())
    assert isinstance(build_from_crawler(load_object(path), crawler), load_object(path))


# --- downloader middlewares -----------------------------------------------------------------


@checks_step("PrivateAddressGuard")
def test_guard_refuses_private_addresses_for_a_public_source():
    crawler = make_crawler(NEWSMON_HOST_OVERRIDES={"news.example": "93.184.216.34"})
    guard = build("PrivateAddressGuard", crawler)
    assert asyncio.run(guard.process_request(Request("https://news.example/news/1"))) is None
    for url, kind in [
        ("http://127.0.0.1:8080/admin", "private_address"),
        ("http://[::ffff:10.0.0.5]/", "private_address"),
        ("ftp://news.example/file", "scheme_refused"),
        ("https://news.example/" + "a" * 3000, "url_too_long"),
    ]:
        with pytest.raises(CrawlRefused) as refused:
            asyncio.run(guard.process_request(Request(url)))
        assert refused.value.kind == kind, url
    assert crawler.stats.get_value("newsmon/refused_private") == 2


@checks_step("PrivateAddressGuard")
def test_guard_lets_a_private_source_reach_its_own_network():
    intranet = Source(name="intranet", url="http://127.0.0.1:8000/", article=r"/news/\d+")
    guard = build("PrivateAddressGuard", make_crawler(intranet))
    assert asyncio.run(guard.process_request(Request("http://10.1.2.3/news/1"))) is None


@checks_step("RetryAfterMiddleware")
def test_retry_waits_as_retry_after_asks_and_gives_up_past_the_maximum():
    crawler = make_crawler(RETRY_AFTER_MAX=300)
    retry = build("RetryAfterMiddleware", crawler)
    request = Request("https://news.example/news/1")

    def answer(status: int, headers=None):
        response = Response(request.url, status=status, headers=headers, request=request)
        return asyncio.run(retry.process_response(request, response))

    again = answer(503, {"Retry-After": "0"})
    assert isinstance(again, Request) and again.meta["retry_times"] == 1
    assert crawler.stats.get_value("newsmon/retry_after_waits") == 1
    too_long = answer(429, {"Retry-After": "3600"})
    assert isinstance(too_long, Response) and too_long.status == 429
    assert crawler.stats.get_value("newsmon/limits/retry_after") == 1
    assert answer(200).status == 200


def redirect(middleware, request: Request, response: Response):
    return middleware.process_response(request, response)


@checks_step("SafeRedirectMiddleware")
def test_redirects_are_followed_on_the_site_and_refused_off_it_or_in_loops():
    crawler = make_crawler(REDIRECT_MAX_TIMES=3)
    middleware = build("SafeRedirectMiddleware", crawler)

    def moved(request: Request, location: str):
        headers = {"Location": location}
        return redirect(middleware, request, Response(request.url, status=301, headers=headers))

    followed = moved(Request("https://news.example/old"), "/news/2")
    assert isinstance(followed, Request) and followed.url == "https://news.example/news/2"
    cases = [
        (Request("https://news.example/a"), "https://elsewhere.example/a", "offsite_redirect"),
        (
            Request("https://news.example/b", meta={"redirect_urls": ["https://news.example/a"]}),
            "https://news.example/a",
            "redirect_loop",
        ),
        (
            Request("https://news.example/c", meta={"redirect_times": 3}),
            "https://news.example/d",
            "too_many_redirects",
        ),
    ]
    for request, location, kind in cases:
        with pytest.raises(CrawlRefused) as refused:
            moved(request, location)
        assert refused.value.kind == kind
        first = request.meta.get("redirect_urls", [request.url])[0]
        assert refused.value.url == first  # recorded under the URL the crawl asked for


@checks_step("SafeMetaRefreshMiddleware")
def test_meta_refresh_is_followed_on_the_site_and_refused_off_it():
    middleware = build("SafeMetaRefreshMiddleware", make_crawler())
    request = Request("https://news.example/old")

    def refresh(target: str):
        html = f'<html><head><meta http-equiv="refresh" content="0;url={target}"></head></html>'
        response = HtmlResponse(request.url, body=html.encode(), encoding="utf-8")
        return redirect(middleware, request, response)

    followed = refresh("/news/3")
    assert isinstance(followed, Request) and followed.url == "https://news.example/news/3"
    with pytest.raises(CrawlRefused) as refused:
        refresh("https://elsewhere.example/")
    assert refused.value.kind == "offsite_redirect"


# --- spider middlewares ---------------------------------------------------------------------


def page(url: str, depth: int) -> HtmlResponse:
    request = Request(url, meta={"depth": depth})
    return HtmlResponse(url, body=b"<html></html>", request=request)


@checks_step("CountedDepthMiddleware")
def test_links_past_the_depth_limit_are_dropped_and_reported():
    crawler = make_crawler(DEPTH_LIMIT=2)
    errors = reported(crawler)
    middleware = build("CountedDepthMiddleware", crawler)
    link = "https://news.example/news/5"
    near = list(middleware.process_spider_output(page("https://news.example/", 1), [Request(link)]))
    assert [r.meta["depth"] for r in near] == [2] and errors == []
    far = list(middleware.process_spider_output(page("https://news.example/", 2), [Request(link)]))
    assert far == [] and errors == [("depth_limit", link)]
    assert crawler.stats.get_value("newsmon/limits/depth") == 1


@checks_step("CountedUrlLengthMiddleware")
def test_links_longer_than_the_limit_are_dropped_and_reported():
    crawler = make_crawler(URLLENGTH_LIMIT=60)
    errors = reported(crawler)
    middleware = build("CountedUrlLengthMiddleware", crawler)
    short, long = "https://news.example/news/6", "https://news.example/news/" + "x" * 60
    out = list(
        middleware.process_spider_output(page(PUBLIC.url, 0), [Request(short), Request(long)])
    )
    assert [r.url for r in out] == [short]
    assert errors == [("url_too_long", long)]
    assert crawler.stats.get_value("newsmon/limits/url_length") == 1


# --- item pipelines -------------------------------------------------------------------------


@checks_step("ExtractionPipeline")
def test_extraction_fills_the_text_and_keeps_a_page_without_one():
    pipeline = build("ExtractionPipeline", make_crawler())
    html = article_html("Изъято 12 кг марихуаны", TEXTS[0], "2025-08-01T09:00:00+05:00")
    item = pipeline.process_item(record(html=html))
    assert item.title == "Изъято 12 кг марихуаны"
    assert TEXTS[0] in item.body and item.published_at.startswith("2025-08-01")
    assert item.lang == "ru"
    # kept for storage all the same: the raw page allows a later re-extraction
    empty = pipeline.process_item(record(url="https://news.example/news/2", html="<html></html>"))
    assert empty is not None and not empty.body and empty.lang == "ru"
    # the page checks read the same parse; crawler/page_reports.py acts on what they found
    assert (item.page_problems, item.page_refusal) == ([], None)
    assert empty.page_refusal == ("empty_page", "the page has no visible text")


@checks_step("PageReports")
def test_page_reports_report_the_checks_and_drop_a_page_that_is_no_article():
    crawler = make_crawler()
    errors = reported(crawler)
    pipeline = build("PageReports", crawler)
    deep = record(page_problems=[("too_deeply_nested", "nested past 256 levels")])
    assert pipeline.process_item(deep) is deep  # reported, and kept
    missing = record(url="https://news.example/news/2", page_refusal=("soft_404", "not found"))
    with pytest.raises(DropItem, match="soft_404"):
        pipeline.process_item(missing)
    assert errors == [
        ("too_deeply_nested", "https://news.example/news/1"),
        ("soft_404", "https://news.example/news/2"),
    ]
    # only the page read as an article counts: a run that read none failed
    assert crawler.stats.get_value("newsmon/pages_parsed") == 1


@checks_step("FiguresPipeline")
def test_figures_are_found_in_the_body():
    pipeline = build("FiguresPipeline", make_crawler())
    item = pipeline.process_item(record(body="Полицейские изъяли 5 кг гашиша."))
    assert [(f["quote"], f["value"], f["unit"]) for f in item.figures] == [("5 кг", 5, "kg")]
    assert pipeline.process_item(record(body=None)).figures == []


@checks_step("PlacesPipeline")
def test_places_give_the_region_and_the_source_region_stands_in():
    source = Source(name="steps_kz", url="https://news.example/", article=r"/n/", region="KZ-31")
    pipeline = build("PlacesPipeline", make_crawler(source))
    named = pipeline.process_item(record(title="Задержание", body="В Павлодаре задержаны трое."))
    assert (named.region, named.country) == ("KZ-55", "KZ")
    assert any(p["region_code"] == "KZ-55" for p in named.places)
    unnamed = pipeline.process_item(record(title="Задержание", body="Задержаны трое."))
    assert (unnamed.region, unnamed.country) == ("KZ-31", "KZ")


@checks_step("FactsPipeline")
def test_facts_annotate_the_figures_and_add_the_headlines():
    crawler = make_crawler()
    item = record(
        title="Изъято 16 тонн наркотиков",
        body="Полицейские изъяли 5 кг гашиша в Павлодаре.",
        region="KZ-55",
        country="KZ",
    )
    item = build("FactsPipeline", crawler).process_item(
        build("FiguresPipeline", crawler).process_item(item)
    )
    assert [(f["quote"], f["in_title"]) for f in item.figures] == [("16 тонн", 1), ("5 кг", 0)]
    assert (item.figures[0]["region"], item.figures[0]["country"]) == ("KZ-55", "KZ")
    # what roles and indicators mean is for the facts tests; here: every figure is annotated
    assert all(f["role"] and f["indicator"] for f in item.figures)
    untitled = record(title="Изъято 16 тонн наркотиков", body=None)
    assert build("FactsPipeline", crawler).process_item(untitled).figures == []


@checks_step("FactsPipeline")
def test_a_headline_sum_with_no_currency_takes_the_bodys():
    crawler = make_crawler()
    figures = build("FiguresPipeline", crawler)
    facts = build("FactsPipeline", crawler)
    title = "Полицейские перехватили партию наркотиков на 15 миллионов"
    body = "Изъято 17 кг гашиша. Его стоимость около 15 миллионов рублей."
    item = facts.process_item(figures.process_item(record(title=title, body=body)))
    assert [(f["value"], f["unit"], f["in_title"]) for f in item.figures if f["value"] > 1e6] == [
        (15_000_000, "RUB", 1),
        (15_000_000, "RUB", 0),
    ]
    # a body with no sum, or sums in two currencies: the headline's sum is dropped
    for body in ("Изъято 17 кг гашиша.", "Изъяты 2 млн тенге и 300 долларов."):
        item = facts.process_item(figures.process_item(record(title=title, body=body)))
        assert not [f for f in item.figures if f["in_title"]]


@checks_step("StoragePrepPipeline")
def test_storage_preparation_makes_what_storage_needs_but_the_database():
    pipeline = build("StoragePrepPipeline", make_crawler())
    long = " ".join(f"Полицейские Павлодара изъяли {n} кг гашиша." for n in range(1, 6))
    item = pipeline.process_item(record(html="<p>страница</p>", title="Изъято", body=long))
    prep = item.storage_prep
    assert (prep.title, prep.body) == ("Изъято", long)
    assert "полицейский павлодар изъять 1 кг гашиш" in prep.search[1]
    assert prep.signature and prep.html_compressed
    short = pipeline.process_item(record(title="Изъято", body="Изъято 5 кг."))
    assert short.storage_prep.signature is None  # too short to compare with other texts


@checks_step("StorePipeline")
def test_store_writes_the_article_once_and_drops_its_html(tmp_path):
    db_path = tmp_path / "steps.db"
    crawler = make_crawler(NEWSMON_DB=str(db_path))
    db = connect(db_path)
    upsert_source(db, PUBLIC, "{}")  # the run recorder does it when the spider opens
    db.close()
    pipeline = build("StorePipeline", crawler)
    pipeline.open_spider()
    try:
        fields = {"html": "<p>страница</p>", "title": "Изъято 5 кг", "body": "Изъято 5 кг."}
        stored = pipeline.process_item(record(**fields))
        assert stored.html == ""
        pipeline.process_item(record(**fields))
    finally:
        pipeline.close_spider()
    assert crawler.stats.get_value("newsmon/articles_new") == 1
    assert crawler.stats.get_value("newsmon/articles_unchanged") == 1
    db = connect(db_path)
    try:
        titles = [row["title"] for row in db.query("select title from articles")]
    finally:
        db.close()
    assert titles == ["Изъято 5 кг"]


@checks_step("ChromePipeline")
def test_chrome_step_removes_the_learned_lines_and_keeps_what_the_body_had():
    crawler = make_crawler()
    item = record(body="Изъято 5 кг героина.\nПросмотров: 1000\nПодписывайтесь на наш канал")
    item = build("ChromePipeline", crawler).process_item(item)
    assert item.chrome_lines, "the lines of the body as extracted are kept for learning"
    assert "Изъято 5 кг героина." in item.body


@checks_step("ChromeLearning")
def test_chrome_learning_counts_pages_and_gives_the_spider_the_learned_lines(tmp_path):
    db_path = tmp_path / "chrome.db"
    crawler = make_crawler(
        NEWSMON_DB=str(db_path), NEWSMON_CHROME_MIN_PAGES=2, NEWSMON_CHROME_MIN_SHARE=0.5
    )
    db = connect(db_path)
    upsert_source(db, PUBLIC, "{}")
    db.close()
    chrome = build("ChromePipeline", crawler)
    learning = build("ChromeLearning", crawler)
    learning.open_spider()
    try:
        for n in range(3):
            item = record(url=f"{PUBLIC.url}news/{n}", body=f"Новость номер {n} о задержании.\n"
                          "Следите за новостями в Telegram")  # fmt: skip
            learning.process_item(chrome.process_item(item))
    finally:
        learning.close_spider()
    learned = crawler.spider.site_chrome
    assert learned, "a line on every page of the source is learned"
    item = record(body="Другая новость.\nСледите за новостями в Telegram")
    item.site_chrome = learned
    assert chrome.process_item(item).body.strip() == "Другая новость."


# --- extensions -----------------------------------------------------------------------------


@checks_step("RunRecorder")
def test_run_recorder_keeps_the_run_and_its_errors(tmp_path):
    db_path = tmp_path / "runs.db"
    crawler = make_crawler(NEWSMON_DB=str(db_path), NEWSMON_RUN_TOKEN="tok")
    extension(crawler, "RunRecorder")  # built by Scrapy's extension manager
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    report_error(crawler, "http_404", "https://news.example/news/9", "not found")
    crawler.stats.set_value("newsmon/pages_parsed", 1)
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    db = connect(db_path)
    try:
        (run,) = db.query("select * from crawl_runs")
        (error,) = db.query("select * from errors")
    finally:
        db.close()
    assert (run["source"], run["token"], run["status"]) == (PUBLIC.name, "tok", "ok")
    assert (run["finish_reason"], run["errors"], run["http_errors"]) == ("finished", 1, 1)
    assert (error["run_id"], error["kind"]) == (run["id"], "http_404")
    assert error["url"] == "https://news.example/news/9"


def test_run_recorder_retries_opening_its_row_when_the_database_is_busy(tmp_path, monkeypatch):
    """A lock another crawl holds a moment too long when this one opens its run record: the
    write is tried again, so the run has its row (else the parent records it as failed)."""
    from crawler import run_recorder
    from pipelines.db import StorageError

    db_path = tmp_path / "runs.db"
    crawler = make_crawler(NEWSMON_DB=str(db_path), NEWSMON_RUN_TOKEN="tok")
    recorder = extension(crawler, "RunRecorder")
    opened = recorder._open_row
    calls = []

    def busy_once(spider):
        calls.append(spider)
        if len(calls) == 1:
            raise StorageError("database locked", db_path, "database is locked")
        opened(spider)

    monkeypatch.setattr(recorder, "_open_row", busy_once)
    monkeypatch.setattr(run_recorder.time, "sleep", lambda seconds: None)
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    db = connect(db_path)
    try:
        (run,) = db.query("select * from crawl_runs")
    finally:
        db.close()
    assert len(calls) == 2
    assert (run["token"], run["status"]) == ("tok", "failed")  # no page parsed: failed, closed


@checks_step("ParentWatchdog")
def test_watchdog_stops_the_crawl_with_sigint_once_its_parent_is_gone():
    by_hand = make_crawler()  # `scrapy crawl` by hand: nobody to watch
    assert not any(type(e) is step_class("ParentWatchdog") for e in by_hand.extensions.middlewares)
    with pytest.raises(NotConfigured):
        build("ParentWatchdog", by_hand)
    alive = extension(make_crawler(NEWSMON_PARENT_PID=os.getppid()), "ParentWatchdog")
    alive.check()
    assert not alive.fired
    crawler = make_crawler(NEWSMON_PARENT_PID=os.getppid() + 100000)
    watchdog = extension(crawler, "ParentWatchdog")
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        watchdog.check()
        watchdog.check()  # once only
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert received == [signal.SIGINT]
    assert crawler.stats.get_value("newsmon/parent_gone") == 1
