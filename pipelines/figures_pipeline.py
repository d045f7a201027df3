"""Item pipeline step 2: the figures and the dates the article text states."""

from __future__ import annotations

from pipelines.figures import extract_figures
from pipelines.items import ArticleRecord
from pipelines.mentioned_dates import extract_dates
from pipelines.step import CrawlerStep, fail_soft


@fail_soft("figures and dates", ("mentioned_dates",))
def apply_figures(record: ArticleRecord) -> ArticleRecord:
    """Fill figures and mentioned dates from the body (also used by `reextract`)."""
    text = record.body or ""
    published = record.published_at[:10] if record.published_at else None
    dates = extract_dates(text, published=published) if text else []
    record.mentioned_dates = dates
    record.figures = extract_figures(text, published=published, dates=dates) if text else []
    return record


class FiguresPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        return apply_figures(item)
