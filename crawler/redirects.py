"""Redirects end: loops, long chains and hops to other sites are refused with their own kind
(docs/hostile.md). Each hop that is followed passes the address check of crawler/addresses.py."""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware

from crawler import errors
from crawler.refusal import CrawlRefused
from crawler.urls import canonical_url, host_of


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
                errors.REDIRECT_LOOP,
                f"redirect loop: {_chain_text([*chain, redirected.url])}",
                chain[0],
            )
        if request.meta.get("redirect_times", 0) + 1 > self.max_redirect_times:
            raise CrawlRefused(
                errors.TOO_MANY_REDIRECTS,
                f"more than REDIRECT_MAX_TIMES={self.max_redirect_times} redirects: "
                f"{_chain_text([*chain, redirected.url])}",
                chain[0],
            )
        host = host_of(redirected.url)
        domains = [d.lower() for d in getattr(self.crawler.spider, "allowed_domains", None) or []]
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            raise CrawlRefused(
                errors.OFFSITE_REDIRECT,
                f"redirect to another site ({host}) not followed: {request.url} → "
                f"{redirected.url}; add the host to the source's allowed_domains to follow it",
                chain[0],
            )
        return super()._redirect(redirected, request, reason)


class SafeRedirectMiddleware(_CheckedRedirects, RedirectMiddleware):
    """Scrapy's 3xx redirects, with the checks of _CheckedRedirects."""


class SafeMetaRefreshMiddleware(_CheckedRedirects, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv=refresh> redirects, with the checks of _CheckedRedirects."""
