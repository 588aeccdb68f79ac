"""Retries with exponential backoff.

Scrapy's RetryMiddleware re-queues a failed request at once; a server that just answered 503
deserves a pause. The retry request carries the delay in its meta and RetryDelayMiddleware
waits that long, without blocking the reactor, before letting it through.
"""

from __future__ import annotations

import random

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater


class BackoffRetryMiddleware(RetryMiddleware):
    def _retry(self, request: Request, reason) -> Request | None:  # type: ignore[override]
        new_request = super()._retry(request, reason)
        if new_request is not None:
            settings = self.crawler.settings
            attempt = new_request.meta.get("retry_times", 1)
            base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
            delay = min(base * 2 ** (attempt - 1), settings.getfloat("RETRY_BACKOFF_MAX", 60.0))
            new_request.meta["retry_delay"] = delay * (0.5 + random.random() / 2)
        return new_request


class RetryDelayMiddleware:
    async def process_request(self, request: Request, spider=None) -> None:
        delay = request.meta.pop("retry_delay", 0)
        if delay:
            from twisted.internet import reactor  # the one Scrapy installed; never at import

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return None
