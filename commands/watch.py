"""The watch job: crawl once, run it on a schedule, or run the offline demo."""

from __future__ import annotations

import logging
import sys

import click

from .common import (
    Context,
    handle_errors,
    only_option,
    pass_ctx,
    print_delivery,
)


@click.command()
@only_option
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
    from ..pipelines.run import run_once

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
    print_delivery(outcome.delivery, quiet)


@click.command()
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
    from ..demo.run import run_demo

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
    print_delivery(result.second.delivery, ctx.quiet)
    sys.exit(0 if result.first.ok and result.second.ok else 1)


def _excerpt(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
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
    from ..pipelines.schedule import run_scheduler

    if not ctx.quiet and logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("clausewatch").setLevel(logging.INFO)  # a daemon logs each run
    alerts_config = ctx.alerts()
    sys.exit(run_scheduler(ctx.db, ctx.catalog(), run_kwargs={"alerts": alerts_config}))
