"""Item pipeline step 4: what each figure is (role, scope, indicator, checks), and the figures
of the headline, which readers often see first («Изъято 16 тонн наркотиков»)."""

from __future__ import annotations

from pipelines.facts import annotate_figures
from pipelines.figures import extract_figures
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep


def apply_facts(record: ArticleRecord) -> ArticleRecord:
    """Annotate the body's figures and add the headline's (`in_title`, offsets into the title;
    also used by `extract` and `reextract`)."""
    published = record.published_at[:10] if record.published_at else None
    title = record.title or ""
    headline = extract_figures(title, published=published) if title and record.body else []
    for figure in headline:
        figure.setdefault("region", record.region)
        figure.setdefault("country", record.country)
    record.figures = annotate_figures(
        record.body or "",
        record.figures,
        title=title,
        title_figures=headline,
        mentioned_dates=record.mentioned_dates,
        published=published,
    )
    return record


class FactsPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        return apply_facts(item)
