"""Reading RSS/Atom feeds and sitemaps as plain functions on bytes.

The XML parser never expands entities, never touches the network and refuses huge trees, so a
hostile feed (billion laughs, external entities) costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from crawler import errors

_PARSER_OPTIONS = dict(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


class NotAFeed(ValueError):
    """The document is not RSS, Atom or a sitemap (often an HTML page served instead)."""

    kind: str | None = None  # error kind, when more precise than not_a_feed / not_a_sitemap


class XmlEntitiesRefused(NotAFeed):
    """The document declares XML entities: the mark of entity expansion ("billion laughs") and
    external entity (XXE) attacks. Feeds and sitemaps have no use for them; the crawl refuses
    them whole (refuse_entities=True). Either way nothing is ever expanded or fetched."""

    kind = errors.XML_ENTITIES


def _parse(body: bytes, refuse_entities: bool = False) -> etree._Element:
    try:
        root = etree.fromstring(body, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise NotAFeed(f"not XML ({exc})") from None
    if root is None:
        raise NotAFeed("empty or unreadable XML")
    dtd = root.getroottree().docinfo.internalDTD if refuse_entities else None
    entities = [e.name for e in dtd.iterentities()] if dtd is not None else []
    if entities:
        shown = ", ".join(entities[:5]) + (", …" if len(entities) > 5 else "")
        raise XmlEntitiesRefused(
            f"document declares {len(entities)} XML entit{'y' if len(entities) == 1 else 'ies'} "
            f"({shown}): entity expansion and external entities are attacks; refused, "
            "nothing was expanded or fetched"
        )
    return root


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _day(text: str | None) -> str | None:
    """The calendar day of an RFC 822 (RSS) or ISO 8601 (Atom, sitemap) timestamp."""
    if not text:
        return None
    text = text.strip()
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None


def feed_entries(body: bytes, *, refuse_entities: bool = False) -> Iterator[tuple[str, str | None]]:
    """(link, publication day) of each item of an RSS 1/2 or Atom feed."""
    root = _parse(body, refuse_entities)
    if _local(root.tag) not in ("rss", "feed", "RDF"):
        raise NotAFeed(f"root element is <{_local(root.tag)}>, not a feed")
    for entry in root.iter():
        if _local(entry.tag) not in ("item", "entry"):
            continue
        link, day, guid = None, None, None
        for child in entry:
            name = _local(child.tag)
            if name == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = link or href.strip()
                elif child.text and child.text.strip():
                    link = link or child.text.strip()
            elif name == "guid" and child.get("isPermaLink", "true") != "false":
                guid = (child.text or "").strip() or None
            elif name in ("pubDate", "published", "date", "updated", "issued") and not day:
                day = _day(child.text)
        link = link or guid
        if link:
            yield link, day


def sitemap_entries(
    body: bytes, *, refuse_entities: bool = False
) -> tuple[str, list[tuple[str, str | None]]]:
    """('sitemapindex' | 'urlset', [(loc, lastmod day)])."""
    root = _parse(body, refuse_entities)
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise NotAFeed(f"root element is <{kind}>, not a sitemap")
    entries = []
    for node in root:
        loc = lastmod = None
        for child in node:
            name = _local(child.tag)
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod":
                lastmod = _day(child.text)
        if loc:
            entries.append((loc, lastmod))
    return kind, entries
