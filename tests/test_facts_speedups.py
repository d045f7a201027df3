"""The facts step's shortcuts answer exactly what the slower code they replace answers."""

from __future__ import annotations

import pytest

from pipelines.facts.indicators import _LABEL, _label, vocabulary
from pipelines.facts.scope import (
    EVENT_WORDS,
    EXPLICIT_PERIOD,
    ONE_OPERATION,
    STATISTIC_WORDS,
    _scope_of,
    _Sentence,
    _statistic_beyond_vsego,
)
from pipelines.facts.sums import _CHANGED_BY, comparative_change
from pipelines.facts.words import lemma, lemma_list, lemmas_of
from pipelines.search_index import word_keys, words

TEXT = (
    "В 2024 году сотрудники МВД и ФСБ изъяли 1,5 тонны наркотиков; всё это — героин, "
    "гашиш и «соль». Ёлки, Ёжик, ЁЛКИ, iPhone-15, 3D, COVID_19, полицейские Алматинской "
    "области задержали 12 человек, а за неделю — ещё трое. Задержан 25-летний житель села."
)


def test_lemma_is_the_search_index_lemma_of_every_word():
    found = words(TEXT)
    assert len(found) > 30
    assert [lemma(w) for w in found] == [word_keys(w)[0] for w in found]
    assert lemmas_of(found) == [word_keys(w)[0] for w in found]
    assert lemma_list(TEXT) == [word_keys(w)[0] for w in found]
    assert lemma("МВД") == word_keys("МВД")[0] and lemma("Ёлки") == "елка"


@pytest.mark.parametrize(
    "before",
    ["героина – ", "героина —", "героина:\n", "гашиша -  \t", "героина", "героина –– ",
     "героина – 5 кг, ", "", "   ", "– ", "мака ( – ", "Изъято: героина -\n"],
)  # fmt: skip
def test_label_shortcut_agrees_with_the_pattern(before):
    """_label skips the search when no dash or colon ends the text: it must find what the
    pattern finds."""
    text = before + "5 кг"
    figure = {"start": len(before), "end": len(text)}
    found = _LABEL.search(before)
    expected = vocabulary().named(lemma_list(found.group(1))[0]) if found else None
    assert _label(text, figure, 0, vocabulary()) == expected


@pytest.mark.parametrize("sentence", [s.strip() + "." for s in TEXT.split(".") if s.strip()])
def test_sentence_tests_agree_with_the_patterns(sentence):
    tests = _Sentence(sentence)
    assert tests.explicit_period == bool(EXPLICIT_PERIOD.search(sentence))
    assert tests.one_operation == bool(ONE_OPERATION.search(sentence))
    assert tests.event_words == bool(EVENT_WORDS.search(sentence))
    assert tests.statistic_words == bool(STATISTIC_WORDS.search(sentence))
    assert (tests.first_statistic is not None) == _statistic_beyond_vsego(sentence)
    figure = {"unit": "count", "role": "value"}
    for stated_day in (False, True):
        for summary in (False, True):
            assert _scope_of(figure, sentence, stated_day, summary, None) == _scope_of(
                figure, tests, stated_day, summary, None
            )


@pytest.mark.parametrize(
    "lead",
    ["Изъятие увеличилось на ", "Изъятие УВЕЛИЧИЛОСЬ НА\n", "снизилось почти на", "выросло На \t",
     "сократилось более чем на  ", "увеличилось на 5", "увеличилось", "на ", "выросло на 40 кг"],
)  # fmt: skip
def test_change_shortcut_is_a_necessary_condition(lead):
    """comparative_change runs _CHANGED_BY only when the lead ends in «на»: whenever the
    pattern matches, the lead does end so."""
    if _CHANGED_BY.search(lead):
        assert lead.rstrip()[-2:].lower() == "на"
    figure = {"start": len(lead), "end": len(lead) + 2, "quote": "12"}
    expected = bool(_CHANGED_BY.search(lead[-40:])) or None
    assert comparative_change(lead + "12 кг", figure) is True or expected is None


def test_a_period_stated_before_is_found_without_reading_every_figure_for_every_sentence():
    """Each sentence before a figure is asked whether it holds one: by bisection over the
    figures' starts, not by reading them all for each sentence (3,000 sentences and figures:
    10 calls took 2.4 s, now 0.2 s)."""
    from pipelines.facts.scope import _period_stated_before

    class Counted(dict):
        reads = 0

        def get(self, key, default=None):
            Counted.reads += 1
            return super().get(key, default)

    text = "".join(f"Изъято {n} кг героина. " for n in range(1000))
    figures = [Counted(start=text.find(f"Изъято {n} ") + 7) for n in range(1000)]
    assert _period_stated_before(text, [], len(text) - 1, figures) is None
    assert Counted.reads <= 2 * len(figures)


def test_a_substance_is_looked_up_as_the_vocabulary_scan_found_it():
    """Vocabulary.named looks phrases and aliases up in dicts; it answers as the scan of the
    file's order did, for every phrase, alias and substance of data/indicators.toml."""
    vocab = vocabulary()

    def scanned(lemma, following=None):
        for first, second, name in vocab.phrases:
            if lemma == first and following == second:
                return name
        return dict(vocab.aliases).get(lemma) or (lemma if lemma in vocab.substances else None)

    asked = [(first, second) for first, second, _ in vocab.phrases]
    asked += [(first, None) for first, _, _ in vocab.phrases]
    asked += [(lemma, None) for lemma, _ in vocab.aliases]
    asked += [(lemma, None) for lemma in vocab.substances] + [("стол", None), ("героин", "стол")]
    assert [vocab.named(*q) for q in asked] == [scanned(*q) for q in asked]
