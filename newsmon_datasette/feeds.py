"""An Atom feed per watch (data/watches.toml) at /-/watches/NAME.atom, and a page listing them
at /-/watches. The feed shows every fact the watch matches now (computed on a read-only
connection, so it works whether or not `newsmon watch` ever ran), newest fact first; each entry
links to its fact and to the articles that state it."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import sqlite_utils
from datasette.utils.asgi import Response

from pipelines.watches import DEFAULT_WATCHES, Watch, WatchError, load_watches, matches

ATOM = "http://www.w3.org/2005/Atom"
DB_NAME = "news"
FEED_SIZE = 100


def _watches(datasette) -> list[Watch]:
    config = datasette.plugin_config("newsmon") or {}
    return load_watches(config.get("watches") or DEFAULT_WATCHES)


def _rfc3339(value: str | None) -> str:
    """Atom wants a full date-time with a zone: in UTC (so strings sort as times); a bare day
    becomes its midnight UTC."""
    try:
        moment = datetime.fromisoformat(value or "1970-01-01")
    except ValueError:
        moment = datetime(1970, 1, 1)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_xml(watch: Watch, hits, base: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", f"{base}/-/watches/{watch.name}.atom")
    sub(feed, "title", f"newsmon watch: {watch.title}")
    sub(feed, "link", href=f"{base}/-/watches/{watch.name}.atom", rel="self")
    sub(feed, "updated", max((_rfc3339(h.when) for h in hits), default=_rfc3339(None)))
    sub(sub(feed, "author"), "name", "newsmon")
    for hit in sorted(hits, key=lambda h: _rfc3339(h.when), reverse=True)[:FEED_SIZE]:
        entry = sub(feed, "entry")
        fact_url = f"{base}/{DB_NAME}/facts/{hit.fact_id}"
        sub(entry, "id", fact_url)
        sub(entry, "title", f"{hit.shown_value} {hit.region or ''} «{hit.quote or ''}»")
        sub(entry, "link", href=fact_url, rel="alternate")
        for src in hit.sources:
            sub(entry, "link", href=src["url"], rel="related", title=src["title"] or src["url"])
        sub(entry, "updated", _rfc3339(hit.when))
        lines = [hit.detail] + [
            f"{s['source']} {s['published_at'] or ''}: {s['title'] or ''} {s['url']}"
            for s in hit.sources
        ]
        sub(entry, "summary", "\n".join(lines))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


async def watch_feed(datasette, request):
    name = request.url_vars["name"]
    try:
        watch = next((w for w in _watches(datasette) if w.name == name), None)
    except WatchError as exc:
        return Response.text(f"bad watches file: {exc}", status=500)
    if watch is None:
        return Response.text(f"no watch named {name!r}", status=404)
    db = datasette.get_database(DB_NAME)
    hits = await db.execute_fn(lambda conn: matches(sqlite_utils.Database(conn), watch))
    base = datasette.absolute_url(request, "/").rstrip("/")
    return Response(atom_xml(watch, hits, base), content_type="application/atom+xml; charset=utf-8")


async def watch_list(datasette, request):
    try:
        watches = _watches(datasette)
    except WatchError as exc:
        return Response.text(f"bad watches file: {exc}", status=500)
    return Response.html(
        await datasette.render_template(
            "newsmon_watches.html", {"watches": watches}, request=request
        )
    )


ROUTES = [
    (r"^/-/watches/(?P<name>[A-Za-z0-9_.-]+)\.atom$", watch_feed),
    (r"^/-/watches/?$", watch_list),
]
