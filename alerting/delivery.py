"""Alert delivery: new findings -> Apprise channels, exactly once per (finding, channel).

After every crawl or import `deliver_alerts` runs three steps:

1. uncertain: 'sending' rows whose process died (same host, pid gone) or that are older than
   `sending_timeout_seconds` become 'uncertain'. They are reported on every run and are NOT
   resent automatically (`retry_deliveries(include_uncertain=True)` does it on request).
2. plan: each finding without a row for a channel gets one: 'pending', or 'skipped' with the
   reason (threshold, routing, technical, already sent as another finding). A channel seen
   for the first time only gets the findings of the current run (`finding_ids`); older
   findings are skipped as its baseline, so adding a channel never floods it.
3. send: due rows (pending, and failed ones whose backoff has passed) are grouped into
   messages: one per finding, one digest per channel, one summary of backfilled findings.
   For each message the rows are first claimed ('sending', committed), then sent, then
   recorded ('sent' or 'failed' with the next attempt time).

The window between the send and the record is the only place a crash can leave doubt; it is
never resolved by resending on our own, and every message carries a stable idempotency key
(body footer and X-Clausewatch-Key header where the service takes headers) so a receiver
can drop a duplicate if a person chooses to resend.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import AlertError, describe_failure
from ..faults import checkpoint
from ..output.findings import finding_key
from ..store import deliveries as ledger
from ..store.deliveries import DeliveryRow
from ..store.findings import FindingRow, list_findings
from ..store.reviews import DISMISSED_REASON, dismissed_contents
from .config import AlertConfig, Channel, SecretMasker, install_masker
from .messages import (
    Message,
    backfill_summary_message,
    channel_test_message,
    digest_message,
    finding_message,
)

log = logging.getLogger(__name__)

Key = tuple[int, str]  # (finding id, channel name)


@dataclass(slots=True)
class DeliveryReport:
    """What one delivery pass did; `lines()` is what the CLI prints."""

    channels: list[str] = field(default_factory=list)
    planned: int = 0
    skipped: int = 0
    messages: int = 0  # notifications that reached their service
    sent: list[Key] = field(default_factory=list)
    summarized: list[Key] = field(default_factory=list)
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (finding, channel, error)
    gave_up: list[tuple[int, str, str]] = field(default_factory=list)
    uncertain: list[Key] = field(default_factory=list)  # held: maybe delivered, not resent
    in_flight: list[Key] = field(default_factory=list)  # being sent by another live process

    @property
    def ok(self) -> bool:
        return not (self.failed or self.gave_up or self.uncertain)

    def brief(self) -> str:
        """What the run's log line says about alerts: '2 alerts sent, 1 failed'."""
        return brief_alerts(self)

    def lines(self) -> list[str]:
        out = [
            f"alerts: {len(self.sent)} sent, {len(self.summarized)} summarized, "
            f"{len(self.failed)} failed, {len(self.uncertain)} uncertain "
            f"({self.messages} messages to {len(self.channels)} channels)"
        ]
        for f, c, e in self.failed:
            out.append(f"  failed finding {f} -> {c}: {e} (retried on a later run)")
        for f, c, e in self.gave_up:
            out.append(f"  gave up finding {f} -> {c}: {e} (`clausewatch alerts retry {c}`)")
        for f, c in self.uncertain:
            out.append(
                f"  uncertain finding {f} -> {c}: the sender stopped during the send; "
                f"check the channel, then `clausewatch alerts retry {c} --include-uncertain`"
            )
        return out


def brief_alerts(delivery: DeliveryReport | None) -> str:
    """'N alerts sent' (a finding delivered to a channel, alone, in a digest or a summary),
    with the failed and uncertain ones; 'no alert channels' when none is configured."""
    if delivery is None or not delivery.channels:
        return "no alert channels"
    sent = len(delivery.sent) + len(delivery.summarized)
    text = f"{sent} alert{'' if sent == 1 else 's'} sent"
    failed = len(delivery.failed) + len(delivery.gave_up)
    if failed:
        text += f", {failed} failed"
    if delivery.uncertain:
        text += f", {len(delivery.uncertain)} uncertain"
    return text


# --------------------------------------------------------------------------- public API


def deliver_alerts(
    db: str | Path,
    config: AlertConfig,
    *,
    finding_ids: Sequence[int] | None = None,
    now: datetime | None = None,
) -> DeliveryReport:
    """Plan alerts for findings not yet considered and send what is due.

    `finding_ids`: the findings created by the current run. Channels seen for the first time
    get only these; known channels get every finding they have not considered yet (so
    findings of a run that crashed before alerting are still alerted).
    """
    return _deliver(db, config, now=now, finding_ids=finding_ids, plan=True)


def retry_deliveries(
    db: str | Path,
    config: AlertConfig,
    channel: str | None = None,
    *,
    include_uncertain: bool = False,
    finding_ids: Sequence[int] | None = None,
    now: datetime | None = None,
) -> DeliveryReport:
    """Send failed deliveries now, ignoring their backoff (and given-up ones too).

    `include_uncertain` also resends deliveries whose sender died mid-send: the receiver may
    get a duplicate, recognizable by the idempotency key.
    """
    only = [config.channel(channel).name] if channel else None
    return _deliver(
        db,
        config,
        now=now,
        finding_ids=finding_ids,
        plan=False,
        reset=(include_uncertain, finding_ids),
        only=only,
    )


def _deliver(
    db: str | Path,
    config: AlertConfig,
    *,
    now: datetime | None,
    finding_ids: Sequence[int] | None,
    plan: bool,
    reset: tuple[bool, Sequence[int] | None] | None = None,
    only: Sequence[str] | None = None,
) -> DeliveryReport:
    now = now or datetime.now(UTC)
    channels = [c for c in config.channels if only is None or c.name in only]
    names = [c.name for c in channels]
    report = DeliveryReport(channels=names)
    if not channels:
        return report
    masker = config.masker()
    install_masker(masker)
    state = ledger.ledger_state(db, [c.name for c in config.channels])
    stale = _stale_sending(state.sending, config, now, report)
    held = {r.key for r in state.uncertain} | set(stale)
    rows = _plan(db, config, finding_ids, state, report) if plan else []
    with ledger.batch(db) as con:
        if stale:
            ledger.mark_uncertain(
                con,
                stale,
                f"sender stopped during the send (detected {now:%Y-%m-%d %H:%M} UTC): maybe "
                "delivered; resend with `clausewatch alerts retry CHANNEL --include-uncertain`",
            )
        ledger.plan_deliveries(con, rows)
        if reset is not None:
            include_uncertain, ids = reset
            for name in names:
                ledger.reset_deliveries(
                    con, now=now, channel=name, finding_ids=ids, include_uncertain=include_uncertain
                )
    checkpoint("alerts.planned")
    _send_due(db, config, channels, now, report, masker)
    done = set(report.sent) | set(report.summarized) | {(f, c) for f, c, _ in report.failed}
    done |= {(f, c) for f, c, _ in report.gave_up}
    report.uncertain = sorted(k for k in held - done if k[1] in names)
    return report


def register_channels(db: str | Path, config: AlertConfig) -> None:
    """Called when a run starts: a channel seen for the first time gets every finding made
    from now on, even if this run is killed before it alerts them."""
    ledger.register_channels(db, [c.name for c in config.channels])


def test_channel(config: AlertConfig, name: str) -> None:
    """Send a test message to one channel; raise AlertError (secrets masked) if it fails."""
    channel = config.channel(name)
    masker = config.masker()
    install_masker(masker)
    ok, error = notify_channel(channel, channel_test_message(name), masker)
    if not ok:
        raise AlertError(f"test alert to channel {name!r} failed: {error}")


test_channel.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


ALERT_COLUMNS = [
    "finding",
    "channel",
    "status",
    "attempts",
    "last_attempt",
    "next_attempt",
    "sent_at",
    "digest",
    "note",
    "provider",
    "document",
    "severity",
    "summary",
]


def alert_rows(
    db: str | Path,
    *,
    channel: str | None = None,
    status: str | Sequence[str] | None = (
        "pending",
        "sending",
        "failed",
        "uncertain",
        "sent",
        "summarized",
    ),
    limit: int | None = None,
    newest_first: bool = False,
) -> tuple[list[str], list[tuple]]:
    """Rows for `clausewatch alerts list`: the ledger joined with each finding's headline."""
    rows = ledger.list_deliveries(
        db, channel=channel, status=status, limit=limit, newest_first=newest_first
    )
    findings = {
        f.id: f
        for f in list_findings(
            db,
            ids=sorted({r.finding_id for r in rows}),
            include_technical=True,
            include_duplicates=True,
        )
    }
    out = []
    for r in rows:
        f = findings.get(r.finding_id)
        out.append(
            (
                r.finding_id,
                r.channel,
                r.status,
                r.attempts,
                r.last_attempt_at,
                r.next_attempt_at,
                r.sent_at,
                r.digest,
                r.error,
                f.provider if f else None,
                f.document if f else None,
                f.severity if f else None,
                f.summary if f else None,
            )
        )
    return ALERT_COLUMNS, out


# --------------------------------------------------------------------------- steps


def claim_token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale_sending(
    rows: Sequence[DeliveryRow], config: AlertConfig, now: datetime, report: DeliveryReport
) -> list[Key]:
    """'sending' rows whose sender died (same host, pid gone) or that are older than the
    timeout; the others belong to a live sender and are left alone."""
    host = socket.gethostname()
    stale: list[Key] = []
    for row in rows:
        claim_host, _, pid = (row.error or "").rpartition(":")
        dead = claim_host == host and pid.isdigit() and not _pid_alive(int(pid))
        since = row.last_attempt_at
        old = since is None or (now - since).total_seconds() > config.sending_timeout_seconds
        if dead or old:
            stale.append(row.key)
        else:
            report.in_flight.append(row.key)
    if stale:
        log.warning(
            "alerts: %d deliveries were being sent by a process that stopped; they may or may "
            "not have arrived and are held as uncertain (not resent automatically)",
            len(stale),
        )
    return stale


def rejection(config: AlertConfig, channel: Channel, f: FindingRow) -> str | None:
    """Why `f` does not go to `channel` (threshold, filters, routes), or None."""
    args = (f.provider, f.document_type, f.topic, f.severity)
    reason = channel.filter.rejects(*args)
    if reason:
        return reason
    routes = config.routes_for(channel.name)
    if routes and all(r.filter.rejects(*args) for r in routes):
        return "no route to this channel matches"
    return None


def _plan(
    db: str | Path,
    config: AlertConfig,
    finding_ids: Sequence[int] | None,
    state: ledger.LedgerState,
    report: DeliveryReport,
) -> list[tuple[int, str, str, str | None, bool]]:
    """Ledger rows for findings no channel has considered yet: pending or skipped (why)."""
    current = set(finding_ids or ())
    todo: dict[str, list[int]] = {}
    rows: list[tuple[int, str, str, str | None, bool]] = []
    for channel in config.channels:
        ids = state.unplanned.get(channel.name, [])
        if channel.name not in state.known_channels:  # new channel: old findings are baseline
            # registered by the run that first had it configured (even one killed before it
            # got here), or else: the findings of this run are its only ones
            base = state.baselines.get(channel.name)
            new = {i for i in ids if (i > base if base is not None else i in current)}
            rows += [
                (i, channel.name, "skipped", "baseline: before the channel", False)
                for i in ids
                if i not in new
            ]
            ids = [i for i in ids if i in new]
        todo[channel.name] = ids
    wanted = sorted({i for ids in todo.values() for i in ids})
    findings = (
        {
            f.id: f
            for f in list_findings(db, ids=wanted, include_technical=True, include_duplicates=True)
        }
        if wanted
        else {}
    )
    dismissed = dismissed_contents(db) if wanted else {}
    for channel in config.channels:
        sent_before = state.delivered.setdefault(channel.name, set())
        for fid in todo[channel.name]:
            f = findings[fid]
            key = finding_key(f)[3:]
            reason = "technical change (parser upgrade)" if f.technical else None
            if reason is None and f.duplicate_of is not None:
                reason = f"same text and change as finding {f.duplicate_of} (another OTA service)"
            if f.status == "dismissed":
                reason = reason or DISMISSED_REASON
            elif key in dismissed:  # found again (a re-analysis): the person said not material
                reason = reason or f"same change dismissed in triage as finding {dismissed[key]}"
            reason = reason or rejection(config, channel, f)
            if reason is None and key in sent_before:
                reason = "same change already alerted as another finding"
            if reason:
                rows.append((f.id, channel.name, "skipped", reason, False))
                report.skipped += 1
            else:
                sent_before.add(key)
                rows.append((f.id, channel.name, "pending", None, False))
                report.planned += 1
    return rows


def _send_due(
    db: str | Path,
    config: AlertConfig,
    channels: Sequence[Channel],
    now: datetime,
    report: DeliveryReport,
    masker: SecretMasker,
) -> None:
    due = ledger.due_deliveries(
        db, now, [c.name for c in channels], resend_uncertain=config.resend_uncertain
    )
    if not due:
        return
    findings = {
        f.id: f
        for f in list_findings(
            db,
            ids=sorted({r.finding_id for r in due}),
            include_technical=True,
            include_duplicates=True,
        )
    }
    batches: list[_Batch] = []
    for channel in channels:
        rows = [
            r
            for r in due
            if r.channel == channel.name
            and r.finding_id in findings
            and findings[r.finding_id].status != "dismissed"
        ]
        if not rows:
            continue
        backfill = [
            findings[r.finding_id]
            for r in rows
            if findings[r.finding_id].backfill and not channel.include_backfill
        ]
        backfill_ids = {f.id for f in backfill}
        current = [findings[r.finding_id] for r in rows if r.finding_id not in backfill_ids]
        attempts = {r.finding_id: r.attempts for r in rows}
        if backfill:
            batches.append(
                _Batch(channel, backfill, _summary_builder(config), "summarized", True, attempts)
            )
        # A digest channel gets one message; any channel gets one rather than a flood.
        if len(current) > 1 and (channel.digest or len(current) > config.flood_limit):
            batches.append(
                _Batch(channel, current, _digest_builder(config), "sent", True, attempts)
            )
        else:
            batches += [
                _Batch(channel, [f], _single_builder(config), "sent", False, attempts)
                for f in current
            ]
    # Each batch's outcome is recorded in the same transaction that claims the next batch:
    # one DuckDB connection per message instead of two.
    settle: Callable[[ledger.DBOrCon], None] | None = None
    for b in batches:
        with ledger.batch(db) as con:
            if settle:
                settle(con)
            claimed = set(
                ledger.claim_deliveries(con, b.keys, now=now, claim=claim_token(), digest=b.digest)
            )
        if settle:
            checkpoint("alerts.recorded")
        checkpoint("alerts.claimed")
        settle = None
        group = [f for f in b.findings if (f.id, b.channel.name) in claimed]
        if group:  # else another process took them
            settle = _send_batch(config, b, group, now, report, masker)
    if settle:
        with ledger.batch(db) as con:
            settle(con)
        checkpoint("alerts.recorded")


@dataclass(slots=True)
class _Batch:
    channel: Channel
    findings: list[FindingRow]
    build: Callable[[list[FindingRow]], Message]
    status: str  # sent | summarized
    digest: bool
    attempts: dict[int, int]

    @property
    def keys(self) -> list[Key]:
        return [(f.id, self.channel.name) for f in self.findings]


def _single_builder(config: AlertConfig) -> Callable[[list[FindingRow]], Message]:
    return lambda fs: finding_message(fs[0], config.report_url)


def _digest_builder(config: AlertConfig) -> Callable[[list[FindingRow]], Message]:
    return lambda fs: (
        digest_message(fs, config.report_url)
        if len(fs) > 1
        else finding_message(fs[0], config.report_url)
    )


def _summary_builder(config: AlertConfig) -> Callable[[list[FindingRow]], Message]:
    return lambda fs: backfill_summary_message(fs, config.report_url)


def _after_send(keys: Sequence[Key]) -> None:
    """Hook between a successful send and its record (tests kill the process here)."""
    checkpoint("alerts.sent")


def _send_batch(
    config: AlertConfig,
    b: _Batch,
    group: list[FindingRow],
    now: datetime,
    report: DeliveryReport,
    masker: SecretMasker,
) -> Callable[[ledger.DBOrCon], None]:
    """Send one claimed message; return how to record its outcome."""
    channel = b.channel
    keys = [(f.id, channel.name) for f in group]
    try:
        checkpoint("alerts", group[0].document)
        message = b.build(group)
    except Exception as exc:  # noqa: BLE001 - a bug fails this message (retried), not the run
        log.error("alerts: cannot build the message: %s", describe_failure(exc))
        return _failed(config, b, group, now, report, masker, describe_failure(exc))
    # From here on the message may leave: anything unexpected leaves its rows 'sending',
    # which the next run holds as uncertain rather than sending twice.
    ok, error = notify_channel(channel, message, masker)
    if ok:
        _after_send(keys)
        report.messages += 1
        (report.summarized if b.status == "summarized" else report.sent).extend(keys)
        log.info(
            "alerts: %s -> %s (%d findings, key %s)",
            message.title,
            channel.name,
            len(keys),
            message.key,
        )
        return lambda con: ledger.record_sent(con, keys, now=now, status=b.status)
    return _failed(config, b, group, now, report, masker, error or "delivery failed")


def _failed(
    config: AlertConfig,
    b: _Batch,
    group: list[FindingRow],
    now: datetime,
    report: DeliveryReport,
    masker: SecretMasker,
    error: str,
) -> Callable[[ledger.DBOrCon], None]:
    """A message that did not leave: failed, retried after the backoff (or given up)."""
    channel = b.channel
    keys = [(f.id, channel.name) for f in group]
    error = masker.mask(error)
    tries = max(b.attempts.get(f.id, 0) for f in group) + 1
    next_at: datetime | None = None
    if tries >= config.max_attempts:
        report.gave_up += [(k[0], k[1], error) for k in keys]
    else:
        delay = min(config.backoff_seconds * 2 ** (tries - 1), config.max_backoff_seconds)
        next_at = now + timedelta(seconds=delay)
        report.failed += [(k[0], k[1], error) for k in keys]
    log.warning(
        "alerts: delivery of %d finding(s) to channel %s failed (attempt %d): %s; %s",
        len(keys),
        channel.name,
        tries,
        error,
        f"next attempt after {next_at:%Y-%m-%d %H:%M} UTC" if next_at else "giving up",
    )
    return lambda con: ledger.record_failed(con, keys, error=error, next_attempt_at=next_at)


# --------------------------------------------------------------------------- Apprise


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if record.levelno >= logging.WARNING or any(
            w in msg for w in ("Exception", "Error", "error", "Details")
        ):
            self.lines.append(msg)


def notify_channel(
    channel: Channel, message: Message, masker: SecretMasker
) -> tuple[bool, str | None]:
    """Send one message through Apprise. Returns (ok, masked error).

    Apprise's own log lines are captured for the duration of the send (never printed as is:
    they can quote URLs) and turned into the error text of a failed delivery.
    """
    import apprise

    asset = apprise.AppriseAsset(app_id="clausewatch", app_desc="clausewatch alerts")
    plugin = apprise.Apprise.instantiate(channel.url, asset=asset, suppress_exceptions=True)
    if plugin is None:
        return False, f"Apprise cannot load the URL of channel {channel.name!r}"
    if "overflow=" not in channel.url:
        # A long alert is split into several messages rather than refused (Discord: 2000 chars).
        plugin.overflow_mode = apprise.common.OverflowMode.SPLIT
    headers = getattr(plugin, "headers", None)
    if isinstance(headers, dict):
        headers["X-Clausewatch-Key"] = message.key
    notifier = apprise.Apprise(asset=asset)
    notifier.add(plugin)
    logger = logging.getLogger("apprise")
    collect = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(collect)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        ok = bool(
            notifier.notify(
                title=message.title,
                body=message.body,
                body_format=apprise.NotifyFormat.TEXT,
                notify_type=apprise.NotifyType(message.notify_type),
            )
        )
    except Exception as exc:  # noqa: BLE001 - a plugin bug is a failed delivery, not a crash
        ok = False
        collect.lines.append(f"{type(exc).__name__}: {exc}")
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
    if ok:
        return True, None
    detail = "; ".join(dict.fromkeys(collect.lines)) or "the service refused the message"
    return False, masker.mask(detail)[:500]


def describe_channels(config: AlertConfig) -> list[tuple[str, str, str, bool, bool]]:
    """(name, endpoint, filter, digest, include_backfill) per channel, for `alerts list`;
    the endpoint is the service and host, never a secret (`display_endpoint`)."""
    from .config import display_endpoint

    masker = config.masker()

    out = []
    for c in config.channels:
        f = c.filter
        parts = [f"min {f.min_severity}"] if f.min_severity else []
        for label, values in (
            ("providers", f.providers),
            ("types", f.document_types),
            ("topics", f.topics),
            ("severities", f.severities),
        ):
            if values:
                parts.append(f"{label} {','.join(values)}")
        if config.routes_for(c.name):
            parts.append(f"{len(config.routes_for(c.name))} route(s)")
        out.append(
            (
                c.name,
                display_endpoint(c.url, masker),
                "; ".join(parts),
                c.digest,
                c.include_backfill,
            )
        )
    return out


__all__ = [
    "ALERT_COLUMNS",
    "DeliveryReport",
    "DeliveryRow",
    "alert_rows",
    "deliver_alerts",
    "describe_channels",
    "notify_channel",
    "retry_deliveries",
    "test_channel",
]
