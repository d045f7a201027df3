"""Item pipeline step 1: body, title, dates and language of the page, via trafilatura."""

from __future__ import annotations

from datetime import datetime

from pipelines.extraction import FIELDS, extract_checked_article
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep


def apply_extraction(
    record: ArticleRecord, timezone: str | None, lang: str | None = None
) -> ArticleRecord:
    """Fill the extracted fields of a record from its raw HTML (also used by `reextract`).
    `lang`, the source's language, stands in where the page declares none."""
    fetched = datetime.fromisoformat(record.fetched_at) if record.fetched_at else None
    result, findings = extract_checked_article(
        record.html,
        record.url or None,
        timezone=timezone,
        fetched_at=fetched,
        listed=record.listed_dates,
    )
    for key in (*FIELDS, "extractor"):
        setattr(record, key, result.get(key))
    record.lang = record.lang or lang
    record.page_problems, record.page_refusal = findings.problems, findings.refusal
    return record


class ExtractionPipeline(CrawlerStep):
    """An empty body or a missing date is kept and stored all the same (the raw page allows a
    later re-extraction); the crawl's run recorder counts them from the item."""

    def process_item(self, item: ArticleRecord):
        spider = self.crawler.spider
        return apply_extraction(item, spider.source.timezone, spider.source.lang)
