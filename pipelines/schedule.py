"""`clausewatch schedule`: a long-lived APScheduler daemon over the same `run_once` as `crawl`.

Documents are grouped by the cron expression that applies to them (document, else provider,
else catalog default: `watchers.catalog.document_schedule`), one job per expression. Jobs run
one at a time (a single worker thread: two crawls never compete for the database), a job
that is still running is not started again (max_instances=1), runs missed while the machine
slept are merged into one (coalesce) if they are less than `misfire_grace` seconds late.

A failing run is logged and the daemon carries on; SIGTERM or SIGINT stop it after the
current run finishes (a second signal exits at once: every store write is a transaction, so
an interrupted run loses at most the document being written).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from ..errors import ConfigError, LockedError
from ..records import Catalog
from .run import run_once

log = logging.getLogger(__name__)

RunFunction = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    """Documents that share one cron expression, crawled together in one run."""

    cron: str
    documents: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"crawl[{self.cron}]"


def plan_jobs(catalog: Catalog) -> list[ScheduledJob]:
    """One job per distinct cron expression, in catalog order."""
    from ..watchers.catalog import document_schedule

    groups: dict[str, list[str]] = {}
    for doc in catalog.documents:
        groups.setdefault(document_schedule(catalog, doc), []).append(doc.key)
    return [ScheduledJob(cron, tuple(keys)) for cron, keys in groups.items()]


def make_trigger(cron: str, timezone: Any = UTC):
    """A CronTrigger from a 5-field crontab line (or 6 fields, seconds first, for tests)."""
    from apscheduler.triggers.cron import CronTrigger

    fields = cron.split()
    try:
        if len(fields) == 5:
            return CronTrigger.from_crontab(cron, timezone=timezone)
        if len(fields) == 6:
            second, minute, hour, day, month, dow = fields
            return CronTrigger(
                second=second,
                minute=minute,
                hour=hour,
                day=day,
                month=month,
                day_of_week=dow,
                timezone=timezone,
            )
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"invalid cron expression {cron!r}: {exc}") from exc
    raise ConfigError(
        f"invalid cron expression {cron!r}: expected 5 fields (minute hour day month weekday)"
    )


def _describe(outcome: Any) -> str:
    summary = getattr(outcome, "summary", None)  # CrawlOutcome: documents, findings, alerts
    return summary() if callable(summary) else "done"


def _run_job(
    job: ScheduledJob, db: str | Path, catalog: Catalog, run: RunFunction, kwargs: dict[str, Any]
) -> None:
    """One scheduled run; never raises, so one bad run cannot stop the daemon."""
    log.info("scheduled run started: %d documents (%s)", len(job.documents), job.cron)
    started = time.monotonic()
    try:
        outcome = run(db, catalog, only=list(job.documents), **kwargs)
    except LockedError as exc:
        log.warning("scheduled run skipped (%s): %s", job.cron, exc)
    except Exception:  # noqa: BLE001 - logged with its traceback; the next run may succeed
        log.exception(
            "scheduled run failed after %.1fs (%s); the scheduler keeps running",
            time.monotonic() - started,
            job.cron,
        )
    else:
        log.info(
            "scheduled run finished in %.1fs (%s): %s",
            time.monotonic() - started,
            job.cron,
            _describe(outcome),
        )


def run_scheduler(
    db: str | Path,
    catalog: Catalog | str | Path | None = None,
    *,
    run: RunFunction = run_once,
    stop_event: threading.Event | None = None,
    misfire_grace: int = 3600,
    run_kwargs: dict[str, Any] | None = None,
    jobs: Sequence[ScheduledJob] | None = None,
) -> int:
    """Run the crawl jobs of `catalog` (a Catalog, or a catalog path; None = built-in) until
    `stop_event` is set or SIGTERM/SIGINT arrives. Returns 0 after a clean stop.

    `run` is called as `run(db, catalog, only=[document keys], **run_kwargs)`: by default
    `pipelines.run.run_once`, the function behind `clausewatch crawl`.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    if isinstance(catalog, Catalog):
        cat = catalog
    else:
        from ..watchers.catalog import load_catalog

        cat = load_catalog(catalog)
    jobs = list(jobs) if jobs is not None else plan_jobs(cat)
    if not jobs:
        raise ConfigError("the catalog has no documents to schedule")
    stop = stop_event or threading.Event()
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": misfire_grace},
        timezone=UTC,
    )
    for i, job in enumerate(jobs):
        scheduler.add_job(
            _run_job,
            trigger=make_trigger(job.cron),
            args=[job, db, cat, run, dict(run_kwargs or {})],
            id=f"{i}:{job.id}",
            name=f"crawl {len(job.documents)} documents ({job.cron})",
        )

    previous: dict[int, Any] = {}

    def on_signal(signum: int, frame: Any) -> None:
        name = signal.Signals(signum).name
        if stop.is_set():
            log.warning("%s again: exiting now", name)
            os._exit(1)
        log.info("%s received: stopping after the current run", name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, on_signal)
    try:
        scheduler.start()
        for i, job in enumerate(jobs):
            log.info(
                "scheduled %s: %d documents, next run %s",
                job.cron,
                len(job.documents),
                scheduler.get_job(f"{i}:{job.id}").next_run_time,
            )
        log.info("scheduler started with %d jobs (pid %d)", len(jobs), os.getpid())
        while not stop.wait(0.5):
            pass
        scheduler.shutdown(wait=True)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    log.info("scheduler stopped cleanly")
    return 0
