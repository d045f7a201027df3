"""Raw pages: the HTML of each article's current version, kept compressed so that a later
version of the extractors can run again without a download (`newsmon reextract`).

Compressed with zstd at level 1: on the real pages of ../shared/bench/aeb (170 kB of HTML on
average) it takes 0.37 ms a page for a ratio of 4.8, where zlib at level 1 took 1.2 ms for 4.3
(bench/raw_pages.py). The `compression` column names the codec of each row, so the zlib rows of
files written before schema 7 still read.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the chain compresses pages too (pipelines/storage_prep.py), with no database
    import sqlite_utils

try:  # Python 3.14 and later
    from compression import zstd
except ImportError:  # the backport, which Scrapy requires on older Pythons as well
    from backports import zstd

CODEC = "zstd"
ZSTD_LEVEL = 1
_DECOMPRESSORS = {"zstd": zstd.decompress, "zlib": zlib.decompress}


def compress_html(html: str) -> bytes:
    return zstd.compress(html.encode("utf-8"), level=ZSTD_LEVEL)


def store_raw_page(
    db: sqlite_utils.Database, article_id: int, record, compressed: bytes | None = None
) -> None:
    """Keep `record.html` (an ArticleRecord's page) as the raw page of `article_id`;
    `compressed`: compress_html(record.html), when it was made already."""
    db.conn.execute(
        "insert or replace into raw_pages (article_id, url, html_compressed, compression, "
        "encoding, content_type, fetched_at) values (?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            record.url,
            compress_html(record.html) if compressed is None else compressed,
            CODEC,
            record.encoding,
            record.content_type,
            record.fetched_at,
        ],
    )


def read_raw_html(db: sqlite_utils.Database, article_id: int) -> str | None:
    row = db.execute(
        "select html_compressed, compression from raw_pages where article_id = ?", [article_id]
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return _DECOMPRESSORS[row[1] or "zlib"](row[0]).decode("utf-8")


def migrate_zlib_column(db: sqlite_utils.Database) -> None:
    """Files written before schema 7 kept the page in `html_zlib`: move it to
    `html_compressed` (marked zlib, not recompressed) and drop the old column. Call it
    inside the schema transaction, after the new columns exist."""
    if "html_zlib" not in db["raw_pages"].columns_dict:
        return
    db.execute(
        "update raw_pages set html_compressed = html_zlib, compression = 'zlib' "
        "where html_compressed is null"
    )
    db.execute("alter table raw_pages drop column html_zlib")
