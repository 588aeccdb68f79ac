"""clausewatch command line: parses arguments, calls one pipeline function, formats the result.

Exit codes: 0 success (all documents fetched), 1 some documents failed, 2 usage or
configuration error, 3 another run holds the lock, 4 store error.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
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
        from .pipelines.alert_config import load_alert_config

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


def output_options(fn: Callable) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "jsonl", "csv"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(fn)


def emit(columns, rows, fmt: str) -> None:
    from .pipelines.output import render

    if fmt == "table" and not rows:
        click.echo("(no rows)")
        return
    click.echo(render(columns, rows, fmt))


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
    run = outcome.run
    if not quiet:
        click.echo(
            f"run {run.id}: {run.documents} documents, {run.new_versions} new versions, "
            f"{len(outcome.failures)} fetch errors"
        )
        if outcome.finding_ids:
            click.echo(f"{len(outcome.finding_ids)} new material findings (`clausewatch findings`)")
    for f in outcome.failures:
        click.echo(f"  fetch error {f.document}: [{f.reason}] {f.message}", err=True)
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
@output_options
@pass_ctx
@handle_errors
def versions(ctx: Context, document: str | None, fmt: str) -> None:
    """List recorded versions, newest first (optionally of one PROVIDER or PROVIDER/DOCUMENT).

    \b
    Example:
        clausewatch versions acme/privacy-policy --format json
    """
    from .store.versions import list_versions

    rows = [
        (v.id, v.document, v.first_seen, v.last_seen, len(v.text), v.sha256[:12], v.commit)
        for v in list_versions(ctx.db, document)
    ]
    emit(["id", "document", "first_seen", "last_seen", "chars", "sha256", "commit"], rows, fmt)


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
    from .pipelines.textdiff import unified_diff
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
@click.argument("sql")
@output_options
@pass_ctx
@handle_errors
def query(ctx: Context, sql: str, fmt: str) -> None:
    """Run read-only SQL on the database (works while a crawl runs).

    Views: latest_versions, version_history, current_clauses, findings_timeline,
    recent_fetch_errors. Tables: providers, documents, snapshots, versions, clauses,
    findings, fetch_errors, crawl_runs, deliveries.

    \b
    Example:
        clausewatch query "select provider, topic, count(*) from current_clauses group by all"
    """
    from .store.query import run_query

    columns, rows = run_query(ctx.db, sql)
    if columns:
        emit(columns, rows, fmt)


def _excerpt(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _parse_since(value: str | None):
    if not value:
        return None
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since {value!r}: expected a date like 2025-01-31") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@main.command()
@click.option("--since", help="Only findings recorded on or after this date (YYYY-MM-DD).")
@click.option("--topic", type=click.Choice(["training_use", "retention", "sharing"]))
@click.option(
    "--severity",
    type=click.Choice(["critical", "high", "medium", "low"]),
    help="Minimum severity.",
)
@click.option("--provider", help="Only this provider (id).")
@output_options
@pass_ctx
@handle_errors
def findings(ctx: Context, since, topic, severity, provider, fmt: str) -> None:
    """List material findings, oldest first.

    JSONL records carry service, document, recorded_at (UTC), commit (OTA imports), topic,
    direction, severity, summary, old_text and new_text, plus ids and evidence.

    \b
    Example:
        clausewatch findings --since 2025-01-01 --severity high --format jsonl
    """
    from .store.findings import list_findings

    rows = list_findings(
        ctx.db, since=_parse_since(since), topic=topic, min_severity=severity, provider=provider
    )
    if fmt == "table":
        emit(
            ["id", "recorded_at", "document", "topic", "direction", "severity", "summary"],
            [
                (f.id, f.recorded_at, f.document, f.topic, f.direction, f.severity, f.summary)
                for f in rows
            ],
            fmt,
        )
        return
    from .pipelines.output import FINDING_COLUMNS, finding_record

    emit(FINDING_COLUMNS, [finding_record(f) for f in rows], fmt)


@main.command()
@click.argument("target", required=False, metavar="[PROVIDER[/DOCUMENT]]")
@click.option("--topic", type=click.Choice(["training_use", "retention", "sharing"]))
@output_options
@pass_ctx
@handle_errors
def clauses(ctx: Context, target: str | None, topic: str | None, fmt: str) -> None:
    """Show the current clauses about training use, retention and sharing, with their facts.

    \b
    Example:
        clausewatch clauses acme/privacy-policy --topic retention
    """
    from .store.findings import list_clauses

    rows = list_clauses(ctx.db, target, topic)
    columns = ["provider", "document", "type", "position", "section", "text", "topics", "facts"]
    if fmt == "table":
        emit(
            ["document", "section", "topics", "text"], [(r[1], r[4], r[6], r[5]) for r in rows], fmt
        )
        return
    emit(columns, rows, fmt)


@main.command("import-ota")
@click.argument("path", type=click.Path(exists=True))
@pass_ctx
@handle_errors
def import_ota_command(ctx: Context, path: str) -> None:
    """Backfill history from an Open Terms Archive versions repository.

    PATH is a git clone (or bundle) of a versions repository, or a dataset folder or zip
    (Service/Document type/YYYY-MM-DDTHH-MM-SSZ.md). Resumable and idempotent: run it again
    to continue or to pick up new versions. Findings are marked as backfill.

    \b
    Example:
        clausewatch import-ota ~/ota/genai-versions
    """
    from .pipelines.ota_import import import_ota

    report = import_ota(ctx.db, path, progress=ctx.progress, alerts=ctx.alerts())
    _print_delivery(report.delivery, ctx.quiet)
    if not ctx.quiet:
        click.echo(
            f"imported {report.versions_new} new versions ({report.versions_seen} seen) of "
            f"{report.documents} documents; {len(report.analysis.finding_ids)} findings, "
            f"{len(report.analysis.anomalies)} anomalous captures skipped"
        )


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
    from .pipelines.demo import run_demo

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
@click.option("--provider", help="Only this provider (id).")
@output_options
@pass_ctx
@handle_errors
def catalog_list(ctx: Context, provider: str | None, fmt: str) -> None:
    """List the catalog's documents (the built-in catalog unless --catalog is given).

    \b
    Example:
        clausewatch catalog list --provider anthropic
    """
    cat = ctx.catalog()
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
    emit(["document", "type", "urls", "browser", "checked", "verified_offline"], rows, fmt)


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
@click.option("--provider", "providers", multiple=True, help="Only this provider (repeatable).")
@output_options
@pass_ctx
@handle_errors
def catalog_check(ctx: Context, providers: tuple[str, ...], fmt: str) -> None:
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
        fmt,
    )
    sys.exit(0 if all(c.ok for c in checks) else 1)


@main.command()
@click.option("--since", help="Only findings recorded on or after this date (YYYY-MM-DD).")
@click.option("--provider", help="Only this provider (id).")
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (default: stdout)."
)
@pass_ctx
@handle_errors
def report(ctx: Context, since, provider, fmt: str, output: str | None) -> None:
    """Write the change report for legal teams: a summary of findings by provider, topic and
    severity, each finding's old and new clause side by side with the changed words marked,
    evidence and source links, and a per-provider timeline. One self-contained file.

    \b
    Example:
        clausewatch report --since 2025-01-01 -o report.html
    """
    from .pipelines.report import build_report, write_report

    text = build_report(
        ctx.db,
        since=_parse_since(since),
        provider=provider,
        fmt=fmt,
        base_url=ctx.alerts().report_url,
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
@click.option("--all", "show_all", is_flag=True, help="Include skipped deliveries.")
@output_options
@pass_ctx
@handle_errors
def alerts_list(ctx: Context, channel: str | None, show_all: bool, fmt: str) -> None:
    """List alert deliveries per finding and channel, with their status and errors.

    \b
    Example:
        clausewatch alerts list --channel legal-email
    """
    from .pipelines.alerts import alert_rows, describe_channels

    if fmt == "table" and not ctx.quiet:
        for name, url, filters, digest, _backfill in describe_channels(ctx.alerts()):
            click.echo(f"channel {name}: {url} {filters}{' digest' if digest else ''}")
    if show_all:
        columns, rows = alert_rows(ctx.db, channel=channel, status=None)
    else:
        columns, rows = alert_rows(ctx.db, channel=channel)
    emit(columns, rows, fmt)


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
    from .pipelines.alerts import retry_deliveries

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
    from .pipelines.alerts import test_channel

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
        f"({result.versions / result.seconds:.1f} versions/s); {result.findings} findings"
    )
    for key, value in result.scores.items():
        click.echo(f"{key}: {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
