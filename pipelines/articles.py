"""Storing one article: one transaction per article, so a killed crawl never leaves half of one.

`store_article` is idempotent: storing the same page twice changes nothing; storing a changed
text keeps the previous one in `article_versions` (nothing is overwritten without a trace).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal

import sqlite_utils

from pipelines.browse_schema import figure_context
from pipelines.db import write_transaction
from pipelines.fact_store import facts_of, link_article
from pipelines.items import ArticleRecord
from pipelines.raw_pages import store_raw_page
from pipelines.search_index import index_article
from pipelines.storage_prep import StoragePrep, prepared_for

Outcome = Literal["new", "updated", "unchanged"]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(title: str | None, body: str | None) -> str:
    return hashlib.sha256(f"{title or ''}\n{body or ''}".encode()).hexdigest()


def find_article_id(db: sqlite_utils.Database, url: str) -> int | None:
    row = db.conn.execute(
        "select id from articles where url = ? union all "
        "select article_id from url_aliases where url = ? limit 1",
        [url, url],
    ).fetchone()
    return row[0] if row else None


def _article_columns(record: ArticleRecord, digest: str, now: str) -> dict:
    published_day = record.published_at[:10] if record.published_at else None
    return {
        "source": record.source,
        "url": record.url,
        "title": record.title,
        "author": record.author,
        "description": record.description,
        "body": record.body,
        "published_at": record.published_at,
        "published_day": published_day,
        "published_source": record.published_source,
        "published_evidence": record.published_evidence,
        "fetched_at": record.fetched_at,
        "updated_at": now,
        "lang": record.lang,
        "content_hash": digest,
        "etag": record.etag,
        "last_modified": record.last_modified,
        "http_status": record.http_status,
        "extractor": record.extractor,
        "run_id": record.run_id,
        "region": record.region,
        "country": record.country,
        # the analysis steps that failed on it (pipelines/step.py), or null
        "step_errors": json.dumps(record.step_errors, ensure_ascii=False)
        if record.step_errors
        else None,
    }


def _columns(db: sqlite_utils.Database, table: str) -> tuple[str, ...]:
    """Column names of a table, looked up once per connection (the schema is fixed while a
    crawl runs; asking sqlite-utils on every insert cost more than the insert)."""
    cache = db.__dict__.setdefault("_newsmon_columns", {})
    if table not in cache:
        cache[table] = tuple(c for c in db[table].columns_dict if c != "id")
    return cache[table]


def insert_row(db: sqlite_utils.Database, table: str, row: dict) -> int:
    """One row in plain SQL; returns its rowid. sqlite-utils' insert asks for the table's
    columns, primary keys and existence on every call (a third of the storage time)."""
    names = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" * len(row))
    cursor = db.conn.execute(
        f"insert into [{table}] ({names}) values ({marks})", list(row.values())
    )
    return cursor.lastrowid


def update_row(db: sqlite_utils.Database, table: str, row_id: int, row: dict) -> None:
    assignments = ", ".join(f"[{c}] = ?" for c in row)
    db.conn.execute(f"update [{table}] set {assignments} where id = ?", [*row.values(), row_id])


def _article_row(db: sqlite_utils.Database, article_id: int) -> dict:
    cursor = db.conn.execute(
        "select url, version, title, body, published_at, content_hash, fetched_at"
        " from articles where id = ?",
        [article_id],
    )
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def _insert_children(
    db: sqlite_utils.Database, table: str, article_id: int, children: list[dict]
) -> None:
    columns = _columns(db, table)
    rows = [
        [article_id if c == "article_id" else i if c == "seq" else child.get(c) for c in columns]
        for i, child in enumerate(children)
    ]
    if rows:
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" for _ in columns)
        db.conn.executemany(f"insert into [{table}] ({names}) values ({marks})", rows)


def _replace_children(
    db: sqlite_utils.Database, article_id: int, record: ArticleRecord, prep: StoragePrep
) -> None:
    """Figures, dates, places, agencies and the raw page belong to the current version only."""
    figures = [f | figure_context(record.source, record.published_at, f) for f in record.figures]
    previous_facts = facts_of(db, article_id)
    for table, children in (
        ("figures", figures),
        ("mentioned_dates", record.mentioned_dates),
        ("places", record.places),
        ("agencies", record.agencies),
    ):
        db.conn.execute(f"delete from [{table}] where article_id = ?", [article_id])
        _insert_children(db, table, article_id, children)
    # part_of (the total) and change_of (the number a change describes) were positions among
    # the article's figures: make them row ids
    for link in ("part_of", "change_of"):
        db.conn.execute(
            f"update figures set {link} = (select t.id from figures t where t.article_id ="
            f" figures.article_id and t.seq = figures.{link}) where article_id = ? and {link}"
            " is not null",
            [article_id],
        )
    store_raw_page(db, article_id, record, prep.html_compressed)
    link_article(db, article_id, previous_facts, body=record.body, signature=prep.signature)


def store_article(
    db: sqlite_utils.Database, record: ArticleRecord, *, refresh: bool = False
) -> tuple[int, Outcome]:
    """Insert or update one article with its figures, dates and raw page, atomically.

    `refresh` (re-extraction): an unchanged text still gets the newly extracted metadata,
    figures and dates; only a changed text makes a new version."""
    now = utc_now()
    digest = content_hash(record.title, record.body)
    prep = prepared_for(record)  # made in the chain's last step, outside the transaction
    with write_transaction(db):
        article_id = find_article_id(db, record.url)
        if article_id is None and record.requested_url:
            article_id = find_article_id(db, record.requested_url)
        if article_id is None:
            columns = _article_columns(record, digest, now) | {"version": 1}
            article_id = insert_row(db, "articles", columns)
            _replace_children(db, article_id, record, prep)
            outcome: Outcome = "new"
            stored_url = record.url
        else:
            old = _article_row(db, article_id)
            stored_url = old["url"]  # the row keeps the URL it was first stored under
            if old["content_hash"] == digest and refresh:
                columns = _article_columns(record, digest, now)
                columns.pop("url")
                update_row(db, "articles", article_id, columns)
                _replace_children(db, article_id, record, prep)
                outcome = "unchanged"
            elif old["content_hash"] == digest:
                update_row(
                    db,
                    "articles",
                    article_id,
                    {
                        "fetched_at": record.fetched_at,
                        "etag": record.etag,
                        "last_modified": record.last_modified,
                        "http_status": record.http_status,
                    },
                )
                outcome = "unchanged"
            else:
                insert_row(
                    db,
                    "article_versions",
                    {
                        "article_id": article_id,
                        "version": old["version"],
                        "title": old["title"],
                        "body": old["body"],
                        "published_at": old["published_at"],
                        "content_hash": old["content_hash"],
                        "fetched_at": old["fetched_at"],
                        "replaced_at": now,
                    },
                )
                columns = _article_columns(record, digest, now) | {"version": old["version"] + 1}
                columns["url"] = stored_url
                update_row(db, "articles", article_id, columns)
                _replace_children(db, article_id, record, prep)
                outcome = "updated"
        if outcome != "unchanged":  # the Russian search index changes with the text, atomically
            index_article(db, article_id, record.title, record.body, prep.search)
        _remember_aliases(db, article_id, stored_url, [record.url, record.requested_url])
    return article_id, outcome


def _remember_aliases(
    db: sqlite_utils.Database, article_id: int, stored_url: str, urls: Iterable[str | None]
) -> None:
    for url in {u for u in urls if u and u != stored_url}:
        db.conn.execute(
            "insert into url_aliases (url, article_id) values (?, ?) "
            "on conflict (url) do update set article_id = excluded.article_id",
            [url, article_id],
        )


def upsert_source(db: sqlite_utils.Database, source, config_json: str) -> None:
    db["sources"].upsert(
        {
            "name": source.name,
            "url": source.url,
            "spider": source.spider,
            "lang": source.lang,
            "timezone": source.timezone,
            "region": source.region,
            "schedule": source.schedule,
            "config": config_json,
            "updated_at": utc_now(),
        },
        pk="name",
    )
