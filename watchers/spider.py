"""The one catalog-driven spider.

It fetches every source URL of the documents it is given and yields records: a `Snapshot`
for each response (a 304 yields a snapshot marked `not_modified`) and a `FetchFailure` for
each request that failed after retries. It does no parsing and touches no database: the item
pipeline in `pipelines/crawl.py` groups a document's parts, extracts and records them.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from weakref import WeakKeyDictionary

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseNeverReceived

from ..faults import checkpoint
from ..records import DocumentSpec, FetchFailure, Snapshot
from .backoff import RETRY_AFTER_MAX, response_retry_after
from .browser import browser_meta

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504, 522, 524}

Validators = dict[str, tuple[str | None, str | None]]  # url -> (etag, last_modified)


def conditional_headers(url: str, validators: Validators) -> dict[str, str]:
    etag, last_modified = validators.get(url, (None, None))
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _twisted_reasons(exc: BaseException | None) -> list[BaseException]:
    """The failures a Twisted ResponseFailed wraps (a list of Failure objects), unwrapped."""
    reasons = getattr(exc, "reasons", None) or []
    return [r.value if isinstance(r, Failure) else r for r in reasons]


def _detail(exc: BaseException) -> str:
    """What an exception says, or what its type and cause say when its message is empty."""
    cause = exc.__cause__ or exc.__context__
    inner = _twisted_reasons(cause) or _twisted_reasons(exc)
    if inner:  # "[<twisted.python.failure.Failure ...>]" helps nobody
        return "; ".join(f"{type(r).__name__}: {str(r).strip() or 'no detail'}" for r in inner)
    text = str(exc).strip()
    if not text and cause is not None:
        text = str(cause).strip() or type(cause).__name__
    if not text:
        text = (type(exc).__doc__ or "").strip().split("\n")[0] or "no detail given"
    return text


def _status_advice(status: int) -> str:
    """What an HTTP error status asks of the operator."""
    if status == 401:
        return "the page needs credentials; only public pages can be watched"
    if status == 403:
        return "the server refuses this client (a block or a sign-in); check the URL in a browser"
    if status in (404, 410):
        return "the document is gone from this URL: find where it moved and update the catalog"
    if status == 429:
        return "the server limits the request rate; the next run tries again"
    if 300 <= status < 400:
        return "a redirect without a usable Location header; check the URL in a browser"
    if status >= 500:
        return "a server error; the next run tries again"
    return "an unexpected status; check the URL in a browser"


def _http_message(response: Response, retry_after_max: float) -> str:
    status = response.status
    try:
        message = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:  # a status Python does not name (522, 524, ...)
        message = f"HTTP {status}"
    message = f"{message}; {_status_advice(status)}"
    wait = response_retry_after(response)
    if wait is None:
        return message
    raw = (response.headers.get(b"Retry-After") or b"").decode("latin-1")
    until = datetime.now(UTC) + timedelta(seconds=wait)
    asked = (
        f"the server asked to wait {wait:.0f} s (Retry-After: {raw}, until {until:%Y-%m-%d %H:%M}Z)"
    )
    if wait > retry_after_max:
        return (
            f"{message}; {asked}, longer than the {retry_after_max:g} s a run waits "
            "(RETRY_AFTER_MAX): not retried in this run, the next run tries again"
        )
    return f"{message}; {asked}, waited and retried, still refused"


def _decompress_errors() -> tuple[type[BaseException], ...]:
    """What the Content-Encoding decoders raise on a body that is not what the header says."""
    errors: list[type[BaseException]] = [zlib.error, gzip.BadGzipFile, EOFError]
    try:
        import brotli

        errors.append(brotli.error)
    except (ImportError, AttributeError):
        pass
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except (ImportError, AttributeError):
        pass
    return tuple(errors)


_DECOMPRESS_ERRORS = _decompress_errors()


def classify_failure(
    failure: Failure, retry_after_max: float = RETRY_AFTER_MAX, received: int | None = None
) -> tuple[str, str, int | None, bool]:
    """Map a Twisted/Scrapy failure to (reason, message, status, transient). Never an empty message.

    `received`: body bytes received before the failure (a download cancelled past
    DOWNLOAD_MAXSIZE without a Content-Length says nothing else about why).
    """
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        message = _http_message(exc.response, retry_after_max)
        return f"http_{status}", message, status, status in TRANSIENT_STATUSES
    detail = _detail(exc)
    if isinstance(exc, DownloadTimeoutError | TxTimeoutError):
        return "timeout", f"timed out: {detail}", None, True
    if isinstance(exc, DownloadCancelledError):
        if "size" in detail:
            return "too_large", f"{detail}; {_TOO_LARGE_HINT}", None, False
        if received is not None:  # Scrapy cancels a body that outgrows the limit, silently
            return (
                "too_large",
                f"the body grew past DOWNLOAD_MAXSIZE without announcing its size "
                f"({received} bytes received when the download was stopped); {_TOO_LARGE_HINT}",
                None,
                False,
            )
        return "cancelled", f"the download was cancelled before it completed ({detail})", None, True
    if isinstance(exc, ResponseDataLossError):
        return (
            "data_loss",
            "the server closed the connection before the whole body arrived (fewer bytes than "
            f"it announced; {detail}); a partial page is never recorded, the next run "
            "tries again",
            None,
            True,
        )
    if isinstance(exc, DownloadFailedError):
        inner = _twisted_reasons(exc.__cause__)
        if any(isinstance(r, ParseError) for r in inner):
            return (
                "bad_response",
                f"the server's answer is not valid HTTP ({detail}); check that the URL points "
                "at a web server",
                None,
                False,
            )
        never = isinstance(exc.__cause__, ResponseNeverReceived)
        when = "before answering" if never else "while answering"
        return (
            "connection_lost",
            f"the server closed or reset the connection {when} ({detail}); the next run "
            "tries again",
            None,
            True,
        )
    if isinstance(exc, _DECOMPRESS_ERRORS):
        return (
            "decode",
            f"the body does not decompress as its Content-Encoding header says "
            f"({type(exc).__name__}: {detail}); the server mislabels or corrupts its "
            "compression",
            None,
            False,
        )
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return "dns", f"cannot resolve host: {detail}", None, True
    if isinstance(exc, DownloadConnectionRefusedError | ConnectError):
        return "connection", f"cannot connect: {detail}", None, True
    if isinstance(exc, IgnoreRequest):
        if "DOWNLOAD_MAXSIZE" in detail or "max size" in detail:  # the inflated body, too
            return "too_large", f"{detail} {_TOO_LARGE_HINT}", None, False
        if "redirection" in detail:
            return "redirect_loop", f"too many redirects ({detail})", None, False
        if "robots.txt" in detail:
            hint = "set obey_robots = false in the catalog only if the provider allows it"
            return "robots_disallowed", f"robots.txt forbids this URL; {hint}", None, False
        return "ignored", f"request ignored: {detail}", None, False
    return "fetch_error", f"{type(exc).__name__}: {detail}", None, False


_TOO_LARGE_HINT = (
    "a legal page is never this big: check the URL, or raise DOWNLOAD_MAXSIZE if the document "
    "really is"
)


class CatalogSpider(scrapy.Spider):
    name = "clausewatch"

    def __init__(
        self,
        documents: Iterable[DocumentSpec] = (),
        validators: Validators | None = None,
        browser: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.documents = list(documents)
        self.validators = validators or {}
        self.browser = browser  # a browser is set up (watchers/browser.py)
        self.received: WeakKeyDictionary[scrapy.Request, int] = WeakKeyDictionary()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterable[scrapy.Request]:
        for document in self.documents:
            for part in range(len(document.sources)):
                yield self.request_for(document, part, browser=document.browser)

    def request_for(
        self, document: DocumentSpec, part: int, *, browser: bool, fallback_from: str = ""
    ) -> scrapy.Request:
        """The request for one source of a document; `fallback_from`: the reason a plain
        fetch of it was refused, when this is the browser trying again."""
        url = document.sources[part].url
        meta: dict = {"document": document.key, "part": part, "url": url, "fetcher": "http"}
        if not document.obey_robots:
            meta["dont_obey_robotstxt"] = True
        headers = conditional_headers(url, self.validators)
        if browser and self.browser:
            # A full render every time: a 304 would leave the browser with an empty page.
            meta.update(browser_meta(), fetcher="browser", fallback_from=fallback_from)
            headers = {}
        return scrapy.Request(
            url,
            headers=headers,
            meta=meta,
            callback=self.parse,
            errback=self.on_error,
            dont_filter=True,
        )

    def parse(self, response: Response):
        meta = response.meta
        try:
            checkpoint("fetch", meta["document"])
            record: Snapshot | FetchFailure = _snapshot(response)
        except Exception as exc:  # noqa: BLE001 - a bug must become this document's error
            record = FetchFailure.internal(
                meta["document"], meta["url"], "fetch", exc, fetched_at=datetime.now(UTC)
            )
        yield {"part": meta["part"], "record": record}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.count_bytes, signal=signals.bytes_received)
        return spider

    def count_bytes(self, data: bytes, request: scrapy.Request, spider=None) -> None:
        """Body bytes per request (each retry is a new request), so that a download cancelled
        past the size limit can say so."""
        self.received[request] = self.received.get(request, 0) + len(data)

    def on_error(self, failure: Failure):
        request = failure.request  # type: ignore[attr-defined]
        meta = request.meta
        try:
            checkpoint("fetch", meta["document"])
            cap = self.settings.getfloat("RETRY_AFTER_MAX", RETRY_AFTER_MAX)
            maxsize = meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE")
            received = self.received.pop(request, 0)
            too_big = received if maxsize and received > maxsize else None
            reason, message, status, transient = classify_failure(failure, cap, too_big)
            if meta.get("fallback_from"):
                message = (
                    f"the plain fetch was {meta['fallback_from']} and the browser failed: {message}"
                )
            record = FetchFailure(
                document=meta["document"],
                url=meta["url"],
                reason=reason,
                message=f"{meta['url']}: {message}",
                status=status,
                transient=transient,
                fetched_at=datetime.now(UTC),
            )
        except Exception as exc:  # noqa: BLE001 - a bug must become this document's error
            record = FetchFailure.internal(
                meta["document"], meta["url"], "fetch", exc, fetched_at=datetime.now(UTC)
            )
        yield {"part": meta["part"], "record": record}


def _snapshot(response: Response) -> Snapshot:
    meta = response.meta
    headers = tuple(
        (k.decode("latin-1"), b", ".join(vs).decode("latin-1"))
        for k, vs in response.headers.items()
    )
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return Snapshot(
        document=meta["document"],
        url=meta["url"],
        final_url=response.url,
        status=response.status,
        headers=headers,
        fetched_at=datetime.now(UTC),
        body=b"" if response.status == 304 else response.body,
        content_type=content_type,
        not_modified=response.status == 304,
        fetcher=meta.get("fetcher", "http"),
    )
