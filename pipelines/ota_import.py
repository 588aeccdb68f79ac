"""`clausewatch import-ota`: years of history at once from an Open Terms Archive repository.

Each OTA version is recorded as a version (at its recorded date, keeping the commit as
provenance) and goes through the same clause and diff pipeline as a crawled one. A few
versions per transaction, with their analysis: an interrupted import resumes after the last
chunk it committed, and a second import of the same history records nothing. An unexpected
exception while importing one document is its fetch error; the others are imported.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from ..faults import checkpoint
from ..parsers.extract import PARSER_VERSION
from ..records import FetchFailure, slugify
from ..statements.nlp import load_pipeline
from ..store import db as store_db
from ..store import versions as store
from .alert_config import AlertConfig, load_alert_config
from .alerts import DeliveryReport, register_channels
from .analyze import AnalysisReport, analyze_document
from .lock import run_lock
from .ota_source import OtaVersion, read_ota_versions
from .run import deliver_safely

log = logging.getLogger(__name__)

# OTA document types -> our document types, by the words in their names.
_TYPE_RULES: list[tuple[str, str]] = [
    (r"sub-?processor", "subprocessors"),
    (r"data process|\bdpa\b|processor agreement", "dpa"),
    (r"privacy|trackers|cookie", "privacy_policy"),
    (r"acceptable use|usage polic|use polic|community guidelines", "usage_policy"),
    (
        r"commercial|business|enterprise|developer|api|service level|platform to business",
        "commercial_terms",
    ),
    (r"terms|conditions", "terms"),
    (r"faq|help|how your data", "faq"),
]


def document_type_for(name: str) -> str:
    lowered = name.lower()
    return next((t for pattern, t in _TYPE_RULES if re.search(pattern, lowered)), "other")


@dataclass(slots=True)
class ImportReport:
    run_id: int
    documents: int = 0
    versions_seen: int = 0
    versions_new: int = 0
    analysis: AnalysisReport = field(default_factory=AnalysisReport)
    delivery: DeliveryReport | None = None
    failures: list[FetchFailure] = field(default_factory=list)  # documents not imported
    errors: list[str] = field(default_factory=list)  # unexpected alert failures

    @property
    def ok(self) -> bool:
        """Every document imported and every due alert delivered."""
        return not self.failures and not self.errors and (self.delivery is None or self.delivery.ok)

    def summary(self) -> str:
        """The import's one line for the CLI and the log."""
        from .alerts import brief_alerts

        n = len(self.analysis.finding_ids)
        return (
            f"imported {self.versions_new} new versions ({self.versions_seen} seen) of "
            f"{self.documents} documents; {n} finding{'' if n == 1 else 's'}, "
            f"{len(self.analysis.anomalies)} anomalous captures skipped, "
            f"{brief_alerts(self.delivery)}"
            + (f", {len(self.failures)} documents failed" if self.failures else "")
        )


def import_ota(
    db: str | Path,
    path: str | Path,
    *,
    progress: bool = False,
    alerts: AlertConfig | None = None,
) -> ImportReport:
    """Import every version at `path` (git clone, bundle, dataset folder or zip) into `db`.

    Findings are marked as backfill: alert channels get one summary of them, not a flood.
    """
    db = str(db)
    config = alerts if alerts is not None else load_alert_config()
    store_db.migrate(db)
    with run_lock(db):
        register_channels(db, config)
        run_id = store.start_run(db, "import")
        report = ImportReport(run_id)
        per_doc: dict[tuple[str, str], list[OtaVersion]] = defaultdict(list)
        for v in read_ota_versions(path):
            per_doc[(v.service, v.document)].append(v)
        total = sum(len(vs) for vs in per_doc.values())
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="version", desc="import-ota", file=sys.stderr)
        # The clause reader loads its language pipeline on first use (seconds): load it before
        # the first transaction, not while holding the database that readers wait for.
        load_pipeline()
        try:
            with store_db.BatchWriter(db) as writer:
                for (service, document), versions in sorted(per_doc.items()):
                    _import_safely(writer, service, document, versions, report)
                    if bar is not None:
                        bar.update(len(versions))
        except BaseException:
            store.finish_run(db, run_id, "failed", "interrupted")
            raise
        finally:
            if bar is not None:
                bar.close()
        checkpoint("import.finishing")
        detail = f"{report.versions_new} new versions from {report.documents} documents"
        if report.failures:
            detail += f"; {len(report.failures)} documents failed"
        store.finish_run(db, run_id, "partial" if report.failures else "ok", detail)
        report.delivery = deliver_safely(
            db, config, report.analysis.finding_ids, run_id, report.errors
        )
    log.info("import run %d: %s", run_id, report.summary())
    return report


def _import_safely(
    writer: store_db.BatchWriter,
    service: str,
    document: str,
    versions: list[OtaVersion],
    report: ImportReport,
) -> None:
    """Import one document; an unexpected exception becomes its fetch error (the document's
    transaction is rolled back, so the next import does it again) and the import goes on."""
    key = f"{slugify(service)}/{slugify(document)}"
    stage = ["store"]
    try:
        _import_document(writer, service, document, versions, report, stage)
    except StoreError:
        raise  # the database itself: stop here, the next import resumes at this document
    except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the others
        failure = FetchFailure.internal(
            key, f"{service}/{document}.md", stage[0], exc, fetched_at=datetime.now(UTC)
        )
        log.error("%s: %s", key, failure.message)
        log.debug("traceback", exc_info=True)
        with writer.transaction() as con:
            store.record_failure(con, failure, report.run_id)
        report.failures.append(failure)


def _import_document(
    writer: store_db.BatchWriter,
    service: str,
    document: str,
    versions: list[OtaVersion],
    report: ImportReport,
    stage: list[str],
) -> None:
    """Record a document's versions and analyze them, `CHUNK` versions per transaction.

    Each chunk commits its versions with their analysis, so a long history never holds the
    database for long (readers get their turn between chunks) and an interrupted import
    resumes after the last chunk committed: versions already imported are skipped by their
    commit, and the analysis continues from the document's saved state.
    """
    provider_id = slugify(service)
    key = f"{provider_id}/{slugify(document)}"
    versions = sorted(versions, key=lambda v: v.recorded_at)
    for start in range(0, len(versions), CHUNK):
        chunk = versions[start : start + CHUNK]
        found = len(report.analysis.finding_ids)
        try:
            _import_chunk(writer, key, service, document, chunk, report, stage)
        except BaseException:  # rolled back: its findings do not exist
            del report.analysis.finding_ids[found:]
            raise
        checkpoint("import.document_committed", key)
    report.versions_seen += len(versions)
    report.documents += 1


def _import_chunk(
    writer: store_db.BatchWriter,
    key: str,
    service: str,
    document: str,
    chunk: list[OtaVersion],
    report: ImportReport,
    stage: list[str],
) -> None:
    provider_id = key.split("/")[0]
    with writer.transaction() as con:
        stage[0] = "store"
        checkpoint("store", key)
        store.upsert_document(
            con,
            key,
            provider_id,
            document,
            document_type_for(document),
            [],
            provider_name=service,
        )
        created = store.record_imported_versions(
            con,
            key,
            [(v.text, v.recorded_at, v.commit) for v in chunk],
            parser_version=PARSER_VERSION,
            run_id=report.run_id,
        )
        checkpoint("import.versions_written", key)
        stage[0] = "analyze"
        analyze_document(con, key, report.analysis, backfill=True)
    report.versions_new += created


CHUNK = 5  # versions per transaction of an import: a few seconds of analysis at most
