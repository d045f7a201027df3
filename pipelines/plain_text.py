"""Text reaching the database is data: control characters (except newline and tab) and lone
surrogates are removed from every text field of an article (`PlainTextPipeline`), and from HTML
before it is parsed (`strip_control_refs`). Markup-looking and SQL-looking text stays as it is:
`&lt;script&gt;` on the page is the text `<script>`, stored so and escaped by whoever displays
it. A headline repeated as the body's first line is dropped from the body. Words of the title,
description and body written with look-alike letters of another script are written in one
(`pipelines/homoglyphs.py`), so that search and every analysis step read them as words.
"""

from __future__ import annotations

import re

from pipelines.homoglyphs import fold_homoglyphs

# C0 controls except tab and newline (\r is normalised to \n first), DEL, C1 controls and lone
# UTF-16 surrogates (which cannot even be encoded to UTF-8 for SQLite).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?")


def strip_control(text: str) -> tuple[str, int]:
    """The text without control characters (newline and tab kept), and how many were removed."""
    text = _NEWLINES.sub("\n", text)
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed


# Character references to the same controls (&#7;, &#x1b;): lxml's HTML parser turns them into
# characters that make trafilatura drop the whole body.
_CONTROL_REFS = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?![0-9])"
    r"|[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)


def strip_control_refs(html: str) -> tuple[str, int]:
    """HTML without character references to control characters, and how many were removed."""
    return _CONTROL_REFS.subn("", html)


def plain_text(value):
    """A text field as plain data: control characters removed; other values unchanged."""
    if isinstance(value, str):
        return strip_control(value)[0]
    return value


class PlainTextPipeline:
    """Item pipeline step before storage: every text field of an article is plain text.

    Markup-looking text (a title reading ``<script>``) and SQL-looking text stay as they are:
    they are characters, stored through bound parameters and escaped by whoever displays them.
    """

    FIELDS = ("title", "author", "description", "body", "lang", "published_at")
    PROSE = ("title", "description", "body")  # «нарκотиκов» (Greek κ) read as «наркотиков»

    def process_item(self, item):
        for name in self.FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str):
                value = plain_text(value)
                setattr(item, name, fold_homoglyphs(value) if name in self.PROSE else value)
        if isinstance(item.body, str) and item.title:
            item.body = without_headline(item.body, item.title)
        return item


_SPACE = re.compile(r"\s+")


def without_headline(body: str, title: str) -> str:
    """The body without the headline repeated as its first line (an <h1> inside the article
    element comes out as the first paragraph): the title is stored once, in `title`."""
    first, _, rest = body.lstrip().partition("\n")
    if rest.strip() and _SPACE.sub(" ", first).strip() == _SPACE.sub(" ", title).strip():
        return rest.lstrip("\n")
    return body
