"""Pages are read as text, correctly or not at all (docs/hostile.md): charset detection when the
declared charset is wrong, control characters removed, empty bodies and binary files refused.
Empty pages and "page not found" pages served with status 200, and markup nested past the
parser's depth limit, are found on the extraction's parse (pipelines/page_checks.py)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from crawler import errors
from pipelines.plain_text import strip_control, strip_control_refs

_UTF8 = "utf-8"
_LATIN = {"cp1252", "iso8859-1", "latin-1", "ascii", "iso8859-15"}
_CYRILLIC = {"cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "mac-cyrillic"}
# A page declared UTF-8 with at most this share of broken sequences is UTF-8 with bad bytes,
# not another charset in disguise.
_BROKEN_UTF8_SHARE = 0.02


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect_charset(body: bytes) -> str | None:
    """The charset the bytes look like (charset-normalizer), as a Python codec name."""
    best = from_bytes(body[:262144]).best()
    return _codec(best.encoding) if best else None


@dataclass
class DecodedPage:
    text: str
    encoding: str
    problems: list[tuple[str, str]] = field(default_factory=list)


def decode_html(body: bytes, content_type: str | None) -> DecodedPage:
    """Bytes of an HTML page to text. The declared charset (HTTP header, else <meta>) is
    trusted only while it decodes the bytes cleanly; otherwise the real charset is detected, and
    the mismatch is a problem to report (`wrong_charset`, `invalid_encoding`)."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return DecodedPage(body[len(bom) :].decode(bom_encoding, "replace"), _codec(bom_encoding))
    declared = _codec(http_content_type_encoding(content_type or "")) or _codec(
        html_body_declared_encoding(body)
    )
    has_non_ascii = not body.isascii()
    if declared is None:
        try:
            return DecodedPage(body.decode(_UTF8), _UTF8)
        except UnicodeDecodeError:
            encoding = detect_charset(body) or "cp1251"
            return DecodedPage(body.decode(encoding, "replace"), encoding)
    try:
        text = body.decode(declared)
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if declared == _UTF8 or not has_non_ascii:
            return DecodedPage(text, declared)
        if _is_utf8(body):  # valid UTF-8 with non-ASCII bytes is never an accident
            return _wrong(body, declared, _UTF8)
        if declared in _LATIN and (detected := detect_charset(body)) in _CYRILLIC:
            return _wrong(body, declared, detected)
        return DecodedPage(text, declared)
    if declared == _UTF8:
        replaced = body.decode(_UTF8, "replace")
        broken = replaced.count("\ufffd") - body.count("\ufffd".encode())
        non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore"))
        if broken <= max(8, _BROKEN_UTF8_SHARE * non_ascii):
            return _broken(replaced, declared, broken)
    elif _is_utf8(body):
        return _wrong(body, declared, _UTF8)
    detected = detect_charset(body)
    if detected and detected != declared:
        return _wrong(body, declared, detected)
    replaced = body.decode(declared, "replace")
    return _broken(replaced, declared, replaced.count("\ufffd"))


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode(_UTF8)
    except UnicodeDecodeError:
        return False
    return True


def _wrong(body: bytes, declared: str, actual: str) -> DecodedPage:
    return DecodedPage(
        body.decode(actual, "replace"),
        actual,
        [
            (
                errors.WRONG_CHARSET,
                f"page declares charset {declared} but is {actual}; read as {actual}",
            )
        ],
    )


def _broken(text: str, declared: str, broken: int) -> DecodedPage:
    return DecodedPage(
        text,
        declared,
        [
            (
                errors.INVALID_ENCODING,
                f"{broken} byte sequence(s) are not valid {declared}; replaced with U+FFFD",
            )
        ],
    )


# Magic numbers of files that servers sometimes label text/html, and what to call them.
_FORMATS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
)
# Bytes that are not text: C0 controls other than tab, newline, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def not_text(body: bytes) -> tuple[str, str] | None:
    """(error kind, what the bytes are) when they are no page of text: a known file format by
    its magic number (`not_html`), or a head with more than 10% control bytes (`not_text`).
    None for text. A text page with a few stray NUL bytes is text (read_article_page removes
    them and reports it). `newsmon extract` and the crawl both ask this before extracting."""
    head = body[:4096]
    for magic, what in _FORMATS:
        if head.startswith(magic):
            return errors.NOT_HTML, what
    if head[4:8] == b"ftyp" or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return errors.NOT_HTML, "a video or image file"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes
        return None
    control = len(head.translate(None, _TEXT_BYTES))
    if control * 10 > len(head):
        return (
            errors.NOT_TEXT,
            f"binary data, not text ({control} of the first {len(head)} bytes are control bytes)",
        )
    return None


@dataclass
class ArticlePage:
    """What the spider learned reading one article page: the text to store (or a refusal) and
    the problems to report."""

    text: str
    encoding: str
    problems: list[tuple[str, str]]
    refusal: tuple[str, str] | None = None


def read_article_page(body: bytes, content_type: str | None) -> ArticlePage:
    """The page's text in the right charset, control characters removed. What needs its parse
    (empty, soft 404, too deep: pipelines/page_checks.py) the chain's extraction step reads,
    where the page is parsed anyway, and crawler/page_reports.py reports."""
    if not body.strip():
        return ArticlePage("", "", [], (errors.EMPTY_PAGE, "status 200 with an empty body"))
    decoded = decode_html(body, content_type)
    problems = list(decoded.problems)
    text, removed = strip_control(decoded.text)
    text, references = strip_control_refs(text)
    removed += references
    if removed:
        problems.append(
            (errors.CONTROL_CHARACTERS, f"{removed} control character(s) (NUL, ESC, …) removed")
        )
    return ArticlePage(text, decoded.encoding, problems)
