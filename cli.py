"""clausewatch command line: parses arguments, calls one pipeline function, formats the result.

Exit codes: 0 success (all documents fetched), 1 some documents failed, 2 usage or
configuration error, 3 another run holds the lock, 4 store error.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from . import __version__
from .errors import ClauseWatchError, ConfigError

log = logging.getLogger("clausewatch")


def _setup_logging(verbose: int, quiet: bool) -> None:
    """Set the log level; called again when -v or -q come after the command."""
    level = logging.WARNING
    if verbose == 1:
        level = logging.INFO
    elif verbose > 1:
        level = logging.DEBUG
    if quiet:
        level = logging.ERROR
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger().setLevel(level)  # basicConfig does nothing the second time
    # Scrapy and Twisted are chatty at INFO; keep them at WARNING unless -vv.
    for name in ("scrapy", "twisted", "asyncio", "apprise"):
        logging.getLogger(name).setLevel(level if verbose > 1 else max(level, logging.WARNING))


class Context:
    def __init__(
        self,
        db: str,
        catalog: str | None,
        quiet: bool,
        alerts_path: str | None = None,
        *,
        verbose: int = 0,
        db_explicit: bool = False,
    ):
        self.db = db
        self.catalog_path = catalog
        self.quiet = quiet
        self.alerts_path = alerts_path
        self.verbose = verbose
        self.db_explicit = db_explicit  # --db or CLAUSEWATCH_DB given (the demo keeps its db)

    def alerts(self):
        from .alerting.config import load_alert_config

        return load_alert_config(self.alerts_path)

    @property
    def progress(self) -> bool:
        """Progress bars only for a person at a terminal; cron gets clean logs."""
        return not self.quiet and sys.stderr.isatty()

    def catalog(self):
        from .watchers.catalog import load_catalog

        return load_catalog(self.catalog_path)


pass_ctx = click.make_pass_decorator(Context)


def handle_errors(fn: Callable) -> Callable:
    """Turn library errors into `Error: ...` on stderr and the documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ClauseWatchError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


# Statuses of `deliveries` (store/deliveries.py); `alerts list` hides 'skipped' by default.
DELIVERY_STATUSES = ("pending", "sending", "sent", "summarized", "failed", "uncertain", "skipped")
SHOWN_STATUSES = DELIVERY_STATUSES[:-1]
TABLE_ROWS = 100  # a table shows this many rows unless --limit says otherwise


@dataclass(frozen=True, slots=True)
class Output:
    """How a read command writes its rows: the format, and the table's width (None: no cut)."""

    fmt: str
    width: int | None = None


def _table_width(width: int | None, no_truncate: bool) -> int | None:
    """--width, else COLUMNS, else the terminal's width; piped output is not cut."""
    if no_truncate:
        return None
    if width:
        return width
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def text_or_json(fn: Callable) -> Callable:
    """--format text|json for commands that show one thing in full (finding, explain)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text for people; json for programs (explain: a list of statement objects).",
    )(fn)


def output_options(fn: Callable) -> Callable:
    """--format and its shortcuts (--csv, --json, --jsonl), --width and --no-truncate; the
    command receives them as one `out: Output`."""

    @functools.wraps(fn)
    def wrapper(
        *args: Any,
        fmt: str,
        shortcut: tuple[str, ...],
        width: int | None,
        no_truncate: bool,
        **kwargs: Any,
    ) -> Any:
        chosen = set(shortcut)
        ctx = click.get_current_context()
        if ctx.get_parameter_source("fmt") == ParameterSource.COMMANDLINE:
            chosen.add(fmt)
        if len(chosen) > 1:
            raise click.UsageError(f"choose one output format, not {', '.join(sorted(chosen))}")
        out = Output(chosen.pop() if chosen else fmt, _table_width(width, no_truncate))
        return fn(*args, out=out, **kwargs)

    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "json", "jsonl", "csv"]),
            default="table",
            show_default=True,
            help="Output format.",
        ),
        *(
            click.option(
                f"--{name}", "shortcut", flag_value=name, multiple=True, help=f"--format {name}."
            )
            for name in ("csv", "json", "jsonl")
        ),
        click.option(
            "--width",
            type=click.IntRange(min=20),
            help="Fit the table in N characters (default: the terminal's width; piped "
            "output is not cut).",
        ),
        click.option("--no-truncate", is_flag=True, help="Never cut table cells."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def list_options(order: str | None = None) -> Callable[[Callable], Callable]:
    """--limit, and --order newest|oldest (default `order`) for lists ordered by time."""

    def decorate(fn: Callable) -> Callable:
        fn = click.option(
            "--limit",
            type=click.IntRange(min=0),
            help=f"At most N rows; 0 for all (default: {TABLE_ROWS} in a table, all otherwise).",
        )(fn)
        if order:
            fn = click.option(
                "--order",
                type=click.Choice(["newest", "oldest"]),
                default=order,
                show_default=True,
                help="Newest or oldest first.",
            )(fn)
        return fn

    return decorate


def row_limit(out: Output, limit: int | None) -> int | None:
    """The rows to show: --limit (0: all), else a page for a table and all for programs."""
    if limit is None:
        return TABLE_ROWS if out.fmt == "table" else None
    return limit or None


def emit(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], out: Output, limit: int | None = None
) -> None:
    """Write the rows; with `limit`, stop there and say on stderr when rows were left out
    (callers fetch `limit + 1` rows so that this is known without counting)."""
    from .output.tables import render_lines

    rows = iter(rows)
    shown: Iterable[Sequence[Any]] = rows
    more = False
    if limit is not None:
        head = list(itertools.islice(rows, limit + 1))
        more = len(head) > limit
        shown = head[:limit]
    if out.fmt == "table":
        shown = list(shown)
        if not shown:
            click.echo("(no rows)")
            return
    for chunk in render_lines(columns, shown, out.fmt, out.width):
        click.echo(chunk, nl=False)
    if out.fmt == "json":
        click.echo("")
    if more:
        click.echo(f"({limit} rows shown; more with --limit N, all with --limit 0)", err=True)


# Global options, also accepted after the command (`clausewatch demo --db x.duckdb`): each
# command gets a hidden copy whose value, when given, overrides the group's.
def _global_options() -> list[click.Option]:
    common: dict[str, Any] = {"hidden": True, "expose_value": False, "callback": _set_global}
    path = click.Path(dir_okay=False)
    return [
        click.Option(["--db"], **common),
        click.Option(["--catalog"], type=path, **common),
        click.Option(["--alerts", "alerts_path"], type=path, **common),
        click.Option(["-v", "--verbose"], count=True, **common),
        click.Option(["-q", "--quiet"], is_flag=True, **common),
    ]


def _set_global(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if ctx.get_parameter_source(param.name) != ParameterSource.COMMANDLINE:
        return value
    obj = ctx.find_object(Context)
    if obj is None:  # --help of a subcommand parses before the group's callback ran
        return value
    if param.name == "verbose":
        obj.verbose += value
    else:
        setattr(obj, {"catalog": "catalog_path"}.get(param.name, param.name), value)
    if param.name == "db":
        obj.db_explicit = True
    if param.name in ("verbose", "quiet"):
        _setup_logging(obj.verbose, obj.quiet)
    return value


class GlobalOptionsGroup(click.Group):
    """A group whose commands (and subgroups) also accept the group's global options."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _add_global_options(cmd)
        super().add_command(cmd, name)


def _add_global_options(cmd: click.Command) -> None:
    taken = {opt for p in cmd.params for opt in getattr(p, "opts", [])}
    for option in _global_options():
        if not taken & set(option.opts):
            cmd.params.append(option)
    for sub in getattr(cmd, "commands", {}).values():
        _add_global_options(sub)


@click.group(
    cls=GlobalOptionsGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Global options may also come after the command: clausewatch findings --db x.duckdb",
)
@click.version_option(__version__, prog_name="clausewatch")
@click.option(
    "--db",
    envvar="CLAUSEWATCH_DB",
    default="clausewatch.duckdb",
    show_default=True,
    help="DuckDB file (env CLAUSEWATCH_DB).",
)
@click.option(
    "--catalog",
    envvar="CLAUSEWATCH_CATALOG",
    type=click.Path(dir_okay=False),
    help="Catalog TOML file (env CLAUSEWATCH_CATALOG); default: the built-in catalog.",
)
@click.option(
    "--alerts",
    "alerts_path",
    envvar="CLAUSEWATCH_ALERTS_CONFIG",
    type=click.Path(dir_okay=False),
    help="Alert config TOML (env CLAUSEWATCH_ALERTS_CONFIG; default ./clausewatch.alerts.toml "
    "if present). CLAUSEWATCH_ALERT_URLS adds Apprise URLs that get every finding.",
)
@click.option("-v", "--verbose", count=True, help="More logging (-vv for Scrapy's too).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bars.")
@click.pass_context
def main(
    ctx: click.Context,
    db: str,
    catalog: str | None,
    alerts_path: str | None,
    verbose: int,
    quiet: bool,
) -> None:
    """Watch AI providers' legal documents for material changes in training use, retention
    and sharing of your data.

    \b
    Example:
        clausewatch demo
        clausewatch crawl --only anthropic
        clausewatch query "select * from latest_versions"
    """
    _setup_logging(verbose, quiet)
    explicit = ctx.get_parameter_source("db") in (
        ParameterSource.COMMANDLINE,
        ParameterSource.ENVIRONMENT,
    )
    ctx.obj = Context(db, catalog, quiet, alerts_path, verbose=verbose, db_explicit=explicit)


@main.command()
@pass_ctx
@handle_errors
def init(ctx: Context) -> None:
    """Create or migrate the database.

    \b
    Example:
        clausewatch --db watch.duckdb init
    """
    from .store.db import migrate

    version = migrate(ctx.db)
    click.echo(f"{ctx.db}: schema version {version}")


def _only_option(fn: Callable) -> Callable:
    return click.option(
        "--only",
        multiple=True,
        metavar="PROVIDER[/DOCUMENT]",
        help="Restrict to a provider or one document (repeatable).",
    )(fn)


@main.command()
@_only_option
@pass_ctx
@handle_errors
def crawl(ctx: Context, only: tuple[str, ...]) -> None:
    """Fetch the catalog's documents once and record new versions.

    New findings are alerted to the configured channels. Exit code 0 when every document
    was fetched (and every due alert delivered), 1 when some failed (see the errors
    printed), 2 for a bad catalog or alert config, 3 when another run holds the lock.

    \b
    Example:
        clausewatch crawl --only openai --only anthropic/commercial-terms
    """
    from .pipelines.run import run_once

    outcome = run_once(ctx.db, ctx.catalog(), only=only, progress=ctx.progress, alerts=ctx.alerts())
    _print_outcome(outcome, ctx.quiet)
    sys.exit(0 if outcome.ok else 1)


def _print_outcome(outcome, quiet: bool) -> None:
    if not quiet:
        click.echo(outcome.summary())
        if outcome.finding_ids:
            click.echo(f"{len(outcome.finding_ids)} new material findings (`clausewatch findings`)")
    for f in outcome.failures:
        click.echo(f"  fetch error {f.document}: [{f.reason}] {f.message}", err=True)
    for line in outcome.errors:
        click.echo(f"  error {line} (recorded in analysis_errors; the next run retries)", err=True)
    _print_delivery(outcome.delivery, quiet)


def _print_delivery(delivery, quiet: bool) -> None:
    if delivery is None or not delivery.channels:
        return
    head, *problems = delivery.lines()
    if not quiet:
        click.echo(head)
    for line in problems:
        click.echo(line, err=True)


@main.command()
@click.argument("document", required=False)
@list_options(order="newest")
@output_options
@pass_ctx
@handle_errors
def versions(
    ctx: Context, document: str | None, limit: int | None, order: str, out: Output
) -> None:
    """List recorded versions, newest first (optionally of one PROVIDER or PROVIDER/DOCUMENT).

    The table shows the first 12 characters of each text's SHA-256 (sha256_prefix); json,
    jsonl and csv give the whole hash (sha256). `fetcher` says what fetched the version's
    pages: http, or browser (Chromium, for `browser = true` entries and pages a plain fetch
    saw as an app shell or bot check).

    \b
    Example:
        clausewatch versions acme/privacy-policy --limit 5 --json
    """
    from .store.versions import list_versions, version_fetchers

    shown = row_limit(out, limit)
    found = list_versions(
        ctx.db,
        _target(ctx.db, document),
        limit=shown + 1 if shown else None,
        newest_first=order == "newest",
    )
    table = out.fmt == "table"
    fetchers = version_fetchers(ctx.db, [v.id for v in found if v.id is not None])
    rows = [
        (
            v.id,
            v.document,
            v.first_seen,
            v.last_seen,
            len(v.text),
            v.sha256[:12] if table else v.sha256,
            v.commit,
            fetchers.get(v.id) if v.id is not None else None,
        )
        for v in found
    ]
    digest = "sha256_prefix" if table else "sha256"
    columns = ["id", "document", "first_seen", "last_seen", "chars", digest, "commit", "fetcher"]
    emit(columns, rows, out, shown)


@main.command()
@click.argument("version_id", type=int)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show the changes from the previous version."
)
@pass_ctx
@handle_errors
def show(ctx: Context, version_id: int, show_diff: bool) -> None:
    """Print the canonical text of a version (or its diff with the previous one).

    \b
    Example:
        clausewatch show 12 --diff
    """
    from .output.worddiff import unified_diff
    from .store.versions import get_version, previous_version

    version = get_version(ctx.db, version_id)
    if version is None:
        raise ConfigError(f"no version {version_id}; list them with `clausewatch versions`")
    if not show_diff:
        click.echo(version.text, nl=False)
        return
    prev = previous_version(ctx.db, version)
    click.echo(unified_diff(prev.text if prev else "", version.text, prev, version))


@main.command()
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
    from .store.query import open_query

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


@main.command()
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
    from .store.introspect import list_schema

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


@main.command()
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
    from .store.introspect import export_rows

    count = export_rows(ctx.db, output, fmt, table=table, sql=sql)
    if not ctx.quiet:
        click.echo(f"wrote {count} rows to {output}")


def _excerpt(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _provider(db: str, value: str | None) -> str | None:
    """A provider given by id or display name ("OpenAI", "Claude.ai"), as its id."""
    if not value:
        return None
    from .store.versions import resolve_provider

    return resolve_provider(db, value)


def _target(db: str, value: str | None) -> str | None:
    """PROVIDER or PROVIDER/DOCUMENT, the provider by id or display name."""
    if not value:
        return None
    provider, sep, document = value.partition("/")
    return _provider(db, provider) + sep + document  # type: ignore[operator]


def _parse_since(value: str | None):
    if not value:
        return None
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since {value!r}: expected a date like 2025-01-31") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_until(value: str | None):
    """--until DATE keeps that whole day: the bound is exclusive, the next midnight."""
    if not value:
        return None
    from datetime import timedelta

    try:
        parsed = _parse_since(value)
    except ConfigError:
        raise ConfigError(f"--until {value!r}: expected a date like 2025-12-31") from None
    return parsed + timedelta(days=1) if len(value) == 10 else parsed


REVIEW_STATUSES = ("open", "acked", "dismissed")


@main.group(cls=GlobalOptionsGroup, invoke_without_command=True)
@click.option("--since", help="Only findings recorded on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only findings recorded up to this date (YYYY-MM-DD, inclusive).")
@click.option("--topic", type=click.Choice(["training_use", "retention", "sharing"]))
@click.option(
    "--severity",
    type=click.Choice(["critical", "high", "medium", "low"]),
    help="Minimum severity.",
)
@click.option("--provider", help="Only this provider (id or name, e.g. openai or OpenAI).")
@click.option(
    "--status",
    "statuses",
    type=click.Choice(REVIEW_STATUSES),
    multiple=True,
    help="Only findings in this triage status (repeatable; default: all).",
)
@click.option("--exclude-backfill", is_flag=True, help="Leave out findings from imported history.")
@list_options(order="oldest")
@output_options
@click.pass_context
@handle_errors
def findings(
    click_ctx: click.Context,
    since,
    until,
    topic,
    severity,
    provider,
    statuses: tuple[str, ...],
    exclude_backfill: bool,
    limit: int | None,
    order: str,
    out: Output,
) -> None:
    """List material findings, oldest first (--order newest for the latest); triage them
    with the subcommands (ack, dismiss, reopen).

    JSONL records carry service, document, recorded_at (UTC), commit (OTA imports), topic,
    direction, severity, summary, old_text and new_text, the triage status and note, plus ids
    and evidence.

    \b
    Example:
        clausewatch findings --since 2025-01-01 --severity high --format jsonl
        clausewatch findings --status open --exclude-backfill
        clausewatch findings dismiss 12 --note "wording only; same practice"
    """
    if click_ctx.invoked_subcommand is not None:
        return
    ctx = click_ctx.find_object(Context)
    from .store.findings import list_findings

    shown = row_limit(out, limit)
    rows = list_findings(
        ctx.db,
        since=_parse_since(since),
        until=_parse_until(until),
        topic=topic,
        min_severity=severity,
        provider=_provider(ctx.db, provider),
        statuses=list(statuses) or None,
        include_backfill=not exclude_backfill,
        limit=shown + 1 if shown else None,
        newest_first=order == "newest",
    )
    if out.fmt == "table":
        emit(
            [
                "id",
                "recorded_at",
                "document",
                "topic",
                "direction",
                "severity",
                "status",
                "summary",
            ],
            [
                (
                    f.id,
                    f.recorded_at,
                    f.document,
                    f.topic,
                    f.direction,
                    f.severity,
                    f.status,
                    f.summary,
                )
                for f in rows
            ],
            out,
            shown,
        )
        return
    from .output.findings import FINDING_COLUMNS, finding_record

    emit(FINDING_COLUMNS, [finding_record(f) for f in rows], out, shown)


def _review_options(note_required: bool) -> Callable[[Callable], Callable]:
    def decorate(fn: Callable) -> Callable:
        fn = click.argument("finding_ids", metavar="ID...", nargs=-1, required=True, type=int)(fn)
        fn = click.option(
            "--note",
            required=note_required,
            help="Why (kept with the finding and in its review history)."
            + (" Required: say why the change is not material." if note_required else ""),
        )(fn)
        fn = click.option("--by", "reviewer", help="Who reviews (default: the login name).")(fn)
        return fn

    return decorate


def _review(ctx: Context, action: str, ids: Sequence[int], note: str | None, by: str | None):
    from .store.db import migrate
    from .store.reviews import default_reviewer, review_finding

    migrate(ctx.db)  # the reviews table may be newer than the file
    reviewer = by or default_reviewer()
    for fid in ids:
        got = review_finding(ctx.db, fid, action, note=note, reviewer=reviewer)
        if ctx.quiet:
            continue
        if not got.changed:
            click.echo(f"finding {fid}: already {got.status}")
            continue
        extra = (
            f"; {got.deliveries_skipped} pending alerts dropped" if got.deliveries_skipped else ""
        )
        change = "note updated" if got.previous == got.status else f"{got.previous} -> {got.status}"
        click.echo(f"finding {fid}: {change}{extra}")


@findings.command("ack")
@_review_options(note_required=False)
@pass_ctx
@handle_errors
def findings_ack(ctx: Context, finding_ids: tuple[int, ...], note, reviewer) -> None:
    """Mark findings as reviewed and material (acked).

    \b
    Example:
        clausewatch findings ack 12 14 --note "sent to the DPO"
    """
    _review(ctx, "ack", finding_ids, note, reviewer)


@findings.command("dismiss")
@_review_options(note_required=True)
@pass_ctx
@handle_errors
def findings_dismiss(ctx: Context, finding_ids: tuple[int, ...], note, reviewer) -> None:
    """Dismiss findings as not material, saying why: they leave reports (unless asked for
    with --status dismissed) and are never alerted again, nor is the same change found again.

    \b
    Example:
        clausewatch findings dismiss 12 --note "reworded; the practice is the same"
    """
    _review(ctx, "dismiss", finding_ids, note, reviewer)


@findings.command("reopen")
@_review_options(note_required=False)
@pass_ctx
@handle_errors
def findings_reopen(ctx: Context, finding_ids: tuple[int, ...], note, reviewer) -> None:
    """Put acked or dismissed findings back to open. Alerts dropped by a dismissal stay dropped.

    \b
    Example:
        clausewatch findings reopen 12
    """
    _review(ctx, "reopen", finding_ids, note, reviewer)


@findings.command("history")
@click.argument("finding_id", type=int, required=False)
@list_options()
@output_options
@pass_ctx
@handle_errors
def findings_history(ctx: Context, finding_id: int | None, limit: int | None, out: Output) -> None:
    """List triage actions (who, when, note), oldest first; of one finding or all.

    \b
    Example:
        clausewatch findings history 12
    """
    from .store.reviews import review_history

    shown = row_limit(out, limit)
    events = review_history(ctx.db, finding_id)
    emit(
        ["finding", "action", "status", "reviewer", "reviewed_at", "note"],
        [(e.finding_id, e.action, e.status, e.reviewer, e.reviewed_at, e.note) for e in events],
        out,
        shown,
    )


@findings.command("export-dismissed")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (default: stdout)."
)
@pass_ctx
@handle_errors
def findings_export_dismissed(ctx: Context, output: str | None) -> None:
    """Write the dismissed findings as JSONL: each with its old and new clause, rules, the
    note saying why it is not material, and who dismissed it when. The material for
    improving the rules.

    \b
    Example:
        clausewatch findings export-dismissed -o dismissed.jsonl
    """
    from .output.findings import DISMISSED_COLUMNS, finding_record
    from .output.tables import render_lines
    from .store.findings import list_findings

    rows = list_findings(ctx.db, statuses=["dismissed"], include_technical=True)
    columns, records = DISMISSED_COLUMNS, [finding_record(f, DISMISSED_COLUMNS) for f in rows]
    lines = render_lines(columns, records, "jsonl")
    if output:
        from .output.report import write_report

        write_report(output, "".join(lines))
        if not ctx.quiet:
            click.echo(f"wrote {len(rows)} dismissed findings to {output}")
    else:
        for line in lines:
            click.echo(line, nl=False)


@main.command("finding")
@click.argument("finding_id", type=int)
@text_or_json
@pass_ctx
@handle_errors
def finding_command(ctx: Context, finding_id: int, fmt: str) -> None:
    """Show one finding in full: its clauses, word diff, statements, rules and evidence.

    \b
    Example:
        clausewatch finding 12
    """
    from datetime import UTC

    from .output.findings import finding_dict, finding_lines
    from .output.tables import plain
    from .store.findings import list_findings

    rows = list_findings(ctx.db, ids=[finding_id], include_technical=True, include_duplicates=True)
    if not rows:
        raise click.UsageError(f"no finding {finding_id}")
    if fmt == "json":
        record = plain(finding_dict(rows[0]))
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    for line in finding_lines(rows[0]):
        click.echo(line)
    from .store.reviews import review_history

    events = review_history(ctx.db, finding_id)
    if events:
        click.echo("review history:")
    for e in events:
        by = f" by {e.reviewer}" if e.reviewer else ""
        note = f": {e.note}" if e.note else ""
        click.echo(f"  {e.reviewed_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC {e.action}{by}{note}")


@main.command()
@click.argument("target", required=False, metavar="[PROVIDER[/DOCUMENT]]")
@click.option("--topic", type=click.Choice(["training_use", "retention", "sharing"]))
@list_options()
@output_options
@pass_ctx
@handle_errors
def clauses(
    ctx: Context, target: str | None, topic: str | None, limit: int | None, out: Output
) -> None:
    """Show the current clauses about training use, retention and sharing, with their facts.

    The provider is its id or its name ("Claude.ai" or claude-ai).

    \b
    Example:
        clausewatch clauses acme/privacy-policy --topic retention
        clausewatch clauses "Claude.ai" --json
    """
    from .store.findings import list_clauses

    shown = row_limit(out, limit)
    rows = list_clauses(ctx.db, _target(ctx.db, target), topic, limit=shown + 1 if shown else None)
    columns = [
        "provider", "document", "type", "position", "section", "text", "topics", "facts",
        "statements",
    ]  # fmt: skip
    if out.fmt == "table":
        emit(
            ["document", "section", "topics", "text"],
            [(r[1], r[4], r[6], r[5]) for r in rows],
            out,
            shown,
        )
        return
    emit(columns, rows, out, shown)


@main.command("import-ota")
@click.argument("path", type=click.Path(exists=True))
@pass_ctx
@handle_errors
def import_ota_command(ctx: Context, path: str) -> None:
    """Backfill history from an Open Terms Archive versions repository.

    PATH is a git clone (or bundle) of a versions repository, or a dataset folder or zip
    (Service/Document type/YYYY-MM-DDTHH-MM-SSZ.md). Resumable and idempotent: run it again
    to continue or to pick up new versions. Findings are marked as backfill. Exit code 1
    when a document could not be imported (see the errors printed) or an alert failed.

    OTA documents the catalog names (`ota = ["Claude.ai/Privacy Policy"]`) become the
    catalog's documents, so a crawl continues their history; a text OTA files under several
    services is recorded once. Services the catalog does not know keep their own slug and
    are listed at the end.

    \b
    Example:
        clausewatch import-ota ~/ota/genai-versions
    """
    from .pipelines.ota_import import import_ota

    report = import_ota(
        ctx.db, path, progress=ctx.progress, alerts=ctx.alerts(), catalog=ctx.catalog()
    )
    _print_delivery(report.delivery, ctx.quiet)
    if not ctx.quiet:
        click.echo(report.summary())
        if report.not_in_catalog:
            click.echo(report.unmapped())
    for f in report.failures:
        click.echo(f"  import error {f.document}: [{f.reason}] {f.message}", err=True)
    for line in report.errors:
        click.echo(f"  error {line} (recorded in analysis_errors; the next run retries)", err=True)
    sys.exit(0 if report.ok else 1)


@main.command()
@pass_ctx
@handle_errors
def demo(ctx: Context) -> None:
    """Run the whole watch job offline on a fictional provider's sample documents.

    Serves release 1 of the bundled documents on 127.0.0.1, crawls them, switches to
    release 2, crawls again and prints the material findings. Uses a temporary database
    unless --db (or CLAUSEWATCH_DB) is given explicitly.

    \b
    Example:
        clausewatch demo
        clausewatch --db demo.duckdb demo && clausewatch --db demo.duckdb findings
    """
    from .demo.run import run_demo

    result = run_demo(
        ctx.db if ctx.db_explicit else None,
        progress=ctx.progress,
        say=click.echo,
        alerts=ctx.alerts(),
    )
    click.echo("")
    if not result.findings:
        click.echo("No material findings.")
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    for f in sorted(result.findings, key=lambda f: (order.get(f.severity, 9), f.document, f.id)):
        click.echo(f"[{f.severity.upper()}] {f.document_name}: {f.topic} {f.direction}")
        click.echo(f"    {f.summary}")
        if f.old_text:
            click.echo(f"    was: {_excerpt(f.old_text)}")
        if f.new_text:
            click.echo(f"    now: {_excerpt(f.new_text)}")
        if f.effective_date:
            click.echo(f"    effective {f.effective_date:%Y-%m-%d}")
    click.echo("")
    click.echo(f"Explore: clausewatch --db {result.db} findings   (or: versions, clauses, query)")
    _print_delivery(result.second.delivery, ctx.quiet)
    sys.exit(0 if result.first.ok and result.second.ok else 1)


@main.group(cls=GlobalOptionsGroup)
def catalog() -> None:
    """List, validate and check the catalog of watched documents."""


@catalog.command("list")
@click.option("--provider", help="Only this provider (id, name or OTA service, e.g. Claude.ai).")
@list_options()
@output_options
@pass_ctx
@handle_errors
def catalog_list(ctx: Context, provider: str | None, limit: int | None, out: Output) -> None:
    """List the catalog's documents (the built-in catalog unless --catalog is given).

    \b
    Example:
        clausewatch catalog list --provider anthropic
    """
    cat = ctx.catalog()
    if provider:
        from .watchers.catalog import find_provider

        found = find_provider(cat, provider)
        if found is None:
            known = ", ".join(f"{p.name} ({p.id})" for p in cat.providers)
            raise ConfigError(f"no provider {provider!r} in the catalog; known: {known}")
        provider = found.id
    rows = [
        (
            d.key,
            d.type,
            " + ".join(s.url for s in d.sources),
            d.browser,
            d.checked,
            d.verified_offline,
        )
        for d in cat.documents
        if not provider or d.provider == provider
    ]
    if provider and not rows:
        raise ConfigError(
            f"no provider {provider!r} in the catalog; see `clausewatch catalog list`"
        )
    emit(
        ["document", "type", "urls", "browser", "checked", "verified_offline"],
        rows,
        out,
        row_limit(out, limit),
    )


@catalog.command("validate")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@pass_ctx
@handle_errors
def catalog_validate(ctx: Context, file: str | None) -> None:
    """Validate a catalog file (default: --catalog, else the built-in one); exit 2 if invalid.

    \b
    Example:
        clausewatch catalog validate my-catalog.toml
    """
    from .watchers.catalog import validate_catalog_file

    problems = validate_catalog_file(file or ctx.catalog_path)
    for p in problems:
        click.echo(p, err=True)
    if problems:
        sys.exit(2)
    click.echo(f"{file or ctx.catalog_path or 'built-in catalog'}: valid")


@catalog.command("check")
@click.option(
    "--provider", "providers", multiple=True, help="Only this provider, by id or name (repeatable)."
)
@output_options
@pass_ctx
@handle_errors
def catalog_check(ctx: Context, providers: tuple[str, ...], out: Output) -> None:
    """Fetch each entry once (needs internet) and report status, selector match, length and
    topics; exit 1 when any entry is broken. Nothing is recorded in the database.

    \b
    Example:
        clausewatch catalog check --provider openai
    """
    from .pipelines.catalog_check import check_catalog
    from .watchers.catalog import select_documents

    cat = ctx.catalog()
    documents = select_documents(cat, providers) if providers else list(cat.documents)
    checks = check_catalog(cat, documents, progress=ctx.progress)
    emit(
        ["document", "status", "selectors", "chars", "topics", "problem"],
        [
            (c.document, c.status, c.selectors_matched, c.length, c.topics, c.problem)
            for c in checks
        ],
        out,
    )
    sys.exit(0 if all(c.ok for c in checks) else 1)


@main.command()
@click.option("--since", help="Only findings recorded on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only findings recorded up to this date (YYYY-MM-DD, inclusive).")
@click.option("--provider", help="Only this provider (id or name, e.g. openai or OpenAI).")
@click.option("--topic", type=click.Choice(["training_use", "retention", "sharing"]))
@click.option(
    "--severity",
    type=click.Choice(["critical", "high", "medium", "low"]),
    help="Minimum severity.",
)
@click.option(
    "--status",
    "statuses",
    type=click.Choice([*REVIEW_STATUSES, "all"]),
    multiple=True,
    help="Triage status to show (repeatable; default: open and acked, dismissed left out).",
)
@click.option("--exclude-backfill", is_flag=True, help="Leave out findings from imported history.")
@click.option(
    "--ota-url-template",
    envvar="CLAUSEWATCH_OTA_URL_TEMPLATE",
    default=None,
    help="Link of an imported version, from {commit}, {service} and {document} (env "
    "CLAUSEWATCH_OTA_URL_TEMPLATE; default: the OTA GenAI versions repository on GitHub; "
    "'' for no link).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (default: stdout)."
)
@pass_ctx
@handle_errors
def report(
    ctx: Context,
    since,
    until,
    provider,
    topic,
    severity,
    statuses: tuple[str, ...],
    exclude_backfill: bool,
    ota_url_template: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Write the change report for legal teams: a table of contents, a summary by provider,
    topic and severity whose counts link to their findings, then each provider's findings,
    most severe first, with old and new clause side by side, the changed words marked, the
    triage status and source links. One self-contained file; in-page filters need no script.

    \b
    Example:
        clausewatch report --since 2025-01-01 -o report.html
        clausewatch report --severity high --exclude-backfill --status open -o triage.html
    """
    from .output.report import (
        DEFAULT_STATUSES,
        OTA_URL_TEMPLATE,
        build_report,
        write_report,
    )

    text = build_report(
        ctx.db,
        since=_parse_since(since),
        until=_parse_until(until),
        provider=_provider(ctx.db, provider),
        topic=topic,
        severity=severity,
        statuses=None if "all" in statuses else list(statuses or DEFAULT_STATUSES),
        exclude_backfill=exclude_backfill,
        fmt=fmt,
        base_url=ctx.alerts().report_url,
        ota_url_template=OTA_URL_TEMPLATE if ota_url_template is None else ota_url_template,
    )
    if output:
        write_report(output, text)
        if not ctx.quiet:
            click.echo(f"wrote {output}")
    else:
        click.echo(text)


@main.group(cls=GlobalOptionsGroup)
def alerts() -> None:
    """Alert deliveries: list them, retry failed ones, test a channel."""


@alerts.command("list")
@click.option("--channel", help="Only this channel (by name).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(DELIVERY_STATUSES),
    help="Only deliveries in this status (repeatable).",
)
@click.option("--all", "show_all", is_flag=True, help="Include skipped deliveries.")
@list_options(order="oldest")
@output_options
@pass_ctx
@handle_errors
def alerts_list(
    ctx: Context,
    channel: str | None,
    statuses: tuple[str, ...],
    show_all: bool,
    limit: int | None,
    order: str,
    out: Output,
) -> None:
    """List alert deliveries per finding and channel, with their status and errors.

    Without --status or --all, skipped deliveries are left out. The table starts with the
    configured channels: name, service and host (secrets masked) and filters.

    \b
    Example:
        clausewatch alerts list --channel legal-email --status failed
    """
    from .alerting.delivery import alert_rows, describe_channels

    if out.fmt == "table" and not ctx.quiet:
        for name, url, filters, digest, _backfill in describe_channels(ctx.alerts()):
            click.echo(f"channel {name}: {url} {filters}{' digest' if digest else ''}".rstrip())
    shown = row_limit(out, limit)
    status: Any = statuses or (None if show_all else SHOWN_STATUSES)
    columns, rows = alert_rows(
        ctx.db,
        channel=channel,
        status=status,
        limit=shown + 1 if shown else None,
        newest_first=order == "newest",
    )
    emit(columns, rows, out, shown)


@alerts.command("retry")
@click.argument("channel", required=False)
@click.option(
    "--include-uncertain",
    is_flag=True,
    help="Also resend deliveries whose sender died mid-send (receivers may see a duplicate, "
    "marked with the same idempotency key).",
)
@pass_ctx
@handle_errors
def alerts_retry(ctx: Context, channel: str | None, include_uncertain: bool) -> None:
    """Send failed deliveries now, ignoring their backoff.

    \b
    Example:
        clausewatch alerts retry legal-email
    """
    from .alerting.delivery import retry_deliveries

    delivery = retry_deliveries(ctx.db, ctx.alerts(), channel, include_uncertain=include_uncertain)
    for line in delivery.lines():
        click.echo(line)
    sys.exit(0 if delivery.ok else 1)


@alerts.command("test")
@click.argument("channel")
@pass_ctx
@handle_errors
def alerts_test(ctx: Context, channel: str) -> None:
    """Send a test message to one channel.

    \b
    Example:
        CLAUSEWATCH_ALERT_URLS=json://127.0.0.1:8080/hook clausewatch alerts test env-1
    """
    from .alerting.delivery import test_channel

    test_channel(ctx.alerts(), channel)
    click.echo(f"test message sent to {channel}")


@main.command()
@pass_ctx
@handle_errors
def schedule(ctx: Context) -> None:
    """Run the crawl on the catalog's cron schedules until SIGTERM or SIGINT.

    Each job calls the same run as `clausewatch crawl` (crawl, analyze, alert); a failing run
    is logged and the daemon goes on; a run that would overlap another is skipped.

    \b
    Example:
        clausewatch --db /srv/watch.duckdb schedule
    """
    from .pipelines.schedule import run_scheduler

    if not ctx.quiet and logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("clausewatch").setLevel(logging.INFO)  # a daemon logs each run
    alerts_config = ctx.alerts()
    sys.exit(run_scheduler(ctx.db, ctx.catalog(), run_kwargs={"alerts": alerts_config}))


@main.command()
@_only_option
@pass_ctx
@handle_errors
def reextract(ctx: Context, only: tuple[str, ...]) -> None:
    """Rebuild versions from their stored snapshots with the current parser and selectors.

    Versions whose text changes are updated and marked technical; the history is analyzed
    again and what that finds is recorded as technical findings, which never alert.

    \b
    Example:
        clausewatch reextract --only acme/privacy-policy
    """
    from .pipelines.lock import run_lock
    from .pipelines.reextract import reextract as rebuild
    from .watchers.catalog import select_documents

    cat = ctx.catalog()
    keys = [d.key for d in select_documents(cat, only)] if only else None
    with run_lock(ctx.db):
        result = rebuild(ctx.db, cat, keys)
    click.echo(
        f"{len(result.changed)} versions rebuilt, {result.unchanged} unchanged, "
        f"{len(result.skipped)} skipped; {len(result.analysis.finding_ids)} technical findings"
    )
    for version_id, why in result.skipped:
        click.echo(f"  skipped version {version_id}: {why}", err=True)


@main.command()
@click.option("--provider", help="Only this provider (id or name).")
@pass_ctx
@handle_errors
def reanalyze(ctx: Context, provider: str | None) -> None:
    """Read stored versions again with today's rules, after an upgrade changed them.

    Clauses and each document's comparison state are rebuilt from its first version; findings
    the new rules make are recorded as technical (never alerted); findings they no longer make
    are kept but marked superseded and leave `findings` and reports. Exit code 1 when a
    document could not be read (recorded in analysis_errors; the others are rebuilt).

    \b
    Example:
        clausewatch reanalyze --provider openai
    """
    from .pipelines.lock import run_lock
    from .pipelines.reanalyze import reanalyze as rebuild

    with run_lock(ctx.db):
        result = rebuild(ctx.db, _provider(ctx.db, provider))
    click.echo(
        f"{result.documents} documents read again with rules {result.rules_version}: "
        f"{result.appeared} findings appeared, {result.disappeared} disappeared (superseded)"
    )
    for document, message in result.analysis.errors:
        click.echo(f"  error {document}: {message} (recorded in analysis_errors)", err=True)
    sys.exit(1 if result.analysis.errors else 0)


@main.command()
@click.argument("text", required=False)
@click.option("--version", "version_id", type=int, help="Explain a stored version's clauses.")
@click.option("--all", "show_all", is_flag=True, help="Also list clauses that state no practice.")
@text_or_json
@pass_ctx
@handle_errors
def explain(
    ctx: Context, text: str | None, version_id: int | None, show_all: bool, fmt: str
) -> None:
    """Show what a text states: each statement, its fields and the rules that read it.

    TEXT is a sentence or a passage ("-" reads standard input); with --version the stored
    version's text is read instead. A clause that states no practice gets the reason why.

    \b
    Example:
        clausewatch explain "We may use your chats to train our models unless you opt out."
        clausewatch explain --version 42 --format json
    """
    from .output.statements import explain_lines, statement_records
    from .parsers.clauses import read_text

    if version_id is not None:
        from .store.versions import get_version

        version = get_version(ctx.db, version_id)
        if version is None:
            raise click.UsageError(f"no version {version_id}")
        text = version.text
    elif text == "-":
        text = sys.stdin.read()
    if not text or not text.strip():
        raise click.UsageError("give a TEXT to explain, '-' for standard input, or --version N")
    readings = read_text(text)
    if fmt == "json":
        click.echo(json.dumps(statement_records(readings), indent=2, ensure_ascii=False))
        if not any(r.statements for r in readings):
            click.echo("no statement: " + "; ".join(sorted({r.reason for r in readings})), err=True)
        return
    for line in explain_lines(readings, show_all=show_all or len(readings) == 1):
        click.echo(line)


@main.command("eval")
@click.argument("corpus", required=False, type=click.Path(file_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), help="Keep the findings JSONL here.")
@pass_ctx
@handle_errors
def eval_command(ctx: Context, corpus: str | None, out: str | None) -> None:
    """Score findings against the labeled Open Terms Archive GenAI history.

    Imports CORPUS/genai-versions.bundle (default ../shared/corpus/ota-genai) into a
    temporary database, exports the findings and scores them with the corpus's
    tools/score.py: per-topic precision, recall, F1, direction accuracy, false-alert rate.
    Skips (exit 0) when the corpus is absent. Not part of the test suite.

    \b
    Example:
        clausewatch eval ../shared/corpus/ota-genai --out findings.jsonl
    """
    from .pipelines.evaluate import evaluate, find_corpus

    found = find_corpus(corpus)
    if found is None:
        click.echo("skip: the OTA GenAI corpus was not found (give its folder as CORPUS)")
        return
    result = evaluate(found, out=out, progress=ctx.progress)
    click.echo(
        f"imported {result.versions} versions in {result.seconds:.1f} s "
        f"({result.versions / result.seconds:.1f} versions/s); {result.findings} findings; "
        f"{result.unreadable} edited clauses could not be read (not reported as removals)"
    )
    click.echo(result.parser)
    for key, value in result.scores.items():
        click.echo(f"{key}: {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
