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
from datetime import date, datetime, time, timedelta
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
