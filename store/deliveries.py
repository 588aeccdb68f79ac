"""Alert deliveries: one row per (finding, channel), the ledger behind exactly-once alerts.

Statuses:
  pending    planned, never attempted
  sending    claimed by a process that is sending it now (`error` holds the claim: host:pid)
  sent       delivered (`sent_at`)
  summarized delivered as a line of a backfill summary
  failed     last attempt failed; retried from `next_attempt_at` (NULL: gave up)
  uncertain  was 'sending' when its process died: maybe delivered, not resent automatically
  skipped    never to be sent to this channel (`error` says why: filtered, backfill, baseline)

Channel names only: the secret URL never reaches this table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from .db import now, reader, transaction

# Every function takes the database path, or a connection from `batch()` so that several
# ledger writes share one transaction (opening DuckDB costs ~30 ms; a run may send many alerts).
DBOrCon = str | Path | duckdb.DuckDBPyConnection


@contextmanager
def batch(db: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One write transaction for several ledger calls: all committed together, or none."""
    with transaction(db) as con:
        yield con


@contextmanager
def _write(db: DBOrCon) -> Iterator[duckdb.DuckDBPyConnection]:
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
    else:
        with transaction(db) as con:
            yield con


STATUSES = ("pending", "sending", "sent", "summarized", "failed", "uncertain", "skipped")
DONE = ("sent", "summarized")


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    finding_id: int
    channel: str
    status: str
    attempts: int
    first_attempt_at: datetime | None
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    sent_at: datetime | None
    error: str | None
    digest: bool

    @property
    def key(self) -> tuple[int, str]:
        return (self.finding_id, self.channel)


_COLUMNS = (
    "finding_id, channel, status, attempts, first_attempt_at, last_attempt_at, next_attempt_at,"
    " sent_at, error, digest"
)


def list_deliveries(
    db: str | Path,
    *,
    channel: str | None = None,
    status: str | Sequence[str] | None = None,
    finding_ids: Sequence[int] | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[DeliveryRow]:
    """Delivery rows, by finding (oldest first, or newest) then channel."""
    where = ["true"]
    params: dict[str, Any] = {}
    if channel:
        where.append("channel = $channel")
        params["channel"] = channel
    if status:
        where.append("list_contains($status, status)")
        params["status"] = [status] if isinstance(status, str) else list(status)
    if finding_ids is not None:
        where.append("list_contains($ids, finding_id)")
        params["ids"] = list(finding_ids)
    order = "1 DESC, 2" if newest_first else "1, 2"
    sql = f"SELECT {_COLUMNS} FROM deliveries WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT $limit"
        params["limit"] = limit
    with reader(db) as con:
        return [DeliveryRow(*r) for r in con.execute(sql, params).fetchall()]


@dataclass(slots=True)
class LedgerState:
    """What planning needs to know, read in one connection."""

    known_channels: set[str] = field(default_factory=set)
    baselines: dict[str, int] = field(default_factory=dict)  # new channel -> last old finding
    unplanned: dict[str, list[int]] = field(default_factory=dict)  # channel -> finding ids
    delivered: dict[str, set[str]] = field(default_factory=dict)  # channel -> content sigs
    sending: list[DeliveryRow] = field(default_factory=list)
    uncertain: list[DeliveryRow] = field(default_factory=list)


def ledger_state(db: str | Path, channels: Sequence[str]) -> LedgerState:
    """Known channels, unplanned findings and delivered contents per channel, open rows."""
    state = LedgerState()
    with reader(db) as con:
        state.known_channels = {
            r[0] for r in con.execute("SELECT DISTINCT channel FROM deliveries").fetchall()
        }
        state.baselines = dict(
            con.execute("SELECT name, baseline_finding_id FROM alert_channels").fetchall()
        )
        rows = con.execute(
            "SELECT c.channel, f.id FROM findings f, unnest($channels) AS c(channel)"
            " WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.finding_id = f.id"
            " AND d.channel = c.channel) ORDER BY f.id",
            {"channels": list(channels)},
        ).fetchall()
        for channel, fid in rows:
            state.unplanned.setdefault(channel, []).append(fid)
        rows = con.execute(
            "SELECT d.channel, f.document_key, f.topic, f.kind, f.old_text, f.new_text"
            " FROM deliveries d JOIN findings f ON f.id = d.finding_id"
            " WHERE list_contains($channels, d.channel)"
            " AND d.status IN ('sent', 'summarized', 'sending', 'uncertain')",
            {"channels": list(channels)},
        ).fetchall()
        for channel, *content in rows:
            state.delivered.setdefault(channel, set()).add(content_signature(*content))
        for r in con.execute(
            f"SELECT {_COLUMNS} FROM deliveries WHERE status IN ('sending', 'uncertain')"
            " ORDER BY 1, 2"
        ).fetchall():
            row = DeliveryRow(*r)
            (state.sending if row.status == "sending" else state.uncertain).append(row)
    return state


def register_channels(db: str | Path, channels: Sequence[str]) -> None:
    """Record each channel not seen before with the last finding that predates it."""
    if not channels:
        return
    with _write(db) as con:
        con.execute(
            "INSERT INTO alert_channels SELECT c.name, (SELECT coalesce(max(id), 0) FROM"
            " findings), $t FROM unnest($names) AS c(name) WHERE c.name NOT IN"
            " (SELECT DISTINCT channel FROM deliveries) ON CONFLICT (name) DO NOTHING",
            {"names": list(channels), "t": now()},
        )


def known_channels(db: str | Path) -> set[str]:
    """Channels that already have a ledger (a channel without one is new: it gets a baseline)."""
    with reader(db) as con:
        return {r[0] for r in con.execute("SELECT DISTINCT channel FROM deliveries").fetchall()}


def unplanned_findings(db: str | Path, channel: str) -> list[int]:
    """Ids of findings (technical ones included) that have no row for `channel` yet."""
    with reader(db) as con:
        rows = con.execute(
            "SELECT f.id FROM findings f WHERE NOT EXISTS (SELECT 1 FROM deliveries d"
            " WHERE d.finding_id = f.id AND d.channel = $c) ORDER BY f.id",
            {"c": channel},
        ).fetchall()
    return [r[0] for r in rows]


def delivered_contents(db: str | Path, channel: str) -> set[str]:
    """Content signatures of findings already sent (or maybe sent) to `channel`.

    Same change, same signature, whatever the finding id: a re-import that recreated findings
    does not alert again.
    """
    with reader(db) as con:
        rows = con.execute(
            "SELECT f.document_key, f.topic, f.kind, f.old_text, f.new_text FROM deliveries d"
            " JOIN findings f ON f.id = d.finding_id WHERE d.channel = $c"
            " AND d.status IN ('sent', 'summarized', 'sending', 'uncertain')",
            {"c": channel},
        ).fetchall()
    return {content_signature(*r) for r in rows}


def content_signature(
    document: str, topic: str, kind: str, old_text: str | None, new_text: str | None
) -> str:
    from ..records import sha256_hex

    return sha256_hex(json.dumps([document, topic, kind, old_text or "", new_text or ""]))[:20]


def plan_deliveries(db: DBOrCon, rows: Iterable[tuple[int, str, str, str | None, bool]]) -> int:
    """Insert (finding_id, channel, status, reason, digest) rows; existing keys are kept as is."""
    rows = list(rows)
    if not rows:
        return 0
    with _write(db) as con:
        before = con.execute("SELECT count(*) FROM deliveries").fetchone()[0]  # type: ignore[index]
        con.executemany(
            "INSERT INTO deliveries (finding_id, channel, status, error, digest)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )
        after = con.execute("SELECT count(*) FROM deliveries").fetchone()[0]  # type: ignore[index]
    return int(after - before)


def due_deliveries(
    db: str | Path, now: datetime, channels: Sequence[str], *, resend_uncertain: bool = False
) -> list[DeliveryRow]:
    """Rows to attempt now: pending ones, and failed ones whose backoff has passed."""
    states = ["pending", "uncertain"] if resend_uncertain else ["pending"]
    with reader(db) as con:
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM deliveries WHERE list_contains($channels, channel) AND"
            " (list_contains($states, status) OR"
            "  (status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= $now))"
            " ORDER BY finding_id, channel",
            {"channels": list(channels), "states": states, "now": now},
        ).fetchall()
    return [DeliveryRow(*r) for r in rows]


def _by_channel(keys: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for finding_id, channel in keys:
        out.setdefault(channel, []).append(finding_id)
    return out


def claim_deliveries(
    db: DBOrCon,
    keys: Sequence[tuple[int, str]],
    *,
    now: datetime,
    claim: str,
    digest: bool,
    claimable: Sequence[str] = ("pending", "failed", "uncertain"),
) -> list[tuple[int, str]]:
    """Mark rows 'sending' (the intent) and commit BEFORE anything is sent.

    Only rows still in a claimable state are taken, so two processes never send the same row.
    Returns the keys actually claimed.
    """
    claimed: list[tuple[int, str]] = []
    with _write(db) as con:
        for channel, ids in _by_channel(keys).items():
            rows = con.execute(
                "UPDATE deliveries SET status = 'sending', attempts = attempts + 1,"
                " first_attempt_at = coalesce(first_attempt_at, $now), last_attempt_at = $now,"
                " next_attempt_at = NULL, error = $claim, digest = $digest"
                " WHERE channel = $c AND list_contains($ids, finding_id)"
                " AND list_contains($ok, status) RETURNING finding_id",
                {
                    "now": now,
                    "claim": claim,
                    "digest": digest,
                    "c": channel,
                    "ids": ids,
                    "ok": list(claimable),
                },
            ).fetchall()
            claimed += [(r[0], channel) for r in rows]
    return sorted(claimed)


def record_sent(
    db: DBOrCon, keys: Sequence[tuple[int, str]], *, now: datetime, status: str = "sent"
) -> None:
    with _write(db) as con:
        for channel, ids in _by_channel(keys).items():
            con.execute(
                "UPDATE deliveries SET status = $s, sent_at = $now, error = NULL,"
                " next_attempt_at = NULL WHERE channel = $c AND list_contains($ids, finding_id)",
                {"s": status, "now": now, "c": channel, "ids": ids},
            )


def record_failed(
    db: DBOrCon,
    keys: Sequence[tuple[int, str]],
    *,
    error: str,
    next_attempt_at: datetime | None,
) -> None:
    """A failed attempt (error already masked); `next_attempt_at` None means: gave up."""
    with _write(db) as con:
        for channel, ids in _by_channel(keys).items():
            con.execute(
                "UPDATE deliveries SET status = 'failed', error = $e, next_attempt_at = $next"
                " WHERE channel = $c AND list_contains($ids, finding_id)",
                {"e": error[:2000], "next": next_attempt_at, "c": channel, "ids": ids},
            )


def mark_uncertain(db: DBOrCon, keys: Sequence[tuple[int, str]], reason: str) -> None:
    """'sending' rows whose process is gone: the message may or may not have left."""
    with _write(db) as con:
        for channel, ids in _by_channel(keys).items():
            con.execute(
                "UPDATE deliveries SET status = 'uncertain', error = $e"
                " WHERE channel = $c AND list_contains($ids, finding_id) AND status = 'sending'",
                {"e": reason, "c": channel, "ids": ids},
            )


def reset_deliveries(
    db: DBOrCon,
    *,
    now: datetime,
    channel: str | None = None,
    finding_ids: Sequence[int] | None = None,
    include_uncertain: bool = False,
) -> int:
    """Make failed rows (given-up ones too), and optionally uncertain ones, due now."""
    states = ["failed", "uncertain"] if include_uncertain else ["failed"]
    where = ["list_contains($states, status)"]
    params: dict[str, Any] = {"states": states, "now": now}
    if channel:
        where.append("channel = $c")
        params["c"] = channel
    if finding_ids is not None:
        where.append("list_contains($ids, finding_id)")
        params["ids"] = list(finding_ids)
    with _write(db) as con:
        rows = con.execute(
            "UPDATE deliveries SET status = 'failed', next_attempt_at = $now"
            f" WHERE {' AND '.join(where)} RETURNING finding_id",
            params,
        ).fetchall()
    return len(rows)
