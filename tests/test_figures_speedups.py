"""The figures step's shortcuts answer exactly what the slower code they replace answers."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.figures.sentence import Sentence
from pipelines.morph import parse_word
from pipelines.sentences import Token, fold_yo, tokenize

TEXT = (
    "Ёлки‑палки: в 2024 году полицейские Хатлонской области изъяли 1,5 тонны «соли», "
    "İstanbul — 12 кг, ЁЖИК‐2 и 7 ‑ 8 доз."
)


def test_a_part_of_speech_is_a_plain_string():
    # pymorphy3's own is a str subclass whose == runs Python code on every comparison
    for word in ("изъяли", "тонны", "героина", "двое", "быстро", "в"):
        for reading in parse_word(word):
            assert reading.pos is None or type(reading.pos) is str


def _word_by_word(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokenizer before the text was folded once: each word folded alone."""
    return [t._replace(norm=fold_yo(t.text)) for t in tokenize(text, start, end)]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_folding_the_text_once_gives_each_token_its_own_fold(a, b):
    start, end = min(a, b), max(a, b)
    assert tokenize(TEXT, start, end) == _word_by_word(TEXT, start, end)


@given(st.text(alphabet="aİΣσςЁёАя‐‑-. 0123", max_size=30))
@example("a.Σ b")  # lower case of a whole text makes that sigma final («ς»), of the word alone not
@example("İstanbul")
def test_a_text_whose_lower_case_is_longer_or_contextual_is_folded_word_by_word(text):
    assert tokenize(text) == _word_by_word(text)


def test_a_sentence_reads_each_word_once_and_answers_the_same_after():
    tokens = tokenize(TEXT)
    sentence = Sentence(TEXT, tokens, 0, len(TEXT), [])
    first = [sentence.readings(i) for i in range(-1, len(tokens) + 1)]
    assert [sentence.readings(i) for i in range(-1, len(tokens) + 1)] == first
    fresh = Sentence(TEXT, tokens, 0, len(TEXT), [])
    assert [fresh._read(i) for i in range(-1, len(tokens) + 1)] == first
    # «Хатлонской области»: the adjective of a division, read so before the division's noun
    at = next(i for i, t in enumerate(tokens) if t.text == "Хатлонской")
    assert sentence.pos(at) == "ADJF"
