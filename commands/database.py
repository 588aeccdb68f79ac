"""The database itself: create or migrate it, query it, list its schema, export from it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConfigError
from .common import (
    Context,
    Output,
    emit,
    handle_errors,
    list_options,
    output_options,
    pass_ctx,
    row_limit,
)


@click.command()
@pass_ctx
@handle_errors
def init(ctx: Context) -> None:
    """Create or migrate the database.

    \b
    Example:
        clausewatch --db watch.duckdb init
    """
    from ..store.db import migrate

    version = migrate(ctx.db)
    click.echo(f"{ctx.db}: schema version {version}")


@click.command()
@click.argument("sql", required=False)
@click.option(
    "--file",
    "sql_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the SQL from FILE.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind $NAME in the SQL to VALUE (repeatable); DuckDB casts it to the type needed.",
)
@list_options()
@output_options
@pass_ctx
@handle_errors
def query(
    ctx: Context,
    sql: str | None,
    sql_file: str | None,
    params: tuple[str, ...],
    limit: int | None,
    out: Output,
) -> None:
    """Run read-only SQL on the database (works while a crawl runs).

    SQL is the argument, `-` for standard input, or --file. Results are streamed: json,
    jsonl and csv write every row as it is read (the table stops at --limit). Run
    `clausewatch schema` for the tables and views with their columns.

    \b
    Example:
        clausewatch query "select provider, topic, count(*) from current_clauses group by all"
        clausewatch query "select * from findings where severity = $s" -p s=critical --jsonl
        clausewatch query - --csv < weekly.sql
    """
    from ..store.query import open_query

    text = _read_sql(sql, sql_file)
    with open_query(ctx.db, text, _parse_params(params)) as result:
        if result.columns:
            emit(result.columns, result.rows, out, row_limit(out, limit))


def _read_sql(sql: str | None, sql_file: str | None) -> str:
    if sql is not None and sql_file is not None:
        raise ConfigError("give the SQL as an argument or with --file, not both")
    if sql_file is not None:
        try:
            text = Path(sql_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read --file {sql_file}: {exc}") from exc
    elif sql == "-":
        text = sys.stdin.read()
    elif sql is None:
        raise ConfigError('no SQL: give it as an argument, "-" for standard input, or --file')
    else:
        text = sql
    if not text.strip().strip(";").strip():
        raise ConfigError('the SQL is empty; example: clausewatch query "select * from findings"')
    return text


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise ConfigError(f"-p {item!r}: expected NAME=VALUE, as in -p provider=openai")
        parsed[name] = value
    return parsed


@click.command()
@click.argument("name", required=False)
@list_options()
@output_options
@pass_ctx
@handle_errors
def schema(ctx: Context, name: str | None, limit: int | None, out: Output) -> None:
    """List the tables and views (or one NAME) with their columns, types and comments.

    \b
    Example:
        clausewatch schema findings
        clausewatch schema --json
    """
    from ..store.introspect import list_schema

    rows = [
        (c.object, c.kind, c.object_comment, c.column, c.type, c.comment)
        for c in list_schema(ctx.db, name)
    ]
    if out.fmt == "table":  # name the table once, above its columns
        rows = [
            ("", "", "", *r[3:]) if i and rows[i - 1][0] == r[0] else r for i, r in enumerate(rows)
        ]
    # The whole schema is one screen or two: a table shows it all unless --limit is given.
    shown = limit or None
    emit(["name", "kind", "about", "column", "type", "comment"], rows, out, shown)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl"]),
    default="parquet",
    show_default=True,
)
@click.option("--table", help="A table or view to export whole (see `clausewatch schema`).")
@click.option("--sql", help="Export the result of this read-only query instead.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
@pass_ctx
@handle_errors
def export(ctx: Context, fmt: str, table: str | None, sql: str | None, output: str) -> None:
    """Write a table, a view or a query's result to a Parquet, CSV or JSON Lines file,
    with DuckDB's own writers (fast, typed, any size). Works while a crawl runs.

    \b
    Example:
        clausewatch export --table findings_timeline -o findings.parquet
        clausewatch export --format csv --sql "select * from findings where severity = 'critical'" -o critical.csv
    """
    from ..store.introspect import export_rows

    count = export_rows(ctx.db, output, fmt, table=table, sql=sql)
    if not ctx.quiet:
        click.echo(f"wrote {count} rows to {output}")
