"""`newsmon serve`: Datasette on the database, read-only, with metadata, dashboard and search.

The database is checked read-only first (`pipelines.db.connect(readonly=True)`: ours, the
schema this code knows; nothing is written, not even a migration: a writing command does that),
then served by Datasette in its normal ("mutable") mode: Datasette
reads through `mode=ro` connections, so it sees every article a running crawl commits, and in
WAL mode readers never block the writer nor wait for it. Immutable mode (`-i`) is not used: it
promises SQLite that the file never changes, so new writes would be missed or misread.

Nothing in the UI can change data: Datasette itself only runs SELECT statements, on read-only
connections; no write plugin is installed, and the newsmon plugin denies every write action
should one be installed later. Arbitrary SQL stays allowed (the dashboard's charts are SQL
queries fetched by the browser), limited in time by `sql_time_limit_ms`.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import yaml

from pipelines.db import DEFAULT_DB, connect
from pipelines.paths import DATA_DIR

METADATA = DATA_DIR / "metadata.yml"
DB_NAME = "news"  # the name the database is served under, whatever the file is called

SETTINGS = {
    "default_allow_sql": True,
    "allow_download": False,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "suggest_facets": False,
    "truncate_cells_html": 300,
    "max_returned_rows": 2000,
    "default_page_size": 50,
}


def load_metadata(path: Path, existing: set[str]) -> dict:
    """The metadata file, without the canned queries and charts that read tables or views this
    database does not have (crawl_health comes from another part of the schema)."""
    metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    db_meta = metadata.get("databases", {}).get(DB_NAME, {})

    def readable(sql: str | None) -> bool:
        if not sql:
            return True
        names = re.findall(r"\b(?:from|join)\s+([A-Za-z_][A-Za-z0-9_]*)", sql, re.I)
        return all(n in existing for n in names)

    # a table made on first use (watch_hits, by `newsmon watch`) has no page before it exists
    tables = db_meta.get("tables", {})
    for name in [n for n in tables if n not in existing]:
        del tables[name]
    queries = db_meta.get("queries", {})
    for name in [n for n, q in queries.items() if not readable(q.get("sql"))]:
        del queries[name]
    for dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).values():
        charts = dashboard.get("charts", {})
        dropped = {n for n, c in charts.items() if not readable(c.get("query"))}
        for name in dropped:
            del charts[name]
        if dropped and "layout" in dashboard:
            dashboard["layout"] = [
                ["." if cell in dropped else cell for cell in row] for row in dashboard["layout"]
            ]
    return metadata


def build_datasette(db_path: Path, metadata_path: Path = METADATA, watches: Path | None = None):
    """A Datasette instance serving `db_path` as /news, ready to be run or tested; `watches`:
    the watches file its Atom feeds read (default data/watches.toml)."""
    from datasette.app import Datasette
    from datasette.database import Database

    db = connect(db_path, readonly=True)  # refuses a foreign, newer or older file unchanged
    try:
        existing = set(db.table_names()) | set(db.view_names())
    finally:
        db.close()
    metadata = load_metadata(metadata_path, existing)
    if watches:
        metadata.setdefault("plugins", {}).setdefault("newsmon", {})["watches"] = str(watches)
    ds = Datasette(metadata=metadata, settings=SETTINGS)
    # Datasette adds an empty in-memory database when it starts with no file; it is no part of
    # newsmon's data and would be listed on the home page.
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DB_NAME)
    return ds


def serve(db_path: Path | None, host: str, port: int, metadata_path: Path = METADATA) -> int:
    import uvicorn

    db_path = Path(db_path) if db_path else DEFAULT_DB
    if not db_path.exists():
        print(f"newsmon: {db_path} does not exist (crawl first, or pass --db)", file=sys.stderr)
        return 2
    ds = build_datasette(db_path, metadata_path)
    asyncio.run(ds.invoke_startup())
    url = f"http://{host}:{port}"
    print(f"Serving {db_path} read-only at {url}/{DB_NAME}", flush=True)
    print(f"Dashboard: {url}/-/dashboards/newsmon  ·  stop with Ctrl-C", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    return 0
