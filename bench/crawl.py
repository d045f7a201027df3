"""Crawl benchmark: a local news site of N article pages (the demo site's 14 articles, each served
under many URLs) crawled through `newsmon crawl`, and the same pages through trafilatura alone
and through each pipeline step in one process.

    .venv/bin/python bench/crawl.py [--articles 2000]

Prints pages/s, CPU seconds per page and peak RSS of the crawl process, and per-page costs of
trafilatura alone vs extraction (+ figures) (+ storage), with their ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from crawler.cli import main as newsmon
from crawler.demo.server import LocalSite
from pipelines.articles import ArticleRecord, store_article
from pipelines.db import connect
from pipelines.extract_pipeline import apply_extraction
from pipelines.figures_pipeline import apply_figures
from pipelines.places_pipeline import apply_places

DEMO_SITE = Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site"


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


def build_site(count: int, pages_from: str = "demo") -> tuple[LocalSite, dict[str, str]]:
    """`count` article URLs, each serving one of the template pages with its own headline."""
    templates = demo_articles() if pages_from == "demo" else aeb_pages()
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


def crawl_benchmark(site: LocalSite, count: int, workdir: Path) -> dict:
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
        ]
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    db = connect(workdir / "bench.db")
    stored = db["articles"].count
    db.close()
    return {
        "stored": stored,
        "wall": wall,
        "pages_per_s": stored / wall,
        "cpu_per_page": cpu / max(stored, 1),
        "peak_rss_mb": after.ru_maxrss / 1024,  # Linux: KiB, max over children
    }


def in_process_costs(pages: dict[str, str], workdir: Path, base: str) -> dict:
    """CPU seconds per page of each step: trafilatura alone, extraction, figures, places,
    storage. Each step is timed over all pages after the previous one (warm caches)."""
    items = list(pages.items())

    started = time.process_time()
    for _, html in items:
        trafilatura.extract(html)
    trafilatura_alone = (time.process_time() - started) / len(items)

    records = [
        ArticleRecord(
            source="bench", url=base + path, html=html, fetched_at="2025-08-30T00:00:00+00:00"
        )
        for path, html in items
    ]
    started = time.process_time()
    for record in records:
        apply_extraction(record, "Asia/Almaty")
    extraction = (time.process_time() - started) / len(items)

    started = time.process_time()
    for record in records:
        apply_figures(record)
    figures = (time.process_time() - started) / len(items)

    started = time.process_time()
    for record in records:
        apply_places(record, "KZ")
    places = (time.process_time() - started) / len(items)

    db = connect(workdir / "steps.db")
    db["sources"].insert({"name": "bench", "url": base})
    started = time.process_time()
    for record in records:
        store_article(db, record)
    storage = (time.process_time() - started) / len(items)
    db.close()
    return {
        "trafilatura": trafilatura_alone,
        "extraction": extraction,
        "figures": figures,
        "places": places,
        "storage": storage,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--pages",
        choices=("demo", "aeb"),
        default="demo",
        help="templates: the demo site's 14 Russian articles, or the 181 real aeb pages",
    )
    args = parser.parse_args()
    site, pages = build_site(args.articles, args.pages)
    with site, tempfile.TemporaryDirectory() as tmp:
        add_sitemap(site, list(pages))
        crawl = crawl_benchmark(site, args.articles, Path(tmp))
        costs = in_process_costs(pages, Path(tmp), site.base_url)
    ms = {k: v * 1000 for k, v in costs.items()}
    print(f"pages: the {args.pages} templates, served under {args.articles} URLs")
    print(
        f"crawl of a local site: {crawl['stored']} of {args.articles} articles stored "
        f"in {crawl['wall']:.1f} s"
    )
    print(f"  pages/s             {crawl['pages_per_s']:8.1f}")
    print(
        f"  CPU s per page      {crawl['cpu_per_page']:8.4f}   (crawl process: download, "
        "extraction, figures, storage)"
    )
    print(f"  peak RSS            {crawl['peak_rss_mb']:8.1f} MB")
    print("per page, in one process (CPU ms):")
    print(f"  trafilatura alone   {ms['trafilatura']:8.2f}")
    print(f"  extraction          {ms['extraction']:8.2f}")
    print(f"  figures + dates     {ms['figures']:8.2f}")
    print(f"  places, agencies    {ms['places']:8.2f}")
    print(f"  storage             {ms['storage']:8.2f}")
    print(
        f"  extraction + storage / trafilatura = "
        f"{(ms['extraction'] + ms['storage']) / ms['trafilatura']:.2f}  (bar: <= 1.3)"
    )
    print(
        f"  figures + dates / trafilatura      = {ms['figures'] / ms['trafilatura']:.2f}  "
        "(bar: < 0.33)"
    )


if __name__ == "__main__":
    main()
