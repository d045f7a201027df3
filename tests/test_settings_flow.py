"""`newsmon crawl --set NAME=VALUE` reaches the parent's own limits (the time limit and the kill
grace, crawler/backstops.py), not only the `scrapy crawl` child: both read one Scrapy Settings
built from crawler/settings.py and the --set pairs. Real local HTTP servers, real children."""

from __future__ import annotations

import json
import time

from crawler import settings as project_settings
from crawler.backstops import crawl_settings
from crawler.cli import main
from crawler.runner import CrawlRequest, effective_limits
from tests.conftest import FAST, rows
from tests.support.ops_sites import GrowingSite


def crawl_with(site: GrowingSite, tmp_path, *sets: str) -> tuple[int, float, dict]:
    sources = site.write_sources(tmp_path)
    db = tmp_path / "news.db"
    args = ["crawl", "--sources", str(sources), "--db", str(db), *FAST]
    for pair in sets:
        args += ["--set", pair]
    started = time.monotonic()
    code = main(args)
    (run,) = rows(db, "select * from crawl_runs")
    return code, time.monotonic() - started, run


def test_set_time_limit_stops_the_crawl_from_the_parent(tmp_path):
    # 80 articles of 1 s each, two at a time: 40 s of crawling unless the 12 s limit stops it
    # (12 s, not less: a loaded machine takes seconds to start the crawl process, and a limit
    # reached before the first page is parsed ends the run "failed", another test's case).
    site = GrowingSite(80, delay=(1.0, 1.0))
    site.start()
    try:
        code, elapsed, run = crawl_with(site, tmp_path, "NEWSMON_TIME_LIMIT=12")
    finally:
        site.stop()
    assert code == 0, run
    assert elapsed < 30
    assert run["status"] == "partial"
    assert run["finish_reason"].startswith("time limit of 12 s reached: stopped with SIGINT")
    assert json.loads(run["limits_hit"])["time_limit"] == 1
    assert len(site.requested) < 80


def test_set_kill_grace_kills_a_crawl_that_does_not_stop(tmp_path):
    # Every article takes 25 s: after SIGINT, Scrapy waits for the requests in flight, so only
    # the kill grace given with --set ends the crawl. The limit is 12 s, not less: a loaded
    # machine took over 5 s to start the crawl, and a limit reached before any article is
    # requested ends the run at once ("interrupted", exit 0), with nothing in flight to kill.
    site = GrowingSite(10, delay=(25.0, 25.0))
    site.start()
    try:
        code, elapsed, run = crawl_with(
            site, tmp_path, "NEWSMON_TIME_LIMIT=12", "NEWSMON_KILL_GRACE=1"
        )
    finally:
        site.stop()
    assert code == 1, run
    assert elapsed < 25
    assert run["status"] == "failed"
    assert run["finish_reason"] == (
        "time limit of 12 s exceeded; did not stop within 1 s of SIGINT; killed with SIGKILL"
    )


def test_parent_settings_are_the_project_settings_with_the_set_pairs_on_top():
    settings = crawl_settings({"NEWSMON_TIME_LIMIT": "7", "DOWNLOAD_DELAY": "0"})
    assert settings.getfloat("NEWSMON_TIME_LIMIT") == 7
    assert settings.getpriority("NEWSMON_TIME_LIMIT") == settings.getpriority("DOWNLOAD_DELAY")
    assert settings.getint("NEWSMON_KILL_GRACE") == project_settings.NEWSMON_KILL_GRACE
    limits = effective_limits(
        CrawlRequest(sources=[], settings={"NEWSMON_KILL_GRACE": "3", "NEWSMON_TIME_LIMIT": "9"})
    )
    assert (limits.time_limit, limits.kill_grace) == (9, 3)
    # An option given by its own flag wins over --set.
    assert (
        effective_limits(
            CrawlRequest(sources=[], settings={"NEWSMON_TIME_LIMIT": "9"}, time_limit=4)
        ).time_limit
        == 4
    )


def test_a_set_limit_that_is_no_number_is_refused_before_crawling(tmp_path, capsys):
    code = main(["crawl", "--db", str(tmp_path / "news.db"), "--set", "NEWSMON_KILL_GRACE=soon"])
    assert code == 2
    assert "NEWSMON_KILL_GRACE='soon' is not a number" in capsys.readouterr().err
    assert not (tmp_path / "news.db").exists()
