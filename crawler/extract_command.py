"""`newsmon extract`: the extraction of files or URLs as JSON lines, no crawl and no database.

An HTML page goes through the crawl's whole article chain (pipelines/chain.py); a text (`--text`)
through the same chain after the extraction step."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from w3lib.encoding import html_to_unicode

from pipelines.chain import TEXT_STEPS, SourceContext, process_article
from pipelines.extraction import FIELDS
from pipelines.items import ArticleRecord

USER_AGENT = "newsmon/0.1 (news monitoring crawler)"
MAX_BYTES = 16 * 1024 * 1024


def read_html(source: str) -> str:
    """Decode bytes the way Scrapy does: HTTP header, BOM, then <meta charset>, then a guess."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES} bytes")
            content_type = response.headers.get("Content-Type")
    else:
        data = Path(source).read_bytes()
        content_type = None
    _, text = html_to_unicode(content_type, data)
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
    }


def text_record(path: str, published: str | None) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    record = ArticleRecord(
        source="", url=path, html="", fetched_at="", body=text, published_at=published
    )
    process_article(record, SourceContext(), TEXT_STEPS)
    return {"file": path, **_found(record)}


def html_record(source: str, timezone: str | None) -> dict:
    html = read_html(source)
    url = source if "://" in source else ""
    record = ArticleRecord(source="", url=url, html=html, fetched_at="")
    process_article(record, SourceContext(timezone=timezone))
    article = {key: getattr(record, key) for key in (*FIELDS, "extractor")}
    return {"file": source, **article, **_found(record)}


def extract_inputs(
    inputs: list[str], *, text: bool, timezone: str | None, published: str | None
) -> int:
    """Print one JSON object per input; a bad input prints an error line and sets exit 1."""
    failures = 0
    for item in inputs:
        try:
            record = text_record(item, published) if text else html_record(item, timezone)
        except (OSError, ValueError) as exc:
            failures += 1
            print(f"newsmon extract: {item}: {exc}", file=sys.stderr)
            continue
        print(json.dumps(record, ensure_ascii=False))
    return 1 if failures else 0
