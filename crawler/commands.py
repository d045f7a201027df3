"""The `newsmon` subcommands: each `cmd_NAME(args)` runs one command of the parsed command line
(crawler/cli.py builds the parser and maps each subcommand here) and returns its exit status."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from datetime import UTC
from pathlib import Path

from crawler import cli_guards as guards
from crawler.sources import load_sources, pattern_report


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
    import gc

    # The chain's modules load the morphology, word lists and rules: some 170,000 objects that
    # live as long as the process. The collector's passes over them while they load cost 50-80
    # ms of a one-page run; paused, then frozen out of its reach, they are traversed by none.
    gc.disable()
    try:
        from crawler.extract_command import extract_inputs
    finally:
        gc.freeze()
        gc.enable()
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
    failed = counts.get("with a failed step", 0)
    if failed:
        # stored all the same: a script should still hear of it
        print(
            f"newsmon reextract: {failed} article(s) stored without the findings of a step that"
            " failed on them; see articles.step_errors and the log",
            file=sys.stderr,
        )
        return 1
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
