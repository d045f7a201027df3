"""A failed request as an error kind and message (crawler/errors.py has the kinds)."""

from __future__ import annotations

from http import HTTPStatus

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

from crawler import errors
from crawler.addresses import resolver_refusal
from crawler.refusal import CrawlRefused
from crawler.urls import host_of

_KINDS: list[tuple[type[BaseException], str]] = [
    (DownloadTimeoutError, errors.TIMEOUT),
    (TwistedTimeoutError, errors.TIMEOUT),
    (CannotResolveHostError, errors.DNS),
    (DNSLookupError, errors.DNS),
    (DownloadConnectionRefusedError, errors.CONNECTION_REFUSED),
    (DownloadCancelledError, errors.TOO_LARGE),
    (ResponseDataLossError, errors.TRUNCATED),
    (DownloadFailedError, errors.DOWNLOAD_FAILED),
]


def classify_failure(failure: Failure) -> tuple[str, str]:
    """Map a request failure to (kind, message)."""
    exc = failure.value
    if isinstance(exc, CrawlRefused):
        return exc.kind, exc.message
    request = getattr(failure, "request", None)
    if isinstance(exc, CannotResolveHostError | DNSLookupError) and request is not None:
        why = resolver_refusal(request.url)
        if why:  # the last line of defence, crawler.addresses.GuardedResolver, refused it
            return errors.PRIVATE_ADDRESS, (
                f"{host_of(request.url)} resolved to {why} when connecting: a public source may "
                "not make the crawler fetch from a private network; refused"
            )
    if isinstance(exc, HttpError):
        return _http_error(exc.response)
    if isinstance(exc, DownloadCancelledError):
        detail = str(exc) or "it grew past the limit while streaming"
        return errors.TOO_LARGE, f"body larger than DOWNLOAD_MAXSIZE; download cancelled: {detail}"
    if isinstance(exc, ResponseDataLossError):
        return errors.TRUNCATED, (
            "the connection closed before the whole body arrived (the Content-Length was a lie "
            "or the connection broke)"
        )
    if isinstance(exc, DownloadTimeoutError | TwistedTimeoutError):
        return errors.TIMEOUT, f"no complete answer within DOWNLOAD_TIMEOUT ({exc})"
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "during decompression" in text or hasattr(exc.__cause__, "decompressed_size"):
            return (
                errors.DECOMPRESSION_BOMB,
                f"compressed body unpacks past DOWNLOAD_MAXSIZE: {text}",
            )
        if "robots.txt" in text:
            return errors.ROBOTS_DISALLOWED, text
        if "offsite" in text.lower():
            return errors.OFFSITE, text
        return errors.IGNORED, text or "request ignored"
    for exc_type, kind in _KINDS:
        if isinstance(exc, exc_type):
            return kind, f"{type(exc).__name__}: {exc}"
    return errors.NETWORK, f"{type(exc).__name__}: {exc}"


def _http_error(response) -> tuple[str, str]:
    status = response.status
    try:
        phrase = f" {HTTPStatus(status).phrase}"
    except ValueError:
        phrase = ""
    message = f"HTTP {status}{phrase} for {response.url}"
    retry_after = response.headers.get("Retry-After")
    if retry_after:
        message += f" (Retry-After: {retry_after.decode('latin-1')[:100]})"
    return errors.http_kind(status), message
