"""The article chain in worker processes (crawler/extract_pool.py): a real local site crawled by
real `newsmon crawl` processes into real SQLite files, once with the chain in the crawl process
and once in 2 workers, must leave the same database content."""

from __future__ import annotations

import re
from pathlib import Path

from crawler.demo.server import LocalSite
from pipelines.db import connect
from tests.conftest import crawl, rows

DEMO = Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site"
# Columns that differ between any two runs: row ids, run ids and clock times.
VOLATILE = {"id", "run_id", "fetched_at", "updated_at", "at", "replaced_at"}
TABLES = (
    "articles",
    "figures",
    "places",
    "agencies",
    "mentioned_dates",
    "raw_pages",
    "errors",
    "facts",
    # made in the chain's last step (pipelines/storage_prep.py), in the workers when pooled
    "article_minhash",
    "article_lsh",
    "articles_search",
)
# Tables whose article is their rowid.
ROWID_TABLES = {"articles_search"}


def demo_site() -> tuple[LocalSite, int]:
    """The demo's Russian articles, each under one URL (so no page republishes another and
    storage order decides nothing), found through a sitemap."""
    site = LocalSite()
    pages = sorted(DEMO.glob("*/[0-9]*-*.html"))
    for n, page in enumerate(pages):
        site.add(
            f"/news/{n}-novost.html", page.read_bytes(), Content_Type="text/html; charset=utf-8"
        )
    site.add("/robots.txt", "User-agent: *\nAllow: /\n")
    return site, len(pages)


def write_sources(site: LocalSite, count: int, folder: Path) -> Path:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    urls = "".join(
        f"<url><loc>{site.base_url}/news/{n}-novost.html</loc></url>" for n in range(count)
    )
    site.add("/sitemap.xml", f"<urlset {ns}>{urls}</urlset>", Content_Type="application/xml")
    sources = folder / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "pool"\nurl = "{site.base_url}/"\n'
        f'sitemaps = ["{site.base_url}/sitemap.xml"]\narticle = "/news/\\\\d+-novost\\\\.html$"\n'
        'timezone = "Asia/Almaty"\nregion = "KZ"\n',
        encoding="utf-8",
    )
    return sources


def content(db: Path) -> dict[str, list]:
    """Every stored row of the article tables, volatile columns left out and row ids replaced by
    what they point to (an article by its URL, a figure by its article and place in it, a fact
    by its key), sorted: what two runs of the same pages must agree on, whatever order the
    articles were stored in. Which of two copies of one release is the original depends on
    that order, so a duplicate is compared as the pair."""
    article = {r["id"]: r["url"] for r in rows(db, "select id, url from articles")}
    figure = {
        r["id"]: (article[r["article_id"]], r["seq"])
        for r in rows(db, "select id, article_id, seq from figures")
    }
    fact = {r["id"]: r["fact_key"] for r in rows(db, "select id, fact_key from facts")}
    refers = {
        "article_id": article,
        "first_article_id": article,
        "fact_id": fact,
    }
    tables: dict[str, list] = {}
    for table in TABLES:
        found = []
        select = "rowid as article_id, *" if table in ROWID_TABLES else "*"
        for row in rows(db, f"select {select} from {table}"):
            for column, ids in {
                **refers,
                "part_of": figure if table == "figures" else fact,
                "change_of": figure,  # figures only: the number a change is of
            }.items():
                if row.get(column) is not None:
                    row[column] = ids[row[column]]
            row.pop("duplicate_of", None)
            found.append(tuple(sorted((k, v) for k, v in row.items() if k not in VOLATILE)))
        tables[table] = sorted(found, key=repr)
    tables["duplicates"] = sorted(
        sorted((r["url"], article[r["duplicate_of"]]))
        for r in rows(db, "select url, duplicate_of from articles where duplicate_of is not null")
    )
    return tables


def workers_of_run(db: Path) -> int:
    log = Path(rows(db, "select log_file from crawl_runs")[0]["log_file"]).read_text("utf-8")
    return int(re.search(r"'newsmon/extract_workers': (\d+)", log).group(1))


def test_two_workers_store_what_one_process_stores(tmp_path):
    site, count = demo_site()
    with site:
        sources = write_sources(site, count, tmp_path)
        one, two = tmp_path / "one.db", tmp_path / "two.db"
        assert crawl(sources, one, "--set", "NEWSMON_EXTRACT_WORKERS=1") == 0
        assert crawl(sources, two, "--set", "NEWSMON_EXTRACT_WORKERS=2") == 0
    assert workers_of_run(one) == 1 and workers_of_run(two) == 2
    single, pooled = content(one), content(two)
    assert len(single["articles"]) == count
    assert len(single["figures"]) > count, "the demo articles are dense in figures"
    assert single["places"] and single["mentioned_dates"]
    assert single["duplicates"], "the demo republishes a release"
    for table in (*TABLES, "duplicates"):
        assert pooled[table] == single[table], table
    db = connect(two)
    try:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
