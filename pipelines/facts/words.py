"""Lemmas of the words of a piece of text, through the search index's analyser (one
MorphAnalyzer per process, cached per word)."""

from __future__ import annotations

import functools

from pipelines.morph import morph
from pipelines.search_index import word_keys, words

# word -> lemma: a plain dict look-up is cheaper than a call to the lru_cache-wrapped
# word_keys, and the rules look up a few thousand words per article. Emptied when full.
_LEMMA_OF: dict[str, str] = {}
_LEMMA_CACHE_LIMIT = 200_000


def _learn(word: str) -> str:
    if len(_LEMMA_OF) >= _LEMMA_CACHE_LIMIT:
        _LEMMA_OF.clear()
    lemma = _LEMMA_OF[word] = word_keys(word)[0]
    return lemma


def lemmas_of(found: list[str]) -> list[str]:
    """The lemma of each word (as `words` splits them), in order."""
    lemmas = list(map(_LEMMA_OF.get, found))
    if None in lemmas:
        pairs = zip(found, lemmas, strict=True)
        return [_learn(w) if lemma is None else lemma for w, lemma in pairs]
    return lemmas  # type: ignore[return-value]


@functools.lru_cache(maxsize=4096)
def text_lemmas(text: str) -> frozenset[str]:
    """The lemmas of every word of `text` (lower case, ё folded)."""
    return frozenset(lemmas_of(words(text)))


def lemma_list(text: str) -> list[str]:
    return lemmas_of(words(text))


@functools.lru_cache(maxsize=4096)
def _is_verb_form(word: str) -> bool:
    parses = morph().parse(word)
    return bool(parses) and parses[0].tag.POS in ("VERB", "INFN", "PRTS")


def has_verb(text: str) -> bool:
    """Whether `text` holds a finite verb, an infinitive or a short participle ("направлено")."""
    return any(_is_verb_form(w) for w in words(text))
