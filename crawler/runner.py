"""Running crawls: each source in its own `scrapy crawl` child process.

A crash, hang or memory blow-up of one site's crawl cannot take the others down, every crawl
starts with a fresh Twisted reactor, and `scrapy crawl NAME` by hand runs exactly the same code.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import sqlite_utils

from crawler.backstops import Limits, effective_limits
from crawler.due import Due, plan
from crawler.lock import CrawlLock, SharedCrawlLock, pid_alive
from crawler.sources import Source
from pipelines.db import (
    DEFAULT_DB,
    StorageError,
    connect,
    refuse_if_not_ours,
    write_transaction,
)
from pipelines.paths import PROJECT_ROOT

LOGS_KEPT_PER_SOURCE = 30


@dataclass
class CrawlRequest:
    sources: list[str]
    sources_file: Path | None = None
    db: Path | None = None
    recrawl: bool = False
    since: str | None = None
    until: str | None = None
    settings: dict[str, str] | None = None
    jobs: int = 2
    log_dir: Path | None = None
    # seconds per source: then SIGINT, and SIGKILL kill_grace seconds later (None: settings)
    time_limit: float | None = None
    kill_grace: float | None = None
    memory_limit_mb: int | None = None  # the child's MEMUSAGE_LIMIT_MB (None: settings)
    stop: threading.Event | None = None  # set it to stop gracefully (crawls in flight finish)
    lock: CrawlLock | SharedCrawlLock | None = None  # held by the caller; None: run_crawls takes it
    lock_wait: float = 0  # seconds to wait for the lock when run_crawls takes it
    command: str | None = None  # how the lock holder is described to a refused caller


def _log_path(log_dir: Path, source: str, token: str = "") -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = log_dir / source
    folder.mkdir(parents=True, exist_ok=True)
    logs = sorted(folder.glob("*.log"))
    for old in logs[: max(0, len(logs) - LOGS_KEPT_PER_SOURCE + 1)]:
        old.unlink(missing_ok=True)  # rotation: keep the newest runs' logs only
    return folder / (f"{stamp}-{token[:8]}.log" if token else f"{stamp}.log")


def scrapy_command(request: CrawlRequest, source: str, token: str, log_file: Path) -> list[str]:
    settings = {
        "NEWSMON_DB": str(request.db or DEFAULT_DB),
        "NEWSMON_RUN_TOKEN": token,
        "LOG_FILE": str(log_file),
        "NEWSMON_PARENT_PID": str(os.getpid()),
        **({"NEWSMON_SOURCES": str(request.sources_file)} if request.sources_file else {}),
        **(request.settings or {}),
        **({"MEMUSAGE_LIMIT_MB": str(request.memory_limit_mb)} if request.memory_limit_mb else {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", source]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    if request.recrawl:
        command += ["-a", "recrawl=1"]
    for key in ("since", "until"):
        if getattr(request, key):
            command += ["-a", f"{key}={getattr(request, key)}"]
    return command


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "crawler.settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


@dataclass
class _Child:
    source: str
    process: subprocess.Popen
    started: float
    log_file: Path
    stderr: IO[bytes]
    stop_sent_at: float | None = None
    stopped_for: str | None = None  # "time_limit" or "stop"
    killed: tuple[str, str] | None = None  # (status, reason) when the parent had to kill it


def run_crawls(request: CrawlRequest) -> list[dict]:
    """Crawl the sources (at most `jobs` at once) under the crawl lock; return their crawl_runs
    rows. Raises crawler.lock.LockHeld when another process crawls into the same database."""
    db_path = Path(request.db or DEFAULT_DB)
    refuse_if_not_ours(db_path)  # before the lock file is made next to it
    own_lock = None
    lock = request.lock
    if lock is None:
        own_lock = lock = CrawlLock(db_path, request.command).acquire(request.lock_wait)
    try:
        close_abandoned_runs(db_path)
        return _run_children(request, db_path, lock)
    finally:
        if own_lock is not None:
            own_lock.release()


def due_plan(
    db_path: Path, sources: list[Source], now: datetime | None = None, *, close_abandoned=True
) -> list[Due]:
    """Which sources are due now, and when the others are next (crawler/due.py). Runs left
    'running' by a dead crawl are closed first, so they count as the failed attempts they were;
    a dry run, which holds no crawl lock, leaves them (close_abandoned=False) and opens the
    database read-only (or not at all when there is none)."""
    if close_abandoned:
        close_abandoned_runs(db_path)
        db = connect(db_path)
    elif not Path(db_path).exists():  # a dry run creates nothing: no database, no history
        db = sqlite_utils.Database(memory=True)
        db["crawl_runs"].create({"source": str, "started_at": str, "status": str})
    else:  # a dry run changes nothing either: read-only, not migrated
        db = connect(db_path, readonly=True)
    try:
        return plan(sources, db, now)
    finally:
        db.close()


def run_due(
    request: CrawlRequest, sources: list[Source], on_plan: Callable[[list[Due]], None] | None = None
) -> tuple[list[Due], list[dict]]:
    """What is due, crawled once (`newsmon run`): the plan of `sources` (shown to `on_plan`
    before anything is fetched), then a crawl of the due ones; request.sources is ignored.
    The caller holds the crawl lock (request.lock). Returns the plan and the crawl_runs rows."""
    schedule = due_plan(Path(request.db or DEFAULT_DB), sources)
    if on_plan is not None:
        on_plan(schedule)
    due = [d.source for d in schedule if d.due]
    return schedule, (run_crawls(replace(request, sources=due)) if due else [])


def _run_children(request: CrawlRequest, db_path: Path, lock) -> list[dict]:
    token = uuid.uuid4().hex
    log_dir = request.log_dir or db_path.parent / "logs"
    limits = effective_limits(request)
    pending = list(request.sources)
    running: dict[str, _Child] = {}
    failed_to_record: set[str] = set()
    while pending or running:
        stopping = request.stop is not None and request.stop.is_set()
        if stopping:
            pending.clear()  # a stop request starts nothing new
        while pending and len(running) < max(1, request.jobs):
            source = pending.pop(0)
            running[source] = _start_child(request, source, token, log_dir, lock)
        if stopping:
            for child in running.values():
                _ask_to_stop(child, "stop")
        if request.stop is not None:
            request.stop.wait(0.1)
        else:
            time.sleep(0.1)
        for source, child in list(running.items()):
            code = child.process.poll()
            if code is None:
                _police(child, limits)
                continue
            del running[source]
            try:
                _finish_child(db_path, token, child, code, limits)
            except StorageError as exc:
                # The row stays as the child left it; the next crawl closes it
                # (close_abandoned_runs). Said here so that nobody takes it for success.
                print(f"newsmon: {child.source}: run record not closed: {exc}", file=sys.stderr)
                failed_to_record.add(source)
    runs = runs_of(db_path, token, request.sources)
    for run in runs:
        if run["source"] in failed_to_record and run["status"] == "running":
            run["status"] = "failed"
            run["finish_reason"] = "the run record could not be written (storage failure)"
    return runs


def _start_child(request: CrawlRequest, source: str, token: str, log_dir: Path, lock) -> _Child:
    log_file = _log_path(log_dir, source, token)
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _finish_child)
    process = subprocess.Popen(
        scrapy_command(request, source, token, log_file),
        env=child_environment(),
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        # The child keeps the crawl lock alive if this process dies before it.
        pass_fds=(lock.fileno(),),
        # Its own process group: a Ctrl-C in the terminal reaches this process only, which
        # then asks each child exactly once (a second SIGINT makes Scrapy stop uncleanly).
        process_group=0,
    )
    return _Child(source, process, time.monotonic(), log_file, stderr)


def _ask_to_stop(child: _Child, why: str) -> None:
    """SIGINT: Scrapy finishes the items in flight and closes with reason 'shutdown'."""
    if child.stop_sent_at is not None:
        return
    child.stop_sent_at = time.monotonic()
    child.stopped_for = why
    with contextlib.suppress(ProcessLookupError):
        child.process.send_signal(signal.SIGINT)


def _kill(child: _Child, status: str, reason: str) -> None:
    if child.killed is None:
        child.killed = (status, reason)
    with contextlib.suppress(ProcessLookupError):
        child.process.kill()


def resident_mb(pid: int) -> float | None:
    """Resident memory of a process (Linux /proc); None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _police(child: _Child, limits: Limits) -> None:
    """Enforce the limits on a running child: memory first (a blow-up cannot wait), then time."""
    if child.killed:
        return
    rss = resident_mb(child.process.pid) if limits.memory_hard_mb else None
    if rss is not None and limits.memory_hard_mb and rss > limits.memory_hard_mb:
        _kill(
            child,
            "failed",
            f"memory limit exceeded: {rss:.0f} MB resident > {limits.memory_hard_mb} MB "
            f"(limit {limits.memory_mb} MB); killed with SIGKILL",
        )
        return
    elapsed = time.monotonic() - child.started
    if limits.time_limit and child.stop_sent_at is None and elapsed > limits.time_limit:
        _ask_to_stop(child, "time_limit")
    if child.stop_sent_at is not None and time.monotonic() - child.stop_sent_at > limits.kill_grace:
        if child.stopped_for == "time_limit":
            _kill(
                child,
                "failed",
                f"time limit of {limits.time_limit:g} s exceeded; did not stop within "
                f"{limits.kill_grace:g} s of SIGINT; killed with SIGKILL",
            )
        else:
            _kill(
                child,
                "interrupted",
                f"asked to stop; did not stop within {limits.kill_grace:g} s of SIGINT; "
                "killed with SIGKILL",
            )


def _finish_child(db_path: Path, token: str, child: _Child, code: int, limits: Limits) -> None:
    child.stderr.seek(0)
    stderr = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    if stderr.strip():
        with contextlib.suppress(OSError), child.log_file.open("a", encoding="utf-8") as log:
            log.write(f"\n--- stderr of the crawl process (exit code {code}) ---\n{stderr}")
    status = _row_status(db_path, token, child.source)
    if child.killed:
        _record_dead_child(db_path, token, child.source, code, child.log_file, *child.killed)
    elif child.stopped_for == "time_limit" and status not in (None, "running"):
        _mark_time_limited(db_path, token, child.source, limits)
    elif code != 0 or status in (None, "running"):
        detail = stderr.strip() or last_log_line(child.log_file)
        if child.stopped_for == "time_limit":
            outcome = "failed"
            reason = f"time limit of {limits.time_limit:g} s exceeded; process exited"
        elif child.stopped_for == "stop" and code == 0 and status is None:
            outcome, reason, detail = "interrupted", "asked to stop before the crawl began", ""
        elif child.stopped_for == "stop" and code == 0:
            # Asked to stop, it exited cleanly but its own closing write did not land (what
            # it said is in its log): the run stopped on request all the same.
            outcome, reason, detail = "interrupted", "shutdown", ""
        else:
            stopped = code in (-2, -15) or child.stopped_for == "stop"
            outcome = "interrupted" if stopped else "failed"
            reason = "process exited"
        if detail or code != 0:
            reason += f" with code {code}" + (f": {detail[-2000:]}" if detail else "")
        _record_dead_child(db_path, token, child.source, code, child.log_file, outcome, reason)


def _row_status(db_path: Path, token: str, source: str) -> str | None:
    db = connect(db_path)
    try:
        row = db.execute(
            "select status from crawl_runs where token = ? and source = ?", [token, source]
        ).fetchone()
        return row[0] if row else None
    finally:
        db.close()


def _mark_time_limited(db_path: Path, token: str, source: str, limits: Limits) -> None:
    """A crawl stopped by the time limit that closed cleanly: partial, like closespider_*."""
    db = connect(db_path)
    try:
        with write_transaction(db):
            row = db.execute(
                "select id, status, finish_reason, limits_hit from crawl_runs "
                "where token = ? and source = ?",
                [token, source],
            ).fetchone()
            run_id, status, reason, limits_hit = row
            hit = json.loads(limits_hit or "{}") | {"time_limit": 1}
            db["crawl_runs"].update(
                run_id,
                {
                    "status": "partial" if status in ("interrupted", "ok") else status,
                    "finish_reason": f"time limit of {limits.time_limit:g} s reached: "
                    f"stopped with SIGINT (Scrapy reason: {reason})",
                    "limits_hit": json.dumps(hit, sort_keys=True),
                },
            )
    finally:
        db.close()


def _crawl_process_alive(pid: int, source: str) -> bool:
    """Is `pid` still the `scrapy crawl SOURCE` that opened a run (and not a reused pid)?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: fall back to "some process has this pid"
        return pid_alive(pid)
    return b"scrapy" in b" ".join(cmdline) and source.encode() in cmdline


def close_abandoned_runs(db_path: Path) -> int:
    """Runs left 'running' by a crawl process that no longer exists (SIGKILL, out-of-memory
    killer, power cut) are closed as failed, so the record says what happened. Called under the
    crawl lock, before new crawls start; returns how many were closed."""
    db = connect(db_path)
    closed = 0
    try:
        with write_transaction(db):
            rows = db.execute(
                "select id, pid, source from crawl_runs where status = 'running'"
            ).fetchall()
            for run_id, pid, source in rows:
                if pid and _crawl_process_alive(pid, source):
                    continue
                db["crawl_runs"].update(
                    run_id,
                    {
                        "status": "failed",
                        "finish_reason": f"the crawl process (pid {pid}) ended without closing "
                        "its run record: killed (SIGKILL, out of memory, power loss) or crashed; "
                        f"noticed at {datetime.now(UTC).isoformat(timespec='seconds')}",
                    },
                )
                closed += 1
    finally:
        db.close()
    return closed


def last_log_line(log_file: Path) -> str:
    """The last line of a crawl's log: for a crashed child, usually the exception."""
    try:
        lines = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def _has_row(db_path: Path, token: str, source: str) -> bool:
    db = connect(db_path)
    try:
        return bool(
            db.execute(
                "select 1 from crawl_runs where token = ? and source = ?", [token, source]
            ).fetchone()
        )
    finally:
        db.close()


def _record_dead_child(
    db_path: Path, token: str, source: str, code: int, log_file: Path, status: str, reason: str
) -> None:
    """A child that died (or never started its crawl) still leaves a run row that says so."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db = connect(db_path)
    try:
        with write_transaction(db):
            row = db.execute(
                "select id from crawl_runs where token = ? and source = ? and status = 'running'",
                [token, source],
            ).fetchone()
            if row:
                db["crawl_runs"].update(
                    row[0], {"status": status, "finish_reason": reason, "finished_at": now}
                )
            elif not db.execute(
                "select 1 from crawl_runs where token = ? and source = ?", [token, source]
            ).fetchone():
                db["crawl_runs"].insert(
                    {
                        "token": token,
                        "source": source,
                        "started_at": now,
                        "finished_at": now,
                        "status": status,
                        "finish_reason": reason,
                        "log_file": str(log_file),
                        "pages": 0,
                        "errors": 1 if status == "failed" else 0,
                    }
                )
    finally:
        db.close()


def runs_of(db_path: Path, token: str, sources: list[str]) -> list[dict]:
    db = connect(db_path)
    try:
        rows = list(db.query("select * from crawl_runs where token = ? order by id", [token]))
    finally:
        db.close()
    order = {name: i for i, name in enumerate(sources)}
    return sorted(rows, key=lambda r: order.get(r["source"], len(order)))


def summary_table(runs: list[dict]) -> str:
    """The one-screen summary printed at the end of `newsmon crawl`."""
    header = ["source", "status", "pages", "new", "updated", "unchanged", "figures", "errors"]
    rows = [header]
    for run in runs:
        rows.append(
            [
                run["source"],
                run["status"],
                *(
                    str(run.get(k) or 0)
                    for k in (
                        "pages",
                        "articles_new",
                        "articles_updated",
                        "articles_unchanged",
                        "figures",
                        "errors",
                    )
                ),
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for run in runs:
        if run["status"] not in ("ok",):
            lines.append(f"{run['source']}: {run['status']} ({run.get('finish_reason') or ''})")
        if run.get("error_kinds"):
            lines.append(f"{run['source']} errors by kind: {run['error_kinds']}")
    return "\n".join(lines)
