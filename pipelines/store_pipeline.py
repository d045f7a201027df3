"""Item pipeline, last step: the article with all it yielded into SQLite, atomically."""

from __future__ import annotations

from pipelines.articles import store_article
from pipelines.db import connect
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep


class StorePipeline(CrawlerStep):
    db = None

    def open_spider(self):
        self.db = connect(self.crawler.settings.get("NEWSMON_DB"))

    def close_spider(self):
        if self.db is not None:
            self.db.close()

    def process_item(self, item: ArticleRecord):
        item.run_id = self.crawler.stats.get_value("newsmon/run_id")
        _, outcome = store_article(self.db, item)
        self.crawler.stats.inc_value(f"newsmon/articles_{outcome}")
        if outcome != "unchanged":
            self.crawler.stats.inc_value("newsmon/figures", len(item.figures))
        # The raw HTML has been stored; dropping it here keeps memory flat on large runs.
        item.html = ""
        return item
