"""`newsmon reextract`: run the current extractors again on stored raw pages, without a download.

Each article goes through the same chain of steps as in a crawl (pipelines/chain.py) and the same
storage, so a changed text becomes a new version and the old one is kept in `article_versions`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipelines.articles import store_article
from pipelines.chain import SourceContext, process_article
from pipelines.chrome import learn_stored, load_chrome
from pipelines.db import connect
from pipelines.items import ArticleRecord
from pipelines.raw_pages import read_raw_html


def reextract(db_path: str | Path | None, sources: list[str] | None = None) -> Counter:
    db = connect(db_path)
    counts: Counter = Counter()
    try:
        sources_by_name = {r["name"]: r for r in db["sources"].rows}
        # pages stored before their source's chrome was learned count now (once each), so the
        # chrome applies to every stored page, the first ones of a source included
        learn_stored(db, sources)
        chrome: dict[str, frozenset[str]] = {}
        where, params = "", []
        if sources:
            where = f"where a.source in ({', '.join('?' for _ in sources)})"
            params = list(sources)
        rows = list(
            db.query(
                "select a.id, a.source, a.url, a.fetched_at, a.etag, a.last_modified, "
                f"a.http_status, r.encoding, r.content_type from articles a "
                f"join raw_pages r on r.article_id = a.id {where} order by a.id",
                params,
            )
        )
        for row in rows:
            html = read_raw_html(db, row["id"])
            record = ArticleRecord(
                source=row["source"],
                url=row["url"],
                html=html or "",
                fetched_at=row["fetched_at"],
                http_status=row["http_status"] or 200,
                etag=row["etag"],
                last_modified=row["last_modified"],
                encoding=row["encoding"],
                content_type=row["content_type"],
            )
            if row["source"] not in chrome:
                chrome[row["source"]] = load_chrome(db, row["source"])
            record.site_chrome = chrome[row["source"]]
            source = sources_by_name.get(row["source"], {})
            context = SourceContext(
                source.get("timezone"), source.get("lang"), source.get("region")
            )
            process_article(record, context)
            _, outcome = store_article(db, record, refresh=True)
            counts[outcome] += 1
            if record.step_errors:  # stored all the same; its step_errors column says which
                counts["with a failed step"] += 1
    finally:
        db.close()
    return counts
