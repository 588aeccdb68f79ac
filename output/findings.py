"""A finding for programs and people: the one serializer the CLI, the report and the eval use.

`FIELDS` declares every serialized field once, with how it is read from a stored finding; the
findings JSONL (`findings --format jsonl`, the eval's input to the scorer), `finding ID --format
json`, the report's JSON and `findings export-dismissed` are all views of it, so a field is
named the same wherever it appears. `service` and `document` are display names (the scorer
keys on them); `provider` and `document_key` are the store's slugs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any

from ..statements import from_dict
from ..store.deliveries import content_signature
from ..store.findings import FindingRow
from .statements import describe
from .worddiff import changed_words

DIRECTION_WORDS = {
    "broader": "broader: the provider gains latitude",
    "narrower": "narrower: more protection for the customer",
    "changed": "changed",
}


def finding_key(f: FindingRow) -> str:
    """The finding's alert key: stable across re-runs and re-imports of the same change."""
    return "cw-" + content_signature(f.document, f.topic, f.kind, f.old_text, f.new_text)


def source_urls(f: FindingRow) -> list[str]:
    urls = f.evidence.get("urls") if isinstance(f.evidence, dict) else None
    return [u for u in urls or [] if isinstance(u, str)]


def _attr(name: str, empty: Callable[[], Any] | None = None) -> Callable[[FindingRow], Any]:
    """Read attribute `name`; NULL in the store reads as `empty()` where a list or map is due."""
    if empty is None:
        return lambda f: getattr(f, name)
    return lambda f: getattr(f, name) or empty()


FIELDS: tuple[tuple[str, Callable[[FindingRow], Any]], ...] = (
    ("id", _attr("id")),
    ("service", _attr("provider_name")),
    ("document", _attr("document_name")),
    ("provider", _attr("provider")),
    ("document_key", _attr("document")),
    ("document_type", _attr("document_type")),
    ("recorded_at", _attr("recorded_at")),
    ("effective_date", _attr("effective_date")),
    ("commit", _attr("commit")),
    ("topic", _attr("topic")),
    ("direction", _attr("direction")),
    ("severity", _attr("severity")),
    ("kind", _attr("kind")),
    ("summary", _attr("summary")),
    ("old_text", _attr("old_text")),
    ("new_text", _attr("new_text")),
    ("backfill", _attr("backfill")),
    ("evidence", _attr("evidence", dict)),
    ("rule_ids", lambda f: list(f.rule_ids or [])),
    ("statements", _attr("statements", dict)),
    ("ota", lambda f: list(f.ota or [])),
    ("status", _attr("status")),
    ("review_note", _attr("review_note")),
    ("reviewer", _attr("reviewer")),
    ("reviewed_at", _attr("reviewed_at")),
    ("sources", source_urls),
    ("alert_key", finding_key),
)
_READ = dict(FIELDS)
FINDING_COLUMNS = [name for name, _ in FIELDS]
# `findings export-dismissed`: what a rule author needs to see why a finding was wrong
DISMISSED_COLUMNS = [
    "id", "provider", "document_key", "document_type", "recorded_at", "commit", "topic",
    "direction", "severity", "kind", "summary", "old_text", "new_text", "rule_ids",
    "statements", "review_note", "reviewer", "reviewed_at",
]  # fmt: skip


def finding_record(f: FindingRow, columns: Sequence[str] = FINDING_COLUMNS) -> list[Any]:
    """The finding's values for `columns` (field names of FIELDS), in that order."""
    return [_READ[c](f) for c in columns]


def finding_dict(f: FindingRow, columns: Sequence[str] = FINDING_COLUMNS) -> dict[str, Any]:
    return dict(zip(columns, finding_record(f, columns), strict=True))


def finding_lines(f: FindingRow) -> list[str]:
    """One stored finding in full, for `clausewatch finding ID`."""
    lines = [
        f"finding {f.id}: {f.summary}",
        f"  {f.topic}, {f.direction}, {f.severity}   ({f.kind})",
        f"  {f.provider_name} / {f.document_name}  [{f.document}]",
        f"  recorded {f.recorded_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        + (f", effective {f.effective_date}" if f.effective_date else ""),
    ]
    if f.commit:
        lines.append(f"  commit {f.commit}")
    status = f.status
    if status != "open":
        by = f" by {f.reviewer}" if f.reviewer else ""
        at = f" on {f.reviewed_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if f.reviewed_at else ""
        lines.append(f"  status {status}{by}{at}" + (f": {f.review_note}" if f.review_note else ""))
    else:
        lines.append("  status open (not reviewed)")
    lines.append(f"  rules: {', '.join(f.rule_ids) or '(recorded before rule ids were kept)'}")
    lines += ["", "old clause:", f"  {f.old_text or '(none)'}", "new clause:"]
    lines.append(f"  {f.new_text or '(none)'}")
    if f.diff:
        lines += ["word diff:", f"  {changed_words(f.diff)}"]
    for side in ("old", "new"):
        got = (f.statements or {}).get(side) or []
        if got:
            lines.append(f"{side} statements:")
            for d in got:
                lines.extend(describe(from_dict(d)))
                lines.append("")
    urls = source_urls(f)
    if urls:
        lines.append("source: " + ", ".join(urls))
    return lines
