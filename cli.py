"""clausewatch command line: parses arguments, calls one pipeline function, formats the result.

Exit codes: 0 success (all documents fetched), 1 some documents failed, 2 usage or
configuration error, 3 another run holds the lock, 4 store error.
"""

from __future__ import annotations

import logging

import click
from click.core import ParameterSource

from . import __version__
from .commands import alerts, catalog, database, explain, findings, history, report, watch
from .commands.common import DELIVERY_STATUSES, Context, GlobalOptionsGroup, setup_logging

# DELIVERY_STATUSES: re-exported; the commands live in commands/, grouped by job
__all__ = ["DELIVERY_STATUSES", "main"]

log = logging.getLogger("clausewatch")


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
    setup_logging(verbose, quiet)
    explicit = ctx.get_parameter_source("db") in (
        ParameterSource.COMMANDLINE,
        ParameterSource.ENVIRONMENT,
    )
    ctx.obj = Context(db, catalog, quiet, alerts_path, verbose=verbose, db_explicit=explicit)


# In the order they were written; `--help` lists them by name.
main.add_command(database.init)
main.add_command(watch.crawl)
main.add_command(history.versions)
main.add_command(history.show)
main.add_command(database.query)
main.add_command(database.schema)
main.add_command(database.export)
main.add_command(findings.findings)
main.add_command(findings.finding_command)
main.add_command(history.clauses)
main.add_command(history.import_ota_command)
main.add_command(watch.demo)
main.add_command(catalog.catalog)
main.add_command(report.report)
main.add_command(alerts.alerts)
main.add_command(watch.schedule)
main.add_command(history.reextract)
main.add_command(history.reanalyze)
main.add_command(explain.explain)
main.add_command(explain.eval_command)


if __name__ == "__main__":  # pragma: no cover
    main()
