"""An analysis step (figures, places, facts) that fails on one article costs that step's
findings, never the article: it is stored, the failure is counted, logged and listed in
articles.step_errors, and `newsmon reextract` redoes it once the bug is gone (pipelines/step.py).

The crawl test injects the bug into the real `scrapy crawl` children (and their extraction
workers) through a sitecustomize module on their PYTHONPATH: a sentence with a marker word makes
the figures rules raise, as the «CBL-2201» sentence of a held-out text once did."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
import yaml

from crawler.cli import main
from crawler.demo.server import LocalSite
from pipelines.articles import store_article
from pipelines.chain import TEXT_STEPS, SourceContext, process_article
from pipelines.db import connect
from pipelines.items import ArticleRecord
from pipelines.paths import DATA_DIR
from tests.conftest import crawl, rows
from tests.support.sites import article_html

MARKER = "СБОЙПРАВИЛА"
BODY = "В Караганде полицейские изъяли 5 кг гашиша и задержали двух человек."


def _record(body: str = BODY) -> ArticleRecord:
    return ArticleRecord(
        source="s", url="https://example.kz/1", html="", fetched_at="2025-08-01T00:00:00+00:00",
        title="Изъято 5 кг гашиша", body=body,
    )  # fmt: skip


def _broken(*args, **kwargs):
    raise IndexError("tuple index out of range")


def test_a_failed_figures_step_leaves_the_article_and_the_other_steps(monkeypatch):
    monkeypatch.setattr("pipelines.figures_pipeline.extract_figures", _broken)
    record = process_article(_record(), SourceContext(), TEXT_STEPS)
    # the body's figures lost, the headline's (read by the facts step) kept
    assert [f["quote"] for f in record.figures] == ["5 кг"] and record.figures[0]["in_title"]
    assert record.mentioned_dates == []
    assert record.step_errors == ["figures and dates: IndexError: tuple index out of range"]
    assert record.region == "KZ-35"  # the places step still ran
    assert record.body == BODY


def test_a_failed_facts_step_keeps_the_figures_as_the_step_before_left_them(monkeypatch, tmp_path):
    monkeypatch.setattr("pipelines.facts_pipeline.annotate_figures", _broken)
    record = process_article(_record(), SourceContext(), TEXT_STEPS)
    assert [f["quote"] for f in record.figures] == ["5 кг", "двух человек"]
    assert not any("role" in f for f in record.figures)
    assert record.step_errors == ["facts: IndexError: tuple index out of range"]
    # ... and such an article is stored, with its figures and the failure named
    db = connect(tmp_path / "news.db")
    try:
        db["sources"].insert({"name": "s", "url": "https://example.kz/"})
        article_id, outcome = store_article(db, record)
        stored = db["articles"].get(article_id)
        assert outcome == "new"
        assert json.loads(stored["step_errors"]) == record.step_errors
        assert db.execute("select count(*) from figures").fetchone()[0] == 2
    finally:
        db.close()


def test_extract_prints_what_the_other_steps_found_and_exits_1(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("pipelines.places_pipeline.find_places", _broken)
    text = tmp_path / "a.txt"
    text.write_text(BODY, encoding="utf-8")
    code = main(["extract", "--text", str(text)])
    out, err = capsys.readouterr()
    found = json.loads(out)
    assert code == 1
    assert [f["quote"] for f in found["figures"]] == ["5 кг", "двух человек"]
    assert found["places"] == [] and found["region"] is None
    assert found["step_errors"] == ["places and agencies: IndexError: tuple index out of range"]
    assert "step failed: places and agencies: IndexError" in err


def test_a_memory_error_is_not_swallowed(monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("pipelines.figures_pipeline.extract_figures", exhausted)
    with pytest.raises(MemoryError):
        process_article(_record(), SourceContext(), TEXT_STEPS)


_FAULT = f"""
import pipelines.figures_pipeline as figures_pipeline

_extract = figures_pipeline.extract_figures


def _faulty(text, *args, **kwargs):
    if "{MARKER}" in text:
        raise IndexError("tuple index out of range")
    return _extract(text, *args, **kwargs)


figures_pipeline.extract_figures = _faulty
"""


@pytest.mark.parametrize("workers", ["0", "2"])
def test_the_crawl_stores_an_article_a_step_failed_on_and_reextract_redoes_it(
    tmp_path, monkeypatch, capsys, workers
):
    site = LocalSite()
    base = site.start()
    try:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", Content_Type="text/plain")
        links = "".join(f'<a href="/news/{n}-a.html">{n}</a>' for n in (1, 2))
        site.add("/news/", f"<html><body>{links}</body></html>", Content_Type="text/html")
        good = article_html("Итоги", BODY, "2025-08-06T12:00:00+05:00")
        odd = article_html(
            "Курьер", f"В Темиртау у курьера нашли 3 кг героина. {MARKER} входит в смесь.",
            "2025-08-07T12:00:00+05:00",
        )  # fmt: skip
        site.add("/news/1-a.html", good, Content_Type="text/html; charset=utf-8")
        site.add("/news/2-a.html", odd, Content_Type="text/html; charset=utf-8")
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "kz"\nurl = "{base}/"\nlistings = ["{base}/news/"]\n'
            "article = '/news/\\d+-a\\.html'\n",
            encoding="utf-8",
        )
        hook = tmp_path / "hook"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(textwrap.dedent(_FAULT), encoding="utf-8")
        path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv("PYTHONPATH", f"{hook}{os.pathsep}{path}" if path else str(hook))
        monkeypatch.setenv("NEWSMON_EXTRACT_WORKERS", workers)
        db = tmp_path / "news.db"
        assert crawl(sources, db) == 0
    finally:
        site.stop()
    articles = {r["url"].rsplit("/", 1)[1]: r for r in rows(db, "select * from articles")}
    assert set(articles) == {"1-a.html", "2-a.html"}  # both stored
    assert articles["1-a.html"]["step_errors"] is None
    failed = json.loads(articles["2-a.html"]["step_errors"])
    assert failed == ["figures and dates: IndexError: tuple index out of range"]
    figures = rows(db, "select a.url from figures f join articles a on a.id = f.article_id")
    assert {r["url"].rsplit("/", 1)[1] for r in figures} == {"1-a.html"}
    (error,) = rows(db, "select * from errors")
    assert error["kind"] == "step_failed" and error["url"].endswith("/news/2-a.html")
    assert error["message"] == failed[0]
    assert json.loads(rows(db, "select error_kinds from crawl_runs")[0]["error_kinds"]) == {
        "step_failed": 1
    }
    # Datasette's canned query lists it
    meta = yaml.safe_load((DATA_DIR / "metadata.yml").read_text(encoding="utf-8"))
    listed = rows(db, meta["databases"]["news"]["queries"]["failed_steps"]["sql"])
    assert [r["url"].rsplit("/", 1)[1] for r in listed] == ["2-a.html"]
    # the bug fixed (the hook gone): reextract redoes the step and clears the failure
    monkeypatch.delenv("PYTHONPATH")
    capsys.readouterr()
    assert main(["reextract", "--db", str(db)]) == 0
    redone = rows(db, "select step_errors from articles where url like '%/2-a.html'")[0]
    assert redone["step_errors"] is None
    quotes = rows(
        db, "select f.quote from figures f join articles a on a.id = f.article_id "
        "where a.url like '%/2-a.html'",
    )  # fmt: skip
    assert [r["quote"] for r in quotes] == ["3 кг"] * 5  # the page repeats its paragraph


def test_reextract_exits_1_when_a_step_fails_on_a_stored_article(tmp_path, monkeypatch, capsys):
    db_path = tmp_path / "news.db"
    db = connect(db_path)
    try:
        db["sources"].insert({"name": "s", "url": "https://example.kz/", "spider": "news"})
        html = article_html("Итоги", BODY, "2025-08-06T12:00:00+05:00")
        record = ArticleRecord(source="s", url="https://example.kz/1", html=html,
                               fetched_at="2025-08-06T13:00:00+00:00")  # fmt: skip
        store_article(db, process_article(record, SourceContext()))
    finally:
        db.close()
    monkeypatch.setattr("pipelines.figures_pipeline.extract_figures", _broken)
    capsys.readouterr()
    assert main(["reextract", "--db", str(db_path)]) == 1
    out, err = capsys.readouterr()
    assert "1 with a failed step" in out
    assert "1 article(s) stored without the findings of a step that failed" in err
    assert rows(db_path, "select count(*) as n from figures")[0]["n"] == 0
    assert (
        "figures and dates" in rows(db_path, "select step_errors from articles")[0]["step_errors"]
    )


def test_a_failed_chrome_step_keeps_the_body_as_extracted(monkeypatch):
    monkeypatch.setattr("pipelines.chrome.remove_chrome", _broken)
    record = _record()
    record.site_chrome = frozenset({"x"})
    record = process_article(record, SourceContext(), TEXT_STEPS)
    assert record.body == BODY and record.chrome_lines == {}
    assert record.step_errors == ["site chrome: IndexError: tuple index out of range"]
    assert [f["quote"] for f in record.figures if not f["in_title"]] == ["5 кг", "двух человек"]
