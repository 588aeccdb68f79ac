"""What the database holds (`clausewatch schema`) and bulk export through DuckDB's COPY."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import ConfigError, StoreError
from .db import reader

EXPORT_FORMATS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}


@dataclass(frozen=True, slots=True)
class SchemaColumn:
    """One column of a table or view, with the comments of both where the schema has them."""

    object: str
    kind: str  # table | view
    object_comment: str | None
    column: str
    type: str
    comment: str | None


def list_schema(db: str | Path, name: str | None = None) -> list[SchemaColumn]:
    """Tables and views of the main schema and their columns, in schema order."""
    sql = """
        SELECT o.name, o.kind, o.comment, c.column_name, c.data_type, c.comment
        FROM (
            SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
            WHERE schema_name = 'main' AND NOT internal AND NOT temporary
            UNION ALL
            SELECT view_name, 'view', comment FROM duckdb_views()
            WHERE schema_name = 'main' AND NOT internal AND NOT temporary
        ) o
        JOIN duckdb_columns() c ON c.table_name = o.name AND c.schema_name = 'main'
        WHERE $name IS NULL OR o.name = $name
        ORDER BY o.kind, o.name, c.column_index
    """
    with reader(db) as con:
        rows = con.execute(sql, {"name": name}).fetchall()
    if name and not rows:
        raise ConfigError(f"no table or view {name!r}; list them with `clausewatch schema`")
    return [SchemaColumn(*r) for r in rows]


def relation_names(db: str | Path) -> list[str]:
    return sorted({c.object for c in list_schema(db)})


def export_rows(
    db: str | Path, output: str | Path, fmt: str, *, table: str | None = None, sql: str | None
) -> int:
    """Write a table or view, or the result of a read-only query, with DuckDB's COPY writer.

    Returns the number of rows written.
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"export format {fmt!r}; expected one of {sorted(EXPORT_FORMATS)}")
    if (table is None) == (sql is None):
        raise ConfigError("export needs --table NAME or --sql QUERY (one of them)")
    if table is not None:
        names = relation_names(db)
        if table not in names:
            raise ConfigError(f"no table or view {table!r}; one of: {', '.join(names)}")
        source = f'SELECT * FROM "{table}"'  # a known name, so quoting it is enough
    else:
        source = (sql or "").strip().rstrip(";").strip()
        if not source:
            raise ConfigError("the --sql query is empty")
    # COPY takes neither the query nor the file name as a parameter: the path is quoted as a
    # string literal; the query runs on a read-only connection, so it cannot change anything.
    target = str(output).replace("'", "''")
    with reader(db) as con:
        try:
            row = con.execute(f"COPY ({source}) TO '{target}' ({EXPORT_FORMATS[fmt]})").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"export to {output} failed: {exc}") from exc
    return int(row[0]) if row and row[0] is not None else 0
