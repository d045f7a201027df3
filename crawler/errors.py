"""Errors of a crawl as data: every failure becomes an `errors` row with a kind a person reads.

Components report through a Scrapy signal, so none of them needs a database handle; the
run recorder extension (crawler/run_recorder.py) stores and counts what it receives.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

# Sent with keyword arguments kind, url, message.
error_recorded = object()

_KINDS: list[tuple[type[BaseException], str]] = [
    (DownloadTimeoutError, "timeout"),
    (TwistedTimeoutError, "timeout"),
    (CannotResolveHostError, "dns"),
    (DNSLookupError, "dns"),
    (DownloadConnectionRefusedError, "connection_refused"),
    (DownloadCancelledError, "too_large"),
    (ResponseDataLossError, "truncated"),
    (DownloadFailedError, "download_failed"),
]


def classify_failure(failure: Failure) -> tuple[str, str]:
    """Map a request failure to (kind, message)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status} for {exc.response.url}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "robots.txt" in text:
            return "robots_disallowed", text
        if "offsite" in text.lower():
            return "offsite", text
        return "ignored", text or "request ignored"
    for exc_type, kind in _KINDS:
        if isinstance(exc, exc_type):
            return kind, f"{type(exc).__name__}: {exc}"
    return "network", f"{type(exc).__name__}: {exc}"


def report_error(crawler, kind: str, url: str | None, message: str) -> None:
    """Tell the run recorder (and the log) that something went wrong with one URL."""
    crawler.signals.send_catch_log(
        signal=error_recorded, kind=kind, url=url, message=str(message)[:2000]
    )
