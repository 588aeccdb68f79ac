"""Versions imported from Open Terms Archive, and the OTA records behind each of them.

Several OTA documents can be one catalog document (a service renamed, one policy filed under
two services). Their records are merged by date into one history: a record whose text is the
document's latest text, or a text already recorded from another OTA document (a second service
catching up), is attached to that version as one more record instead of becoming a version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from ..records import sha256_hex
from .versions import _append_version, _latest


@dataclass(frozen=True, slots=True)
class OtaRecord:
    """One OTA version as an import files it: its text and where OTA filed it."""

    service: str
    document: str
    recorded_at: datetime
    commit: str | None
    text: str


@dataclass(slots=True)
class OtaRecorded:
    seen: int = 0  # records not imported before
    created: int = 0  # versions created
    repeats: int = 0  # records that were an existing version's text (filed twice)


def record_ota_versions(
    con: duckdb.DuckDBPyConnection,
    document: str,
    records: Sequence[OtaRecord],
    *,
    parser_version: str,
    run_id: int | None,
) -> OtaRecorded:
    """Record `records` (any order) as versions of `document`, inside the caller's transaction.

    Idempotent: a record already attached to `document` (same service, document type and
    date) is skipped.
    """
    out = OtaRecorded()
    known = {
        (s, d, _ref(c, t))
        for s, d, c, t in con.execute(
            "SELECT service, document, commit, recorded_at FROM ota_sources"
            " WHERE document_key = $d",
            {"d": document},
        ).fetchall()
    }
    # text hash -> (version id, the OTA documents it was recorded from)
    by_hash: dict[str, tuple[int, set[tuple[str, str]]]] = {}
    for vid, h, service, doc in con.execute(
        "SELECT v.id, v.text_sha256, o.service, o.document FROM versions v"
        " LEFT JOIN ota_sources o ON o.version_id = v.id AND o.document_key = v.document_key"
        " WHERE v.document_key = $d ORDER BY v.first_seen, v.id",
        {"d": document},
    ).fetchall():
        entry = by_hash.setdefault(h, (vid, set()))
        if service is not None:
            entry[1].add((service, doc))
    latest = _latest(con, document)
    for r in sorted(records, key=lambda r: (r.recorded_at, r.service, r.document)):
        ref = (r.service, r.document, _ref(r.commit, r.recorded_at))
        if ref in known:
            continue
        out.seen += 1
        text_hash = sha256_hex(r.text)
        earlier = by_hash.get(text_hash)
        if latest and latest[1] == text_hash:
            version_id = latest[0]
            con.execute(
                "UPDATE versions SET last_seen = greatest(last_seen, $t) WHERE id = $id",
                {"t": r.recorded_at, "id": version_id},
            )
            out.repeats += 1
        elif earlier and earlier[1] and (r.service, r.document) not in earlier[1]:
            version_id = earlier[0]  # another OTA document had this text first
            out.repeats += 1
        else:
            result = _append_version(
                con,
                latest,
                document,
                r.text,
                r.recorded_at,
                snapshots=[],
                urls=[],
                commit=r.commit,
                parser_version=parser_version,
                run_id=run_id,
            )
            version_id = result.version_id
            latest = (version_id, text_hash)
            by_hash.setdefault(text_hash, (version_id, set()))
            out.created += 1
        by_hash.get(text_hash, (0, set()))[1].add((r.service, r.document))
        con.execute(
            "INSERT INTO ota_sources VALUES ($v, $k, $s, $d, $c, $t)",
            {
                "v": version_id,
                "k": document,
                "s": r.service,
                "d": r.document,
                "c": r.commit,
                "t": r.recorded_at,
            },
        )
        known.add(ref)
    return out


def _ref(commit: str | None, recorded_at: datetime) -> str:
    """What identifies an OTA record: its commit (git), else its date (a dataset)."""
    return commit or recorded_at.astimezone(UTC).isoformat()
