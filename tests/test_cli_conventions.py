"""CLI conventions shared by every command: global options anywhere, output formats, limits."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from findings_factory import seeded_db

from clausewatch.cli import main

SPECS = {
    "train": {},  # nimbus (Nimbus Minds) privacy policy, training use broader, high
    "keep": {
        "provider": "quill",
        "document": "terms",
        "doc_type": "terms",
        "topic": "retention",
        "kind": "retention_longer",
        "severity": "medium",
        "old_text": "We keep API inputs for 30 days.",
        "new_text": "We keep API inputs for 5 years.",
        "summary": "API inputs are now kept for 5 years instead of 30 days.",
    },
    "share": {
        "provider": "quill",
        "topic": "sharing",
        "kind": "sharing_new_party",
        "severity": "critical",
        "summary": "Conversations are now shared with advertising partners.",
    },
}


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("templates")


@pytest.fixture
def seeded(template_dir, tmp_path):
    target = tmp_path / "seeded.duckdb"
    _, ids = seeded_db(template_dir, target, "conventions", SPECS)
    return str(target), ids


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_global_options_work_after_the_command(seeded):
    db, ids = seeded
    before = run("--db", db, "findings", "--format", "json")
    after = run("findings", "--format", "json", "--db", db)
    assert after.exit_code == 0, after.output
    assert json.loads(after.output) == json.loads(before.output)
    assert {f["id"] for f in json.loads(after.output)} == set(ids.values())


def test_global_options_after_a_subgroup_command(seeded, tmp_path):
    db, _ = seeded
    result = run("alerts", "list", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    catalog = tmp_path / "cat.toml"
    catalog.write_text(
        '[providers.acme]\nname = "Acme"\n\n[[providers.acme.documents]]\nname = "Terms"\n'
        'type = "terms"\nurl = "https://acme.example/terms"\n'
    )
    listed = run("catalog", "list", "--format", "json", "--catalog", str(catalog))
    assert listed.exit_code == 0, listed.output
    assert [r["document"] for r in json.loads(listed.output)] == ["acme/terms"]


def test_the_option_after_the_command_wins(seeded, tmp_path):
    db, _ = seeded
    result = run("--db", str(tmp_path / "missing.duckdb"), "findings", "--db", db)
    assert result.exit_code == 0, result.output
    missing = run("--db", db, "findings", "--db", str(tmp_path / "missing.duckdb"))
    assert missing.exit_code == 4 and "does not exist" in missing.output


def test_init_with_db_after_the_command_creates_that_file(tmp_path):
    db = tmp_path / "later.duckdb"
    result = run("init", "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    assert db.exists() and "schema version" in result.output
