"""gov.kz publishes prosecutors' news through a JavaScript app; this spider reads its JSON API.

The API answers pages of news items (id, title, body as HTML, created_date), newest first. Each
item becomes the same ArticleRecord a fetched page would, with a small HTML document built from
the item as its raw page, so extraction, storage and re-extraction work exactly as for HTML sites.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response

from crawler import errors
from crawler.errors import report_error
from crawler.spiders.base import SourceSpider
from crawler.urls import canonical_url
from pipelines.items import ArticleRecord
from pipelines.plain_text import plain_text


def with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True)) | {
        k.replace("_", "-"): str(v) for k, v in params.items()
    }
    return urlunsplit(parts._replace(query=urlencode(query)))


def api_items(payload) -> list[dict] | None:
    """The list of news items of one API page (seen both bare and wrapped), or None if the
    payload has another shape."""
    if isinstance(payload, list):
        items = payload
    elif isinstance(payload, dict):
        items = next((payload[k] for k in ("content", "data", "items") if k in payload), None)
    else:
        items = None
    if not isinstance(items, list):
        return None
    return [item for item in items if isinstance(item, dict)]


def item_html(title: str, body_html: str, published: str | None, lang: str) -> str:
    """A self-contained page for one API item: what extraction and `reextract` read."""
    meta = (
        f'<meta property="article:published_time" content="{html.escape(published)}">'
        if published
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{meta}</head>"
        f"<body><article><h1>{html.escape(title)}</h1>{body_html}</article></body></html>"
    )


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def html_instead_of_json(response: Response) -> str | None:
    """What to say when the API answered an HTML page (an error or maintenance page, a login
    wall) instead of JSON; None when the answer is not HTML."""
    ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
    if "html" not in ctype.lower() and response.body.lstrip()[:1] != b"<":
        return None
    match = _TITLE.search(response.body[:65536])
    title = " ".join(match.group(1).decode("utf-8", "replace").split())[:200] if match else ""
    return f"API answered an HTML page instead of JSON ({ctype or 'no Content-Type'})" + (
        f": {title!r}" if title else ""
    )


class GovKzSpider(SourceSpider):
    name = "govkz"

    async def start(self):
        yield self.api_request(1)

    def api_request(self, page: int):
        size = self.settings.getint("NEWSMON_API_PAGE_SIZE")
        url = with_query(self.source.api, page=page, size=size, sort_by="created_date:DESC")
        request = self.page_request(url, self.parse_api)
        request.meta["newsmon_page"] = page
        request.headers["Accept"] = "application/json"
        request.headers["Accept-Language"] = self.source.lang
        return request

    def article_url(self, item_id) -> str:
        base = self.source.url.rstrip("/")
        return canonical_url(f"{base}/press/news/details/{item_id}?lang={self.source.lang}")

    def parse_api(self, response: Response):
        page = response.meta["newsmon_page"]
        html_page = html_instead_of_json(response)
        if html_page:
            report_error(self.crawler, errors.API_NOT_JSON, response.url, html_page)
            return
        try:
            items = api_items(json.loads(response.text))
        except (ValueError, AttributeError) as exc:
            report_error(
                self.crawler, errors.BAD_JSON, response.url, f"API answered malformed JSON: {exc}"
            )
            return
        if items is None:
            report_error(self.crawler, errors.BAD_JSON, response.url, "API answer has no item list")
            return
        if not items and page == 1:
            # Later pages end empty when the news run out; a first page never should.
            report_error(
                self.crawler,
                errors.API_EMPTY,
                response.url,
                "the API's first page lists no news at all: the API changed or is broken",
            )
            return
        self.crawler.stats.inc_value("newsmon/pages_parsed")
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        wanted = 0
        oldest_day = None
        for item in items:
            record = self._record(item, fetched_at)
            if record is None:
                message = f"item without id: {item!r}"
                report_error(self.crawler, errors.BAD_ITEM, response.url, message)
                continue
            if record.listed_at:
                oldest_day = min(oldest_day or record.listed_at, record.listed_at)
            if self.should_fetch(record.url, record.listed_at):
                self._requested.add(record.url)
                wanted += 1
                yield record
        # Newest first: a page with nothing new, or older than --since, ends the walk; so does
        # a short page (the last one).
        past_since = self.since and oldest_day and oldest_day < self.since.isoformat()
        max_pages = self.settings.getint("NEWSMON_API_MAX_PAGES")
        last_page = len(items) < self.settings.getint("NEWSMON_API_PAGE_SIZE")
        if items and wanted and not past_since and not last_page and page < max_pages:
            yield self.api_request(page + 1)
        elif page >= max_pages:
            self.crawler.stats.inc_value("newsmon/limits/api_pages")

    def _record(self, item: dict, fetched_at: str) -> ArticleRecord | None:
        item_id = item.get("id")
        if item_id is None:
            return None
        title = plain_text(str(item.get("title") or item.get("name") or ""))
        body = plain_text(str(item.get("body") or item.get("short_description") or ""))
        published = item.get("created_date") or item.get("createdDate") or item.get("publishedDate")
        published = str(published) if published else None
        return self.with_chrome(
            ArticleRecord(
                source=self.source.name,
                url=self.article_url(item_id),
                html=item_html(title, body, published, self.source.lang),
                fetched_at=fetched_at,
                content_type="application/json",
                listed_at=published[:10] if published else None,
            )
        )
