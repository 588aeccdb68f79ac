"""Clauses, findings and the per-document comparison state.

A version's analysis (its clauses, its findings, the updated comparison state) is written in
one transaction, and findings carry a signature with a UNIQUE constraint: re-running the
analysis over the same versions adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..faults import checkpoint
from ..records import SEVERITIES, Clause, Finding, Version, sha256_hex
from .db import DB, now, reader, transaction


@dataclass(frozen=True, slots=True)
class RecordedFindings:
    """What one version's analysis added: new findings, and new repeats of another document's."""

    ids: list[int]
    duplicates: list[int]


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A finding as stored, joined with its document, for reports, alerts and the CLI."""

    id: int
    provider: str
    provider_name: str
    document: str  # document key
    document_name: str
    document_type: str
    topic: str
    direction: str
    severity: str
    kind: str
    summary: str
    old_text: str | None
    new_text: str | None
    diff: list[tuple[int, str]]
    evidence: dict[str, Any]
    effective_date: date | None
    recorded_at: datetime
    commit: str | None
    backfill: bool
    technical: bool
    old_version_id: int | None
    new_version_id: int
    rule_ids: list[str] = field(default_factory=list)
    statements: dict[str, Any] = field(default_factory=dict)  # {"old": [...], "new": [...]}
    duplicate_of: int | None = None  # same change, same text, found first on another document
    # the Open Terms Archive records the new version is: [{service, document, commit,
    # recorded_at}], oldest first; empty for a crawled version
    ota: list[dict[str, Any]] = field(default_factory=list)
    status: str = "open"  # triage (store/reviews.py): open | acked | dismissed
    review_note: str | None = None
    reviewer: str | None = None
    reviewed_at: datetime | None = None


def finding_signature(version_id: int, f: Finding) -> str:
    return sha256_hex(json.dumps([version_id, f.topic, f.kind, f.old_text, f.new_text]))


def load_state(db: DB, document: str) -> tuple[int | None, str | None]:
    """(last analyzed version id, comparison history JSON) of a document."""
    with reader(db) as con:
        row = con.execute(
            "SELECT last_version_id, history FROM document_state WHERE document_key = $d",
            {"d": document},
        ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def unanalyzed_versions(db: DB, document: str, after_id: int | None) -> list[Version]:
    """Versions of `document` recorded after the last analyzed one, oldest first."""
    from .versions import _VERSION_COLUMNS, _version

    with reader(db) as con:
        if after_id is None:
            rows = con.execute(
                f"SELECT {_VERSION_COLUMNS} FROM versions WHERE document_key = $d"
                " ORDER BY first_seen, id",
                {"d": document},
            ).fetchall()
        else:
            rows = con.execute(
                f"SELECT {_VERSION_COLUMNS} FROM versions v WHERE document_key = $d AND"
                " (first_seen, id) > (SELECT (first_seen, id) FROM versions WHERE id = $a)"
                " ORDER BY first_seen, id",
                {"d": document, "a": after_id},
            ).fetchall()
    return [_version(r) for r in rows]


def documents_pending_analysis(db: DB, documents: Sequence[str] | None = None) -> list[str]:
    """Documents with a version recorded after their last analysis (one query for a run)."""
    sql = """
        SELECT v.document_key FROM versions v
        LEFT JOIN document_state s ON s.document_key = v.document_key
        LEFT JOIN versions last ON last.id = s.last_version_id
        WHERE s.last_version_id IS NULL OR (v.first_seen, v.id) > (last.first_seen, last.id)
    """
    params: dict[str, Any] = {}
    if documents is not None:
        sql += " AND list_contains($docs, v.document_key)"
        params["docs"] = list(documents)
    with reader(db) as con:
        rows = con.execute(sql + " GROUP BY 1 ORDER BY 1", params).fetchall()
    return [r[0] for r in rows]


def record_analysis(
    db: DB,
    version: Version,
    clauses: Sequence[Clause],
    findings: Sequence[Finding],
    *,
    old_version_id: int | None,
    history: str | None,
    evidence: dict[str, Any],
    effective_date: date | None,
    anomaly: str | None = None,
    backfill: bool = False,
    technical: bool = False,
    replace: bool = False,
    rules_version: str | None = None,
) -> RecordedFindings:
    """Write a version's clauses, findings and (if given) the comparison state in one transaction.

    `replace` drops clauses stored before for this version (re-analysis). Returns the ids of
    findings created now (none when they already existed), those that repeat a finding of
    another document apart.
    """
    assert version.id is not None
    created: list[int] = []
    with transaction(db) as con:
        if replace:
            con.execute("DELETE FROM clauses WHERE version_id = $v", {"v": version.id})
        if clauses:
            # One JSON parameter for all rows: DuckDB binds Python values slowly (~1 ms a row).
            rows = [
                {
                    "p": c.position,
                    "s": c.section,
                    "t": c.text,
                    "k": list(c.topics),
                    "f": json.dumps(c.facts),
                    "st": statements_json(c.statements),
                    "rv": rules_version,
                }
                for c in clauses
            ]
            con.execute(
                """
                INSERT INTO clauses (version_id, position, section, text, topics, facts, statements,
                  rules_version)
                SELECT $v, r.p, r.s, r.t, r.k, r.f, r.st, r.rv FROM (SELECT unnest(from_json(
                  $rows, '[{"p": "INTEGER", "s": "VARCHAR", "t": "VARCHAR", "k": "VARCHAR[]",
                     "f": "VARCHAR", "st": "VARCHAR", "rv": "VARCHAR"}]')) AS r)
                ON CONFLICT DO NOTHING
                """,
                {"v": version.id, "rows": json.dumps(rows)},
            )
        checkpoint("analysis.clauses_written", version.document)
        for f in findings:
            row = con.execute(
                """
                INSERT INTO findings (document_key, old_version_id, new_version_id, topic,
                  direction, severity, kind, summary, old_text, new_text, diff, old_facts,
                  new_facts, evidence, effective_date, recorded_at, commit, backfill, technical,
                  signature, rule_ids, statements, rules_version)
                VALUES ($d, $ov, $nv, $topic, $dir, $sev, $kind, $sum, $old, $new, $diff, $of,
                  $nf, $ev, $eff, $at, $commit, $bf, $tech, $sig, $rules, $st, $rv)
                ON CONFLICT (signature) DO NOTHING
                RETURNING id
                """,
                {
                    "d": version.document,
                    "ov": old_version_id,
                    "nv": version.id,
                    "topic": f.topic,
                    "dir": f.direction,
                    "sev": f.severity,
                    "kind": f.kind,
                    "sum": f.summary,
                    "old": f.old_text,
                    "new": f.new_text,
                    "diff": json.dumps(list(f.diff)),
                    "of": json.dumps(f.old_facts),
                    "nf": json.dumps(f.new_facts),
                    "ev": json.dumps(evidence, default=str),
                    "eff": f.effective_date or effective_date,
                    "at": version.first_seen,
                    "commit": version.commit,
                    "bf": backfill,
                    "tech": technical,
                    "sig": finding_signature(version.id, f),
                    "rules": list(f.rule_ids),
                    "st": json.dumps(f.statements),
                    "rv": rules_version,
                },
            ).fetchone()
            if row:
                created.append(int(row[0]))
            elif rules_version is not None:
                # found again by these rules: current, whatever version first recorded it
                con.execute(
                    "UPDATE findings SET rules_version = $rv, superseded = false"
                    " WHERE signature = $sig",
                    {"rv": rules_version, "sig": finding_signature(version.id, f)},
                )
        # a change found first on another document (a banner, one policy filed twice) is
        # marked in the same transaction, so no crash can leave it unmarked and alerted
        duplicates = mark_duplicate_findings(con, created)
        if anomaly:
            con.execute(
                "INSERT INTO anomalies VALUES ($d, $v, $r, $t) ON CONFLICT DO NOTHING",
                {"d": version.document, "v": version.id, "r": anomaly, "t": now()},
            )
        if history is not None:
            save_state(con, version.document, version.id, history, rules_version)
        checkpoint("analysis.findings_written", version.document)
    checkpoint("analysis.version_committed", version.document)
    return RecordedFindings([i for i in created if i not in duplicates], duplicates)


def mark_duplicate_findings(con: Any, finding_ids: Sequence[int]) -> list[int]:
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


def save_state(
    db: DB, document: str, version_id: int, history: str, rules_version: str | None = None
) -> None:
    with transaction(db) as con:
        con.execute(
            "INSERT INTO document_state (document_key, last_version_id, history, updated_at,"
            " rules_version) VALUES ($d, $v, $h, $t, $rv) ON CONFLICT (document_key)"
            " DO UPDATE SET last_version_id = $v, history = $h, updated_at = $t,"
            " rules_version = $rv",
            {"d": document, "v": version_id, "h": history, "t": now(), "rv": rules_version},
        )


def documents_with_versions(db: DB, provider: str | None = None) -> list[str]:
    """Document keys that have versions (of one provider, given its id)."""
    sql = (
        "SELECT DISTINCT v.document_key FROM versions v JOIN documents d ON d.key = v.document_key"
    )
    params: dict[str, Any] = {}
    if provider:
        sql += " WHERE d.provider_id = $p"
        params["p"] = provider
    with reader(db) as con:
        return [r[0] for r in con.execute(sql + " ORDER BY 1", params).fetchall()]


def supersede_stale(db: DB, document: str, rules_version: str) -> int:
    """Mark findings the current rules no longer make as superseded (kept, not listed)."""
    with transaction(db) as con:
        rows = con.execute(
            "UPDATE findings SET superseded = true WHERE document_key = $d AND NOT superseded"
            " AND rules_version IS DISTINCT FROM $rv RETURNING id",
            {"d": document, "rv": rules_version},
        ).fetchall()
    return len(rows)


def stale_documents(db: DB, rules_version: str) -> int:
    """How many documents were last analyzed with other rules than `rules_version`."""
    with reader(db) as con:
        row = con.execute(
            "SELECT count(*) FROM document_state WHERE rules_version IS DISTINCT FROM $rv",
            {"rv": rules_version},
        ).fetchone()
    return int(row[0]) if row else 0


_FINDING_COLUMNS = """
SELECT f.id, d.provider_id, coalesce(p.name, d.provider_id), f.document_key, d.name, d.type,
       f.topic, f.direction, f.severity, f.kind, f.summary, f.old_text, f.new_text, f.diff,
       f.evidence, f.effective_date, f.recorded_at, f.commit, f.backfill, f.technical,
       f.old_version_id, f.new_version_id, coalesce(f.rule_ids, []), f.statements,
"""
_OTA_COLUMNS = """
       f.duplicate_of,
       (SELECT coalesce(list({'service': o.service, 'document': o.document, 'commit': o.commit,
                              'recorded_at': o.recorded_at} ORDER BY o.recorded_at, o.service), [])
        FROM ota_sources o WHERE o.version_id = f.new_version_id),
"""
_FINDING_SELECT = (
    _FINDING_COLUMNS
    + _OTA_COLUMNS
    + """
       coalesce(r.status, 'open') AS status, r.note, r.reviewer, r.reviewed_at
FROM findings f
JOIN documents d ON d.key = f.document_key
LEFT JOIN providers p ON p.id = d.provider_id
LEFT JOIN reviews r ON r.finding_id = f.id
"""
)
# A file not yet migrated to the reviews and OTA tables (read-only commands do not migrate):
# every finding open, no duplicates, no OTA records.
_FINDING_SELECT_UNREVIEWED = (
    _FINDING_COLUMNS
    + """
       NULL, [], 'open' AS status, NULL, NULL, NULL
FROM findings f
JOIN documents d ON d.key = f.document_key
LEFT JOIN providers p ON p.id = d.provider_id
"""
)


def _finding_row(r: tuple) -> FindingRow:
    values = list(r)
    values[13] = [tuple(op) for op in json.loads(values[13] or "[]")]
    values[14] = json.loads(values[14] or "{}")
    values[23] = json.loads(values[23] or "{}")
    return FindingRow(*values)


def list_findings(
    db: DB,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    topic: str | None = None,
    min_severity: str | None = None,
    provider: str | None = None,
    document: str | None = None,
    ids: Sequence[int] | None = None,
    statuses: Sequence[str] | None = None,
    include_backfill: bool = True,
    include_technical: bool = False,
    include_duplicates: bool = False,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[FindingRow]:
    """Findings, oldest first (or newest), filtered; `min_severity` keeps that severity and
    worse; `until` is exclusive; `statuses` keeps those triage statuses. Duplicates
    (`duplicate_of`) are left out unless asked for: they repeat a finding listed on another
    document."""
    from .reviews import has_reviews

    where = ["true"]
    params: dict[str, Any] = {}
    if since is not None:
        where.append("f.recorded_at >= $since")
        params["since"] = since
    if until is not None:
        where.append("f.recorded_at < $until")
        params["until"] = until
    if topic:
        where.append("f.topic = $topic")
        params["topic"] = topic
    if min_severity:
        where.append("list_contains($sev, f.severity)")
        params["sev"] = list(SEVERITIES[: SEVERITIES.index(min_severity) + 1])
    if provider:
        where.append("d.provider_id = $provider")
        params["provider"] = provider
    if document:
        where.append("(f.document_key = $document OR d.provider_id = $document)")
        params["document"] = document
    if ids is not None:
        where.append("list_contains($ids, f.id)")
        params["ids"] = list(ids)
    if not include_backfill:
        where.append("NOT f.backfill")
    if not include_technical:
        where.append("NOT f.technical")
        where.append("NOT coalesce(f.superseded, false)")  # no longer made by these rules
    order = "f.recorded_at DESC, f.id DESC" if newest_first else "f.recorded_at, f.id"
    with reader(db) as con:
        reviewed = has_reviews(con)  # migrated (reviews and OTA records): see _FINDING_SELECT
        if not include_duplicates and reviewed:
            where.append("f.duplicate_of IS NULL")
        if statuses is not None:
            status = "coalesce(r.status, 'open')" if reviewed else "'open'"
            where.append(f"list_contains($statuses, {status})")
            params["statuses"] = list(statuses)
        select = _FINDING_SELECT if reviewed else _FINDING_SELECT_UNREVIEWED
        sql = select + " WHERE " + " AND ".join(where) + " ORDER BY " + order
        if limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = limit
        return [_finding_row(r) for r in con.execute(sql, params).fetchall()]


def statements_json(statements: Sequence[Any]) -> str:
    """The clause's statements as stored (statements.model codec)."""
    from ..statements.model import dumps

    return dumps(list(statements))


def list_clauses(
    db: DB, target: str | None = None, topic: str | None = None, *, limit: int | None = None
) -> list[tuple[str, str, str, int, str, str, list[str], dict[str, Any], list[Any]]]:
    """Current clauses: (provider, document, type, position, section, text, topics, facts,
    statements as JSON objects)."""
    where = ["true"]
    params: dict[str, Any] = {}
    if target:
        where.append("(lv.document = $t OR lv.provider = $t)")
        params["t"] = target
    if topic:
        where.append("list_contains(c.topics, $topic)")
        params["topic"] = topic
    sql = (
        "SELECT lv.provider, lv.document, lv.type, c.position, c.section, c.text, c.topics,"
        " c.facts, c.statements FROM latest_versions lv"
        " JOIN clauses c ON c.version_id = lv.version_id"
        f" WHERE {' AND '.join(where)} ORDER BY lv.document, c.position"
    )
    if limit is not None:
        sql += " LIMIT $limit"
        params["limit"] = limit
    with reader(db) as con:
        rows = con.execute(sql, params).fetchall()
    return [(*r[:7], json.loads(r[7] or "{}"), json.loads(r[8] or "[]")) for r in rows]


def reset_state(db: DB, document: str) -> None:
    """Forget a document's comparison state so that its whole history is analyzed again."""
    with transaction(db) as con:
        con.execute("DELETE FROM document_state WHERE document_key = $d", {"d": document})
