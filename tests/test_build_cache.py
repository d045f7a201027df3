"""Built once per machine (pipelines/build_cache.py): the gazetteer's index is not rebuilt by
every process, and a changed input, a broken file or an unwritable folder never gives a wrong
or missing result."""

from __future__ import annotations

import functools
import gc
import logging
import pickle

import pytest

from pipelines import build_cache
from pipelines.build_cache import cached_build
from pipelines.phrases import PhraseIndex, tokenize
from pipelines.places_gazetteer import GAZETTEER_DIR, _build_gazetteer, load_gazetteer


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(folder))
    return folder


def _counting_build(calls: list, value):
    def build():
        calls.append(1)
        return value

    return build


def test_a_second_process_loads_what_the_first_built(cache, tmp_path):
    source = tmp_path / "names.tsv"
    source.write_text("Караганда\n", encoding="utf-8")
    calls: list = []
    first = cached_build("index", [source], _counting_build(calls, {"караганда": [1, 2]}))
    again = cached_build("index", [source], _counting_build(calls, "never built"))
    assert first == again == {"караганда": [1, 2]}
    assert len(calls) == 1
    assert len(list(cache.glob("index-*.pickle"))) == 1


def test_a_changed_input_builds_again_and_drops_the_stale_file(cache, tmp_path):
    source = tmp_path / "names.tsv"
    source.write_text("Караганда\n", encoding="utf-8")
    cached_build("index", [source], lambda: "old")
    source.write_text("Караганда\nТемиртау\n", encoding="utf-8")
    assert cached_build("index", [source], lambda: "new") == "new"
    assert len(list(cache.glob("index-*.pickle"))) == 1


def test_a_broken_file_is_rebuilt_with_a_warning(cache, tmp_path, caplog):
    source = tmp_path / "names.tsv"
    source.write_text("x", encoding="utf-8")
    cached_build("index", [source], lambda: "built")
    (broken,) = cache.glob("index-*.pickle")
    broken.write_bytes(b"\x80\x05 truncated")
    with caplog.at_level(logging.WARNING):
        assert cached_build("index", [source], lambda: "rebuilt") == "rebuilt"
    assert "unreadable" in caplog.text
    assert cached_build("index", [source], lambda: "not again") == "rebuilt"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "names.tsv"
    source.write_text("x", encoding="utf-8")
    assert cached_build("index", [source], lambda: "built") == "built"
    assert not list(tmp_path.glob("**/*.tmp"))


def test_the_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSMON_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert build_cache.cache_dir() == tmp_path / "newsmon"


def test_the_loaded_gazetteer_is_the_built_one(cache):
    built = _build_gazetteer(GAZETTEER_DIR)
    sources = [*GAZETTEER_DIR.glob("*.tsv")]
    cached_build("gazetteer-check", sources, lambda: built)
    loaded = cached_build("gazetteer-check", sources, lambda: pytest.fail("built twice"))
    assert loaded is not built
    assert loaded.regions == built.regions and loaded.countries == built.countries
    assert loaded.capitals == built.capitals and loaded.towns == built.towns
    pairs = [(p.words, p.forms, p.payloads) for p in built.names.phrases()]
    assert [(p.words, p.forms, p.payloads) for p in loaded.names.phrases()] == pairs
    assert len(pairs) > 5000


def test_a_loaded_index_reads_only_the_phrases_a_text_asks_for_and_finds_the_same():
    built = PhraseIndex()
    for name, payload in [("Жамбылская область", "KZ-31"), ("Тараз", "KZ-31-city"),
                          ("Приморский", "village"), ("приморский", "adjective"),
                          ("Нижний Новгород", "RU-NIZ"), ("Новгород", "RU-NGR"),
                          ("Костанай", "KZ-39")]:  # fmt: skip
        built.add(name, payload)
    loaded = pickle.loads(pickle.dumps(built))
    text = tokenize("В Жамбылской области и в Нижнем Новгороде, а не в приморском Таразе.")
    assert loaded._packed is not None and not loaded._packed._read
    assert [(m.first, m.stop, [p.payloads for p in m.phrases]) for m in loaded.find(text)] == [
        (m.first, m.stop, [p.payloads for p in m.phrases]) for m in built.find(text)
    ]
    # only the phrases whose first word the text holds were read back: not «Костанай»
    assert len(loaded._packed._read) == 6
    loaded.add("Шымкент", "KZ-79")  # an index read back still takes names
    assert [m.phrases[0].payloads for m in loaded.find(tokenize("в Шымкенте"))] == [["KZ-79"]]
    assert len(loaded.phrases()) == len(built.phrases()) + 1


def test_load_gazetteer_goes_through_the_cache(cache):
    load_gazetteer.__wrapped__()  # past the in-process cache, which other tests share
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1


def test_the_ner_word_list_goes_through_the_cache_and_answers_the_same(cache, monkeypatch):
    """The NER tagger's 250,000-word index is built once per machine: a second process loads it
    and every word keeps its id."""
    from natasha.data import NEWS_NER

    from pipelines import tagger_files

    built = tagger_files._cached_word_list(NEWS_NER)
    assert len(list(cache.glob("words-slovnet_ner_news_v1-*.pickle"))) == 1
    monkeypatch.setattr(tagger_files, "_word_list", lambda path: pytest.fail("indexed twice"))
    loaded = tagger_files._cached_word_list(NEWS_NER)
    assert loaded is not built and len(loaded) == len(built) > 200_000
    for id in range(0, len(built), 997):
        word = built.decode(id)
        assert loaded.decode(id) == word and loaded.encode(word) == built.encode(word)
    assert loaded.encode("несуществующееслово") == built.unk_id


def test_a_cached_object_is_read_with_the_collector_paused_and_restored(cache, monkeypatch):
    """The gazetteer's index is some 100,000 containers: the cyclic collector's passes while
    they were unpickled took about 40 % of the load."""
    cached_build("paused", [], lambda: {"a": [1, 2]})
    seen = []
    real_load = build_cache.pickle.load

    def load(f):
        seen.append(gc.isenabled())
        return real_load(f)

    monkeypatch.setattr(build_cache.pickle, "load", load)
    assert cached_build("paused", [], lambda: pytest.fail("built twice")) == {"a": [1, 2]}
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:  # a caller that had paused it keeps it paused
        cached_build("paused", [], lambda: pytest.fail("built twice"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_toml_file_is_parsed_once_per_machine_and_again_when_edited(cache, tmp_path, monkeypatch):
    """data/indicators.toml is read by the figures and the facts steps of every process: one
    parse, cached like the builds; an edited file is parsed anew."""
    vocabulary = tmp_path / "indicators.toml"
    vocabulary.write_text('[substances]\nnames = ["героин"]\n', encoding="utf-8")
    first = build_cache.read_toml(vocabulary)
    assert first == {"substances": {"names": ["героин"]}}
    assert build_cache.read_toml(vocabulary) is first  # one parse per process
    assert len(list(cache.glob("toml-indicators-*.pickle"))) == 1
    monkeypatch.setattr(build_cache, "_parse_toml", lambda path: pytest.fail("parsed twice"))
    assert build_cache.read_toml.__wrapped__(vocabulary) == first  # another process: the cache
    vocabulary.write_text('[substances]\nnames = ["гашиш"]\n', encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(cache))
    edited = build_cache.read_toml.__wrapped__(vocabulary)
    assert edited == {"substances": {"names": ["гашиш"]}}
    assert len(list(cache.glob("toml-indicators-*.pickle"))) == 1  # the stale one dropped


def test_the_indicators_and_the_drug_names_share_one_read_of_the_vocabulary(cache, monkeypatch):
    from pipelines import substance_names
    from pipelines.facts import indicators

    reads: list = []
    real = build_cache.read_toml.__wrapped__
    monkeypatch.setattr(
        indicators, "read_toml", functools.cache(lambda p: reads.append(p) or real(p))
    )
    monkeypatch.setattr(substance_names, "read_toml", indicators.read_toml)
    vocab = indicators.vocabulary.__wrapped__()
    names = substance_names.drug_names.__wrapped__()
    assert reads == [indicators.INDICATORS_FILE]
    assert "героин" in names and any(e.code == "drugs_seized" for e in vocab.indicators)
