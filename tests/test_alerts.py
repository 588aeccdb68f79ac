"""Alerts through real local services: an SMTP server (aiosmtpd) and a JSON webhook receiver."""

from __future__ import annotations

import email
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from findings_factory import RETENTION_SPEC, seeded_db

from clausewatch.alerting import delivery as alerts
from clausewatch.alerting.config import load_alert_config, parse_alert_config
from clausewatch.errors import AlertError, ConfigError
from clausewatch.store.deliveries import list_deliveries

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
TESTS = Path(__file__).parent


# --------------------------------------------------------------------------- local services


class SMTPSink:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    sink = SMTPSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


class Webhook:
    """A JSON receiver: records every POST; answers 500 while `failing` is set."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict[str, str], dict]] = []
        self.failing = False
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server hook name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hook.posts.append((self.path, dict(self.headers), json.loads(body or b"{}")))
                self.send_response(500 if hook.failing else 200)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "hook") -> str:
        return f"json://127.0.0.1:{self.port}/{path}"


SPECS = {
    "train": {},  # nimbus privacy policy, training use broader, high
    "keep": RETENTION_SPEC,
    "low": {"severity": "low", "kind": "a"},
    "quill_train": {"provider": "quill", "severity": "critical", "kind": "d"},
    "technical": {"technical": True, "kind": "e"},
    "share": {
        "provider": "quill",
        "topic": "sharing",
        "kind": "sharing_new_party",
        "summary": "Now shared.",
    },
    "kept": {
        "topic": "retention",
        "kind": "retention_x",
        "severity": "critical",
        "summary": "Kept.",
    },
    **{
        f"hist{i}": {"backfill": True, "summary": f"Historic change {i}.", "kind": f"k{i}"}
        for i in range(4)
    },
}


@pytest.fixture
def seeded(tmp_path, tmp_path_factory):
    """(factory bound to a fresh copy of the seeded database, finding ids by label)."""
    return seeded_db(tmp_path_factory.getbasetemp(), tmp_path / "a.duckdb", "alerts", SPECS)


def config(channels: list[dict], routes: list[dict] | None = None, env=None, **top):
    raw = {"report_url": "https://reports.example/clausewatch.html", **top, "channels": channels}
    if routes:
        raw["routes"] = routes
    return parse_alert_config(raw, env or {}, path="test.toml")


def statuses(db, channel=None) -> dict[int, str]:
    return {r.finding_id: r.status for r in list_deliveries(db, channel=channel)}


# --------------------------------------------------------------------------- delivery


def test_email_alert_carries_the_finding_and_is_sent_once(seeded, smtp):
    f, ids = seeded
    fid = ids["keep"]
    url = f"mailto://127.0.0.1:{smtp.port}?from=alerts@clausewatch.example&to=counsel@firm.example"
    cfg = config([{"name": "counsel", "url": url}])

    report = alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    assert report.sent == [(fid, "counsel")] and report.ok
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert msg["Subject"] == (
        "Quillmark Labs — Terms: API inputs are now kept for 5 years instead of 30 days."
    )
    assert msg["To"] == "counsel@firm.example"
    body = msg.get_body(("plain",)).get_content()
    for text in (
        "API inputs are now kept for 5 years instead of 30 days.",
        "We keep API inputs for 30 days.",
        "We keep API inputs for 5 years.",
        "[-30 days-]{+5 years+}",
        "Severity: medium",
        "https://legal.quill.example/terms",
        f"https://reports.example/clausewatch.html#finding-{fid}",
        "effective 2026-04-01",
        "Direction: broader",
    ):
        assert text in body, text
    key = msg["X-Clausewatch-Key"]
    assert key and key.startswith("cw-") and key in body

    again = alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW + timedelta(hours=1))
    assert again.sent == [] and len(smtp.messages) == 1
    assert statuses(f.db)[fid] == "sent"


def test_webhook_alert_is_json_with_idempotency_header(seeded, webhook):
    f, ids = seeded
    fid = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    assert len(webhook.posts) == 1
    path, headers, payload = webhook.posts[0]
    assert path == "/hook"
    assert payload["title"] == (
        "Nimbus Minds — Privacy Policy: "
        "Customer content may now be used to train models unless you opt out."
    )
    assert payload["type"] == "warning"  # a high-severity finding is not 'info'
    assert "unless you opt out" in payload["message"]
    assert headers["X-Clausewatch-Key"] in payload["message"]


def test_failing_channel_is_retried_with_backoff_and_sends_once_when_it_recovers(seeded, webhook):
    f, ids = seeded
    fid = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}], backoff_seconds=60)
    webhook.failing = True

    first = alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    assert [(x[0], x[1]) for x in first.failed] == [(fid, "hook")] and not first.ok
    assert "500" in first.failed[0][2] or "Internal" in first.failed[0][2]
    row = list_deliveries(f.db, finding_ids=[fid])[0]
    assert row.status == "failed" and row.attempts == 1
    assert row.next_attempt_at == NOW + timedelta(seconds=60)

    # Before the backoff has passed: not attempted.
    alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(seconds=30))
    assert len(webhook.posts) == 1

    # Still failing: the backoff doubles.
    alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(seconds=61))
    row = list_deliveries(f.db, finding_ids=[fid])[0]
    assert row.attempts == 2 and row.next_attempt_at == NOW + timedelta(seconds=61 + 120)

    webhook.failing = False
    later = NOW + timedelta(hours=1)
    ok = alerts.deliver_alerts(f.db, cfg, now=later)
    assert ok.sent == [(fid, "hook")] and ok.ok
    alerts.deliver_alerts(f.db, cfg, now=later + timedelta(hours=1))
    assert len(webhook.posts) == 3  # two failed attempts, one success, nothing after
    assert statuses(f.db)[fid] == "sent"


def test_gives_up_after_max_attempts_and_retry_command_resends(seeded, webhook):
    f, ids = seeded
    fid = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}], max_attempts=2, backoff_seconds=0)
    webhook.failing = True
    alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    report = alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(seconds=1))
    assert [g[:2] for g in report.gave_up] == [(fid, "hook")]
    assert list_deliveries(f.db, finding_ids=[fid])[0].next_attempt_at is None
    alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(days=1))
    assert len(webhook.posts) == 2
    webhook.failing = False
    retried = alerts.retry_deliveries(f.db, cfg, "hook", now=NOW + timedelta(days=1))
    assert retried.sent == [(fid, "hook")]
    with pytest.raises(ConfigError):
        alerts.retry_deliveries(f.db, cfg, "nope")


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, UTC
    from clausewatch.alerting import delivery as alerts
    from clausewatch.alerting.config import parse_alert_config

    def die(keys):  # the window: the message left, its record did not
        os.kill(os.getpid(), signal.SIGKILL)

    alerts._after_send = die
    cfg = parse_alert_config(
        {"channels": [{"name": "hook", "url": sys.argv[2]}]}, {}, path="test.toml"
    )
    alerts.deliver_alerts(sys.argv[1], cfg, finding_ids=[int(sys.argv[3])])
    """
)


def test_kill_between_send_and_record_never_resends_automatically(seeded, webhook):
    f, ids = seeded
    fid = ids["train"]
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, f.db, webhook.url(), str(fid)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert len(webhook.posts) == 1
    assert statuses(f.db)[fid] == "sending"

    cfg = config([{"name": "hook", "url": webhook.url()}])
    for _ in range(2):  # re-runs: the sender's pid is gone -> uncertain, never resent
        report = alerts.deliver_alerts(f.db, cfg, finding_ids=[fid])
        assert report.uncertain == [(fid, "hook")] and not report.ok
        assert report.sent == []
    assert len(webhook.posts) == 1
    row = list_deliveries(f.db, finding_ids=[fid])[0]
    assert row.status == "uncertain" and "retry" in row.error

    # A person decides to resend: the same idempotency key lets the receiver drop it.
    retried = alerts.retry_deliveries(f.db, cfg, "hook", include_uncertain=True)
    assert retried.sent == [(fid, "hook")]
    assert len(webhook.posts) == 2
    assert webhook.posts[0][1]["X-Clausewatch-Key"] == webhook.posts[1][1]["X-Clausewatch-Key"]
    alerts.deliver_alerts(f.db, cfg)
    assert len(webhook.posts) == 2


def test_live_sender_is_left_alone_until_timeout(seeded, webhook):
    """A 'sending' row of a live process (here: this one) is in flight, not uncertain."""
    from clausewatch.store import deliveries as ledger

    f, ids = seeded
    fid = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}], sending_timeout_seconds=600)
    others = [(i, "hook", "skipped", "not in this test", False) for i in ids.values() if i != fid]
    ledger.plan_deliveries(f.db, [(fid, "hook", "pending", None, False), *others])
    ledger.claim_deliveries(
        f.db, [(fid, "hook")], now=NOW, claim=alerts.claim_token(), digest=False
    )
    report = alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(seconds=10))
    assert report.in_flight == [(fid, "hook")] and webhook.posts == []
    report = alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(seconds=700))
    assert report.uncertain == [(fid, "hook")] and webhook.posts == []


def test_digest_groups_a_runs_findings_into_one_message(seeded, webhook):
    f, ids = seeded
    run = [ids["train"], ids["share"], ids["kept"]]
    cfg = config(
        [
            {"name": "digest", "url": webhook.url("digest"), "digest": True},
            {"name": "each", "url": webhook.url("each")},
        ]
    )
    report = alerts.deliver_alerts(f.db, cfg, finding_ids=run, now=NOW)
    digests = [p for p in webhook.posts if p[0] == "/digest"]
    singles = [p for p in webhook.posts if p[0] == "/each"]
    assert len(digests) == 1 and len(singles) == 3
    payload = digests[0][2]
    assert "3 material changes (1 critical, 2 high)" in payload["title"]
    for text in ("Customer content may now be used", "Now shared.", "Kept.", "Quillmark Labs"):
        assert text in payload["message"]
    assert payload["message"].index("Kept.") < payload["message"].index("Now shared.")
    assert {r.digest for r in list_deliveries(f.db, channel="digest", status="sent")} == {True}
    assert report.messages == 4


def test_more_findings_than_the_flood_limit_become_one_digest(seeded, webhook):
    f, ids = seeded
    run = [ids["train"], ids["share"], ids["kept"]]
    cfg = config([{"name": "hook", "url": webhook.url()}], flood_limit=2)
    alerts.deliver_alerts(f.db, cfg, finding_ids=run, now=NOW)
    assert len(webhook.posts) == 1 and "3 material changes" in webhook.posts[0][2]["title"]
    assert sorted(r.finding_id for r in list_deliveries(f.db, status="sent")) == sorted(run)
    assert alerts.deliver_alerts(f.db, config([]), finding_ids=run).channels == []


def test_backfill_is_summarized_unless_asked_for(seeded, webhook):
    f, ids = seeded
    run = [ids[f"hist{i}"] for i in range(4)]
    cfg = config(
        [
            {"name": "team", "url": webhook.url("team")},
            {"name": "archive", "url": webhook.url("archive"), "include_backfill": True},
        ]
    )
    alerts.deliver_alerts(f.db, cfg, finding_ids=run, now=NOW)
    team = [p for p in webhook.posts if p[0] == "/team"]
    archive = [p for p in webhook.posts if p[0] == "/archive"]
    assert len(team) == 1 and len(archive) == 4
    assert "4 findings imported from history" in team[0][2]["title"]
    assert "Historic change 3." in team[0][2]["message"]
    assert {statuses(f.db, "team")[i] for i in run} == {"summarized"}
    alerts.deliver_alerts(f.db, cfg, now=NOW + timedelta(hours=1))
    assert len(webhook.posts) == 5


def test_severity_threshold_and_routes_filter(seeded, webhook):
    f, ids = seeded
    low, high, quill_ret, quill_train, technical = (
        ids[k] for k in ("low", "train", "keep", "quill_train", "technical")
    )
    cfg = config(
        [
            {"name": "counsel", "url": webhook.url("counsel"), "min_severity": "high"},
            {"name": "quill-ret", "url": webhook.url("quill")},
            {"name": "dpo", "url": webhook.url("dpo"), "topics": ["retention"]},
        ],
        routes=[{"channels": ["quill-ret"], "providers": ["quill"], "topics": ["retention"]}],
    )
    alerts.deliver_alerts(
        f.db, cfg, finding_ids=[low, high, quill_ret, quill_train, technical], now=NOW
    )
    got = {c: statuses(f.db, c) for c in ("counsel", "quill-ret", "dpo")}
    sent = {c: sorted(i for i, s in v.items() if s == "sent") for c, v in got.items()}
    assert sent == {
        "counsel": sorted([high, quill_train]),
        "quill-ret": [quill_ret],
        "dpo": [quill_ret],
    }
    assert {p[0] for p in webhook.posts} == {"/counsel", "/quill", "/dpo"}
    assert len(webhook.posts) == 4
    reasons = {r.finding_id: r.error for r in list_deliveries(f.db, channel="counsel")}
    assert "below high" in reasons[low]
    assert "technical" in reasons[technical]
    assert "baseline" in reasons[ids["share"]]  # not part of this run, channel is new
    routed = {r.finding_id: r.error for r in list_deliveries(f.db, channel="quill-ret")}
    assert "no route" in routed[high]


def test_new_channel_gets_only_the_current_run_and_old_findings_are_baseline(seeded, webhook):
    f, ids = seeded
    new = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.deliver_alerts(f.db, cfg, finding_ids=[new], now=NOW)
    assert len(webhook.posts) == 1
    st = statuses(f.db)
    assert st.pop(new) == "sent" and set(st.values()) == {"skipped"}
    assert set(st) == set(ids.values()) - {new}

    # A finding recorded by a run that crashed before alerting is still alerted later.
    missed = f.add(kind="missed")
    alerts.deliver_alerts(f.db, cfg, now=NOW)
    assert statuses(f.db)[missed] == "sent" and len(webhook.posts) == 2


def test_reimported_same_change_is_not_alerted_again(seeded, webhook):
    f, ids = seeded
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.deliver_alerts(f.db, cfg, finding_ids=[ids["train"]], now=NOW)
    again = f.add()  # same change recorded again under a new finding id (a re-import)
    alerts.deliver_alerts(f.db, cfg, finding_ids=[again], now=NOW)
    assert len(webhook.posts) == 1
    assert "already alerted" in list_deliveries(f.db, finding_ids=[again])[0].error


def test_secrets_never_reach_logs_or_database(seeded, caplog, monkeypatch):
    f, ids = seeded
    fid = ids["train"]
    port = free_port()  # nothing listens there: the delivery fails
    secret = "s3cr3t-Pa55word"
    env = {"HOOK_PASSWORD": secret}
    cfg = config(
        [{"name": "hook", "url": f"json://user:${{HOOK_PASSWORD}}@127.0.0.1:{port}/x"}], env=env
    )
    assert secret not in repr(cfg)
    caplog.set_level(logging.DEBUG)
    report = alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    assert report.failed and secret not in report.failed[0][2]
    assert (
        secret not in caplog.text
        and "delivery of 1 finding(s) to channel hook failed" in caplog.text
    )
    assert all(secret not in (r.error or "") for r in list_deliveries(f.db))
    name, shown, *_ = alerts.describe_channels(cfg)[0]
    assert name == "hook" and secret not in shown
    with pytest.raises(AlertError) as err:
        alerts.test_channel(cfg, "hook")
    assert secret not in str(err.value) and "hook" in str(err.value)


def test_test_channel_sends_a_test_message(webhook):
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.test_channel(cfg, "hook")
    assert webhook.posts[0][2]["title"] == "clausewatch test alert"
    with pytest.raises(ConfigError):
        alerts.test_channel(cfg, "missing")


def test_alert_rows_lists_the_ledger(seeded, webhook):
    f, ids = seeded
    fid = ids["train"]
    cfg = config([{"name": "hook", "url": webhook.url()}])
    alerts.deliver_alerts(f.db, cfg, finding_ids=[fid], now=NOW)
    columns, rows = alerts.alert_rows(f.db)
    row = dict(zip(columns, rows[0]))
    assert row["finding"] == fid and row["status"] == "sent" and row["provider"] == "nimbus"


# --------------------------------------------------------------------------- configuration


def test_config_file_env_urls_and_expansion(tmp_path):
    path = tmp_path / "alerts.toml"
    path.write_text(
        textwrap.dedent(
            """
            min_severity = "medium"
            report_url = "https://intranet.example/report.html"

            [[channels]]
            name = "slack-legal"
            url = "${SLACK_URL}"
            digest = true
            providers = ["nimbus"]

            [[routes]]
            channels = ["slack-legal"]
            topics = ["training_use"]
            min_severity = "high"
            """
        )
    )
    env = {
        "SLACK_URL": "json://127.0.0.1:9/secret-token-value",
        "CLAUSEWATCH_ALERT_URLS": "json://127.0.0.1:9/a, json://127.0.0.1:9/b  json://127.0.0.1:9/c",
    }
    cfg = load_alert_config(path, env)
    assert [c.name for c in cfg.channels] == ["slack-legal", "env-1", "env-2", "env-3"]
    slack = cfg.channel("slack-legal")
    assert slack.url == env["SLACK_URL"] and slack.digest and slack.filter.min_severity == "medium"
    assert cfg.channel("env-2").url.endswith("/b") and cfg.channel("env-2").source == "env"
    assert cfg.routes[0].filter.min_severity == "high"
    assert "secret-token-value" in cfg.secrets
    assert cfg.masker().mask("POST json://127.0.0.1:9/secret-token-value") == "POST ***"

    env_only = load_alert_config(None, {"CLAUSEWATCH_ALERT_URLS": "json://127.0.0.1:9/x"})
    assert [c.name for c in env_only.channels] == ["env-1"] and env_only.path is None


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[channels]]\nname = "a"\nurl = "${NOPE}"', "NOPE is not set"),
        ('[[channels]]\nname = "a"\nurl = "json://x"\ncolour = 1', "unknown key"),
        ('[[channels]]\nname = "a"\nurl = "nosuchscheme://x"', "Apprise does not accept"),
        ('[[channels]]\nname = "a"\nurl = "json://x"\nmin_severity = "huge"', "min_severity"),
        ('[[channels]]\nname = "a"\nurl = "json://x"\ntopics = ["gossip"]', "gossip"),
        ('[[routes]]\nchannels = ["ghost"]', "unknown channel"),
        ('[[channels]]\nname = "env-1"\nurl = "json://x"', "reserved"),
        ("min_severity = ", "not valid TOML"),
    ],
)
def test_config_errors_name_the_problem(tmp_path, text, message):
    path = tmp_path / "alerts.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_alert_config(path, {})


def test_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_alert_config(None, {"CLAUSEWATCH_ALERTS_CONFIG": str(tmp_path / "none.toml")})
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)  # no clausewatch.alerts.toml here: fine, no channels
        assert load_alert_config(None, {}).channels == ()
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(
    "severity,expected",
    [("critical", "failure"), ("high", "warning"), ("medium", "info"), ("low", "info")],
)
def test_apprise_notify_type_follows_severity(tmp_path, webhook, severity, expected):
    from findings_factory import make_db

    factory = make_db(tmp_path / f"{severity}.duckdb")
    fid = factory.add(severity=severity)
    cfg = config([{"name": "hook", "url": webhook.url()}])
    report = alerts.deliver_alerts(factory.db, cfg, finding_ids=[fid], now=NOW)
    assert report.sent == [(fid, "hook")]
    assert webhook.posts[0][2]["type"] == expected


def test_digest_takes_the_notify_type_of_its_most_severe_finding(seeded):
    from clausewatch.alerting.messages import digest_message
    from clausewatch.store.findings import list_findings

    f, ids = seeded
    rows = {r.id: r for r in list_findings(f.db, include_technical=True)}
    assert digest_message([rows[ids["keep"]], rows[ids["low"]]]).notify_type == "info"
    mixed = [rows[ids["keep"]], rows[ids["quill_train"]], rows[ids["train"]]]
    assert digest_message(mixed).notify_type == "failure"


def test_title_is_provider_document_and_summary_cut_to_a_headline(seeded):
    from clausewatch.alerting.messages import TITLE_CHARS, finding_message
    from clausewatch.store.findings import list_findings

    f, ids = seeded
    fid = f.add(summary="Very long summary. " * 30, kind="long")
    (row,) = list_findings(f.db, ids=[fid])
    title = finding_message(row).title
    assert title.startswith("Nimbus Minds — Privacy Policy: Very long summary.")
    assert len(title) <= TITLE_CHARS and title.endswith("…")
    (hist,) = list_findings(f.db, ids=[ids["hist0"]])
    assert finding_message(hist).title == (
        "Nimbus Minds — Privacy Policy: Historic change 0. (backfill)"
    )
