"""The command-line side of the cluster: `newsmon worker`, `newsmon writer`, and the
`--distributed` options of `newsmon crawl` and `newsmon demo` (crawler/cli.py adds them here)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

DEFAULT_REDIS = os.environ.get("NEWSMON_REDIS", "redis://127.0.0.1:6379/0")


def add_crawl_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--distributed",
        action="store_true",
        help="seed this run into Redis for `newsmon worker`s and wait for it (docs/distributed.md)",
    )
    p.add_argument("--redis", default=DEFAULT_REDIS, help=f"Redis URL (default {DEFAULT_REDIS})")


def crawl_distributed(args, request, sources, stop_on_signals) -> int:
    """`newsmon crawl --distributed`; stop_on_signals is crawler.cli's (no import cycle)."""
    from crawler import cli_guards as guards
    from crawler.distributed.coordinator import run_distributed

    if args.recrawl or args.since or args.until:
        print(
            "newsmon: --recrawl, --since and --until are not supported with --distributed",
            file=sys.stderr,
        )
        return 2
    with stop_on_signals() as stop:
        request.stop = stop
        runs = run_distributed(request, args.redis)
    guards.print_summary(runs, sources)
    return guards.exit_code(runs, stop)


def cmd_worker(args) -> int:
    from crawler.distributed.worker import run_worker

    return run_worker(args.redis, args.sources, args.names, dict(args.set or []))


def cmd_writer(args) -> int:
    from crawler.distributed.writer import Writer
    from pipelines.db import DEFAULT_DB

    writer = Writer(args.redis, Path(args.db) if args.db else DEFAULT_DB, batch=args.batch)
    print(f"newsmon writer: Redis {args.redis} -> {args.db or DEFAULT_DB}", flush=True)
    stop = threading.Event()  # SIGTERM/SIGINT: finish the item at hand, then stop
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    stored = writer.run(stop)
    print(f"newsmon writer: stopped after storing {stored} item(s)")
    return 0


def add_commands(sub, shared: dict) -> None:
    p = sub.add_parser(
        "worker",
        parents=[shared["sources"]],
        help="crawl from the shared Redis frontier (many machines; docs/distributed.md)",
    )
    p.add_argument("names", nargs="*", help="source names (default: all)")
    p.add_argument("--redis", default=DEFAULT_REDIS, help=f"Redis URL (default {DEFAULT_REDIS})")
    p.add_argument(
        "--set",
        action="append",
        type=_setting,
        metavar="NAME=VALUE",
        help="a Scrapy setting for this worker, e.g. --set CONCURRENT_REQUESTS=16",
    )
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser(
        "writer",
        parents=[shared["db"]],
        help="store what the workers found into the database (the one SQLite writer)",
    )
    p.add_argument("--redis", default=DEFAULT_REDIS, help=f"Redis URL (default {DEFAULT_REDIS})")
    p.add_argument("--batch", type=int, default=50, help="items taken at once (default 50)")
    p.set_defaults(func=cmd_writer)


def _setting(value: str) -> tuple[str, str]:
    if "=" not in value:
        raise argparse.ArgumentTypeError(f"{value!r}: expected NAME=VALUE")
    key, _, val = value.partition("=")
    return key.strip(), val.strip()
