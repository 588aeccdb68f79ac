"""The fault suite: one crawl over every bad response of tests/faultsite.py, then a recrawl.

Each fault must give exactly the expected version or fetch error, the same on the recrawl
(no new version, one error row per run), and a document that goes bad between the two crawls
keeps its last version and gets no finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pytest
from faultsite import FAULT_SETTINGS, FAULTS, Fault, FaultServer, catalog_toml

from clausewatch.alerting.config import AlertConfig
from clausewatch.pipelines.run import run_once
from clausewatch.watchers.catalog import load_catalog


@dataclass
class Crawl:
    versions: dict[str, list[str]]  # document name -> texts, oldest first
    errors: dict[str, list[tuple[str, str]]]  # document name -> (reason, message) of this run
    all_errors: dict[str, int]  # document name -> fetch_errors rows so far
    findings: dict[str, int]  # document name -> findings so far
    ok: bool


def _state(db: str, run_id: int, ok: bool) -> Crawl:
    con = duckdb.connect(db, read_only=True)
    try:
        versions: dict[str, list[str]] = {}
        for doc, text in con.execute(
            "SELECT document_key, text FROM versions ORDER BY first_seen, id"
        ).fetchall():
            versions.setdefault(doc.split("/")[1], []).append(text)
        errors: dict[str, list[tuple[str, str]]] = {}
        for doc, reason, message in con.execute(
            "SELECT document_key, reason, message FROM fetch_errors WHERE run_id = $r ORDER BY id",
            {"r": run_id},
        ).fetchall():
            errors.setdefault(doc.split("/")[1], []).append((reason, message))
        rows = con.execute(
            "SELECT document_key, count(*) FROM fetch_errors GROUP BY ALL"
        ).fetchall()
        findings = con.execute("SELECT document_key, count(*) FROM findings GROUP BY ALL")
        return Crawl(
            versions,
            errors,
            {d.split("/")[1]: n for d, n in rows},
            {d.split("/")[1]: n for d, n in findings.fetchall()},
            ok,
        )
    finally:
        con.close()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> tuple[Crawl, Crawl]:
    tmp = tmp_path_factory.mktemp("faults")
    db = str(tmp / "faults.duckdb")
    with FaultServer() as site:
        (tmp / "catalog.toml").write_text(catalog_toml(site))
        catalog = load_catalog(str(tmp / "catalog.toml"))
        out = []
        for phase in (1, 2):
            site.phase = phase
            run = run_once(db, catalog, settings=FAULT_SETTINGS, alerts=AlertConfig())
            assert run.run.documents == len(FAULTS)
            out.append(_state(db, run.run.id, run.ok))
    return out[0], out[1]


def _check(fault: Fault, crawl: Crawl, expect_reason: str | None, expect_text: str | None):
    name = fault.name
    errors = crawl.errors.get(name, [])
    if expect_reason is None:
        assert not errors, f"{name}: expected a version, got {errors}"
        (text,) = crawl.versions.get(name, [None])
        assert text is not None and expect_text in text, f"{name}: {text!r:.300}"
        assert "\x00" not in text and "\ufffd" not in text
    else:
        assert [r for r, _ in errors] == [expect_reason], f"{name}: {errors}"
        (message,) = [m for _, m in errors]
        assert fault.name in message  # names the URL ...
        assert len(message.split(fault.name, 1)[1]) > 30  # ... and says what was seen


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_each_fault_gives_its_expected_outcome_and_a_recrawl_changes_nothing(crawls, fault):
    first, second = crawls
    if fault.turns_bad:
        _check(fault, first, None, f"Marker phrase for {fault.name.replace('-', ' ')}")
        _check(fault, second, fault.reason, None)
        assert len(second.versions[fault.name]) == 1  # the last good version stands
        failed_runs = 1
    else:
        _check(fault, first, fault.reason, fault.text)
        _check(fault, second, fault.reason, fault.text)
        if fault.reason is None:
            assert len(second.versions[fault.name]) == 1  # no new version on the recrawl
            failed_runs = 0
        else:
            assert fault.name not in second.versions  # never a version
            failed_runs = 2
    # one fetch error row per failing run: retries and parts add none
    assert second.all_errors.get(fault.name, 0) == failed_runs
    # a document going bad (or never good) is no change of its clauses
    assert second.findings.get(fault.name, 0) == 0


def test_the_suite_covers_at_least_thirty_kinds_of_bad_response():
    bad = {f.kind for f in FAULTS if f.reason is not None and not f.turns_bad}
    assert len(bad) >= 30
    reasons = {f.reason for f in FAULTS}
    for needed in ("http_401", "http_403", "http_410", "http_429", "http_500", "http_503"):
        assert needed in reasons


def test_runs_with_faults_are_partial_not_ok(crawls):
    assert not crawls[0].ok and not crawls[1].ok
