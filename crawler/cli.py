"""`newsmon`: the single entry point for users."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from datetime import UTC, date
from pathlib import Path

from crawler import cli_guards as guards
from crawler.distributed import cli as distributed
from crawler.lock import LockHeld
from crawler.sources import SourceError, load_sources, pattern_report
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


def cmd_sources(args) -> int:
    sources = load_sources(args.sources)
    if args.check:
        from crawler.sources_check import check_source

        source = guards.named_source(sources, args.check)
        return 2 if source is None else check_source(source)
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
        print(f"{'':24} {pattern_report(s)}")
    print(f"{len(sources)} sources, all valid ({args.sources or 'data/sources.toml'})")
    return 0


def cmd_crawl(args) -> int:
    from crawler.runner import CrawlRequest, run_crawls

    sources = load_sources(args.sources)  # validate before anything is fetched
    names = args.names or [s.name for s in sources]
    unknown = sorted(set(names) - {s.name for s in sources})
    if unknown:
        guards.unknown_sources(unknown, [s.name for s in sources])
        return 2
    if not guards.db_folder_usable(args):
        return 2
    if args.since and args.until and args.since > args.until:
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
        time_limit=args.time_limit,
        memory_limit_mb=args.memory_limit,
        lock_wait=args.wait,
        command="newsmon crawl" + (" --recrawl" if args.recrawl else ""),
    )
    if not _settings_usable(request):
        return 2
    if args.distributed:  # the cluster crawls; this process seeds and records (crawler/distributed)
        from crawler.distributed.cli import crawl_distributed

        return crawl_distributed(args, request, sources, stop_on_signals)
    with stop_on_signals() as stop:
        request.stop = stop
        runs = run_crawls(request)  # takes the crawl lock (LockHeld: exit status 2)
    guards.print_summary(runs, sources)
    return guards.exit_code(runs, stop)


@contextlib.contextmanager
def stop_on_signals():
    """SIGINT/SIGTERM set the yielded event: crawls get one SIGINT each and stop cleanly."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, _frame):
        name = signal.Signals(signum).name
        if stop.is_set():
            print(f"newsmon: {name}: still stopping (crawls are killed after the grace time)")
        else:
            print(f"newsmon: {name}: stopping; crawls finish their in-flight items", flush=True)
            stop.signum = signum  # the exit status says so: 128 + signal (Ctrl-C: 130)
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def cmd_run(args) -> int:
    """For system cron: crawl every due source once. 0 all succeeded, 1 any did not, 2 locked."""
    from crawler.lock import CrawlLock
    from crawler.runner import CrawlRequest, due_plan, run_due
    from pipelines.db import DEFAULT_DB, refuse_if_not_ours

    sources = load_sources(args.sources)
    if not guards.db_folder_usable(args):
        return 2
    db_path = Path(args.db) if args.db else DEFAULT_DB
    if args.dry_run:  # no lock taken, nothing changed
        _print_plan(due_plan(db_path, sources, close_abandoned=False))
        return 0
    request = CrawlRequest(
        sources=[],
        sources_file=Path(args.sources) if args.sources else None,
        db=db_path,
        settings=dict(args.set or []),
        jobs=args.jobs,
        time_limit=args.time_limit,
        memory_limit_mb=args.memory_limit,
        command="newsmon run",
    )
    if not _settings_usable(request):
        return 2
    refuse_if_not_ours(db_path)  # before the lock file is made next to it
    request.lock = CrawlLock(db_path, "newsmon run").acquire(args.wait)
    try:
        with stop_on_signals() as stop:
            request.stop = stop
            schedule, runs = run_due(request, sources, None if args.quiet else _print_plan)
    finally:
        request.lock.release()
    due = [d.source for d in schedule if d.due]
    if not due:
        if not args.quiet:
            print("nothing is due")
        return 0
    succeeded = {r["source"] for r in runs if r["status"] in ("ok", "partial")}
    failed = [name for name in due if name not in succeeded]
    if failed or not args.quiet:
        guards.print_summary(runs, sources)
    if failed:
        print(f"newsmon run: not successful: {', '.join(failed)}", file=sys.stderr)
    if getattr(stop, "signum", None):
        return 128 + stop.signum
    return 1 if failed else 0


def _print_plan(schedule) -> None:
    for d in schedule:
        when = d.next_time.astimezone(UTC)
        state = "due" if d.due else f"next {when:%Y-%m-%d %H:%M} UTC"
        print(f"{d.source:24} {state:26} {d.reason}")


def _settings_usable(request) -> bool:
    """The limits the parent reads from the settings (--set included) are numbers; else say so."""
    from crawler.backstops import SettingError, effective_limits

    try:
        effective_limits(request)
    except SettingError as exc:
        print(f"newsmon: --set {exc}", file=sys.stderr)
        return False
    return True


def cmd_schedule(args) -> int:
    from crawler.runner import CrawlRequest
    from pipelines.db import DEFAULT_DB
    from scheduler import ServiceConfig, serve

    sources = load_sources(args.sources)
    limits = CrawlRequest([], settings=dict(args.set or []), time_limit=args.time_limit)
    if not _settings_usable(limits) or not guards.db_folder_usable(args):
        return 2
    return serve(
        ServiceConfig(
            sources=sources,
            sources_file=Path(args.sources) if args.sources else None,
            db=Path(args.db) if args.db else DEFAULT_DB,
            jobs=args.jobs,
            settings=dict(args.set or []),
            time_limit=args.time_limit,
            memory_limit_mb=args.memory_limit,
            lock_wait=args.wait,
        )
    )


def cmd_status(args) -> int:
    from crawler.distributed.writer import workers_lines
    from crawler.due import plan
    from crawler.health import health_rows, status_table
    from pipelines.db import connect

    db_path = guards.existing_db(args)
    if db_path is None:
        return 2
    sources = load_sources(args.sources) if args.sources or not args.db else None
    db = connect(db_path, readonly=True)  # status never changes the file
    try:
        if not guards.names_known(args, db):
            return 2
        rows = health_rows(db, args.names or None)
        schedule = plan(sources, db) if sources else []
        cluster = workers_lines(db)  # the distributed workers seen, when there are any
    finally:
        db.close()
    alarms = sum(1 for r in rows if r["alarm_count"])
    if alarms or not args.quiet:
        print("\n".join([status_table(rows, schedule, args.names or None), *cluster]))
    return 1 if alarms else 0


def cmd_backup(args) -> int:
    from pipelines.db import DEFAULT_DB, backup_database

    db_path = Path(args.db) if args.db else DEFAULT_DB
    try:
        articles = backup_database(db_path, args.file)
    except (FileExistsError, FileNotFoundError) as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return 2
    print(f"{db_path} copied to {args.file} ({articles} articles; quick_check ok)")
    return 0


def cmd_extract(args) -> int:
    from crawler.extract_command import extract_inputs

    return extract_inputs(
        args.inputs, text=args.text, timezone=args.timezone, published=args.published
    )


def cmd_reextract(args) -> int:
    from pipelines.reextract import reextract

    db_path = guards.existing_db(args)
    if db_path is None or not guards.names_known_in(args, db_path):
        return 2
    counts = reextract(db_path, args.names or None)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_stats(args) -> int:
    from crawler.stats_command import stats

    return stats(args.db, args.indicator, args.region or "", args.year or "")


def cmd_watch(args) -> int:
    from crawler.watch_command import watch

    return watch(args.db, args.watches, quiet=args.quiet)


def cmd_export(args) -> int:
    from crawler.export_command import export

    return export(args.db, args.format, Path(args.out))


def cmd_demo(args) -> int:
    from crawler.demo.run import run_demo

    return run_demo(Path(args.db), args.port, distributed=args.distributed)


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
    p.set_defaults(func=cmd_sources)

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
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser(
        "run",
        parents=[sources, db, crawls],
        help="for cron: crawl every source that is due, once (exit 1 if any fails, 2 if locked)",
    )
    p.add_argument("--dry-run", action="store_true", help="only show which sources are due")
    p.add_argument("--quiet", action="store_true", help="print only when something failed")
    _add_limit_options(p, wait_default=0)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "schedule",
        parents=[sources, db, crawls],
        help="run as a service: each source on its own schedule (stop: SIGTERM)",
    )
    _add_limit_options(p, wait_default=3600)
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser(
        "status",
        parents=[sources, db],
        help="per source: last run, last new article, counts, alarms (exit 1: alarm)",
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument("--quiet", action="store_true", help="print only when an alarm is raised")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "backup",
        parents=[db],
        help="a consistent copy of the database into FILE, also while a crawl runs",
    )
    p.add_argument("file", metavar="FILE", help="the copy to write (must not exist)")
    p.set_defaults(func=cmd_backup)

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

    p = sub.add_parser(
        "reextract", parents=[db], help="re-run extraction on stored raw pages, no download"
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser(
        "stats",
        parents=[db],
        help="official statistics of one indicator per region and period, as published",
    )
    p.add_argument("indicator", help="an indicator code of data/indicators.toml, e.g. drug_crimes")
    p.add_argument("--region", help="ISO 3166-2 region or country prefix, e.g. KZ or KZ-75")
    p.add_argument("--year", help="year of the reporting period")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "watch",
        parents=[db],
        help="print what data/watches.toml caught since the last run (exit 3: something new)",
    )
    p.add_argument("--watches", help="watches TOML file (default data/watches.toml)")
    p.add_argument("--quiet", action="store_true", help="print only when something fired")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser(
        "export", parents=[db], help="write facts and official statistics as CSV or Parquet"
    )
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--out", default="export", help="folder to write into (default ./export)")
    p.set_defaults(func=cmd_export)

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
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", parents=[db], help="browse the database in Datasette (read-only)")
    p.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--metadata", help="Datasette metadata file (default data/metadata.yml)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "search-index", parents=[db], help="fill the Russian search index (--rebuild: redo it)"
    )
    p.add_argument("--rebuild", action="store_true", help="re-index every article")
    p.set_defaults(func=cmd_search_index)
    distributed.add_commands(sub, shared)  # worker, writer
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
