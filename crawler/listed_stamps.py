"""The full timestamps a feed or sitemap gives its links, as written (RFC 822 pubDate with its
offset, ISO lastmod): evidence for an article's publication time (pipelines/publication.py).
crawler/feeds.py keeps only their day, which is all that --since/--until need."""

from __future__ import annotations

from crawler.feeds import _local, _parse

_FEED_DATES = ("pubDate", "published", "date", "issued", "updated")


def _text(node) -> str | None:
    text = (node.text or "").strip()
    return text or None


def feed_stamps(body: bytes) -> dict[str, str]:
    """{link: stamp} of the entries of an RSS/Atom feed that have one; {} on any failure."""
    try:
        root = _parse(body, refuse_entities=True)
    except ValueError:
        return {}
    stamps: dict[str, str] = {}
    for entry in root.iter():
        if _local(entry.tag) not in ("item", "entry"):
            continue
        links, dates = [], {}
        for child in entry:
            name = _local(child.tag)
            if name in ("link", "guid"):
                links.append(child.get("href") or _text(child))
            elif name in _FEED_DATES and _text(child):
                dates.setdefault(name, _text(child))
        stamp = next((dates[name] for name in _FEED_DATES if name in dates), None)
        for link in links:
            if link and stamp:
                stamps.setdefault(link.strip(), stamp)
    return stamps


def sitemap_stamps(body: bytes) -> dict[str, str]:
    """{loc: lastmod} of a urlset whose lastmod has a time (a bare day adds nothing to the
    day sitemap_entries already gives); a news sitemap's publication_date is preferred."""
    try:
        root = _parse(body, refuse_entities=True)
    except ValueError:
        return {}
    stamps: dict[str, str] = {}
    for node in root:
        loc = stamp = None
        for child in node.iter():
            name, value = _local(child.tag), _text(child)
            if name == "loc" and loc is None:
                loc = value
            elif value and (name == "publication_date" or (name == "lastmod" and stamp is None)):
                stamp = value
        if loc and stamp and len(stamp) > 10:
            stamps[loc] = stamp
    return stamps
