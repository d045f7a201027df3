"""trafilatura's costliest prunings, evaluated in Python with the same result.

trafilatura removes boilerplate with XPath expressions that test @id, @class and @style through
EXSLT's ``re:test``. lxml answers each ``re:test`` with a call back into Python that wraps the
attribute in a new string object, even where the element has no such attribute; on a real
Russian news page (400 to 1,100 elements) five of those expressions took about 10 of
trafilatura's 23 ms, half of it on the raw tree its readability fallback prunes again. Here each
of the five is a Python predicate over one walk of the elements, reading each element's
attributes once, with trafilatura's own regular expressions: the same elements in the same
order, 2.5 to 4 times faster (`bench/trafilatura_prunings.py`).

Safety: a predicate stands in for an expression only if the expression's structure, its text
with every quoted literal blanked, hashes to the digest recorded here; the literals themselves
(the regular expressions and words) are read from trafilatura's expression at run time. A
trafilatura release that reshapes an expression leaves it as it is, slower, never different.
``tests/test_fast_prune.py`` holds every predicate equal to its expression on every element of
real pages, and the extraction equal with and without them.

Used only inside ``faster_prunings()`` around our own extraction, so trafilatura called
elsewhere in the process (``bench/crawl.py``'s "trafilatura alone") stays as shipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterator
from functools import cache

from lxml import etree
from trafilatura import xpaths

_LITERAL = re.compile(r"'([^']*)'")

# (element, its attributes in source order as lxml's items() lists them) -> whether the
# expression selects the element; built from the expression's literals. The attributes are read
# once per element, as each lxml attribute lookup is a call of its own.
Predicate = Callable[[etree._Element, list[tuple[str, str]]], bool]


def _skeleton(path: str) -> str:
    """The expression with its literals blanked and its whitespace collapsed."""
    return " ".join(_LITERAL.sub("''", path).split())


def _digest(path: str) -> str:
    return hashlib.sha256(_skeleton(path).encode()).hexdigest()[:16]


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.UNICODE)  # as lxml's EXSLT re:test compiles it


def _first_of(items: list[tuple[str, str]], names: tuple[str, str]) -> str:
    """XPath's string(@a|@b): the value of whichever of the two comes first in the source."""
    for name, value in items:
        if name in names:
            return value
    return ""


def _overall_discard(lits: list[str]) -> Predicate:
    """Navigation, sharing, ads, cookie banners: by role, data attributes, id and class."""
    role_from, role_to, nav, component, first_pattern, id_pattern, class_pattern = lits
    table = str.maketrans(role_from, role_to)
    first, by_id, by_class = _regex(first_pattern), _regex(id_pattern), _regex(class_pattern)

    def test(element: etree._Element, items: list[tuple[str, str]]) -> bool:
        get = dict(items).get
        return (
            get("data-lp-replacement-content") is not None
            or nav in get("role", "").translate(table)
            or component in get("data-component", "")
            or bool(first.search(_first_of(items, ("id", "class"))))
            or bool(by_id.search(get("id", "")))
            or bool(by_class.search(get("class", "")))
        )

    return test


def _hidden(lits: list[str]) -> Predicate:
    """Hidden blocks, comment titles and replies: by id, class, style and aria-hidden."""
    title, reply, hidden, none1, none2, id_pattern, class_pattern, true = lits
    by_hidden, by_id, by_class = _regex(hidden), _regex(id_pattern), _regex(class_pattern)

    def test(element: etree._Element, items: list[tuple[str, str]]) -> bool:
        get = dict(items).get
        style = get("style", "")
        return (
            get("class") == title
            or _first_of(items, ("id", "class")).startswith(reply)
            or bool(by_hidden.search(_first_of(items, ("id", "style"))))
            or none1 in style
            or none2 in style
            or bool(by_id.search(get("id", "")))
            or bool(by_class.search(get("class", "")))
            or get("aria-hidden") == true
        )

    return test


def _id_or_class(lits: list[str]) -> Predicate:
    """Comment sections: an id or a class pattern."""
    id_pattern, class_pattern = lits
    by_id, by_class = _regex(id_pattern), _regex(class_pattern)

    def test(element: etree._Element, items: list[tuple[str, str]]) -> bool:
        get = dict(items).get
        return bool(by_id.search(get("id", ""))) or bool(by_class.search(get("class", "")))

    return test


def _comment_lists(lits: list[str]) -> Predicate:
    """Comment sections, and lists only when their own id or class says comments."""
    broad = _id_or_class(lits[:2])
    strict = _id_or_class(lits[2:])

    def test(element: etree._Element, items: list[tuple[str, str]]) -> bool:
        return broad(element, items) and (element.tag not in ("ol", "ul") or strict(element, items))

    return test


def _appended_articles(lits: list[str]) -> Predicate:
    """Infinite-scroll containers of follow-up articles, unless they hold the page's h1."""
    broad = _id_or_class(lits[:2])
    strict = _id_or_class(lits[2:])

    def test(element: etree._Element, items: list[tuple[str, str]]) -> bool:
        if not broad(element, items):
            return False
        return next(element.iterdescendants("h1"), None) is None or strict(element, items)

    return test


def _needs_an_attribute(lits: list[str]) -> bool:
    """Whether no element without attributes can be selected: every literal is a non-empty
    word, and no pattern matches the empty string (an absent attribute reads as "")."""
    try:
        return all(lit and not _regex(lit).search("") for lit in lits)
    except re.error:  # a word that is no pattern: it cannot be told, so every element is tested
        return False


class FastPruning:
    """Called like the XPath it replaces: the selected descendants, in document order."""

    def __init__(
        self, xpath: etree.XPath, tags: tuple[str, ...], predicate: Predicate, lits: list[str]
    ) -> None:
        self.xpath = xpath
        self.path = xpath.path
        self._tags = tags or (etree.Element,)  # no tag test: every element
        self._predicate = predicate
        self._skip_bare = _needs_an_attribute(lits)

    def __call__(self, tree: etree._Element) -> list[etree._Element]:
        test, skip_bare = self._predicate, self._skip_bare
        return [
            element
            for element in tree.iterdescendants(*self._tags)
            if ((items := element.items()) or not skip_bare) and test(element, items)
        ]


# (list in trafilatura.xpaths, index, structure digest, tags tested by self::, predicate)
_REPLACEMENTS: tuple[tuple[str, int, str, tuple[str, ...], Callable], ...] = (
    (
        "OVERALL_DISCARD_XPATH",
        0,
        "c5f91889e89229a6",
        ("div", "item", "list", "p", "section", "span"),
        _overall_discard,
    ),
    ("OVERALL_DISCARD_XPATH", 1, "f1b0b95cd9ff373b", (), _hidden),
    (
        "REMOVE_COMMENTS_AND_LISTS_XPATH",
        0,
        "51400288b537b551",
        ("div", "list", "section", "details", "ol", "ul"),
        _comment_lists,
    ),
    (
        "REMOVE_COMMENTS_XPATH",
        0,
        "b0533f616b8fa80c",
        ("div", "list", "section", "details"),
        _id_or_class,
    ),
    (
        "RAW_TREE_PRUNE_XPATH",
        0,
        "4b56d6a6629a6fc3",
        ("div", "section", "aside"),
        _appended_articles,
    ),
)


@cache
def fast_prunings() -> dict[tuple[str, int], FastPruning]:
    """The replacements whose expression has the recorded structure, keyed by list and index."""
    found = {}
    for name, index, digest, tags, build in _REPLACEMENTS:
        expressions = getattr(xpaths, name, None)
        if not isinstance(expressions, list) or index >= len(expressions):
            continue
        xpath = expressions[index]
        if isinstance(xpath, etree.XPath) and _digest(xpath.path) == digest:
            lits = _LITERAL.findall(xpath.path)
            try:
                found[(name, index)] = FastPruning(xpath, tags, build(lits), lits)
            except (re.error, ValueError):  # a pattern Python cannot compile: trafilatura's stays
                continue
    return found


@contextlib.contextmanager
def faster_prunings() -> Iterator[None]:
    """trafilatura's lists hold the Python predicates while the block runs. trafilatura's
    modules import the lists themselves, so they are changed in place and put back after."""
    replaced = fast_prunings()
    for (name, index), fast in replaced.items():
        getattr(xpaths, name)[index] = fast
    try:
        yield
    finally:
        for (name, index), fast in replaced.items():
            getattr(xpaths, name)[index] = fast.xpath
