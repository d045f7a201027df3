"""Crawl benchmark: a local news site of N article pages (the demo site's 14 articles, each served
under many URLs) crawled through `newsmon crawl`, and the same pages through trafilatura alone
and through each pipeline step in one process.

    .venv/bin/python bench/crawl.py [--articles 2000] [--pages demo|aeb|real]
        [--steps real,demo,aeb,aeb_ru] [--rounds 3] [--before [REV]]

Prints pages/s, CPU seconds per page and peak RSS of the crawl process, and, for each set of
pages in --steps (by default the real Russian pages, the demo's, aeb's and aeb's Russian slice),
the per-page cost of
trafilatura alone and of every step of the article chain and storage, with their ratio.

`--before REV` measures the same steps on the same pages with the code of git revision REV
(exported with `git archive` into a temporary folder, run by this script in a child process
with NEWSMON_BENCH_CODE pointing there) and prints how extraction + storage grew since; REV
defaults to the last revision before facts (issue 12: that cost grows by at most 15%).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from functools import partial
from pathlib import Path

# The code measured: this repository, or another revision's tree (`--before`).
sys.path.insert(0, os.environ.get("NEWSMON_BENCH_CODE") or str(Path(__file__).resolve().parents[1]))

import trafilatura

from crawler.cli import main as newsmon
from crawler.demo.server import LocalSite
from pipelines.articles import store_article
from pipelines.chain import ARTICLE_STEPS, SourceContext, process_article
from pipelines.db import connect
from pipelines.extraction import TRAFILATURA_OPTIONS
from pipelines.items import ArticleRecord
from pipelines.places_pipeline import is_russian_text

REPO = Path(__file__).resolve().parents[1]
DEMO_SITE = REPO / "crawler" / "demo" / "site"
# The last revision before facts (b5ab3a1 added them): issue 12's "before".
PRE_FACTS = "b5ab3a1^"


def demo_articles() -> list[str]:
    """The demo site's 14 articles: real-size Russian news pages with boilerplate and figures."""
    return [p.read_text(encoding="utf-8") for p in sorted(DEMO_SITE.glob("*/[0-9]*-*.html"))]


def aeb_pages() -> list[str]:
    """The 181 real news pages of ../shared/bench/aeb (mostly English): real page weight."""
    folder = Path(__file__).resolve().parents[2] / "shared" / "bench" / "aeb" / "html"
    if not folder.is_dir():
        sys.exit(f"{folder} is not available")
    return [
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in sorted(folder.glob("*.html.gz"))
    ]


def real_russian_pages() -> list[str]:
    """The 10 real Russian news articles of ../shared/corpus/real: the language and sites this
    tool is for."""
    folder = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
    if not folder.is_dir():
        sys.exit(f"{folder} is not available")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*/article*.html"))]


def aeb_russian_pages() -> list[str]:
    """The Russian slice of aeb: its pages whose extracted body is mostly Cyrillic (4 of 181),
    real pages of other sites than ../shared/corpus/real."""
    return [
        html
        for html in aeb_pages()
        if is_russian_text(
            process_article(
                ArticleRecord(source="bench", url="", html=html, fetched_at=""),
                BENCH_SOURCE,
                ARTICLE_STEPS[:1],
            ).body
            or ""
        )
    ]


TEMPLATES = {
    "demo": demo_articles,
    "aeb": aeb_pages,
    "aeb_ru": aeb_russian_pages,
    "real": real_russian_pages,
}


def build_site(count: int, pages_from: str = "demo") -> tuple[LocalSite, dict[str, str]]:
    """`count` article URLs, each serving one of the template pages with its own headline."""
    templates = TEMPLATES[pages_from]()
    site = LocalSite()
    pages = {}
    for n in range(count):
        html = templates[n % len(templates)]
        pages[f"/news/{n}-novost-{n}.html"] = html.replace("<h1>", f"<h1>№{n}. ", 1)
    for path, html in pages.items():
        site.add(path, html, Content_Type="text/html; charset=utf-8")
    site.add("/robots.txt", "User-agent: *\nAllow: /\n")
    return site, pages


def add_sitemap(site: LocalSite, paths: list[str]) -> None:
    base = site.base_url
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    site.add("/sitemap.xml", f"<urlset {ns}>{urls}</urlset>", Content_Type="application/xml")


def crawl_benchmark(
    site: LocalSite, count: int, workdir: Path, settings: dict[str, str] | None = None
) -> dict:
    """`newsmon crawl` of the site into workdir/bench.db (a new database: remove it between
    runs); `settings` are passed with --set."""
    sources = workdir / "sources.toml"
    article = "^" + re.escape(site.base_url) + r"/news/\d+-[\w-]+\.html$"
    sources.write_text(
        f'[[source]]\nname = "bench"\nurl = "{site.base_url}/"\n'
        f'sitemaps = ["{site.base_url}/sitemap.xml"]\narticle = {json.dumps(article)}\n',
        encoding="utf-8",
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    newsmon(
        [
            "crawl",
            "--sources",
            str(sources),
            "--db",
            str(workdir / "bench.db"),
            "--set",
            "DOWNLOAD_DELAY=0",
            "--set",
            "AUTOTHROTTLE_ENABLED=False",
            "--set",
            "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            "--set",
            "LOG_LEVEL=WARNING",
            *[arg for k, v in (settings or {}).items() for arg in ("--set", f"{k}={v}")],
        ]
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    db = connect(workdir / "bench.db")
    stored = db["articles"].count
    first, last = db.execute("select min(updated_at), max(updated_at) from articles").fetchone()
    after_first = db.execute(
        "select count(*) from articles where updated_at > ?", [first]
    ).fetchone()[0]
    db.close()
    span = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()
    return {
        "stored": stored,
        "wall": wall,
        "pages_per_s": stored / wall,
        # from the first article stored to the last (whole seconds): the rate once the crawl
        # process and its workers have started and loaded their models
        "steady_pages_per_s": after_first / span if span >= 5 else stored / wall,
        "cpu_per_page": cpu / max(stored, 1),
        "peak_rss_mb": after.ru_maxrss / 1024,  # Linux: KiB, max over children
    }


def _records(pages: dict[str, str], base: str) -> list[ArticleRecord]:
    return [
        ArticleRecord(
            source="bench", url=base + path, html=html, fetched_at="2025-08-30T00:00:00+00:00"
        )
        for path, html in pages.items()
    ]


def _cpu_per_page(step, items: list) -> float:
    started = time.process_time()
    for item in items:
        step(item)
    return (time.process_time() - started) / len(items)


# A Kazakh news source, as the demo's: its timezone and region reach the steps as in a crawl.
BENCH_SOURCE = SourceContext(timezone="Asia/Almaty", lang="ru", region="KZ")


def in_process_costs(
    pages: dict[str, str], workdir: Path, base: str, rounds: int, name: str = "steps"
) -> dict:
    """CPU seconds per page of trafilatura alone (with the options the pipeline uses, and with
    its defaults), of every step of the article chain (pipelines/chain.py ARTICLE_STEPS, each
    on the records the step before it filled) and of storage (into a new database each round).
    The measurements alternate in `rounds` rounds and each keeps its best round, so a busy
    moment of a shared machine does not land on one step only."""
    htmls = list(pages.values())
    best: dict[str, float] = {}
    for round_number in range(rounds):
        records = _records(pages, base)
        db = connect(workdir / f"{name}-{round_number}.db")
        db["sources"].insert({"name": "bench", "url": base})
        costs = {
            "trafilatura": _cpu_per_page(
                lambda html: trafilatura.extract(html, **TRAFILATURA_OPTIONS), htmls
            ),
            "trafilatura_defaults": _cpu_per_page(trafilatura.extract, htmls),
        }
        for step in ARTICLE_STEPS:
            costs[step.name] = _cpu_per_page(partial(step.run, source=BENCH_SOURCE), records)
        costs["storage"] = _cpu_per_page(partial(store_article, db), records)
        db.close()
        best = {step: min(cost, best.get(step, cost)) for step, cost in costs.items()}
    return best


def page_figures(pages: dict[str, str]) -> dict:
    """Distinct templates, their Russian share and mean body length (what the costs are of)."""
    distinct = list(dict.fromkeys(pages.values()))
    records = [
        process_article(
            ArticleRecord(source="bench", url="", html=h, fetched_at=""),
            BENCH_SOURCE,
            ARTICLE_STEPS[:1],
        )
        for h in distinct
    ]
    bodies = [r.body or "" for r in records]
    return {
        "templates": len(distinct),
        "russian": sum(is_russian_text(b) for b in bodies),
        "mean_body": sum(map(len, bodies)) / max(len(bodies), 1),
    }


def print_costs(name: str, pages: dict[str, str], costs: dict, rounds: int) -> None:
    ms = {k: v * 1000 for k, v in costs.items()}
    shape = page_figures(pages)
    chain = sum(ms[step.name] for step in ARTICLE_STEPS) + ms["storage"]
    print(
        f"{name}: {shape['templates']} pages ({shape['russian']} Russian), "
        f"mean body {shape['mean_body']:.0f} chars; CPU ms per page, best of {rounds} "
        "alternating rounds:"
    )
    print(f"  trafilatura alone     {ms['trafilatura']:8.2f}   (the pipeline's options)")
    print(f"  ... with defaults     {ms['trafilatura_defaults']:8.2f}")
    for step in ARTICLE_STEPS:
        print(f"  {step.name:<20}  {ms[step.name]:8.2f}")
    print(f"  {'storage':<20}  {ms['storage']:8.2f}")
    print(f"  {'whole chain':<20}  {chain:8.2f}")
    print(f"  whole chain / trafilatura = {chain / ms['trafilatura']:.2f}  (bar: <= 1.3)")
    figures = ms["figures and dates"]
    print(f"  figures + dates / trafilatura = {figures / ms['trafilatura']:.2f}  (bar: < 0.33)")


def costs_of_revision(rev: str, names: list[str], rounds: int, workdir: Path) -> dict:
    """Per-step costs (ms per page) of the code at git revision `rev` on the same pages: this
    script in a child process, with that revision's tree first on its path."""
    tree = workdir / "revision"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True)
    if archive.returncode:
        sys.exit(f"git archive {rev}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    out = workdir / "revision.json"
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--articles=0",
            f"--steps={','.join(names)}",
            f"--rounds={rounds}",
            f"--json={out}",
        ],
        env={**os.environ, "NEWSMON_BENCH_CODE": str(tree)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def print_growth(name: str, rev: str, now: dict, before: dict) -> None:
    """Issue 12's bar: extraction + storage per page, now against `rev`. The facts step is
    new work of the same kind (each figure's role, scope and indicator), so the growth is
    printed with it and without it."""
    old = before["extraction"] + before["storage"]
    plain = now["extraction"] + now["storage"]
    with_facts = plain + now.get("facts", 0.0)
    print(
        f"  {name}: extraction + storage {old:.2f} ms at {rev}, now {plain:.2f} "
        f"({(plain / old - 1) * 100:+.0f}%); with the facts step {with_facts:.2f} "
        f"({(with_facts / old - 1) * 100:+.0f}%)  (bar: <= +15%)"
    )
    parts = ("trafilatura", "extraction", "storage")
    print(
        "    "
        + ", ".join(f"{part} {before[part]:.2f} -> {now[part]:.2f}" for part in parts)
        + f", facts step {now.get('facts', 0.0):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=2000, help="URLs of the crawled site (0: no crawl)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of the in-process steps; best one kept"
    )
    parser.add_argument(
        "--pages",
        choices=sorted(TEMPLATES),
        default="demo",
        help="templates of the crawled site: the demo site's 14 Russian articles, the 181 real "
        "pages of ../shared/bench/aeb (mostly English), or the 10 real Russian articles of "
        "../shared/corpus/real",
    )
    parser.add_argument(
        "--steps",
        default="real,demo,aeb,aeb_ru",
        help="template sets whose per-step costs are printed (comma-separated; '' for none)",
    )
    parser.add_argument(
        "--before",
        nargs="?",
        const=PRE_FACTS,
        metavar="REV",
        help=f"also measure git revision REV on the same pages (default {PRE_FACTS}: before "
        "facts) and print the growth of extraction + storage",
    )
    parser.add_argument("--json", help=argparse.SUPPRESS)  # the costs, for --before's child
    args = parser.parse_args()
    measured: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.articles:
            site, pages = build_site(args.articles, args.pages)
            with site:
                add_sitemap(site, list(pages))
                crawl = crawl_benchmark(site, args.articles, Path(tmp))
            print(f"crawl: the {args.pages} templates, served under {args.articles} URLs")
            print(
                f"crawl of a local site: {crawl['stored']} of {args.articles} articles stored "
                f"in {crawl['wall']:.1f} s"
            )
            print(
                f"  pages/s             {crawl['pages_per_s']:8.1f}   (start-up included; "
                f"{crawl['steady_pages_per_s']:.1f} from the first article stored to the last)"
            )
            print(
                f"  CPU s per page      {crawl['cpu_per_page']:8.4f}   (crawl process: download, "
                "the whole chain, storage)"
            )
            print(f"  peak RSS            {crawl['peak_rss_mb']:8.1f} MB")
        for name in filter(None, args.steps.split(",")):
            base = "http://127.0.0.1:1"
            templates = TEMPLATES[name]()
            pages = {f"/news/{n}-novost-{n}.html": html for n, html in enumerate(templates)}
            costs = in_process_costs(pages, Path(tmp), base, args.rounds, name)
            measured[name] = {step: cost * 1000 for step, cost in costs.items()}
            if not args.json:
                print_costs(name, pages, costs, args.rounds)
        if args.json:
            Path(args.json).write_text(json.dumps(measured), encoding="utf-8")
        elif args.before and measured:
            names = list(measured)
            before = costs_of_revision(args.before, names, args.rounds, Path(tmp))
            print(f"growth since {args.before} (CPU ms per page, best of {args.rounds} rounds):")
            for name in names:
                print_growth(name, args.before, measured[name], before[name])


if __name__ == "__main__":
    main()
