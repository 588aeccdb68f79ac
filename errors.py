"""One error hierarchy. Each class says who raises it and carries the exit code the CLI uses.

Exit codes (documented in the README): 0 all fetched, 1 some documents failed,
2 usage or configuration error, 3 another run holds the lock, 4 store error.
"""

from __future__ import annotations


class ClauseWatchError(Exception):
    """Base of every error clausewatch raises on purpose. The CLI catches it once."""

    exit_code = 1


class CatalogError(ClauseWatchError):
    """Raised by the catalog loader when the file is unreadable or invalid.

    The message names the file, the key path and, where it can be found, the line.
    """

    exit_code = 2


class ConfigError(ClauseWatchError):
    """Raised for bad settings or command-line usage (alert config, bad --only, bad dates)."""

    exit_code = 2


class FetchError(ClauseWatchError):
    """Raised by watchers for a document that could not be fetched. `transient` ones are retried."""

    exit_code = 1

    def __init__(self, message: str, *, reason: str = "fetch_error", transient: bool = False):
        super().__init__(message)
        self.reason = reason
        self.transient = transient


class ExtractError(ClauseWatchError):
    """Raised by parsers when a snapshot is not a document (empty, a wall, binary, selector miss).

    `reason` is the code recorded in fetch_errors; parsers/quality.py lists them.
    """

    exit_code = 1

    def __init__(self, message: str, *, reason: str = "extract_error"):
        super().__init__(message)
        self.reason = reason


class StoreError(ClauseWatchError):
    """Raised by store/ when the DuckDB file cannot be opened, migrated or written."""

    exit_code = 4


class LockedError(ClauseWatchError):
    """Raised when another clausewatch run holds the run lock (cron overlap)."""

    exit_code = 3


class AlertError(ClauseWatchError):
    """Raised by the alert pipeline for a channel that is misconfigured or fails to deliver."""

    exit_code = 1


class PipelineMissing(ClauseWatchError):
    """Raised by `statements.nlp` when the shipped English pipeline is not in the package."""

    exit_code = 4


def describe_failure(exc: BaseException, frames: int = 3) -> str:
    """An unexpected exception in one line: its type, message and the innermost frames.

    'ValueError: bad tree (at parsers/html.py:88 in walk < pipelines/crawl.py:140 in
    finish_document)': enough to find the bug from a fetch_errors or analysis_errors row.
    """
    import traceback

    text = str(exc).strip() or (type(exc).__doc__ or "").strip().split("\n")[0]
    head = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    stack = traceback.extract_tb(exc.__traceback__)[-frames:]
    if not stack:
        return head
    where = " < ".join(
        f"{'/'.join(f.filename.split('/')[-2:])}:{f.lineno} in {f.name}" for f in reversed(stack)
    )
    return f"{head} (at {where})"
