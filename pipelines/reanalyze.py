"""`clausewatch reanalyze`: read stored versions again with today's rules.

After an upgrade changes how clauses are read (`statements.version.RULES_VERSION` differs from
the one a document was analyzed with), each document's history is compared again from its
first version. Clauses are replaced; findings the new rules make are recorded as technical
(never alerted); findings they no longer make are kept but marked superseded, so `findings`
and reports stop showing them and the alert ledger stays intact.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ..statements.version import RULES_VERSION
from ..store import findings as store
from ..store.db import DB
from .analyze import AnalysisReport, analyze_document, record_error

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ReanalyzeReport:
    documents: int = 0
    appeared: int = 0  # findings the new rules make that were not recorded before
    disappeared: int = 0  # findings recorded before that the new rules no longer make
    rules_version: str = RULES_VERSION
    analysis: AnalysisReport = field(default_factory=AnalysisReport)


def reanalyze(
    db: DB,
    provider: str | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> ReanalyzeReport:
    """Rebuild clauses, findings and comparison state of every document (of one provider)."""
    report = ReanalyzeReport()
    for key in store.documents_with_versions(db, provider):
        before = len(report.analysis.finding_ids)
        store.reset_state(db, key)
        try:
            analyze_document(db, key, report.analysis, technical=True)
        except Exception as exc:  # noqa: BLE001 - recorded; the next crawl or reanalyze retries
            record_error(db, report.analysis, key, exc, run_id=None)
            continue
        report.appeared += len(report.analysis.finding_ids) - before
        report.disappeared += store.supersede_stale(db, key, RULES_VERSION)
        report.documents += 1
        if progress:
            progress(key)
    log.info(
        "reanalyzed %d documents with rules %s: %d findings appeared, %d disappeared",
        report.documents,
        RULES_VERSION,
        report.appeared,
        report.disappeared,
    )
    return report
