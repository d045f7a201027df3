"""What the `newsmon` commands check before they act, and how they end: unknown source names
and missing databases are errors that say what is valid, a --db in a missing folder is refused
without --create, and a crawl stopped by a signal exits 128 + the signal (Ctrl-C: 130)."""

from __future__ import annotations

import sys
from pathlib import Path

from crawler.sources import SourceError, load_sources


def named_source(sources, name: str):
    """The source called `name`, or None after an error that names the valid ones."""
    for source in sources:
        if source.name == name:
            return source
    unknown_sources([name], [s.name for s in sources])
    return None


def unknown_sources(names, valid) -> None:
    print(
        f"newsmon: unknown source(s): {', '.join(names)} "
        f"(valid: {', '.join(sorted(valid)) or 'none'})",
        file=sys.stderr,
    )


def db_folder_usable(args) -> bool:
    """A --db in a folder that does not exist is a typo until --create says otherwise; the
    default data/ folder is made as needed."""
    if not args.db or Path(args.db).parent.is_dir():
        return True
    if getattr(args, "create", False):
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        return True
    print(
        f"newsmon: the folder of --db {args.db} does not exist; check the path, or pass "
        "--create to make it",
        file=sys.stderr,
    )
    return False


def existing_db(args) -> Path | None:
    """The database a reading command works on; None after an error when there is none (a
    reading command never creates an empty one)."""
    from pipelines.db import DEFAULT_DB

    path = Path(args.db) if args.db else DEFAULT_DB
    if path.is_file():
        return path
    configured = configured_names(args)
    hint = f" (configured sources: {', '.join(configured)})" if configured else ""
    print(
        f"newsmon: no database at {path}: nothing crawled there yet; crawl first with "
        f"newsmon crawl{' --db ' + str(path) if args.db else ''}{hint}",
        file=sys.stderr,
    )
    return None


def configured_names(args) -> list[str]:
    """The sources file's names, when it goes with the database: given with --sources, or the
    default file with the default database (as `status` reads them)."""
    if args.db and not getattr(args, "sources", None):
        return []
    try:
        return [s.name for s in load_sources(getattr(args, "sources", None))]
    except SourceError:
        return []


def names_known(args, db) -> bool:
    """The names given exist in the database or the sources file; else an error naming both."""
    if not args.names:
        return True
    valid = {r["name"] for r in db["sources"].rows} | set(configured_names(args))
    unknown = [n for n in args.names if n not in valid]
    if unknown:
        unknown_sources(unknown, valid)
    return not unknown


def exit_code(runs, stop) -> int:
    """128 + the signal that stopped the crawl (Ctrl-C: 130), else 1 when a source failed."""
    if getattr(stop, "signum", None):
        return 128 + stop.signum
    return 1 if any(r["status"] == "failed" for r in runs) else 0


def print_summary(runs, sources) -> None:
    from crawler.health import run_warnings
    from crawler.runner import summary_table

    print(summary_table(runs))
    for line in run_warnings(runs, sources):
        print(line)


def names_known_in(args, db_path: Path) -> bool:
    from pipelines.db import connect

    db = connect(db_path)
    try:
        return names_known(args, db)
    finally:
        db.close()
