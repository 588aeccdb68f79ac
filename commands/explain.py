"""How the rules read text: explain a passage, score the findings on the OTA corpus."""

from __future__ import annotations

import json
import sys

import click

from .common import (
    Context,
    handle_errors,
    pass_ctx,
    text_or_json,
)


@click.command()
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
    from ..output.statements import explain_lines, statement_records
    from ..parsers.clauses import read_text

    if version_id is not None:
        from ..store.versions import get_version

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


@click.command("eval")
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
    from ..pipelines.evaluate import evaluate, find_corpus

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
