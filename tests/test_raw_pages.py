"""Raw pages: compressed on storage, read back intact, and older zlib files migrated."""

from __future__ import annotations

import zlib

from pipelines.articles import store_article
from pipelines.db import SCHEMA_VERSION, connect
from pipelines.items import ArticleRecord
from pipelines.raw_pages import CODEC, read_raw_html
from pipelines.reextract import reextract

PAGE = (
    "<html><head><meta charset='utf-8'><title>Изъято 5 кг</title></head><body>"
    "<h1>Изъято 5 кг героина</h1><p>Полицейские Алматы изъяли 5 кг героина у курьера. "
    + "Возбуждено уголовное дело. " * 40
    + "</p></body></html>"
)


def record(url: str, html: str = PAGE) -> ArticleRecord:
    return ArticleRecord(
        source="ex",
        url=url,
        html=html,
        fetched_at="2024-05-01T10:00:00+00:00",
        title="Изъято 5 кг героина",
        body="Полицейские Алматы изъяли 5 кг героина у курьера.",
    )


def test_stored_page_reads_back_exactly_and_smaller(tmp_path):
    db = connect(tmp_path / "news.db")
    db["sources"].insert({"name": "ex"})
    article_id, _ = store_article(db, record("https://ex.kz/1"))
    stored = db.execute(
        "select html_compressed, compression from raw_pages where article_id = ?", [article_id]
    ).fetchone()
    assert stored[1] == CODEC == "zstd"
    assert len(stored[0]) < len(PAGE.encode()) / 3
    assert read_raw_html(db, article_id) == PAGE
    assert read_raw_html(db, article_id + 1) is None


def _downgrade_to_schema_6(path, pages: dict[str, str]) -> None:
    """A file as versions before 7 wrote it: the page zlib-compressed in raw_pages.html_zlib."""
    db = connect(path)
    db["sources"].insert({"name": "ex"})
    for url, html in pages.items():
        store_article(db, record(url, html))
    db.execute("alter table raw_pages drop column html_compressed")
    db.execute("alter table raw_pages drop column compression")
    db.execute("alter table raw_pages add column html_zlib blob")
    for article_id, url in db.execute("select id, url from articles").fetchall():
        blob = zlib.compress(pages[url].encode("utf-8"), 1)
        db.execute("update raw_pages set html_zlib = ? where article_id = ?", [blob, article_id])
    db.execute("PRAGMA user_version = 6")
    db.conn.commit()
    db.close()


def test_a_schema_6_file_keeps_its_zlib_pages_readable(tmp_path):
    path = tmp_path / "old.db"
    pages = {"https://ex.kz/1": PAGE, "https://ex.kz/2": PAGE.replace("5 кг", "7 кг")}
    _downgrade_to_schema_6(path, pages)

    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "html_zlib" not in db["raw_pages"].columns_dict
    codecs = {r[0] for r in db.execute("select compression from raw_pages").fetchall()}
    assert codecs == {"zlib"}
    for article_id, url in db.execute("select id, url from articles").fetchall():
        assert read_raw_html(db, article_id) == pages[url]
    db.close()

    # re-extraction reads the old rows and writes them back in the current codec
    counts = reextract(path)
    assert sum(counts.values()) == 2
    db = connect(path)
    codecs = {r[0] for r in db.execute("select compression from raw_pages").fetchall()}
    assert codecs == {"zstd"}
    for article_id, url in db.execute("select id, url from articles").fetchall():
        assert read_raw_html(db, article_id) == pages[url]
    db.close()
