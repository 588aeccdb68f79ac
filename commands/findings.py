"""Findings: list them, triage them (ack, dismiss, reopen, history, export-dismissed) and
show one in full (`clausewatch finding`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import click

from .common import (
    REVIEW_STATUSES,
    Context,
    GlobalOptionsGroup,
    Output,
    emit,
    handle_errors,
    list_options,
    output_options,
    parse_since,
    parse_until,
    pass_ctx,
    provider_id,
    row_limit,
    text_or_json,
)


@click.group(cls=GlobalOptionsGroup, invoke_without_command=True)
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
    from ..store.findings import list_findings

    shown = row_limit(out, limit)
    rows = list_findings(
        ctx.db,
        since=parse_since(since),
        until=parse_until(until),
        topic=topic,
        min_severity=severity,
        provider=provider_id(ctx.db, provider),
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
    from ..output.findings import FINDING_COLUMNS, finding_record

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
    from ..store.db import migrate
    from ..store.reviews import default_reviewer, review_finding

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
    from ..store.reviews import review_history

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
    from ..output.findings import DISMISSED_COLUMNS, finding_record
    from ..output.tables import render_lines
    from ..store.findings import list_findings

    rows = list_findings(ctx.db, statuses=["dismissed"], include_technical=True)
    columns, records = DISMISSED_COLUMNS, [finding_record(f, DISMISSED_COLUMNS) for f in rows]
    lines = render_lines(columns, records, "jsonl")
    if output:
        from ..output.report import write_report

        write_report(output, "".join(lines))
        if not ctx.quiet:
            click.echo(f"wrote {len(rows)} dismissed findings to {output}")
    else:
        for line in lines:
            click.echo(line, nl=False)


@click.command("finding")
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

    from ..output.findings import finding_dict, finding_lines
    from ..output.tables import plain
    from ..store.findings import list_findings

    rows = list_findings(ctx.db, ids=[finding_id], include_technical=True, include_duplicates=True)
    if not rows:
        raise click.UsageError(f"no finding {finding_id}")
    if fmt == "json":
        record = plain(finding_dict(rows[0]))
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    for line in finding_lines(rows[0]):
        click.echo(line)
    from ..store.reviews import review_history

    events = review_history(ctx.db, finding_id)
    if events:
        click.echo("review history:")
    for e in events:
        by = f" by {e.reviewer}" if e.reviewer else ""
        note = f": {e.note}" if e.note else ""
        click.echo(f"  {e.reviewed_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC {e.action}{by}{note}")
