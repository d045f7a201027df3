"""The shared parse (pipelines/page_tree.py) gives trafilatura's own results, faster."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

import pipelines.extraction as extraction
from pipelines.extraction import TRAFILATURA_OPTIONS
from pipelines.page_tree import parse_page
from tests.conftest import shared_path

DEMO_SITE = Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site"


def _demo_pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DEMO_SITE.glob("*/[0-9]*-*.html"))]


def _body(tree) -> str | None:
    document = trafilatura.bare_extraction(tree, **TRAFILATURA_OPTIONS)
    return document.text if document is not None else None


def test_every_element_is_an_html_element_without_the_python_lookup():
    tree = parse_page("<html><body><form><input name=q></form><p>Текст</p></body></html>")
    assert all(isinstance(element, HtmlElement) for element in tree.iter())
    # lxml.html's lookup would make <input> an InputElement: the C-level lookup does not
    assert type(tree.find(".//input")) is HtmlElement


@pytest.mark.parametrize(
    "page",
    [b"", b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.4 1 0 obj", "just words, no markup"],
)
def test_what_trafilatura_refuses_is_refused(page):
    assert (parse_page(page) is None) == (load_html(page) is None)


def test_the_demo_pages_give_trafilatura_the_same_body():
    pages = _demo_pages()
    assert len(pages) >= 14
    for page in pages:
        assert _body(parse_page(page)) == _body(load_html(page))


def test_extract_article_is_unchanged_on_real_pages(monkeypatch):
    """Title, body, language and date of real news pages, with this parse and with
    trafilatura's: the same on every page."""
    folder = shared_path("bench", "aeb", "html")
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))[:60]]
    real = shared_path("corpus", "real")
    pages += [p.read_bytes() for p in sorted(real.glob("*/article*.html"))]
    ours = [extraction.extract_article(page, "https://example.kz/news/1") for page in pages]
    monkeypatch.setattr(extraction, "parse_page", load_html)
    theirs = [extraction.extract_article(page, "https://example.kz/news/1") for page in pages]
    assert sum(1 for a in ours if a["body"]) > 50
    assert ours == theirs


def test_dropping_discarded_subtrees_leaves_trafilatura_the_same_body():
    """extraction drops scripts, styles, head, navigation, footers, ... before trafilatura, to
    spare its prunings and copies: on real pages trafilatura then finds the very same body."""
    folder = shared_path("bench", "aeb", "html")
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    dates = shared_path("bench", "dates")
    pages += [gzip.decompress(p.read_bytes()) for p in sorted(dates.glob("*.html.gz"))]
    pages += [p.read_bytes() for p in sorted(shared_path("corpus", "real").glob("*/article*.html"))]
    pages += [page.encode() for page in _demo_pages()]
    dropped = {tag: 0 for tag in extraction._DISCARDED_TAGS}
    for page in pages:
        tree = parse_page(page)
        before = _body(tree)
        for element in tree.iter(*extraction._DISCARDED_TAGS):
            dropped[element.tag] += 1
        extraction._drop_discarded_subtrees(tree)
        assert _body(tree) == before
    assert len(pages) > 400
    assert min(dropped.values()) > 10, dropped
