"""`newsmon extract`: the extraction of files or URLs as JSON lines, no crawl and no database.

An HTML page goes through the crawl's article chain (pipelines/chain.py) up to storage, whose
preparation serves only the database; a text (`--text`) through the same steps after the
extraction step."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import urllib.request
import zlib
from pathlib import Path

from w3lib.encoding import html_to_unicode

from crawler.pages import not_text
from pipelines.chain import FINDING_STEPS, SourceContext, process_article
from pipelines.extraction import FIELDS
from pipelines.figures_pipeline import TOO_MANY_FIGURES
from pipelines.items import ArticleRecord

USER_AGENT = "newsmon/0.1 (news monitoring crawler)"
MAX_BYTES = 16 * 1024 * 1024
_MARKUP = re.compile(r"<(?:!doctype|html|head|body|p|div|article|h[1-6]|title|meta)\b", re.I)


class NotAPage(ValueError):
    """The input is no HTML page (binary, PDF, image, empty): nothing is extracted from it."""


def read_bytes(source: str) -> tuple[bytes, str | None]:
    """The bytes of a file or URL (at most MAX_BYTES) and the HTTP Content-Type, if any."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type")
            if response.headers.get("Content-Encoding", "").lower() == "gzip":
                data = _gunzip(data)
    else:
        with Path(source).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        content_type = None
    if len(data) > MAX_BYTES:
        raise NotAPage(f"larger than {MAX_BYTES} bytes")
    if data[:2] == b"\x1f\x8b":  # a saved .html.gz page: the page is inside
        data = _gunzip(data)
    return data, content_type


def _gunzip(data: bytes) -> bytes:
    """Decompressed, stopping at MAX_BYTES (a gzip bomb costs no more than a big page)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
            unpacked = archive.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise NotAPage(f"gzip-compressed, but not readable gzip ({exc})") from None
    if len(unpacked) > MAX_BYTES:
        raise NotAPage(f"gzip-compressed, unpacks to more than {MAX_BYTES} bytes")
    return unpacked


def checked_text(data: bytes) -> None:
    """Refuse what is no text: an empty input, a known file format, binary data (the check the
    crawl makes too, crawler/pages.py)."""
    if not data.strip():
        raise NotAPage("empty: nothing to extract")
    if refused := not_text(data):
        raise NotAPage(f"not an HTML page or text: {refused[1]}; nothing extracted")


def read_html(source: str) -> str:
    """Decode bytes the way Scrapy does: HTTP header, BOM, then <meta charset>, then a guess."""
    data, content_type = read_bytes(source)
    checked_text(data)
    _, text = html_to_unicode(content_type, data)
    if not _MARKUP.search(text[:65536]):
        raise NotAPage("no HTML markup in it; for a plain-text file use newsmon extract --text")
    return text


def _found(record: ArticleRecord) -> dict:
    """What the chain found, under the keys `extract` has always printed (dates as "dates")."""
    return {
        "figures": record.figures,
        "dates": record.mentioned_dates,
        "places": record.places,
        "agencies": record.agencies,
        "region": record.region,
        "country": record.country,
        "step_errors": record.step_errors,
    }


def _note_limits(path: str, record: ArticleRecord) -> None:
    """A page past NEWSMON_MAX_FIGURES is printed with its first figures, and said so."""
    for kind, message in record.page_problems:
        if kind == TOO_MANY_FIGURES:
            print(f"newsmon extract: {path}: {message}", file=sys.stderr)


def text_record(path: str, published: str | None) -> dict:
    data, _ = read_bytes(path)
    checked_text(data)
    text = data.decode("utf-8")
    record = ArticleRecord(
        source="", url=path, html="", fetched_at="", body=text, published_at=published
    )
    process_article(record, SourceContext(), FINDING_STEPS[1:])
    _note_limits(path, record)
    return {"file": path, **_found(record)}


def html_record(source: str, timezone: str | None) -> dict:
    html = read_html(source)
    url = source if "://" in source else ""
    record = ArticleRecord(source="", url=url, html=html, fetched_at="")
    process_article(record, SourceContext(timezone=timezone), FINDING_STEPS)
    _note_limits(source, record)
    article = {key: getattr(record, key) for key in (*FIELDS, "extractor")}
    return {"file": source, **article, **_found(record)}


def extract_inputs(
    inputs: list[str], *, text: bool, timezone: str | None, published: str | None
) -> int:
    """Print one JSON object per input; a bad input prints an error line and sets exit 1, as
    does an analysis step that failed on an input (its object is printed without that step's
    findings, and names the failure in `step_errors`)."""
    failures = 0
    for item in inputs:
        try:
            record = text_record(item, published) if text else html_record(item, timezone)
        except (OSError, ValueError) as exc:
            failures += 1
            print(f"newsmon extract: {item}: {exc}", file=sys.stderr)
            continue
        print(json.dumps(record, ensure_ascii=False))
        for message in record["step_errors"]:
            # printed all the same, without what the step would have found
            failures += 1
            print(f"newsmon extract: {item}: step failed: {message}", file=sys.stderr)
    return 1 if failures else 0
