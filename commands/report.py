"""The change report for legal teams."""

from __future__ import annotations

import click

from .common import (
    REVIEW_STATUSES,
    Context,
    handle_errors,
    parse_since,
    parse_until,
    pass_ctx,
    provider_id,
)


@click.command()
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
    from ..output.report import (
        DEFAULT_STATUSES,
        OTA_URL_TEMPLATE,
        build_report,
        write_report,
    )

    text = build_report(
        ctx.db,
        since=parse_since(since),
        until=parse_until(until),
        provider=provider_id(ctx.db, provider),
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
