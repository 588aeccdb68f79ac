"""`clausewatch reextract`: rebuild versions from their stored snapshots with today's parser.

Snapshots are the source of truth (they are never changed). When the parser or a document's
selectors improve, versions can be rebuilt from them: a version whose text changes is
updated in place and marked technical, the document's history is analyzed again, and what
that finds is recorded as technical findings, which are never alerted. Findings recorded
before stay: they were what the documents said as parsed at the time.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import ExtractError
from ..parsers.extract import PARSER_VERSION, extract_document_text
from ..records import Catalog
from ..store import findings as store_findings
from ..store import versions as store
from ..store.db import DB
from .analyze import AnalysisReport, analyze_document

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ReextractReport:
    changed: list[int] = field(default_factory=list)  # version ids whose text changed
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (version id, why)
    analysis: AnalysisReport = field(default_factory=AnalysisReport)


def reextract(db: DB, catalog: Catalog, documents: Sequence[str] | None = None) -> ReextractReport:
    report = ReextractReport()
    keys = documents if documents is not None else [d.key for d in catalog.documents]
    for key in keys:
        spec = catalog.document(key)
        if spec is None:
            continue
        changed = False
        for version in reversed(store.list_versions(db, key)):  # oldest first
            if version.document != key or not version.snapshots or version.id is None:
                continue  # imported from an archive: no snapshots to rebuild from
            parts = store.snapshot_parts(db, version.id)
            if len(parts) != len(spec.sources):
                report.skipped.append((version.id, "the catalog entry has other sources now"))
                continue
            try:
                text = extract_document_text(
                    [(body, ctype, src) for (_, body, ctype), src in zip(parts, spec.sources)]
                )
            except ExtractError as exc:
                report.skipped.append((version.id, str(exc)))
                continue
            if text == version.text:
                report.unchanged += 1
                continue
            store.update_version_text(db, version.id, text, PARSER_VERSION)
            report.changed.append(version.id)
            changed = True
        if changed:
            log.info("%s: versions rebuilt, analyzing its history again", key)
            store_findings.reset_state(db, key)
            analyze_document(db, key, report.analysis, technical=True)
    return report
