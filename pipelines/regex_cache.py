"""Compiled regular expressions kept per machine, as the build cache keeps the gazetteer.

Python compiles a regular expression with Python code (`re._parser`, `re._compiler`). A
one-page `newsmon extract` compiles some 650 of them, the rules' 380 and those of trafilatura,
courlan, htmldate, urllib3 and razdel, and that took 0.18-0.3 s of its 0.7 s (the rules'
long case-insensitive Cyrillic alternations the most: docs/profile.md).

`install()` puts a cache in front of that compiler, below the `re` module's own cache of the
process: a pattern (text and flags) that this same Python build compiled before is handed to
`_sre.compile` with its stored code, the compiler's own last step. A pattern is stored only
after the pattern its entry builds compares equal to the one `re` built (a Pattern's `==`
compares the compiled code) with the same groups; the file is keyed by the exact Python build
and regex engine. A file that cannot be read is ignored and one that cannot be written is
skipped: the cache only saves time. `NEWSMON_REGEX_CACHE=0` turns it off.

It changes the `re` module of the whole process, so the library never installs it: the newsmon
application does, on import of `crawler` (crawler/__init__.py), and saves what it learnt when
the process ends (`save()`, also called by the command line's fast exit).
"""

from __future__ import annotations

import _sre
import array
import atexit
import hashlib
import logging
import os
import re
import sys
import time
from typing import ClassVar

from pipelines.build_cache import cache_dir, load_pickle, store_pickle

LOGGER = logging.getLogger(__name__)
# A process that builds patterns from its input could otherwise grow the file without end;
# newsmon's processes compile some 650 distinct ones.
MAX_ENTRIES = 5000
_CODE_TYPE = "I"  # the engine's code words are unsigned ints of _sre.CODESIZE bytes

try:
    from re import _compiler, _parser
except ImportError:  # a Python whose regex compiler lives elsewhere: no cache
    _compiler = _parser = None

# (pattern, flags) -> (flags, code bytes, groups, groupindex, indexgroup), as _sre.compile takes
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _State:
    original = None  # re's own compile, while installed
    known: ClassVar[dict[tuple[str, int], Entry]] = {}  # read from the file
    new: ClassVar[dict[tuple[str, int], Entry]] = {}  # learnt by this process
    path = None
    read_seconds = 0.0  # what reading the file took: writing it takes about as long
    learnt_seconds = 0.0  # what compiling the patterns learnt took


def _key() -> str:
    build = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"
    return hashlib.sha256(build.encode()).hexdigest()[:24]


def enabled() -> bool:
    return (
        _compiler is not None
        and os.environ.get("NEWSMON_REGEX_CACHE", "1") != "0"
        and array.array(_CODE_TYPE).itemsize == _sre.CODESIZE
    )


def installed() -> bool:
    return _State.original is not None


def install() -> None:
    """Serve the compiler's output from the cache for the rest of the process (idempotent)."""
    if installed() or not enabled():
        return
    _State.path = cache_dir() / f"regex-{_key()}.pickle"
    started = time.perf_counter()
    _State.known = _read(_State.path)
    _State.read_seconds = time.perf_counter() - started
    _State.new = {}
    _State.learnt_seconds = 0.0
    _State.original = _compiler.compile
    _compiler.compile = _compile
    atexit.register(save)


def _read(path) -> dict[tuple[str, int], Entry]:
    try:
        data = load_pickle(path)
    except FileNotFoundError:
        return {}
    except Exception as error:  # a truncated or foreign file: start again
        LOGGER.warning("regex cache %s unreadable (%r): ignored", path, error)
        return {}
    return data if isinstance(data, dict) else {}


def _build(pattern: str, entry: Entry) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(
        pattern, flags, array.array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup
    )


def _compile(pattern, flags=0):
    entry = _State.known.get((pattern, flags)) if isinstance(pattern, str) else None
    if entry is not None:
        return _build(pattern, entry)
    started = time.perf_counter()
    compiled = _State.original(pattern, flags)
    # not lxml's str results: plain data
    if type(pattern) is str and not flags & re.DEBUG and _learn(pattern, flags, compiled):
        _State.learnt_seconds += time.perf_counter() - started
    return compiled


def entry_of(pattern: str, flags: int) -> Entry:
    """What `_sre.compile` needs, from the compiler's own steps."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        array.array(_CODE_TYPE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _learn(pattern: str, flags: int, compiled: re.Pattern) -> bool:
    """Keep the entry of a pattern `re` compiled, if it rebuilds that very pattern."""
    if len(_State.known) + len(_State.new) >= MAX_ENTRIES:
        return False
    try:
        entry = entry_of(pattern, flags)
        rebuilt = _build(pattern, entry)
    except Exception:  # a compiler whose steps differ from those above: not cached
        return False
    if not (
        rebuilt == compiled
        and rebuilt.groups == compiled.groups
        and rebuilt.groupindex == compiled.groupindex
    ):
        return False
    _State.new[(pattern, flags)] = entry
    return True


def save() -> None:
    """Write what this process learnt, with what it found, when compiling it took longer than
    the write will (about what the read took). Not otherwise: some libraries build a pattern
    that differs in each process (babel's plural-rule tokenizer joins a set of letters, whose
    order follows the process's string hashing), and each run would rewrite the whole file to
    add one more spelling of it."""
    if not installed() or not _State.new or _State.learnt_seconds < _State.read_seconds:
        return
    _State.known = {**_State.known, **_State.new}
    _State.new = {}
    store_pickle(_State.path.parent, _State.path, "regex", _State.known)
