"""Sources are data: the shipped file is valid, and every kind of mistake is named precisely."""

from __future__ import annotations

import re

import pytest

from crawler.cli import main
from crawler.sources import DEFAULT_SOURCES, SourceError, load_sources

GOOD = """
[[source]]
name = "site_a"
url = "https://a.example.kz/"
feeds = ["https://a.example.kz/rss.xml"]
article = '^https://a\\.example\\.kz/news/\\d+\\.html$'
"""


def write(tmp_path, text):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_sources_are_valid_and_cover_the_required_sites():
    sources = {s.name: s for s in load_sources(DEFAULT_SOURCES)}
    hosts = {s.host for s in sources.values()}
    assert {"www.zakon.kz", "tengrinews.kz", "www.gov.kz", "epp.genproc.gov.ru"} <= hosts
    govkz = [s for s in sources.values() if s.spider == "govkz"]
    assert len(govkz) >= 3  # the General Prosecutor and at least two regional prosecutors
    genproc = [s for s in sources.values() if s.host == "epp.genproc.gov.ru"]
    assert any(s.region == "RU-KEM" for s in genproc) and len(genproc) >= 2
    for source in sources.values():
        assert source.timezone and source.region


def test_cron_schedules_are_read_as_cron_reads_them(tmp_path):
    (source,) = load_sources(write(tmp_path, GOOD + 'schedule = "30 4 * * 0,7"\n'))
    assert source.schedule == "30 4 * * 0,7"  # Sunday written both ways
    with pytest.raises(SourceError, match="key 'schedule'"):
        load_sources(write(tmp_path, GOOD + 'schedule = "30 4 * *"\n'))


def test_minimal_entry_gets_defaults(tmp_path):
    (source,) = load_sources(write(tmp_path, GOOD))
    assert source.spider == "news" and source.lang == "ru" and source.schedule == "daily"
    assert source.article_re.match("https://a.example.kz/news/12.html")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("feeds =", "feedz ="), "source 'site_a', key 'feedz': unknown key"),
        (('url = "https://a.example.kz/"', 'url = "ftp://x"'), "key 'url': 'ftp://x' is not"),
        (("article = '^https", "article = '(^https"), "key 'article'"),
        (('name = "site_a"', 'name = "Site A"'), "key 'name': must be a short identifier"),
        (('name = "site_a"\n', ""), "source #1, key 'name': is required"),
    ],
)
def test_mistakes_name_the_entry_and_the_key(tmp_path, change, message):
    with pytest.raises(SourceError) as info:
        load_sources(write(tmp_path, GOOD.replace(*change)))
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('timezone = "Asia/Nowhere"', "key 'timezone': unknown time zone"),
        ('schedule = "every day"', "key 'schedule'"),
        ('region = "Kazakhstan"', "key 'region'"),
        ('spider = "magic"', "key 'spider'"),
        ("feeds = [1, 2]", "key 'feeds'"),
    ],
)
def test_bad_values_are_refused(tmp_path, extra, message):
    text = (
        GOOD + extra + "\n"
        if not extra.startswith("feeds")
        else GOOD.replace('feeds = ["https://a.example.kz/rss.xml"]', extra)
    )
    with pytest.raises(SourceError) as info:
        load_sources(write(tmp_path, text))
    assert message in str(info.value)


def test_file_level_problems(tmp_path):
    with pytest.raises(SourceError, match="defined twice"):
        load_sources(write(tmp_path, GOOD + GOOD))
    with pytest.raises(SourceError, match="not valid TOML"):
        load_sources(write(tmp_path, "[[source]\nname ="))
    with pytest.raises(SourceError, match="no such sources file"):
        load_sources(tmp_path / "missing.toml")
    with pytest.raises(SourceError, match="is required by the govkz spider"):
        load_sources(
            write(
                tmp_path,
                GOOD.replace('feeds = ["https://a.example.kz/rss.xml"]', 'spider = "govkz"'),
            )
        )


# -- what a configuration will do (issue 17, item 4) ---------------------------------------------


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    import signal
    import time

    (source,) = load_sources(write(tmp_path, GOOD.replace("^https://a", "(a+)+$|^https://a")))
    url = "https://a.example.kz/" + "a" * 30 + "!"  # Python's re: 2**30 steps
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the pattern backtracked"))
    signal.alarm(5)
    try:
        started = time.perf_counter()
        assert source.article_re.search(url) is None
        assert source.article_re.search(url[:-1] + "a" * 100_000 + "!") is None
        assert time.perf_counter() - started < 1.0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("pattern", [r"^https://a\.example\.kz/(\d+)/\1$", r"(?=news)\w+"])
def test_a_pattern_that_needs_backtracking_is_refused(tmp_path, pattern):
    text = GOOD.replace("'^https://a\\.example\\.kz/news/\\d+\\.html$'", f"'{pattern}'")
    with pytest.raises(SourceError) as info:
        load_sources(write(tmp_path, text))
    assert "key 'article'" in str(info.value) and "needs a backtracking feature" in str(info.value)


@pytest.mark.parametrize(
    "host",
    ["169.254.169.254", "169.254.1.1", "[fe80::1]", "metadata.google.internal", "100.100.100.200"],
)
def test_link_local_and_metadata_hosts_are_refused(tmp_path, host):
    text = GOOD.replace("a.example.kz/rss", f"{host}/rss")
    with pytest.raises(SourceError) as info:
        load_sources(write(tmp_path, text))
    assert "key 'feeds'" in str(info.value) and "never fetched" in str(info.value)


def test_private_and_loopback_hosts_stay_allowed(tmp_path):
    for host in ("10.0.0.5", "127.0.0.1", "intranet.local"):
        text = GOOD.replace("https://a.example.kz/rss", f"http://{host}/rss")
        assert load_sources(write(tmp_path, text))


def test_the_resolver_refuses_metadata_addresses_at_connect_time_even_when_pinned():
    from twisted.internet import reactor

    from crawler.addresses import GuardedResolver

    resolver = GuardedResolver(reactor, 0, 5.0, {"meta.example": "169.254.169.254"})
    resolver.guard_active = False  # a private source: private addresses allowed, not these
    failures = []
    resolver.getHostByName("meta.example").addErrback(failures.append)
    assert failures and "link-local" in str(failures[0].value)
    assert "meta.example" in resolver.refused
    ok = []
    GuardedResolver(reactor, 0, 5.0, {"lan.example": "10.1.2.3"}).getHostByName(
        "lan.example"
    ).addCallback(ok.append)
    assert ok == ["10.1.2.3"]


def test_newsmon_sources_reports_pattern_engine_and_cost(tmp_path, capsys):
    from crawler.cli import main

    assert main(["sources", "--sources", str(write(tmp_path, GOOD))]) == 0
    out = capsys.readouterr().out
    assert "RE2 (linear time)" in out and "µs per URL" in out
    assert "no link-local or metadata host" in out


# -- newsmon sources --check NAME: the way to add a source ------------------------------------


def check(site, tmp_path, capsys, article: str, follow: str) -> tuple[int, str]:
    text = site.sources_toml()
    text = re.sub(r"(?m)^article = .*$", lambda _: f"article = '{article}'", text)
    text = re.sub(r"(?m)^follow = .*$", lambda _: f"follow = '{follow}'", text)
    path = write(tmp_path, text)
    code = main(["sources", "--sources", str(path), "--check", "testsite"])
    return code, capsys.readouterr().out


def test_check_shows_links_matches_and_a_sample_of_articles(news_site, tmp_path, capsys):
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out = check(news_site, tmp_path, capsys, r"/sobytiia/\d+-", r"/news/page/\d+/$")
    assert code == 0
    base = news_site.site.base_url
    assert f"feed               {base}/rss.xml: 3 links" in out
    assert f"sitemap            {base}/sitemap/index.xml: sitemap index of 2 sitemaps" in out
    assert f"listing            {base}/news/: 6 links" in out
    assert f"  follow       1  {base}/news/page/2/" in out
    assert f"  article      2  {base}/sobytiia/7-statya-7.html, {base}/sobytiia/8-" in out
    # the followed page is read too, and page 3 is matched there
    assert f"listing (followed) {base}/news/page/2/: 4 links" in out
    assert "10 article link(s) found; a sample of 3:" in out
    # the sample went through the article chain
    assert "    title         Статья 1" in out
    assert "    published_at  2025-08-02T10:00:00+05:00  from " in out
    assert "    body          754 characters: 'В Жамбылской области полицейские изъяли" in out
    assert "    figures       5" in out
    assert "WARNING" not in out
    # nothing written: no database, no file, not one request for robots-disallowed /private/
    assert sorted(p.name for p in tmp_path.iterdir()) == [*before, "sources.toml"]
    assert not any(p.startswith("/private/") for p in news_site.site.requests)


def test_check_warns_when_article_matches_nothing(news_site, tmp_path, capsys):
    code, out = check(news_site, tmp_path, capsys, r"/articles/\d+", r"/news/\?page=\d+$")
    assert code == 1
    # 3 in the feed, 4 in the two child sitemaps, 6 on the listing; no page 2 followed
    assert "WARNING: 13 link(s) found, none matched article = '/articles/\\d+'" in out
    assert "  look like further pages, matched by nothing: 1  " in out
    assert "follow = '/news/\\?page=\\d+$' matched none" in out
    assert "0 article link(s) found; a sample of 0:" in out


def test_check_of_an_unknown_source_names_the_valid_ones(tmp_path, capsys):
    assert main(["sources", "--sources", str(write(tmp_path, GOOD)), "--check", "site_b"]) == 2
    assert "unknown source(s): site_b (valid: site_a)" in capsys.readouterr().err
