"""Triage: ack, dismiss (with a note), reopen; the status in listings, alerts and the export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from findings_factory import RETENTION_SPEC, seeded_db
from test_alerts import config

from clausewatch.alerting import delivery as alerts
from clausewatch.cli import main
from clausewatch.errors import ConfigError
from clausewatch.store.deliveries import list_deliveries
from clausewatch.store.findings import list_findings
from clausewatch.store.reviews import review_finding, review_history

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SPECS = {
    "train": {},
    "keep": RETENTION_SPEC,
    "low": {"severity": "low", "kind": "a", "summary": "Small wording change."},
    "old": {"backfill": True, "kind": "b", "summary": "From history."},
}


@pytest.fixture
def seeded(tmp_path, tmp_path_factory):
    return seeded_db(tmp_path_factory.getbasetemp(), tmp_path / "t.duckdb", "triage", SPECS)


def status_of(db: str) -> dict[int, str]:
    return {f.id: f.status for f in list_findings(db)}


def test_ack_dismiss_reopen_keep_status_note_and_history(seeded):
    f, ids = seeded
    assert set(status_of(f.db).values()) == {"open"}
    got = review_finding(f.db, ids["low"], "dismiss", note="  wording only,\n same practice ")
    assert got.changed and (got.previous, got.status) == ("open", "dismissed")
    row = list_findings(f.db, ids=[ids["low"]])[0]
    assert row.status == "dismissed" and row.review_note == "wording only, same practice"
    # Repeating it changes nothing and writes no history; a new note is recorded.
    assert not review_finding(
        f.db, ids["low"], "dismiss", note="wording only, same practice"
    ).changed
    assert review_finding(f.db, ids["low"], "dismiss", note="checked with counsel").changed
    review_finding(f.db, ids["keep"], "ack", reviewer="dana", at=NOW)
    assert review_finding(f.db, ids["low"], "reopen").changed
    assert not review_finding(f.db, ids["low"], "reopen").changed
    assert status_of(f.db) == {
        ids["train"]: "open",
        ids["keep"]: "acked",
        ids["low"]: "open",
        ids["old"]: "open",
    }
    history = review_history(f.db, ids["low"])
    assert [(e.action, e.status) for e in history] == [
        ("dismiss", "dismissed"),
        ("dismiss", "dismissed"),
        ("reopen", "open"),
    ]
    assert history[1].note == "checked with counsel"
    assert [(e.reviewer, e.reviewed_at) for e in review_history(f.db, ids["keep"])] == [
        ("dana", NOW)
    ]


def test_dismiss_needs_a_note_and_an_existing_finding(seeded):
    f, ids = seeded
    for note in (None, "", "   "):
        with pytest.raises(ConfigError, match="needs --note"):
            review_finding(f.db, ids["low"], "dismiss", note=note)
    with pytest.raises(ConfigError, match="no finding 9999"):
        review_finding(f.db, 9999, "ack")
    assert review_history(f.db) == []


def test_status_filter_and_backfill_filter(seeded):
    f, ids = seeded
    review_finding(f.db, ids["low"], "dismiss", note="not material")
    review_finding(f.db, ids["keep"], "ack")
    assert {r.id for r in list_findings(f.db, statuses=["dismissed"])} == {ids["low"]}
    assert {r.id for r in list_findings(f.db, statuses=["open", "acked"])} == {
        ids["train"],
        ids["keep"],
        ids["old"],
    }
    assert ids["old"] not in {r.id for r in list_findings(f.db, include_backfill=False)}


def test_dismissed_findings_are_not_alerted_nor_is_the_same_change_again(seeded, webhook):
    f, ids = seeded
    cfg = config([{"name": "hook", "url": webhook.url()}], backoff_seconds=60)
    review_finding(f.db, ids["low"], "dismiss", note="not material")
    alerts.deliver_alerts(f.db, cfg, finding_ids=[ids["low"], ids["train"]], now=NOW)
    assert len(webhook.posts) == 1 and "Small wording" not in webhook.posts[0][2]["message"]
    low = list_deliveries(f.db, finding_ids=[ids["low"]])[0]
    assert low.status == "skipped" and low.error == "dismissed in triage"

    # The same change found again (a re-analysis) under a new id: not alerted either.
    again = f.add(severity="low", kind="a", summary="Small wording change.")
    alerts.deliver_alerts(f.db, cfg, finding_ids=[again], now=NOW)
    assert len(webhook.posts) == 1
    assert f"as finding {ids['low']}" in list_deliveries(f.db, finding_ids=[again])[0].error

    # A failing delivery dismissed before its retry is dropped, never sent.
    webhook.failing = True
    later = f.add(kind="later", summary="A later change.")
    alerts.deliver_alerts(f.db, cfg, finding_ids=[later], now=NOW)
    assert list_deliveries(f.db, finding_ids=[later])[0].status == "failed"
    assert len(webhook.posts) == 2
    got = review_finding(f.db, later, "dismiss", note="known, accepted")
    assert got.deliveries_skipped == 1
    webhook.failing = False
    alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(hours=1))
    assert len(webhook.posts) == 2
    assert list_deliveries(f.db, finding_ids=[later])[0].status == "skipped"


def test_acked_status_is_shown_in_alert_messages(seeded, webhook):
    f, ids = seeded
    review_finding(f.db, ids["train"], "ack", note="sent to the DPO", reviewer="dana")
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.deliver_alerts(f.db, cfg, finding_ids=[ids["train"]], now=NOW)
    assert "Review: acked by dana (sent to the DPO)" in webhook.posts[0][2]["message"]


def test_cli_triage_round_trip_and_export_dismissed(seeded, tmp_path):
    f, ids = seeded
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(main, ["--db", f.db, *args])
        return result

    out = run("findings", "dismiss", str(ids["low"]), str(ids["keep"]), "--note", "not material")
    assert out.exit_code == 0, out.output
    assert f"finding {ids['low']}: open -> dismissed" in out.output
    missing = run("findings", "dismiss", str(ids["train"]))
    assert missing.exit_code == 2 and "--note" in missing.output
    assert run("findings", "ack", str(ids["train"]), "--by", "dana").exit_code == 0
    assert "already acked" in run("findings", "ack", str(ids["train"])).output
    assert run("findings", "ack", "9999").exit_code == 2

    # The default invocation still lists, with the old options, and filters by status.
    listed = json.loads(run("findings", "--json", "--status", "dismissed").output)
    assert {r["id"] for r in listed} == {ids["low"], ids["keep"]}
    assert {r["review_note"] for r in listed} == {"not material"}
    table = run("findings", "--severity", "high", "--width", "200").output.splitlines()
    rows = {line.split()[0]: line.split() for line in table[2:]}
    assert rows[str(ids["train"])][7] == "acked" and str(ids["low"]) not in rows
    no_backfill = json.loads(run("findings", "--json", "--exclude-backfill").output)
    assert ids["old"] not in {r["id"] for r in no_backfill}

    shown = run("finding", str(ids["low"])).output
    assert "status dismissed" in shown and "review history:" in shown and "not material" in shown

    target = tmp_path / "dismissed.jsonl"
    out = run("findings", "export-dismissed", "-o", str(target))
    assert out.exit_code == 0 and "wrote 2 dismissed findings" in out.output
    records = [json.loads(line) for line in target.read_text().splitlines()]
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {ids["low"], ids["keep"]}
    keep = by_id[ids["keep"]]
    assert keep["old_text"] == RETENTION_SPEC["old_text"]
    assert keep["new_text"] == RETENTION_SPEC["new_text"]
    assert keep["review_note"] == "not material" and keep["reviewed_at"]
    assert run("findings", "export-dismissed").output.count("\n") == 2  # stdout: JSONL

    history = json.loads(run("findings", "history", "--json").output)
    assert [h["action"] for h in history] == ["dismiss", "dismiss", "ack"]
    assert history[2]["reviewer"] == "dana"
    assert run("findings", "reopen", str(ids["low"])).exit_code == 0
    assert status_of(f.db)[ids["low"]] == "open"


def test_a_file_from_before_triage_reads_as_all_open_and_migrates_on_first_review(seeded):
    import duckdb

    f, ids = seeded
    con = duckdb.connect(f.db)
    con.execute("DROP TABLE reviews; DROP TABLE review_history")
    con.execute("DELETE FROM schema_migrations WHERE version = 6")
    con.close()
    assert set(status_of(f.db).values()) == {"open"}
    assert list_findings(f.db, statuses=["dismissed"]) == []
    assert len(list_findings(f.db, statuses=["open"])) == len(ids)
    out = CliRunner().invoke(
        main, ["--db", f.db, "findings", "dismiss", str(ids["low"]), "--note", "x"]
    )
    assert out.exit_code == 0, out.output
    assert status_of(f.db)[ids["low"]] == "dismissed"
