"""Running crawls: each source in its own `scrapy crawl` child process.

A crash, hang or memory blow-up of one site's crawl cannot take the others down, every crawl
starts with a fresh Twisted reactor, and `scrapy crawl NAME` by hand runs exactly the same code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipelines.db import DEFAULT_DB, connect, write_transaction

LOGS_KEPT_PER_SOURCE = 30
PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    time_limit: float | None = None  # seconds per source; the child is killed past it


def _log_path(log_dir: Path, source: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = log_dir / source
    folder.mkdir(parents=True, exist_ok=True)
    logs = sorted(folder.glob("*.log"))
    for old in logs[: max(0, len(logs) - LOGS_KEPT_PER_SOURCE + 1)]:
        old.unlink(missing_ok=True)  # rotation: keep the newest runs' logs only
    return folder / f"{stamp}.log"


def scrapy_command(request: CrawlRequest, source: str, token: str, log_file: Path) -> list[str]:
    settings = {
        "NEWSMON_DB": str(request.db or DEFAULT_DB),
        "NEWSMON_RUN_TOKEN": token,
        "LOG_FILE": str(log_file),
        **({"NEWSMON_SOURCES": str(request.sources_file)} if request.sources_file else {}),
        **(request.settings or {}),
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


def run_crawls(request: CrawlRequest) -> list[dict]:
    """Crawl the sources (at most `jobs` at once); return their crawl_runs rows."""
    token = uuid.uuid4().hex
    db_path = Path(request.db or DEFAULT_DB)
    log_dir = request.log_dir or db_path.parent / "logs"
    pending = list(request.sources)
    running: dict[str, tuple[subprocess.Popen, float, Path]] = {}
    exits: dict[str, tuple[int, Path]] = {}
    while pending or running:
        while pending and len(running) < max(1, request.jobs):
            source = pending.pop(0)
            log_file = _log_path(log_dir, source)
            command = scrapy_command(request, source, token, log_file)
            process = subprocess.Popen(
                command, env=child_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            running[source] = (process, time.monotonic(), log_file)
        time.sleep(0.1)
        for source, (process, started, log_file) in list(running.items()):
            code = process.poll()
            if (
                code is None
                and request.time_limit
                and time.monotonic() - started > request.time_limit
            ):
                process.kill()
                code = process.wait()
                exits[source] = (code, log_file)
                del running[source]
                _record_dead_child(db_path, token, source, code, log_file, "time limit exceeded")
                continue
            if code is not None:
                stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
                exits[source] = (code, log_file)
                del running[source]
                if code != 0 or not _has_row(db_path, token, source):
                    _record_dead_child(db_path, token, source, code, log_file, stderr[-2000:])
    return runs_of(db_path, token, request.sources)


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
    db_path: Path, token: str, source: str, code: int, log_file: Path, detail: str
) -> None:
    """A child that died (or never started its crawl) still leaves a run row that says so."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    status = "interrupted" if code in (-2, -15) else "failed"
    reason = f"process exited with code {code}" + (f": {detail.strip()}" if detail.strip() else "")
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
                        "errors": 1,
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
