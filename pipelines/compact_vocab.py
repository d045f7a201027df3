"""A tagger's word list, looked up without a Python object per word.

slovnet keeps the 250,000 words of natasha's NER vocabulary as a list and a dict of str: about
40 MB resident in every process that tags a sentence, for a lookup (word → id) that it makes a
few dozen times a sentence. `CompactVocab` holds the same words as the packed UTF-8 bytes they
are stored in, plus three numpy arrays (where each word starts, and a sorted hash of each word
with its id): about 10 MB. A lookup hashes the word, finds the hash by bisection and compares
the bytes, so it answers exactly as slovnet's `Vocab` does (the last id of a repeated word, the
`<unk>` id for an unknown one); `tests/test_compact_vocab.py` checks every word of the real
vocabulary against slovnet's.
"""

from __future__ import annotations

import numpy as np

UNK = "<unk>"  # slovnet.const
PAD = "<pad>"

_MULTIPLIER = 0x100000001B3  # FNV's 64-bit prime: odd, so no byte is lost to the wrap
_MASK = (1 << 64) - 1
_NEWLINE = 10
# What str.splitlines also breaks at, besides "\n" (slovnet splits its vocabulary with it): a
# word list holding any of these is left to slovnet's own Vocab.
_OTHER_LINE_BREAKS = (
    b"\r",
    b"\x0b",
    b"\x0c",
    b"\x1c",
    b"\x1d",
    b"\x1e",
    "\x85".encode(),
    "\u2028".encode(),
    "\u2029".encode(),
)


def splits_as_lines(data: bytes) -> bool:
    """Whether the UTF-8 word list breaks only at "\\n", so that bytes split there are the
    words that `str.splitlines` gives."""
    return not any(mark in data for mark in _OTHER_LINE_BREAKS)


class CompactVocab:
    """slovnet's `Vocab` (encode, decode, len, unk_id, pad_id) over "\\n"-separated UTF-8 words."""

    def __init__(self, data: bytes) -> None:
        if not splits_as_lines(data):
            raise ValueError("the word list holds line breaks other than \\n")
        no_words = not data
        if data.endswith(b"\n"):  # str.splitlines drops the empty word after a final break
            data = data[:-1]
        self._data = data + b"\n"
        codes = np.frombuffer(self._data, np.uint8)
        breaks = np.flatnonzero(codes == _NEWLINE)
        self._starts = np.empty(0, np.int64) if no_words else np.concatenate(([0], breaks[:-1] + 1))
        self._ends = breaks[: len(self._starts)]
        hashes = _hashes(codes, self._starts)
        self._order = np.argsort(hashes, kind="stable").astype(np.int32)
        self._sorted_hashes = hashes[self._order]
        self.unk_id = self._find(UNK)
        self.pad_id = self._find(PAD)

    def __len__(self) -> int:
        return len(self._starts)

    def decode(self, id: int) -> str:
        return self._data[self._starts[id] : self._ends[id]].decode()

    def encode(self, item: str) -> int | None:
        found = self._find(item)
        return self.unk_id if found is None else found

    def _find(self, item: str) -> int | None:
        word = item.encode()
        key = _hash_of(word)
        at = int(np.searchsorted(self._sorted_hashes, np.uint64(key)))
        found = None
        # Equal hashes sit together in id order; the last equal word wins, as in a dict.
        while at < len(self._order) and int(self._sorted_hashes[at]) == key:
            id = int(self._order[at])
            if self._data[self._starts[id] : self._ends[id]] == word:
                found = id
            at += 1
        return found


def _hash_of(word: bytes) -> int:
    key = 0
    power = 1
    for byte in word:
        key = (key + byte * power) & _MASK
        power = (power * _MULTIPLIER) & _MASK
    return key


def _hashes(codes: np.ndarray, starts: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """`_hash_of` of every word at once: each byte times the multiplier to the power of its place
    in its word, summed per word (numpy's uint64 arithmetic wraps, as the mask does). Words are
    taken `chunk` at a time, so the temporaries stay small beside the word list."""
    hashes = np.empty(len(starts), np.uint64)
    powers = np.ones(1, np.uint64)
    for first in range(0, len(starts), chunk):
        begin = int(starts[first])
        end = int(starts[first + chunk]) if first + chunk < len(starts) else len(codes)
        piece = codes[begin:end]
        breaks = piece == _NEWLINE
        word_starts = starts[first : first + chunk] - begin
        place = np.arange(len(piece)) - word_starts[np.cumsum(breaks) - breaks]
        powers = _powers(powers, int(place.max()) + 1)
        with np.errstate(over="ignore"):
            terms = piece.astype(np.uint64) * powers[place]
        terms[breaks] = 0
        hashes[first : first + chunk] = np.add.reduceat(terms, word_starts)
    return hashes


def _powers(known: np.ndarray, count: int) -> np.ndarray:
    """The multiplier's first `count` powers (mod 2**64), extending those already known."""
    if count <= len(known):
        return known
    powers = np.resize(known, count)
    with np.errstate(over="ignore"):
        for n in range(len(known), count):
            powers[n] = powers[n - 1] * np.uint64(_MULTIPLIER)
    return powers
