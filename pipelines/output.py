"""Render rows for people (aligned table) and programs (json, jsonl, csv)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any, width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, list | tuple):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, max_width: int = 60
) -> str:
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, map(_plain, r))) for r in rows], indent=2, ensure_ascii=False
        )
    if fmt == "jsonl":
        return "\n".join(
            json.dumps(dict(zip(columns, map(_plain, r))), ensure_ascii=False) for r in rows
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(
                [json.dumps(_plain(v)) if isinstance(v, list | dict) else _plain(v) for v in r]
            )
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


FINDING_COLUMNS = [
    "id",
    "service",
    "document",
    "provider",
    "document_key",
    "document_type",
    "recorded_at",
    "effective_date",
    "commit",
    "topic",
    "direction",
    "severity",
    "kind",
    "summary",
    "old_text",
    "new_text",
    "backfill",
    "evidence",
    "rule_ids",
    "statements",
]


def finding_record(f) -> list:
    """One finding as the documented JSONL record (service/document are the display names)."""
    return [
        f.id,
        f.provider_name,
        f.document_name,
        f.provider,
        f.document,
        f.document_type,
        f.recorded_at,
        f.effective_date,
        f.commit,
        f.topic,
        f.direction,
        f.severity,
        f.kind,
        f.summary,
        f.old_text,
        f.new_text,
        f.backfill,
        f.evidence,
        list(getattr(f, "rule_ids", []) or []),
        getattr(f, "statements", {}) or {},
    ]


# --------------------------------------------------------------------------- statements


def statement_records(readings: Sequence[Any]) -> list[dict[str, Any]]:
    """The statements of `readings` as JSON objects (the codec's fields plus their clause)."""
    from clausewatch.statements import to_dict

    out = []
    for r in readings:
        for s in r.statements:
            d = to_dict(s)
            d["clause"] = r.text
            out.append(d)
    return out


def _describe(s: Any) -> list[str]:
    """The fields of one statement, one per line, leaving out what it does not state."""
    rows = [
        ("topic", s.topic),
        ("actor", s.actor + (f" ({s.actor_name})" if s.actor_name else "")),
        ("action", s.action),
        ("polarity", s.polarity),
        ("condition", s.condition),
        ("data", ", ".join(s.data)),
        (
            "recipients",
            ", ".join(r.category + (f" ({r.name})" if r.name else "") for r in s.recipients),
        ),
        ("purposes", ", ".join(s.purposes)),
        ("scope", ", ".join(s.scope)),
        ("exceptions", ", ".join(s.exceptions)),
        ("duration", _duration(s.duration)),
        ("rules", ", ".join(s.rule_ids)),
    ]
    return [f"    {k:<11} {v}" for k, v in rows if v]


def _duration(d: Any) -> str:
    if d is None:
        return ""
    if d.bound == "indefinite":
        return "no end stated"
    what = f"{d.days} days" if d.days is not None else ""
    if d.bound in ("up_to", "at_least"):
        what = f"{d.bound.replace('_', ' ')} {what}".strip()
    if d.trigger:
        what = f"{what} (from {d.trigger.replace('_', ' ')})".strip()
    return what


def explain_lines(readings: Sequence[Any], show_all: bool = False) -> list[str]:
    """What `clausewatch explain` prints for people."""
    lines: list[str] = []
    stated = [r for r in readings if r.statements]
    for r in readings:
        if not r.statements and not show_all:
            continue
        lines.append(f"clause: {r.text}")
        if not r.statements:
            lines.append(f"  states no practice: {r.reason}")
        for i, s in enumerate(r.statements, 1):
            lines.append(f"  statement {i}:")
            lines.extend(_describe(s))
        lines.append("")
    if not stated and not show_all:
        lines.append("no statement about training use, retention or sharing")
    return lines


def finding_lines(f: Any) -> list[str]:
    """One stored finding in full, for `clausewatch finding ID`."""
    from clausewatch.statements import from_dict

    lines = [
        f"finding {f.id}: {f.summary}",
        f"  {f.topic}, {f.direction}, {f.severity}   ({f.kind})",
        f"  {f.provider_name} / {f.document_name}  [{f.document}]",
        f"  recorded {f.recorded_at:%Y-%m-%d %H:%M} UTC"
        + (f", effective {f.effective_date}" if f.effective_date else ""),
    ]
    if f.commit:
        lines.append(f"  commit {f.commit}")
    lines.append(f"  rules: {', '.join(f.rule_ids) or '(recorded before rule ids were kept)'}")
    lines += ["", "old clause:", f"  {f.old_text or '(none)'}", "new clause:"]
    lines.append(f"  {f.new_text or '(none)'}")
    if f.diff:
        changed = " ".join(
            f"[-{t.strip()}-]" if op < 0 else f"{{+{t.strip()}+}}"
            for op, t in f.diff
            if op and t.strip()
        )
        lines += ["word diff:", f"  {changed}"]
    for side in ("old", "new"):
        got = (f.statements or {}).get(side) or []
        if got:
            lines.append(f"{side} statements:")
            for d in got:
                lines.extend(_describe(from_dict(d)))
                lines.append("")
    urls = (f.evidence or {}).get("urls") or []
    if urls:
        lines.append("source: " + ", ".join(urls))
    return lines
