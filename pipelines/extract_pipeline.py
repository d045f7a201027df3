"""Item pipeline step 1: body, title, dates and language of the page, via trafilatura."""

from __future__ import annotations

from datetime import datetime

from crawler.errors import report_error
from pipelines.extraction import extract_article
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep


def apply_extraction(
    record: ArticleRecord, timezone: str | None, lang: str | None = None
) -> ArticleRecord:
    """Fill the extracted fields of a record from its raw HTML (also used by `reextract`).
    `lang`, the source's language, stands in where the page declares none."""
    fetched = datetime.fromisoformat(record.fetched_at) if record.fetched_at else None
    result = extract_article(record.html, record.url, timezone=timezone, fetched_at=fetched)
    for key in (
        "title",
        "author",
        "description",
        "body",
        "lang",
        "published_at",
        "published_source",
        "extractor",
    ):
        setattr(record, key, result.get(key))
    record.lang = record.lang or lang
    return record


class ExtractionPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        spider = self.crawler.spider
        apply_extraction(item, spider.source.timezone, spider.source.lang)
        stats = self.crawler.stats
        # Kept and stored all the same (the raw page allows a later re-extraction), but
        # counted: a run of empty bodies or missing dates means the site changed its layout.
        if not item.body:
            stats.inc_value("newsmon/empty_body")
            report_error(self.crawler, "empty_body", item.url, "no article text found on the page")
        if not item.published_at:
            stats.inc_value("newsmon/undated")
        return item
