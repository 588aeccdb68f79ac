"""What the commands share: the context object, error handling, the global options every
command also accepts, the output and list options, and the parsing of common arguments.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import click
from click.core import ParameterSource

from ..errors import ClauseWatchError, ConfigError


def setup_logging(verbose: int, quiet: bool) -> None:
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
        from ..alerting.config import load_alert_config

        return load_alert_config(self.alerts_path)

    @property
    def progress(self) -> bool:
        """Progress bars only for a person at a terminal; cron gets clean logs."""
        return not self.quiet and sys.stderr.isatty()

    def catalog(self):
        from ..watchers.catalog import load_catalog

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
    from ..output.tables import render_lines

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
        setup_logging(obj.verbose, obj.quiet)
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


def only_option(fn: Callable) -> Callable:
    return click.option(
        "--only",
        multiple=True,
        metavar="PROVIDER[/DOCUMENT]",
        help="Restrict to a provider or one document (repeatable).",
    )(fn)


def print_delivery(delivery, quiet: bool) -> None:
    if delivery is None or not delivery.channels:
        return
    head, *problems = delivery.lines()
    if not quiet:
        click.echo(head)
    for line in problems:
        click.echo(line, err=True)


def provider_id(db: str, value: str | None) -> str | None:
    """A provider given by id or display name ("OpenAI", "Claude.ai"), as its id."""
    if not value:
        return None
    from ..store.versions import resolve_provider

    return resolve_provider(db, value)


def target_key(db: str, value: str | None) -> str | None:
    """PROVIDER or PROVIDER/DOCUMENT, the provider by id or display name."""
    if not value:
        return None
    provider, sep, document = value.partition("/")
    return provider_id(db, provider) + sep + document  # type: ignore[operator]


def parse_since(value: str | None):
    if not value:
        return None
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since {value!r}: expected a date like 2025-01-31") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_until(value: str | None):
    """--until DATE keeps that whole day: the bound is exclusive, the next midnight."""
    if not value:
        return None
    from datetime import timedelta

    try:
        parsed = parse_since(value)
    except ConfigError:
        raise ConfigError(f"--until {value!r}: expected a date like 2025-12-31") from None
    return parsed + timedelta(days=1) if len(value) == 10 else parsed


REVIEW_STATUSES = ("open", "acked", "dismissed")
