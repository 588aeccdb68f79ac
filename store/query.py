"""Read-only SQL for analysts (`clausewatch query`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from .db import reader


def run_query(db: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run `sql` on a read-only connection: writes fail, and a crawl can run at the same time."""
    with reader(db) as con:
        try:
            cur = con.execute(sql)
        except duckdb.Error as exc:
            hint = ""
            if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
                hint = " (query opens the database read-only: it never changes it)"
            raise StoreError(f"query failed: {exc}{hint}") from exc
        if cur.description is None:
            return [], []
        columns = [d[0] for d in cur.description]
        return columns, cur.fetchall()
