"""No silent loss: an unexpected exception while handling one document is recorded, the
other documents are recorded, the run is not `ok` (exit 1), and a rerun without the fault
records the document once.

Faults are injected with CLAUSEWATCH_FAULT (clausewatch/faults.py), which the crawler child
process inherits, at each stage: fetch, extract, store, analyze (clause reading), alerts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from httpsite import FAST_SETTINGS
from test_alerts import config
from test_cli import POLICY_V1, POLICY_V2
from test_crawl import BODY, doc, page, write_catalog

from clausewatch.faults import FAULT_ENV
from clausewatch.pipelines.ota_import import import_ota
from clausewatch.pipelines.run import run_once
from clausewatch.store.versions import list_versions
from clausewatch.watchers.catalog import load_catalog

DOCS = ("terms", "privacy", "faq")
VICTIM = "quill/terms"


@pytest.fixture
def catalog(tmp_path, site) -> str:
    for name in DOCS:
        site.put(f"/{name}", page(name.title()))
    return write_catalog(tmp_path, site, "".join(doc(n.title(), f"/{n}") for n in DOCS))


def crawl(db, cat, alerts=None):
    return run_once(db, load_catalog(cat), settings=FAST_SETTINGS, alerts=alerts or config([]))


def rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(db, read_only=True) as con:
        return con.execute(sql).fetchall()


def versions_per_document(db) -> dict[str, int]:
    return dict(rows(db, "select document_key, count(*) from versions group by 1"))


@pytest.mark.parametrize("stage", ["fetch", "extract", "store"])
def test_a_fault_before_the_version_is_a_fetch_error_and_the_rerun_records_it_once(
    stage, catalog, db, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, f"{stage}@{VICTIM}")
    out = crawl(db, catalog)
    assert not out.ok and out.run.status == "partial"
    assert versions_per_document(db) == {"quill/privacy": 1, "quill/faq": 1}
    (failure,) = out.failures
    assert (failure.document, failure.reason, failure.stage) == (VICTIM, "internal_error", stage)
    assert f"InjectedFault: injected fault at {stage} ({VICTIM})" in failure.message
    assert "(at " in failure.message and ".py:" in failure.message  # the innermost frames
    stored = rows(db, "select document_key, reason, stage, message from fetch_errors")
    assert stored == [(VICTIM, "internal_error", stage, failure.message)]

    monkeypatch.delenv(FAULT_ENV)
    again = crawl(db, catalog)
    assert again.ok, again.failures
    assert versions_per_document(db) == {f"quill/{n}": 1 for n in DOCS}


def test_a_fault_while_reading_clauses_keeps_the_version_and_the_next_run_analyzes_it(
    catalog, db, monkeypatch
):
    monkeypatch.setenv(FAULT_ENV, f"analyze@{VICTIM}")
    out = crawl(db, catalog)
    assert not out.ok and out.failures == []
    assert len(out.errors) == 1 and VICTIM in out.errors[0] and "InjectedFault" in out.errors[0]
    assert "analysis or alert errors" in out.summary()
    assert versions_per_document(db) == {f"quill/{n}": 1 for n in DOCS}
    (run,) = rows(db, "select status from crawl_runs")
    assert run == ("partial",)
    ((document, version_id, stage, message),) = rows(
        db, "select document_key, version_id, stage, message from analysis_errors"
    )
    (victim_version,) = [v.id for v in list_versions(db, VICTIM)]
    assert (document, version_id, stage) == (VICTIM, victim_version, "analyze")
    assert "injected fault at analyze" in message and "(at " in message
    analyzed = {r[0] for r in rows(db, "select document_key from document_state")}
    assert analyzed == {"quill/privacy", "quill/faq"}

    monkeypatch.delenv(FAULT_ENV)
    again = crawl(db, catalog)
    assert again.ok
    analyzed = {r[0] for r in rows(db, "select document_key from document_state")}
    assert analyzed == {f"quill/{n}" for n in DOCS}
    assert versions_per_document(db) == {f"quill/{n}": 1 for n in DOCS}
    assert rows(db, f"select count(*) from clauses where version_id = {victim_version}")[0][0]


def _changed(site, period: str = "five years") -> None:
    """Retention grows on every page: one finding per document on the next crawl."""
    for name in DOCS:
        site.put(f"/{name}", page(name.title(), BODY.replace("thirty days", period)))


def test_a_fault_while_building_one_alert_fails_that_alert_only_and_it_is_sent_later(
    catalog, site, db, monkeypatch, webhook
):
    alerts = config([{"name": "hook", "url": webhook.url()}], backoff_seconds=0)
    assert crawl(db, catalog, alerts).ok  # baseline: no findings
    _changed(site)
    monkeypatch.setenv(FAULT_ENV, f"alerts@{VICTIM}")
    out = crawl(db, catalog, alerts)
    assert not out.ok and len(out.finding_ids) == 3
    assert len(out.delivery.failed) == 1 and len(out.delivery.sent) == 2
    assert len(webhook.posts) == 2
    failed = rows(
        db,
        "select f.document_key, d.status, d.error from deliveries d"
        " join findings f on f.id = d.finding_id where d.status <> 'sent'",
    )
    assert [(d, s) for d, s, _ in failed] == [(VICTIM, "failed")]
    assert "InjectedFault: injected fault at alerts" in failed[0][2]

    monkeypatch.delenv(FAULT_ENV)
    again = crawl(db, catalog, alerts)
    assert again.ok and len(again.delivery.sent) == 1
    assert len(webhook.posts) == 3  # the failed one, once; the two others not again
    assert rows(db, "select count(*) from deliveries where status = 'sent'") == [(3,)]


def test_a_crash_of_the_alert_pipeline_is_recorded_and_the_next_run_alerts(
    catalog, site, db, monkeypatch, webhook
):
    from clausewatch.pipelines import run

    alerts = config([{"name": "hook", "url": webhook.url()}])
    assert crawl(db, catalog, alerts).ok  # the channel's first run: nothing to alert yet
    _changed(site)

    def broken(*args, **kwargs):
        raise KeyError("channel state")

    monkeypatch.setattr(run, "deliver_alerts", broken)
    out = crawl(db, catalog, alerts)
    assert not out.ok and out.delivery is None and len(out.finding_ids) == 3
    assert rows(db, "select stage, document_key from analysis_errors") == [("alerts", None)]
    assert "KeyError" in rows(db, "select message from analysis_errors")[0][0]
    assert rows(db, "select status from crawl_runs order by id desc limit 1") == [("partial",)]

    monkeypatch.undo()
    again = crawl(db, catalog, alerts)
    # the channel was registered when it was first configured: these findings are its own,
    # not a baseline, although no alert pass got to plan them
    assert again.ok and len(again.delivery.sent) == 3 and len(webhook.posts) == 3


def test_crawl_exits_1_when_one_document_fails_unexpectedly(catalog, tmp_path):
    db = str(tmp_path / "cli.duckdb")
    cli = [sys.executable, "-m", "clausewatch.cli", "--catalog", catalog, "--db", db, "crawl"]
    env = {**__import__("os").environ, FAULT_ENV: f"extract@{VICTIM}"}
    proc = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "internal_error" in proc.stderr and "injected fault at extract" in proc.stderr
    assert versions_per_document(db) == {"quill/privacy": 1, "quill/faq": 1}


# --------------------------------------------------------------------------- import-ota


@pytest.fixture
def dataset(tmp_path) -> Path:
    root = tmp_path / "dataset"
    for service in ("Quill Chat", "Nimbus Minds"):
        folder = root / service / "Privacy Policy"
        folder.mkdir(parents=True)
        (folder / "2024-01-05T10-00-00Z.md").write_text(POLICY_V1)
        (folder / "2024-03-09T10-00-00Z.md").write_text(POLICY_V2)
    return root


@pytest.mark.parametrize("stage", ["read", "store", "analyze"])
def test_import_records_a_failing_document_and_imports_the_others(stage, dataset, db, monkeypatch):
    victim = "quill-chat/privacy-policy"
    monkeypatch.setenv(FAULT_ENV, f"{stage}@{victim}")
    report = import_ota(db, dataset, alerts=config([]))
    assert not report.ok and report.documents == 1
    assert versions_per_document(db) == {"nimbus-minds/privacy-policy": 2}
    (failure,) = report.failures
    assert (failure.document, failure.reason, failure.stage) == (victim, "internal_error", stage)
    assert rows(db, "select document_key, reason, stage from fetch_errors") == [
        (victim, "internal_error", stage)
    ]
    assert f"injected fault at {stage}" in failure.message
    assert rows(db, "select status from crawl_runs") == [("partial",)]
    # the rolled-back document left no findings, and none are reported for it
    assert {r[0] for r in rows(db, "select document_key from findings")} == {
        "nimbus-minds/privacy-policy"
    }
    assert len(report.analysis.finding_ids) == rows(db, "select count(*) from findings")[0][0]

    monkeypatch.delenv(FAULT_ENV)
    again = import_ota(db, dataset, alerts=config([]))
    assert again.ok and again.versions_new == 2
    assert versions_per_document(db) == {victim: 2, "nimbus-minds/privacy-policy": 2}
    per_doc = dict(rows(db, "select document_key, count(*) from findings group by 1"))
    assert per_doc[victim] == per_doc["nimbus-minds/privacy-policy"] > 0


def test_import_ota_exits_1_when_a_document_fails(dataset, tmp_path):
    import os

    db = str(tmp_path / "cli.duckdb")
    cli = [sys.executable, "-m", "clausewatch.cli", "--db", db, "import-ota", str(dataset)]
    env = {**os.environ, FAULT_ENV: "analyze@nimbus-minds/privacy-policy"}
    proc = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "import error nimbus-minds/privacy-policy: [internal_error]" in proc.stderr
    env.pop(FAULT_ENV)
    proc = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert versions_per_document(db) == {
        "nimbus-minds/privacy-policy": 2,
        "quill-chat/privacy-policy": 2,
    }


def test_reanalyze_records_a_failing_document_rebuilds_the_others_and_exits_1(
    dataset, db, monkeypatch
):
    from click.testing import CliRunner

    from clausewatch.cli import main

    assert import_ota(db, dataset, alerts=config([])).ok
    monkeypatch.setenv(FAULT_ENV, "analyze@quill-chat/privacy-policy")
    result = CliRunner().invoke(main, ["--db", db, "reanalyze"])
    assert result.exit_code == 1, result.output
    assert "1 documents read again" in result.output
    assert "injected fault at analyze" in result.output
    assert rows(db, "select document_key, stage from analysis_errors") == [
        ("quill-chat/privacy-policy", "analyze")
    ]
    monkeypatch.delenv(FAULT_ENV)
    again = CliRunner().invoke(main, ["--db", db, "reanalyze"])
    assert again.exit_code == 0 and "2 documents read again" in again.output
