"""`clausewatch eval`: score the product's findings on Open Terms Archive's labeled history.

It runs exactly what a user runs — `import-ota` of the versions bundle into a fresh DuckDB
file with the built-in catalog's mappings, then the `findings --format jsonl` export — and
scores the export with the scorer shipped beside the corpus (`tools/score.py`), timing the
whole import.

The labels are events of OTA's own (service, document type) histories, and the scorer matches
a finding by them. An imported version can be several OTA records (one policy filed under
ChatGPT and DALL·E, recorded once), so each finding is written once per OTA record of its new
version, under that record's service, document type, commit and date; findings marked as
duplicates are written too (their records are their own service's events).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..alerting.config import parse_alert_config
from ..errors import ConfigError
from ..output.findings import FINDING_COLUMNS, finding_record
from ..output.tables import render
from ..store.findings import list_findings
from ..watchers.catalog import load_catalog
from .ota_import import import_ota


@dataclass(slots=True)
class Evaluation:
    versions: int
    findings: int
    seconds: float
    scores: dict[str, Any]
    parser: str = ""  # parser work: sentences, words/s, cache hit rate
    unreadable: int = 0  # edited clauses the rules could not read (not reported as removals)


def find_corpus(path: str | Path | None) -> Path | None:
    """The OTA GenAI corpus folder: the given one, else ../shared/corpus/ota-genai."""
    candidates = (
        [Path(path)]
        if path
        else [
            Path.cwd().parent / "shared" / "corpus" / "ota-genai",
            Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ota-genai",
        ]
    )
    return next((c for c in candidates if (c / "genai-versions.bundle").exists()), None)


def evaluate(corpus: Path, *, out: str | Path | None = None, progress: bool = False) -> Evaluation:
    labels = corpus / "labels.jsonl"
    scorer = corpus.parent.parent / "tools" / "score.py"
    if not labels.exists() or not scorer.exists():
        raise ConfigError(f"{corpus}: labels.jsonl or ../../tools/score.py is missing")
    no_alerts = parse_alert_config({}, env={})  # an evaluation must never notify anyone
    with tempfile.TemporaryDirectory(prefix="clausewatch-eval-") as tmp:
        db = str(Path(tmp) / "eval.duckdb")
        start = time.perf_counter()
        report = import_ota(
            db,
            corpus / "genai-versions.bundle",
            progress=progress,
            alerts=no_alerts,
            catalog=load_catalog(),
        )
        seconds = time.perf_counter() - start
        rows = scoring_records(db)
    findings_path = Path(out) if out else Path(tmp + ".jsonl")
    findings_path.write_text(render(FINDING_COLUMNS, rows, "jsonl") + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(scorer), str(labels), str(findings_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    if not out:
        findings_path.unlink()
    from ..statements.read import parse_summary

    return Evaluation(
        report.versions_seen,
        len(rows),
        seconds,
        json.loads(result.stdout),
        parse_summary(),
        len(report.analysis.unreadable),
    )


_SERVICE, _DOCUMENT, _RECORDED, _COMMIT = (
    FINDING_COLUMNS.index(c) for c in ("service", "document", "recorded_at", "commit")
)


def scoring_records(db: str | Path) -> list[list[Any]]:
    """The findings as JSONL records, one per OTA record of their new version (see above)."""
    rows: list[list[Any]] = []
    for f in list_findings(db, include_duplicates=True):
        record = finding_record(f)
        for source in f.ota:
            row = list(record)
            row[_SERVICE], row[_DOCUMENT] = source["service"], source["document"]
            row[_COMMIT], row[_RECORDED] = source["commit"], source["recorded_at"]
            rows.append(row)
        if not f.ota:  # not imported: as the user's export has it
            rows.append(record)
    return rows
