"""`newsmon extract`: the extraction of files or URLs as JSON lines, no crawl and no database."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from w3lib.encoding import html_to_unicode

from pipelines.dates import extract_dates
from pipelines.extraction import extract_article
from pipelines.figures import extract_figures

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


def text_record(path: str, published: str | None) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    return {
        "file": path,
        "figures": extract_figures(text, published=published),
        "dates": extract_dates(text, published=published),
    }


def html_record(source: str, timezone: str | None) -> dict:
    html = read_html(source)
    article = extract_article(html, source if "://" in source else None, timezone=timezone)
    body = article.get("body") or ""
    published = (article.get("published_at") or "")[:10] or None
    return {
        "file": source,
        **article,
        "figures": extract_figures(body, published=published),
        "dates": extract_dates(body, published=published),
    }


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
