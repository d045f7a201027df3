"""The process's analyser (pipelines/morph.py) is pymorphy3's own on its Russian dictionary,
loaded without pymorphy3's search of every installed package for dictionaries."""

from __future__ import annotations

import pymorphy3
import pytest

from pipelines import morph

WORDS = ["изъято", "наркотических", "средств", "Караганде", "кустов", "задержаны", "тонны"]


def _parses(analyzer, word):
    return [(str(p.tag), p.normal_form, round(p.score, 6)) for p in analyzer.parse(word)]


def test_the_analyser_reads_as_pymorphy3_s_default_does():
    default = pymorphy3.MorphAnalyzer()
    for word in WORDS:
        assert _parses(morph.morph(), word) == _parses(default, word)


def test_the_analyser_skips_the_dictionary_search(monkeypatch):
    def searched(*args):
        raise AssertionError("entry points searched")

    monkeypatch.setattr(pymorphy3.analyzer, "_iter_entry_points", searched)
    monkeypatch.delenv(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE, raising=False)
    analyser = morph.morph.__wrapped__()
    assert analyser.parse("изъято")[0].normal_form == "изъять"
    with pytest.raises(AssertionError):
        pymorphy3.MorphAnalyzer()  # the default does search
