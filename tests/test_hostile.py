"""The hostile web (docs/hostile.md): bad responses, bombs, traps and redirects to where the crawl
must not go. Each case is served by a real server on 127.0.0.1 (tests/support/hostile_site.py)
beside good pages; each test checks that the crawl finished, the good pages are stored, and the bad
one left an `errors` row of a kind a person understands.

Few crawls, many tests: every crawl is a `scrapy crawl` child process, so the cases share one
crawl per module-scoped fixture and each test reads its own case from the database.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler import settings as project_settings
from crawler.feeds import feed_entries, sitemap_entries
from pipelines.items import ArticleRecord
from pipelines.plain_text import PlainTextPipeline
from tests.conftest import crawl, rows
from tests.support.hostile_site import (
    CONTENT,
    ELSEWHERE,
    HOST,
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    MIRROR,
    PRIVATE_HOSTS,
    REDIRECTS,
    TRANSPORT,
    GovKzApiSite,
    HostileSite,
    LimitsSite,
    RawHttpServer,
)
from tests.support.sites import TEXTS

MiB = 1024 * 1024
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def settings(**values) -> list[str]:
    args = []
    for key, value in values.items():
        args += ["--set", f"{key}={value}"]
    return args


@dataclass
class Crawled:
    """A finished crawl: the server it read, its database and the exit code of `newsmon crawl`."""

    server: RawHttpServer
    db: Path
    code: int
    site: HostileSite | None = None

    def errors(self, kind: str | None = None) -> list[dict]:
        sql = "select * from errors" + (" where kind = ?" if kind else "")
        return rows(self.db, sql, [kind] if kind else [])

    def kinds_for(self, path: str) -> set[str]:
        """Error kinds recorded for the URL(s) ending with `path`."""
        return {e["kind"] for e in self.errors() if (e["url"] or "").endswith(path)}

    def article(self, path: str) -> dict | None:
        found = rows(self.db, "select * from articles where url like ?", ["%" + path])
        return found[0] if found else None

    def run(self, source: str) -> dict:
        return rows(self.db, "select * from crawl_runs where source = ?", [source])[-1]

    def limits(self, source: str) -> dict:
        return json.loads(self.run(source)["limits_hit"] or "{}")

    def requested(self, path_prefix: str, host: str | None = None) -> list:
        return self.server.requests_to(host, path_prefix)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    site = HostileSite(folder).start()
    db = folder / "news.db"
    code = crawl(
        site.write_sources(),
        db,
        *settings(
            NEWSMON_HOST_OVERRIDES=site.pins(),
            DOWNLOAD_MAXSIZE=8 * MiB,
            DOWNLOAD_WARNSIZE=0,
            DOWNLOAD_TIMEOUT=20,  # generous: timeouts have their own crawl (`limited`)
            RETRY_TIMES=1,
            RETRY_AFTER_MAX=5,
            NEWSMON_MAX_LINKS_PER_PAGE=25,
            DEPTH_LIMIT=4,
            CONCURRENT_REQUESTS=32,
            CONCURRENT_REQUESTS_PER_DOMAIN=16,
        ),
    )
    yield Crawled(site.server, db, code, site)
    site.stop()


# -- the crawl as a whole ----------------------------------------------------------------------


def test_the_crawl_finishes_and_stores_the_good_pages(hostile):
    assert hostile.code == 0
    run = hostile.run("hostile")
    assert run["status"] == "ok" and run["finish_reason"] == "finished"
    for n in HostileSite.GOOD:
        article = hostile.article(f"/sobytiia/{n}-novost-{n}.html")
        assert article and "Новость" in article["title"] and article["body"], n
    assert run["errors"] == len(hostile.errors())


def test_every_limit_that_trips_is_counted_in_the_run(hostile):
    assert hostile.limits("hostile") == {
        "bytes_per_response": 4,  # declared, streamed, gzip bomb, .xml.gz sitemap bomb
        "depth": 2,  # /deep/6/ and the article linked from /deep/5/
        "links_per_page": 1,
        "redirects": 1,
        "retry_after": 1,  # Retry-After: 86400 is beyond RETRY_AFTER_MAX
        "url_length": 1,
    }


# -- bodies that are too big -------------------------------------------------------------------


def test_a_body_over_the_download_limit_is_cancelled(hostile):
    for case in ("too_large_declared", "too_large_streamed"):
        assert hostile.kinds_for(TRANSPORT[case]) == {"too_large"}, case
        assert hostile.article(TRANSPORT[case]) is None


def test_a_gzip_bomb_stops_at_the_download_limit(hostile):
    assert hostile.kinds_for(TRANSPORT["gzip_bomb"]) == {"decompression_bomb"}
    assert hostile.kinds_for("/sitemap/bomb.xml.gz") == {"decompression_bomb"}
    message = hostile.errors("decompression_bomb")[0]["message"]
    assert "DOWNLOAD_MAXSIZE" in message


def test_a_lying_content_length_is_a_truncated_download(hostile):
    assert hostile.kinds_for(TRANSPORT["lying_length"]) == {"truncated"}
    assert hostile.article(TRANSPORT["lying_length"]) is None


# -- redirects ---------------------------------------------------------------------------------


def test_a_redirect_loop_is_refused(hostile):
    for case in ("loop", "self"):
        assert hostile.kinds_for(REDIRECTS[case]) == {"redirect_loop"}, case
    assert len(hostile.requested(REDIRECTS["self"])) == 1
    assert len(hostile.requested("/sobytiia/502-loop.html")) == 1


def test_a_chain_of_30_redirects_is_cut_at_the_limit(hostile):
    assert hostile.kinds_for(REDIRECTS["chain"]) == {"too_many_redirects"}
    hops = {int(s.path.rsplit("/", 1)[1]) for s in hostile.requested("/r/chain/")}
    assert hops == set(range(1, 11)), "REDIRECT_MAX_TIMES=10 hops, then stop"


def test_a_redirect_to_another_site_is_not_followed(hostile):
    assert hostile.kinds_for(REDIRECTS["offsite"]) == {"offsite_redirect"}
    assert hostile.requested("/", host=ELSEWHERE) == []


def test_a_redirect_to_a_host_the_source_allows_is_followed(hostile):
    article = hostile.article(REDIRECTS["mirror"])
    assert article and article["url"].startswith(f"http://{MIRROR}:")
    assert hostile.kinds_for(REDIRECTS["mirror"]) == set()


def test_no_request_reaches_a_private_address_from_a_public_source(hostile):
    refused = {
        "/sobytiia/401-internal.html",  # a link to http://127.0.0.1:…
        "/sobytiia/402-internal.html",  # a link to http://localhost:…
        "/sobytiia/507-internal.html",  # a 302 to 127.0.0.1
        "/sobytiia/508-internal.html",  # the second hop of a redirect chain, to localhost
        "/sobytiia/509-internal.html",  # a <meta http-equiv=refresh> to 127.0.0.1
        "/sobytiia/403-internal.html",  # a link to http://0.0.0.0:…
        "/sobytiia/404-internal.html",  # a link to http://2130706433:… (127.0.0.1 in decimal)
        "/sobytiia/510-internal.html",  # a 302 to http://[::1]:…
        "/sobytiia/406-internal.html",  # a link to http://[::1]:… (its brackets kept)
    }
    for path in refused:
        assert hostile.kinds_for(path) == {"private_address"}, path
    # the server saw every request: not one was addressed to the machine's own names
    assert {s.host for s in hostile.server.seen} == {HOST, MIRROR}
    assert not hostile.requested("/sobytiia/", host=PRIVATE_HOSTS[0])
    messages = {e["url"].rsplit("/", 1)[1]: e["message"] for e in hostile.errors("private_address")}
    assert messages["401-internal.html"].startswith("127.0.0.1 is 127.0.0.1 (loopback): ")
    assert messages["403-internal.html"].startswith("0.0.0.0 is 0.0.0.0 (unspecified): ")


def test_a_link_that_is_no_url_costs_only_itself(hostile):
    assert hostile.kinds_for("/sobytiia/405-bad-port.html") == {"bad_url"}
    assert hostile.article("/sobytiia/4-novost-4.html"), "the other links of its page are taken"


# -- feeds and sitemaps ------------------------------------------------------------------------


def test_billion_laughs_in_a_feed_and_a_sitemap_is_refused(hostile):
    for path in ("/feed/laughs.xml", "/sitemap/laughs.xml"):
        assert hostile.kinds_for(path) == {"xml_entities"}, path
    assert hostile.requested("/sobytiia/601-laughs.html") == []


def test_external_entities_in_a_feed_and_a_sitemap_are_never_resolved(hostile):
    for path in ("/feed/xxe-file.xml", "/feed/xxe-net.xml", "/sitemap/xxe.xml"):
        assert hostile.kinds_for(path) == {"xml_entities"}, path
    # the file entity names an article URL; the network entities point at /internal/
    assert hostile.requested("/sobytiia/602-secret.html") == []
    assert hostile.requested("/internal/") == []
    # and the parser itself never reads them, even when the crawl's refusal is not asked for
    documents = hostile.site.documents
    links = [link for link, _ in feed_entries(documents["/feed/xxe-file.xml"])]
    _, locs = sitemap_entries(documents["/sitemap/xxe.xml"])
    assert not any("602-secret" in url for url in links + [loc for loc, _ in locs])


def test_a_sitemap_index_that_includes_itself_is_read_once(hostile):
    assert hostile.kinds_for("/sitemap/loop.xml") == {"sitemap_loop"}
    assert len(hostile.requested("/sitemap/loop.xml")) == 1
    assert hostile.article("/sobytiia/8-novost-8.html"), "its other sitemap is read"


def test_a_feed_that_is_really_html_is_reported(hostile):
    assert hostile.kinds_for("/feed/html.xml") == {"not_a_feed"}
    assert hostile.article("/sobytiia/6-novost-6.html"), "the good feed beside it is read"


# -- page content ------------------------------------------------------------------------------


def test_invalid_utf8_is_stored_readable_and_reported(hostile):
    assert hostile.kinds_for(CONTENT["invalid_utf8"]) == {"invalid_encoding"}
    body = hostile.article(CONTENT["invalid_utf8"])["body"]
    assert "Прокуратура Карагандинской области" in body and "\ufffd" in body


@pytest.mark.parametrize(
    ("case", "title", "text"),
    [
        ("cp1251_as_utf8", "Статья в windows-1251", TEXTS[2]),
        ("koi8r_as_utf8", "Статья в KOI8-R", TEXTS[3]),
        ("cp1251_as_latin1", "Статья без своей кодировки", TEXTS[4]),
    ],
)
def test_a_page_in_another_charset_than_declared_is_stored_as_cyrillic(hostile, case, title, text):
    assert hostile.kinds_for(CONTENT[case]) == {"wrong_charset"}
    article = hostile.article(CONTENT[case])
    assert article["title"] == title
    assert text[:40] in article["body"]


def test_nul_bytes_are_removed_and_reported(hostile):
    assert hostile.kinds_for(CONTENT["nul_bytes"]) == {"control_characters"}
    body = hostile.article(CONTENT["nul_bytes"])["body"]
    assert "\x00" not in body and "изъяли" in body


def test_100000_nested_tags_are_reported_and_the_text_before_them_kept(hostile):
    assert hostile.kinds_for(CONTENT["nested"]) == {"too_deeply_nested"}
    article = hostile.article(CONTENT["nested"])
    assert article["title"] == "Глубокая вложенность" and TEXTS[6][:40] in article["body"]


def test_a_page_of_100000_links_yields_only_the_links_limit(hostile):
    assert hostile.kinds_for("/list/massa/") == {"too_many_links"}
    assert len(hostile.requested("/massa/")) == 25


def test_a_5000_character_url_is_never_requested(hostile):
    assert hostile.kinds_for(HostileSite.LONG_URL) == {"url_too_long"}
    assert hostile.requested(HostileSite.LONG_URL[:20]) == []


def test_links_deeper_than_the_depth_limit_are_not_followed(hostile):
    assert hostile.kinds_for("/deep/6/") == {"depth_limit"}
    assert hostile.kinds_for("/sobytiia/705-deep.html") == {"depth_limit"}
    assert {s.path for s in hostile.requested("/deep/")} == {f"/deep/{k}/" for k in range(1, 6)}
    assert hostile.article("/sobytiia/704-deep.html")


def test_a_pdf_or_image_served_as_html_is_not_stored(hostile):
    for case in ("pdf", "png"):
        assert hostile.kinds_for(TRANSPORT[case]) == {"not_html"}, case
        assert hostile.article(TRANSPORT[case]) is None


def test_an_empty_200_is_not_stored(hostile):
    assert hostile.kinds_for(TRANSPORT["empty"]) == {"empty_page"}
    assert hostile.article(TRANSPORT["empty"]) is None


def test_a_page_not_found_served_with_200_is_not_stored(hostile):
    for case in ("soft404_title", "soft404_body"):
        assert hostile.kinds_for(TRANSPORT[case]) == {"soft_404"}, case
        assert hostile.article(TRANSPORT[case]) is None
    # an article that merely mentions 404 is an article
    assert hostile.article(TRANSPORT["grams_404"])["title"] == "Изъято 404 грамма героина"
    assert hostile.kinds_for(TRANSPORT["grams_404"]) == set()


def test_markup_sql_and_control_characters_are_stored_as_plain_text(hostile):
    article = hostile.article(CONTENT["markup_as_text"])
    assert article["title"] == HOSTILE_TITLE
    assert HOSTILE_TEXT in article["body"]
    assert "document.title" not in article["body"], "a script's code is not text"
    assert "Звонок и escape[31m красный, ссылки на управляющие символы." in article["body"]
    for row in rows(hostile.db, "select title, body, description from articles"):
        for value in row.values():
            assert not CONTROL.search(value or ""), value
    assert rows(hostile.db, "select count(*) n from articles")[0]["n"] > 40


def test_every_text_field_is_made_plain_before_storage():
    record = ArticleRecord(
        source="s", url="u", html="", fetched_at="", title="a\x07b\ud800", body="c\x00d\n\te\r\nf"
    )
    PlainTextPipeline().process_item(record)
    assert (record.title, record.body) == ("ab", "cd\n\te\nf")
    pipelines = project_settings.ITEM_PIPELINES
    assert (
        pipelines["pipelines.extract_pipeline.ExtractionPipeline"]
        < pipelines["pipelines.plain_text.PlainTextPipeline"]
        < pipelines["pipelines.store_pipeline.StorePipeline"]
    )


# -- status codes ------------------------------------------------------------------------------


def test_403_is_reported(hostile):
    assert hostile.kinds_for(TRANSPORT["forbidden"]) == {"http_403"}


def test_429_waits_for_retry_after_and_gives_up_on_long_waits(hostile):
    assert hostile.article(TRANSPORT["throttled"])
    first, second = hostile.requested(TRANSPORT["throttled"])
    assert second.at - first.at >= 0.9, "the retry waited for Retry-After: 1"
    assert hostile.kinds_for(TRANSPORT["throttled_long"]) == {"http_429"}
    assert len(hostile.requested(TRANSPORT["throttled_long"])) == 1, "no retry for a day's wait"
    assert "Retry-After: 86400" in hostile.errors("http_429")[0]["message"]


def test_500_then_200_is_stored_after_a_retry(hostile):
    assert hostile.article(TRANSPORT["flaky"])
    assert len(hostile.requested(TRANSPORT["flaky"])) == 2
    assert hostile.kinds_for(TRANSPORT["flaky"]) == set()


# -- timeouts, run limits, and the resolver on its own -----------------------------------------


@pytest.fixture(scope="module")
def limits_site(tmp_path_factory):
    site = LimitsSite(tmp_path_factory.mktemp("limits")).start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def limited(limits_site):
    db = limits_site.folder / "limited.db"
    code = crawl(
        limits_site.write_sources(),
        db,
        "slowsite",
        "endless",
        *settings(DOWNLOAD_TIMEOUT=2, RETRY_TIMES=0, CLOSESPIDER_TIMEOUT=5, DEPTH_LIMIT=0),
    )
    return Crawled(limits_site.server, db, code)


@pytest.fixture(scope="module")
def guardless(limits_site):
    """Public (pinned) sources crawled without PrivateAddressGuard: the resolver alone guards."""
    db = limits_site.folder / "guardless.db"
    middlewares = dict(project_settings.DOWNLOADER_MIDDLEWARES)
    middlewares["crawler.addresses.PrivateAddressGuard"] = None
    code = crawl(
        limits_site.write_sources(),
        db,
        "pinned",
        "bigsitemap",
        *settings(
            NEWSMON_HOST_OVERRIDES=limits_site.pins(),
            DOWNLOADER_MIDDLEWARES=json.dumps(middlewares),
            RETRY_TIMES=0,
            CLOSESPIDER_PAGECOUNT=12,
            NEWSMON_MAX_SITEMAP_URLS=40_000,
        ),
    )
    return Crawled(limits_site.server, db, code)


def test_a_server_sending_one_byte_per_second_or_nothing_times_out(limited):
    assert limited.kinds_for("/slow/2-slow.html") == {"timeout"}
    assert limited.kinds_for("/slow/3-silent.html") == {"timeout"}
    assert limited.article("/slow/1-novost-1.html")
    run = limited.run("slowsite")
    assert run["status"] == "ok" and json.loads(run["limits_hit"]) == {"download_timeout": 2}


def test_the_time_per_run_limit_stops_an_endless_site(limited):
    run = limited.run("endless")
    assert run["finish_reason"] == "closespider_timeout" and run["status"] == "partial"
    assert limited.limits("endless") == {"timeout": 1}


def test_a_sitemap_of_50000_urls_is_read_and_pages_per_run_limit_it(guardless):
    run = guardless.run("bigsitemap")
    assert run["finish_reason"] == "closespider_pagecount" and run["status"] == "partial"
    assert run["articles_new"] > 0
    fetched = len(guardless.requested("/big/")) - 1  # the sitemap itself
    assert fetched <= 12, "no more article requests than pages per run are even scheduled"
    # NEWSMON_MAX_SITEMAP_URLS=40,000 takes 40,000 of the 50,000; of those, 12 are requested
    # and the rest are not even looked at: the run could not fetch them
    assert guardless.kinds_for("/big/sitemap.xml") == {"too_many_sitemap_urls"}
    assert guardless.limits("bigsitemap") == {
        "pagecount": 1,
        "sitemap_urls": 1,
        "pages_per_run": 40_000 - 12,
    }


def test_the_resolver_refuses_private_addresses_without_the_guard_middleware(guardless):
    for path in LimitsSite.PRIVATE_LINKS:
        assert guardless.kinds_for(path) == {"private_address"}, path
    assert not guardless.requested("/pinned/4")
    assert {s.host for s in guardless.requested("/pinned/")} == {LimitsSite.PINNED_HOST}
    assert guardless.article("/pinned/1-novost-1.html"), "the pinned host itself is reached"


# -- the gov.kz JSON API -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def govkz(tmp_path_factory):
    folder = tmp_path_factory.mktemp("govkz")
    site = GovKzApiSite(folder).start()
    db = folder / "news.db"
    # two items make a full page: the walk goes on to page 2
    code = crawl(site.write_sources(), db, "--jobs", "3", "--set", "NEWSMON_API_PAGE_SIZE=2")
    yield Crawled(site.server, db, code)
    site.stop()


def test_an_api_answering_malformed_json_keeps_the_pages_before(govkz):
    assert {e["kind"] for e in govkz.errors() if e["source"] == "govkz_malformed"} == {"bad_json"}
    assert govkz.article("/malformed/press/news/details/1?lang=ru")
    assert govkz.run("govkz_malformed")["status"] == "ok"


def test_an_api_answering_an_html_error_page_is_reported(govkz):
    errors = [e for e in govkz.errors() if e["source"] == "govkz_htmlpage"]
    assert [e["kind"] for e in errors] == ["api_not_json"]
    assert "503 Service Temporarily Unavailable" in errors[0]["message"]
    assert govkz.article("/htmlpage/press/news/details/2?lang=ru")


def test_an_api_answering_an_empty_first_page_is_a_failed_run(govkz):
    assert {e["kind"] for e in govkz.errors() if e["source"] == "govkz_empty"} == {"api_empty"}
    assert govkz.run("govkz_empty")["status"] == "failed"
    assert govkz.code == 1, "a failed source makes `newsmon crawl` exit 1"


def test_api_text_with_control_characters_and_surrogates_is_stored_plain(govkz):
    article = govkz.article("/malformed/press/news/details/1?lang=ru")
    assert article["title"] == "Итоги операции «Мак» <script>alert(1)</script>"
    assert not CONTROL.search(article["body"])
