"""Read-only SQL for analysts (`clausewatch query`), streamed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from .db import reader

BATCH_ROWS = 2048  # rows fetched at a time: memory stays flat however big the result


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Column names and the rows, read from DuckDB as they are consumed."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]


def _failed(exc: duckdb.Error) -> StoreError:
    hint = ""
    text = str(exc).lower()
    if "read-only" in text or "read only" in text:
        hint = " (query opens the database read-only: it never changes it)"
    elif "parameter" in text:
        hint = " (give each $name as -p name=value)"
    return StoreError(f"query failed: {exc}{hint}")


@contextmanager
def open_query(
    db: str | Path, sql: str, params: Mapping[str, Any] | None = None
) -> Iterator[QueryResult]:
    """Run `sql` on a read-only connection (writes fail; a crawl can run at the same time).

    `params` bind DuckDB's `$name` placeholders. The rows must be read inside the `with`.
    A statement that returns nothing (or SQL that is only comments) gives no columns.
    """
    with reader(db) as con:
        try:
            cur = con.execute(sql, dict(params)) if params else con.execute(sql)
        except duckdb.Error as exc:
            raise _failed(exc) from exc
        if cur is None or cur.description is None:
            yield QueryResult([], iter(()))
            return
        yield QueryResult([d[0] for d in cur.description], _stream(cur))


def _stream(cur: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while True:
        try:
            batch = cur.fetchmany(BATCH_ROWS)
        except duckdb.Error as exc:  # errors can surface while rows are produced (casts)
            raise _failed(exc) from exc
        if not batch:
            return
        yield from batch


def run_query(
    db: str | Path, sql: str, params: Mapping[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The whole result at once (for small queries in code)."""
    with open_query(db, sql, params) as result:
        return result.columns, list(result.rows)
