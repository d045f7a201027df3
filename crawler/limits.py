"""Limits that Scrapy enforces silently, made loud: every request a limit drops is counted in
`crawl_runs.limits_hit` (stats key newsmon/limits/<name>) and leaves an `errors` row.

The limits themselves are settings (crawler/settings.py; the list with defaults is in
docs/hostile.md). DEPTH_LIMIT and URLLENGTH_LIMIT are enforced by Scrapy's spider middlewares,
which only log at DEBUG/INFO level; the subclasses below report what they drop.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.spidermiddlewares.depth import DepthMiddleware
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware
from scrapy.utils.response import get_base_url
from scrapy.utils.url import url_has_any_extension
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from crawler import errors
from crawler.errors import report_error
from crawler.urls import canonical_url

_IGNORED_EXTENSIONS = {f".{e}" for e in IGNORED_EXTENSIONS}  # as LinkExtractor: no .pdf, .jpg…


class CountedDepthMiddleware(DepthMiddleware):
    """DEPTH_LIMIT: a link more than DEPTH_LIMIT hops from a start URL is not followed."""

    def get_processed_request(self, request, response):
        processed = super().get_processed_request(request, response)
        if processed is None and response is not None:
            report_error(
                self.crawler,
                errors.DEPTH_LIMIT,
                request.url,
                f"not followed: link depth {request.meta.get('depth')} is over "
                f"DEPTH_LIMIT={self.maxdepth} (found on {response.url})",
            )
        return processed


class CountedUrlLengthMiddleware(UrlLengthMiddleware):
    """URLLENGTH_LIMIT: longer URLs are not requested (redirect targets: PrivateAddressGuard)."""

    def get_processed_request(self, request, response):
        processed = super().get_processed_request(request, response)
        if processed is None:
            report_error(
                self.crawler,
                errors.URL_TOO_LONG,
                request.url,
                f"URL of {len(request.url)} characters is longer than "
                f"URLLENGTH_LIMIT={self.maxlength}; not fetched",
            )
        return processed


def _hrefs(response, chunk: int = 65536):
    """The href of each <a> and <area>, in page order, parsed as the bytes are read: a caller
    that stops early never parses (nor holds in memory) the rest of the page."""
    parser = etree.HTMLPullParser(events=("end",), tag=("a", "area"), encoding=response.encoding)
    body = response.body
    for at in range(0, len(body), chunk):
        parser.feed(body[at : at + chunk])
        for _, element in parser.read_events():
            yield element.get("href")
            element.clear(keep_tail=True)
            while element.getprevious() is not None:  # the links already read
                del element.getparent()[0]
    parser.close()
    for _, element in parser.read_events():
        yield element.get("href")


def take_links(response, limit: int) -> tuple[list[str], bool, list[str]]:
    """The first `limit` distinct http(s) links of a page (<a>/<area> href, resolved as Scrapy's
    LinkExtractor resolves them), whether the page has more, and the hrefs met on the way that
    are no URL at all (for the spider to report).

    The work stops at the limit: a page of 100,000 links costs no more than a page of `limit`
    (Scrapy's LinkExtractor takes about 25 s for 100,000 links, blocking the whole crawl).
    """
    base = get_base_url(response)
    taken: list[str] = []
    seen: set[str] = set()
    bogus: list[str] = []
    for href in _hrefs(response):
        if href is None:
            continue
        try:
            url = safe_url_string(urljoin(base, strip_html5_whitespace(href)), response.encoding)
        except ValueError:
            bogus.append(href)
            continue
        url = urljoin(response.url, url)
        if url.split("://", 1)[0] not in ("http", "https") or url_has_any_extension(
            url, _IGNORED_EXTENSIONS
        ):
            continue
        try:
            key = canonical_url(url)
        except ValueError:  # reported as bad_url by the spider
            key = url
        if key in seen:
            continue
        if limit and len(taken) >= limit:
            return taken, True, bogus
        seen.add(key)
        taken.append(url)
    return taken, False, bogus
