"""Alert messages: a title and a plain-text body per finding, digest or backfill summary.

Plain text on purpose: Apprise escapes it when a service wants HTML (email), so a clause that
contains markup shows as text everywhere. Every message ends with an idempotency key that is
stable across re-runs, so a receiver can drop a duplicate of a message we were unsure we sent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..output.findings import DIRECTION_WORDS, finding_key, source_urls
from ..output.worddiff import changed_words
from ..records import SEVERITIES, sha256_hex
from ..store.findings import FindingRow

CLAUSE_CHARS = 1200  # a clause longer than this is cut in messages (the report has it whole)
DIGEST_FULL = 20  # a digest shows this many findings in full, the rest as one line each
SUMMARY_LINES = 25
TITLE_CHARS = 200  # email subjects and chat headlines are read at a glance

# Apprise notification type per severity: services colour or flag a failure/warning, and
# routing rules on the receiving side (e.g. Teams, Slack apps) can key on it.
NOTIFY_TYPES = {"critical": "failure", "high": "warning", "medium": "info", "low": "info"}


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    key: str  # idempotency key, also sent as the X-Clausewatch-Key header where possible
    notify_type: str = "info"  # Apprise NotifyType value: info | success | warning | failure


def notify_type(findings: Sequence[FindingRow]) -> str:
    """The Apprise type of a message about these findings: that of the most severe."""
    ranks = [SEVERITIES.index(f.severity) for f in findings if f.severity in SEVERITIES]
    return NOTIFY_TYPES[SEVERITIES[min(ranks)]] if ranks else "info"


def report_link(report_url: str | None, finding_id: int) -> str | None:
    return f"{report_url.split('#', 1)[0]}#finding-{finding_id}" if report_url else None


def _when(f: FindingRow) -> str:
    at = f.recorded_at
    if isinstance(at, datetime):
        at = at.astimezone(UTC)
        text = f"seen {at:%Y-%m-%d %H:%M} UTC"
    else:
        text = f"seen {at}"
    if isinstance(f.effective_date, date):
        text += f", effective {f.effective_date.isoformat()}"
    return text


def _cut(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        return "(none)"
    return text if len(text) <= CLAUSE_CHARS else text[: CLAUSE_CHARS - 1] + "…"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _title(f: FindingRow) -> str:
    """ "Provider — Document: summary"; the severity travels as the Apprise notify type."""
    tag = " (backfill)" if f.backfill else ""
    summary = " ".join(f.summary.split())
    head = f"{f.provider_name} — {f.document_name}: "
    room = max(TITLE_CHARS - len(head) - len(tag), 20)
    if len(summary) > room:
        summary = summary[: room - 1] + "…"
    return head + summary + tag


def _section(f: FindingRow, report_url: str | None, *, full: bool = True) -> list[str]:
    lines = [
        f"{f.provider_name} — {f.document_name} ({f.document_type})",
        f"When: {_when(f)}",
        f"Topic: {f.topic.replace('_', ' ')} | Direction: "
        f"{DIRECTION_WORDS.get(f.direction, f.direction)} | Severity: {f.severity}",
        f"Summary: {f.summary}",
    ]
    if f.backfill:
        lines.append("Backfill: found while importing history, not a new change.")
    if f.status != "open":
        by = f" by {f.reviewer}" if f.reviewer else ""
        lines.append(f"Review: {f.status}{by}" + (f" ({f.review_note})" if f.review_note else ""))
    if full:
        lines += ["", "Before:", _indent(_cut(f.old_text)), "After:", _indent(_cut(f.new_text))]
        if f.diff and f.old_text and f.new_text:
            lines += ["Changed words:", _indent(changed_words(f.diff, limit=2 * CLAUSE_CHARS))]
    lines.append("")
    for url in source_urls(f):
        lines.append(f"Source: {url}")
    link = report_link(report_url, f.id)
    if link:
        lines.append(f"Report: {link}")
    lines.append(f"Finding {f.id} | key {finding_key(f)}")
    return lines


def finding_message(f: FindingRow, report_url: str | None = None) -> Message:
    """One alert about one finding."""
    body = "\n".join(_section(f, report_url)).strip() + "\n"
    return Message(_title(f), body, finding_key(f), notify_type([f]))


def _counts(findings: Sequence[FindingRow]) -> str:
    c = Counter(f.severity for f in findings)
    return ", ".join(f"{c[s]} {s}" for s in SEVERITIES if c[s])


def _group_key(keys: Sequence[str]) -> str:
    return sha256_hex("\n".join(sorted(keys)))[:20]


def digest_message(findings: Sequence[FindingRow], report_url: str | None = None) -> Message:
    """One message grouping a run's findings for one channel."""
    findings = sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.id))
    n = len(findings)
    title = f"clausewatch: {n} material change{'s' if n != 1 else ''} ({_counts(findings)})"
    lines: list[str] = []
    for i, f in enumerate(findings):
        if i < DIGEST_FULL:
            lines.append(f"{i + 1}. [{f.severity.upper()}] {_title(f)}")
            lines += _section(f, report_url)
            lines.append("-" * 40)
        else:
            lines.append(f"{i + 1}. [{f.severity.upper()}] {_title(f)} (finding {f.id})")
    if report_url:
        lines.append(f"Full report: {report_url.split('#', 1)[0]}")
    key = "cw-digest-" + _group_key([finding_key(f) for f in findings])
    lines.append(f"Digest key {key}")
    return Message(title, "\n".join(lines).strip() + "\n", key, notify_type(findings))


def backfill_summary_message(
    findings: Sequence[FindingRow], report_url: str | None = None
) -> Message:
    """A short summary of findings found while importing history (never one alert each)."""
    n = len(findings)
    title = f"clausewatch: {n} finding{'s' if n != 1 else ''} imported from history (summary)"
    by_provider = Counter(f.provider_name for f in findings)
    by_topic = Counter(f.topic for f in findings)
    dates = sorted(f.recorded_at for f in findings)
    lines = [
        "These changes were found while importing past versions; they are not new.",
        f"Period: {dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d}" if dates else "",
        f"Severity: {_counts(findings)}",
        "Providers: " + ", ".join(f"{p} {k}" for p, k in by_provider.most_common()),
        "Topics: " + ", ".join(f"{t.replace('_', ' ')} {k}" for t, k in by_topic.most_common()),
        "",
        "Most severe:",
    ]
    ranked = sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.recorded_at))
    for f in ranked[:SUMMARY_LINES]:
        link = report_link(report_url, f.id)
        lines.append(
            f"- {f.recorded_at:%Y-%m-%d} [{f.severity}] {f.provider_name} {f.document_name}: "
            f"{f.summary}" + (f" ({link})" if link else f" (finding {f.id})")
        )
    if n > SUMMARY_LINES:
        lines.append(f"... and {n - SUMMARY_LINES} more: see `clausewatch report`.")
    key = "cw-backfill-" + _group_key([finding_key(f) for f in findings])
    lines += ["", f"Summary key {key}"]
    return Message(title, "\n".join(lines).strip() + "\n", key)


def channel_test_message(channel: str) -> Message:
    now = datetime.now(UTC)
    return Message(
        "clausewatch test alert",
        f"This is a test alert from clausewatch to channel {channel!r} at {now:%Y-%m-%d %H:%M} "
        "UTC. If you read this, the channel works.\n",
        f"cw-test-{now:%Y%m%d%H%M%S}",
    )
