"""scrapy-playwright's download handler, started on first use (imported only by Scrapy).

The stock handler starts Playwright's driver when the engine starts, which costs every
crawl most of a second even when no page needs a browser. This one starts it for the first
request marked `playwright`; requests without the mark go to Scrapy's HTTP handler as before.
"""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.internet.defer import Deferred, succeed


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    # The two hooks the stock handler starts Playwright from at engine start (which one
    # depends on the Scrapy version): both wait for _download_request instead.
    def _engine_started(self) -> Deferred:
        return succeed(None)

    async def _maybe_launch_in_thread(self) -> None:
        return None

    async def _download_request(self, request: Request, spider=None):
        lock = self.__dict__.setdefault("_clausewatch_start", asyncio.Lock())
        async with lock:
            if getattr(self, "browser_provider", None) is None:
                await self._launch()
        return await super()._download_request(request, spider)
