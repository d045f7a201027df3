"""The shape every item pipeline step shares: built by Scrapy from the crawler it serves."""

from __future__ import annotations


class CrawlerStep:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
