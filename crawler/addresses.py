"""Never fetch from the machine's own network for a public source (docs/hostile.md).

Every request, every redirect hop and every robots.txt fetch passes `PrivateAddressGuard`, which
resolves the host and refuses loopback, private, link-local, multicast, reserved and other
non-public addresses, unless the source's own host is itself non-public (an intranet site, the
local demo). Link-local and cloud-metadata addresses (crawler/addresses_policy.py) are refused
for every source, pinned or not. `GuardedResolver` repeats the check when the connection is
made, so a DNS answer that changes between the check and the connection (DNS rebinding) is
refused too.

Host pins (setting NEWSMON_HOST_OVERRIDES, a JSON object ``{"host": "address"}``) work like a
hosts file or ``curl --resolve``: the crawl connects to the pinned address without asking DNS.
A pinned address is the operator's decision, not an answer a site controls, so it is exempt
from the address check, and a pinned source host counts as public. The hostile-site tests use
this to give a public-looking name to a server on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import json
import logging

from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from crawler import errors
from crawler.addresses_policy import forbidden_address, forbidden_host
from crawler.refusal import CrawlRefused
from crawler.urls import host_of

logger = logging.getLogger(__name__)


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
        else:
            d.addCallback(self._check_forbidden, name)  # a pin may not point there either
        return d

    def _check_forbidden(self, address: str, name: str) -> str:
        problem = forbidden_host(name) or forbidden_address(address)
        if problem:
            self.refused[name.lower()] = f"{address} ({problem})"
            logger.warning("Refused to connect to %s: %s %s", name, problem, address)
            raise DNSLookupError(f"{name} is {address} ({problem}); refused for every source")
        return address

    def _check(self, address: str, name: str) -> str:
        self._check_forbidden(address, name)  # whatever the source, public or not
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
            raise CrawlRefused(errors.SCHEME_REFUSED, f"{parts.scheme}: URLs are never fetched")
        if self.max_url_length and len(request.url) > self.max_url_length:
            raise CrawlRefused(
                errors.URL_TOO_LONG,
                f"URL of {len(request.url)} characters is longer than "
                f"URLLENGTH_LIMIT={self.max_url_length}; not fetched",
            )
        host = (parts.hostname or "").lower()
        forbidden = forbidden_host(host)
        if forbidden is None and host not in self.pins and not await self.source_is_public():
            address = await self._address_of(host)  # a private source: only forbidden ones
            forbidden = forbidden_address(address) if address else None
        if forbidden:
            self.crawler.stats.inc_value("newsmon/refused_private")
            raise CrawlRefused(
                errors.PRIVATE_ADDRESS, f"{host}: {forbidden}; never fetched, whatever the source"
            )
        if host in self.pins or not await self.source_is_public():
            return None
        address = await self._address_of(host)
        problem = address_problem(address) if address else None
        if problem:
            self.crawler.stats.inc_value("newsmon/refused_private")
            raise CrawlRefused(
                errors.PRIVATE_ADDRESS,
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
