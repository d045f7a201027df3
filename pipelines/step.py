"""What every item pipeline step shares: built by Scrapy from the crawler it serves, and an
analysis step that fails on one article costs that step's findings, never the article.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from pipelines.items import ArticleRecord

logger = logging.getLogger(__name__)


class CrawlerStep:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


def fail_soft(step: str, fields: tuple[str, ...]) -> Callable:
    """Run an analysis step (site chrome, figures, places, facts) so that a bug it meets on one
    article (a sentence no rule foresaw) leaves the article as it was before the step: its
    `fields` and its figures restored, the error named in `record.step_errors`. The article is
    still stored and counted, and `newsmon reextract` redoes the step once the bug is fixed;
    without this, one odd sentence would drop the whole page. MemoryError is not caught: the
    page limits (docs/hostile.md) decide what happens then."""

    def decorate(run: Callable[..., ArticleRecord]) -> Callable[..., ArticleRecord]:
        @functools.wraps(run)
        def soft(record: ArticleRecord, *args, **kwargs) -> ArticleRecord:
            saved = {name: getattr(record, name) for name in fields}
            figures = [dict(figure) for figure in record.figures]  # steps annotate them in place
            try:
                return run(record, *args, **kwargs)
            except MemoryError:
                raise
            except Exception as exc:
                for name, value in saved.items():
                    setattr(record, name, value)
                record.figures = figures
                message = f"{step}: {type(exc).__name__}: {exc}"
                record.step_errors = [*record.step_errors, message]
                logger.warning("%s (%s)", message, record.url, exc_info=True)
                return record

        return soft

    return decorate
