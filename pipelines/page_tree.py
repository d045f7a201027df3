"""One parse of a page, shared by the metadata, the date finder and trafilatura.

The tree is the one trafilatura's own `load_html` builds (same decoding, same repairs, same
parser options), with one difference: its elements get their Python class from lxml's C-level
default lookup, not from `lxml.html`'s lookup, a Python method that lxml calls for every element
proxy it creates. trafilatura walks and copies the tree many times, so that method ran about
5,000 times a page. Every element is still an `HtmlElement` (what trafilatura checks for); only
the form-field subclasses (`InputElement`, `SelectElement`, ...) are gone, and nothing here or
in trafilatura reads a form. `tests/test_page_tree.py` holds the extraction's output equal to
that of trafilatura's parse.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

LOGGER = logging.getLogger(__name__)


def _page_parser() -> HTMLParser:
    # the options of trafilatura.utils.HTML_PARSER
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


PAGE_PARSER = _page_parser()


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return fromstring(text.encode("utf8", "surrogatepass"), parser=PAGE_PARSER)
    except Exception as error:  # lxml's many parse errors
        LOGGER.debug("lxml could not parse the page's bytes: %r", error)
        return None


def parse_page(html: str | bytes) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML (as trafilatura.utils.load_html decides)."""
    text = decode_file(html)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree = None
    fell_back = False
    try:
        tree = fromstring(text, parser=PAGE_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, fell_back = _parse_bytes(text), True
    except Exception as error:  # lxml's many parse errors
        LOGGER.debug("lxml could not parse the page: %r", error)
    if (tree is None or len(tree) < 1) and not fell_back:
        tree = _parse_bytes(text)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not (well-formed) HTML at all
    return tree
