"""Item pipeline after the chain, in the crawl process: what the page checks found on an
article page (pipelines/page_checks.py, read in the extraction step from the parse it makes
anyway) becomes errors rows, and a page that is no article (empty, a soft 404) is dropped
before the chrome learning and storage see it. The checks ran where the chain ran, in an
extraction worker or here; the reports are made here, where the run recorder listens.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawler.errors import report_error
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep

PAGE_REPORTS = "crawler.page_reports.PageReports"  # its ITEM_PIPELINES key


class PageRefused(DropItem):
    """A page that is no article: reported as its own errors row, never stored."""

    def __init__(self, kind: str, message: str):
        # DEBUG: the errors row already says it; Scrapy's drop message would print the item
        super().__init__(f"{kind}: {message}", log_level="DEBUG")


class PageReports(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        for kind, message in item.page_problems:
            report_error(self.crawler, kind, item.url, message)
        if item.page_refusal:
            kind, message = item.page_refusal
            report_error(self.crawler, kind, item.url, message)
            raise PageRefused(kind, message)
        # a page read as an article: a run that read none failed (run_recorder.run_status)
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        return item
