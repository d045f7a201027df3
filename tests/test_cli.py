"""The user-facing commands, run as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.runner import child_environment
from pipelines.db import connect
from tests.conftest import FAST, REPO, crawl, rows
from tests.support.ops_sites import GrowingSite, wait_for
from tests.support.sites import article_html


def test_sources_lists_and_validates(capsys):
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    assert "zakon_kz" in out and "prokuror_kz" in out and "all valid" in out


def test_extract_html_file_prints_one_json_line(tmp_path, capsys):
    page = tmp_path / "a.html"
    page.write_text(
        article_html(
            "Итоги месяца",
            "Изъято более 14 тонн наркотических средств.",
            "2025-08-06T12:00:00+05:00",
        ),
        encoding="utf-8",
    )
    assert main(["extract", str(page)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["title"] == "Итоги месяца"
    assert record["published_at"] == "2025-08-06T12:00:00+05:00"
    assert any(f["value"] == 14000 and f["unit"] == "kg" for f in record["figures"])


def test_extract_text_mode_gives_figures_and_dates(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("За 7 месяцев 2025 года изъято 8 тонн прекурсоров.", encoding="utf-8")
    assert main(["extract", "--text", str(text), str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    (line,) = captured.out.strip().splitlines()
    record = json.loads(line)
    assert record["file"] == str(text)
    assert [(f["value"], f["unit"]) for f in record["figures"]] == [(8000, "kg")]
    assert record["dates"][0]["kind"] == "period"
    assert "missing.txt" in captured.err


def test_extract_reads_a_url(news_site, capsys):
    assert main(["extract", news_site.site.base_url + news_site.path(11)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "Полицейские Алматы" in record["body"]  # windows-1251 declared only in <meta>


def test_scrapy_crawl_works_as_in_any_scrapy_project(news_site, tmp_path):
    sources = news_site.write_sources(tmp_path)
    env = child_environment() | {"PWD": str(REPO)}
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list", "-s", f"NEWSMON_SOURCES={sources}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout.split() == ["testsite"]
    db = tmp_path / "scrapy.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "testsite",
            "-s",
            f"NEWSMON_SOURCES={sources}",
            "-s",
            f"NEWSMON_DB={db}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    assert rows(db, "select count(*) n from articles")[0]["n"] == 10


def test_reextract_refreshes_from_raw_pages_without_downloading(news_site, tmp_path, capsys):
    db_path = tmp_path / "news.db"
    crawl(news_site.write_sources(tmp_path), db_path)
    db = connect(db_path)
    # what a broken extractor would have stored: another text (so another hash), no date
    db.execute("update articles set body = 'испорчено', content_hash = 'x', published_at = null")
    db.execute("delete from figures")
    db.conn.commit()
    db.close()
    requests_before = len(news_site.site.requests)
    capsys.readouterr()
    assert main(["reextract", "--db", str(db_path)]) == 0
    assert "10 updated" in capsys.readouterr().out
    assert len(news_site.site.requests) == requests_before  # nothing downloaded
    assert (
        rows(db_path, "select count(*) n from articles where body like '%испорчено%'")[0]["n"] == 0
    )
    assert rows(db_path, "select count(*) n from articles where published_at is null")[0]["n"] == 0
    assert rows(db_path, "select count(*) n from figures")[0]["n"] > 0
    # the damaged text was a version too: nothing is overwritten without a trace
    assert rows(db_path, "select count(*) n from article_versions")[0]["n"] == 10


def test_demo_crawls_the_bundled_site(tmp_path, capsys):
    db = tmp_path / "demo.db"
    port = ["--port", str(free_port())]
    assert main(["demo", "--db", str(db), *port]) == 0
    out = capsys.readouterr().out
    assert "demo_zakon" in out and "Browse it" in out
    articles = rows(db, "select url from articles where source = 'demo_zakon'")
    assert len(articles) == 14  # every article of the site, from all three discovery paths
    assert not any("/private/" in a["url"] or "utm_" in a["url"] for a in articles)
    assert rows(db, "select count(*) n from figures")[0]["n"] > 100
    assert_demo_facts(db, out)
    assert readme_demo_output() == out.replace(str(db), "data/demo.db").replace(port[1], "8765")
    assert main(["demo", "--db", str(db), *port]) == 0  # a second run fetches nothing again
    last = rows(db, "select * from crawl_runs order by id desc limit 1")[0]
    assert last["articles_new"] == 0 and last["status"] == "ok"


# The seizure events of the demo, computed by hand (crawler/demo/README.md): Pavlodar 36.808 kg
# of mephedrone (stated by demo_zakon and republished by demo_vestnik: once), Kostanay 8.215 kg
# (its 2 centners are precursors, no drug), Almaty 2.350 + 0.420 kg of hashish, Orenburg
# 5.640 kg, Shymkent about 2 kg of alpha-PVP + 0.300 kg of marijuana. Period statistics (16 t
# nationwide, 3 t in Turkestan and its parts...) are no events.
DEMO_SEIZED_KG = 36.808 + 8.215 + 2.350 + 0.420 + 5.640 + 2.000 + 0.300
# ... and where each happened, by hand: the Almaty courier's 2.350 kg were found at the city's
# entry «со стороны Конаева», the road from Konaev (Almaty region), not in Konaev
DEMO_EVENT_REGIONS = {36.808: "KZ-55", 8.215: "KZ-39", 2.35: "KZ-75", 0.42: "KZ-75",
                      5.64: "RU-ORE", 2.0: "KZ-79", 0.3: "KZ-79"}  # fmt: skip


def readme_demo_output() -> str:
    """The README's printout of command 1, the demo's first run."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme.split("What command 1 prints", 1)[1]
    return after.split("```\n", 2)[1]


def assert_demo_facts(db, out: str) -> None:
    events = rows(db, "select kg, n_articles, n_sources from seizure_events")
    assert len(events) == 7
    assert sum(e["kg"] for e in events) == pytest.approx(DEMO_SEIZED_KG)
    assert "Seized in events: 55.733 kg in 7 events" in out
    where = rows(db, "select kg, region from seizure_events")
    assert {round(e["kg"], 3): e["region"] for e in where} == DEMO_EVENT_REGIONS
    pavlodar = [e for e in events if e["kg"] == pytest.approx(36.808)]
    assert pavlodar == [{"kg": pytest.approx(36.808), "n_articles": 2, "n_sources": 2}]
    # the event's day is the original's (13 Nov), whichever of the two the crawl stored first
    days = rows(db, "select event_day from seizure_events where kg > 36.8 and kg < 36.9")
    assert days == [{"event_day": "2025-11-13"}]
    # the republication is marked, and the Turkestan release published twice is one story
    assert rows(db, "select count(*) n from articles where duplicate_of is not null")[0]["n"] == 2
    turkestan = rows(db, "select n_articles from facts where quote = 'более 3 тонн'")
    assert turkestan == [{"n_articles": 2}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_environment_of_children_finds_the_project():
    env = child_environment()
    assert env["SCRAPY_SETTINGS_MODULE"] == "crawler.settings"
    assert str(REPO) in env["PYTHONPATH"].split(os.pathsep)
    assert Path(REPO / "scrapy.cfg").exists()


# -- exit codes and messages a script can trust ------------------------------------------------


def test_ctrl_c_of_a_crawl_exits_130(tmp_path):
    site = GrowingSite(60, delay=(0.3, 0.3))
    site.start()
    db = tmp_path / "news.db"
    try:
        args = ["crawl", "--sources", str(site.write_sources(tmp_path)), "--db", str(db), *FAST]
        process = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(lambda: len(site.requested) >= 3, "the crawl to fetch articles")
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=120)
    finally:
        site.stop()
    assert process.returncode == 130
    assert "growing: interrupted (shutdown)" in out  # the summary is printed all the same
    assert rows(db, "select status from crawl_runs")[0]["status"] == "interrupted"


def a_database_with(path: Path, *names: str) -> None:
    db = connect(path)
    for name in names:
        db["sources"].insert({"name": name, "url": f"https://{name}.example/"})
    db.conn.commit()
    db.close()


@pytest.mark.parametrize("command", ["status", "reextract"])
def test_a_missing_database_is_an_error_and_is_not_created(tmp_path, capsys, command):
    db = tmp_path / "nothing.db"
    assert main([command, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"newsmon: no database at {db}: nothing crawled there yet" in err
    assert not db.exists()


def test_a_missing_default_database_names_the_configured_sources(tmp_path, capsys, monkeypatch):
    import pipelines.db

    monkeypatch.setattr(pipelines.db, "DEFAULT_DB", tmp_path / "data" / "news.db")
    assert main(["status"]) == 2
    err = capsys.readouterr().err
    assert "configured sources: " in err and "zakon_kz" in err
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("command", ["status", "reextract"])
def test_an_unknown_source_is_an_error_that_names_the_valid_ones(tmp_path, capsys, command):
    db = tmp_path / "news.db"
    a_database_with(db, "alpha", "beta")
    assert main([command, "--db", str(db), "alpha", "gamma"]) == 2
    assert "newsmon: unknown source(s): gamma (valid: alpha, beta)" in capsys.readouterr().err


def test_crawl_of_an_unknown_source_names_the_valid_ones(news_site, tmp_path, capsys):
    assert crawl(news_site.write_sources(tmp_path), tmp_path / "news.db", "nosuch") == 2
    assert "unknown source(s): nosuch (valid: testsite)" in capsys.readouterr().err
    assert not (tmp_path / "news.db").exists()


def test_db_in_a_missing_folder_is_refused_unless_create(news_site, tmp_path, capsys):
    sources = news_site.write_sources(tmp_path)
    db = tmp_path / "typo" / "news.db"
    assert crawl(sources, db) == 2
    assert f"the folder of --db {db} does not exist" in capsys.readouterr().err
    assert not db.parent.exists() and news_site.site.requests == []
    assert main(["run", "--sources", str(sources), "--db", str(db), "--dry-run"]) == 2
    assert not db.parent.exists()
    assert crawl(sources, db, "--create") == 0
    assert rows(db, "select count(*) n from articles")[0]["n"] == 10
