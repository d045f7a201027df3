"""The item of a crawl: one fetched article page and everything the steps learned about it.

A plain dataclass with no storage or Scrapy behaviour, so spiders, steps and storage all depend
on it and on nothing of each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticleRecord:
    """Everything the pipelines learned about one fetched article page."""

    source: str
    url: str
    html: str
    fetched_at: str
    requested_url: str | None = None
    http_status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    encoding: str | None = None
    content_type: str | None = None
    listed_at: str | None = None
    title: str | None = None
    author: str | None = None
    description: str | None = None
    body: str | None = None
    lang: str | None = None
    published_at: str | None = None
    published_source: str | None = None
    # every date the page, its feed and its sitemap gave, as JSON, when they disagree
    published_evidence: str | None = None
    # stamps the crawl saw for this URL, as written: {"feed": pubDate, "sitemap": lastmod}
    listed_dates: dict[str, str] | None = None
    # the keys of the lines learned as its source's chrome (pipelines/chrome.py)
    site_chrome: frozenset[str] = frozenset()
    # the lines of the body as extracted, by key: what the crawl learns the chrome from
    chrome_lines: dict[str, str] = field(default_factory=dict)
    extractor: str | None = None
    # what the page checks found on the extraction's parse (pipelines/page_checks.py): problems
    # to report, (kind, message) each, and the reason the page is no article to store
    page_problems: list[tuple[str, str]] = field(default_factory=list)
    page_refusal: tuple[str, str] | None = None
    figures: list[dict] = field(default_factory=list)
    mentioned_dates: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)
    region: str | None = None
    country: str | None = None
    run_id: int | None = None
    # analysis steps that failed on this article, "step: error" each (pipelines/step.py)
    step_errors: list[str] = field(default_factory=list)
    # what storage writes that needs no database, made by the chain's last step
    # (pipelines/storage_prep.py), so a crawl's workers make it, not the crawl process
    storage_prep: Any = None
