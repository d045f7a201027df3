"""`newsmon watch`: what the watches of data/watches.toml caught since the last run.

Prints each new hit (the watch, the value, the quote, when and where it was published, the
articles that state it) and, when the watches file lists `notify` URLs, pushes the same text
through apprise. Exit status for cron mail: 0 nothing new, 3 something fired, 2 a bad file.
Delivery is at least once (pipelines/watches.py): a run killed between delivering and recording
delivers its hits again next time, marked as a possible repeat.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.db import DEFAULT_DB, connect
from pipelines.watches import (
    Hit,
    WatchError,
    load_notify_urls,
    load_watches,
    run_watches,
)

EXIT_FIRED = 3


def hit_text(hit: Hit, title: str) -> str:
    repeat = "  (repeat: the previous run stopped before confirming it)" if hit.repeat else ""
    lines = [
        f"[{hit.watch}] {title}{repeat}",
        f"  {hit.shown_value}  {hit.region or '?'}  «{hit.quote or ''}»  (fact {hit.fact_id})",
        f"  {hit.detail}; first published {hit.when or '?'}",
    ]
    for src in hit.sources:
        lines.append(f"    {src['source']}  {src['published_at'] or '?'}  {src['url']}")
    return "\n".join(lines)


def push(urls: list[str], subject: str, body: str) -> bool:
    """Send through apprise; False (and a message) when it is missing or every push fails."""
    try:
        import apprise
    except ImportError:
        print("newsmon watch: notify URLs are set but apprise is not installed", file=sys.stderr)
        return False
    app = apprise.Apprise()
    for url in urls:
        app.add(url)
    ok = bool(app.notify(title=subject, body=body))
    if not ok:
        print("newsmon watch: the push through apprise failed", file=sys.stderr)
    return ok


def watch(db_path: str | None, watches_path: str | None, quiet: bool = False) -> int:
    try:
        watches = load_watches(watches_path)
        urls = load_notify_urls(watches_path)
    except WatchError as exc:
        print(f"newsmon watch: {exc}", file=sys.stderr)
        return 2
    if not watches:
        where = watches_path or "data/watches.toml"
        print(f"newsmon watch: no watches in {where}", file=sys.stderr)
        return 2
    path = Path(db_path) if db_path else DEFAULT_DB
    if not path.exists():
        print(f"newsmon watch: no database at {path} (nothing crawled yet?)", file=sys.stderr)
        return 2
    titles = {w.name: w.title for w in watches}

    def deliver(hits: list[Hit]) -> None:
        text = "\n\n".join(hit_text(h, titles[h.watch]) for h in hits)
        print(text, flush=True)
        if urls:
            push(urls, f"newsmon: {len(hits)} new on your watches", text)

    db = connect(path)
    try:
        hits = run_watches(db, watches, deliver)
    finally:
        db.close()
    if not hits:
        if not quiet:
            print(f"nothing new on {len(watches)} watches")
        return 0
    print(f"\n{len(hits)} new on {len({h.watch for h in hits})} of {len(watches)} watches")
    return EXIT_FIRED
