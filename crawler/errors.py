"""Errors of a crawl as data: every failure becomes an `errors` row with a kind a person reads.

Components report through a Scrapy signal, so none of them needs a database handle; the
run recorder extension (crawler/run_recorder.py) stores and counts what it receives. How a
failed download is mapped to a kind is in crawler/failures.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines import page_checks
from pipelines.plain_text import strip_control


@dataclass(frozen=True)
class ErrorKind:
    """One kind of `errors` row: its name (errors.kind), what it means, and, when it means a
    limit tripped, the name the limit is counted under in crawl_runs.limits_hit (stats key
    newsmon/limits/<name>). Limits of a whole run (pages, time) are counted from the spider's
    close reason by the run recorder, not here."""

    name: str
    meaning: str
    limit: str | None = None


# Every kind, in the order docs/hostile.md lists them (generated from here by cog).
KINDS: dict[str, ErrorKind] = {}


def _kind(name: str, meaning: str, limit: str | None = None) -> str:
    KINDS[name] = ErrorKind(name, meaning, limit)
    return name


# Refused requests
PRIVATE_ADDRESS = _kind(
    "private_address", "the host is or resolves to a non-public address; nothing sent"
)
SCHEME_REFUSED = _kind("scheme_refused", "a URL that is not http(s); never fetched")
URL_TOO_LONG = _kind(
    "url_too_long", "a URL longer than URLLENGTH_LIMIT; never fetched", "url_length"
)
DEPTH_LIMIT = _kind("depth_limit", "a link more than DEPTH_LIMIT hops from a start URL", "depth")
BAD_URL = _kind("bad_url", "a link that is no usable URL (port not a number, broken IPv6)")
ROBOTS_DISALLOWED = _kind("robots_disallowed", "robots.txt forbids the URL")
OFFSITE = _kind("offsite", "a link to a host outside the source's allowed_domains")
IGNORED = _kind("ignored", "a request Scrapy dropped for another reason (message says why)")
# Redirects
REDIRECT_LOOP = _kind("redirect_loop", "a redirect back to a URL already in the chain")
TOO_MANY_REDIRECTS = _kind(
    "too_many_redirects", "a redirect chain longer than REDIRECT_MAX_TIMES", "redirects"
)
OFFSITE_REDIRECT = _kind(
    "offsite_redirect", "a redirect to a host outside the source's allowed_domains"
)
REDIRECTED_OFF_ARTICLE = _kind(
    "redirected_off_article", "an article URL redirected to a page that is no article"
)
# Transport
TIMEOUT = _kind("timeout", "no complete answer within DOWNLOAD_TIMEOUT", "download_timeout")
DNS = _kind("dns", "the host name does not resolve")
CONNECTION_REFUSED = _kind("connection_refused", "the server refused the connection")
TOO_LARGE = _kind(
    "too_large", "a body over DOWNLOAD_MAXSIZE; download cancelled", "bytes_per_response"
)
DECOMPRESSION_BOMB = _kind(
    "decompression_bomb",
    "a compressed body (or .xml.gz sitemap) that unpacks past DOWNLOAD_MAXSIZE",
    "bytes_per_response",
)
TRUNCATED = _kind("truncated", "the connection closed before the whole body arrived")
DOWNLOAD_FAILED = _kind("download_failed", "the download failed (message says how)")
NETWORK = _kind("network", "any other network failure (message names the exception)")
HTTP_STATUS = _kind("http_<status>", "an HTTP error status after retries, e.g. http_404")
# Pages
NOT_HTML = _kind("not_html", "a page that is not HTML (PDF or image, even as text/html)")
NOT_TEXT = _kind(
    "not_text", "a page whose bytes are not text (over 10% control bytes): binary data; not stored"
)
EMPTY_PAGE = _kind(page_checks.EMPTY_PAGE, "status 200 with an empty body or no visible text")
SOFT_404 = _kind(page_checks.SOFT_404, "status 200, but the page says it does not exist")
EMPTY_BODY = _kind("empty_body", "an article page in which no article text was found")
STORAGE_FAILED = _kind(
    "storage_failed",
    "the article could not be written: disk full, I/O error, database locked, read-only file",
)
PIPELINE_EXCEPTION = _kind(
    "pipeline_exception", "an item pipeline step raised on an article (message names it)"
)
STEP_FAILED = _kind(
    "step_failed",
    "an analysis step (site chrome, figures, places, facts) failed on an article: stored"
    " without that step's findings, listed in articles.step_errors; `newsmon reextract` redoes it",
)
INVALID_ENCODING = _kind(
    "invalid_encoding", "byte sequences not valid in the page's charset (stored as U+FFFD)"
)
WRONG_CHARSET = _kind("wrong_charset", "the page declares one charset and is in another")
CONTROL_CHARACTERS = _kind("control_characters", "control characters removed from the page")
TOO_DEEPLY_NESTED = _kind(
    page_checks.TOO_DEEPLY_NESTED,
    "markup nested past 256 levels; text inside the deepest part lost",
)
TOO_MANY_FIGURES = _kind(
    "too_many_figures",  # pipelines/figures_pipeline.py TOO_MANY_FIGURES
    "an article with more than NEWSMON_MAX_FIGURES figures: stored with the first, the rest"
    " not read",
    "figures_per_article",
)
TOO_MANY_NAMES = _kind(
    "too_many_names",  # pipelines/places_pipeline.py TOO_MANY_NAMES
    "an article with more than NEWSMON_MAX_NER_SENTENCES sentences of names the gazetteer lacks:"
    " NER read the first, the others' names left to the gazetteer",
    "ner_sentences",
)
TOO_MANY_LINKS = _kind(
    "too_many_links",
    "a page or feed with more than NEWSMON_MAX_LINKS_PER_PAGE links; the rest not taken",
    "links_per_page",
)
# Feeds and sitemaps
XML_ENTITIES = _kind("xml_entities", "a feed or sitemap declaring XML entities; refused whole")
NOT_A_FEED = _kind("not_a_feed", "a feed URL that serves no RSS or Atom (often HTML)")
NOT_A_SITEMAP = _kind("not_a_sitemap", "a sitemap URL that serves no sitemap")
SITEMAP_LOOP = _kind("sitemap_loop", "a sitemap index listing itself or a parent; not re-read")
BAD_GZIP = _kind("bad_gzip", "a .xml.gz sitemap that is not readable gzip")
TOO_MANY_SITEMAP_URLS = _kind(
    "too_many_sitemap_urls",
    "a sitemap with more than NEWSMON_MAX_SITEMAP_URLS URLs; the rest not taken",
    "sitemap_urls",
)
# The gov.kz JSON API
API_NOT_JSON = _kind("api_not_json", "the API answered an HTML page instead of JSON")
BAD_JSON = _kind("bad_json", "the API answered malformed JSON or JSON without an item list")
API_EMPTY = _kind("api_empty", "the API's first page lists no news: it changed or is broken")
BAD_ITEM = _kind("bad_item", "an API item without an id")

LIMIT_OF_KIND = {kind.name: kind.limit for kind in KINDS.values() if kind.limit}


def http_kind(status: int) -> str:
    """The kind of an HTTP error status (HTTP_STATUS with the number filled in)."""
    return f"http_{status}"


# Sent with keyword arguments kind, url, message.
error_recorded = object()


def report_error(crawler, kind: str, url: str | None, message: str) -> None:
    """Tell the run recorder (and the log) that something went wrong with one URL. A kind that
    means a limit tripped is also counted in the run's limits_hit."""
    limit = LIMIT_OF_KIND.get(kind)
    if limit:
        crawler.stats.inc_value(f"newsmon/limits/{limit}")
    crawler.signals.send_catch_log(
        signal=error_recorded,
        kind=kind,
        url=strip_control(url)[0] if url else url,
        message=strip_control(str(message)[:2000])[0],
    )
