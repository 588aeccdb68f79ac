"""The recorded history: versions and their text, current clauses, the OTA backfill, and
rebuilding versions (reextract) or findings (reanalyze) after an upgrade.
"""

from __future__ import annotations

import sys

import click

from ..errors import ConfigError
from .common import (
    Context,
    Output,
    emit,
    handle_errors,
    list_options,
    only_option,
    output_options,
    pass_ctx,
    print_delivery,
    provider_id,
    row_limit,
    target_key,
)


@click.command()
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
    from ..store.versions import list_versions, version_fetchers

    shown = row_limit(out, limit)
    found = list_versions(
        ctx.db,
        target_key(ctx.db, document),
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


@click.command()
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
    from ..output.worddiff import unified_diff
    from ..store.versions import get_version, previous_version

    version = get_version(ctx.db, version_id)
    if version is None:
        raise ConfigError(f"no version {version_id}; list them with `clausewatch versions`")
    if not show_diff:
        click.echo(version.text, nl=False)
        return
    prev = previous_version(ctx.db, version)
    click.echo(unified_diff(prev.text if prev else "", version.text, prev, version))


@click.command()
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
    from ..store.findings import list_clauses

    shown = row_limit(out, limit)
    rows = list_clauses(
        ctx.db, target_key(ctx.db, target), topic, limit=shown + 1 if shown else None
    )
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


@click.command("import-ota")
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
    from ..pipelines.ota_import import import_ota

    report = import_ota(
        ctx.db, path, progress=ctx.progress, alerts=ctx.alerts(), catalog=ctx.catalog()
    )
    print_delivery(report.delivery, ctx.quiet)
    if not ctx.quiet:
        click.echo(report.summary())
        if report.not_in_catalog:
            click.echo(report.unmapped())
    for f in report.failures:
        click.echo(f"  import error {f.document}: [{f.reason}] {f.message}", err=True)
    for line in report.errors:
        click.echo(f"  error {line} (recorded in analysis_errors; the next run retries)", err=True)
    sys.exit(0 if report.ok else 1)


@click.command()
@only_option
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
    from ..pipelines.lock import run_lock
    from ..pipelines.reextract import reextract as rebuild
    from ..watchers.catalog import select_documents

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


@click.command()
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
    from ..pipelines.lock import run_lock
    from ..pipelines.reanalyze import reanalyze as rebuild

    with run_lock(ctx.db):
        result = rebuild(ctx.db, provider_id(ctx.db, provider))
    click.echo(
        f"{result.documents} documents read again with rules {result.rules_version}: "
        f"{result.appeared} findings appeared, {result.disappeared} disappeared (superseded)"
    )
    for document, message in result.analysis.errors:
        click.echo(f"  error {document}: {message} (recorded in analysis_errors)", err=True)
    sys.exit(1 if result.analysis.errors else 0)
