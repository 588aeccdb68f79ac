"""Statements and rule ids end to end: import a small history, then read them back.

The history is a fictional provider's privacy policy in an OTA-layout git repository made here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_ota_source import git

from clausewatch.cli import main

V1 = """# Privacy Policy

## Training

We do not use your conversations to train our models.

## Retention

We keep your chats for 30 days.
"""

V2 = """# Privacy Policy

## Training

We may use your conversations to train our models unless you opt out in Settings.

## Retention

We keep your chats for 30 days.
"""


@pytest.fixture()
def imported(tmp_path: Path) -> Path:
    root = tmp_path / "versions"
    (root / "Nimbus Minds").mkdir(parents=True)
    git(root, "init", "-q")
    for text, when in ((V1, "2025-01-01T00:00:00+00:00"), (V2, "2025-03-01T00:00:00+00:00")):
        (root / "Nimbus Minds" / "Privacy Policy.md").write_text(text)
        git(root, "add", ".")
        git(root, "commit", "-qm", "update", when=when)
    db = tmp_path / "cw.duckdb"
    res = CliRunner().invoke(main, ["--db", str(db), "-q", "import-ota", str(root)])
    assert res.exit_code == 0, res.output
    return db


def _run(db: Path, *args: str):
    res = CliRunner().invoke(main, ["--db", str(db), *args])
    assert res.exit_code == 0, res.output
    return res


def test_findings_carry_the_rule_ids_and_statements_behind_them(imported: Path):
    rows = json.loads(_run(imported, "findings", "--format", "json").stdout)
    training = [r for r in rows if r["topic"] == "training_use"]
    assert training, rows
    f = training[0]
    assert f["direction"] == "broader"
    assert "training.use_to_train" in f["rule_ids"]
    assert "training.condition.opt_out" in f["rule_ids"]
    new = f["statements"]["new"]
    assert [(s["action"], s["polarity"], s["condition"]) for s in new] == [
        ("train", "permitted", "opt_out")
    ]
    assert [s["polarity"] for s in f["statements"]["old"]] == ["prohibited"]


def test_clauses_json_exposes_statements(imported: Path):
    rows = json.loads(_run(imported, "clauses", "--format", "json").stdout)
    kept = [r for r in rows if "retention" in r["topics"]]
    assert kept and kept[0]["statements"][0]["duration"]["days"] == 30
    assert kept[0]["statements"][0]["rule_ids"] == ["retention.duration"]


def test_finding_command_shows_one_finding_with_its_rules(imported: Path):
    rows = json.loads(_run(imported, "findings", "--format", "json").stdout)
    fid = next(r["id"] for r in rows if r["topic"] == "training_use")
    out = _run(imported, "finding", str(fid)).output
    assert "training.use_to_train" in out and "new statements:" in out
    assert "unless you opt out" in out
    got = json.loads(_run(imported, "finding", str(fid), "--format", "json").stdout)
    assert got["id"] == fid and got["rule_ids"]


def test_finding_command_rejects_an_unknown_id(imported: Path):
    res = CliRunner().invoke(main, ["--db", str(imported), "finding", "999999"])
    assert res.exit_code == 2 and "no finding" in res.output
