"""Views over facts: the numbers an analyst can add up.

- `seizure_events`: drugs seized in one operation, each event once (a fact, however many
  articles state it), totals only, never their parts.
- `seized_by_month`: those events summed per month and region.
- `seized_by_substance`: per substance: the parts of each event, and the events without parts
  (a fact that any of its mentions states as the total of parts in its unit counts through
  those parts, never through shares such as «из них 70%»: a
  republication may read as a total what the original left a value, or as a part what the
  original broke down itself; only the innermost parts are counted).
- `official_statistics`: each indicator × region × reporting period as published, with the
  value of the same period a year earlier when a text states it, and the change in percent
  (computed from that value, else as a text states it of the number). Where facts of that
  key a year earlier disagree (districts, or statistics the key cannot tell apart), last
  year is the one stated in an article beside this number, or none: never a guess. Periods
  overlap (Jan–Mar, Jan–Jun, …), so rows are never summed.
- `fact_conflicts`: one claim reported with values no one number can be.
- `check_mismatches`: numbers that disagree with the other numbers of their sentence.
`statistics_rows` is what `newsmon stats` prints and the dashboard shows.
"""

from __future__ import annotations

import sqlite_utils

_ADDABLE = "role in ('value', 'total')"  # a part is inside its total; a baseline is last year

FACT_VIEWS = {
    "seizure_events": f"""
        select id as fact_id, event_day, substr(event_day, 1, 7) as month, region, substance,
               value as kg, qualifier, n_articles, n_sources, first_source, first_published_at,
               conflict, quote
        from facts
        where indicator = 'drugs_seized' and scope = 'event' and unit = 'kg' and {_ADDABLE}
    """,
    "seized_by_month": """
        select month, region, round(sum(kg), 3) as kg, count(*) as events,
               sum(n_articles) as articles
        from seizure_events
        where month is not null
        group by month, region
    """,
    "seized_by_substance": f"""
        select substr(f.event_day, 1, 7) as month, f.region, f.substance,
               round(sum(f.value), 3) as kg, count(*) as events
        from facts f
        where f.indicator = 'drugs_seized' and f.scope = 'event' and f.unit = 'kg'
          and (f.role = 'part' or {_ADDABLE})
          and not exists (select 1 from facts p where p.part_of = f.id and p.unit = f.unit)
          and not exists (select 1 from figures t join figures p on p.part_of = t.id
                          where t.fact_id = f.id and p.unit = t.unit)
        group by month, f.region, f.substance
    """,
    # change_pct: from last year's value where a text states it, else the change a text states
    # of the number itself («их число снизилось на 12,4%»: figures.change_of); change_from says
    # which («в 2,5 раза меньше» is −60 %)
    "official_statistics": """
        select s.*,
               case when s.last_year > 0
                    then round((s.value - s.last_year) * 100.0 / s.last_year, 1)
                    else round(s.stated_change_pct, 1) end as change_pct,
               case when s.last_year > 0 then 'last_year'
                    when s.stated_change_pct is not null then 'stated' end as change_from
        from (
        select f.indicator, f.region, coalesce(f.substance, f.object) as what,
               f.period_start, f.period_end, cast(substr(f.period_start, 1, 4) as integer) as year,
               f.unit, f.value, f.qualifier, f.role,
               (select case when count(distinct b.value) = 1 then max(b.value)
                            when count(distinct case when b.beside then b.value end) = 1
                            then max(case when b.beside then b.value end) end
                  from (select b.value, exists (
                                select 1 from figures bf join figures ff
                                  on ff.article_id = bf.article_id
                                 where bf.fact_id = b.id and ff.fact_id = f.id) as beside
                          from facts b
                         where b.indicator = f.indicator and b.region is f.region
                           and b.unit = f.unit and b.scope = 'period' and b.id != f.id
                           and b.period_start = date(f.period_start, '-1 year')
                           and b.period_end = date(f.period_end, '-1 year')
                           and coalesce(b.substance, b.object) is coalesce(f.substance, f.object)
                       ) b) as last_year,
               (select case when c.unit = 'percent' and c.change = 'decrease' then -c.value
                            when c.unit = 'percent' then c.value
                            when c.change = 'decrease' then (1.0 / c.value - 1) * 100
                            else (c.value - 1) * 100 end
                  from figures v join figures c on c.change_of = v.id
                 where v.fact_id = f.id and c.value > 0
                 order by c.id limit 1) as stated_change_pct,
               f.n_articles, f.n_sources, f.first_source, f.conflict, f.id as fact_id, f.quote,
               f.part_of as total_fact_id, t.value as total_value, t.qualifier as total_qualifier
        from facts f left join facts t on t.id = f.part_of
        where f.scope = 'period' and f.indicator is not null and f.period_start is not null
          and f.role in ('value', 'total', 'part')
        ) s
    """,
    "fact_conflicts": """
        select id as fact_id, indicator, region, coalesce(substance, object) as what, scope,
               coalesce(period_start || ' – ' || period_end, event_day) as period_or_day,
               unit, value as first_value, values_json as reported_values, n_articles,
               n_sources, first_source, quote
        from facts
        where conflict = 1
    """,
    "check_mismatches": """
        select f.id as figure_id, f.article_id, a.title, f.quote, f.value, f.unit,
               f.check_expected as implied, f.role, f.sentence, a.url
        from figures f join articles a on a.id = f.article_id
        where f.[check] = 'mismatch'
    """,
}


def ensure_fact_views(db: sqlite_utils.Database) -> None:
    """(Re)create the views whose SQL changed; leave the others alone."""
    for name, sql in FACT_VIEWS.items():
        wanted = f"CREATE VIEW [{name}] AS {sql.strip()}"
        row = db.execute("select sql from sqlite_master where name = ?", [name]).fetchone()
        if row and row[0] == wanted:
            continue
        db.execute(f"drop view if exists [{name}]")
        db.execute(wanted)


STATISTICS_SQL = """
    select indicator, region, what, period_start, period_end, unit, value, qualifier,
           last_year, change_pct, change_from, n_sources, conflict, role, total_value,
           total_qualifier
    from official_statistics
    where indicator = :indicator
      and (:region = '' or region = :region or region like :region || '-%')
      and (:year = '' or year = cast(:year as integer))
    order by region, what, period_start, period_end
"""


def statistics_rows(
    db: sqlite_utils.Database, indicator: str, region: str = "", year: str = ""
) -> list[dict]:
    cursor = db.execute(
        STATISTICS_SQL, {"indicator": indicator, "region": region or "", "year": str(year or "")}
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
