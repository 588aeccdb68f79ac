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
    ]
