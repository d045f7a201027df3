"""One crawl at a time per database: an advisory file lock next to the SQLite file.

`newsmon run` (cron), `newsmon schedule` (the service) and `newsmon crawl` (by hand, re-crawls
included) all take it before fetching anything, so two of them never crawl the same sites into
the same file at once.

The lock is `flock(2)` on `<db>.lock`: the kernel drops it when the last process holding the
file open ends, however it ends (SIGKILL, out of memory, power cut), so a stale lock never
blocks. The `scrapy crawl` children inherit the descriptor: if the parent is killed while a
child is still finishing its crawl, the lock stays held until that child is gone too.

The holder writes its pid, command and start time into the lock file, so a refused caller can
say who is crawling.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from pipelines.db_file import StorageError


class LockHeld(RuntimeError):
    """Another process is crawling into this database; the message says which."""

    def __init__(self, path: Path, holder: dict | None):
        self.path = path
        self.holder = holder or {}
        super().__init__(describe_holder(path, self.holder))


def lock_path_for(db_path: str | Path) -> Path:
    """`<db>.lock` next to the file the path resolves to: a symlink, `..` or a relative path to
    the same database all name the same lock."""
    db_path = Path(db_path).resolve()
    return db_path.with_name(db_path.name + ".lock")


def file_identity(path: Path) -> str | None:
    """ "device 2049, inode 1234" of a file, as `stat` shows them; None when it does not exist."""
    try:
        info = path.stat()
    except OSError:
        return None
    return f"device {info.st_dev}, inode {info.st_ino}"


def pid_alive(pid: int) -> bool:
    """Whether some process has this pid (one we may not signal counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(path: Path) -> dict:
    """What the current (or last) holder wrote into the lock file; {} when unreadable."""
    try:
        text = path.read_text(encoding="utf-8").strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def held_by(path: Path, patience: float = 0.5) -> dict:
    """The record of the process that holds the lock. It takes the lock first and writes its
    record just after: a caller refused in between waits that moment (up to `patience`
    seconds) rather than report "an unknown process"."""
    deadline = time.monotonic() + patience
    holder = read_holder(path)
    while not holder.get("pid") and time.monotonic() < deadline:
        time.sleep(0.02)
        holder = read_holder(path)
    return holder


def describe_holder(path: Path, holder: dict) -> str:
    pid = holder.get("pid")
    who = f"pid {pid}" if pid else "an unknown process"
    if holder.get("command"):
        who += f" ({holder['command']})"
    if holder.get("since"):
        who += f", since {holder['since']}"
    message = f"another newsmon crawl holds the lock {path}"
    if holder.get("database"):
        message += f" on {holder['database']}"
        if holder.get("identity"):
            message += f" ({holder['identity']})"
    message += f": {who}"
    if pid and not pid_alive(int(pid)):
        message += "; that process is gone, its scrapy children are still finishing"
    return message + ". Nothing was crawled; try again when it has finished."


def command_line() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    if name in ("__main__.py", "-c", "pytest", "python", ""):
        name = "newsmon"
    return " ".join([name, *sys.argv[1:]])[:300]


class CrawlLock:
    """A non-reentrant exclusive lock on `<db>.lock`.

    `acquire()` raises LockHeld at once when another process holds it, or after `wait` seconds.
    `fileno()` is the descriptor to pass to child processes that must keep the lock alive.
    """

    def __init__(self, db_path: str | Path, command: str | None = None):
        self.path = lock_path_for(db_path)
        self.database = Path(db_path).resolve()
        self.command = command or command_line()
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def fileno(self) -> int:
        if self._fd is None:
            raise RuntimeError("the crawl lock is not held")
        return self._fd

    def _try_once(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            cause = {errno.EROFS: "read-only", errno.EACCES: "read-only", errno.ENOSPC: "disk full"}
            raise StorageError(cause.get(exc.errno, "cannot open"), self.path, str(exc)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        holder = {
            "pid": os.getpid(),
            "command": self.command,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": str(self.database),
            "identity": file_identity(self.database),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(holder) + "\n").encode(), 0)
        return True

    def acquire(self, wait: float = 0, stop: threading.Event | None = None) -> CrawlLock:
        deadline = time.monotonic() + max(0.0, wait)
        while not self._try_once():
            if time.monotonic() >= deadline or (stop is not None and stop.is_set()):
                raise LockHeld(self.path, held_by(self.path))
            time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # no holder any more; the file itself stays (see flock(2))
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> CrawlLock:
        if not self.held:
            self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


class SharedCrawlLock:
    """The service's view of the lock: held while at least one of its crawls runs.

    Scheduled jobs of different sources may run at the same time in one process; the first one
    takes the file lock, the last one to finish releases it, so a manual `newsmon crawl` can run
    between scheduled crawls but never during one.
    """

    def __init__(self, db_path: str | Path, command: str | None = None):
        self._lock = CrawlLock(db_path, command)
        self._users = 0
        self._mutex = threading.Lock()

    @property
    def path(self) -> Path:
        return self._lock.path

    def fileno(self) -> int:
        return self._lock.fileno()

    def acquire(self, wait: float = 0, stop: threading.Event | None = None) -> None:
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            with self._mutex:
                if self._users or self._lock._try_once():
                    self._users += 1
                    return
            if time.monotonic() >= deadline or (stop is not None and stop.is_set()):
                raise LockHeld(self.path, held_by(self.path))
            time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))

    def release(self) -> None:
        with self._mutex:
            self._users -= 1
            if self._users == 0:
                self._lock.release()
