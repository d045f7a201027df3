"""Near-duplicate articles: the same release republished with another headline, a trimmed lead
or paragraphs in another order.

MinHash (datasketch) over shingles of three lemmas of the body, so that a change of word form
or of punctuation does not hide a copy. The signature is cut into bands (locality-sensitive
hashing); the band keys live in the database (`article_lsh`), so that finding the candidates
of a new article is one indexed query however many articles are stored, and the crawl needs no
index in memory. A candidate is a duplicate when its estimated Jaccard similarity reaches
`THRESHOLD` (measured in bench/facts_eval.py: republications against distinct releases) and
it states the same numbers (pipelines/fact_store.py `_states_other_numbers`: an office's next
report in the template of its last shares the words, not the numbers).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import struct
import sys
import types
from functools import cache

import numpy as np

from pipelines.facts.words import lemma_list


def _datasketch_minhash() -> type:
    """datasketch's MinHash, without the package's __init__: that imports every sketch of the
    library, and with its LSH classes scipy (60 MB resident in each process that prepares or
    stores articles), while MinHash needs numpy and hashlib only. A later `import datasketch`
    still runs the whole package, and finds this same module in it."""
    if "datasketch" in sys.modules:
        return sys.modules["datasketch"].MinHash
    spec = importlib.util.find_spec("datasketch")
    package = types.ModuleType("datasketch")
    package.__path__ = list(spec.submodule_search_locations or [])
    sys.modules["datasketch"] = package  # only while its MinHash module loads
    try:
        return importlib.import_module("datasketch.minhash").MinHash
    finally:
        del sys.modules["datasketch"]


MinHash = _datasketch_minhash()

NUM_PERM = 64
BANDS, ROWS = 32, 2  # 32 bands of 2 rows: pairs at Jaccard 0.3 meet in a band 95% of the time
# bench/facts_eval.py on the held-out republications: republished pairs scored 0.23–0.94,
# distinct releases at most 0.20; 0.3 keeps a margin above the distinct ones
THRESHOLD = 0.3
SHINGLE = 3
_SEED = 7
# Named, not left to datasketch's default: stored signatures must stay comparable when a new
# datasketch release changes its default scheme (2.0 did, from "legacy").
_SCHEME = "affine32"


def shingles(text: str) -> set[bytes]:
    lemmas = [w for w in lemma_list(text) if not w.isdigit() or len(w) > 1]
    if len(lemmas) < SHINGLE:
        return {" ".join(lemmas).encode()} if lemmas else set()
    return {" ".join(lemmas[i : i + SHINGLE]).encode() for i in range(len(lemmas) - SHINGLE + 1)}


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The seed's hash permutations: drawing them costs as much as hashing a whole article."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text, or None for a text too short to compare."""
    found = shingles(text)
    if len(found) < 5:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    m.update_batch(list(found))
    return m.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs: two signatures that agree on all rows of a band share its key."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        bucket = struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0]
        keys.append((band, bucket))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")
