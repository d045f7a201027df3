"""Item pipeline step 2: the figures and the dates the article text states."""

from __future__ import annotations

from pipelines.figures import extract_figures
from pipelines.items import ArticleRecord
from pipelines.mentioned_dates import extract_dates
from pipelines.step import CrawlerStep, fail_soft

# Figures read from one article at most (a crawl's NEWSMON_MAX_FIGURES): each costs about 0.75
# ms over the chain, and a page under the size cap could hold 300,000 (a table of numbers, or
# a hostile site). The real pages measured hold a few hundred at most.
MAX_FIGURES = 2000
# The page problem (pipelines/page_checks.py) of a page that held more: the first kept.
TOO_MANY_FIGURES = "too_many_figures"


@fail_soft("figures and dates", ("mentioned_dates", "page_problems"))
def apply_figures(record: ArticleRecord, max_figures: int | None = MAX_FIGURES) -> ArticleRecord:
    """Fill figures and mentioned dates from the body (also used by `reextract`): the first
    `max_figures` figures, and a page problem when the body holds more."""
    text = record.body or ""
    published = record.published_at[:10] if record.published_at else None
    dates = extract_dates(text, published=published) if text else []
    record.mentioned_dates = dates
    figures = (
        extract_figures(text, published=published, dates=dates, limit=max_figures) if text else []
    )
    if max_figures is not None and len(figures) > max_figures:
        figures = figures[:max_figures]
        message = (
            f"more than {max_figures} figures on the page: the first {max_figures} kept"
            " (NEWSMON_MAX_FIGURES)"
        )
        record.page_problems = [*record.page_problems, (TOO_MANY_FIGURES, message)]
    record.figures = figures
    return record


class FiguresPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        return apply_figures(item, self.crawler.settings.getint("NEWSMON_MAX_FIGURES", MAX_FIGURES))
