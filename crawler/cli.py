"""`newsmon`: the single entry point for users."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from datetime import date
from pathlib import Path

from crawler import commands
from crawler.distributed import cli as distributed
from crawler.lock import LockHeld
from crawler.sources import SourceError
from pipelines import regex_cache
from pipelines.db_file import DatabaseRefused, StorageError


def _iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _positive(kind):
    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            number = 0
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
        return number

    return parse


def _setting(value: str) -> tuple[str, str]:
    if "=" not in value:
        raise argparse.ArgumentTypeError(f"{value!r}: expected NAME=VALUE")
    key, _, val = value.partition("=")
    return key.strip(), val.strip()


def _shared_options() -> dict[str, argparse.ArgumentParser]:
    """Options several commands share, each declared once as a parent parser."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="SQLite database (default data/news.db)")
    sources = argparse.ArgumentParser(add_help=False)
    sources.add_argument("--sources", help="sources TOML file (default data/sources.toml)")
    crawls = argparse.ArgumentParser(add_help=False)
    crawls.add_argument("--jobs", type=int, default=2, help="sources crawled at once (default 2)")
    crawls.add_argument(
        "--create",
        action="store_true",
        help="make the folder of --db when it does not exist (else refused as a likely typo)",
    )
    crawls.add_argument(
        "--set",
        action="append",
        type=_setting,
        metavar="NAME=VALUE",
        help="a Scrapy setting for the crawls, e.g. --set DOWNLOAD_DELAY=2",
    )
    return {"db": db, "sources": sources, "crawls": crawls}


def _add_limit_options(p: argparse.ArgumentParser, wait_default: float) -> None:
    p.add_argument(
        "--time-limit",
        type=_positive(float),
        metavar="SECONDS",
        help="stop a source's crawl after this long (SIGINT, then SIGKILL after a grace); "
        "default NEWSMON_TIME_LIMIT in crawler/settings.py",
    )
    p.add_argument(
        "--memory-limit",
        type=_positive(int),
        metavar="MB",
        help="memory limit of one crawl (default MEMUSAGE_LIMIT_MB in crawler/settings.py)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=wait_default,
        metavar="SECONDS",
        help=f"wait this long for another crawl's lock on the database (default {wait_default:g})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsmon",
        description="Crawl news and prosecutor sites into SQLite; extract figures and dates.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    shared = _shared_options()
    db, sources, crawls = shared["db"], shared["sources"], shared["crawls"]

    p = sub.add_parser(
        "sources", parents=[sources], help="list and validate the configured sources"
    )
    p.add_argument(
        "--check",
        metavar="NAME",
        help="fetch the source's start pages and show what its patterns match, with a sample "
        "of 3 articles (writes nothing)",
    )
    p.set_defaults(func=commands.cmd_sources)

    p = sub.add_parser(
        "crawl", parents=[sources, db, crawls], help="crawl sources into the database"
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument(
        "--recrawl",
        action="store_true",
        help="fetch stored articles again (conditional requests) and keep old versions",
    )
    p.add_argument("--since", type=_iso_day, help="only articles published on or after this day")
    p.add_argument("--until", type=_iso_day, help="only articles published on or before this day")
    _add_limit_options(p, wait_default=0)
    distributed.add_crawl_options(p)
    p.set_defaults(func=commands.cmd_crawl)

    p = sub.add_parser(
        "run",
        parents=[sources, db, crawls],
        help="for cron: crawl every source that is due, once (exit 1 if any fails, 2 if locked)",
    )
    p.add_argument("--dry-run", action="store_true", help="only show which sources are due")
    p.add_argument("--quiet", action="store_true", help="print only when something failed")
    _add_limit_options(p, wait_default=0)
    p.set_defaults(func=commands.cmd_run)

    p = sub.add_parser(
        "schedule",
        parents=[sources, db, crawls],
        help="run as a service: each source on its own schedule (stop: SIGTERM)",
    )
    _add_limit_options(p, wait_default=3600)
    p.set_defaults(func=commands.cmd_schedule)

    p = sub.add_parser(
        "status",
        parents=[sources, db],
        help="per source: last run, last new article, counts, alarms (exit 1: alarm)",
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument("--quiet", action="store_true", help="print only when an alarm is raised")
    p.set_defaults(func=commands.cmd_status)

    p = sub.add_parser(
        "backup",
        parents=[db],
        help="a consistent copy of the database into FILE, also while a crawl runs",
    )
    p.add_argument("file", metavar="FILE", help="the copy to write (must not exist)")
    p.set_defaults(func=commands.cmd_backup)

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
    # it only reads its inputs and prints: nothing to close when it is done (see run())
    p.set_defaults(func=commands.cmd_extract, ends_without_teardown=True)

    p = sub.add_parser(
        "reextract", parents=[db], help="re-run extraction on stored raw pages, no download"
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.set_defaults(func=commands.cmd_reextract)

    p = sub.add_parser(
        "stats",
        parents=[db],
        help="official statistics of one indicator per region and period, as published",
    )
    p.add_argument("indicator", help="an indicator code of data/indicators.toml, e.g. drug_crimes")
    p.add_argument("--region", help="ISO 3166-2 region or country prefix, e.g. KZ or KZ-75")
    p.add_argument("--year", help="year of the reporting period")
    p.set_defaults(func=commands.cmd_stats)

    p = sub.add_parser(
        "watch",
        parents=[db],
        help="print what data/watches.toml caught since the last run (exit 3: something new)",
    )
    p.add_argument("--watches", help="watches TOML file (default data/watches.toml)")
    p.add_argument("--quiet", action="store_true", help="print only when something fired")
    p.set_defaults(func=commands.cmd_watch)

    p = sub.add_parser(
        "export", parents=[db], help="write facts and official statistics as CSV or Parquet"
    )
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--out", default="export", help="folder to write into (default ./export)")
    p.set_defaults(func=commands.cmd_export)

    p = sub.add_parser("demo", help="serve the bundled sample site on 127.0.0.1 and crawl it")
    p.add_argument(
        "--db",
        default=str(Path("data") / "demo.db"),
        help="database to fill (default data/demo.db)",
    )
    p.add_argument("--port", type=int, default=8765, help="port of the demo site (default 8765)")
    p.add_argument(
        "--distributed",
        action="store_true",
        help="crawl it with a local redis-server, two workers and the writer",
    )
    p.set_defaults(func=commands.cmd_demo)

    p = sub.add_parser("serve", parents=[db], help="browse the database in Datasette (read-only)")
    p.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--metadata", help="Datasette metadata file (default data/metadata.yml)")
    p.set_defaults(func=commands.cmd_serve)

    p = sub.add_parser(
        "search-index", parents=[db], help="fill the Russian search index (--rebuild: redo it)"
    )
    p.add_argument("--rebuild", action="store_true", help="re-index every article")
    p.set_defaults(func=commands.cmd_search_index)
    distributed.add_commands(sub, shared)  # worker, writer
    return parser


def main(argv: list[str] | None = None) -> int:
    return _dispatch(build_parser().parse_args(argv))


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except SourceError as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return 2
    except LockHeld as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return 2
    except DatabaseRefused as exc:  # not our file, newer, corrupt: it was not changed
        print(f"newsmon: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:  # disk full, I/O error, locked, read-only
        print(f"newsmon: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C outside a crawl (which handles its own): 128 + SIGINT
        print("newsmon: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The `newsmon` command. A command that only reads and prints (`extract`) ends without the
    interpreter's teardown: freeing the morphology's and the gazetteer's hundreds of thousands
    of objects one by one took a quarter of a second, a third of a one-page run. Its output and
    logs are flushed first; every other command exits as usual."""
    args = build_parser().parse_args()
    code = _dispatch(args)
    if getattr(args, "ends_without_teardown", False):
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    regex_cache.save()  # os._exit runs no atexit handler
    logging.shutdown()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `newsmon extract … | head`: the reader left early
        code = code or 1
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
