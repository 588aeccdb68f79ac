"""One watch run: the chain that `clausewatch crawl`, the demo and the scheduler all call.

crawl (snapshots -> versions) -> analyze (clauses -> findings) -> notify (alerts).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..records import Catalog
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
) -> CrawlOutcome:
    """Crawl, then analyze the new versions and deliver alerts. Holds the run lock throughout."""
    from ..watchers.catalog import select_documents

    documents = select_documents(catalog, only) if only else list(catalog.documents)
    with run_lock(db):
        outcome = run_crawl(db, catalog, documents, settings=settings, progress=progress, kind=kind)
    return outcome
