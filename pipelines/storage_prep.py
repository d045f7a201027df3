"""The chain's last step: the work of storing an article that needs no database, done beside
the other steps (in the extraction workers during a crawl, crawler/extract_pool.py).

The crawl process alone writes the database, so whatever it computes per page bounds what more
workers can gain (docs/profile.md, "The crawl process with the chain in workers"). What storage
writes besides the record's own fields, and can compute from the record alone, is made here:

- the Russian search index's lemma and stem texts of the title and body (`search_index`);
- the body's MinHash signature, which finds near-duplicate articles (`facts.near_duplicates`);
- the page's compressed HTML (`raw_pages`).

Storage takes these only while they still describe the record (`prepared_for`): a record
changed after this step, or built without the chain, is prepared again where it is stored, so
the database is the same whichever process prepared it.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass

from pipelines.facts import near_duplicates
from pipelines.items import ArticleRecord
from pipelines.raw_pages import compress_html
from pipelines.search_index import normalise
from pipelines.step import CrawlerStep, fail_soft


@dataclass(frozen=True)
class StoragePrep:
    title: str | None
    body: str | None
    html_crc: int  # of the page as UTF-8: the worker does not send the HTML back
    search: tuple[str, str, str, str]  # title lemmas, body lemmas, title stems, body stems
    signature: bytes | None  # the body's MinHash, None for a text too short to compare
    html_compressed: bytes


def _html_crc(html: str) -> int:
    return zlib.crc32(html.encode("utf-8", "surrogatepass"))


def prepare(record: ArticleRecord) -> StoragePrep:
    title_lemmas, title_stems = normalise(record.title)
    body_lemmas, body_stems = normalise(record.body)
    sig = near_duplicates.signature(record.body or "")
    return StoragePrep(
        title=record.title,
        body=record.body,
        html_crc=_html_crc(record.html),
        search=(title_lemmas, body_lemmas, title_stems, body_stems),
        signature=None if sig is None else near_duplicates.to_blob(sig),
        html_compressed=compress_html(record.html),
    )


@fail_soft("storage preparation", ("storage_prep",))
def prepare_storage(record: ArticleRecord, source=None) -> ArticleRecord:
    """A failure here costs nothing but time: storage then prepares the record itself."""
    record.storage_prep = prepare(record)
    return record


def prepared_for(record: ArticleRecord) -> StoragePrep:
    """The record's preparation if it still describes the record, else a new one."""
    prep = record.storage_prep
    if (
        isinstance(prep, StoragePrep)
        and prep.title == record.title
        and prep.body == record.body
        and prep.html_crc == _html_crc(record.html)
    ):
        return prep
    return prepare(record)


def to_json(prep: StoragePrep | None) -> dict | None:
    """For a message between machines (crawler/distributed): the bytes as base64."""
    if not isinstance(prep, StoragePrep):
        return None
    return {
        "title": prep.title,
        "body": prep.body,
        "html_crc": prep.html_crc,
        "search": list(prep.search),
        "signature": None if prep.signature is None else base64.b64encode(prep.signature).decode(),
        "html_compressed": base64.b64encode(prep.html_compressed).decode(),
    }


def from_json(data: dict | None) -> StoragePrep | None:
    if not isinstance(data, dict):
        return None
    signature = data.get("signature")
    return StoragePrep(
        title=data.get("title"),
        body=data.get("body"),
        html_crc=int(data["html_crc"]),
        search=tuple(data["search"]),
        signature=None if signature is None else base64.b64decode(signature),
        html_compressed=base64.b64decode(data["html_compressed"]),
    )


class StoragePrepPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord) -> ArticleRecord:
        return prepare_storage(item)
