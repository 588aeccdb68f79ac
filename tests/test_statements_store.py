"""Statements and rule ids end to end: import a small history, then read them back.

The history is a fictional provider's privacy policy in an OTA-layout git repository made here.
"""

from __future__ import annotations

import dataclasses
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


def test_reanalyze_after_a_rules_change_supersedes_what_the_rules_no_longer_find(
    imported: Path, monkeypatch
):
    from clausewatch.pipelines import analyze, reanalyze
    from clausewatch.store.db import reader

    # the same rules: nothing appears or disappears, and the rows carry the rules version
    out = _run(imported, "reanalyze").output
    assert "0 findings appeared, 0 disappeared" in out
    with reader(str(imported)) as con:
        versions = {r[0] for r in con.execute("SELECT rules_version FROM findings").fetchall()}
        state = con.execute("SELECT DISTINCT rules_version FROM document_state").fetchall()
    from clausewatch.statements.version import RULES_VERSION

    assert versions == {RULES_VERSION} and state == [(RULES_VERSION,)]
    # new rules that no longer read the training change
    real = analyze.compare_versions

    def no_training(*args, **kwargs):
        cmp = real(*args, **kwargs)
        kept = [f for f in cmp.findings if f.topic != "training_use"]
        return dataclasses.replace(cmp, findings=kept)

    monkeypatch.setattr(analyze, "compare_versions", no_training)
    monkeypatch.setattr(analyze, "RULES_VERSION", "new-rules")
    monkeypatch.setattr(reanalyze, "RULES_VERSION", "new-rules")
    out = _run(imported, "reanalyze").output
    assert "1 findings appeared" not in out and "1 disappeared" in out
    rows = json.loads(_run(imported, "findings", "--format", "json").stdout)
    assert not [r for r in rows if r["topic"] == "training_use"]


def test_the_rules_version_follows_every_rule_file(tmp_path: Path):
    import shutil

    from clausewatch.statements.version import _ROOT, RULES_VERSION, rules_version

    for sub in ("statements", "parsers", "detection"):
        shutil.copytree(_ROOT / sub, tmp_path / sub)
    (tmp_path / "models" / "en_clausewatch_ewt").mkdir(parents=True)
    shutil.copy(
        _ROOT / "models/en_clausewatch_ewt/meta.json", tmp_path / "models/en_clausewatch_ewt"
    )
    assert rules_version(tmp_path) == RULES_VERSION
    lexicon = tmp_path / "statements" / "lexicon.py"
    lexicon.write_text(lexicon.read_text() + "\n# a new word\n")
    assert rules_version(tmp_path) != RULES_VERSION


def test_every_module_that_words_or_decides_a_finding_changes_the_rules_version(tmp_path: Path):
    """A module split out of the comparison (phrases, quotes) still decides what findings say."""
    import shutil

    from clausewatch.statements.version import _ROOT, rules_version

    for sub in ("statements", "parsers", "detection"):
        shutil.copytree(_ROOT / sub, tmp_path / sub)
    (tmp_path / "models" / "en_clausewatch_ewt").mkdir(parents=True)
    shutil.copy(
        _ROOT / "models/en_clausewatch_ewt/meta.json", tmp_path / "models/en_clausewatch_ewt"
    )
    for module in sorted((tmp_path / "detection").glob("*.py")):
        before = rules_version(tmp_path)
        module.write_text(module.read_text() + "\n# a change\n")
        assert rules_version(tmp_path) != before, module.name
