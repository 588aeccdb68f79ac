"""Retries with exponential backoff, and a bounded wait for a server's Retry-After.

Scrapy's RetryMiddleware re-queues a failed request at once; a server that just answered 503
deserves a pause. The retry request carries the delay in its meta and RetryDelayMiddleware
waits that long, without blocking the reactor, before letting it through.

A 429 or 503 with `Retry-After` names the pause itself. It is honoured up to RETRY_AFTER_MAX
seconds (a run must end); a server asking for longer gets no retry in this run, and the fetch
error says how long it asked for (see spider.classify_failure).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

RETRY_AFTER_STATUSES = frozenset({429, 503})
RETRY_AFTER_MAX = 60.0  # seconds; the default of the RETRY_AFTER_MAX setting


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` value asks to wait: delay-seconds or an HTTP-date (RFC 9110).

    None for a missing or unreadable value; a date in the past is 0.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def response_retry_after(response: Response) -> float | None:
    """The wait a 429 / 503 response asks for, or None."""
    if response.status not in RETRY_AFTER_STATUSES:
        return None
    raw = response.headers.get(b"Retry-After")
    return parse_retry_after(raw.decode("latin-1") if raw else None)


class BackoffRetryMiddleware(RetryMiddleware):
    def process_response(self, request: Request, response: Response, spider=None):  # type: ignore[override]
        wait = response_retry_after(response)
        if wait is not None and not request.meta.get("dont_retry", False):
            cap = self.crawler.settings.getfloat("RETRY_AFTER_MAX", RETRY_AFTER_MAX)
            if wait > cap:
                return response  # not in this run: the spider records it as a fetch error
            request.meta["retry_after"] = wait
        return super().process_response(request, response)

    def _retry(self, request: Request, reason) -> Request | None:  # type: ignore[override]
        asked = request.meta.pop("retry_after", None)
        new_request = super()._retry(request, reason)
        if new_request is not None:
            settings = self.crawler.settings
            attempt = new_request.meta.get("retry_times", 1)
            base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
            delay = min(base * 2 ** (attempt - 1), settings.getfloat("RETRY_BACKOFF_MAX", 60.0))
            delay *= 0.5 + random.random() / 2
            # The server's own figure wins over our guess, never less than it asked.
            new_request.meta["retry_delay"] = max(delay, asked or 0.0)
        return new_request


class RetryDelayMiddleware:
    async def process_request(self, request: Request, spider=None) -> None:
        delay = request.meta.pop("retry_delay", 0)
        if delay:
            from twisted.internet import reactor  # the one Scrapy installed; never at import

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return None
