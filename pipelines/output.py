"""Render rows for people (aligned table) and programs (json, jsonl, csv).

Every renderer takes an iterable of rows and yields text a line (or record) at a time, so a
query of millions of rows is written as it is read; only the table, which must know its column
widths, holds its rows (the CLI limits tables to a page of rows).
"""

from __future__ import annotations

import csv
import io
import json
import math
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")
COLUMN_GAP = 2  # spaces between table columns


def plain(value: Any) -> Any:
    """A JSON-ready value for whatever DuckDB returns (DECIMAL, DATE, TIME, INTERVAL, BLOB,
    UUID, LIST, STRUCT, MAP). Decimals become numbers, times ISO 8601 strings, blobs hex."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None  # NaN is not JSON
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _iso_duration(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(plain(k)): plain(v) for k, v in value.items()}
    return str(value)


def _iso_duration(td: timedelta) -> str:
    """ISO 8601 duration (P1DT2H3M4.5S), the JSON spelling of a DuckDB INTERVAL."""
    sign = "-" if td < timedelta(0) else ""
    td = abs(td)
    seconds = td.seconds + td.microseconds / 1_000_000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}P{td.days}D" if td.days else f"{sign}P"
    clock = ""
    if hours:
        clock += f"{int(hours)}H"
    if minutes:
        clock += f"{int(minutes)}M"
    if secs or not (td.days or clock):
        clock += f"{secs:g}S"
    return out + (f"T{clock}" if clock else "")


def cell_text(value: Any) -> str:
    """One table cell on one line (newlines and runs of spaces squashed)."""
    if value is None:
        text = ""
    elif isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, bytes | bytearray | memoryview):
        text = bytes(value).hex()
    elif isinstance(value, list | tuple):
        text = ", ".join(map(cell_text, value))
    else:
        text = str(value)
    return " ".join(text.split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def fit_widths(natural: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Column widths that fit `available` characters: narrow columns keep their width and
    the wide ones share the rest equally (never below their floor)."""
    if sum(natural) <= available:
        return list(natural)

    def total(cap: int) -> int:
        return sum(max(f, min(w, cap)) for w, f in zip(natural, floors))

    lo, hi = 0, max(natural)
    while lo < hi:  # the largest cap whose total still fits
        mid = (lo + hi + 1) // 2
        if total(mid) <= available:
            lo = mid
        else:
            hi = mid - 1
    widths = [max(f, min(w, lo)) for w, f in zip(natural, floors)]
    spare = available - sum(widths)
    for i, w in enumerate(natural):  # hand out what the integer cap left over
        if spare <= 0:
            break
        if w > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def table_lines(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], width: int | None = None
) -> Iterator[str]:
    """An aligned table; with `width`, long cells are cut (…) so that lines fit in it."""
    cells = [[cell_text(v) for v in r] for r in rows]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    widths = natural
    if width is not None:
        available = width - COLUMN_GAP * (len(columns) - 1)
        # Cut cells before headers; only when the headers alone are too wide, cut them too.
        floors = [min(w, max(len(c), 4)) for w, c in zip(natural, columns)]
        if sum(floors) > available:
            floors = [min(w, 3) for w in natural]
        widths = fit_widths(natural, floors, available)
    gap = " " * COLUMN_GAP

    def line(values: Sequence[str]) -> str:
        return gap.join(_cut(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()

    yield line(columns)
    yield gap.join("-" * w for w in widths)
    for r in cells:
        yield line(r)


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return _dumps(plain(value))
    if isinstance(value, Decimal):
        return str(value)  # text keeps the scale: 1.50 stays 1.50
    return plain(value)


def render_lines(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, width: int | None = None
) -> Iterator[str]:
    """The rows in `fmt`, a line or a record at a time (json: a pretty-printed array)."""
    if fmt == "json":
        first = True
        for r in rows:
            record = _dumps(dict(zip(columns, map(plain, r))), indent=2)
            yield ("[\n" if first else ",\n") + "\n".join("  " + x for x in record.splitlines())
            first = False
        yield "[]" if first else "\n]"
    elif fmt == "jsonl":
        for r in rows:
            yield _dumps(dict(zip(columns, map(plain, r)))) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_csv_value(v) for v in r])
            if buf.tell() > 65536:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    elif fmt == "table":
        for text in table_lines(columns, rows, width):
            yield text + "\n"
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def render(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, width: int | None = None
) -> str:
    """The whole output as one string, without a final newline."""
    return "".join(render_lines(columns, rows, fmt, width)).rstrip("\n")


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
    "ota",
    "status",
    "review_note",
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
        list(getattr(f, "ota", []) or []),
        getattr(f, "status", "open"),
        getattr(f, "review_note", None),
    ]


# `findings export-dismissed`: column -> FindingRow attribute (what a rule author needs)
_DISMISSED_FIELDS = (
    ("id", "id"), ("provider", "provider"), ("document_key", "document"),
    ("document_type", "document_type"), ("recorded_at", "recorded_at"), ("commit", "commit"),
    ("topic", "topic"), ("direction", "direction"), ("severity", "severity"), ("kind", "kind"),
    ("summary", "summary"), ("old_text", "old_text"), ("new_text", "new_text"),
    ("rule_ids", "rule_ids"), ("statements", "statements"), ("note", "review_note"),
    ("reviewer", "reviewer"), ("reviewed_at", "reviewed_at"),
)  # fmt: skip
DISMISSED_COLUMNS = [column for column, _ in _DISMISSED_FIELDS]
_EMPTY = {"rule_ids": list, "statements": dict}  # NULL in the store, empty in the export


def dismissed_records(findings: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    """`findings export-dismissed`: what a rule author needs to see why a finding was wrong."""
    return DISMISSED_COLUMNS, [
        [
            getattr(f, attr) or _EMPTY[attr]() if attr in _EMPTY else getattr(f, attr)
            for _, attr in _DISMISSED_FIELDS
        ]
        for f in findings
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
        f"  recorded {f.recorded_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        + (f", effective {f.effective_date}" if f.effective_date else ""),
    ]
    if f.commit:
        lines.append(f"  commit {f.commit}")
    status = getattr(f, "status", "open")
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
