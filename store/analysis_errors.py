"""Unexpected failures after a version was recorded: clause reading and alert delivery.

A failure before a version exists is a fetch error (`versions.record_failure`, reason
`internal_error`); one after it is kept here, so that the run says it failed and the
version is analyzed (or alerted) again by the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .db import DB, now, reader, transaction


@dataclass(frozen=True, slots=True)
class AnalysisError:
    run_id: int | None
    document: str | None
    version_id: int | None
    stage: str  # analyze | alerts
    message: str
    recorded_at: datetime


def record_analysis_error(
    db: DB,
    *,
    run_id: int | None,
    stage: str,
    message: str,
    document: str | None = None,
    version_id: int | None = None,
) -> None:
    with transaction(db) as con:
        con.execute(
            "INSERT INTO analysis_errors (run_id, document_key, version_id, stage, message,"
            " recorded_at) VALUES ($r, $d, $v, $s, $m, $t)",
            {
                "r": run_id,
                "d": document,
                "v": version_id,
                "s": stage,
                "m": message,
                "t": now(),
            },
        )


def run_analysis_errors(db: DB, run_id: int) -> list[AnalysisError]:
    with reader(db) as con:
        rows = con.execute(
            "SELECT run_id, document_key, version_id, stage, message, recorded_at"
            " FROM analysis_errors WHERE run_id = $r ORDER BY id",
            {"r": run_id},
        ).fetchall()
    return [AnalysisError(*r) for r in rows]
