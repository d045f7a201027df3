"""What the chain's last step prepares for storage (pipelines/storage_prep.py) must leave the
database exactly as storage preparing it itself would, and must never be taken for a record
it no longer describes."""

from __future__ import annotations

import json

from crawler.sources import Source
from pipelines import storage_prep
from pipelines.articles import store_article, upsert_source
from pipelines.chain import SourceContext, process_article
from pipelines.db import connect
from pipelines.items import ArticleRecord
from pipelines.raw_pages import read_raw_html
from tests.support.sites import TEXTS, article_html

SOURCE = Source(name="prep", url="https://news.example/", article=r"/news/\d+", region="KZ")
# Rows that storage makes from the record alone, besides the record's own fields.
PREPARED_ROWS = {
    "articles_search": "select rowid, * from articles_search",
    "article_minhash": "select * from article_minhash",
    "article_lsh": "select * from article_lsh order by band, bucket",
    "duplicates": "select id, duplicate_of from articles order by id",
}


def chained(n: int, **fields) -> ArticleRecord:
    record = ArticleRecord(
        source="prep",
        url=f"https://news.example/news/{n}",
        html=article_html(f"Новость {n % len(TEXTS)}", TEXTS[n % len(TEXTS)], "2025-08-01"),
        fetched_at="2025-08-01T10:00:00+00:00",
        **fields,
    )
    return process_article(record, SourceContext(timezone="Asia/Almaty", region="KZ"))


def database(path):
    db = connect(path)
    upsert_source(db, SOURCE, "{}")
    return db


def stored_rows(path, records: list[ArticleRecord]) -> dict[str, list]:
    db = database(path)
    try:
        for record in records:
            store_article(db, record)
        found = {
            name: [tuple(r) for r in db.execute(sql).fetchall()]
            for name, sql in PREPARED_ROWS.items()
        }
        found["raw_pages"] = [
            read_raw_html(db, r[0]) for r in db.execute("select id from articles")
        ]
        return found
    finally:
        db.close()


def test_prepared_rows_are_the_rows_storage_would_make(tmp_path):
    # two copies of one release among them: the signatures must find the duplicate alike
    prepared = [chained(0), chained(1), chained(len(TEXTS))]
    assert all(isinstance(r.storage_prep, storage_prep.StoragePrep) for r in prepared)
    unprepared = [chained(0), chained(1), chained(len(TEXTS))]
    for record in unprepared:
        record.storage_prep = None
    with_prep = stored_rows(tmp_path / "prepared.db", prepared)
    without = stored_rows(tmp_path / "unprepared.db", unprepared)
    assert with_prep == without
    assert with_prep["article_minhash"] and with_prep["articles_search"]
    assert [r[1] for r in with_prep["duplicates"]] == [None, None, 1]


def test_a_record_changed_after_its_preparation_is_prepared_again(tmp_path):
    record = chained(0)
    old = record.storage_prep
    record.body = record.body + " Дополнительно изъят кокаин."
    prep = storage_prep.prepared_for(record)
    assert prep is not old and "кокаин" in prep.search[1]
    record.html = record.html.replace("</body>", "<p>ещё</p></body>")
    assert storage_prep.prepared_for(record) is not old
    db = database(tmp_path / "changed.db")
    try:
        article_id, _ = store_article(db, record)
        indexed = db.execute(
            "select rowid from articles_search where articles_search match 'кокаин'"
        ).fetchall()
        assert indexed == [(article_id,)]
        assert read_raw_html(db, article_id) == record.html
    finally:
        db.close()


def test_an_unchanged_record_keeps_its_preparation():
    record = chained(1)
    assert storage_prep.prepared_for(record) is record.storage_prep


def test_the_preparation_travels_between_machines_as_json():
    prep = chained(0).storage_prep
    assert storage_prep.from_json(json.loads(json.dumps(storage_prep.to_json(prep)))) == prep
    assert storage_prep.to_json(None) is None and storage_prep.from_json(None) is None


def test_a_failing_preparation_costs_the_step_not_the_article(tmp_path, monkeypatch):
    def broken(html: str) -> bytes:
        raise ValueError("no codec")

    monkeypatch.setattr(storage_prep, "compress_html", broken)
    record = chained(0)
    assert record.storage_prep is None
    assert record.step_errors == ["storage preparation: ValueError: no codec"]
    monkeypatch.undo()
    db = database(tmp_path / "failed.db")
    try:
        article_id, outcome = store_article(db, record)
        assert outcome == "new" and read_raw_html(db, article_id) == record.html
    finally:
        db.close()
