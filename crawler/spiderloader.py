"""Each configured source is a spider: `scrapy list` lists them, `scrapy crawl NAME` runs one.

Scrapy asks SPIDER_LOADER_CLASS for spider classes by name; this loader builds them from the
sources file (setting NEWSMON_SOURCES) instead of scanning modules, so adding a site is data.
"""

from __future__ import annotations

from scrapy.http import Request
from scrapy.settings import BaseSettings

from crawler.sources import Source, load_sources
from crawler.spiders.base import SourceSpider
from crawler.spiders.govkz import GovKzSpider
from crawler.spiders.news import NewsSpider

SPIDER_CLASSES: dict[str, type[SourceSpider]] = {"news": NewsSpider, "govkz": GovKzSpider}


def spider_for(source: Source) -> type[SourceSpider]:
    base = SPIDER_CLASSES[source.spider]
    class_name = "".join(part.title() for part in source.name.split("_")) + "Spider"
    return type(class_name, (base,), {"name": source.name, "source": source})


class SourceSpiderLoader:
    def __init__(self, settings: BaseSettings):
        self.sources = {s.name: s for s in load_sources(settings.get("NEWSMON_SOURCES"))}

    @classmethod
    def from_settings(cls, settings: BaseSettings):
        return cls(settings)

    def load(self, spider_name: str) -> type[SourceSpider]:
        try:
            return spider_for(self.sources[spider_name])
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name}") from None

    def list(self) -> list[str]:
        return list(self.sources)

    def find_by_request(self, request: Request) -> list[str]:
        from crawler.urls import host_of

        host = host_of(request.url)
        return [name for name, s in self.sources.items() if s.host == host]
