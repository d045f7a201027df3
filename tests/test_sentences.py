"""Sentence spans: a run-together list longer than anyone writes is cut at its clause breaks,
so that reading each figure against its sentence stays cheap on such pages."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.figures import extract_figures
from pipelines.sentences import MAX_SENTENCE, split_sentences
from tests.support.figure_reading import annotated

DRUGS = ("героина", "гашиша", "марихуаны", "мефедрона")


def run_together(items: int) -> str:
    """A district table flattened into one sentence: «…, в районе 7 изъято 8 кг гашиша, …»."""
    return (
        "Всего "
        + ", ".join(f"в районе {n} изъято {n % 90 + 2} кг {DRUGS[n % 4]}" for n in range(items))
        + "."
    )


def test_a_run_together_list_is_cut_at_its_clause_breaks():
    text = run_together(200)
    spans = split_sentences(text)
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE for start, end in spans)
    assert all(text[end - 1] in ",." for _, end in spans)  # after a comma, not inside a clause
    assert " ".join(text[a:b] for a, b in spans) == text  # nothing lost at the cuts


def test_a_semicolon_is_a_stronger_break_than_a_comma():
    text = "; ".join(f"в районе {n}, по данным полиции, изъято {n} кг" for n in range(60))
    assert all(text[end - 1] in ";" for _, end in split_sentences(text)[:-1])


def test_sentences_of_written_length_are_not_cut():
    text = "Изъято 5 кг героина, " + "а также " * 150 + "3 кг гашиша. Задержаны двое."
    assert len(text) < MAX_SENTENCE
    assert [text[a:b] for a, b in split_sentences(text)][-1] == "Задержаны двое."
    assert len(split_sentences(text)) == 2


def test_each_figure_of_a_run_together_list_is_read_in_a_sentence_of_bounded_length():
    figures = annotated(run_together(300))
    assert len(figures) >= 290
    assert all(len(f["sentence"]) <= MAX_SENTENCE for f in figures)
    heroin = [f for f in figures if f["quote"].endswith("кг") and f["object"] == "героин"]
    assert len(heroin) >= 70 and all(f["indicator"] == "drugs_seized" for f in heroin)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["изъято", "5", "кг", ",", ";", ".", "\n", "Гашиш", " ", "и"]),
                max_size=3000))  # fmt: skip
def test_spans_are_ordered_inside_the_text_and_never_longer_than_the_bound(pieces):
    text = " ".join(pieces)
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) and b - a <= MAX_SENTENCE for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert extract_figures(text) is not None
