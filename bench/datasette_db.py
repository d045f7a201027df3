"""Benchmark: `newsmon serve` on 100,000 articles and 1,000,000 figures.

Generates a database of Russian-language articles (sources, dates over seven years, bodies made
of sentences like the real reports, figures with units, objects and qualifiers, versions, crawl
runs and errors), starts `newsmon serve` on it and times the pages an analyst opens: table pages
with their default facets, searches, the views, every canned query and every dashboard chart
query (as the dashboard's JavaScript fetches them). Each page is fetched REPEAT times; the
first fetch and the median are printed. Then the same pages are timed again while another
process writes articles into the database, and any failed request ("database is locked") is
counted.

    .venv/bin/python bench/datasette_db.py                 # generate (once) and time
    .venv/bin/python bench/datasette_db.py --articles 20000 --figures 200000 --db /tmp/small.db

The database is kept under bench/out/ (gitignored) and reused when it has the requested size.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from pipelines.browse_schema import figure_context  # noqa: E402
from pipelines.db import connect, write_transaction  # noqa: E402
from pipelines.search_index import backfill  # noqa: E402
from tests.support.serve_db import Server  # noqa: E402

REPEAT = 5
SOURCES = [
    ("prokuror-kz", "KZ"),
    ("prokuror-almaty", "KZ-75"),
    ("prokuror-astana", "KZ-71"),
    ("prokuror-karaganda", "KZ-35"),
    ("police-kz", "KZ"),
    ("zakon-kz", "KZ"),
    ("tengrinews", "KZ"),
    ("mvd-ru", "RU"),
    ("genproc-ru", "RU"),
    ("ria-crime", "RU"),
    ("regnum-crime", "RU"),
    ("vesti-kz", "KZ"),
]
REGIONS = [
    "Алматинской области",
    "Карагандинской области",
    "города Астаны",
    "Павлодарской области",
    "Туркестанской области",
    "Костанайской области",
    "Московской области",
    "Свердловской области",
]
DRUGS = [
    ("героин", "героина"),
    ("гашиш", "гашиша"),
    ("марихуана", "марихуаны"),
    ("мефедрон", "мефедрона"),
    ("кокаин", "кокаина"),
    ("амфетамин", "амфетамина"),
    ("конопля", "конопли"),
    ("синтетический наркотик", "синтетических наркотиков"),
]
OBJECTS = [
    ("преступление", "преступлений"),
    ("дело", "уголовных дел"),
    ("лицо", "лиц"),
    ("нарколаборатория", "нарколабораторий"),
    ("факт", "фактов сбыта"),
    ("наркокурьер", "наркокурьеров"),
    ("притон", "притонов"),
    ("канал", "каналов поставки"),
    ("сайт", "сайтов"),
    ("административное правонарушение", "административных правонарушений"),
]
SENTENCES = [
    "Сотрудники полиции {region} задержали {n} {objects} по подозрению в сбыте наркотиков.",
    "В ходе обыска изъято {mass} кг {drug}, а также оборудование для фасовки.",
    "Возбуждено {n} уголовных дел по статье 228 УК, подозреваемые помещены под стражу.",
    "С начала года выявлено {n} преступлений, связанных с незаконным оборотом наркотиков.",
    "Ликвидирована нарколаборатория, изъяты прекурсоры и более {mass} кг готового {drug}.",
    "Прокуратура {region} сообщает о снижении числа наркопреступлений на {pct}%.",
    "Борьба с наркотиками остаётся приоритетом правоохранительных органов.",
    "Профилактические беседы о вреде наркотиков проведены в {n} школах и колледжах.",
    "Изъятие крупной партии {drug} стало возможным благодаря оперативной работе.",
    "Заблокировано {n} {objects}, через которые распространялись наркотики.",
    "Суд приговорил наркокурьера к {n} годам лишения свободы.",
    "Ущерб государству оценивается в {money} тенге.",
    "Задержанные ранее привлекались к ответственности за хранение наркотиков.",
    "Работа по выявлению каналов поставки наркотиков продолжается.",
    "В регионе уничтожено {ha} га дикорастущей конопли.",
]
# Masses: mostly seizures, some destroyed crops (which the seizure views leave out).
KG_SENTENCES = [
    "В ходе операции изъято {quote}.",
    "У задержанного обнаружено и изъято {quote}.",
    "Сотрудники полиции задержали наркокурьера с {quote}.",
    "Конфисковано {quote}, возбуждено уголовное дело.",
    "Уничтожено {quote} дикорастущей конопли.",
]
UNITS = ["count"] * 62 + ["kg"] * 18 + ["percent"] * 8 + ["KZT"] * 5 + ["times"] * 3
UNITS += ["RUB", "ha", "l", "USD"]
QUALIFIERS = ["exact"] * 80 + ["more_than"] * 10 + ["approx"] * 7 + ["less_than"] * 3


def generate(path: Path, n_articles: int, n_figures: int, seed: int = 5) -> None:
    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = connect(path)
    start = date(2019, 1, 1)
    days = (date(2025, 12, 31) - start).days
    t0 = time.perf_counter()
    with write_transaction(db):
        db["sources"].insert_all(
            [
                {"name": name, "url": f"https://{name}.example/", "spider": "news", "region": reg}
                for name, reg in SOURCES
            ]
        )
        batch = []
        for i in range(1, n_articles + 1):
            source = rnd.choice(SOURCES)[0]
            day = start + timedelta(days=rnd.randrange(days))
            drug = rnd.choice(DRUGS)
            obj = rnd.choice(OBJECTS)
            sentences = [
                rnd.choice(SENTENCES).format(
                    region=rnd.choice(REGIONS),
                    n=rnd.randint(2, 400),
                    objects=obj[1],
                    mass=round(rnd.uniform(0.1, 120), 1),
                    drug=drug[1],
                    pct=rnd.randint(2, 40),
                    money=f"{rnd.randint(1, 900)} млн",
                    ha=rnd.randint(1, 500),
                )
                for _ in range(rnd.randint(6, 14))
            ]
            title = rnd.choice(
                [
                    f"Изъято {round(rnd.uniform(0.1, 50), 1)} кг {drug[1]}",
                    f"В {rnd.choice(REGIONS).replace('области', 'области')} задержаны наркокурьеры",
                    f"Ликвидирована нарколаборатория: изъяты {drug[1]}",
                    "Итоги борьбы с наркопреступностью",
                    f"Прокуратура: выявлено {rnd.randint(5, 900)} {obj[1]}",
                ]
            )
            hour = rnd.randrange(24)
            batch.append(
                (
                    i,
                    source,
                    f"https://{source}.example/news/{i}",
                    title,
                    " ".join(sentences),
                    f"{day.isoformat()}T{hour:02d}:{rnd.randrange(60):02d}:00+05:00",
                    day.isoformat(),
                    f"{(day + timedelta(days=rnd.randint(0, 3))).isoformat()}T06:00:00+00:00",
                    f"{i:064x}",
                    1,
                    "trafilatura",
                    "ru",
                )
            )
            if len(batch) == 5000:
                _insert_articles(db, batch)
                batch = []
        _insert_articles(db, batch)
    print(f"articles: {n_articles} in {time.perf_counter() - t0:.0f} s", flush=True)

    t0 = time.perf_counter()
    articles = db.execute("select id, source, published_at from articles").fetchall()
    columns = [
        "article_id", "seq", "quote", "value", "unit", "qualifier", "object", "change",
        "sentence", "period_start", "period_end", "source", "published_day", "year", "seizure",
    ]  # fmt: skip
    sql = f"insert into figures ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"
    with write_transaction(db):
        rows = []
        for k in range(n_figures):
            article_id, source, published_at = articles[rnd.randrange(len(articles))]
            unit = rnd.choice(UNITS)
            qualifier = rnd.choice(QUALIFIERS)
            period = None
            if rnd.random() < 0.3:
                year = int(published_at[:4]) - (1 if published_at[5:7] == "01" else 0)
                period = (f"{year}-01-01", f"{year}-12-31")
            if unit == "count":
                obj = rnd.choice(OBJECTS)
                value = float(rnd.choice([rnd.randint(1, 20), rnd.randint(20, 2000)]))
                quote, noun = f"{int(value)} {obj[1]}", obj[0]
            elif unit == "kg":
                drug = rnd.choice(DRUGS)
                value = round(rnd.lognormvariate(0, 2), 3)
                quote, noun = f"{value} кг {drug[1]}", drug[0]
            elif unit == "ha":
                value, noun = float(rnd.randint(1, 500)), "конопля"
                quote = f"{int(value)} га"
            else:
                value, noun = float(rnd.randint(1, 99)), None
                quote = f"{int(value)} {unit}"
            if unit == "kg":
                sentence = rnd.choice(KG_SENTENCES).format(quote=quote)
            else:
                sentence = f"По данным ведомства, {quote} зарегистрировано в отчётном периоде."
            figure = {
                "period_start": period[0] if period else None,
                "unit": unit,
                "sentence": sentence,
            }
            context = figure_context(source, published_at, figure)
            rows.append(
                (
                    article_id,
                    k % 10,
                    quote,
                    value,
                    unit,
                    qualifier,
                    noun,
                    rnd.choice(["increase", "decrease"]) if unit in ("percent", "times") else None,
                    sentence,
                    period[0] if period else None,
                    period[1] if period else None,
                    context["source"],
                    context["published_day"],
                    context["year"],
                    context["seizure"],
                )
            )
            if len(rows) == 20000:
                db.conn.executemany(sql, rows)
                rows = []
        db.conn.executemany(sql, rows)
    print(f"figures: {n_figures} in {time.perf_counter() - t0:.0f} s", flush=True)

    t0 = time.perf_counter()
    with write_transaction(db):
        for article_id in rnd.sample(range(1, n_articles + 1), min(2000, n_articles)):
            row = db.execute(
                "select title, body, published_at, content_hash, fetched_at from articles "
                "where id = ?",
                [article_id],
            ).fetchone()
            db["article_versions"].insert(
                {
                    "article_id": article_id,
                    "version": 1,
                    "title": row[0] + " (черновик)",
                    "body": row[1].replace(".", ",", 2),
                    "published_at": row[2],
                    "content_hash": "0" + row[3][1:],
                    "fetched_at": row[4],
                    "replaced_at": row[4],
                }
            )
            db.execute("update articles set version = 2 where id = ?", [article_id])
        runs = []
        for name, _region in SOURCES:
            for d in range(365):
                day = date(2025, 1, 1) + timedelta(days=d)
                status = rnd.choice(["ok"] * 18 + ["partial", "failed"])
                runs.append(
                    {
                        "token": f"{name}-{d}",
                        "source": name,
                        "mode": "new",
                        "started_at": f"{day.isoformat()}T03:{rnd.randrange(60):02d}:00+00:00",
                        "finished_at": f"{day.isoformat()}T03:59:00+00:00",
                        "status": status,
                        "pages": rnd.randint(5, 300),
                        "articles_new": rnd.randint(0, 40),
                        "errors": rnd.randint(0, 5) if status != "ok" else 0,
                    }
                )
        db["crawl_runs"].insert_all(runs, batch_size=1000)
        db["errors"].insert_all(
            (
                {
                    "run_id": rnd.randint(1, len(runs)),
                    "source": rnd.choice(SOURCES)[0],
                    "url": f"https://example.kz/{k}",
                    "kind": rnd.choice(["http_404", "http_500", "timeout", "robots_disallowed"]),
                    "message": "ошибка загрузки",
                    "at": f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T03:00:00",
                }
                for k in range(5000)
            ),
            batch_size=1000,
        )
    print(f"versions, runs, errors in {time.perf_counter() - t0:.0f} s", flush=True)

    t0 = time.perf_counter()
    indexed = backfill(db, batch=2000)
    print(f"Russian search index: {indexed} articles in {time.perf_counter() - t0:.0f} s")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _drop_live_articles(db) -> None:
    """Remove what the writer of an earlier run stored, so every run times the same data."""
    live = "select id from articles where url like '%/live/%'"
    with write_transaction(db):
        for table in ("figures", "mentioned_dates", "raw_pages", "url_aliases", "article_versions"):
            db.execute(f"delete from {table} where article_id in ({live})")
        db.execute(f"delete from articles_search where rowid in ({live})")
        db.execute(f"delete from articles where id in ({live})")


def _insert_articles(db, batch) -> None:
    db.conn.executemany(
        "insert into articles (id, source, url, title, body, published_at, published_day, "
        "fetched_at, content_hash, version, extractor, lang) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )


def _chart_url(query: str, filters: dict[str, str]) -> str:
    """The URL the dashboard's JavaScript fetches for a chart: [[ ... ]] parts whose filter is
    set are kept, the others dropped (datasette-dashboards' replace_opts_in_query)."""

    def keep(match: re.Match) -> str:
        part = match.group(1)
        names = re.findall(r":([A-Za-z0-9_]+)", part)
        return part if all(filters.get(n) for n in names) else ""

    sql = re.sub(r"\[\[(.*?)\]\]", keep, query)
    return "/news.json?" + urllib.parse.urlencode({"sql": sql, **filters, "_shape": "objects"})


def pages(metadata: dict) -> list[tuple[str, str]]:
    q = urllib.parse.quote
    found = [
        ("articles (facets source, year)", "/news/articles"),
        ("figures (5 facets, labels)", "/news/figures"),
        ("figures unit=kg", "/news/figures?unit=kg"),
        ("figures object+year", f"/news/figures?object={q('героин')}&year=2024"),
        ("articles source facet picked", "/news/articles?source=zakon-kz"),
        ("articles year picked", "/news/articles?published_day__startswith=2023"),
        ("search наркотик", f"/news/articles?_search={q('наркотик')}"),
        ("search изъятие", f"/news/articles?_search={q('изъятие')}"),
        ("search phrase", f"/news/articles?_search={q(chr(34) + 'незаконный оборот' + chr(34))}"),
        ("search + source", f"/news/articles?_search={q('нарколаборатория')}&source=mvd-ru"),
        ("search + page 2", f"/news/articles?_search={q('героин')}&_next=50"),
        ("row page", "/news/articles/777"),
    ]
    for view in (
        "figure_facts",
        "seized_mass_by_month",
        "counts_by_object",
        "articles_per_day",
        "article_changes",
        "crawl_health",
    ):
        found.append((f"view {view}", f"/news/{view}"))
    db_meta = metadata["databases"]["news"]
    for name, query in db_meta["queries"].items():
        params = {p: "" for p in re.findall(r"(?<!:):([A-Za-z_]+)", query["sql"])}
        if "q" in params:
            params["q"] = "изъятие героина"
        found.append((f"query {name}", f"/news/{name}?" + urllib.parse.urlencode(params)))
    found.append(("dashboard page", "/-/dashboards/newsmon"))
    dashboard = metadata["plugins"]["datasette-dashboards"]["newsmon"]
    for filters in ({}, {"source": "zakon-kz", "date_start": "2024-01-01"}):
        label = " (filtered)" if filters else ""
        for name, chart in dashboard["charts"].items():
            if chart.get("query"):
                found.append((f"chart {name}{label}", _chart_url(chart["query"], filters)))
    return found


def time_pages(server: Server, found: list[tuple[str, str]]) -> list[dict]:
    results = []
    for label, url in found:
        times, statuses = [], set()
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            status, body = server.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            statuses.add(status)
            if status != 200:
                print(f"  {label}: HTTP {status} {body[:200]}", flush=True)
            if "json" in url and '"ok": false' in body:
                statuses.add("sql error")
        results.append(
            {"page": label, "first": times[0], "median": statistics.median(times),
             "max": max(times), "status": ",".join(map(str, sorted(statuses, key=str)))}
        )  # fmt: skip
    return results


def writer(path: str, stop, counter, rate: float) -> None:
    """A crawl-like writer: stores articles with figures, one transaction each, `rate` articles
    a second (0: as fast as it can), until stopped."""
    from pipelines.articles import store_article
    from pipelines.items import ArticleRecord

    db = connect(path)
    n = 0
    started = time.monotonic()
    while not stop.is_set():
        if rate and n >= rate * (time.monotonic() - started):
            time.sleep(0.01)
            continue
        n += 1
        store_article(
            db,
            ArticleRecord(
                source="zakon-kz",
                url=f"https://zakon-kz.example/live/{time.time_ns()}",
                html="<html></html>",
                fetched_at="2025-12-31T12:00:00+00:00",
                title="Изъяты наркотики (запись во время обхода)",
                body="Полицейские изъяли 3 кг гашиша у наркокурьера. " * 20,
                published_at="2025-12-31T11:00:00+05:00",
                figures=[
                    {"quote": "3 кг", "value": 3.0, "unit": "kg", "object": "гашиш"}
                    for _ in range(10)
                ],
            ),
        )
        counter.value = n
    db.close()


def print_table(title: str, results: list[dict]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{title} (load average {load} on {os.cpu_count()} cores)")
    print(f"{'page':44} {'first ms':>9} {'median ms':>10} {'max ms':>8}  status")
    for r in results:
        print(
            f"{r['page'][:44]:44} {r['first']:9.0f} {r['median']:10.0f} {r['max']:8.0f}  "
            f"{r['status']}"
        )
    worst = max(results, key=lambda r: r["max"])
    over = [r["page"] for r in results if r["max"] >= 1000]
    print(
        f"{len(results)} pages; slowest: {worst['page']} {worst['max']:.0f} ms; "
        f"{len(over)} at or over 1 s{': ' + ', '.join(over) if over else ''}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(REPO / "bench" / "out" / "datasette.db"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", help="time only the pages whose label matches this regex")
    parser.add_argument("--no-writer", action="store_true", help="skip the timing during writes")
    parser.add_argument(
        "--writer-rate",
        type=float,
        default=5.0,
        help="articles the writer stores per second (default 5, a busy crawl; 0: flat out)",
    )
    args = parser.parse_args()
    path = Path(args.db)

    have = None
    if path.exists() and not args.regenerate:
        db = connect(path)  # also brings an older file up to the current schema
        have = (
            db.execute("select count(*) from articles where url not like '%/live/%'").fetchone()[0],
            db.execute("select count(*) from figures").fetchone()[0],
        )
        _drop_live_articles(db)
        db.close()
    if have is None or have[0] != args.articles or have[1] < args.figures:
        generate(path, args.articles, args.figures)
    metadata = yaml.safe_load((REPO / "data" / "metadata.yml").read_text(encoding="utf-8"))
    found = [p for p in pages(metadata) if not args.only or re.search(args.only, p[0])]
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"database {path}: {args.articles} articles, {args.figures} figures, {size / 1e6:.0f} MB")

    server = Server(path, path.parent / "serve.log")
    try:
        server.wait_ready()
        print_table("Pages, server idle", time_pages(server, found))
        if args.no_writer:
            return 0

        ctx = multiprocessing.get_context("spawn")
        stop, counter = ctx.Event(), ctx.Value("i", 0)
        process = ctx.Process(target=writer, args=(str(path), stop, counter, args.writer_rate))
        process.start()
        try:
            time.sleep(2)
            before = counter.value
            results = time_pages(server, found)
            written = counter.value - before
        finally:
            stop.set()
            process.join(60)
        if process.exitcode != 0:
            print(f"the writer failed (exit code {process.exitcode})")
        rate = f"{args.writer_rate:g}/s" if args.writer_rate else "flat out"
        print_table(f"Pages while a writer stores articles ({rate}, 10 figures each)", results)
        failed = [r for r in results if r["status"] != "200"]
        print(
            f"writer stored {written} articles during the timing; "
            f"{len(failed)} pages failed{': ' + json.dumps(failed) if failed else ''}"
        )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
