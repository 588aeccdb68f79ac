"""The scheduler daemon: job grouping, firing, surviving a failing run, clean SIGTERM stop."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from clausewatch.errors import ConfigError
from clausewatch.pipelines.schedule import ScheduledJob, make_trigger, plan_jobs, run_scheduler
from clausewatch.records import Catalog, DocumentSpec, Provider, Source


def catalog(default: str = "0 6 * * *") -> Catalog:
    def doc(provider: str, name: str, schedule: str | None = None) -> DocumentSpec:
        return DocumentSpec(
            provider, name, "terms", (Source(f"http://127.0.0.1:9/{name}"),), schedule=schedule
        )

    return Catalog(
        providers=(Provider("nimbus", "Nimbus Minds"), Provider("quill", "Quill", "0 */4 * * *")),
        documents=(
            doc("nimbus", "terms"),
            doc("nimbus", "privacy", "30 5 * * 1"),
            doc("quill", "terms"),
            doc("quill", "dpa"),
            doc("nimbus", "faq"),
        ),
        schedule=default,
    )


def test_documents_sharing_a_cron_expression_share_a_job():
    jobs = plan_jobs(catalog())
    assert jobs == [
        ScheduledJob("0 6 * * *", ("nimbus/terms", "nimbus/faq")),
        ScheduledJob("30 5 * * 1", ("nimbus/privacy",)),
        ScheduledJob("0 */4 * * *", ("quill/terms", "quill/dpa")),
    ]


def test_triggers_accept_crontab_lines_and_reject_nonsense():
    assert make_trigger("0 6 * * *") is not None
    assert make_trigger("*/2 * * * * *") is not None  # seconds first: tests only
    for bad in ("0 6 * *", "61 * * * *", "every day"):
        with pytest.raises(ConfigError):
            make_trigger(bad)


def test_scheduler_runs_jobs_one_at_a_time_and_survives_a_failing_run(tmp_path):
    calls: list[list[str]] = []
    active = []
    overlap = []

    def run(db, cat, *, only):
        active.append(1)
        overlap.append(len(active) > 1)
        calls.append(list(only))
        try:
            if len(calls) == 1:
                raise RuntimeError("the first run fails")
            time.sleep(0.3)
        finally:
            active.pop()

    stop = threading.Event()
    result: list[int] = []
    jobs = [ScheduledJob("* * * * * *", ("nimbus/terms",)), ScheduledJob("* * * * * *", ("q/x",))]
    thread = threading.Thread(
        target=lambda: result.append(
            run_scheduler(str(tmp_path / "db"), catalog(), run=run, stop_event=stop, jobs=jobs)
        )
    )
    thread.start()
    deadline = time.monotonic() + 15
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    assert not thread.is_alive() and result == [0]
    assert len(calls) >= 3, calls  # it kept going after the failure
    assert {tuple(c) for c in calls} <= {("nimbus/terms",), ("q/x",)}
    assert not any(overlap)


DAEMON = textwrap.dedent(
    """
    import logging, sys
    from clausewatch.pipelines.schedule import run_scheduler
    from clausewatch.records import Catalog, DocumentSpec, Provider, Source

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(message)s")
    marker = sys.argv[2]
    calls = []

    def run(db, catalog, *, only):
        calls.append(only)
        with open(marker, "a") as out:
            out.write(",".join(only) + "\\n")
        if len(calls) == 1:
            raise RuntimeError("boom: first run fails")

    doc = DocumentSpec("nimbus", "terms", "terms", (Source("http://127.0.0.1:9/t"),))
    cat = Catalog((Provider("nimbus", "Nimbus"),), (doc,), schedule="* * * * * *")
    sys.exit(run_scheduler(sys.argv[1], cat, run=run))
    """
)


def test_daemon_fires_and_exits_cleanly_on_sigterm(tmp_path):
    marker = tmp_path / "runs.txt"
    proc = subprocess.Popen(
        [sys.executable, "-c", DAEMON, str(tmp_path / "db.duckdb"), str(marker)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if marker.exists() and len(marker.read_text().splitlines()) >= 2:
                break
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert marker.read_text().splitlines()[:2] == ["nimbus/terms", "nimbus/terms"]
    assert proc.returncode == 0, err
    assert "boom: first run fails" in err and "scheduler keeps running" in err
    assert "scheduled run finished" in err
    assert "SIGTERM received" in err and "scheduler stopped cleanly" in err


def test_scheduled_run_log_says_how_many_findings_and_alerts(caplog):
    from datetime import UTC, datetime

    from clausewatch.alerting.delivery import DeliveryReport
    from clausewatch.pipelines.crawl import CrawlOutcome
    from clausewatch.pipelines.schedule import _run_job
    from clausewatch.store.versions import RunSummary

    at = datetime(2026, 3, 1, tzinfo=UTC)
    delivery = DeliveryReport(
        channels=["legal", "archive"],
        sent=[(7, "legal"), (8, "legal")],
        summarized=[(7, "archive")],
        failed=[(8, "archive", "HTTP 500")],
    )

    def run(db, catalog, *, only):
        summary = RunSummary(12, "crawl", at, at, "ok", 3, 2, 0, None)
        return CrawlOutcome(summary, [], finding_ids=[7, 8], delivery=delivery)

    caplog.set_level(logging.INFO, logger="clausewatch")
    _run_job(ScheduledJob("0 6 * * *", ("nimbus/terms",)), "unused.duckdb", None, run, {})
    assert (
        "run 12: 3 documents, 2 new versions, 0 fetch errors, 2 findings, "
        "3 alerts sent, 1 failed" in caplog.text
    )
