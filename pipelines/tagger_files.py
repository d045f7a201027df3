"""natasha's NER and morphology taggers, loaded with a compact word list (compact_vocab).

natasha builds a tagger with slovnet's `load`, which reads the tagger's 250,000 words into a
list and a dict of str (about 40 MB a tagger). This loader reads the same pack the same way,
except for the word list, and builds the same natasha class around it, so the taggers tag as
natasha's do (`tests/test_compact_vocab.py`). A pack whose word list `CompactVocab` cannot hold
exactly is loaded by natasha itself. The word list, once indexed (0.1 s: a hash of each of its
250,000 words), is kept in the build cache (pipelines/build_cache.py), keyed by the pack, so a
process that tags its first sentence loads it instead of indexing it again.
"""

from __future__ import annotations

from gzip import decompress
from pathlib import Path

from slovnet.api import API
from slovnet.const import SHAPE, TAG, WORD
from slovnet.exec.encoders import TagEncoder
from slovnet.exec.infer import MorphInfer, NERInfer, TagDecoder
from slovnet.exec.model import NER as NERModel
from slovnet.exec.model import Morph as MorphModel
from slovnet.exec.pack import Pack, vocab_name

from pipelines import compact_vocab
from pipelines.build_cache import cached_build
from pipelines.compact_vocab import CompactVocab, splits_as_lines

_BATCH_SIZE = 8  # natasha's default


def _word_list(path) -> CompactVocab | None:
    """The pack's word list as a CompactVocab, or None where it cannot hold it exactly."""
    with Pack(path) as pack:
        words = decompress(pack.read(vocab_name(WORD)))
    return CompactVocab(words) if splits_as_lines(words) else None


def _cached_word_list(path) -> CompactVocab | None:
    inputs = (Path(path), Path(compact_vocab.__file__))
    return cached_build(f"words-{Path(path).stem}", inputs, lambda: _word_list(path))


def _load(tagger_class, model_class, infer_class, path, embedding):
    words = _cached_word_list(path)
    if words is None:
        return tagger_class(embedding, path)
    with Pack(path) as pack:
        meta = pack.load_meta()
        meta.check_protocol()
        model = pack.load_model(model_class)
        arrays = dict(pack.load_arrays(model.weights))
        shapes, tags = pack.load_vocab(SHAPE), pack.load_vocab(TAG)
    encoder = TagEncoder(words, shapes, _BATCH_SIZE)
    infer = infer_class(model.inject_arrays(arrays), encoder, TagDecoder(tags))
    # natasha's tagger classes add only their loading (replaced here) and their markup to
    # slovnet's API, whose record holds the inference and the batch size.
    tagger = tagger_class.__new__(tagger_class)
    API.__init__(tagger, infer, _BATCH_SIZE)
    tagger.navec(embedding)
    return tagger


def load_ner_tagger(embedding):
    from natasha import NewsNERTagger
    from natasha.data import NEWS_NER

    return _load(NewsNERTagger, NERModel, NERInfer, NEWS_NER, embedding)


def load_morph_tagger(embedding):
    from natasha import NewsMorphTagger
    from natasha.data import NEWS_MORPH

    return _load(NewsMorphTagger, MorphModel, MorphInfer, NEWS_MORPH, embedding)
