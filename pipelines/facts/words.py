"""Lemmas of the words of a piece of text: the search index's lemma of each word (one
MorphAnalyzer per process, cached per word)."""

from __future__ import annotations

import functools
import re

from pipelines.morph import morph, parse_word
from pipelines.search_index import words
from pipelines.sentences import fold_yo

# word -> lemma: a plain dict look-up is cheaper than a call to an lru_cache-wrapped function,
# and the rules look up a few thousand words per article. Emptied when full.
_LEMMA_OF: dict[str, str] = {}
_LEMMA_CACHE_LIMIT = 200_000
_CYRILLIC = re.compile(r"[а-яё]")  # as search_index.word_keys decides what to analyse


def lemma(word: str) -> str:
    """`search_index.word_keys(word)[0]`, read from `parse_word`'s cache: the figures and
    places steps have parsed most of an article's words already (their key is fold_yo of
    the word too), where word_keys would parse each again (and stem it)."""
    folded = fold_yo(word)
    if folded.isdigit() or not _CYRILLIC.search(folded):
        return folded
    return parse_word(folded)[0].lemma


def _learn(word: str) -> str:
    if len(_LEMMA_OF) >= _LEMMA_CACHE_LIMIT:
        _LEMMA_OF.clear()
    found = _LEMMA_OF[word] = lemma(word)
    return found


def lemmas_of(found: list[str]) -> list[str]:
    """The lemma of each word (as `words` splits them), in order."""
    lemmas = list(map(_LEMMA_OF.get, found))
    if None in lemmas:
        pairs = zip(found, lemmas, strict=True)
        return [_learn(w) if known is None else known for w, known in pairs]
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
