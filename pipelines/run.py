"""One watch run: the chain that `clausewatch crawl`, the demo and the scheduler all call.

crawl (snapshots -> versions) -> analyze (clauses -> findings) -> notify (alerts).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..alerting.config import AlertConfig, load_alert_config
from ..alerting.delivery import DeliveryReport, deliver_alerts, register_channels
from ..errors import describe_failure
from ..faults import checkpoint
from ..records import Catalog
from ..store.analysis_errors import record_analysis_error
from ..store.db import migrate
from ..store.versions import finish_run
from .analyze import analyze_pending
from .crawl import CrawlOutcome, run_crawl
from .lock import run_lock

log = logging.getLogger(__name__)


def run_once(
    db: str | Path,
    catalog: Catalog,
    *,
    only: Sequence[str] = (),
    settings: dict[str, Any] | None = None,
    progress: bool = False,
    kind: str = "crawl",
    alerts: AlertConfig | None = None,
) -> CrawlOutcome:
    """Crawl, then analyze the new versions and deliver alerts. Holds the run lock throughout.

    `alerts`: the alert configuration (default: `load_alert_config()`, i.e. the config file
    and CLAUSEWATCH_ALERT_URLS); loaded before crawling so a bad one fails fast.
    """
    from ..watchers.catalog import select_documents

    documents = select_documents(catalog, only) if only else list(catalog.documents)
    config = alerts if alerts is not None else load_alert_config()
    with run_lock(db):
        migrate(db)
        register_channels(db, config)
        outcome = run_crawl(db, catalog, documents, settings=settings, progress=progress, kind=kind)
        checkpoint("crawl.fetched")
        # Analyze every document of the run (not only those with a new version): a run that
        # was killed after recording a version but before analyzing it is caught up here.
        run_id = outcome.run.id
        analysis = analyze_pending(db, [d.key for d in documents], run_id=run_id)
        outcome.finding_ids = analysis.finding_ids  # repeats of another document's left out
        outcome.anomalies = analysis.anomalies
        outcome.errors = [f"{doc}: {msg}" for doc, msg in analysis.errors]
        outcome.delivery = deliver_safely(db, config, analysis.finding_ids, run_id, outcome.errors)
        if outcome.errors:  # the run was closed before analysis: it did not go well after all
            outcome.run = finish_run(
                db, run_id, "partial", f"{len(outcome.errors)} analysis or alert errors"
            )
    log.info("%s", outcome.summary())
    return outcome


def deliver_safely(
    db: str | Path,
    config: AlertConfig,
    finding_ids: Sequence[int],
    run_id: int,
    errors: list[str],
) -> DeliveryReport | None:
    """Deliver alerts; a bug in the alert pipeline is recorded (analysis_errors, `errors`)
    instead of ending the run with a traceback. The findings stay planned or unplanned in
    the ledger, so the next run alerts them."""
    try:
        return deliver_alerts(db, config, finding_ids=finding_ids)
    except Exception as exc:  # noqa: BLE001 - recorded; the ledger keeps what is still due
        message = describe_failure(exc)
        log.error("alerts: delivery stopped by an unexpected error: %s", message)
        log.debug("traceback", exc_info=True)
        record_analysis_error(db, run_id=run_id, stage="alerts", message=message)
        errors.append(f"alerts: {message}")
        return None
