"""One article, one URL: canonical forms of the links a site hands out."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that only say where a click came from; they never change the page. Generic
# names such as `from` or `ref` are kept: some sites paginate with them.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|yclid|ysclid|mc_cid|mc_eid|_openstat|_ga)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Drop tracking parameters and the fragment, lower-case scheme and host, sort the query.

    >>> canonical_url("HTTPS://Example.KZ:443/news/1-a.html?utm_source=rss&b=2&a=1#top")
    'https://example.kz/news/1-a.html?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = sorted((k, v) for k, v in query if not _TRACKING.match(k))
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
