"""Versions -> clauses -> findings, for every version not analyzed yet.

The comparison state of each document (`detection.compare.DocumentHistory`: the last good
text, hashes of texts seen, changes already reported) is persisted with each version's
analysis in one transaction, so an interrupted run resumes where it stopped and a re-run
finds nothing new to do.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..detection.compare import DocumentHistory, UnreadableEdit, compare_versions, new_document
from ..detection.compare import _clauses as clauses_of
from ..errors import describe_failure
from ..faults import checkpoint
from ..parsers.clauses import effective_date_of, section_dates
from ..parsers.dates import find_effective_date
from ..parsers.version import PARSER_VERSION
from ..records import SEVERITIES, Clause, Finding, Version
from ..statements.version import RULES_VERSION
from ..store import findings as store
from ..store.analysis_errors import record_analysis_error
from ..store.db import DB
from ..store.versions import get_version, versions_from_other_parser

log = logging.getLogger(__name__)


@dataclass(slots=True)
class AnalysisReport:
    versions: int = 0
    finding_ids: list[int] = field(default_factory=list)
    anomalies: list[tuple[str, int, str]] = field(default_factory=list)  # (document, version, why)
    # edits the rules could not read, not reported as removals: (document, version, edit)
    unreadable: list[tuple[str, int, UnreadableEdit]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (document, what went wrong)
    duplicates: int = 0  # findings that repeat one of another document (marked, not alerted)
    current: int | None = None  # the version being analyzed (named in an error)


def _load_state(db: DB, document: str) -> tuple[int | None, DocumentHistory, Version | None]:
    last_id, raw = store.load_state(db, document)
    data: dict[str, Any] = json.loads(raw) if raw else {}
    history = DocumentHistory.from_json(data.get("compare"))
    base = get_version(db, data["base_version"]) if data.get("base_version") else None
    if base is not None:
        history.last_good_text = base.text  # not stored twice: it is the base version's text
    return last_id, history, base


def _state_json(history: DocumentHistory, base: Version | None) -> str:
    compare = history.to_json()
    compare.pop("last_good_text", None)
    return json.dumps({"compare": compare, "base_version": base.id if base else None})


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


_QUOTED_LIMIT = re.compile(r" \(“.*”\)\.$")


def one_per_change(findings: list[Finding]) -> list[Finding]:
    """One finding per change, the most severe reading of it.

    A clause edit can gain one fact and lose another ("we do not train unless you opt in" ->
    "we may train unless you opt out"): for a lawyer that is one change, not two messages.
    And the same change stated in a paragraph and again in a summary table is one message.
    """
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    best: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        key = (f.topic, f.old_text, f.new_text)
        kept = best.get(key)
        if kept is None or rank.get(f.severity, 9) < rank.get(kept.severity, 9):
            best[key] = f
    seen: set[tuple[str, str, str]] = set()
    out = []
    for f in findings:
        if best.get((f.topic, f.old_text, f.new_text)) is not f:
            continue
        # the same change stated in a paragraph and in a table is one message, whatever
        # limiting words each quotes
        key = (f.topic, f.direction, _QUOTED_LIMIT.sub(".", f.summary))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def analyze_document(
    db: DB,
    document: str,
    report: AnalysisReport | None = None,
    *,
    backfill: bool = False,
    technical: bool = False,
) -> AnalysisReport:
    """Analyze the versions of `document` recorded since its last analysis, in order.

    `technical`: a rebuild after re-extraction; its findings are recorded as technical
    (never alerted) and clauses already stored are replaced.
    """
    report = report or AnalysisReport()
    new_document()  # memos hold one document at a time
    last_id, history, base = _load_state(db, document)
    pending = store.unanalyzed_versions(db, document, last_id)
    if not pending:
        return report
    # The state is saved once, after the last version: if the run dies before, the next run
    # analyzes these versions again and the findings' signatures keep that from adding rows.
    for version in pending:
        report.current = version.id
        checkpoint("analyze", document)
        old_text = base.text if base else None
        cmp = compare_versions(old_text, version.text, history)
        history = cmp.history
        clauses = clauses_of(version.text)  # memoized: compare_versions just cut them
        new_base = base if cmp.anomaly else version
        recorded = store.record_analysis(
            db,
            version,
            clauses,
            dated(one_per_change(cmp.findings), version.text, clauses),
            old_version_id=base.id if base else None,
            history=None,
            evidence=evidence_for(base, version),
            effective_date=find_effective_date(version.text) if cmp.findings else None,
            anomaly=cmp.anomaly,
            backfill=backfill,
            technical=technical,
            replace=technical,
            rules_version=RULES_VERSION,
        )
        if cmp.anomaly:
            log.log(
                logging.INFO if backfill else logging.WARNING,
                "%s version %s: anomaly, no findings: %s",
                document,
                version.id,
                cmp.anomaly,
            )
            report.anomalies.append((document, version.id or 0, cmp.anomaly))
        for edit in cmp.unreadable:
            log.info(
                "%s version %s: an edited %s clause can no longer be read (not reported as a"
                " removal; listed for review): %.120r",
                document,
                version.id,
                edit.topic,
                edit.new_text,
            )
            report.unreadable.append((document, version.id or 0, edit))
        report.finding_ids.extend(recorded.ids)
        report.duplicates += len(recorded.duplicates)
        report.versions += 1
        base = new_base
    store.save_state(db, document, pending[-1].id or 0, _state_json(history, base), RULES_VERSION)
    checkpoint("analysis.state_saved", document)
    report.current = None
    return report


def dated(findings: list[Finding], text: str, clauses: list[Clause]) -> list[Finding]:
    """Findings with the effective date their own section states, where it states one."""
    if not findings:
        return findings
    dates = section_dates(text)
    if not dates:
        return findings
    section = {c.text: c.section for c in clauses}
    out = []
    for f in findings:
        d = effective_date_of(section.get(f.new_text, ""), dates) if f.new_text else None
        out.append(replace(f, effective_date=d) if d else f)
    return out


def analyze_pending(
    db: DB,
    documents: Iterable[str] | None = None,
    *,
    backfill: bool = False,
    run_id: int | None = None,
) -> AnalysisReport:
    """Analyze every document with versions not analyzed yet.

    An unexpected exception while reading one document is recorded in `analysis_errors`
    (and `report.errors`); its versions stay unanalyzed, so the next run tries them again,
    and the other documents are analyzed.
    """
    report = AnalysisReport()
    stale = store.stale_documents(db, RULES_VERSION)
    if stale:
        log.warning(
            "%d documents were analyzed with other reading rules than these (%s); run "
            "`clausewatch reanalyze` to read their history again",
            stale,
            RULES_VERSION,
        )
    other_parser = versions_from_other_parser(db, PARSER_VERSION)
    if other_parser:
        log.warning(
            "%d crawled versions were extracted by another parser than this one (%s); run "
            "`clausewatch reextract` to rebuild them from their snapshots (technical, never "
            "alerted)",
            other_parser,
            PARSER_VERSION,
        )
    for document in store.documents_pending_analysis(db, documents):
        try:
            analyze_document(db, document, report, backfill=backfill)
        except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the others
            record_error(db, report, document, exc, run_id=run_id)
    return report


def record_error(
    db: DB, report: AnalysisReport, document: str, exc: Exception, *, run_id: int | None
) -> None:
    """Keep an unexpected exception of one document's analysis: logged, stored, reported."""
    message = describe_failure(exc)
    log.error("%s: cannot read its clauses: %s", document, message)
    log.debug("traceback", exc_info=True)
    record_analysis_error(
        db,
        run_id=run_id,
        stage="analyze",
        message=message,
        document=document,
        version_id=report.current,
    )
    report.errors.append((document, message))
    report.current = None
