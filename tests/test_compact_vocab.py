"""The compact word list answers as slovnet's Vocab, and the taggers loaded with it
(pipelines/tagger_files.py) tag as natasha's own."""

from __future__ import annotations

import gzip

import pytest
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
from natasha.data import NEWS_NER
from slovnet.exec.pack import Pack, vocab_name
from slovnet.vocab import Vocab

from pipelines.compact_vocab import CompactVocab, splits_as_lines
from pipelines.tagger_files import load_morph_tagger, load_ner_tagger

WORD_LISTS = [
    "",
    "\n",
    "\n\n",
    "a",
    "a\n",
    "a\n\nb",
    "a\nb\na",  # a repeated word: the dict keeps its last id
    "<unk>\n<pad>\nслово\nx\n",
    "ab\nba\nabc\nслово\nслова",
]


@pytest.mark.parametrize("text", WORD_LISTS)
def test_it_answers_as_slovnets_vocab(text):
    slovnet, compact = Vocab(text.splitlines()), CompactVocab(text.encode())
    assert len(compact) == len(slovnet)
    assert (compact.unk_id, compact.pad_id) == (slovnet.unk_id, slovnet.pad_id)
    for word in set(text.split("\n")) | {"", "zz", "<unk>", "<pad>", "слов"}:
        assert compact.encode(word) == slovnet.encode(word), word
    assert [compact.decode(i) for i in range(len(compact))] == slovnet.items


def test_a_word_list_with_other_line_breaks_is_refused():
    assert not splits_as_lines("a\u2028b".encode())
    with pytest.raises(ValueError):
        CompactVocab(b"a\rb")


def test_every_word_of_natashas_ner_vocabulary_has_its_id():
    with Pack(NEWS_NER) as pack:
        data = gzip.decompress(pack.read(vocab_name("word")))
    slovnet, compact = Vocab(data.decode().splitlines()), CompactVocab(data)
    assert len(compact) == len(slovnet) > 200_000
    assert all(compact.encode(word) == id for id, word in enumerate(slovnet.items))
    for word in ("наркотиков", "караганды", "несуществующееслово", "Караганды"):
        assert compact.encode(word) == slovnet.encode(word)


TEXT = (
    "Суд в Одинцове приговорил двух жителей Владимира. Об этом заявил председатель "
    "комитета Владимир Орловский. Партию везли через Белоруссию в Молдавию, а в Дальнем "
    "Востоке изъяли 3 кг гашиша."
)


@pytest.fixture(scope="module")
def embedding():
    return NewsEmbedding()


def test_the_ner_tagger_tags_as_natashas_own(embedding):
    ours, natashas = load_ner_tagger(embedding), NewsNERTagger(embedding)
    assert isinstance(ours, NewsNERTagger)
    assert ours(TEXT).spans == natashas(TEXT).spans
    assert ("PER", "Владимир Орловский") in {
        (s.type, TEXT[s.start : s.stop]) for s in ours(TEXT).spans
    }


def test_the_morph_tagger_tags_as_natashas_own(embedding):
    tags = []
    for tagger in (load_morph_tagger(embedding), NewsMorphTagger(embedding)):
        doc = Doc(TEXT)
        doc.segment(Segmenter())
        doc.tag_morph(tagger)
        tags.append([(t.text, t.pos, t.feats) for t in doc.tokens])
    assert tags[0] == tags[1]
    assert (
        "Востоке",
        "PROPN",
        {"Animacy": "Inan", "Case": "Loc", "Gender": "Masc", "Number": "Sing"},
    ) in tags[0]
