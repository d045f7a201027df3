"""The process's one morphological analyser and the cached word readings built on it.

pymorphy3's dictionaries take a while to load and a fair amount of memory, so numbers, dates,
figures, places and the search index all share the one `morph()`; `parse_word` keeps the
readings of repeated words cheap for the rules that look at the words around a number.
"""

from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple

from pipelines.sentences import fold_yo

_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)


class Reading(NamedTuple):
    """One morphological reading of a word (a trimmed pymorphy3 Parse, cheap to cache)."""

    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    score: float


@functools.cache
def morph():
    """The one MorphAnalyzer of the process: loading the dictionaries takes a while. Given the
    Russian dictionary's folder, pymorphy3 skips its search of every installed package's entry
    points for dictionaries (20 ms of each process's start)."""
    import pymorphy3

    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE in os.environ:
        return pymorphy3.MorphAnalyzer()  # a dictionary the user chose
    import pymorphy3_dicts_ru

    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@functools.lru_cache(maxsize=200_000)
def parse_word(word: str) -> tuple[Reading, ...]:
    """Readings of a (lower-case) Cyrillic word, best first; () for anything else."""
    if not _CYRILLIC_RE.search(word):
        return ()
    # best first: pymorphy3 lists a hyphenated word's readings unsorted («сим-карт»: сима-карта
    # 0.09 before сим-карта 0.91); the sort is stable, so ties keep its order
    return tuple(
        sorted(
            (
                Reading(fold_yo(p.normal_form), _plain(p.tag.POS), p.tag.grammemes, p.score)
                for p in morph().parse(word)
            ),
            key=lambda r: -r.score,
        )
    )


def _plain(pos: str | None) -> str | None:
    # pymorphy3's part of speech is a str subclass whose == is Python code that checks the other
    # side is a grammeme: the rules compare parts of speech some 300 times a page
    return None if pos is None else str(pos)


def best_lemma(word: str) -> str:
    """The lemma of a word's most likely reading, ё read as е (uncached: callers keep their
    own caches sized for their use)."""
    return fold_yo(morph().parse(word)[0].normal_form)
