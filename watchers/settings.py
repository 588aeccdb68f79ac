"""Scrapy settings for the catalog spider: polite, real defaults.

Legal pages change rarely and their owners are not our customers: identify ourselves, obey
robots.txt, crawl slowly per domain, back off on errors and never download a monster.
"""

from __future__ import annotations

from .. import __version__

USER_AGENT = (
    f"clausewatch/{__version__} (+https://github.com/clausewatch/clausewatch; "
    "monitors published legal terms for changes)"
)

SETTINGS: dict[str, object] = {
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    # Politeness: a couple of requests per domain at most, adapted to the server's latency.
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 1.0,
    "DOWNLOAD_DELAY_JITTER": 0.5,  # wait 0.5x-1.5x DOWNLOAD_DELAY
    "REMOTE_CONTROL_ENABLED": False,  # never open a control port on a watch host
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    # Failures: transient ones are retried with exponential backoff (see watchers/backoff.py).
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "RETRY_GIVE_UP_LOG_LEVEL": "INFO",  # every failure is reported once, by the pipeline
    "RETRY_BACKOFF_BASE": 2.0,  # seconds; doubled on each retry
    "RETRY_BACKOFF_MAX": 60.0,
    # A 429/503 Retry-After is honoured up to this many seconds; beyond it the document is a
    # fetch error of this run that names the wait asked for (see watchers/backoff.py).
    "RETRY_AFTER_MAX": 60.0,
    "DOWNLOAD_TIMEOUT": 30,
    # A legal page is never 10 MB; a trap might be. Scrapy applies the limit to the wire bytes
    # and again while inflating gzip/deflate/br/zstd bodies (a small gzip bomb stops there).
    "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
    "REDIRECT_MAX_TIMES": 8,
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "clausewatch.watchers.backoff.BackoffRetryMiddleware": 550,
        "clausewatch.watchers.backoff.RetryDelayMiddleware": 10,
    },
    "HTTPERROR_ALLOWED_CODES": [304],
}

# Pages that need a browser: watchers/browser.py adds its settings when one is set up.
