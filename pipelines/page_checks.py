"""Whether a fetched page is an article page at all: empty, a "not found" page served with
status 200 (a soft 404), or markup too deep for the parser to read whole.

The checks read the tree the extraction step parses anyway (pipelines/page_tree.py), so a crawl
parses each page once, in its extraction workers, not a second time in the crawl process. The
findings travel on the record (`page_problems`, `page_refusal`); the crawl reports them as
errors rows and does not store a refused page (crawler/page_reports.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

# The error kinds of these findings (crawler/errors.py names them with their meaning).
EMPTY_PAGE = "empty_page"
SOFT_404 = "soft_404"
TOO_DEEPLY_NESTED = "too_deeply_nested"

# Title or main heading of a "page not found" page served with status 200.
_NOT_FOUND = re.compile(
    r"страниц\w*\s+(?:\w+\s+)?не\s+(?:найден\w*|существует)|не\s+удалось\s+найти\s+\w+"
    r"|запрашиваем\w*\s+страниц\w*(?:\s+не\s+найден\w*)?|page\s+(?:was\s+)?not\s+found"
    r"|\bnot\s+found\b"
    r"|(?:ошибка|error)\s*404|бет\s+табылмады|^\s*404\s*(?:$|[-–—:|.!])",
    re.IGNORECASE,
)
SOFT_404_MAX_TEXT = 600  # a "not found" message in a page with less visible text than this

# libxml2's message when it stops at its depth limit (256 levels without huge_tree)
_TOO_DEEP_MESSAGE = "Excessive depth"
_HIDDEN = ("script", "style", "noscript", "template")
# The text a reader sees: every text node outside scripts, styles and templates. A tail after
# a script is outside it (in XPath's model the tail is the script's sibling).
_VISIBLE_TEXT = etree.XPath(
    "descendant::text()[not(" + " or ".join(f"ancestor::{tag}" for tag in _HIDDEN) + ")]"
)


@dataclass
class PageShape:
    title: str
    heading: str
    visible: int  # characters of visible text in the body, whitespace not counted
    text: str  # that text, whitespace collapsed, when it is short enough to be a message
    too_deep: bool  # markup nested past the HTML parser's depth limit (256)


@dataclass
class PageFindings:
    """Problems to report (the page is kept) and the refusal (the page is not stored)."""

    problems: list[tuple[str, str]]
    refusal: tuple[str, str] | None


def parse_too_deep(parser: etree.HTMLParser) -> bool:
    """Whether the parser's last parse stopped at libxml2's depth limit."""
    return any(_TOO_DEEP_MESSAGE in entry.message for entry in parser.error_log)


def _solid(text: str) -> int:
    """Characters that are not whitespace."""
    return len(text) - sum(map(text.count, " \n\t\r\xa0\f\v"))


def tree_shape(root: HtmlElement, too_deep: bool) -> PageShape:
    """Title, first heading and visible text of a parsed page; the tree is not changed.
    The visible text is the body's text less its scripts' and styles': counted with lxml's
    text_content, and read node by node only where it is short (an XPath over every text node
    costs as much as the parse)."""
    title = " ".join((root.findtext(".//title") or "").split())
    heading = next((" ".join(h.text_content().split()) for h in root.iter("h1")), "")
    body = root.find("body")
    body = body if body is not None else root
    hidden = [e for e in body.iter(*_HIDDEN) if next(e.iterancestors(*_HIDDEN), None) is None]
    visible = _solid(body.text_content()) - sum(_solid(e.text_content()) for e in hidden)
    text = ""
    if visible < SOFT_404_MAX_TEXT:
        text = " ".join("".join(_VISIBLE_TEXT(body) if hidden else [body.text_content()]).split())
    return PageShape(title, heading, visible, text, too_deep)


def text_shape(text: str) -> PageShape:
    """The shape of markup the extraction's parse did not take as HTML (plain text, a
    fragment): lxml's default parse of it, as a browser would show it."""
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, collect_ids=False)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml's many errors on junk: nothing a reader would see either
        return PageShape("", "", 0, "", False)
    return tree_shape(root, parse_too_deep(parser))


def soft_404(shape: PageShape) -> str | None:
    """The words by which a status-200 page says it does not exist, or None."""
    for text in (shape.title, shape.heading):
        if match := _NOT_FOUND.search(text):
            return match.group(0).strip()
    # shape.text is read only when it may be this short (it is never shorter than `visible`)
    if len(shape.text) < SOFT_404_MAX_TEXT and (match := _NOT_FOUND.search(shape.text)):
        return match.group(0).strip()
    return None


def page_findings(shape: PageShape) -> PageFindings:
    problems = []
    if shape.too_deep:
        problems.append(
            (
                TOO_DEEPLY_NESTED,
                "markup nested more than 256 levels deep: the HTML parser stops there, text "
                "inside the deepest part is lost",
            )
        )
    refusal = None
    if not shape.visible:
        refusal = (EMPTY_PAGE, "the page has no visible text")
    elif reason := soft_404(shape):
        refusal = (SOFT_404, f"status 200 but the page says it does not exist: {reason!r}")
    return PageFindings(problems, refusal)
