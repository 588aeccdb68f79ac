"""The command line as users run it: help, demo, import-ota, findings, catalog, locks, overlap."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_crawl import doc, page, write_catalog

from clausewatch.cli import main

CLI = [sys.executable, "-m", "clausewatch.cli"]


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


@pytest.mark.parametrize(
    "path,cmd", list(_commands(main)), ids=lambda x: "-".join(x) if isinstance(x, tuple) else ""
)
def test_every_command_has_help_with_an_example(path, cmd):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert cmd.help and "Example" in cmd.help, f"{' '.join(path)} needs help with an example"


def test_demo_reports_the_material_changes(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    result = CliRunner().invoke(main, ["demo", "--db", db])  # global option after the command
    assert result.exit_code == 0, result.output
    assert f"Database: {db}" in result.output
    assert "Crawl 1: 4 documents, 4 new versions, 0 fetch errors" in result.output
    out = CliRunner().invoke(main, ["--db", db, "findings", "--format", "json"])
    findings = json.loads(out.output)
    got = {(f["document_key"], f["topic"], f["direction"]) for f in findings}
    assert ("lumenforge/dpa", "training_use", "broader") in got
    assert ("lumenforge/dpa", "sharing", "broader") in got
    assert any(f["severity"] == "critical" and f["topic"] == "training_use" for f in findings)
    assert all(f["effective_date"] == "2026-03-01" for f in findings)
    # the terms were only renumbered, re-dated and had typo and link fixes
    assert not any(
        f["document_key"] == "lumenforge/terms" and f["topic"] == "sharing" for f in findings
    )


POLICY_V1 = """# Privacy Policy

Last updated: January 5, 2024

## 1. Training

We do not use your conversations to train our models.

## 2. Retention

We keep your conversations for 30 days and then delete them.
"""
POLICY_V2 = POLICY_V1.replace(
    "We do not use your conversations to train our models.",
    "We use your conversations to train our models unless you opt out in settings.",
).replace("January 5, 2024", "March 9, 2024")


def _git(repo, *args, date=None):
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@e",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@e",
    )
    if date:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = date
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


def make_ota_repo(path):
    path.mkdir()
    _git(path, "init", "-q")
    (path / "Quill Chat").mkdir()
    for text, date in (
        (POLICY_V1, "2024-01-05T10:00:00+00:00"),
        (POLICY_V2, "2024-03-09T10:00:00+00:00"),
    ):
        (path / "Quill Chat" / "Privacy Policy.md").write_text(text)
        _git(path, "add", "-A")
        _git(path, "commit", "-q", "-m", "Record", date=date)
    return _git(path, "rev-parse", "HEAD").strip()


def test_import_ota_git_repo_is_idempotent_and_findings_jsonl_carries_provenance(tmp_path):
    head = make_ota_repo(tmp_path / "versions")
    db = str(tmp_path / "ota.duckdb")
    runner = CliRunner()
    first = runner.invoke(main, ["--db", db, "import-ota", str(tmp_path / "versions")])
    assert first.exit_code == 0, first.output
    assert "imported 2 new versions" in first.output
    assert re.search(
        r"; [1-9]\d* findings?, 0 anomalous captures skipped, no alert channels", first.output
    )
    again = runner.invoke(main, ["--db", db, "import-ota", str(tmp_path / "versions")])
    assert "imported 0 new versions" in again.output and "; 0 findings," in again.output
    lines = runner.invoke(main, ["--db", db, "findings", "--format", "jsonl"]).output.splitlines()
    records = [json.loads(line) for line in lines]
    training = [r for r in records if r["topic"] == "training_use"]
    assert training, records
    for r in training:
        assert (r["service"], r["document"], r["commit"]) == ("Quill Chat", "Privacy Policy", head)
        assert r["direction"] == "broader" and r["backfill"] is True
        when = datetime.fromisoformat(r["recorded_at"]).astimezone(UTC)
        assert when == datetime(2024, 3, 9, 10, tzinfo=UTC)
        for key in ("severity", "summary", "old_text"):
            assert r[key]
    assert any("opt out" in (r["new_text"] or "") for r in training)
    assert not [r for r in records if r["topic"] == "retention"]  # 30 days did not change


def test_import_ota_dataset_folder(tmp_path):
    folder = tmp_path / "dataset" / "Quill Chat" / "Privacy Policy"
    folder.mkdir(parents=True)
    (folder / "2024-01-05T10-00-00Z.md").write_text(POLICY_V1)
    (folder / "2024-03-09T10-00-00Z.md").write_text(POLICY_V2.replace("30 days", "5 years"))
    db = str(tmp_path / "ds.duckdb")
    assert (
        CliRunner().invoke(main, ["--db", db, "import-ota", str(tmp_path / "dataset")]).exit_code
        == 0
    )
    records = json.loads(
        CliRunner().invoke(main, ["--db", db, "findings", "--format", "json"]).output
    )
    topics = {(r["topic"], r["direction"]) for r in records}
    assert ("training_use", "broader") in topics and ("retention", "broader") in topics
    assert all(r["commit"] is None for r in records)


def test_catalog_check_reports_broken_entries(tmp_path, site):
    site.put("/terms", page("Terms"))
    site.put("/moved", page("Terms"))
    cat = write_catalog(
        tmp_path,
        site,
        doc("Terms", "/terms")
        + doc("Gone", "/gone")
        + doc("Moved", "/moved").replace('"main"', '"#nothing"'),
    )
    result = subprocess.run(
        CLI + ["--catalog", cat, "catalog", "check", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    rows = {r["document"]: r for r in json.loads(result.stdout)}
    assert rows["quill/terms"]["status"] == 200 and rows["quill/terms"]["problem"] is None
    assert "training_use" in rows["quill/terms"]["topics"]
    assert rows["quill/gone"]["status"] == 404
    assert rows["quill/moved"]["selectors"] is False


def test_catalog_validate_names_key_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[providers.acme]\nname = "Acme"\n\n[[providers.acme.documents]]\nname = "X"\ntype = "contract"\nurl = "https://acme.example/x"\n'
    )
    result = CliRunner().invoke(main, ["catalog", "validate", str(bad)])
    assert result.exit_code == 2
    assert "providers.acme.documents[0].type" in result.output and ":6:" in result.output


def test_bad_catalog_is_a_configuration_error_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[providers.acme\n")
    result = subprocess.run(
        CLI + ["--catalog", str(bad), "--db", str(tmp_path / "x.duckdb"), "crawl"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and result.stderr.startswith("Error:")


def _slow_catalog(tmp_path, site):
    site.put("/terms", page("Terms"))
    return write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Slow", "/slow"))


def _wait_for_lock(db, proc, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lock = Path(db + ".lock")
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        time.sleep(0.05)
    raise AssertionError("first crawl never took the lock")


def test_two_concurrent_crawls_one_runs_the_other_exits_3(tmp_path, site):
    cat, db = _slow_catalog(tmp_path, site), str(tmp_path / "lock.duckdb")
    first = subprocess.Popen(
        CLI + ["--catalog", cat, "--db", db, "crawl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_lock(db, first)
    second = subprocess.run(
        CLI + ["--catalog", cat, "--db", db, "crawl"], capture_output=True, text=True
    )
    assert second.returncode == 3 and "another clausewatch run" in second.stderr
    out, err = first.communicate(timeout=120)
    assert first.returncode in (0, 1), err
    # the first capture of a document is its baseline: no findings yet
    assert re.search(
        r"run 1: 2 documents, \d new versions?, \d fetch errors, 0 findings, no alert", out
    )


def test_query_works_while_a_crawl_writes(tmp_path, site):
    cat, db = _slow_catalog(tmp_path, site), str(tmp_path / "overlap.duckdb")
    subprocess.run(CLI + ["--db", db, "init"], check=True, capture_output=True)
    crawl = subprocess.Popen(
        CLI + ["--catalog", cat, "--db", db, "crawl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_lock(db, crawl)
    answers = []
    while crawl.poll() is None:
        q = subprocess.run(
            CLI + ["--db", db, "query", "select count(*) as n from versions", "--format", "json"],
            capture_output=True,
            text=True,
        )
        assert q.returncode == 0, q.stderr
        answers.append(json.loads(q.stdout)[0]["n"])
    assert crawl.returncode in (0, 1)
    assert len(answers) >= 2 and answers == sorted(answers)


def test_demo_delivers_alerts_to_configured_channels_once(tmp_path, monkeypatch):
    from test_alerts import Webhook

    hook = Webhook()
    try:
        monkeypatch.setenv("CLAUSEWATCH_ALERT_URLS", hook.url("legal"))
        db = str(tmp_path / "demo.duckdb")
        result = CliRunner().invoke(main, ["--db", db, "demo"])
        assert result.exit_code == 0, result.output
        assert "alerts:" in result.output
        payloads = [json.dumps(body) for _, _, body in hook.posts]
        assert payloads, "no alert reached the webhook"
        assert any("Lumenforge" in p and "training" in p.lower() for p in payloads)
        listing = CliRunner().invoke(main, ["--db", db, "alerts", "list", "--format", "json"])
        rows = json.loads(listing.output)
        assert rows and {r["status"] for r in rows} <= {"sent", "summarized"}
        # nothing is alerted twice: delivering again (as the next run would) sends nothing
        count = len(hook.posts)
        from clausewatch.alerting.config import load_alert_config
        from clausewatch.alerting.delivery import deliver_alerts

        again = deliver_alerts(db, load_alert_config(), finding_ids=[r["finding"] for r in rows])
        assert not again.sent and len(hook.posts) == count
    finally:
        hook.server.shutdown()
        hook.server.server_close()


def test_report_command_writes_an_escaped_html_file(tmp_path):
    head = make_ota_repo(tmp_path / "versions")
    assert head
    db = str(tmp_path / "r.duckdb")
    CliRunner().invoke(main, ["--db", db, "import-ota", str(tmp_path / "versions")])
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["--db", db, "report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Quill Chat" in html and "training" in html.lower() and "<table" in html
    md = CliRunner().invoke(main, ["--db", db, "report", "--format", "md"])
    assert md.exit_code == 0 and "Quill Chat" in md.output


def test_interrupted_import_resumes_without_duplicates(tmp_path, monkeypatch):
    import duckdb

    import clausewatch.pipelines.ota_import as ota_import

    root = tmp_path / "dataset"
    for service in ("Alpha Chat", "Beta Chat", "Gamma Chat"):
        folder = root / service / "Privacy Policy"
        folder.mkdir(parents=True)
        (folder / "2024-01-05T10-00-00Z.md").write_text(POLICY_V1)
        (folder / "2024-03-09T10-00-00Z.md").write_text(POLICY_V2)
    db = str(tmp_path / "resume.duckdb")

    real = ota_import._import_document
    calls = []

    def dies_on_second(writer, service, *args):
        calls.append(service)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C in the middle of a document
        return real(writer, service, *args)

    monkeypatch.setattr(ota_import, "_import_document", dies_on_second)
    with pytest.raises(KeyboardInterrupt):
        ota_import.import_ota(db, root)
    monkeypatch.setattr(ota_import, "_import_document", real)
    report = ota_import.import_ota(db, root)
    assert report.versions_new == 4  # the two documents not finished before

    with duckdb.connect(db, read_only=True) as con:
        per_doc = con.execute("select document_key, count(*) from versions group by 1").fetchall()
        runs = con.execute("select status from crawl_runs order by id").fetchall()
        dupes = con.execute(
            "select count(*) from (select signature from findings group by 1 having count(*) > 1)"
        ).fetchone()
        findings = con.execute("select count(distinct document_key) from findings").fetchone()
    assert sorted(n for _, n in per_doc) == [2, 2, 2]
    assert runs == [("failed",), ("ok",)]
    assert dupes == (0,) and findings == (3,)


# --------------------------------------------------------------------------- --db edges


def test_missing_db_directory_is_created_by_init_and_crawl(tmp_path, site):
    db = tmp_path / "new" / "nested" / "watch.duckdb"
    result = CliRunner().invoke(main, ["--db", str(db), "init"])
    assert result.exit_code == 0, result.output
    assert db.is_file()
    site.put("/terms", page("Terms"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    crawl_db = tmp_path / "other" / "dir" / "crawl.duckdb"
    crawled = subprocess.run(
        [*CLI, "--catalog", cat, "--db", str(crawl_db), "-q", "crawl"],
        capture_output=True,
        text=True,
    )
    assert crawled.returncode == 0, crawled.stderr
    assert "Traceback" not in crawled.stderr and crawl_db.is_file()


def test_db_under_a_file_is_a_clear_store_error(tmp_path):
    (tmp_path / "plain").write_text("x")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "plain" / "w.duckdb"), "init"])
    assert result.exit_code == 4
    assert "is a file, not a directory" in result.stderr


@pytest.mark.parametrize("command", [["init"], ["versions"], ["findings"]])
@pytest.mark.parametrize("kind", ["corrupt", "text", "directory"])
def test_bad_db_file_is_exit_4_without_the_lock_hint(tmp_path, kind, command):
    path = tmp_path / "bad.duckdb"
    if kind == "corrupt":
        path.write_bytes(os.urandom(8192))
    elif kind == "text":
        path.write_text("not a database\n")
    else:
        path.mkdir()
    result = CliRunner().invoke(main, ["--db", str(path), *command])
    assert result.exit_code == 4, result.output
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert "another clausewatch process" not in result.stderr.lower()
    expected = "is a directory" if kind == "directory" else "not a DuckDB database"
    assert expected in result.stderr


def test_a_real_lock_conflict_keeps_the_lock_hint(tmp_path):
    from clausewatch.errors import StoreError
    from clausewatch.store.db import connect

    db = str(tmp_path / "held.duckdb")
    code = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code, db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError) as info:
            connect(db, timeout=0.3)
        assert "Another clausewatch process may be writing" in str(info.value)
    finally:
        holder.kill()
        holder.wait()


def test_import_ota_says_how_many_findings_and_alerts_it_produced(tmp_path, monkeypatch):
    from test_alerts import Webhook

    hook = Webhook()
    try:
        monkeypatch.setenv("CLAUSEWATCH_ALERT_URLS", hook.url("legal"))
        make_ota_repo(tmp_path / "versions")
        db = str(tmp_path / "ota.duckdb")
        result = CliRunner().invoke(main, ["--db", db, "import-ota", str(tmp_path / "versions")])
        assert result.exit_code == 0, result.output
        found = re.search(r"; (\d+) findings?, .* (\d+) alerts? sent", result.output)
        assert found, result.output
        findings = json.loads(CliRunner().invoke(main, ["--db", db, "findings", "--json"]).stdout)
        assert int(found.group(1)) == len(findings) > 0
        assert int(found.group(2)) == len(findings)  # one backfill summary carries them all
        assert len(hook.posts) == 1
    finally:
        hook.server.shutdown()
        hook.server.server_close()
