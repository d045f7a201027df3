"""Protections against hostile sites: what a crawled site can never make newsmon do.

* **Never fetch from the machine's own network for a public source.** Every request, every
  redirect hop and every robots.txt fetch passes `PrivateAddressGuard`, which resolves the host
  and refuses loopback, private, link-local, multicast, reserved and other non-public addresses,
  unless the source's own host is itself non-public (an intranet site, the local demo).
  `GuardedResolver` repeats the check when the connection is made, so a DNS answer that changes
  between the check and the connection (DNS rebinding) is refused too.
* **Redirects end**: loops, long chains and hops to other sites are refused with their own kind.
* **Pages are read as text, correctly or not at all**: charset detection when the declared charset
  is wrong, control characters removed, empty pages and "page not found" pages served with
  status 200 refused, markup nested past the parser's depth limit reported.
* **Text reaching the database is data**: `PlainTextPipeline` strips control characters (except
  newline and tab) and lone surrogates from every text field of an article.

Host pins (setting NEWSMON_HOST_OVERRIDES, a JSON object ``{"host": "address"}``) work like a
hosts file or ``curl --resolve``: the crawl connects to the pinned address without asking DNS.
A pinned address is the operator's decision, not an answer a site controls, so it is exempt
from the address check, and a pinned source host counts as public. The hostile-site tests use
this to give a public-looking name to a server on 127.0.0.1.
"""

from __future__ import annotations

import codecs
import ipaddress
import json
import logging
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from lxml import etree
from lxml import html as lxml_html
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from crawler.urls import canonical_url, host_of

logger = logging.getLogger(__name__)


class CrawlRefused(IgnoreRequest):
    """A request newsmon refuses on purpose; `kind` and `message` become its `errors` row, under
    `url` when given (a refused redirect is recorded under the URL the crawl asked for)."""

    def __init__(self, kind: str, message: str, url: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.url = url


# -- text as data ------------------------------------------------------------------------------

# C0 controls except tab and newline (\r is normalised to \n first), DEL, C1 controls and lone
# UTF-16 surrogates (which cannot even be encoded to UTF-8 for SQLite).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?")


def strip_control(text: str) -> tuple[str, int]:
    """The text without control characters (newline and tab kept), and how many were removed."""
    text = _NEWLINES.sub("\n", text)
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed


# Character references to the same controls (&#7;, &#x1b;): lxml's HTML parser turns them into
# characters that make trafilatura drop the whole body.
_CONTROL_REFS = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?![0-9])"
    r"|[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)


def strip_control_refs(html: str) -> tuple[str, int]:
    """HTML without character references to control characters, and how many were removed."""
    return _CONTROL_REFS.subn("", html)


def plain_text(value):
    """A text field as plain data: control characters removed; other values unchanged."""
    if isinstance(value, str):
        return strip_control(value)[0]
    return value


class PlainTextPipeline:
    """Item pipeline step before storage: every text field of an article is plain text.

    Markup-looking text (a title reading ``<script>``) and SQL-looking text stay as they are:
    they are characters, stored through bound parameters and escaped by whoever displays them.
    """

    FIELDS = ("title", "author", "description", "body", "lang", "published_at")

    def process_item(self, item):
        for name in self.FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str):
                setattr(item, name, plain_text(value))
        return item


# -- addresses ---------------------------------------------------------------------------------


def address_problem(address: str) -> str | None:
    """Why an IP address is not a public Internet address ("loopback", "private", ...), or None.

    >>> address_problem("127.0.0.1"), address_problem("10.1.2.3"), address_problem("8.8.8.8")
    ('loopback', 'private', None)
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for problem, flag in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return problem
    if not ip.is_global:  # e.g. 100.64.0.0/10, shared address space of carrier NAT
        return "not globally routable"
    return None


def host_pins(settings) -> dict[str, str]:
    """NEWSMON_HOST_OVERRIDES as {lower-case host: address}, refusing values that are not IPs."""
    raw = settings.get("NEWSMON_HOST_OVERRIDES") or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ValueError(
                f'NEWSMON_HOST_OVERRIDES must be a JSON object {{"host": "address"}}, got {raw!r}'
            ) from None
    pins = {}
    for host, address in dict(raw).items():
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise ValueError(
                f"NEWSMON_HOST_OVERRIDES: {address!r} (for {host!r}) is not an IP address"
            ) from None
        pins[str(host).lower()] = str(address)
    return pins


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver with host pins and a last check at connection time.

    Installed through TWISTED_DNS_RESOLVER, it answers every name the downloader connects to.
    While `guard_active` (a public source), an answer that is not a public address fails the
    lookup, so no connection is ever made to it whatever the middlewares decided.
    """

    def __init__(self, reactor, cache_size: int, timeout: float, pins: dict[str, str]):
        super().__init__(reactor, cache_size, timeout)
        self.pins = pins
        self.guard_active = True  # PrivateAddressGuard turns it off for a non-public source
        self.refused: dict[str, str] = {}  # host -> why, for the error message

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), host_pins(settings))

    def lookup(self, name: str) -> defer.Deferred:
        """The address of a name (pins first), without the address check."""
        pinned = self.pins.get(name.lower())
        if pinned is not None:
            return defer.succeed(pinned)
        return super().getHostByName(name)

    def getHostByName(self, name: str, timeout=()) -> defer.Deferred:
        d = self.lookup(name)
        if name.lower() not in self.pins:
            d.addCallback(self._check, name)
        return d

    def _check(self, address: str, name: str) -> str:
        problem = address_problem(address) if self.guard_active else None
        if problem:
            self.refused[name.lower()] = f"{address} ({problem})"
            logger.warning("Refused to connect to %s: it resolves to %s %s", name, problem, address)
            raise DNSLookupError(f"{name} resolves to {address} ({problem}); refused")
        return address


def _installed_resolver():
    from twisted.internet import reactor

    return getattr(reactor, "resolver", None)


def resolver_refusal(url: str) -> str | None:
    """Why GuardedResolver refused the host of `url` when connecting ("127.0.0.1 (loopback)"),
    or None. The download fails as a DNS error; this lets it be reported as what it is."""
    return getattr(_installed_resolver(), "refused", {}).get(host_of(url))


class PrivateAddressGuard:
    """Downloader middleware: refuses, before anything is sent, every request (start URL, link,
    redirect hop, robots.txt) whose host is not a public address, for a public source; and
    URLs that are not http(s) or longer than URLLENGTH_LIMIT (redirect targets included)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.pins = host_pins(crawler.settings)
        self.max_url_length = crawler.settings.getint("URLLENGTH_LIMIT")
        self._source_public: bool | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            raise CrawlRefused("scheme_refused", f"{parts.scheme}: URLs are never fetched")
        if self.max_url_length and len(request.url) > self.max_url_length:
            raise CrawlRefused(
                "url_too_long",
                f"URL of {len(request.url)} characters is longer than "
                f"URLLENGTH_LIMIT={self.max_url_length}; not fetched",
            )
        host = (parts.hostname or "").lower()
        if host in self.pins or not await self.source_is_public():
            return None
        address = await self._address_of(host)
        problem = address_problem(address) if address else None
        if problem:
            self.crawler.stats.inc_value("newsmon/refused_private")
            raise CrawlRefused(
                "private_address",
                f"{host} is {address} ({problem}): a public source may not make the crawler "
                "fetch from a private network; refused",
            )
        return None

    async def source_is_public(self) -> bool:
        if self._source_public is None:
            host = self.crawler.spider.source.host.lower()
            if host in self.pins:
                public = True
            else:
                address = await self._address_of(host)
                public = address is None or address_problem(address) is None
            self._source_public = public
            resolver = _installed_resolver()
            if isinstance(resolver, GuardedResolver):
                resolver.guard_active = public
            if not public:
                logger.info("Source host %s is not public: private addresses are allowed", host)
        return self._source_public

    @staticmethod
    async def _address_of(host: str) -> str | None:
        """The IP address a host name stands for; None when it cannot be resolved (the download
        then fails with its own DNS error)."""
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            pass
        resolver = _installed_resolver()
        try:
            if isinstance(resolver, GuardedResolver):
                return await maybe_deferred_to_future(resolver.lookup(host))
            from twisted.internet import reactor

            return await maybe_deferred_to_future(reactor.resolve(host))
        except Exception:
            return None


# -- redirects ---------------------------------------------------------------------------------


def _url_key(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url


def _chain_text(urls: list[str]) -> str:
    shown = urls if len(urls) <= 6 else [*urls[:3], "…", *urls[-2:]]
    return " → ".join(u if len(u) <= 200 else u[:200] + "…" for u in shown)


class _CheckedRedirects:
    """Refuse a redirect, with a kind a person reads, when it loops, when the chain is longer
    than REDIRECT_MAX_TIMES, or when it leaves the source's hosts (its url and allowed_domains).
    The redirected request then passes every downloader middleware again, PrivateAddressGuard
    included, so each hop is checked for private addresses too."""

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if _url_key(redirected.url) in {_url_key(u) for u in chain}:
            raise CrawlRefused(
                "redirect_loop", f"redirect loop: {_chain_text([*chain, redirected.url])}", chain[0]
            )
        if request.meta.get("redirect_times", 0) + 1 > self.max_redirect_times:
            raise CrawlRefused(
                "too_many_redirects",
                f"more than REDIRECT_MAX_TIMES={self.max_redirect_times} redirects: "
                f"{_chain_text([*chain, redirected.url])}",
                chain[0],
            )
        host = host_of(redirected.url)
        domains = [d.lower() for d in getattr(self.crawler.spider, "allowed_domains", None) or []]
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            raise CrawlRefused(
                "offsite_redirect",
                f"redirect to another site ({host}) not followed: {request.url} → "
                f"{redirected.url}; add the host to the source's allowed_domains to follow it",
                chain[0],
            )
        return super()._redirect(redirected, request, reason)


class SafeRedirectMiddleware(_CheckedRedirects, RedirectMiddleware):
    """Scrapy's 3xx redirects, with the checks of _CheckedRedirects."""


class SafeMetaRefreshMiddleware(_CheckedRedirects, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv=refresh> redirects, with the checks of _CheckedRedirects."""


# -- pages -------------------------------------------------------------------------------------

_UTF8 = "utf-8"
_LATIN = {"cp1252", "iso8859-1", "latin-1", "ascii", "iso8859-15"}
_CYRILLIC = {"cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "mac-cyrillic"}
# A page declared UTF-8 with at most this share of broken sequences is UTF-8 with bad bytes,
# not another charset in disguise.
_BROKEN_UTF8_SHARE = 0.02


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect_charset(body: bytes) -> str | None:
    """The charset the bytes look like (charset-normalizer), as a Python codec name."""
    best = from_bytes(body[:262144]).best()
    return _codec(best.encoding) if best else None


@dataclass
class DecodedPage:
    text: str
    encoding: str
    problems: list[tuple[str, str]] = field(default_factory=list)


def decode_html(body: bytes, content_type: str | None) -> DecodedPage:
    """Bytes of an HTML page to text. The declared charset (HTTP header, else <meta>) is
    trusted only while it decodes the bytes cleanly; otherwise the real charset is detected, and
    the mismatch is a problem to report (`wrong_charset`, `invalid_encoding`)."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return DecodedPage(body[len(bom) :].decode(bom_encoding, "replace"), _codec(bom_encoding))
    declared = _codec(http_content_type_encoding(content_type or "")) or _codec(
        html_body_declared_encoding(body)
    )
    has_non_ascii = not body.isascii()
    if declared is None:
        try:
            return DecodedPage(body.decode(_UTF8), _UTF8)
        except UnicodeDecodeError:
            encoding = detect_charset(body) or "cp1251"
            return DecodedPage(body.decode(encoding, "replace"), encoding)
    try:
        text = body.decode(declared)
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if declared == _UTF8 or not has_non_ascii:
            return DecodedPage(text, declared)
        if _is_utf8(body):  # valid UTF-8 with non-ASCII bytes is never an accident
            return _wrong(body, declared, _UTF8)
        if declared in _LATIN and (detected := detect_charset(body)) in _CYRILLIC:
            return _wrong(body, declared, detected)
        return DecodedPage(text, declared)
    if declared == _UTF8:
        replaced = body.decode(_UTF8, "replace")
        broken = replaced.count("\ufffd") - body.count("\ufffd".encode())
        non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore"))
        if broken <= max(8, _BROKEN_UTF8_SHARE * non_ascii):
            return _broken(replaced, declared, broken)
    elif _is_utf8(body):
        return _wrong(body, declared, _UTF8)
    detected = detect_charset(body)
    if detected and detected != declared:
        return _wrong(body, declared, detected)
    replaced = body.decode(declared, "replace")
    return _broken(replaced, declared, replaced.count("\ufffd"))


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode(_UTF8)
    except UnicodeDecodeError:
        return False
    return True


def _wrong(body: bytes, declared: str, actual: str) -> DecodedPage:
    return DecodedPage(
        body.decode(actual, "replace"),
        actual,
        [("wrong_charset", f"page declares charset {declared} but is {actual}; read as {actual}")],
    )


def _broken(text: str, declared: str, broken: int) -> DecodedPage:
    return DecodedPage(
        text,
        declared,
        [
            (
                "invalid_encoding",
                f"{broken} byte sequence(s) are not valid {declared}; replaced with U+FFFD",
            )
        ],
    )


# Title or main heading of a "page not found" page served with status 200.
_NOT_FOUND = re.compile(
    r"страниц\w*\s+(?:\w+\s+)?не\s+(?:найден\w*|существует)|не\s+удалось\s+найти\s+\w+"
    r"|запрашиваем\w*\s+страниц\w*(?:\s+не\s+найден\w*)?|page\s+(?:was\s+)?not\s+found"
    r"|\bnot\s+found\b"
    r"|(?:ошибка|error)\s*404|бет\s+табылмады|^\s*404\s*(?:$|[-–—:|.!])",
    re.IGNORECASE,
)
SOFT_404_MAX_TEXT = 600  # a "not found" message in a page with less visible text than this


@dataclass
class PageShape:
    title: str
    heading: str
    text: str  # visible text of the body
    too_deep: bool  # markup nested past the HTML parser's depth limit (256)


def page_shape(text: str) -> PageShape:
    """Title, first heading and visible text, with lxml's default limits (no huge_tree)."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return PageShape("", "", "", False)
    too_deep = any("Excessive depth" in entry.message for entry in parser.error_log)
    title = " ".join((root.findtext(".//title") or "").split())
    heading = next((" ".join(h.text_content().split()) for h in root.iter("h1")), "")
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    body = root.find("body")
    visible = " ".join((body if body is not None else root).text_content().split())
    return PageShape(title, heading, visible, too_deep)


def soft_404(shape: PageShape) -> str | None:
    """The words by which a status-200 page says it does not exist, or None."""
    for text in (shape.title, shape.heading):
        if match := _NOT_FOUND.search(text):
            return match.group(0).strip()
    if len(shape.text) < SOFT_404_MAX_TEXT and (match := _NOT_FOUND.search(shape.text)):
        return match.group(0).strip()
    return None


@dataclass
class ArticlePage:
    """What the spider learned reading one article page: the text to store (or a refusal) and
    the problems to report."""

    text: str
    encoding: str
    problems: list[tuple[str, str]]
    refusal: tuple[str, str] | None = None


def read_article_page(body: bytes, content_type: str | None) -> ArticlePage:
    if not body.strip():
        return ArticlePage("", "", [], ("empty_page", "status 200 with an empty body"))
    decoded = decode_html(body, content_type)
    problems = list(decoded.problems)
    text, removed = strip_control(decoded.text)
    text, references = strip_control_refs(text)
    removed += references
    if removed:
        problems.append(
            ("control_characters", f"{removed} control character(s) (NUL, ESC, …) removed")
        )
    shape = page_shape(text)
    if shape.too_deep:
        problems.append(
            (
                "too_deeply_nested",
                "markup nested more than 256 levels deep: the HTML parser stops there, text "
                "inside the deepest part is lost",
            )
        )
    refusal = None
    if not shape.text:
        refusal = ("empty_page", "the page has no visible text")
    elif reason := soft_404(shape):
        refusal = ("soft_404", f"status 200 but the page says it does not exist: {reason!r}")
    return ArticlePage(text, decoded.encoding, problems, refusal)
