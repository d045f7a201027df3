"""The date a page prints next to its headline, as a reader sees it.

Two passes around the headline, nearest element first (the byline under the title before the
line above it): first the page's date elements (``<time>``, an element whose class, id or
itemprop names a date), then any short line. The headline itself, a line that repeats the
headline, and prose (a line of many words) are never read: a date written inside a headline
(«… 11 августа 2011 г.», «… проиндексируют с 1 января») is what the text is about, not when
it was published.
"""

from __future__ import annotations

import re
from collections import deque
from datetime import datetime
from itertools import chain, islice

from lxml.html import HtmlElement

from pipelines.published import (
    _DATE,
    _TIME_ANYWHERE,
    parse_machine_datetime,
    parse_russian_datetime,
)

__all__ = ["find_visible_date"]

_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head", "title", "option"}
_BEFORE_TITLE = 30  # elements scanned before the title (dates printed above the headline)
_AFTER_TITLE = 80  # elements scanned after it (dates in the byline under the headline)
_MAX_DATE_BLOCK = 120  # a date line is short; longer text is prose that may cite other dates
_MAX_WORDS = 8  # "Опубликовано 12 мая, 10:30 | Просмотров: 1000 | Автор: Иван Петров" has 6
_UPDATED = re.compile(
    r"обновлен|изменен|оновлен|змінен|updated|modified|mis à jour|actualizad|aggiornat"
    r"|aktualisiert|atualizad",
    re.IGNORECASE,
)
# containers of other articles or of readers' comments, whose dates are not this page's
_OTHER_CONTENT = re.compile(r"comment|related|recommend|popular|sidebar|teaser|most-read", re.I)
_DATE_MARK = re.compile(r"date|time|publish|posted|created|дата", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _title_anchor(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    body = tree.find(".//body")
    scope = body if body is not None else tree
    headline = next(scope.iter("h1"), None)
    wanted = _normal(title)
    if wanted and (headline is None or _normal(headline.text_content()) != wanted):
        # the h1 of some sites is the site's name; the element showing the title is the headline
        for element in scope.iter("h1", "h2", "h3", "div", "span", "p"):
            if _normal(element.text_content()) == wanted:
                return element
    if headline is not None:
        return headline
    # Liferay prosecutor pages title their news with a div.feeds-page__subtitle, not an h1
    titled = scope.xpath('.//*[contains(@class, "title")][normalize-space()][1]')
    return titled[0] if titled else None


def _text(element: HtmlElement) -> str:
    # pieces joined by a space: "News24<span>13 Jan 2020</span>" is not "News2413 Jan"
    return " ".join(" ".join(element.itertext()).split())


def _date_block(element: HtmlElement, title: str) -> str:
    """The widest short text around an element that stops short of the headline: a date and its
    time often sit in sibling spans."""
    text = _text(element)
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html", "article", "main"):
            break
        wider = _text(ancestor)
        if len(wider) > _MAX_DATE_BLOCK or (title and title in wider.casefold()):
            break
        text = wider
    return text


def _own_text(element: HtmlElement) -> str:
    """Text directly inside an element, tails of its children included (<i class=icon/> 05.06)."""
    return " ".join([element.text or "", *(child.tail or "" for child in element)]).strip()


def _outside_article(element: HtmlElement, anchor: HtmlElement, shared: set) -> bool:
    """Inside the headline itself, or in sidebars, menus, footers, quotes (embedded posts), data
    tables, related-news lists and comments: containers (not holding the headline too) marked so
    by tag, class or id."""
    below_headline_container = True
    for node in chain([element], element.iterancestors()):
        if node is anchor or node.tag in ("aside", "nav", "footer", "blockquote"):
            return True
        if node.tag == "table" and node.find(".//th") is not None:
            return True
        below_headline_container = below_headline_container and node not in shared
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if below_headline_container and _OTHER_CONTENT.search(marks):
            return True
    return False


def _words(block: str) -> list[str]:
    return _WORD.findall(_TIME_ANYWHERE.sub(" ", _DATE.sub(" ", block)))


def _is_headline_link(element: HtmlElement, block: str) -> bool:
    """A link whose text is more than a date is another article's headline ("Курс на 16.03")."""
    if element.tag != "a" and next(element.iterancestors("a"), None) is None:
        return False
    return len(_words(block)) > 1


def _is_date_element(element: HtmlElement) -> bool:
    if element.tag == "time":
        return True
    marks = " ".join(element.get(name, "") for name in ("class", "id", "itemprop"))
    return bool(marks.strip()) and bool(_DATE_MARK.search(marks))


def _marked_as_update(element: HtmlElement) -> bool:
    """itemprop="dateModified", or a label "Updated:" just before it. Not a class "updated":
    WordPress themes give it to the publication time (hAtom's required field)."""
    if element.get("itemprop", "").strip().lower() == "datemodified":
        return True
    previous, parent = element.getprevious(), element.getparent()
    label = previous.tail if previous is not None else parent.text if parent is not None else ""
    return bool(_UPDATED.search((label or "")[-30:]))


def _month_first(tree: HtmlElement) -> bool:
    """An American page (English, with no region or the US) writes 03/12/2020 for March 12."""
    root = tree.getroottree().getroot()
    tag = root.get("lang") or ""
    if not tag:
        locale = root.xpath('.//meta[@property="og:locale" or @http-equiv="content-language"]')
        tag = locale[0].get("content", "") if locale else ""
    language, _, region = tag.strip().replace("_", "-").lower().partition("-")
    return language == "en" and region in ("", "us")


def _visible_candidate(
    element: HtmlElement,
    zone_name: str | None,
    now: datetime | None,
    title: str,
    month_first: bool = False,
) -> str | None:
    if _marked_as_update(element):
        return None
    if element.tag == "time" and element.get("datetime"):
        parsed = parse_machine_datetime(element.get("datetime", ""), timezone=zone_name)
        if parsed:
            return parsed
    own_text = _own_text(element)
    if (
        not own_text
        or len(own_text) > _MAX_DATE_BLOCK
        or not re.search(r"\d|вчера|сегодня|вчора|сьогодні|yesterday|today", own_text, re.I)
    ):
        return None
    block = _date_block(element, title)
    if len(block) > _MAX_DATE_BLOCK or _is_headline_link(element, block):
        return None
    if (title and title in _normal(block)) or len(_words(block)) > _MAX_WORDS:
        return None  # the headline repeated, or a sentence: its dates are what it is about
    # "Обновлено 17.03 | Опубликовано 16.03": the first date not labelled as an update
    start = 0
    for found in _DATE.finditer(block):
        if not _UPDATED.search(block[start : found.start()]):
            return parse_russian_datetime(
                block[start:], timezone=zone_name, now=now, month_first=month_first
            )
        start = found.end()
    return None


def find_visible_date(
    tree: HtmlElement,
    *,
    timezone: str | None = None,
    now: datetime | None = None,
    title: str | None = None,
) -> str | None:
    """The date printed nearest to the headline (the element showing ``title``, else the first
    ``h1``), the page's date elements first, in the forms of pipelines.published."""
    anchor = _title_anchor(tree, title)
    if anchor is None:
        return None
    scope = tree.find(".//body")
    walk = (
        element
        for element in (scope if scope is not None else tree).iter()
        if isinstance(element.tag, str) and element.tag not in _SKIPPED_TAGS
    )
    # only the window around the headline is kept: the rest of the page is never listed
    before: deque = deque(maxlen=_BEFORE_TITLE)
    for element in walk:
        if element == anchor:
            break
        before.append(element)
    else:
        return None
    elements = [*before, anchor, *islice(walk, _AFTER_TITLE - 1)]
    position = len(before)
    # nearest first; at equal distance the byline under the title wins over the line above it
    order = sorted(
        range(len(elements)),
        key=lambda index: (abs(index - position), index < position),
    )
    shared = set(anchor.iterancestors())  # the headline's containers hold the byline too

    def inside(element: HtmlElement) -> bool:
        return not _outside_article(element, anchor, shared)

    # generators: the nearest date usually settles it, so most elements are never checked
    nearby = (element for element in map(elements.__getitem__, order) if inside(element))
    marked = (
        element
        for element in map(elements.__getitem__, order)
        if _is_date_element(element) and inside(element)
    )
    shown_title = _normal(title) or _normal(anchor.text_content())
    month_first = _month_first(tree)
    for element in chain(marked, nearby):
        value = _visible_candidate(element, timezone, now, shown_title, month_first)
        if value:
            return value
    return None
