"""trafilatura's prunings in Python (pipelines/fast_prune.py) select what its XPath selects."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
import trafilatura.core
import trafilatura.external
import trafilatura.htmlprocessing
import trafilatura.main_extractor
from lxml import etree
from trafilatura import xpaths

import pipelines.fast_prune as fast_prune
from pipelines.extraction import extract_article
from pipelines.fast_prune import FastPruning, fast_prunings, faster_prunings
from pipelines.page_tree import parse_page
from tests.conftest import shared_path

DEMO_SITE = Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site"
WRITTEN_FOR = "2.3.1"  # the trafilatura release whose expressions the predicates mirror

# Elements that exercise every branch: the source order of id/class/style, absent and empty
# attributes, role spelt with a capital, lists with and without a comments id, an appended
# article with and without the page's h1.
PROBE = """<html><body>
<div class="cookie-notice" id="main">first attribute is class: cookie counts</div>
<div id="main" class="cookie-notice">first attribute is id: cookie does not count</div>
<div id="cookie">id cookie</div>
<div class="">empty class</div><div id="">empty id</div>
<section role="Navigation">role with a capital</section>
<span data-lp-replacement-content="">replacement</span>
<p data-component="MostPopularStoriesList">popular</p>
<div class="share-buttons"><p>share</p></div><div id="related-news"><p>x</p></div>
<span class="widget">ad</span><em class="widget">not a tested tag</em>
<a class="comments-title">title</a><a class="comments-title x">title and more</a>
<b id="reply-1" class="x">reply by id</b><b class="reply-2" id="y">reply by class</b>
<i style="color:red" id="hidden-block">style comes first</i>
<i id="hidden-block" style="color:red">id comes first</i>
<u style="display: none">none</u><u style="display:none">none</u>
<u aria-hidden="true">aria</u><u aria-hidden="false">aria false</u>
<div id="comments"><ul id="comment-list"><li>c</li></ul><ol class="x"><li>n</li></ol></div>
<ul class="article-comments"><li>c</li></ul><ol id="commentary"><li>c</li></ol>
<details class="comment-box">d</details><div id="disqus_thread">d</div>
<div class="infinite-scroll"><p>next story</p></div>
<div class="infinite-scroll"><h1>the page's own article</h1></div>
<aside id="mvp-post-add-box"><h1>headline</h1></aside>
<section class="mvp-post-add-wrap"><p>appended</p></section>
<div><div><div class="nav-menu"><span class="bar">deep</span></div></div></div>
</body></html>"""


def _demo_pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(DEMO_SITE.glob("*/[0-9]*-*.html"))]


def _real_pages() -> list[bytes]:
    aeb = shared_path("bench", "aeb", "html")
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(aeb.glob("*.html.gz"))[:80]]
    pages += [p.read_bytes() for p in sorted(shared_path("corpus", "real").glob("*/article*.html"))]
    return pages


def test_every_expression_is_replaced_on_the_release_it_was_written_for():
    if trafilatura.__version__ != WRITTEN_FOR:
        pytest.skip(f"trafilatura {trafilatura.__version__}: only the equality tests apply")
    assert len(fast_prunings()) == len(fast_prune._REPLACEMENTS)


def test_each_predicate_selects_what_its_xpath_selects_on_the_probe():
    tree = parse_page(PROBE)
    assert fast_prunings()
    for fast in fast_prunings().values():
        expected = fast.xpath(tree)
        assert fast(tree) == expected, fast.path
    overall = fast_prunings()[("OVERALL_DISCARD_XPATH", 0)](tree)
    texts = [" ".join(e.text_content().split()) for e in overall]
    assert "first attribute is class: cookie counts" in texts
    assert "first attribute is id: cookie does not count" not in texts
    assert "role with a capital" in texts
    hidden = [e.text for e in fast_prunings()[("OVERALL_DISCARD_XPATH", 1)](tree)]
    assert "style comes first" not in hidden and "id comes first" in hidden


def test_each_predicate_selects_what_its_xpath_selects_inside_trafilatura(monkeypatch):
    """Every pruning trafilatura runs while it extracts real and demo pages, on the very tree it
    runs on (raw, cleaned, converted): the same elements in the same order."""
    replaced = {id(fast.xpath): fast for fast in fast_prunings().values()}
    compared = []
    original = trafilatura.htmlprocessing.prune_unwanted_nodes

    def comparing(tree, nodelist, with_backup=False):
        for expression in nodelist:
            if id(expression) in replaced:
                expected = expression(tree)
                assert replaced[id(expression)](tree) == expected, expression.path
                compared.append(len(expected))
        return original(tree, nodelist, with_backup)

    for module in (trafilatura.core, trafilatura.external, trafilatura.main_extractor):
        monkeypatch.setattr(module, "prune_unwanted_nodes", comparing)
    monkeypatch.setattr(fast_prune, "fast_prunings", dict)  # trafilatura's own expressions run
    pages = _demo_pages() + _real_pages()
    for page in pages:
        extract_article(page, "https://example.kz/news/1")
    assert len(compared) > 5 * len(pages) and sum(compared) > 1000


def test_the_extraction_is_the_same_with_and_without_them(monkeypatch):
    pages = _demo_pages() + _real_pages()
    ours = [extract_article(page, "https://example.kz/news/1") for page in pages]
    monkeypatch.setattr(fast_prune, "fast_prunings", dict)
    theirs = [extract_article(page, "https://example.kz/news/1") for page in pages]
    assert sum(1 for a in ours if a["body"]) > 80
    assert ours == theirs


def test_trafilatura_outside_the_block_keeps_its_own_expressions():
    before = {key: getattr(xpaths, key[0])[key[1]] for key in fast_prunings()}
    with pytest.raises(RuntimeError), faster_prunings():
        assert all(getattr(xpaths, k[0])[k[1]] is fast_prunings()[k] for k in before)
        raise RuntimeError("an extraction that fails")
    assert {key: getattr(xpaths, key[0])[key[1]] for key in before} == before
    assert all(isinstance(xpath, etree.XPath) for xpath in before.values())


def test_a_reshaped_expression_is_left_as_it_is(monkeypatch):
    """A release that changes an expression's structure keeps it: slower, never different."""
    reshaped = etree.XPath(
        ".//*[self::div or self::p][re:test(@id, 'comment') and re:test(@class, 'x')]",
        namespaces={"re": "http://exslt.org/regular-expressions"},
    )
    monkeypatch.setattr(xpaths, "REMOVE_COMMENTS_XPATH", [reshaped])
    fast_prunings.cache_clear()
    try:
        found = fast_prunings()
        assert ("REMOVE_COMMENTS_XPATH", 0) not in found
        with faster_prunings():
            assert xpaths.REMOVE_COMMENTS_XPATH[0] is reshaped
    finally:
        fast_prunings.cache_clear()


def test_new_literals_of_the_same_shape_are_taken_from_trafilatura(monkeypatch):
    """Tokens change between releases more often than shapes: the predicate reads them from
    the expression, so a new token is honoured, not ignored."""
    original = xpaths.REMOVE_COMMENTS_XPATH[0]
    retokened = etree.XPath(
        original.path.replace("disqus_thread", "talk_thread"),
        namespaces={"re": "http://exslt.org/regular-expressions"},
    )
    monkeypatch.setattr(xpaths, "REMOVE_COMMENTS_XPATH", [retokened])
    fast_prunings.cache_clear()
    try:
        fast = fast_prunings()[("REMOVE_COMMENTS_XPATH", 0)]
        assert isinstance(fast, FastPruning)
        tree = parse_page('<html><body><div id="talk_thread">t</div><div>x</div></body></html>')
        assert (
            [e.get("id") for e in fast(tree)]
            == ["talk_thread"]
            == [e.get("id") for e in retokened(tree)]
        )
    finally:
        fast_prunings.cache_clear()


def test_a_pattern_matching_nothing_selects_elements_without_attributes_too(monkeypatch):
    """An absent attribute reads as "": where a new pattern matches "", elements with no
    attribute at all are tested, as the XPath tests them."""
    original = xpaths.REMOVE_COMMENTS_XPATH[0]
    path = original.path.replace("disqus_thread", "disqus_thread|^$")
    everything = etree.XPath(path, namespaces={"re": "http://exslt.org/regular-expressions"})
    monkeypatch.setattr(xpaths, "REMOVE_COMMENTS_XPATH", [everything])
    fast_prunings.cache_clear()
    try:
        fast = fast_prunings()[("REMOVE_COMMENTS_XPATH", 0)]
        tree = parse_page(PROBE)
        selected = fast(tree)
        assert selected == everything(tree)
        assert any(not element.attrib for element in selected)
    finally:
        fast_prunings.cache_clear()
