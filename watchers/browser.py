"""Pages that need a browser: a system Chromium driven by scrapy-playwright (`browser` extra).

No browser is downloaded: clausewatch drives the Chromium the system package manager
installed (`apt-get install chromium`), found on PATH or named by CLAUSEWATCH_CHROMIUM, through
Playwright's `executable_path` launch option. The download handler starts Playwright only for
the first request that needs it, so a crawl of plain pages costs nothing extra.

A document goes through the browser when its catalog entry says `browser = true`, and, like
Open Terms Archive does, on its own when a plain fetch brought back a JavaScript app shell or a
bot check (FALLBACK_REASONS): the crawl then fetches it again with the browser, in the same
run. Each snapshot records which fetcher produced it ('http' or 'browser').
"""

from __future__ import annotations

import importlib.util
import os
import shutil

FALLBACK_REASONS = frozenset({"app_shell", "bot_check"})
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HANDLER = "clausewatch.watchers.playwright_handler.LazyPlaywrightHandler"


def find_chromium() -> str | None:
    """The Chromium executable to drive: $CLAUSEWATCH_CHROMIUM, else the first on PATH."""
    named = os.environ.get("CLAUSEWATCH_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def browser_unavailable() -> str | None:
    """Why no page can go through a browser here, or None when one can."""
    if importlib.util.find_spec("scrapy_playwright") is None:
        return "scrapy-playwright is not installed (pip install 'clausewatch[browser]')"
    if find_chromium() is None:
        named = os.environ.get("CLAUSEWATCH_CHROMIUM")
        if named:
            return f"CLAUSEWATCH_CHROMIUM={named} is not an executable"
        return "no Chromium found on PATH (apt-get install chromium, or set CLAUSEWATCH_CHROMIUM)"
    return None


def browser_settings(executable: str, timeout_s: float) -> dict[str, object]:
    """Scrapy settings that route requests marked `playwright` through Chromium."""
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": executable, "headless": True},
        # page.goto's own clock (Scrapy's DOWNLOAD_TIMEOUT does not reach into the browser)
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_s * 1000,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
    }


def browser_meta() -> dict[str, object]:
    """Request meta for a browser fetch: wait until the network is quiet, so that a document
    the page's script fetches and renders is there when the HTML is read."""
    return {"playwright": True, "playwright_page_goto_kwargs": {"wait_until": "networkidle"}}
