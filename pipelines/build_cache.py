"""Things built once per machine, not once per process: a pickle keyed by what they are built from.

The gazetteer's index expands some 5,000 place names into every case form with pymorphy3, which
took 0.9 s of each process's start (`newsmon extract` on one page, each extraction worker of a
crawl, each test process); loading the pickle takes 0.07 s (the index is pickled compactly,
pipelines/phrases.py). The key is a hash of every input
file (the data and the source that builds from it) and of the versions of Python and pymorphy3,
so an edited name list, rule or dictionary builds a new one. A cache that cannot be read or
written is rebuilt or skipped, never an error: it only saves time.

Where: `NEWSMON_CACHE_DIR`, else `$XDG_CACHE_HOME/newsmon`, else `~/.cache/newsmon`.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru")


def cache_dir() -> Path:
    if configured := os.environ.get("NEWSMON_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsmon"


@functools.cache  # about 1 ms a lookup, asked by every cached build of a process
def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def cache_key(inputs: Iterable[Path]) -> str:
    digest = hashlib.sha256(sys.version.encode())
    for library in _LIBRARIES:
        digest.update(f"{library}={_version(library)}".encode())
    for path in sorted(inputs):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached_build(name: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or the object an earlier process built from the same inputs."""
    folder = cache_dir()
    path = folder / f"{name}-{cache_key(inputs)}.pickle"
    try:
        return load_pickle(path)
    except FileNotFoundError:
        pass
    except Exception as error:  # a truncated or foreign file: build it again
        LOGGER.warning("cache %s unreadable (%r): rebuilding it", path, error)
    built = build()
    store_pickle(folder, path, name, built)
    return built


@functools.cache
def read_toml(path: Path) -> dict:
    """A TOML file of data/, parsed once per process and cached per machine like the builds: the
    indicators' vocabulary (45 KB) took 7 ms to parse, twice in each process (the figures step
    reads its drug names, the facts step its indicators), on the one-page command line. Shared:
    read it, never change it."""
    return cached_build(f"toml-{path.stem}", [path], lambda: _parse_toml(path))


def _parse_toml(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def load_pickle(path: Path) -> object:
    """The pickle at `path`, read with the cyclic garbage collector paused: the gazetteer's index
    is some 100,000 container objects, and the collector's passes over them as they were created
    took about 40 % of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    finally:
        if enabled:
            gc.enable()


def store_pickle(folder: Path, path: Path, name: str, built: object) -> None:
    """`built` pickled at `path`, replacing the other `name-*.pickle` of the folder; skipped,
    with a log line, where it cannot be written."""
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # written aside and renamed: a process reading it never sees half a file
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as f:
            temporary = Path(f.name)
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for stale in folder.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from inputs that have changed since
    except (OSError, pickle.PicklingError) as error:  # a read-only home, a full disk
        LOGGER.info("cannot keep %s in %s: %r", name, folder, error)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
