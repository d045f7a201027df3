"""`newsmon schedule`: the long-running service that crawls each source on its own schedule.

* one APScheduler job per source, on the source's `schedule` (crawler/due.py: cron syntax,
  `daily` by default with a per-source time plus jitter, so sites are not hit at the same
  minute); missed runs are coalesced into one, a run late by more than MISFIRE_GRACE is skipped
  until the next time, and a source never runs twice at once;
* on start it catches up: every source that is due (a scheduled time has passed since its last
  successful run, or it never had one) runs now;
* each crawl is a `scrapy crawl` child with time and memory limits (crawler/runner.py), under
  the crawl lock shared with `newsmon run` and `newsmon crawl` (crawler/lock.py). The lock is
  held only while a crawl runs: a manual crawl can run between scheduled ones, and a scheduled
  crawl that finds the lock taken waits for it (up to --lock-wait seconds);
* SIGHUP reloads the sources file (Service.reload); a file that does not validate is logged
  and the sources in use are kept;
* SIGTERM, SIGINT (and SIGQUIT, SIGUSR1, SIGUSR2) stop it gracefully, logged by name: no
  new crawl starts, running crawls get one SIGINT
  (Scrapy stores the items in flight and closes with reason 'shutdown', recorded as
  `interrupted`), and a crawl that does not stop within the kill grace is killed.

Under systemd use KillMode=mixed (docs/operations.md): SIGTERM to this process only, which
forwards it; a second signal sent straight to a crawl would make Scrapy stop uncleanly.
"""

from __future__ import annotations

import logging
import logging.handlers
import signal
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from crawler.due import trigger_for
from crawler.lock import LockHeld, SharedCrawlLock
from crawler.runner import CrawlRequest, due_plan, run_crawls, summary_table
from crawler.sources import DEFAULT_SOURCES, Source, SourceError, load_sources
from pipelines.db import DEFAULT_DB

LOG = logging.getLogger("newsmon.schedule")
MISFIRE_GRACE = 3600  # seconds a scheduled run may start late (e.g. after a suspend)
LOCK_WAIT = 3600  # seconds a scheduled crawl waits for a crawl of another process
LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
# Signals that stop the service gracefully, each logged by name; SIGHUP reloads the sources.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


@dataclass
class ServiceConfig:
    sources: list[Source]
    sources_file: Path | None = None
    db: Path = DEFAULT_DB
    jobs: int = 2
    settings: dict[str, str] = field(default_factory=dict)
    time_limit: float | None = None
    memory_limit_mb: int | None = None
    lock_wait: float = LOCK_WAIT
    log_dir: Path | None = None


class Service:
    def __init__(self, config: ServiceConfig):
        self.config = config
        self.stop = threading.Event()
        self.lock = SharedCrawlLock(config.db, "newsmon schedule")
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max(1, config.jobs))},
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": MISFIRE_GRACE,
                "max_instances": 1,
            },
        )
        self.jobs: dict = {}  # source name -> its APScheduler job

    def add_jobs(self, now: datetime | None = None) -> list[str]:
        """One job per source; due sources start now. Returns the names caught up."""
        now = now or datetime.now(UTC)
        due = {d.source: d for d in due_plan(self.config.db, self.config.sources, now)}
        caught_up = []
        for source in self.config.sources:
            options = {}
            if due[source.name].due:
                options["next_run_time"] = now
                caught_up.append(source.name)
            self.jobs[source.name] = self.scheduler.add_job(
                self.crawl,
                trigger_for(source, jitter=True),
                args=[source.name],
                id=source.name,
                name=f"crawl {source.name}",
                **options,
            )
        return caught_up

    def crawl(self, name: str) -> None:
        """One scheduled crawl. Never raises: a failure is logged and recorded, the service
        and the other sources go on."""
        if self.stop.is_set():
            return
        try:
            self.lock.acquire(wait=self.config.lock_wait, stop=self.stop)
        except LockHeld as exc:
            if not self.stop.is_set():
                LOG.warning("%s: not crawled this time: %s", name, exc)
            return
        try:
            if self.stop.is_set():
                return
            LOG.info("%s: crawl starts", name)
            runs = run_crawls(
                CrawlRequest(
                    sources=[name],
                    sources_file=self.config.sources_file,
                    db=self.config.db,
                    settings=self.config.settings,
                    jobs=1,
                    log_dir=self.config.log_dir,
                    time_limit=self.config.time_limit,
                    memory_limit_mb=self.config.memory_limit_mb,
                    stop=self.stop,
                    lock=self.lock,
                    command="newsmon schedule",
                )
            )
            for run in runs:
                level = logging.INFO if run["status"] in ("ok", "partial") else logging.WARNING
                LOG.log(
                    level,
                    "%s: %s, %s pages, %s new articles, %s errors%s",
                    name,
                    run["status"],
                    run.get("pages") or 0,
                    run.get("articles_new") or 0,
                    run.get("errors") or 0,
                    f" ({run['finish_reason']})" if run["status"] != "ok" else "",
                )
            LOG.debug("%s\n%s", name, summary_table(runs))
            self._log_next(name)
        except Exception:
            LOG.exception("%s: the crawl could not be run", name)
        finally:
            self.lock.release()

    def start(self) -> list[str]:
        caught_up = self.add_jobs()
        if caught_up:
            LOG.info("catching up now: %s", ", ".join(caught_up))
        self.scheduler.start()
        for job in self.scheduler.get_jobs():
            if job.id not in caught_up:
                self._log_next(job.id)
        return caught_up

    def reload(self, path: Path | None) -> bool:
        """SIGHUP: read the sources file again. New sources get a job (and run now when due),
        removed ones lose theirs, changed ones are rescheduled; a crawl already running goes
        on. A file that does not validate is logged and the sources in use are kept."""
        try:
            sources = load_sources(path)
        except SourceError as exc:
            LOG.error("SIGHUP: sources not reloaded, still %d in use: %s", len(self.jobs), exc)
            return False
        old = {s.name: s for s in self.config.sources}
        new = {s.name: s for s in sources}
        due = {d.source: d for d in due_plan(self.config.db, sources)}
        now = datetime.now(UTC)
        for name in old.keys() - new.keys():
            job = self.jobs.pop(name, None)
            if job is not None:
                self.scheduler.remove_job(name)
        changed = [n for n in new.keys() & old.keys() if new[n] != old[n]]
        for name in changed:
            self.jobs[name] = self.scheduler.reschedule_job(
                name, trigger=trigger_for(new[name], jitter=True)
            )
        for name in sorted(new.keys() - old.keys()):
            options = {"next_run_time": now} if due[name].due else {}
            self.jobs[name] = self.scheduler.add_job(
                self.crawl,
                trigger_for(new[name], jitter=True),
                args=[name],
                id=name,
                name=f"crawl {name}",
                **options,
            )
        self.config.sources = sources
        LOG.info(
            "SIGHUP: reloaded %s: %d sources (added: %s; removed: %s; changed: %s)",
            path or DEFAULT_SOURCES,
            len(sources),
            ", ".join(sorted(new.keys() - old.keys())) or "-",
            ", ".join(sorted(old.keys() - new.keys())) or "-",
            ", ".join(sorted(changed)) or "-",
        )
        for name in sorted(changed + list(new.keys() - old.keys())):
            self._log_next(name)
        return True

    def _log_next(self, name: str) -> None:
        # The job object, not scheduler.get_job(): that takes the job store lock, which
        # scheduler.shutdown(wait=True) holds while it waits for this very job to end.
        job = self.jobs.get(name)
        if job is not None and getattr(job, "next_run_time", None) is not None:
            when = job.next_run_time.astimezone(UTC)
            LOG.info("%s: next run %s UTC", name, f"{when:%Y-%m-%d %H:%M:%S}")

    def shutdown(self) -> None:
        """Stop gracefully: running crawls finish their in-flight items (see run_crawls)."""
        self.stop.set()
        self.scheduler.shutdown(wait=True)


def setup_logging(log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    to_file = logging.handlers.RotatingFileHandler(
        log_dir / "schedule.log", maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    to_stderr = logging.StreamHandler()
    for handler in (to_file, to_stderr):
        handler.setFormatter(formatter)
        LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    logging.getLogger("apscheduler").addHandler(to_file)


def serve(config: ServiceConfig) -> int:
    """Run until SIGTERM or SIGINT; exit status 0 after a graceful stop."""
    setup_logging(config.log_dir or Path(config.db).parent / "logs")
    service = Service(config)
    received: list[int] = []

    reload = threading.Event()

    def on_signal(signum, _frame):
        received.append(signum)
        service.stop.set()

    def on_hangup(_signum, _frame):
        reload.set()  # the main loop reloads within a second; crawls in flight go on

    previous = {s: signal.signal(s, on_signal) for s in STOP_SIGNALS}
    previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, on_hangup)
    try:
        LOG.info(
            "newsmon schedule: %d sources, database %s, %d crawls at once",
            len(config.sources),
            config.db,
            config.jobs,
        )
        service.start()
        while True:
            service.stop.wait(1.0)
            if reload.is_set() and not received:
                reload.clear()
                service.reload(config.sources_file)
            if received:
                break
        LOG.info(
            "%s received: stopping; running crawls finish their in-flight items",
            signal.Signals(received[0]).name,
        )
        service.shutdown()
        LOG.info("stopped")
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
