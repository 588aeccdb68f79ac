"""`clausewatch import-ota`: years of history at once from an Open Terms Archive repository.

Each OTA version is recorded as a version (at its recorded date, keeping the commit as
provenance) and goes through the same clause and diff pipeline as a crawled one. A few
versions per transaction, with their analysis: an interrupted import resumes after the last
chunk it committed, and a second import of the same history records nothing. An unexpected
exception while importing one document is its fetch error; the others are imported.

OTA documents the catalog names are imported as the catalog's documents (pipelines.ota_mapping),
so that a crawl continues their history; several OTA documents named by one catalog document
are merged by date, each text recorded once (store.ota). A finding that repeats one found
first on another document (byte-identical text, or the same OTA document type of the provider
under another service) is marked as its duplicate: kept for the eval, neither listed nor
alerted.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..alerting.config import AlertConfig, load_alert_config
from ..alerting.delivery import DeliveryReport, register_channels
from ..errors import StoreError
from ..faults import checkpoint
from ..parsers.extract import PARSER_VERSION
from ..records import Catalog, FetchFailure
from ..statements.nlp import load_pipeline
from ..store import db as store_db
from ..store import ota as store_ota
from ..store import versions as store
from .analyze import AnalysisReport, analyze_document
from .lock import run_lock
from .ota_mapping import OtaMapping, Target
from .ota_source import OtaListing, open_ota_source
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
    repeats: int = 0  # OTA records that were a text already recorded (filed twice)
    not_in_catalog: dict[str, str] = field(default_factory=dict)  # OTA service -> its slug
    analysis: AnalysisReport = field(default_factory=AnalysisReport)
    delivery: DeliveryReport | None = None
    failures: list[FetchFailure] = field(default_factory=list)  # documents not imported
    errors: list[str] = field(default_factory=list)  # unexpected alert failures

    @property
    def duplicates(self) -> int:
        """Findings repeating one found first on another document (marked, never alerted)."""
        return self.analysis.duplicates

    @property
    def ok(self) -> bool:
        """Every document imported and every due alert delivered."""
        return not self.failures and not self.errors and (self.delivery is None or self.delivery.ok)

    def summary(self) -> str:
        """The import's one line for the CLI and the log."""
        from ..alerting.delivery import brief_alerts

        n = len(self.analysis.finding_ids)
        repeats = f", {self.repeats} filed twice" if self.repeats else ""
        dups = (
            f" ({self.duplicates} more repeat them under another OTA service)"
            if self.duplicates
            else ""
        )
        return (
            f"imported {self.versions_new} new versions ({self.versions_seen} seen{repeats}) of "
            f"{self.documents} documents; {n} finding{'' if n == 1 else 's'}{dups}, "
            f"{len(self.analysis.anomalies)} anomalous captures skipped, "
            f"{brief_alerts(self.delivery)}"
            + (f", {len(self.failures)} documents failed" if self.failures else "")
        )

    def unmapped(self) -> str:
        """The OTA services the catalog does not name, with the slug they were filed under."""
        if not self.not_in_catalog:
            return ""
        items = ", ".join(
            f"{service} ({slug})" if slug != service else service
            for service, slug in sorted(self.not_in_catalog.items(), key=lambda i: i[0].casefold())
        )
        return f"not in the catalog: {items}"


def import_ota(
    db: str | Path,
    path: str | Path,
    *,
    progress: bool = False,
    alerts: AlertConfig | None = None,
    catalog: Catalog | None = None,
) -> ImportReport:
    """Import every version at `path` (git clone, bundle, dataset folder or zip) into `db`.

    `catalog` maps OTA documents onto its own (None: every service keeps its own slug).
    Findings are marked as backfill: alert channels get one summary of them, not a flood.
    """
    mapping = OtaMapping(catalog)
    db = str(db)
    config = alerts if alerts is not None else load_alert_config()
    store_db.migrate(db)
    with run_lock(db), open_ota_source(path) as listings:
        register_channels(db, config)
        run_id = store.start_run(db, "import")
        report = ImportReport(run_id)
        _import_listings(db, mapping, listings, report, progress)
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


def _import_listings(
    db: str, mapping: OtaMapping, listings: list[OtaListing], report: ImportReport, progress: bool
) -> None:
    """Import the listed versions one store document (catalog target) at a time.

    Only the listings are grouped up front; each text is read when its chunk is imported, so
    memory holds a few texts of one document, not the collection (peak RSS was 964 MB at 4x
    the GenAI history when every text was read before the first write).
    """
    targets: dict[str, Target] = {}
    per_target: dict[str, list[OtaListing]] = defaultdict(list)
    for v in listings:
        target = mapping.target(v.service, v.document)  # several OTA documents may be one
        targets.setdefault(target.key, target)
        per_target[target.key].append(v)
        if not target.known_service:
            report.not_in_catalog[v.service] = target.provider
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(listings), unit="version", desc="import-ota", file=sys.stderr)
    # The clause reader loads its language pipeline on first use (seconds): load it before
    # the first transaction, not while holding the database that readers wait for.
    load_pipeline()
    try:
        with store_db.BatchWriter(db) as writer:
            for key in sorted(per_target):
                versions = per_target.pop(key)
                _import_safely(writer, targets[key], versions, report)
                if bar is not None:
                    bar.update(len(versions))
    except BaseException:
        store.finish_run(db, report.run_id, "failed", "interrupted")
        raise
    finally:
        if bar is not None:
            bar.close()


def _import_safely(
    writer: store_db.BatchWriter,
    target: Target,
    versions: list[OtaListing],
    report: ImportReport,
) -> None:
    """Import one document; an unexpected exception becomes its fetch error (the document's
    transaction is rolled back, so the next import does it again) and the import goes on."""
    stage = ["store"]
    try:
        _import_document(writer, target, versions, report, stage)
    except StoreError:
        raise  # the database itself: stop here, the next import resumes at this document
    except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the others
        first = versions[0]
        failure = FetchFailure.internal(
            target.key, f"{first.service}/{first.document}.md", stage[0], exc,
            fetched_at=datetime.now(UTC),
        )  # fmt: skip
        log.error("%s: %s", target.key, failure.message)
        log.debug("traceback", exc_info=True)
        with writer.transaction() as con:
            store.record_failure(con, failure, report.run_id)
        report.failures.append(failure)


def _import_document(
    writer: store_db.BatchWriter,
    target: Target,
    versions: list[OtaListing],
    report: ImportReport,
    stage: list[str],
) -> None:
    """Record a document's versions and analyze them, `CHUNK` versions per transaction.

    Each chunk commits its versions with their analysis, so a long history never holds the
    database for long (readers get their turn between chunks) and an interrupted import
    resumes after the last chunk committed: records already imported are skipped by their
    commit (or date), and the analysis continues from the document's saved state.
    """
    versions = sorted(versions, key=lambda v: v.recorded_at)
    doc_type = target.type or document_type_for(versions[0].document)
    for start in range(0, len(versions), CHUNK):
        chunk = versions[start : start + CHUNK]
        found = len(report.analysis.finding_ids)
        try:
            _import_chunk(writer, target, doc_type, chunk, report, stage)
        except BaseException:  # rolled back: its findings do not exist
            del report.analysis.finding_ids[found:]
            raise
        checkpoint("import.document_committed", target.key)
    report.versions_seen += len(versions)
    report.documents += 1


def _import_chunk(
    writer: store_db.BatchWriter,
    target: Target,
    doc_type: str,
    chunk: list[OtaListing],
    report: ImportReport,
    stage: list[str],
) -> None:
    stage[0] = "read"  # the chunk's texts only, read before the transaction holds the file
    checkpoint("read", target.key)
    records = [
        store_ota.OtaRecord(v.service, v.document, v.recorded_at, v.commit, v.text()) for v in chunk
    ]
    with writer.transaction() as con:
        stage[0] = "store"
        checkpoint("store", target.key)
        store.upsert_document(
            con,
            target.key,
            target.provider,
            target.name,
            doc_type,
            list(target.urls),
            provider_name=target.provider_name,
        )
        recorded = store_ota.record_ota_versions(
            con, target.key, records, parser_version=PARSER_VERSION, run_id=report.run_id
        )
        checkpoint("import.versions_written", target.key)
        stage[0] = "analyze"
        analyze_document(con, target.key, report.analysis, backfill=True)
    report.versions_new += recorded.created
    report.repeats += recorded.repeats


CHUNK = 5  # versions per transaction of an import: a few seconds of analysis at most
