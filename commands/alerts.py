"""Alert deliveries: list, retry, test a channel."""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import (
    DELIVERY_STATUSES,
    SHOWN_STATUSES,
    Context,
    GlobalOptionsGroup,
    Output,
    emit,
    handle_errors,
    list_options,
    output_options,
    pass_ctx,
    row_limit,
)


@click.group(cls=GlobalOptionsGroup)
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
    from ..alerting.delivery import alert_rows, describe_channels

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
    from ..alerting.delivery import retry_deliveries

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
    from ..alerting.delivery import test_channel

    test_channel(ctx.alerts(), channel)
    click.echo(f"test message sent to {channel}")
