"""`newsmon serve`: metadata, Russian search through Datasette, facets, views, canned queries,
dashboard queries, read-only access, and reading while a crawl writes."""

from __future__ import annotations

import asyncio
import html
import multiprocessing
import re
import time
import urllib.parse

import pytest
import yaml

from crawler.serve import METADATA, build_datasette, load_metadata
from pipelines.db import connect
from tests.support.serve_db import XSS_TITLE, Server, build


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build(tmp_path_factory.mktemp("serve") / "test.db")


@pytest.fixture(scope="module")
def client(db_path):
    ds = build_datasette(db_path)
    asyncio.run(ds.invoke_startup())

    def get(path: str):
        return asyncio.run(ds.client.get(path))

    get.ds = ds
    return get


def rows_of(db_path, sql, params=()):
    db = connect(db_path)
    try:
        return [tuple(r) for r in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def q(text: str) -> str:
    return urllib.parse.quote(text)


# --- metadata -------------------------------------------------------------------------------


def test_metadata_describes_every_table_view_and_column(tmp_path):
    db = connect(tmp_path / "fresh.db")
    names = [
        n
        for n in db.table_names() + db.view_names()
        if not n.startswith(("articles_fts", "articles_search")) and n != "sqlite_stat1"
    ]
    tables = {n: [c.name for c in db[n].columns] for n in names}
    db.close()
    meta = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["news"]["tables"]
    missing = [
        f"{t}.{c}"
        for t, cols in tables.items()
        for c in ["(table)", *cols]
        if t not in meta
        or not (
            meta[t].get("title") and (meta[t].get("description") or meta[t].get("description_html"))
        )
        or (c != "(table)" and not meta[t].get("columns", {}).get(c))
    ]
    assert missing == []


def test_units_are_explained(client):
    page = client("/news/figures").text
    for unit in ("count", "percent", "times", "kg", "m2", "ha", "KZT", "RUB", "USD", "EUR"):
        assert f"<code>{unit}</code>" in page
    assert "Data source:" in page


def test_metadata_drops_queries_and_charts_on_missing_tables():
    existing = {"articles", "figures", "articles_search", "crawl_runs", "sources", "errors"}
    existing |= {"article_versions", "seizure_events"}  # seized-mass reads the seizure events
    meta = load_metadata(METADATA, existing)
    assert "crawl_health" not in meta["databases"]["news"]["queries"]
    assert "search_articles" in meta["databases"]["news"]["queries"]
    dashboard = meta["plugins"]["datasette-dashboards"]["newsmon"]
    assert "crawl-health" not in dashboard["charts"]
    assert all("crawl-health" not in row for row in dashboard["layout"])
    assert "seized-mass" in dashboard["charts"]


# --- search ---------------------------------------------------------------------------------


def search_ids(client, term: str, extra: str = "") -> set[int]:
    r = client(f"/news/articles.json?_search={q(term)}&_shape=array&_col=title{extra}")
    assert r.status_code == 200, r.text
    return {row["id"] for row in r.json()}


def ids_where(db_path, where: str) -> set[int]:
    return {r[0] for r in rows_of(db_path, f"select id from articles where {where}")}


def test_search_box_finds_every_form_of_a_word(client, db_path):
    found = search_ids(client, "наркотик")
    # every article whose title or text has a form of the word, and no other
    expected = ids_where(
        db_path,
        "title || ' ' || body like '%наркотик%' or title || ' ' || body like '%Наркотик%'",
    )
    assert found == expected
    forms = " ".join(r[0] for r in rows_of(db_path, "select title || body from articles"))
    assert "наркотиков" in forms and "наркотиками" in forms
    assert search_ids(client, "наркотиками") == found


def test_search_joins_izyatie_and_izyato(client, db_path):
    found = search_ids(client, "изъятие")
    assert found == ids_where(db_path, "lower(title || ' ' || body) like '%изъя%'")
    assert found & ids_where(db_path, "body like '%изъято%' or title like '%Изъято%'")
    assert found & ids_where(db_path, "body like '%изъятие%' or title like '%Изъятие%'")


def test_search_combines_with_filters_and_facets(client, db_path):
    both = search_ids(client, "наркотик", "&source=police-ru")
    assert both == search_ids(client, "наркотик") & ids_where(db_path, "source = 'police-ru'")
    data = client(f"/news/articles.json?_search={q('наркотик')}&_size=0").json()
    by_source = {r["value"]: r["count"] for r in data["facet_results"]["source"]["results"]}
    assert sum(by_source.values()) == data["filtered_table_rows_count"] == 4


def test_search_results_show_original_text_highlighted_and_escaped(client):
    page = client(f"/news/articles?_search={q('изъятие')}").text
    marked = re.findall(r"<mark>([^<]*)</mark>", page)
    assert {"Изъятие", "изъятие", "изъято", "Изъято"} <= set(marked)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    # the search box keeps what the user typed
    assert 'value="изъятие"' in page


def test_search_syntax_typed_by_users_never_errors(client):
    for term in ['"незаконный', "NEAR(a b)", "*", "AND OR NOT", "героин)", "'; drop table x"]:
        r = client(f"/news/articles.json?_search={q(term)}&_shape=array")
        assert r.status_code == 200, (term, r.text)


def test_canned_search_query(client):
    r = client(f"/news/search_articles.json?q={q('наркотики')}&source=&since=&until=&_shape=array")
    assert r.status_code == 200, r.text
    assert {row["id"] for row in r.json()} == search_ids(client, "наркотик")
    page = client(f"/news/search_articles?q={q('изъято')}&source=&since=&until=").text
    assert "<mark>Изъятие</mark>" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page


# --- facets, views, canned queries ----------------------------------------------------------


def test_default_facets_count_what_the_database_holds(client, db_path):
    data = client("/news/figures.json?_size=0").json()
    facets = data["facet_results"]
    assert set(facets) == {"source", "unit", "object", "qualifier", "year"}
    for column in ("source", "unit", "object", "qualifier", "year"):
        counted = dict(
            rows_of(
                db_path,
                f"select {column}, count(*) from figures where {column} is not null "
                f"group by {column}",
            )
        )
        assert {r["value"]: r["count"] for r in facets[column]["results"]} == counted
    # the year of a figure with a reporting period is the period's
    assert {r["value"]: r["count"] for r in facets["year"]["results"]}[2023] == 3


def test_year_facet_on_articles_filters_by_year(client, db_path):
    data = client("/news/articles.json?_size=0").json()
    years = {r["value"]: r for r in data["facet_results"]["published_day"]["results"]}
    assert years["2023"]["count"] == 1
    assert years["2024"]["count"] == len(rows_of(db_path, "select id from articles")) - 1
    url = urllib.parse.urlparse(years["2023"]["toggle_url"])
    query = url.query.replace("_size=0&", "")
    picked = client(f"{url.path}?{query}&_shape=array").json()
    assert [r["published_day"] for r in picked] == ["2023-12-28"]


def test_figures_show_article_titles_escaped(client):
    page = client("/news/figures?unit=kg&_sort=id").text
    assert "Изъято более 5 кг наркотиков" in page
    assert html.escape(XSS_TITLE, quote=False) in page
    assert "<script>alert(1)</script>" not in page


def test_every_view_and_canned_query_answers(client):
    meta = client.ds.metadata()["databases"]["news"]
    for view in meta["tables"]:
        r = client(f"/news/{view}.json?_size=5")
        assert r.status_code == 200, (view, r.text)
    for name, query in meta["queries"].items():
        params = {p: "" for p in re.findall(r"(?<!:):([A-Za-z_]+)", query["sql"])}
        r = client(f"/news/{name}.json?" + urllib.parse.urlencode(params))
        assert r.status_code == 200 and r.json()["ok"], (name, r.text)


def test_views_answer_the_questions(client, db_path):
    # seized mass adds seizure events (facts), each once, by the month of the event
    seized = client("/news/seized_mass_by_month.json?_shape=array&_size=100").json()
    events = rows_of(
        db_path,
        "select substr(event_day, 1, 7), first_source, value from facts where"
        " indicator = 'drugs_seized' and scope = 'event' and unit = 'kg'"
        " and role in ('value', 'total')",
    )
    assert events, "the test database has seizure events"
    by_month: dict = {}
    for month, source, kg in events:
        by_month[(month, source)] = by_month.get((month, source), 0) + kg
    assert {(r["month"], r["source"]): r["kg"] for r in seized} == pytest.approx(by_month)
    # the destroyed hemp of 2023 is a mass but no seizure
    hemp = rows_of(db_path, "select value, seizure from figures where object = 'конопля'")
    assert hemp == [(1183000.0, 0)]
    assert all(kg < 1183000.0 for kg in by_month.values())
    counts = client("/news/counts_by_object.json?_shape=array&year=2023").json()
    assert {(r["object"], r["largest"]) for r in counts} == {("преступление", 1407), ("лицо", 300)}
    changes = client("/news/article_changes.json?_shape=objects&_size=5").json()["rows"]
    assert len(changes) == 1 and changes[0]["title_changed"] == 1
    diff = client("/news/what_changed?source=").text
    assert "<ins" in diff and "Задержаны двое подозреваемых" in diff
    assert "<del" in diff and "(обновлено)" in diff and "@@" not in diff


def test_crawl_health_is_browsable(client):
    r = client("/news/crawl_health.json?_shape=array")
    assert r.status_code == 200
    assert {row["source"] for row in r.json()} == {"prokuror-kz", "police-ru", "news-kz"}


def test_dashboard_and_its_chart_queries(client):
    page = client("/-/dashboards/newsmon")
    assert page.status_code == 200
    assert "vega-lite.min.js" in page.text
    charts = client.ds.metadata()["plugins"]["datasette-dashboards"]["newsmon"]["charts"]
    queried = [c for c in charts.values() if c.get("query")]
    assert len(queried) >= 7
    for filters in ({}, {"source": "police-ru", "date_start": "2024-01-01"}):
        for chart in queried:
            sql = re.sub(
                r"\[\[(.*?)\]\]",
                lambda m, f=filters: (
                    m.group(1) if all(f.get(n) for n in re.findall(r":(\w+)", m.group(1))) else ""
                ),
                chart["query"],
            )
            params = urllib.parse.urlencode({"sql": sql, **filters, "_shape": "objects"})
            r = client(f"/news.json?{params}")
            assert r.status_code == 200 and r.json()["ok"], (chart["title"], r.text)
            assert r.json()["rows"], chart["title"]


# --- read-only ------------------------------------------------------------------------------


def test_nothing_can_change_data(client, db_path):
    before = rows_of(db_path, "select count(*) from articles")
    for sql in (
        "delete from articles",
        "update articles set title = 'x'",
        "drop table figures",
        "select 1; delete from articles",
        "insert into sources (name) values ('x')",
        "with x as (select 1) delete from articles",
        "pragma query_only = 0",
        "attach database 'other.db' as other",
    ):
        r = client(f"/news.json?sql={q(sql)}")
        assert r.status_code in (400, 403) or not r.json().get("ok"), sql
    assert rows_of(db_path, "select count(*) from articles") == before
    ds = client.ds
    for action in ("insert-row", "delete-row", "update-row", "create-table", "drop-table"):
        assert asyncio.run(ds.permission_allowed(None, action, default=True)) is False
    assert asyncio.run(ds.permission_allowed(None, "execute-sql", default=True)) is True


# --- a real server while a crawl writes -----------------------------------------------------


def _write_articles(path: str, stop, counter) -> None:
    from pipelines.articles import store_article
    from pipelines.items import ArticleRecord

    db = connect(path)
    n = 0
    while not stop.is_set() and n < 5000:
        n += 1
        store_article(
            db,
            ArticleRecord(
                source="news-kz",
                url=f"https://news-kz.example/live/{n}",
                html="<html></html>",
                fetched_at="2024-05-01T12:00:00+00:00",
                title=f"Изъяты наркотики, сводка {n}",
                body="Полицейские изъяли 3 кг гашиша. " * 30,
                published_at="2024-05-01T11:00:00+05:00",
                figures=[{"quote": "3 кг", "value": 3.0, "unit": "kg", "object": "гашиш"}] * 5,
            ),
        )
        counter.value = n
    db.close()


def test_reading_while_a_crawl_writes(db_path, tmp_path):
    server = Server(db_path, tmp_path / "serve.log")
    ctx = multiprocessing.get_context("spawn")
    stop, counter = ctx.Event(), ctx.Value("i", 0)
    writer = ctx.Process(target=_write_articles, args=(str(db_path), stop, counter))
    try:
        server.wait_ready()
        writer.start()
        paths = [
            "/news/articles.json?_size=5",
            f"/news/articles.json?_search={q('гашиш')}&_size=0",
            "/news/figures.json?_size=5",
            "/news/seized_mass_by_month.json",
            "/news/latest_fetched.json",
        ]
        failures, seen_counts = [], []
        deadline = time.monotonic() + 60
        while counter.value < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        for i in range(150):
            status, body = server.get(paths[i % len(paths)])
            if status != 200 or "locked" in body:
                failures.append((paths[i % len(paths)], status, body[:200]))
            if i % len(paths) == 1:
                seen_counts.append(
                    int(re.search(r'"filtered_table_rows_count": (\d+)', body).group(1))
                )
        written = counter.value
    finally:
        stop.set()
        writer.join(60)
        server.stop()
    assert writer.exitcode == 0
    assert failures == []
    assert written > 100
    # the server saw the crawl's new articles arrive while it was serving
    assert seen_counts[-1] > seen_counts[0]
