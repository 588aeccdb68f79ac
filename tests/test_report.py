"""The HTML / Markdown / JSON findings report, checked as text and in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from findings_factory import RETENTION_SPEC, seeded_db

from clausewatch.errors import ConfigError
from clausewatch.pipelines.report import build_report, write_report

CHROMIUM = "/usr/bin/chromium"
XSS_OLD = "We share usage data with partners listed on this page."
XSS_NEW = (
    "We share usage data with partners <script>document.title='pwned';"
    "document.body.insertAdjacentHTML('beforeend','<p id=xss-script>x</p>')</script> and "
    "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<p id=xss-img>x</p>')\">"
    " advertisers."
)


SPECS = {
    "train": {"severity": "critical", "summary": "Training on customer content by default."},
    "keep": {**RETENTION_SPEC, "summary": "Inputs kept for 5 years instead of 30 days."},
    "xss": {
        "provider": "quill",
        "document": "privacy",
        "topic": "sharing",
        "kind": "sharing_new_party",
        "severity": "high",
        "old_text": XSS_OLD,
        "new_text": XSS_NEW,
        "summary": "Now shared with <b>advertisers</b> & partners.",
    },
    "old": {
        "backfill": True,
        "severity": "low",
        "kind": "old",
        "summary": "A change from history.",
    },
}


@pytest.fixture
def findings(tmp_path, tmp_path_factory):
    f, ids = seeded_db(tmp_path_factory.getbasetemp(), tmp_path / "r.duckdb", "report", SPECS)
    return f.db, ids


def test_html_report_has_summary_timeline_and_anchored_findings(findings):
    db, ids = findings
    page = build_report(db)
    assert page.startswith("<!doctype html>") and 'http-equiv="Content-Security-Policy"' in page
    assert '<table id="summary">' in page and 'id="timeline"' in page
    for fid in ids.values():
        assert f'id="finding-{fid}"' in page and f'href="#finding-{fid}"' in page
    # Summary row: Quillmark Labs / retention: one medium.
    row = re.search(r"<tr><td>Quillmark Labs</td><td>retention</td>(.*?)</tr>", page).group(1)
    assert re.findall(r'<td class="num">(\d*)</td>', row) == ["", "", "1", "", "1"]
    # Changed words highlighted, widened to whole words.
    assert "<del>30 days</del>" in page and "<ins>5 years</ins>" in page
    assert "https://legal.quill.example/terms" in page and 'rel="noopener noreferrer"' in page
    assert "backfill" in page
    # Nothing external: one self-contained file.
    assert not re.search(r"(src|href)=\"(https?:)?//", page.replace('href="https://legal', ""))


def test_scraped_markup_is_escaped(findings):
    db, _ = findings
    page = build_report(db)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in page
    assert "onerror=&quot;" in page
    assert "Now shared with &lt;b&gt;advertisers&lt;/b&gt; &amp; partners." in page


def test_filters_since_and_provider(findings):
    db, ids = findings
    page = build_report(db, provider="quill")
    assert f'id="finding-{ids["keep"]}"' in page and f'id="finding-{ids["train"]}"' not in page
    # The factory's versions are 2 days apart from 2026-03-04: 'train' is the first.
    later = build_report(db, since=date(2026, 3, 6), fmt="json")
    got = {f["id"] for f in json.loads(later)["findings"]}
    assert ids["train"] not in got and ids["keep"] in got
    empty = build_report(db, since=date(2030, 1, 1))
    assert 'id="empty"' in empty


def test_markdown_and_json_formats(findings):
    db, ids = findings
    md = build_report(db, fmt="md", base_url="https://intranet.example/report.html")
    assert "| Quillmark Labs | retention | 0 | 0 | 1 | 0 | 1 |" in md
    assert f"https://intranet.example/report.html#finding-{ids['keep']}" in md
    assert "<script" not in md and "&lt;script&gt;" in md
    data = json.loads(build_report(db, fmt="json", base_url="https://intranet.example/r.html"))
    by_id = {f["id"]: f for f in data["findings"]}
    xss = by_id[ids["xss"]]
    assert xss["new_text"] == XSS_NEW  # JSON carries the text as it is; consumers escape
    assert xss["url"] == f"https://intranet.example/r.html#finding-{ids['xss']}"
    assert xss["anchor"] == f"finding-{ids['xss']}" and xss["alert_key"].startswith("cw-")
    assert {"provider": "Quillmark Labs", "topic": "sharing", "severity": "high", "count": 1} in (
        data["summary"]
    )
    with pytest.raises(ConfigError):
        build_report(db, fmt="pdf")


def test_write_report_is_atomic(tmp_path):
    out = tmp_path / "report.html"
    write_report(out, "<p>one</p>")
    write_report(out, "<p>two</p>")
    assert out.read_text() == "<p>two</p>" and [p.name for p in tmp_path.iterdir()] == [
        "report.html"
    ]


def dump_dom(tmp_path: Path, page: Path) -> str:
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(
    not shutil.which(CHROMIUM),
    reason=f"{CHROMIUM} is absent (apt-get install -y chromium); the CI script installs it",
)
def test_report_in_headless_chromium_shows_findings_and_runs_no_script(tmp_path, findings):
    db, ids = findings
    page = build_report(db)
    # Prove the escaping itself: load the page WITHOUT its Content-Security-Policy too.
    no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert no_csp != page
    path = tmp_path / "report.html"
    write_report(path, no_csp)
    dom = dump_dom(tmp_path, path)
    assert "<title>clausewatch report</title>" in dom  # the payload did not retitle the page
    assert 'id="xss-script"' not in dom and 'id="xss-img"' not in dom
    assert "<img" not in dom and "<script" not in dom
    # ... and the payload is visible as text.
    assert "&lt;script&gt;document.title='pwned';" in dom
    assert "&lt;img src=x onerror=" in dom
    # The findings table and every finding are in the rendered DOM.
    assert '<table id="summary">' in dom and "Quillmark Labs" in dom
    for fid in ids.values():
        assert f'id="finding-{fid}"' in dom
