"""How pages look: the home page lists the analyst's tables first (order and sections from
metadata `plugins.newsmon.home`), column descriptions fold into one line, the article page reads
as text. Served as /-/newsmon.css and a small body script."""

from __future__ import annotations

from datasette.utils.asgi import Response

DB_NAME = "news"

CSS = """
dl.column-descriptions { display: none; }
details.column-descriptions { margin: 0.3em 0; font-size: 0.85em; }
details.column-descriptions dl.column-descriptions {
  display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; max-height: 16em;
  overflow: auto; }
details.column-descriptions dd { margin: 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.metadata-description { font-size: 0.85em; }
/* first screen for data: facets scroll in a short box, each row is one line (full text on hover
   in the row page; the table scrolls sideways) */
.facet-info ul { max-height: 4.2em; overflow-y: auto; margin: 0.2em 0; }
.facet-results { margin-bottom: 0.5em; }
.facet-info { margin-bottom: 0; }
table.rows-and-columns td { white-space: nowrap; max-width: 24em; overflow: hidden;
  text-overflow: ellipsis; padding-top: 0.25em; padding-bottom: 0.25em; }
.filter-row, .search-row { margin-bottom: 0.3em; }
span.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.type-float, td.type-int { text-align: right; }
.newsmon-article { max-width: 46em; }
.newsmon-article h1.article-title { font-size: 1.8em; line-height: 1.25; border: none;
  padding: 0; }
.article-meta { color: #555; }
.article-body p { font-size: 1.1em; line-height: 1.6; margin: 0 0 0.9em; }
.article-body a.figure { text-decoration: none; color: inherit; }
.article-body mark { background: #fff1a8; padding: 0 0.1em; border-bottom: 2px solid #e0b000; }
.newsmon-home h2 { margin-top: 1em; }
.newsmon-home ul { margin: 0.3em 0 0.8em; }
.newsmon-home li { margin: 0.15em 0; }
"""

# Fold the column descriptions into a <details> line so the data rows show in the first screen.
BODY_SCRIPT = """
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var details = document.createElement('details');
  details.className = 'column-descriptions';
  var summary = document.createElement('summary');
  summary.textContent = 'What the ' + dl.querySelectorAll('dt').length + ' columns mean';
  details.appendChild(summary);
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(dl);
});
"""


async def css(request):
    return Response(CSS, content_type="text/css; charset=utf-8")


async def home_sections(datasette) -> list[dict]:
    """[{title, tables: [{name, title, description, count}]}] for the home page: the sections of
    `plugins.newsmon.home`, then every other visible table and view."""
    db = datasette.databases.get(DB_NAME)
    if db is None:
        return []
    present = set(await db.table_names()) | set(await db.view_names())
    hidden = set(await db.hidden_table_names())
    tables_meta = datasette.metadata("tables", database=DB_NAME) or {}
    config = datasette.plugin_config("newsmon") or {}
    sections, listed = [], set()
    for section in config.get("home", []):
        names = [n for n in section.get("tables", []) if n in present and n not in hidden]
        listed.update(section.get("tables", []))
        if names:
            sections.append({"title": section["title"], "names": names})
    rest = sorted(n for n in present - hidden - listed if not n.startswith("sqlite_"))
    if rest:
        sections.append({"title": "Other tables", "names": rest})
    for section in sections:
        section["tables"] = [
            {
                "name": name,
                "title": (tables_meta.get(name) or {}).get("title") or name,
                "hint": (tables_meta.get(name) or {}).get("home_hint", ""),
            }
            for name in section.pop("names")
        ]
    return sections
