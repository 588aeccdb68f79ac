"""Triage: a person acks a finding (read, material) or dismisses it (not material, with why).

`reviews` holds each reviewed finding's current status (no row: open); `review_history` keeps
every action with who, when and the note, so a dismissal can be traced and learned from.
Dismissing also skips the finding's deliveries that are still to be sent: a dismissed finding
is never alerted again.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import ConfigError
from .db import DB, now, reader, transaction
from .deliveries import content_signature

STATUSES = ("open", "acked", "dismissed")
ACTIONS = {"ack": "acked", "dismiss": "dismissed", "reopen": "open"}
DISMISSED_REASON = "dismissed in triage"


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What one triage action did; `changed` is False when it was already so (idempotent)."""

    finding_id: int
    action: str
    status: str
    previous: str
    changed: bool
    deliveries_skipped: int = 0


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    finding_id: int
    action: str
    status: str
    note: str | None
    reviewer: str | None
    reviewed_at: datetime


def default_reviewer() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return None


def review_finding(
    db: DB,
    finding_id: int,
    action: str,
    *,
    note: str | None = None,
    reviewer: str | None = None,
    at: datetime | None = None,
) -> ReviewOutcome:
    """Apply `action` (ack, dismiss, reopen) to a finding, in one transaction.

    Repeating an action changes nothing unless it brings a new note; a dismissal needs a note
    (why it is not material: the material for better rules).
    """
    if action not in ACTIONS:
        raise ConfigError(f"unknown review action {action!r}; expected one of {list(ACTIONS)}")
    note = " ".join(note.split()) if note else None
    if action == "dismiss" and not note:
        raise ConfigError("a dismissal needs --note: say why the change is not material")
    status = ACTIONS[action]
    at = at or now()
    with transaction(db) as con:
        if not con.execute("SELECT 1 FROM findings WHERE id = $i", {"i": finding_id}).fetchone():
            raise ConfigError(f"no finding {finding_id} (see `clausewatch findings`)")
        row = con.execute(
            "SELECT status, note FROM reviews WHERE finding_id = $i", {"i": finding_id}
        ).fetchone()
        previous, old_note = (row[0], row[1]) if row else ("open", None)
        if status == previous and (note is None or note == old_note):
            return ReviewOutcome(finding_id, action, status, previous, False)
        params = {"i": finding_id, "s": status, "n": note, "r": reviewer, "t": at, "a": action}
        if status == "open":
            con.execute("DELETE FROM reviews WHERE finding_id = $i", {"i": finding_id})
        else:
            con.execute(
                "INSERT INTO reviews VALUES ($i, $s, $n, $r, $t) ON CONFLICT (finding_id)"
                " DO UPDATE SET status = $s, note = $n, reviewer = $r, reviewed_at = $t",
                {k: v for k, v in params.items() if k != "a"},
            )
        con.execute(
            "INSERT INTO review_history (finding_id, action, status, note, reviewer, reviewed_at)"
            " VALUES ($i, $a, $s, $n, $r, $t)",
            params,
        )
        skipped = 0
        if status == "dismissed":
            # 'sending' is in flight and is left to finish; everything not yet sent is dropped
            skipped = len(
                con.execute(
                    "UPDATE deliveries SET status = 'skipped', error = $why WHERE finding_id = $i"
                    " AND status IN ('pending', 'failed', 'uncertain') RETURNING finding_id",
                    {"i": finding_id, "why": DISMISSED_REASON},
                ).fetchall()
            )
    return ReviewOutcome(finding_id, action, status, previous, True, skipped)


def review_history(db: DB, finding_id: int | None = None) -> list[ReviewEvent]:
    """Triage actions, oldest first (of one finding, or all)."""
    sql = (
        "SELECT finding_id, action, status, note, reviewer, reviewed_at FROM review_history"
        " WHERE $i IS NULL OR finding_id = $i ORDER BY reviewed_at, id"
    )
    with reader(db) as con:
        if not has_reviews(con):
            return []
        return [ReviewEvent(*r) for r in con.execute(sql, {"i": finding_id}).fetchall()]


def dismissed_contents(db: DB) -> dict[str, int]:
    """Content signature (deliveries.content_signature) -> id of a dismissed finding: the same
    change found again as another finding (after a re-analysis) is not alerted either."""
    with reader(db) as con:
        if not has_reviews(con):
            return {}
        rows = con.execute(
            "SELECT f.document_key, f.topic, f.kind, f.old_text, f.new_text, f.id FROM findings f"
            " JOIN reviews r ON r.finding_id = f.id WHERE r.status = 'dismissed' ORDER BY f.id"
        ).fetchall()
    out: dict[str, int] = {}
    for *content, fid in rows:
        out.setdefault(content_signature(*content), fid)
    return out


def has_reviews(con: Any) -> bool:
    """Whether the file has the reviews table (a file read before `init` migrated it)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'reviews'"
        " AND schema_name = current_schema() AND database_name = current_database()"
    ).fetchone()
    return bool(row and row[0])
