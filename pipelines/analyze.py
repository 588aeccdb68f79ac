"""Versions -> clauses -> findings, for every version not analyzed yet.

The comparison state of each document (`pipelines.compare.DocumentHistory`: the last good
text, hashes of texts seen, changes already reported) is persisted with each version's
analysis in one transaction, so an interrupted run resumes where it stopped and a re-run
finds nothing new to do.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..parsers.clauses import find_clauses
from ..parsers.dates import find_effective_date
from ..records import Version
from ..store import findings as store
from ..store.db import DB
from .compare import DocumentHistory, compare_versions

log = logging.getLogger(__name__)


@dataclass(slots=True)
class AnalysisReport:
    versions: int = 0
    finding_ids: list[int] = field(default_factory=list)
    anomalies: list[tuple[str, int, str]] = field(default_factory=list)  # (document, version, why)


def _load_state(db: DB, document: str) -> tuple[int | None, DocumentHistory, int | None]:
    last_id, raw = store.load_state(db, document)
    data: dict[str, Any] = json.loads(raw) if raw else {}
    return last_id, DocumentHistory.from_json(data.get("compare")), data.get("base_version")


def evidence_for(old: Version | None, new: Version) -> dict[str, Any]:
    """What a lawyer needs to check a finding against the sources."""
    return {
        "document": new.document,
        "old_version": old.id if old else None,
        "new_version": new.id,
        "old_seen": [old.first_seen.isoformat(), old.last_seen.isoformat()] if old else None,
        "new_first_seen": new.first_seen.isoformat(),
        "old_snapshots": list(old.snapshots) if old else [],
        "new_snapshots": list(new.snapshots),
        "urls": list(new.urls),
        "old_commit": old.commit if old else None,
        "commit": new.commit,
    }


def analyze_document(
    db: DB, document: str, report: AnalysisReport | None = None, *, backfill: bool = False
) -> AnalysisReport:
    """Analyze the versions of `document` recorded since its last analysis, in order."""
    report = report or AnalysisReport()
    last_id, history, base_id = _load_state(db, document)
    pending = store.unanalyzed_versions(db, document, last_id)
    if not pending:
        return report
    base = _get_version(db, base_id) if base_id else None
    for version in pending:
        old_text = base.text if base else None
        cmp = compare_versions(old_text, version.text, history)
        history = cmp.history
        clauses = find_clauses(version.text)
        new_base = base if cmp.anomaly else version
        state = json.dumps({"compare": history.to_json(), "base_version": new_base.id})
        ids = store.record_analysis(
            db,
            version,
            clauses,
            cmp.findings,
            old_version_id=base.id if base else None,
            history=state,
            evidence=evidence_for(base, version),
            effective_date=find_effective_date(version.text) if cmp.findings else None,
            anomaly=cmp.anomaly,
            backfill=backfill,
        )
        if cmp.anomaly:
            log.warning(
                "%s version %s: anomaly, no findings: %s", document, version.id, cmp.anomaly
            )
            report.anomalies.append((document, version.id or 0, cmp.anomaly))
        report.finding_ids.extend(ids)
        report.versions += 1
        base = new_base
    return report


def _get_version(db: DB, version_id: int) -> Version | None:
    from ..store.versions import get_version

    return get_version(db, version_id)


def analyze_pending(
    db: DB, documents: Iterable[str] | None = None, *, backfill: bool = False
) -> AnalysisReport:
    """Analyze every document with versions not analyzed yet."""
    report = AnalysisReport()
    for document in documents if documents is not None else store.documents_with_versions(db):
        analyze_document(db, document, report, backfill=backfill)
    return report
