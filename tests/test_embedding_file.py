"""natasha's embedding loaded by mapping its table (pipelines/embedding_file.py) is navec's own,
and the NER tagger built on it tags as natasha's does."""

from __future__ import annotations

import io
import tarfile

import numpy as np
import pytest
from natasha import NewsEmbedding, NewsNERTagger
from natasha.data import NEWS_EMBEDDING
from navec import Navec
from navec.meta import Meta
from navec.pq import PQ
from navec.vocab import Vocab

from pipelines.embedding_file import load_navec


def _same(a: Navec, b: Navec) -> None:
    assert a.meta.id == b.meta.id
    assert a.vocab.words == b.vocab.words
    assert a.vocab.counts == b.vocab.counts
    assert np.array_equal(a.pq.indexes, b.pq.indexes)
    assert np.array_equal(a.pq.codes, b.pq.codes)


def _small_archive(path, vectors=7, qdim=4, centroids=3, chunk=2) -> Navec:
    rng = np.random.default_rng(1)
    words = [f"слово{n}" for n in range(vectors - 2)] + ["<unk>", "<pad>"]
    pq = PQ(
        vectors,
        qdim * chunk,
        qdim,
        centroids,
        rng.integers(0, centroids, (vectors, qdim)).astype(np.uint8),
        rng.random((qdim, centroids, chunk)).astype(np.float32),
    )
    navec = Navec(Meta("small_test"), Vocab(words, list(range(vectors))), pq)
    navec.dump(path)
    return navec


def test_a_small_archive_reads_back_as_navec_wrote_it(tmp_path):
    written = _small_archive(tmp_path / "small.tar")
    loaded = load_navec(tmp_path / "small.tar")
    _same(loaded, written)
    _same(loaded, Navec.load(tmp_path / "small.tar"))
    assert np.allclose(loaded["слово3"], written["слово3"])
    assert loaded.sim("слово1", "слово2") == pytest.approx(written.sim("слово1", "слово2"))


def test_an_archive_whose_table_size_does_not_add_up_falls_back_to_navec(tmp_path):
    _small_archive(tmp_path / "small.tar")
    with tarfile.open(tmp_path / "small.tar") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    members["pq.bin"] += b"\0" * 4  # one float too many: not the layout the loader knows
    with tarfile.open(tmp_path / "odd.tar", "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(ValueError):  # navec's own reader rejects it too: no silent misreading
        load_navec(tmp_path / "odd.tar")


@pytest.fixture(scope="module")
def both_embeddings():
    return load_navec(NEWS_EMBEDDING), NewsEmbedding()


def test_natashas_embedding_is_loaded_unchanged(both_embeddings):
    mapped, natasha_own = both_embeddings
    _same(mapped, natasha_own)


def test_the_ner_tagger_tags_as_with_natashas_own_loader(both_embeddings):
    mapped, natasha_own = both_embeddings
    text = (
        "Суд в Одинцове приговорил двух жителей Владимира. Об этом заявил председатель "
        "комитета Владимир Орловский. Партию везли через Белоруссию в Молдавию."
    )
    spans = [NewsNERTagger(embedding)(text).spans for embedding in (mapped, natasha_own)]
    assert spans[0] == spans[1]
    assert {(s.type, text[s.start : s.stop]) for s in spans[0]} >= {
        ("LOC", "Одинцове"),
        ("PER", "Владимир Орловский"),
    }
