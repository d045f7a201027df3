"""Unattended operation against a wrong clock and signals (issue 17, items 3 and 6): a last run
stamped in the future raises an alarm and leaves the source due; SIGHUP reloads the service's
sources; every stopping signal is logged."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipelines.db import connect
from tests.support.ops_sites import wait_for
from tests.test_operations import _history, newsmon, status

# -- clocks ---------------------------------------------------------------------------------------


def test_a_last_run_stamped_in_the_future_raises_an_alarm_and_the_source_is_due(tmp_path, capsys):
    from crawler.due import plan
    from crawler.incremental import ArticleIndex
    from crawler.sources import Source

    db = tmp_path / "news.db"
    # A week of daily runs, then one recorded with the clock five years ahead.
    _history(db, [(d, 5) for d in range(8, 1, -1)] + [(-5 * 365, 5)])
    code, out = status(db, capsys)
    assert code == 1
    assert "clock: last run stamped 20" in out and "in the future" in out
    source = Source("quiet", "https://quiet.example/", r"/news/", listings=("https://q/",))
    connection = connect(db)
    try:
        (due,) = plan([source], connection)
        assert due.due and "the clock was wrong" in due.reason
        # The sitemap cut-off comes from the last trustworthy run, never from the future one.
        cut = ArticleIndex(connection, "quiet").last_ok_run_started
        assert cut is not None and cut <= datetime.now(UTC).isoformat()
    finally:
        connection.close()


# -- signals --------------------------------------------------------------------------------------


def _recent_run(db: Path, name: str) -> None:
    """A successful run of `name` a minute ago: not due, so the service crawls nothing."""
    connection = connect(db)
    connection["sources"].insert({"name": name, "url": "http://127.0.0.1:9/"}, replace=True)
    started = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    connection["crawl_runs"].insert(
        {"source": name, "started_at": started, "finished_at": started, "status": "ok"}
    )
    connection.close()


def _source(name: str) -> str:
    return (
        f'[[source]]\nname = "{name}"\nurl = "http://127.0.0.1:9/"\n'
        f'listings = ["http://127.0.0.1:9/news/"]\narticle = "/news/"\nschedule = "0 3 1 1 *"\n'
    )


def test_sighup_reloads_the_sources_and_stopping_signals_are_logged(tmp_path):
    db = tmp_path / "news.db"
    sources = tmp_path / "sources.toml"
    sources.write_text(_source("first"), encoding="utf-8")
    for name in ("first", "second"):
        _recent_run(db, name)
    log = tmp_path / "logs" / "schedule.log"
    service = newsmon("schedule", "--sources", str(sources), "--db", str(db))
    try:
        wait_for(lambda: log.exists() and "first: next run" in log.read_text(), "start", 60)
        sources.write_text(_source("first") + _source("second"), encoding="utf-8")
        service.send_signal(signal.SIGHUP)
        wait_for(lambda: "reloaded" in log.read_text(), "the reload", 30)
        assert service.poll() is None, "SIGHUP stopped the service"
        text = log.read_text()
        assert "SIGHUP: reloaded" in text and "(added: second; removed: -; changed: -)" in text
        sources.write_text("not toml [", encoding="utf-8")
        service.send_signal(signal.SIGHUP)
        wait_for(lambda: "not reloaded" in log.read_text(), "the refused reload", 30)
        assert service.poll() is None
        service.send_signal(signal.SIGUSR1)
        assert service.wait(timeout=60) == 0
    finally:
        if service.poll() is None:
            service.kill()
        service.wait()
    text = log.read_text()
    assert "SIGHUP: sources not reloaded, still 2 in use" in text
    assert "SIGUSR1 received: stopping" in text and text.rstrip().endswith("stopped")
