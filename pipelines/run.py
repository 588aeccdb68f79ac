"""One watch run: the chain that `clausewatch crawl`, the demo and the scheduler all call.

crawl (snapshots -> versions) -> analyze (clauses -> findings) -> notify (alerts).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Catalog
from .alert_config import AlertConfig, load_alert_config
from .alerts import deliver_alerts
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
        outcome = run_crawl(db, catalog, documents, settings=settings, progress=progress, kind=kind)
        # Analyze every document of the run (not only those with a new version): a run that
        # was killed after recording a version but before analyzing it is caught up here.
        analysis = analyze_pending(db, [d.key for d in documents])
        outcome.finding_ids = analysis.finding_ids
        outcome.anomalies = analysis.anomalies
        outcome.delivery = deliver_alerts(db, config, finding_ids=analysis.finding_ids)
    log.info("%s", outcome.summary())
    return outcome
