"""The whole database schema, composed: the core tables here, then the health view
(pipelines/health_schema.py), the raw page migration (raw_pages.py), the browsing columns, views
and indexes (browse_schema.py), the full-text index (search_index.py) and the map's region points
(region_coords.py). Each of those modules
owns its part; only this one knows them all, so none of them imports another's schema.
"""

from __future__ import annotations

import sqlite_utils

from pipelines.browse_schema import ensure_browsing
from pipelines.chrome import ensure_chrome_schema
from pipelines.db_file import APPLICATION_ID
from pipelines.fact_store import ensure_facts_schema
from pipelines.health_schema import ensure_health_schema
from pipelines.raw_pages import migrate_zlib_column
from pipelines.region_coords import ensure_region_coords
from pipelines.search_index import backfill
from pipelines.transactions import write_transaction

# Schema history (an older file is brought up to date by ensure_schema):
# 2-3: articles_search (Russian full-text index), figure context, views; crawl_runs health
#      counters and the crawl_health view (pipelines/health_schema.py)
# 4: places, agencies, regions of figures
# 5: figures.seizure and the seizure views (pipelines/browse_schema.py)
# 6: the plain articles_fts index dropped (articles_search does full-text search)
# 7: raw pages zstd-compressed, in html_compressed with their codec (pipelines/raw_pages.py)
# 8: facts (pipelines/fact_store.py): figure roles, scopes, indicators, checks, fact links;
#    articles.duplicate_of and the near-duplicate tables
# 9: PRAGMA application_id (pipelines/db_file.py); crawl_runs.wall_seconds and
#    monotonic_seconds (a clock that jumps shows as a difference between them)
# 10: articles.published_evidence; site chrome learned per source (pipelines/chrome.py)
# 11: figures.part_of indexed; seized_by_substance leaves out a fact any mention states as a
#     total (pipelines/fact_views.py)
# 12: articles.step_errors: the analysis steps that failed on an article (pipelines/step.py)
# 13: figures.change_of (the number a stated change describes); official_statistics takes the
#     stated change where no text states last year's value (pipelines/fact_views.py)
SCHEMA_VERSION = 13

_TABLES: dict[str, dict] = {
    "sources": {
        "columns": {
            "name": str,
            "url": str,
            "spider": str,
            "lang": str,
            "timezone": str,
            "region": str,
            "schedule": str,
            "config": str,
            "updated_at": str,
        },
        "pk": "name",
    },
    "crawl_runs": {
        "columns": {
            "id": int,
            "token": str,
            "source": str,
            "mode": str,
            "since": str,
            "until": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "finish_reason": str,
            "pid": int,
            "pages": int,
            "bytes": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "articles_skipped_known": int,
            "figures": int,
            "errors": int,
            "error_kinds": str,
            "limits_hit": str,
            "log_file": str,
            "wall_seconds": float,
            "monotonic_seconds": float,
        },
        "pk": "id",
    },
    "articles": {
        "columns": {
            "id": int,
            "source": str,
            "url": str,
            "title": str,
            "author": str,
            "description": str,
            "body": str,
            "published_at": str,
            "published_day": str,
            "published_source": str,
            "published_evidence": str,
            "fetched_at": str,
            "updated_at": str,
            "lang": str,
            "content_hash": str,
            "version": int,
            "etag": str,
            "last_modified": str,
            "http_status": int,
            "extractor": str,
            "run_id": int,
            "region": str,
            "country": str,
            "step_errors": str,
        },
        "pk": "id",
        "not_null": {"source", "url", "fetched_at", "content_hash", "version"},
        "foreign_keys": [("source", "sources", "name"), ("run_id", "crawl_runs", "id")],
    },
    "article_versions": {
        "columns": {
            "id": int,
            "article_id": int,
            "version": int,
            "title": str,
            "body": str,
            "published_at": str,
            "content_hash": str,
            "fetched_at": str,
            "replaced_at": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "url_aliases": {
        "columns": {"url": str, "article_id": int},
        "pk": "url",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "raw_pages": {
        "columns": {
            "article_id": int,
            "url": str,
            "html_compressed": bytes,
            "compression": str,
            "encoding": str,
            "content_type": str,
            "fetched_at": str,
        },
        "pk": "article_id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "figures": {
        "columns": {
            "id": int,
            "article_id": int,
            "seq": int,
            "quote": str,
            "value": float,
            "unit": str,
            "qualifier": str,
            "object": str,
            "change": str,
            "start": int,
            "end": int,
            "sentence": str,
            "period_start": str,
            "period_end": str,
            "region": str,
            "country": str,
            "region_reason": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "places": {
        "columns": {
            "id": int,
            "article_id": int,
            "seq": int,
            "name": str,
            "normalized": str,
            "kind": str,
            "region_code": str,
            "country": str,
            "national": int,
            "start": int,
            "end": int,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "agencies": {
        "columns": {
            "id": int,
            "article_id": int,
            "seq": int,
            "name": str,
            "agency": str,
            "display_name": str,
            "country": str,
            "start": int,
            "end": int,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "mentioned_dates": {
        "columns": {
            "id": int,
            "article_id": int,
            "seq": int,
            "quote": str,
            "kind": str,
            "date": str,
            "end": str,
            "char_start": int,
            "char_end": int,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "errors": {
        "columns": {
            "id": int,
            "run_id": int,
            "source": str,
            "url": str,
            "kind": str,
            "message": str,
            "at": str,
        },
        "pk": "id",
        "foreign_keys": [("run_id", "crawl_runs", "id")],
    },
}

_INDEXES = [
    ("articles", ["url"], True),
    ("articles", ["source", "published_day"], False),
    ("articles", ["published_at"], False),
    ("article_versions", ["article_id"], False),
    ("url_aliases", ["article_id"], False),
    ("figures", ["article_id"], False),
    ("figures", ["unit", "object"], False),
    ("mentioned_dates", ["article_id"], False),
    ("places", ["article_id"], False),
    ("places", ["region_code"], False),
    ("agencies", ["article_id"], False),
    ("agencies", ["agency"], False),
    ("figures", ["region"], False),
    ("articles", ["region"], False),
    ("errors", ["run_id"], False),
    ("errors", ["source", "kind"], False),
    ("crawl_runs", ["source", "started_at"], False),
    ("crawl_runs", ["token"], False),
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes and the full-text index; a no-op on an up-to-date file.
    The caller has checked that the file is ours (pipelines/db_file.py)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if version == SCHEMA_VERSION and app_id == APPLICATION_ID:
        ensure_region_coords(db)  # the map's points change with their file, not the schema
        return
    with write_transaction(db):
        # First: from here on the file says whose it is (the header, in this transaction).
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for name, spec in _TABLES.items():
            db[name].create(
                spec["columns"],
                pk=spec["pk"],
                not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"),
                if_not_exists=True,
            )
            # A file made by an older version gains the columns added since.
            existing = db[name].columns_dict
            for column, column_type in spec["columns"].items():
                if column not in existing:
                    db[name].add_column(column, column_type)
        for table, columns, unique in _INDEXES:
            db[table].create_index(columns, unique=unique, if_not_exists=True)
        ensure_health_schema(db)  # crawl_runs health counters and the crawl_health view
        migrate_zlib_column(db)
        ensure_facts_schema(db)
        ensure_chrome_schema(db)
    # Full-text search is articles_search (pipelines/search_index.py: lemmas and stems, which
    # find every inflected form). The plain index of versions before 6 duplicated its work on
    # every stored article and nothing read it.
    if db["articles"].detect_fts():
        db["articles"].disable_fts()
    ensure_browsing(db)  # figures.source/published_day/year, views and indexes for Datasette
    backfill(db)  # creates articles_search and indexes the articles stored before it existed
    ensure_region_coords(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
