"""`clausewatch import-ota`: years of history at once from an Open Terms Archive repository.

Each OTA version is recorded as a version (at its recorded date, keeping the commit as
provenance) and goes through the same clause and diff pipeline as a crawled one. One
transaction per document: an interrupted import resumes at the first document it had not
finished, and a second import of the same history records nothing.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..parsers.extract import PARSER_VERSION
from ..records import slugify
from ..store import db as store_db
from ..store import versions as store
from .alert_config import AlertConfig, load_alert_config
from .alerts import DeliveryReport, deliver_alerts
from .analyze import AnalysisReport, analyze_document
from .lock import run_lock
from .ota_source import OtaVersion, read_ota_versions

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

    def summary(self) -> str:
        """The import's one line for the CLI and the log."""
        from .alerts import brief_alerts

        n = len(self.analysis.finding_ids)
        return (
            f"imported {self.versions_new} new versions ({self.versions_seen} seen) of "
            f"{self.documents} documents; {n} finding{'' if n == 1 else 's'}, "
            f"{len(self.analysis.anomalies)} anomalous captures skipped, "
            f"{brief_alerts(self.delivery)}"
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
        try:
            with store_db.BatchWriter(db) as writer:
                for (service, document), versions in sorted(per_doc.items()):
                    _import_document(writer, service, document, versions, report)
                    if bar is not None:
                        bar.update(len(versions))
        except BaseException:
            store.finish_run(db, run_id, "failed", "interrupted")
            raise
        finally:
            if bar is not None:
                bar.close()
        store.finish_run(
            db,
            run_id,
            "ok",
            f"{report.versions_new} new versions from {report.documents} documents",
        )
        report.delivery = deliver_alerts(db, config, finding_ids=report.analysis.finding_ids)
    log.info("import run %d: %s", run_id, report.summary())
    return report


def _import_document(
    writer: store_db.BatchWriter,
    service: str,
    document: str,
    versions: list[OtaVersion],
    report: ImportReport,
) -> None:
    provider_id = slugify(service)
    key = f"{provider_id}/{slugify(document)}"
    versions = sorted(versions, key=lambda v: v.recorded_at)
    with writer.transaction() as con:
        store.upsert_document(
            con, key, provider_id, document, document_type_for(document), [], provider_name=service
        )
        report.versions_new += store.record_imported_versions(
            con,
            key,
            [(v.text, v.recorded_at, v.commit) for v in versions],
            parser_version=PARSER_VERSION,
            run_id=report.run_id,
        )
        report.versions_seen += len(versions)
        analyze_document(con, key, report.analysis, backfill=True)
    report.documents += 1
