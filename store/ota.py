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


def mark_duplicate_findings(
    con: duckdb.DuckDBPyConnection, finding_ids: Sequence[int]
) -> list[int]:
    """Mark findings that repeat one found first on another document.

    The same change (topic, kind, direction, old and new clause) on another document whose new
    version is byte-identical, or that is the same OTA document type of the same provider
    filed under another service (ChatGPT's and DALL·E's "Privacy Policy", whose texts differ
    elsewhere): one policy filed under two OTA services that are not one catalog document.
    Also a clause added by the same change to several documents of one provider within
    BANNER_WINDOW_SECONDS (a banner or a shared paragraph): reported once, on the first.
    Returns the ids marked.
    """
    if not finding_ids:
        return []
    rows = con.execute(
        """
        UPDATE findings f SET duplicate_of = (
            SELECT min(o.id) FROM findings o
            JOIN versions ov ON ov.id = o.new_version_id
            JOIN versions nv ON nv.id = f.new_version_id
            JOIN documents od ON od.key = o.document_key
            JOIN documents nd ON nd.key = f.document_key
            WHERE o.id < f.id AND o.document_key <> f.document_key AND o.duplicate_of IS NULL
              AND o.topic = f.topic AND o.kind = f.kind AND o.direction = f.direction
              AND o.old_text IS NOT DISTINCT FROM f.old_text
              AND o.new_text IS NOT DISTINCT FROM f.new_text AND NOT o.technical
              AND (ov.text_sha256 = nv.text_sha256
                   -- a sentence added at once to every document of a provider (a banner)
                   OR (od.provider_id = nd.provider_id AND f.kind LIKE 'gained:%'
                       AND abs(epoch(nv.first_seen) - epoch(ov.first_seen)) <= $banner_window)
                   OR (od.provider_id = nd.provider_id AND EXISTS (
                       SELECT 1 FROM ota_sources a, ota_sources b
                       WHERE a.version_id = o.new_version_id AND b.version_id = f.new_version_id
                         AND a.document = b.document AND a.service <> b.service))))
        WHERE list_contains($ids, f.id) AND f.duplicate_of IS NULL
        RETURNING f.id, f.duplicate_of
        """,
        {"ids": list(finding_ids), "banner_window": BANNER_WINDOW_SECONDS},
    ).fetchall()
    return [fid for fid, dup in rows if dup is not None]


# The same new clause on two documents of one provider within this time is one change.
BANNER_WINDOW_SECONDS = 3 * 86400
