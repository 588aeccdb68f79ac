"""Crash safety, measured: SIGKILL a crawl, an import and their alert delivery at named points,
restart, and check that nothing is duplicated, nothing is lost and the store opens.

Each case starts a real process with CLAUSEWATCH_KILL_AT=<point>:<n>[:group] (faults.py):
the process (with `group`, also its crawler child) dies the n-th time it reaches the point.
The restart runs the same job again. What must hold afterwards is what the design promises:

- every version once, the same findings as a run that was never killed, every version
  analyzed, no run left 'running';
- alerts at most once (docs/alerts.md, "Exactly once"): no idempotency key reaches the
  receiver twice; a message whose sender died after claiming it is held as `uncertain`
  (reported, never resent on its own), every other finding is delivered.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from httpsite import FAST_SETTINGS, SiteServer
from test_alerts import Webhook, config
from test_cli import POLICY_V1, POLICY_V2
from test_crawl import BODY, doc, page

from clausewatch.faults import KILL_ENV, POINTS
from clausewatch.pipelines.ota_import import import_ota
from clausewatch.pipelines.run import run_once
from clausewatch.watchers.catalog import load_catalog

TESTS = Path(__file__).parent
DOCS = ("terms", "privacy", "faq")

DRIVER = """
import sys
sys.path.insert(0, sys.argv[5])
from clausewatch.alerting.config import parse_alert_config
mode, db, target, hook = sys.argv[1:5]
alerts = parse_alert_config({"channels": [{"name": "hook", "url": hook}]}, {}, path="kill.toml")
if mode == "crawl":
    from httpsite import FAST_SETTINGS
    from clausewatch.pipelines.run import run_once
    from clausewatch.watchers.catalog import load_catalog
    ok = run_once(db, load_catalog(target), settings=FAST_SETTINGS, alerts=alerts).ok
else:
    from clausewatch.pipelines.ota_import import import_ota
    ok = import_ota(db, target, alerts=alerts).ok
sys.exit(0 if ok else 1)
"""

# (point:n[:group], what the killed process itself exits with). `group` kills the crawl and
# its crawler child together; without it a point in the child kills the child only, and
# the crawl records the documents it never got as `crawler_crashed` and goes on.
KILLED = -signal.SIGKILL
CRAWL_KILLS = [
    ("crawl.run_started:1", KILLED),
    ("fetch:2:group", KILLED),
    ("store.snapshot_written:1:group", KILLED),
    ("store.version_inserted:2:group", KILLED),
    ("store.failure_inserted:1:group", KILLED),
    ("store.version_inserted:1", 1),  # the crawler child alone dies mid-transaction
    ("crawl.child_done:1", 1),  # ... or after recording everything
    ("crawl.fetched:1", KILLED),
    ("alerts.claimed:2", KILLED),
    ("alerts.sent:1", KILLED),
]
IMPORT_KILLS = [
    ("import.versions_written:1", KILLED),
    ("import.document_committed:1", KILLED),
    ("analyze:2", KILLED),
    ("analysis.clauses_written:3", KILLED),
    ("analysis.findings_written:1", KILLED),
    ("analysis.version_committed:2", KILLED),
    ("analysis.state_saved:1", KILLED),
    ("import.finishing:1", KILLED),
    ("alerts.planned:1", KILLED),
    ("alerts.claimed:1", KILLED),
    ("alerts.sent:1", KILLED),
    ("alerts.recorded:1", KILLED),
]
# a message claimed by a process that then died may or may not have left: held, not resent
MAY_BE_UNCERTAIN = ("alerts.claimed", "alerts.sent")


def test_every_kill_point_names_a_checkpoint():
    points = {spec.split(":")[0] for spec, _ in CRAWL_KILLS + IMPORT_KILLS}
    assert points <= set(POINTS)
    assert len(CRAWL_KILLS) + len(IMPORT_KILLS) >= 20


@pytest.fixture(scope="module")
def hook():
    receiver = Webhook()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def alerts_for(hook):
    return config([{"name": "hook", "url": hook.url()}])


def killed_run(mode: str, db: str, target: str, hook, kill: str) -> int:
    env = {**os.environ, KILL_ENV: kill}
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, mode, db, target, hook.url(), str(TESTS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # a `group` kill takes this process group, not pytest's
    )
    return proc.returncode


def snapshot_of(db: str) -> dict:
    """What must be the same after a killed run and its restart as after one clean run."""
    with duckdb.connect(db, read_only=True) as con:  # the store opens

        def q(sql):
            return con.execute(sql).fetchall()

        return {
            "versions": q("select document_key, count(*) from versions group by 1 order by 1"),
            "duplicate_versions": q(
                "select count(*) - count(distinct (document_key, text_sha256)) from versions"
            )[0][0],
            "findings": sorted(
                q(
                    "select document_key, topic, kind, old_text, new_text from findings"
                    " where not technical"
                )
            ),
            "unanalyzed": q(
                "select v.document_key from versions v left join document_state s"
                " on s.document_key = v.document_key group by 1"
                " having max(v.id) <> coalesce(max(s.last_version_id), -1)"
            ),
            "running": q("select count(*) from crawl_runs where status = 'running'")[0][0],
            "ledger": q("select status, count(*) from deliveries group by 1 order by 1"),
            "rows_per_finding": q(
                "select max(n) from (select count(*) n from deliveries group by finding_id)"
            )[0][0],
        }


def check(db: str, reference: dict, hook, kill: str, restart) -> None:
    got = snapshot_of(db)
    keys = Counter(headers.get("X-Clausewatch-Key") for _, headers, _ in hook.posts)
    assert not [k for k, n in keys.items() if n > 1], f"{kill}: an alert was sent twice"
    assert got["duplicate_versions"] == 0 and got["running"] == 0
    assert got["versions"] == reference["versions"], kill
    assert got["findings"] == reference["findings"], kill
    assert got["unanalyzed"] == [], kill
    assert got["rows_per_finding"] == 1
    statuses = dict(got["ledger"])
    uncertain = statuses.pop("uncertain", 0)
    if uncertain:
        assert kill.split(":")[0] in MAY_BE_UNCERTAIN, kill
        assert len(restart.delivery.uncertain) == uncertain  # reported to the operator
    # every finding is delivered, or held as uncertain; none vanished from the ledger
    assert sum(statuses.values()) + uncertain == sum(dict(reference["ledger"]).values())
    assert set(statuses) <= set(dict(reference["ledger"])), got["ledger"]
    assert set(keys) <= reference["keys"] and len(keys) >= len(reference["keys"]) - uncertain


# --------------------------------------------------------------------------- crawl


@pytest.fixture(scope="module")
def crawl_world(tmp_path_factory, hook):
    """A site, a catalog and a database that has seen two releases (and alerted the second);
    each case starts from a copy of it and crawls the third release."""
    root = tmp_path_factory.mktemp("kill-crawl")
    with SiteServer() as site:
        entries = "".join(doc(n.title(), f"/{n}") for n in (*DOCS, "gone"))  # /gone: a 404
        cat = root / "catalog.toml"
        cat.write_text(
            '[providers.quill]\nname = "Quillmark Labs"\n' + entries.replace("BASE", site.base_url)
        )
        base = str(root / "base.duckdb")
        alerts = alerts_for(hook)
        for period in ("thirty days", "ninety days"):
            for name in DOCS:
                site.put(f"/{name}", page(name.title(), BODY.replace("thirty days", period)))
            run_once(base, load_catalog(str(cat)), settings=FAST_SETTINGS, alerts=alerts)
        for name in DOCS:
            site.put(f"/{name}", page(name.title(), BODY.replace("thirty days", "five years")))
        clean = str(root / "clean.duckdb")
        shutil.copy(base, clean)
        hook.posts.clear()
        run_once(clean, load_catalog(str(cat)), settings=FAST_SETTINGS, alerts=alerts)
        reference = snapshot_of(clean)
        reference["keys"] = {h.get("X-Clausewatch-Key") for _, h, _ in hook.posts}
        assert len(reference["keys"]) == 3 and reference["ledger"] == [("sent", 6)]
        yield root, str(cat), base, reference


@pytest.mark.parametrize("kill,exit_code", CRAWL_KILLS, ids=[k for k, _ in CRAWL_KILLS])
def test_crawl_killed_at(kill, exit_code, crawl_world, hook):
    root, cat, base, reference = crawl_world
    db = str(root / f"{kill.replace(':', '-')}.duckdb")
    shutil.copy(base, db)
    hook.posts.clear()
    assert killed_run("crawl", db, cat, hook, kill) == exit_code, f"{kill} was not reached"
    if exit_code != KILLED:  # the crawl went on without its child: the point was reached
        with duckdb.connect(db, read_only=True) as con:
            (detail,) = con.execute("select detail from crawl_runs order by id desc").fetchone()
        assert detail == "crawler process exited with code -9", detail
    restart = run_once(db, load_catalog(cat), settings=FAST_SETTINGS, alerts=alerts_for(hook))
    assert [(f.document, f.reason) for f in restart.failures] == [("quill/gone", "http_404")]
    check(db, reference, hook, kill, restart)


# --------------------------------------------------------------------------- import-ota


@pytest.fixture(scope="module")
def import_world(tmp_path_factory, hook):
    root = tmp_path_factory.mktemp("kill-import")
    dataset = root / "dataset"
    for service in ("Quill Chat", "Nimbus Minds"):
        folder = dataset / service / "Privacy Policy"
        folder.mkdir(parents=True)
        # each service's own policy (identical texts would be one history, alerted once)
        own = f"\n\nQuestions about this policy go to the {service} privacy team.\n"
        (folder / "2024-01-05T10-00-00Z.md").write_text(POLICY_V1 + own)
        (folder / "2024-03-09T10-00-00Z.md").write_text(POLICY_V2 + own)
        v3 = POLICY_V2.replace("30 days", "2 years") + own
        (folder / "2024-06-01T10-00-00Z.md").write_text(v3)
    clean = str(root / "clean.duckdb")
    hook.posts.clear()
    import_ota(clean, dataset, alerts=alerts_for(hook))
    reference = snapshot_of(clean)
    reference["keys"] = {h.get("X-Clausewatch-Key") for _, h, _ in hook.posts}
    assert len(reference["keys"]) == 1  # one summary of the backfilled findings
    assert dict(reference["ledger"]).get("summarized", 0) >= 4
    return root, str(dataset), reference


@pytest.mark.parametrize("kill,exit_code", IMPORT_KILLS, ids=[k for k, _ in IMPORT_KILLS])
def test_import_killed_at(kill, exit_code, import_world, hook):
    root, dataset, reference = import_world
    db = str(root / f"{kill.replace(':', '-')}.duckdb")
    hook.posts.clear()
    assert killed_run("import", db, dataset, hook, kill) == exit_code, f"{kill} was not reached"
    restart = import_ota(db, dataset, alerts=alerts_for(hook))
    check(db, reference, hook, kill, restart)
    again = import_ota(db, dataset, alerts=alerts_for(hook))  # and a third run adds nothing
    assert again.versions_new == 0 and again.analysis.finding_ids == []
    check(db, reference, hook, kill, restart)
