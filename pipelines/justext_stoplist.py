"""trafilatura's last fallback, justext, with its stop words loaded from the build cache.

On a page whose body only justext finds, trafilatura first gathers the stop words of all of
justext's 100 languages (some 154,000 words) from justext's files: 0.1 to 0.19 s, once per
process (a `newsmon extract` run, each extraction worker). The same words are kept as one
pickle per machine (pipelines/build_cache.py), keyed by those files and by trafilatura's code
that reads them, and load in about 0.05 s (`bench/first_use.py`).

They are kept as a frozenset rather than trafilatura's tuple: justext looks its stop list up
in an lru_cache, which hashes the argument on every page; a tuple's hash is computed anew
each time (2 to 6 ms for this one), a frozenset's once. They are kept lower-cased, as justext's
`define_stoplist` makes them, and that function returns the cached set as it is instead of
lower-casing 154,000 words into a copy on the first such page of each process (0.07 s). The
extraction is unchanged (`tests/test_justext_stoplist.py`).
"""

from __future__ import annotations

from pathlib import Path

import justext
import justext.core
from trafilatura import external

from pipelines.build_cache import cached_build

_TRAFILATURA_INIT = external.jt_stoplist_init
_JUSTEXT_DEFINE = justext.core.define_stoplist
_lowered: frozenset[str] | None = None  # the cached list once loaded


def _inputs() -> list[Path]:
    stoplists = Path(justext.__file__).parent / "stoplists"
    return [*stoplists.glob("*.txt"), Path(external.__file__), Path(__file__)]


def _build() -> frozenset[str]:
    return frozenset(word.lower() for word in _TRAFILATURA_INIT())  # as define_stoplist makes it


def cached_stoplist() -> frozenset[str]:
    """All of justext's stop words, as trafilatura's `jt_stoplist_init` gathers them; it also
    sets trafilatura's module-level list, as that function does."""
    global _lowered
    words = cached_build("justext-stoplist", _inputs(), _build)
    external.JT_STOPLIST = _lowered = words
    return words


def define_stoplist(stoplist):
    """justext's `define_stoplist`, which lower-cases a stop list into a frozenset: the cached list
    is that set already."""
    if stoplist is _lowered:
        return stoplist
    return _JUSTEXT_DEFINE(stoplist)


def install() -> None:
    """trafilatura looks `jt_stoplist_init` up in its module when it first needs the list, and
    justext its `define_stoplist` on each page."""
    external.jt_stoplist_init = cached_stoplist
    justext.core.define_stoplist = define_stoplist
