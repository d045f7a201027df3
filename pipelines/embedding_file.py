"""natasha's word embedding (a navec archive), loaded for tagging only.

`navec.Navec.load` costs about 0.5 s and a 100 MB temporary at every start of a process that
meets a sentence for NER, for two reasons this loader avoids:
- its quantised table (25 MB) is copied out of the tar archive through `tarfile`; here it is a
  read-only memory map of the archive, so nothing is copied and only the rows of the words the
  tagger meets become resident;
- `PQ.precompute` takes the norm of every vector and a 26 MB table of products, which only
  navec's similarity queries use and slovnet's taggers never do; here they wait for first use.
- its 250,000 words and their counts (45 MB as Python objects) are read, by navec itself, only
  when something asks for them: the taggers look words up in their own word list and take only
  the table and the id from navec.
The result is a `navec.Navec`, as the taggers expect; an archive in any other layout falls back
to `Navec.load`.
"""

from __future__ import annotations

import mmap
import tarfile
from functools import cached_property
from pathlib import Path

import numpy as np
from navec import Navec
from navec.meta import Meta
from navec.pq import PQ
from navec.vocab import Vocab

_HEADER = 4 * 4  # vectors, dim, qdim, centroids: four uint32


class _TaggingPQ(PQ):
    def precompute(self) -> None:
        self.qdims = np.arange(self.qdim)

    # navec's `sim` needs these two (a 1 MB and a 26 MB array); NER and morphology only look
    # vectors up, so they are computed on first use, as PQ.precompute computes them.
    @cached_property
    def norm(self) -> np.ndarray:
        norm = np.sum(self.codes**2, axis=-1)
        return np.sqrt(np.sum(norm[self.qdims, self.indexes], axis=-1))

    @cached_property
    def ab(self) -> np.ndarray:
        return np.matmul(self.codes, np.transpose(self.codes, axes=[0, 2, 1]))


class _VocabOnFirstUse:
    """navec's `Vocab` of the archive, read on first use."""

    def __init__(self, path: str | Path) -> None:
        self._path = path

    @cached_property
    def _vocab(self) -> Vocab:
        with tarfile.open(self._path) as tar:
            return Vocab.from_file(tar.extractfile("vocab.bin"))

    def __getattr__(self, name: str):
        return getattr(self._vocab, name)

    def __getitem__(self, word: str) -> int:
        return self._vocab[word]

    def __contains__(self, word: str) -> bool:
        return word in self._vocab


def load_navec(path: str | Path) -> Navec:
    with tarfile.open(path) as tar:
        meta = Meta.from_file(tar.extractfile("meta.json"))
        Meta.check_protocol(meta.protocol)
        if "vocab.bin" not in tar.getnames():
            return Navec.load(path)
        table = tar.getmember("pq.bin")
    if not table.isreg() or table.size < _HEADER:
        return Navec.load(path)
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    data = memoryview(mapped)[table.offset_data : table.offset_data + table.size]
    vectors, dim, qdim, centroids = (int(n) for n in np.frombuffer(data[:_HEADER], np.uint32))
    codes_at = _HEADER + vectors * qdim
    if (table.size - codes_at) != qdim * centroids * (dim // max(qdim, 1)) * 4:
        return Navec.load(path)
    indexes = np.frombuffer(data[_HEADER:codes_at], np.uint8).reshape(vectors, qdim)
    codes = np.frombuffer(data[codes_at:], np.float32).reshape(qdim, centroids, -1)
    return Navec(
        meta, _VocabOnFirstUse(path), _TaggingPQ(vectors, dim, qdim, centroids, indexes, codes)
    )
