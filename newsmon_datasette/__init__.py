"""Datasette plugin for the newsmon database (registered as an entry point in pyproject.toml).

* Russian search: a table whose metadata names `articles_search` as its `fts_table` is searched
  with the normalised query (`pipelines.search_index.fts_query`): `наркотик` finds `наркотиков`,
  `изъятие` finds `изъято`. Datasette's own search filter builds the SQL
  (`id in (select rowid from articles_search where articles_search match :search)`, raw search
  mode); this plugin's `filters_from_request` runs after it (`trylast`) and replaces the value of
  `:search` by the normalised FTS5 expression. The search box keeps what the user typed.
* Highlighting: title and body cells of a search result are rendered from the original text,
  HTML-escaped, with the matched words in <mark>; the body as passages around the matches.
  Datasette 0.65 does not pass the request to `render_cell`, so an ASGI wrapper keeps the
  current search term in a context variable.
* SQL functions for canned queries: ru_fts_query(q), ru_highlight(text, q), ru_snippet(text, q),
  text_diff(old, new).
* A `year` facet type (`{"year": "published_day"}`, `?_facet_year=published_day`): counts per
  year of a date column, each year a `column__startswith=YYYY` filter.
* Read-only: every write action is denied, whatever other plugin is installed; reads wait for a
  busy writer (busy_timeout) instead of failing, and read the file through a memory map.
"""

from __future__ import annotations

import contextvars
import difflib
import html
from urllib.parse import parse_qs

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args
from markupsafe import Markup

from newsmon_datasette import article, feeds, look
from newsmon_datasette.cells import formatted_cell
from pipelines.search_index import SEARCH_TABLE, fts_query, highlight_html, snippet_html

# The canned query whose `q` parameter is a search, highlighted like `?_search=`.
SEARCH_QUERY = "search_articles"
HIGHLIGHTED_COLUMNS = {"title": "highlight", "body": "snippet"}
DIFF_COLUMNS = {"title_diff", "body_diff"}
WRITE_ACTIONS = {
    "insert-row",
    "delete-row",
    "update-row",
    "upsert-row",
    "create-table",
    "alter-table",
    "drop-table",
    "edit-schema",
    "edit-tables",
}
READ_BUSY_TIMEOUT_MS = 5000
READ_MMAP_BYTES = 2_000_000_000

_search = contextvars.ContextVar("newsmon_search", default=None)


def _search_from_scope(scope) -> tuple[str, str] | None:
    """(kind, term) for a table search or the search canned query; None otherwise."""
    if scope.get("type") != "http":
        return None
    query = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace"))
    for key, values in query.items():
        if key.startswith("_search") and key != "_searchmode" and values and values[0].strip():
            return "table", values[0]
    path = scope.get("path", "")
    if path.rstrip("/").rsplit("/", 1)[-1] == SEARCH_QUERY and query.get("q", [""])[0].strip():
        return "query", query["q"][0]
    return None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_search(scope, receive, send):
            token = _search.set(_search_from_scope(scope))
            try:
                await app(scope, receive, send)
            finally:
                _search.reset(token)

        return with_search

    return wrap


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """Replace the search value by the normalised FTS5 expression (after Datasette's own
    search filter has written its SQL; see the module docstring)."""
    if datasette.table_metadata(database, table).get("fts_table") != SEARCH_TABLE:
        return None
    args = [
        (key, request.args[key])
        for key in request.args
        if key.startswith("_search") and key != "_searchmode"
    ]
    if not args:
        return None
    if "_search" in request.args:
        params = {"search": fts_query(request.args["_search"])}
    else:
        params = {f"search_{i}": fts_query(text) for i, (_key, text) in enumerate(args)}
    return FilterArguments([], params=params)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    search = _search.get()
    if column in DIFF_COLUMNS and isinstance(value, str):
        return Markup(diff_html(value))
    if not isinstance(value, str):
        return formatted_cell(row, value, column, table)
    if search is None or column not in HIGHLIGHTED_COLUMNS:
        return None
    kind, term = search
    if (kind == "table" and table != "articles") or (kind == "query" and table is not None):
        return None
    if HIGHLIGHTED_COLUMNS[column] == "highlight":
        return Markup(highlight_html(value, term))
    return Markup(snippet_html(value, term))


def text_diff(old: str | None, new: str | None) -> str | None:
    """A unified diff of two texts, sentence by sentence; None when they are equal."""
    if (old or "") == (new or ""):
        return None
    split = lambda text: (text or "").replace(". ", ".\n").splitlines()  # noqa: E731
    lines = difflib.unified_diff(split(old), split(new), "old", "new", lineterm="", n=1)
    return "\n".join(line for line in list(lines)[2:] if not line.startswith("@@"))


def diff_html(diff: str) -> str:
    out = []
    for line in diff.splitlines():
        escaped = html.escape(line)
        if line.startswith("+"):
            out.append(f'<ins style="background:#e6ffec;text-decoration:none">{escaped}</ins>')
        elif line.startswith("-"):
            out.append(f'<del style="background:#ffebe9">{escaped}</del>')
        else:
            out.append(f'<span style="color:#666">{escaped}</span>')
    return '<pre style="white-space:pre-wrap;margin:0">' + "\n".join(out) + "</pre>"


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.execute(f"PRAGMA busy_timeout = {READ_BUSY_TIMEOUT_MS}")
    # Read pages through a memory map instead of read() calls: a search that matches most
    # articles looks up tens of thousands of rows (bench/datasette_db.py: about twice as fast).
    conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
    conn.create_function("ru_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("ru_highlight", 2, highlight_html, deterministic=True)
    conn.create_function("ru_snippet", 2, snippet_html, deterministic=True)
    conn.create_function("text_diff", 2, text_diff, deterministic=True)


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action in WRITE_ACTIONS:
        return False
    return None


@hookimpl
def register_routes():
    return [*feeds.ROUTES, (r"^/-/newsmon\.css$", look.css)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/newsmon.css")]


@hookimpl
def extra_body_script(template, database, table, view_name, datasette):
    return look.BODY_SCRIPT if view_name == "table" else ""


@hookimpl
def extra_template_vars(template, request, datasette):
    if template == "index.html":

        async def home():
            return {"home_sections": await look.home_sections(datasette)}

        return home
    if template == "row-news-articles.html" and request is not None:

        async def page():
            return await article.article_context(datasette, request)

        return page
    return {}


@hookimpl
def register_facet_classes():
    return [YearFacet]


class YearFacet(Facet):
    """Counts per year of a date column (ISO text: '2024-03-05...')."""

    type = "year"

    async def suggest(self):
        return []

    async def facet_results(self):
        facet_results = []
        facets_timed_out = []
        args = dict(self.get_querystring_pairs())
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            facet_sql = f"""
                select substr({col}, 1, 4) as value, count(*) as count from (
                    {self.sql}
                )
                where {col} is not null
                group by value order by value desc limit {facet_size + 1}
            """
            try:
                rows = await self.ds.execute(
                    self.database,
                    facet_sql,
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                facets_timed_out.append(column)
                continue
            key = f"{column}__startswith"
            values = []
            for row in rows.rows[:facet_size]:
                selected = args.get(key) == str(row["value"])
                if selected:
                    toggle = path_with_removed_args(self.request, {key: str(row["value"])})
                else:
                    toggle = path_with_added_args(self.request, {key: row["value"]})
                values.append(
                    {
                        "value": row["value"],
                        "label": row["value"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                        "selected": selected,
                    }
                )
            facet_results.append(
                {
                    "name": column,
                    "type": self.type,
                    "results": values,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_year": column})
                    ),
                    "truncated": len(rows) > facet_size,
                }
            )
        return facet_results, facets_timed_out
