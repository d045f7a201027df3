"""justext's stop words from the build cache (pipelines/justext_stoplist.py): the same words as
trafilatura gathers, built once per machine, and the same justext output with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html
from trafilatura import external

from pipelines import justext_stoplist

DEMO_ARTICLE = next(
    (Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site").glob("*/[0-9]*-*.html")
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(external, "JT_STOPLIST", None)  # as in a process that has not used it
    return tmp_path / "cache"


def test_extraction_installs_the_cached_list():
    import pipelines.extraction  # noqa: F401  (installs it on import)

    assert external.jt_stoplist_init is justext_stoplist.cached_stoplist


def test_the_words_are_trafilaturas_and_are_built_once(cache, monkeypatch):
    own = set(justext_stoplist._TRAFILATURA_INIT())
    first = justext_stoplist.cached_stoplist()
    assert first == own and len(own) > 100_000
    assert external.JT_STOPLIST is first  # set where trafilatura reads it, as its own init does
    assert len(list(cache.glob("justext-stoplist-*.pickle"))) == 1

    def never():
        raise AssertionError("built again")

    monkeypatch.setattr(justext_stoplist, "_TRAFILATURA_INIT", never)
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    assert justext_stoplist.cached_stoplist() == own


def _justext_text(init) -> str:
    external.JT_STOPLIST = None
    external.jt_stoplist_init = init
    tree = lxml_html.fromstring(DEMO_ARTICLE.read_bytes())
    body = external.try_justext(tree, None, None)  # no language: the all-languages list
    return " ".join(body.itertext())


def test_justext_keeps_the_same_paragraphs(cache, monkeypatch):
    monkeypatch.setattr(external, "jt_stoplist_init", external.jt_stoplist_init)
    with_trafilaturas = _justext_text(justext_stoplist._TRAFILATURA_INIT)
    with_cached = _justext_text(justext_stoplist.cached_stoplist)
    assert with_cached == with_trafilaturas
    assert "наркот" in with_cached  # the article's paragraphs, not an empty body


def test_the_cached_list_is_lower_cased_and_justext_takes_it_as_it_is(cache, monkeypatch):
    words = justext_stoplist.cached_stoplist()
    assert all(word == word.lower() for word in words)
    monkeypatch.setattr(justext_stoplist, "_JUSTEXT_DEFINE", None)  # never called for it
    assert justext_stoplist.define_stoplist(words) is words


def test_another_list_is_lower_cased_by_justext():
    assert justext_stoplist.define_stoplist(("Und", "der")) == frozenset({"und", "der"})


def test_justext_paragraphs_are_the_same_with_the_installed_define_stoplist(cache, monkeypatch):
    import justext.core

    monkeypatch.setattr(external, "jt_stoplist_init", external.jt_stoplist_init)
    monkeypatch.setattr(justext.core, "define_stoplist", justext_stoplist._JUSTEXT_DEFINE)
    plain = _justext_text(justext_stoplist.cached_stoplist)
    monkeypatch.setattr(justext.core, "define_stoplist", justext_stoplist.define_stoplist)
    assert _justext_text(justext_stoplist.cached_stoplist) == plain
