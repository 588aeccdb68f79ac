"""The one catalog-driven spider.

It fetches every source URL of the documents it is given and yields records: a `Snapshot`
for each response (a 304 yields a snapshot marked `not_modified`) and a `FetchFailure` for
each request that failed after retries. It does no parsing and touches no database: the item
pipeline in `pipelines/crawl.py` groups a document's parts, extracts and records them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from ..faults import checkpoint
from ..records import DocumentSpec, FetchFailure, Snapshot
from .backoff import RETRY_AFTER_MAX, response_retry_after

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


def _detail(exc: BaseException) -> str:
    """What an exception says, or what its type and cause say when its message is empty."""
    text = str(exc).strip()
    cause = exc.__cause__ or exc.__context__
    if not text and cause is not None:
        text = str(cause).strip() or type(cause).__name__
    if not text:
        text = (type(exc).__doc__ or "").strip().split("\n")[0] or "no detail given"
    return text


def _http_message(response: Response, retry_after_max: float) -> str:
    status = response.status
    try:
        message = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:  # a status Python does not name (522, 524, ...)
        message = f"HTTP {status}"
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


def classify_failure(
    failure: Failure, retry_after_max: float = RETRY_AFTER_MAX
) -> tuple[str, str, int | None, bool]:
    """Map a Twisted/Scrapy failure to (reason, message, status, transient). Never an empty message."""
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
        return "cancelled", f"the download was cancelled before it completed ({detail})", None, True
    if isinstance(exc, ResponseDataLossError):
        return (
            "data_loss",
            "the server closed the connection before the whole body arrived (fewer bytes than "
            f"its Content-Length; {detail}); a partial page is never recorded, the next run "
            "tries again",
            None,
            True,
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
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.documents = list(documents)
        self.validators = validators or {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterable[scrapy.Request]:
        for document in self.documents:
            for part, source in enumerate(document.sources):
                meta = {"document": document.key, "part": part, "url": source.url}
                if not document.obey_robots:
                    meta["dont_obey_robotstxt"] = True
                if document.browser:
                    meta["playwright"] = True
                yield scrapy.Request(
                    source.url,
                    headers=conditional_headers(source.url, self.validators),
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

    def on_error(self, failure: Failure):
        meta = failure.request.meta  # type: ignore[attr-defined]
        try:
            checkpoint("fetch", meta["document"])
            cap = self.settings.getfloat("RETRY_AFTER_MAX", RETRY_AFTER_MAX)
            reason, message, status, transient = classify_failure(failure, cap)
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
    )
