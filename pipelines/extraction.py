"""Article extraction: one HTML page in, one flat dict out (title, body, date, ...).

A plain function on a string, usable without a crawl::

    >>> from pipelines.extraction import extract_article
    >>> extract_article(html, url, timezone="Asia/Almaty", fetched_at=fetched_at)["published_at"]
    '2014-06-05T14:30:00+06:00'

The page is parsed once (pipelines.page_tree). trafilatura extracts the body from (its own
copy of) that tree; title, author and description come from trafilatura's meta-tag and JSON-LD
readers on the same tree; the publication date from pipelines.published, which calls htmldate
only as a last resort.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

from pipelines import justext_stoplist
from pipelines.fast_prune import faster_prunings
from pipelines.page_checks import (
    PageFindings,
    page_findings,
    parse_too_deep,
    text_shape,
    tree_shape,
)
from pipelines.page_tree import PAGE_PARSER, parse_page
from pipelines.publication import evidence_json, find_published
from pipelines.published import parse_russian_datetime, site_zone

__all__ = [
    "EXTRACTOR",
    "FIELDS",
    "TRAFILATURA_OPTIONS",
    "extract_article",
    "extract_checked_article",
    "parse_russian_datetime",
]

LOGGER = logging.getLogger(__name__)
justext_stoplist.install()  # the same stop words, from the build cache

# Bump when a change here alters what a page yields, so `newsmon reextract` can find stale rows.
NEWSMON_EXTRACTION_REVISION = 3  # 3: nor after it; the date from all the evidence
EXTRACTOR = f"trafilatura-{trafilatura.__version__}+newsmon-{NEWSMON_EXTRACTION_REVISION}"

# Chosen on ../shared/bench/aeb with bench/body_extraction.py (table in docs/extraction.md).
# Tables stay in: prosecutors' reports put their figures in them.
TRAFILATURA_OPTIONS: dict[str, bool] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
}

FIELDS = (
    "title",
    "author",
    "description",
    "body",
    "lang",
    "published_at",
    "published_source",
    "published_evidence",
)

# Buttons that trafilatura keeps when they close the article block (epp.genproc.gov.ru ends
# every news text with "Распечатать").
_TRAILING_CHROME = {"распечатать", "версия для печати", "печать", "поделиться", "print"}
_LANG_SUBTAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]|$)")
_LIFERAY_HEADLINE = XPath('//div[contains(@class, "feeds-page__subtitle")]')


def _empty_result() -> dict[str, str | None]:
    result: dict[str, str | None] = dict.fromkeys(FIELDS)
    result["extractor"] = EXTRACTOR
    return result


def _page_language(tree: HtmlElement) -> str | None:
    """The primary language subtag the page declares: <html lang>, Content-Language, og:locale."""
    declared = [tree.get("lang"), tree.get("xml:lang")]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            declared.append(meta.get("content"))
    for value in declared:
        match = _LANG_SUBTAG.match((value or "").strip())
        if match:
            return match[1].lower()
    return None


def _liferay_headline(tree: HtmlElement) -> str | None:
    """epp.genproc.gov.ru pages have no h1: their headline is a div, and the <title> that
    trafilatura would fall back to names the prosecutor's office, not the news item."""
    if tree.find(".//h1") is not None:
        return None
    for element in _LIFERAY_HEADLINE(tree):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _page_metadata(tree: HtmlElement) -> dict[str, str | None]:
    """Title, author, description as trafilatura reads them from meta tags and JSON-LD.

    Not trafilatura's full extract_metadata: that one also runs htmldate, guesses bylines from
    the layout, and collects categories, tags and licences, which together cost more than half
    as much as the body extraction itself.
    """
    document = extract_meta_json(tree, examine_meta(tree))
    document.title = document.title or _liferay_headline(tree) or extract_title(tree)
    document.clean_and_trim()
    return {
        "title": document.title,
        "author": document.author,
        "description": document.description,
    }


# Subtrees that trafilatura and its readability fallback drop too, later and dearer: it copies
# the tree three or four times, and each of its XPath prunings walks the whole raw tree first (on
# real Russian news pages, 10 ms of its 26). Their tails stay. Navigation and footers hold text,
# but none that reaches a body: the same bodies on 406 real pages. Not aside, form or noscript:
# dropping them changed 1 to 6 of those bodies.
_DISCARDED_TAGS = (
    *("script", "style", "svg", "head", "select", "link", "meta"),
    *("nav", "footer", "iframe"),
)


def _drop_discarded_subtrees(tree: HtmlElement) -> None:
    """Out of the tree once the metadata and the date have been read from it."""
    for element in list(tree.iter(*_DISCARDED_TAGS)):
        element.drop_tree()


def _clean_body(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    while True:
        head, _, last_line = text.rpartition("\n")
        if last_line.strip().casefold() not in _TRAILING_CHROME:
            return text
        text = head.rstrip()


def _without_headline(body: str | None, title: str | None) -> str | None:
    """trafilatura keeps the <h1> as the body's first line, and some layouts repeat it after the
    text. The title has its own column, and a headline repeated in the body would count its
    figures twice ("свыше 16 тонн")."""
    if not body or not title:
        return body
    headline = " ".join(title.split()).casefold()
    lines = body.split("\n")
    if " ".join(lines[0].split()).casefold() == headline:
        lines = lines[1:]
    if lines and " ".join(lines[-1].split()).casefold() == headline:
        lines = lines[:-1]
    return "\n".join(lines).strip() or body


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    timezone: str | None = None,
    fetched_at: datetime | None = None,
    listed: dict[str, str] | None = None,
) -> dict[str, str | None]:
    """Extract title, author, description, body, lang and publication date from one page.

    ``timezone`` is the site's IANA zone, used for times printed without an offset and for
    "сегодня"/"вчера" relative to ``fetched_at``. ``listed``: the stamps the crawl saw for this
    URL in a feed or sitemap ({"feed": pubDate, "sitemap": lastmod}), evidence for the date;
    ``published_evidence`` is all the evidence as JSON when it disagrees. Never raises on bad
    pages (empty, not HTML, a PDF, absurdly deep markup): the result then has ``body`` None and
    the caller counts an error. An unknown ``timezone`` name raises ValueError, as it is a
    configuration mistake.
    """
    return extract_checked_article(
        html, url, timezone=timezone, fetched_at=fetched_at, listed=listed
    )[0]


def extract_checked_article(
    html: str | bytes,
    url: str | None = None,
    *,
    timezone: str | None = None,
    fetched_at: datetime | None = None,
    listed: dict[str, str] | None = None,
) -> tuple[dict[str, str | None], PageFindings]:
    """`extract_article`, and what the page checks (pipelines/page_checks.py) found on the
    same parse: whether the page is empty, a soft 404, or too deeply nested."""
    site_zone(timezone)  # fail on a misconfigured source before touching the page
    result = _empty_result()
    try:
        tree = parse_page(html) if html else None
    except Exception as error:  # lxml and charset guessing fail in many ways on junk input
        LOGGER.warning("unparsable page %s: %r", url, error)
        return result, _findings(None, html)
    findings = _findings(tree, html)
    if tree is None:
        LOGGER.warning("not an HTML page: %s", url)
        return result, findings

    try:
        result.update(_page_metadata(tree))
        result["lang"] = _page_language(tree)
        value, source, evidence = find_published(
            tree,
            url,
            timezone=timezone,
            fetched_at=fetched_at,
            title=result["title"],
            html=html if isinstance(html, str) else None,
            listed=listed,
        )
        result["published_at"], result["published_source"] = value, source
        result["published_evidence"] = evidence_json(value, evidence)
    except Exception as error:  # metadata is a bonus: a page with a body still counts
        LOGGER.warning("metadata or date lookup failed on %s: %r", url, error)

    try:
        _drop_discarded_subtrees(tree)  # read above (JSON-LD, meta); below they only cost copies
        with faster_prunings():
            document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    except Exception as error:  # RecursionError on pathological nesting, lxml errors, ...
        LOGGER.warning("trafilatura failed on %s: %r", url, error)
        document = None
    if document is not None:
        result["body"] = _clean_body(document.text)
    result["body"] = _without_headline(result["body"], result["title"])
    return result, findings


def _findings(tree: HtmlElement | None, html: str | bytes) -> PageFindings:
    """The page checks, read before anything changes the tree (extraction drops subtrees)."""
    if tree is not None:
        return page_findings(tree_shape(tree, parse_too_deep(PAGE_PARSER)))
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else (html or "")
    return page_findings(text_shape(text))
