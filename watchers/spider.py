"""The one catalog-driven spider.

It fetches every source URL of the documents it is given and yields records: a `Snapshot`
for each response (a 304 yields a snapshot marked `not_modified`) and a `FetchFailure` for
each request that failed after retries. It does no parsing and touches no database: the item
pipeline in `pipelines/crawl.py` groups a document's parts, extracts and records them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from ..records import DocumentSpec, FetchFailure, Snapshot

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


def classify_failure(failure: Failure) -> tuple[str, str, int | None, bool]:
    """Map a Twisted/Scrapy failure to (reason, message, status, transient)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}", status, status in TRANSIENT_STATUSES
    if isinstance(exc, DownloadTimeoutError | TxTimeoutError):
        return "timeout", f"timed out: {exc}", None, True
    if isinstance(exc, DownloadCancelledError):
        return "too_large", f"download cancelled: {exc}", None, False
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return "dns", f"cannot resolve host: {exc}", None, True
    if isinstance(exc, DownloadConnectionRefusedError | ConnectError):
        return "connection", f"cannot connect: {exc}", None, True
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "redirection" in text:
            return "redirect_loop", f"too many redirects ({text})", None, False
        if "robots.txt" in text:
            hint = "set obey_robots = false in the catalog only if the provider allows it"
            return "robots_disallowed", f"robots.txt forbids this URL; {hint}", None, False
        return "ignored", text, None, False
    return "fetch_error", f"{type(exc).__name__}: {exc}", None, False


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
        headers = tuple(
            (k.decode("latin-1"), b", ".join(vs).decode("latin-1"))
            for k, vs in response.headers.items()
        )
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        yield {
            "part": meta["part"],
            "record": Snapshot(
                document=meta["document"],
                url=meta["url"],
                final_url=response.url,
                status=response.status,
                headers=headers,
                fetched_at=datetime.now(UTC),
                body=b"" if response.status == 304 else response.body,
                content_type=content_type,
                not_modified=response.status == 304,
            ),
        }

    def on_error(self, failure: Failure):
        request = failure.request  # type: ignore[attr-defined]
        reason, message, status, transient = classify_failure(failure)
        yield {
            "part": request.meta["part"],
            "record": FetchFailure(
                document=request.meta["document"],
                url=request.meta["url"],
                reason=reason,
                message=f"{request.meta['url']}: {message}",
                status=status,
                transient=transient,
                fetched_at=datetime.now(UTC),
            ),
        }
