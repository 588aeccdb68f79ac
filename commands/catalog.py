"""The catalog of watched documents: list, validate, check."""

from __future__ import annotations

import sys

import click

from ..errors import ConfigError
from .common import (
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
        from ..watchers.catalog import find_provider

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
    from ..watchers.catalog import validate_catalog_file

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
    from ..pipelines.catalog_check import check_catalog
    from ..watchers.catalog import select_documents

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
