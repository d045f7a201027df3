"""The parts of the schema that exist for browsing (Datasette): figure context, views, indexes.

Facets on a million figures must not join the articles table for every row (that takes seconds),
so each figure row carries a copy of its article's `source` and `published_day`, and the `year`
it refers to. A mass also says whether its sentence reports a seizure (`seizure`): "изъято 5 кг",
"задержан с 300 граммами" are, "уничтожено 1183 тонны дикорастущей конопли" is not.
`store_article` writes them with the figures (`figure_context`); `ensure_browsing` adds the
columns to an older database and fills them, creates the indexes the default pages and the
dashboard need, and (re)creates the views.
"""

from __future__ import annotations

import sqlite_utils

from pipelines.search_index import word_keys, words
from pipelines.transactions import write_transaction

FIGURE_CONTEXT_COLUMNS = {"source": str, "published_day": str, "year": int, "seizure": int}
MASS_UNITS = ("kg", "l")
# Lemmas that make a mass in the same sentence a seizure (or a find that ends in one).
SEIZURE_LEMMAS = frozenset(
    {
        "изъять", "изымать", "изъятие", "конфисковать", "конфисковывать", "конфискация",
        "обнаружить", "обнаруживать", "обнаружение", "задержать", "задерживать", "задержание",
        "перехватить", "перехватывать",
    }
)  # fmt: skip
_SQL_TYPES = {str: "TEXT", int: "INTEGER"}

# Indexes that make Datasette's default pages, facets, canned queries and charts fast on
# 100,000 articles and 1,000,000 figures (bench/datasette_db.py measures them).
# A facet's counts come from an index scan that never touches the table: each facet column
# leads one index that holds all the facet columns, so the counts of a page filtered by one facet
# (unit=kg, object=героин...) are a range of that index.
FACETS = ["unit", "object", "qualifier", "year", "source"]
BROWSING_INDEXES = [
    *[("figures", [f, *[g for g in FACETS if g != f]]) for f in FACETS],
    ("figures", ["published_day"]),
    # unit=kg pages sorted by day, and the seizure views (seizure is read from the index)
    ("figures", ["unit", "published_day", "seizure", "source", "value"]),
    ("figures", ["unit", "year", "object", "value"]),
    ("articles", ["published_day"]),
    ("articles", ["fetched_at"]),
    ("article_versions", ["replaced_at"]),
    ("crawl_runs", ["started_at"]),
]

# Indexes of earlier versions that the ones above replace.
DROPPED_INDEXES = [
    "idx_figures_unit_published_day_value",
    "idx_figures_unit_published_day_source_value",
    "idx_figures_unit_seizure_published_day_source_value",
    *[f"idx_figures_{f}" for f in ("source", "year", "object", "qualifier")],
    *[f"idx_figures_{f}_facets" for f in FACETS],
]

VIEWS = {
    # Every figure with the article it comes from: for SQL, CSV and JSON exports.
    "figure_facts": """
        select
            f.id, f.article_id, f.source, f.published_day, f.year,
            f.value, f.unit, f.qualifier, f.object, f.change, f.seizure,
            f.period_start, f.period_end, f.quote, f.sentence,
            a.title, a.url
        from figures f left join articles a on a.id = f.article_id
    """,
    # Seized mass: seizure events (facts, each once, totals only) per month of the event and the
    # source that first reported it (pipelines/fact_views.py defines seizure_events).
    "seized_mass_by_month": """
        select month, first_source as source, round(sum(kg), 3) as kg, count(*) as events
        from seizure_events
        where month is not null
        group by month, first_source
    """,
    # How many distinct claims (facts) count crimes, cases, persons, laboratories... per year,
    # and the largest: counts of overlapping periods are never added up.
    "counts_by_object": """
        select year, object, count(*) as facts, max(value) as largest
        from facts
        where unit = 'count' and object is not null and role != 'baseline'
        group by year, object
    """,
    "articles_per_day": """
        select source, published_day, count(*) as articles
        from articles
        where published_day is not null
        group by source, published_day
    """,
    # Each stored version against the one that replaced it (the next version or the current).
    "article_changes": """
        select
            v.article_id,
            a.source,
            a.url,
            v.version as old_version,
            coalesce(n.version, a.version) as new_version,
            v.replaced_at,
            v.title as old_title,
            coalesce(n.title, a.title) as new_title,
            v.title is not coalesce(n.title, a.title) as title_changed,
            v.body is not coalesce(n.body, a.body) as body_changed,
            v.published_at as old_published_at,
            coalesce(n.published_at, a.published_at) as new_published_at,
            length(v.body) as old_body_chars,
            length(coalesce(n.body, a.body)) as new_body_chars
        from article_versions v
        join articles a on a.id = v.article_id
        left join article_versions n
            on n.article_id = v.article_id and n.version = v.version + 1
    """,
}


def figure_context(source: str | None, published_at: str | None, figure: dict) -> dict:
    """The article context stored on a figure row. `year` is the year the figure refers to: the
    start of its reporting period, or the year of publication when the text names no period."""
    published_day = published_at[:10] if published_at else None
    dated = figure.get("period_start") or published_day or ""
    return {
        "source": source,
        "published_day": published_day,
        "year": int(dated[:4]) if dated[:4].isdigit() else None,
        "seizure": seizure(figure.get("unit"), figure.get("sentence") or figure.get("quote")),
    }


def seizure(unit: str | None, sentence: str | None) -> int | None:
    """For a mass (kg, l): 1 when its sentence reports a seizure, else 0; None for other units."""
    if unit not in MASS_UNITS:
        return None
    return int(any(word_keys(w)[0] in SEIZURE_LEMMAS for w in words(sentence)))


def ensure_browsing(db: sqlite_utils.Database) -> None:
    """Add and fill the figure context columns, create indexes and views. Idempotent."""
    with write_transaction(db):
        existing = db["figures"].columns_dict
        missing = {k: v for k, v in FIGURE_CONTEXT_COLUMNS.items() if k not in existing}
        for name, kind in missing.items():
            db.execute(f"alter table figures add column [{name}] {_SQL_TYPES[kind]}")
        if "seizure" in missing:
            marks = [
                (seizure(unit, sentence or quote), figure_id)
                for figure_id, unit, sentence, quote in db.execute(
                    "select id, unit, sentence, quote from figures where unit in (?, ?)",
                    MASS_UNITS,
                )
            ]
            db.conn.executemany("update figures set seizure = ? where id = ?", marks)
        if missing.keys() - {"seizure"}:
            db.execute(
                """
                update figures set
                    source = (select a.source from articles a where a.id = figures.article_id),
                    published_day = (
                        select a.published_day from articles a where a.id = figures.article_id
                    )
                """
            )
            db.execute(
                "update figures set year = cast(substr(coalesce(period_start, published_day),"
                " 1, 4) as integer) where coalesce(period_start, published_day) is not null"
            )
        for name in DROPPED_INDEXES:
            db.execute(f"drop index if exists [{name}]")
        for table, columns in BROWSING_INDEXES:
            db[table].create_index(columns, if_not_exists=True)
        for name, sql in VIEWS.items():
            wanted = f"CREATE VIEW [{name}] AS {sql.strip()}"
            row = db.execute("select sql from sqlite_master where name = ?", [name]).fetchone()
            if row and row[0] == wanted:
                continue  # unchanged: leave the schema (and other connections) alone
            db.execute(f"drop view if exists [{name}]")
            db.execute(wanted)
