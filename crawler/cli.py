"""`newsmon`: the single entry point for users."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from crawler.sources import SourceError, load_sources


def _iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _setting(value: str) -> tuple[str, str]:
    if "=" not in value:
        raise argparse.ArgumentTypeError(f"{value!r}: expected NAME=VALUE")
    key, _, val = value.partition("=")
    return key.strip(), val.strip()


def cmd_sources(args) -> int:
    sources = load_sources(args.sources)
    for s in sources:
        found = (
            ", ".join(
                f"{len(v)} {k}"
                for k, v in (("feeds", s.feeds), ("sitemaps", s.sitemaps), ("listings", s.listings))
                if v
            )
            or f"API {s.api}"
        )
        print(f"{s.name:24} {s.spider:6} {s.region or '-':7} {s.schedule:12} {s.url}  ({found})")
    print(f"{len(sources)} sources, all valid ({args.sources or 'data/sources.toml'})")
    return 0


def cmd_crawl(args) -> int:
    from crawler.runner import CrawlRequest, run_crawls, summary_table

    sources = load_sources(args.sources)  # validate before anything is fetched
    names = args.names or [s.name for s in sources]
    unknown = sorted(set(names) - {s.name for s in sources})
    if unknown:
        print(f"newsmon: unknown source(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if (args.since or args.until) and args.since and args.until and args.since > args.until:
        print("newsmon: --since is after --until", file=sys.stderr)
        return 2
    request = CrawlRequest(
        sources=names,
        sources_file=Path(args.sources) if args.sources else None,
        db=Path(args.db) if args.db else None,
        recrawl=args.recrawl,
        since=args.since,
        until=args.until,
        settings=dict(args.set or []),
        jobs=args.jobs,
    )
    runs = run_crawls(request)
    print(summary_table(runs))
    return 1 if any(r["status"] in ("failed",) for r in runs) else 0


def cmd_extract(args) -> int:
    from crawler.extract_command import extract_inputs

    return extract_inputs(
        args.inputs, text=args.text, timezone=args.timezone, published=args.published
    )


def cmd_reextract(args) -> int:
    from pipelines.reextract import reextract

    counts = reextract(args.db, args.names or None)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_demo(args) -> int:
    from crawler.demo.run import run_demo

    return run_demo(Path(args.db))


def cmd_serve(args) -> int:
    from crawler.serve import METADATA, serve

    return serve(args.db, args.host, args.port, Path(args.metadata) if args.metadata else METADATA)


def cmd_search_index(args) -> int:
    from pipelines.db import connect
    from pipelines.search_index import backfill

    db = connect(args.db)  # an older database gets the index here, on first opening
    try:
        done = backfill(db, rebuild=args.rebuild)
        total = db.execute("select count(*) from articles").fetchone()[0]
    finally:
        db.close()
    print(f"search index: {done} articles (re)indexed, {total} articles in all")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsmon",
        description="Crawl news and prosecutor sites into SQLite; extract figures and dates.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sources", help="list and validate the configured sources")
    p.add_argument("--sources", help="sources TOML file (default data/sources.toml)")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("crawl", help="crawl sources into the database")
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument("--sources", help="sources TOML file (default data/sources.toml)")
    p.add_argument("--db", help="SQLite database (default data/news.db)")
    p.add_argument(
        "--recrawl",
        action="store_true",
        help="fetch stored articles again (conditional requests) and keep old versions",
    )
    p.add_argument("--since", type=_iso_day, help="only articles published on or after this day")
    p.add_argument("--until", type=_iso_day, help="only articles published on or before this day")
    p.add_argument("--jobs", type=int, default=2, help="sources crawled at once (default 2)")
    p.add_argument(
        "--set",
        action="append",
        type=_setting,
        metavar="NAME=VALUE",
        help="a Scrapy setting for this run, e.g. --set DOWNLOAD_DELAY=2",
    )
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("extract", help="extract article, figures and dates from files or URLs")
    p.add_argument("inputs", nargs="+", metavar="FILE.html|URL|FILE")
    p.add_argument(
        "--text",
        action="store_true",
        help="inputs are plain-text files: print their figures and dates",
    )
    p.add_argument("--timezone", help="IANA time zone for dates shown without an offset")
    p.add_argument(
        "--published",
        type=_iso_day,
        help="publication day, to resolve dates such as '26 июня' (with --text)",
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reextract", help="re-run extraction on stored raw pages, no download")
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument("--db", help="SQLite database (default data/news.db)")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser("demo", help="serve the bundled sample site on 127.0.0.1 and crawl it")
    p.add_argument(
        "--db",
        default=str(Path("data") / "demo.db"),
        help="database to fill (default data/demo.db)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="browse the database in Datasette (read-only)")
    p.add_argument("--db", help="SQLite database (default data/news.db)")
    p.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--metadata", help="Datasette metadata file (default data/metadata.yml)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("search-index", help="fill the Russian search index (--rebuild: redo it)")
    p.add_argument("--db", help="SQLite database (default data/news.db)")
    p.add_argument("--rebuild", action="store_true", help="re-index every article")
    p.set_defaults(func=cmd_search_index)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SourceError as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
