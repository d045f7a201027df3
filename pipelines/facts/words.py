"""Lemmas of the words of a piece of text, through the search index's analyser (one
MorphAnalyzer per process, cached per word)."""

from __future__ import annotations

import functools

from pipelines.morph import morph
from pipelines.search_index import word_keys, words


@functools.lru_cache(maxsize=4096)
def text_lemmas(text: str) -> frozenset[str]:
    """The lemmas of every word of `text` (lower case, ё folded)."""
    return frozenset(word_keys(w)[0] for w in words(text))


def lemma_list(text: str) -> list[str]:
    return [word_keys(w)[0] for w in words(text)]


@functools.lru_cache(maxsize=4096)
def _is_verb_form(word: str) -> bool:
    parses = morph().parse(word)
    return bool(parses) and parses[0].tag.POS in ("VERB", "INFN", "PRTS")


def has_verb(text: str) -> bool:
    """Whether `text` holds a finite verb, an infinitive or a short participle ("направлено")."""
    return any(_is_verb_form(w) for w in words(text))
