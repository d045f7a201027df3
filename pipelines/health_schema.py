"""Health of each source, judged against its own history: the `crawl_health` view (storage).

`newsmon status` (crawler/health.py) prints this view and exits non-zero when any alarm is
raised (so cron mails it); Datasette shows the same view. Alarms, per source:

* **last run failed** — the newest finished run has status `failed` (its reason is shown);
* **no new articles** — the last run that found a new article is older than twice the longest
  gap between such runs in the source's history (at least a day), while crawls since then
  succeeded: the crawl works but finds nothing, as when a site moves its news elsewhere;
* **no successful run** — the last `ok`/`partial` run is older than twice the longest gap
  between successful runs (at least a day);
* **empty bodies / undated articles** — in the newest run that extracted articles, at least
  half of them (and at least MIN_COUNT) had no body text / no publication date, and that share
  is JUMP above the share in the source's earlier runs: a layout change;
* **fetch errors** — at least FETCH_RATE of the newest run's requests ended in an HTTP error
  status or a network failure (at least FETCH_MIN_COUNT of them), FETCH_JUMP above history;
* **robots.txt** — robots.txt now disallows one of the source's start URLs (feed, sitemap,
  listing or API), so the crawl cannot even begin;
* **no link matched `article`** — the newest run's feeds, sitemaps and listings gave links, but
  the `article` pattern matched none of them: "0 articles, status ok" is a broken pattern, not
  a quiet site.

"Earlier runs" are up to HISTORY runs before the newest, leaving out runs that were themselves
above the alarm level: a broken layout keeps alarming until it is fixed instead of becoming
the new normal after a few runs.
"""

from __future__ import annotations

import sqlite_utils

VIEW = "crawl_health"
HISTORY = 30
RATE = 0.5  # share of extracted articles without body (or date) that counts as high
JUMP = 0.3  # ... and must exceed the source's usual share by this much
MIN_COUNT = 2
FETCH_RATE = 0.2
FETCH_JUMP = 0.15
FETCH_MIN_COUNT = 5
MIN_GAP_DAYS = 1.0  # a source is never "late" by less than a day

# Counters of crawl_runs written by the crawl's run recorder beyond the core columns.
RUN_COLUMNS = {
    "items": int,  # articles that went through extraction and storage in the run
    "empty_bodies": int,  # ... of which no body text was found
    "undated": int,  # ... of which no publication date was found
    "http_errors": int,  # requests answered by an HTTP error status or failed on the network
    "start_disallowed": int,  # start URLs robots.txt forbids
    "links": int,  # links that feeds, sitemaps and listings gave
    "article_links": int,  # ... of which the source's `article` pattern matched
    "followed_pages": int,  # listing links the `follow` pattern matched
    "unfollowed_pages": int,  # listing links that look like pagination, matched by nothing
}


def _rate_cte(name: str, count: str, total: str, rate: float) -> str:
    """Per source: the newest run with a non-zero total, and the pooled rate of up to HISTORY
    earlier runs that were themselves below `rate`."""
    return f"""
{name}_runs AS (
  SELECT source, coalesce({count}, 0) AS cnt, {total} AS total,
         row_number() OVER (PARTITION BY source ORDER BY started_at DESC, id DESC) AS n
  FROM crawl_runs WHERE status != 'running' AND {total} > 0
),
{name} AS (
  SELECT source,
         max(CASE WHEN n = 1 THEN cnt END) AS last_count,
         max(CASE WHEN n = 1 THEN total END) AS last_total,
         coalesce(
           sum(CASE WHEN n > 1 AND cnt < {rate} * total THEN cnt END) * 1.0
             / sum(CASE WHEN n > 1 AND cnt < {rate} * total THEN total END),
           0.0) AS usual_rate
  FROM {name}_runs WHERE n <= {HISTORY + 1} GROUP BY source
)"""


def _gap_cte(name: str, where: str) -> str:
    """Per source: the newest run matching `where` and the longest gap (days) between such
    runs, over the last HISTORY of them (NULL with fewer than three)."""
    return f"""
{name}_runs AS (
  SELECT source, started_at,
         julianday(started_at) - julianday(lag(started_at) OVER w) AS gap,
         row_number() OVER (PARTITION BY source ORDER BY started_at DESC, id DESC) AS n
  FROM crawl_runs WHERE {where}
  WINDOW w AS (PARTITION BY source ORDER BY started_at, id)
),
{name} AS (
  SELECT source, max(started_at) AS last_at,
         CASE WHEN count(*) >= 3 THEN max(gap) END AS usual_gap
  FROM {name}_runs WHERE n <= {HISTORY} GROUP BY source
)"""


def _pct(expr: str) -> str:
    return f"printf('%d%%', round(100.0 * ({expr})))"


# Requests of a run: responses, or the errors when there were more (network failures).
_FETCH_TOTAL = "max(coalesce(pages, 0), coalesce(http_errors, 0))"

VIEW_SQL = f"""
CREATE VIEW {VIEW} AS
WITH
last AS (
  SELECT * FROM (
    SELECT r.*, row_number() OVER (PARTITION BY source ORDER BY started_at DESC, id DESC) AS n
    FROM crawl_runs r WHERE status != 'running'
  ) WHERE n = 1
),
running AS (SELECT source, count(*) AS running FROM crawl_runs WHERE status = 'running'
            GROUP BY source),
{_gap_cte("fresh", "articles_new > 0")},
{_gap_cte("good", "status IN ('ok', 'partial')")},
{_rate_cte("body", "empty_bodies", "items", RATE)},
{_rate_cte("dated", "undated", "items", RATE)},
{_rate_cte("fetch", "http_errors", _FETCH_TOTAL, FETCH_RATE)},
judged AS (
  SELECT s.name AS source,
    l.started_at AS last_run_at, l.status AS last_status, l.finish_reason AS last_reason,
    l.pages AS last_pages, l.articles_new AS last_new, l.errors AS last_errors,
    coalesce(rn.running, 0) AS running,
    good.last_at AS last_ok_at, fresh.last_at AS last_new_article_at,
    julianday('now') - julianday(fresh.last_at) AS days_without_new,
    max(2 * fresh.usual_gap, {MIN_GAP_DAYS}) AS new_allowed_days,
    julianday('now') - julianday(good.last_at) AS days_without_ok,
    max(2 * good.usual_gap, {MIN_GAP_DAYS}) AS ok_allowed_days,
    body.last_count AS last_empty, body.last_total AS last_items, body.usual_rate AS usual_empty,
    dated.last_count AS last_undated, dated.last_total AS last_dated_items,
    dated.usual_rate AS usual_undated,
    fetch.last_count AS last_fetch_errors, fetch.last_total AS last_fetches,
    fetch.usual_rate AS usual_fetch_errors,
    coalesce(l.start_disallowed, 0) AS start_disallowed,
    l.links AS last_links, json_extract(s.config, '$.article') AS article_pattern,
    l.error_kinds AS last_error_kinds,
    l.status = 'failed' AS a_failed,
    coalesce(fresh.usual_gap IS NOT NULL AND good.last_at > fresh.last_at
      AND julianday('now') - julianday(fresh.last_at)
          > max(2 * fresh.usual_gap, {MIN_GAP_DAYS}), 0) AS a_no_new,
    coalesce(good.usual_gap IS NOT NULL
      AND julianday('now') - julianday(good.last_at)
          > max(2 * good.usual_gap, {MIN_GAP_DAYS}), 0) AS a_no_ok,
    coalesce(body.last_count >= {MIN_COUNT} AND body.last_count >= {RATE} * body.last_total
      AND body.last_count * 1.0 / body.last_total - body.usual_rate >= {JUMP}, 0) AS a_empty,
    coalesce(dated.last_count >= {MIN_COUNT} AND dated.last_count >= {RATE} * dated.last_total
      AND dated.last_count * 1.0 / dated.last_total - dated.usual_rate >= {JUMP}, 0)
      AS a_undated,
    coalesce(fetch.last_count >= {FETCH_MIN_COUNT}
      AND fetch.last_count >= {FETCH_RATE} * fetch.last_total
      AND fetch.last_count * 1.0 / fetch.last_total - fetch.usual_rate >= {FETCH_JUMP}, 0)
      AS a_fetch,
    coalesce(l.start_disallowed, 0) > 0 AS a_robots,
    coalesce(l.links > 0 AND coalesce(l.article_links, 0) = 0, 0) AS a_no_match
  FROM sources s
  LEFT JOIN last l ON l.source = s.name
  LEFT JOIN running rn ON rn.source = s.name
  LEFT JOIN fresh ON fresh.source = s.name
  LEFT JOIN good ON good.source = s.name
  LEFT JOIN body ON body.source = s.name
  LEFT JOIN dated ON dated.source = s.name
  LEFT JOIN fetch ON fetch.source = s.name
)
SELECT source, last_run_at, last_status, running, last_ok_at, last_new_article_at,
  (SELECT count(*) FROM articles a WHERE a.source = judged.source) AS articles,
  last_pages, last_new, last_errors, last_items, last_empty, last_undated,
  last_fetch_errors,
  a_failed + a_no_new + a_no_ok + a_empty + a_undated + a_fetch + a_robots + a_no_match
    AS alarm_count,
  rtrim(
    CASE WHEN a_failed THEN 'last run failed: ' || CASE
      -- runs recorded before failure reasons were written kept Scrapy's word for it
      WHEN coalesce(last_reason, 'finished') = 'finished' THEN 'no page could be read'
        || coalesce(' (errors: ' || last_error_kinds || ')', '')
      ELSE substr(last_reason, 1, 200) END || '; ' ELSE '' END ||
    CASE WHEN a_no_match THEN 'no link matched article: ' || last_links
      || ' link(s) from feeds, sitemaps and listings, none matched '
      || quote(article_pattern) || '; ' ELSE '' END ||
    CASE WHEN a_robots THEN 'robots.txt disallows ' || start_disallowed
      || ' start URL(s); ' ELSE '' END ||
    CASE WHEN a_empty THEN 'empty bodies jumped: ' || last_empty || ' of ' || last_items
      || ' articles (usually ' || {_pct("usual_empty")} || '); ' ELSE '' END ||
    CASE WHEN a_undated THEN 'undated articles jumped: ' || last_undated || ' of '
      || last_dated_items || ' (usually ' || {_pct("usual_undated")} || '); ' ELSE '' END ||
    CASE WHEN a_fetch THEN 'fetch errors jumped: ' || last_fetch_errors || ' of '
      || last_fetches || ' requests (usually ' || {_pct("usual_fetch_errors")} || '); '
      ELSE '' END ||
    CASE WHEN a_no_new THEN 'no new articles for ' || printf('%.1f', days_without_new)
      || ' days (usually at most ' || printf('%.1f', new_allowed_days / 2) || '); '
      ELSE '' END ||
    CASE WHEN a_no_ok THEN 'no successful run for ' || printf('%.1f', days_without_ok)
      || ' days (usually at most ' || printf('%.1f', ok_allowed_days / 2) || '); '
      ELSE '' END,
    '; ') AS alarms
FROM judged
ORDER BY source
"""


def ensure_health_schema(db: sqlite_utils.Database) -> None:
    """The run counters and the view; called from the schema of pipelines/schema.py and by the
    run recorder as a run opens (so counters added since the file's schema version exist before
    they are written). A no-op when both are current."""
    existing = db["crawl_runs"].columns_dict
    for name, kind in RUN_COLUMNS.items():
        if name not in existing:
            db["crawl_runs"].add_column(name, kind)
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [VIEW]).fetchone()
    if row and row[0].strip() == VIEW_SQL.strip():
        return
    db.execute(f"DROP VIEW IF EXISTS {VIEW}")
    db.execute(VIEW_SQL)
