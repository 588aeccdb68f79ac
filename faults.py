"""Named points where a test makes a run fail or die: fault injection and crash-safety tests.

Two environment variables, read each time a point is reached (unset in production, where a
point costs one dictionary lookup):

- ``CLAUSEWATCH_FAULT="<point>[@<document>],..."``: raise `InjectedFault` at the point (only
  while handling that document, when one is named). Points named after the stages of a run
  (fetch, extract, read, store, analyze, alerts) stand for "anything unexpected went wrong here".
- ``CLAUSEWATCH_KILL_AT="<point>:<n>[:group]"``: SIGKILL this process the n-th time it reaches
  the point (``group``: its whole process group, e.g. a crawl and its crawler child; only
  for a process started in a session of its own).

The crawler child gets the parent's values from `run_crawl` (a fork server started earlier
would otherwise hold stale ones). `points()` lists every point, for the kill-loop test.
"""

from __future__ import annotations

import os
import signal

FAULT_ENV = "CLAUSEWATCH_FAULT"
KILL_ENV = "CLAUSEWATCH_KILL_AT"

# Every checkpoint in the code, with where it sits; the crash-safety test goes through them.
POINTS: dict[str, str] = {
    "fetch": "the spider turns a response or a download error into a record",
    "extract": "a document's snapshots are turned into its text",
    "read": "an imported chunk's texts are read from the OTA source",
    "store": "a document's result is about to be written",
    "analyze": "one version is read into clauses and compared with the last one",
    "alerts": "one alert message is built and sent",
    "crawl.run_started": "a crawl run row exists, nothing fetched yet",
    "crawl.child_done": "the crawler child recorded every document and is exiting",
    "crawl.fetched": "the run's documents are fetched and recorded, analysis not begun",
    "store.snapshot_written": "inside a document's transaction: snapshots written, no version",
    "store.version_inserted": "inside a document's transaction: version inserted, not committed",
    "store.version_committed": "a document's version is committed",
    "store.failure_inserted": "inside a fetch error's transaction, not committed",
    "analysis.clauses_written": "inside a version's analysis: clauses written, no findings",
    "analysis.findings_written": "inside a version's analysis: findings written, not committed",
    "analysis.version_committed": "a version's analysis is committed, the document state is not",
    "analysis.state_saved": "a document's comparison state is saved",
    "import.versions_written": "inside an imported document's transaction: versions, no analysis",
    "import.document_committed": "an imported document (versions and analysis) is committed",
    "import.finishing": "every document imported, the run not closed",
    "alerts.planned": "the ledger rows of new findings are committed, nothing sent",
    "alerts.claimed": "a message's rows are claimed (sending), nothing sent",
    "alerts.sent": "a message left, its outcome not recorded (the one window of doubt)",
    "alerts.recorded": "a message's outcome is committed",
}


class InjectedFault(RuntimeError):
    """Raised by `checkpoint` when CLAUSEWATCH_FAULT names the point: a stand-in for any bug."""


_hits: dict[str, int] = {}


def checkpoint(point: str, document: str | None = None) -> None:
    """Fail or die here if the environment asks for it (see the module docstring)."""
    faults = os.environ.get(FAULT_ENV)
    if faults:
        for spec in faults.split(","):
            name, _, only = spec.strip().partition("@")
            if name == point and (not only or only == document):
                raise InjectedFault(
                    f"injected fault at {point}" + (f" ({document})" if document else "")
                )
    kill = os.environ.get(KILL_ENV)
    if kill:
        name, _, rest = kill.partition(":")
        if name != point:
            return
        nth, _, mode = rest.partition(":")
        _hits[point] = _hits.get(point, 0) + 1
        if _hits[point] == int(nth or 1):
            if mode == "group":
                os.killpg(os.getpgrp(), signal.SIGKILL)
            os.kill(os.getpid(), signal.SIGKILL)


def inherited() -> dict[str, str]:
    """The fault settings of this process, for a child that must see the same ones."""
    return {k: os.environ[k] for k in (FAULT_ENV, KILL_ENV) if k in os.environ}


def adopt(settings: dict[str, str]) -> None:
    """Take the parent's fault settings (in the crawler child)."""
    for k in (FAULT_ENV, KILL_ENV):
        if k in settings:
            os.environ[k] = settings[k]
        else:
            os.environ.pop(k, None)
