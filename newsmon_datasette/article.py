"""The article page (/news/articles/ID, template row-news-articles.html): the title as heading,
the body as paragraphs, the publication time in the source's zone, and every figure of the body
highlighted and linked to its fact."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup, escape

from pipelines.display import format_value

DB_NAME = "news"


def local_time(published_at: str | None, timezone: str | None) -> str:
    """`14.11.2025 11:40 (Asia/Almaty, UTC+05:00)`; a day alone stays a day."""
    if not published_at:
        return "date unknown"
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return published_at
    if len(published_at) <= 10:
        return moment.strftime("%d.%m.%Y")
    zone_name = ""
    if moment.tzinfo is not None and timezone:
        try:
            moment = moment.astimezone(ZoneInfo(timezone))
            zone_name = f"{timezone}, "
        except ZoneInfoNotFoundError:
            pass
    offset = moment.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}" if offset else "time zone unknown"
    return f"{moment:%d.%m.%Y %H:%M} ({zone_name}{utc})"


def highlighted_body(body: str, figures: list[dict], base: str) -> Markup:
    """Paragraphs of the body, each figure a <mark> linking to its fact (escaped text)."""
    spans = sorted(
        (f for f in figures if f["start"] is not None and f["end"] and not f["in_title"]),
        key=lambda f: f["start"],
    )
    out, pos = [], 0
    for fig in spans:
        start, end = fig["start"], fig["end"]
        if start < pos or end > len(body):
            continue  # overlapping or stale offsets: leave the text plain
        out.append(escape(body[pos:start]))
        shown = format_value(fig["value"], fig["unit"], fig["qualifier"])
        title = escape(f"{shown} — {fig['indicator'] or fig['object'] or ''}".strip(" —"))
        fact = fig["fact_id"]
        target = f"{base}/facts/{fact}" if fact else f"{base}/figures/{fig['id']}"
        out.append(
            Markup(f'<a class="figure" href="{escape(target)}" title="{title}"><mark>')
            + escape(body[start:end])
            + Markup("</mark></a>")
        )
        pos = end
    out.append(escape(body[pos:]))
    text = Markup("").join(out)
    paragraphs = [p for p in str(text).split("\n") if p.strip()]
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs))


async def article_context(datasette, request) -> dict:
    pks = request.url_vars.get("pks", "")
    db = datasette.get_database(DB_NAME)
    rows = (
        await db.execute(
            "select a.id, a.title, a.body, a.url, a.source, a.published_at, a.region,"
            " a.duplicate_of, s.timezone from articles a"
            " left join sources s on s.name = a.source where a.id = ?",
            [pks],
        )
    ).rows
    if not rows:
        return {}
    article = dict(rows[0])
    figures = [
        dict(r)
        for r in (
            await db.execute(
                "select id, start, [end], value, unit, qualifier, object, indicator, fact_id,"
                " coalesce(in_title, 0) as in_title from figures where article_id = ?",
                [article["id"]],
            )
        ).rows
    ]
    base = datasette.urls.database(DB_NAME)
    return {
        "article": article,
        "article_time": local_time(article["published_at"], article["timezone"]),
        "article_body": highlighted_body(article["body"] or "", figures, base),
        "article_figures": len([f for f in figures if not f["in_title"]]),
    }
