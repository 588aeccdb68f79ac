"""The HTML / Markdown / JSON findings report, checked as text and in headless Chromium."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from findings_factory import RETENTION_SPEC, many_specs, seeded_db

from clausewatch.cli import main
from clausewatch.errors import ConfigError
from clausewatch.output.report import build_report, write_report
from clausewatch.store.reviews import review_finding

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM),
    reason=f"{CHROMIUM} is absent (apt-get install -y chromium); the CI script installs it",
)
XSS_OLD = "We share usage data with partners listed on this page."
XSS_NEW = (
    "We share usage data with partners <script>document.title='pwned';"
    "document.body.insertAdjacentHTML('beforeend','<p id=xss-script>x</p>')</script> and "
    "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<p id=xss-img>x</p>')\">"
    " advertisers."
)
COMMIT = "0123456789abcdef0123456789abcdef01234567"

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
        "kind": "lost:train:prohibited:opt_in",
        "summary": "A change from history.",
        "document": "privacy-policy",
        "commit": COMMIT,
    },
}


@pytest.fixture
def findings(tmp_path, tmp_path_factory):
    f, ids = seeded_db(tmp_path_factory.getbasetemp(), tmp_path / "r.duckdb", "report", SPECS)
    return f.db, ids


def article(page: str, fid: int) -> str:
    return re.search(rf'<article [^>]*id="finding-{fid}">.*?</article>', page, re.S).group()


def test_html_report_has_contents_summary_and_provider_sections(findings):
    db, ids = findings
    page = build_report(db)
    assert page.startswith("<!doctype html>") and 'http-equiv="Content-Security-Policy"' in page
    assert '<nav id="toc">' in page and '<table id="summary">' in page
    for fid in ids.values():
        assert f'id="finding-{fid}"' in page and f'href="#finding-{fid}"' in page
    # Providers in sections, named in the contents; findings most severe first in each.
    assert page.index('id="provider-nimbus"') < page.index('id="provider-quill"')
    assert '<a href="#provider-quill">Quillmark Labs</a>' in page
    nimbus = page[page.index('id="provider-nimbus"') : page.index('id="provider-quill"')]
    assert nimbus.index(f'id="finding-{ids["train"]}"') < nimbus.index(f'id="finding-{ids["old"]}"')
    quill = page[page.index('id="provider-quill"') :]
    assert quill.index(f'id="finding-{ids["xss"]}"') < quill.index(f'id="finding-{ids["keep"]}"')
    # Summary: Quillmark Labs / retention: one medium, a link to exactly that group.
    row = re.search(r"<td>retention</td>(.*?)</tr>", page).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', row) == [
        "",
        "",
        '<a href="#only-quill-retention-medium">1</a>',
        "",
        '<a href="#only-quill-retention">1</a>',
    ]
    assert 'id="only-quill-retention-medium"' in page
    assert "#only-quill-retention-medium:target) .fi:not(.g-quill-retention-medium)" in page
    # Changed words highlighted, widened to whole words.
    assert "<del>30 days</del>" in page and "<ins>5 years</ins>" in page
    assert "https://legal.quill.example/terms" in page and 'rel="noopener noreferrer"' in page
    # Nothing external but source links: one self-contained file.
    assert not re.search(r"(src|href)=\"(https?:)?//(?!legal\.|github\.com/)", page)


def test_dates_to_the_minute_and_internal_codes_only_in_details(findings):
    db, ids = findings
    page = build_report(db)
    assert not re.search(r"\d\d:\d\d:\d\d", page.split("</style>", 1)[1])  # no seconds shown
    assert re.search(r"seen <time datetime=\"[^\"]+\">2026-\d\d-\d\d \d\d:\d\d UTC</time>", page)
    card = article(page, ids["old"])
    codes = card.index('<details class="codes">')
    assert card.index("lost:train:prohibited:opt_in") > codes
    assert card.index("cw-") > codes  # the alert key
    assert card.count("lost:train:prohibited:opt_in") == 1


def test_imported_findings_link_to_their_version_by_template(findings):
    db, ids = findings
    card = article(build_report(db), ids["old"])
    assert (
        f'href="https://github.com/OpenTermsArchive/genai-versions/blob/{COMMIT}/'
        'Nimbus%20Minds/Privacy%20Policy.md"'
    ) in card
    own = build_report(db, ota_url_template="https://ota.example/{service}/{document}@{commit}")
    assert f'href="https://ota.example/Nimbus%20Minds/Privacy%20Policy@{COMMIT}"' in own
    assert "github.com" not in build_report(db, ota_url_template="")
    for bad in ("https://x/{sha}", "javascript:{commit}"):
        with pytest.raises(ConfigError, match="ota-url-template"):
            build_report(db, ota_url_template=bad)


def test_scraped_markup_is_escaped(findings):
    db, _ = findings
    page = build_report(db)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;document.title=&#39;pwned&#39;" in page
    assert "onerror=&#34;" in page
    assert "Now shared with &lt;b&gt;advertisers&lt;/b&gt; &amp; partners." in page


def test_filters_since_until_provider_topic_severity_backfill(findings):
    db, ids = findings

    def shown(**kw) -> set[int]:
        return {f["id"] for f in json.loads(build_report(db, fmt="json", **kw))["findings"]}

    assert shown(provider="quill") == {ids["keep"], ids["xss"]}
    # The factory's documents are recorded 2 days apart from 2026-03-04, in label order.
    assert ids["train"] not in shown(since=date(2026, 3, 6))
    assert shown(until=date(2026, 3, 6)) == {ids["train"]}
    assert shown(topic="sharing") == {ids["xss"]}
    assert shown(severity="high") == {ids["train"], ids["xss"]}
    assert ids["old"] not in shown(exclude_backfill=True)
    assert 'id="empty"' in build_report(db, since=date(2030, 1, 1))
    html = build_report(db, severity="high", exclude_backfill=True)
    meta = re.search(r'<p class="meta">Generated (.*?)</p>', html).group(1)
    assert "severity high or worse" in meta and "imported history left out" in meta


def test_status_filter_and_review_shown(findings):
    db, ids = findings
    review_finding(db, ids["keep"], "ack", note="sent to the DPO", reviewer="dana")
    review_finding(db, ids["train"], "dismiss", note="wording only", reviewer="dana")
    page = build_report(db)  # default: open and acked
    assert f'id="finding-{ids["train"]}"' not in page
    assert "Not shown: 1 dismissed" in page
    card = article(page, ids["keep"])
    assert '<span class="status status-acked">acked</span>' in card
    assert "Acked by dana, 2026-" in card and "sent to the DPO" in card
    dismissed = build_report(db, statuses=["dismissed"])
    assert f'id="finding-{ids["train"]}"' in dismissed and "wording only" in dismissed
    assert f'id="finding-{ids["keep"]}"' not in dismissed
    assert len(json.loads(build_report(db, fmt="json", statuses=None))["findings"]) == 4
    with pytest.raises(ConfigError):
        build_report(db, statuses=["done"])


def test_cli_report_options(findings, tmp_path):
    db, ids = findings
    review_finding(db, ids["xss"], "dismiss", note="not material")
    out = tmp_path / "r.json"
    args = [
        "--db",
        db,
        "report",
        "--format",
        "json",
        "-o",
        str(out),
        "--provider",
        "Quillmark Labs",
    ]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert {f["id"] for f in json.loads(out.read_text())["findings"]} == {ids["keep"]}
    run = CliRunner().invoke(main, [*args, "--status", "all", "--until", "2030-01-01"])
    assert run.exit_code == 0, run.output
    assert {f["id"] for f in json.loads(out.read_text())["findings"]} == {ids["keep"], ids["xss"]}
    bad = CliRunner().invoke(main, [*args, "--ota-url-template", "ftp://{commit}"])
    assert bad.exit_code == 2 and "ota-url-template" in bad.output


def test_markdown_and_json_formats(findings):
    db, ids = findings
    md = build_report(db, fmt="md", base_url="https://intranet.example/report.html")
    assert "| Quillmark Labs | retention | 0 | 0 | 1 | 0 | 1 |" in md
    assert f"https://intranet.example/report.html#finding-{ids['keep']}" in md
    assert "<script" not in md and "&lt;script&gt;" in md
    assert md.index("## Nimbus Minds") < md.index("## Quillmark Labs")
    data = json.loads(build_report(db, fmt="json", base_url="https://intranet.example/r.html"))
    by_id = {f["id"]: f for f in data["findings"]}
    xss = by_id[ids["xss"]]
    assert xss["new_text"] == XSS_NEW  # JSON carries the text as it is; consumers escape
    assert xss["url"] == f"https://intranet.example/r.html#finding-{ids['xss']}"
    assert xss["anchor"] == f"finding-{ids['xss']}" and xss["alert_key"].startswith("cw-")
    assert xss["status"] == "open" and by_id[ids["old"]]["version_url"].endswith(".md")
    assert {"provider": "Quillmark Labs", "topic": "sharing", "severity": "high", "count": 1} in (
        data["summary"]
    )
    assert [f["severity"] for f in data["findings"]] == ["critical", "high", "medium", "low"]
    with pytest.raises(ConfigError):
        build_report(db, fmt="pdf")


def test_write_report_is_atomic(tmp_path):
    out = tmp_path / "report.html"
    write_report(out, "<p>one</p>")
    write_report(out, "<p>two</p>")
    assert out.read_text() == "<p>two</p>" and [p.name for p in tmp_path.iterdir()] == [
        "report.html"
    ]


# --------------------------------------------------------------------------- headless Chromium


def chromium(tmp_path: Path, url: str, budget_ms: int = 2000) -> str:
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
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@needs_chromium
def test_report_in_headless_chromium_shows_findings_and_runs_no_script(tmp_path, findings):
    db, ids = findings
    page = build_report(db)
    # Prove the escaping itself: load the page WITHOUT its Content-Security-Policy too.
    no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert no_csp != page
    path = tmp_path / "report.html"
    write_report(path, no_csp)
    dom = chromium(tmp_path, path.as_uri())
    assert "<title>clausewatch report</title>" in dom  # the payload did not retitle the page
    assert 'id="xss-script"' not in dom and 'id="xss-img"' not in dom
    assert "<img" not in dom and "<script" not in dom
    # ... and the payload is visible as text.
    assert "&lt;script&gt;document.title='pwned';" in dom
    assert "&lt;img src=x onerror=" in dom
    assert '<table id="summary">' in dom and "Quillmark Labs" in dom
    for fid in ids.values():
        assert f'id="finding-{fid}"' in dom


@pytest.fixture(scope="module")
def backfill_report(tmp_path_factory):
    """A 60-finding report like a backfill (six providers, imported commits, reviews)."""
    base = tmp_path_factory.mktemp("backfill")
    f, ids = seeded_db(base, base / "b.duckdb", "backfill60", many_specs(60, per_group=6))
    for i, fid in enumerate(sorted(ids.values())):
        if i % 7 == 3:
            review_finding(f.db, fid, "ack", note="seen")
    page = build_report(f.db)
    (base / "report.html").write_text(page, encoding="utf-8")
    return base, page


@needs_chromium
def test_every_link_in_the_rendered_report_is_well_formed(backfill_report, tmp_path):
    base, page = backfill_report
    dom = chromium(tmp_path, (base / "report.html").as_uri())
    tree = lxml.html.fromstring(dom)
    ids = set(tree.xpath("//@id"))
    hrefs = tree.xpath("//a/@href")
    assert len(hrefs) > 200
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert re.match(r"https?://[a-z0-9.-]+(/[^\s\"<>]*)?$", href), href
    # Every provider in the contents, every count in the summary: anchors that exist.
    assert len(tree.xpath('//nav[@id="toc"]//a[starts-with(@href, "#provider-")]')) == 6
    assert tree.xpath('//table[@id="summary"]//a[starts-with(@href, "#only-")]')
    # The provider with markup in its name is shown as text.
    assert "Lumen &amp; Co &lt;Labs&gt;" in dom and "<Labs>" not in dom
    assert not tree.xpath("//script | //img | //iframe | //*[@onerror]")


HARNESS = """<!doctype html><meta charset="utf-8"><title>harness</title><pre id="out"></pre>
<script>
const frame = document.createElement("iframe");
frame.width = 1200; frame.height = 900;
document.body.appendChild(frame);
const pause = ms => new Promise(r => setTimeout(r, ms));
const shown = d => [...d.querySelectorAll("article.finding")]
  .filter(a => a.checkVisibility()).map(a => a.id);
async function run() {
  await new Promise(r => { frame.onload = r; frame.src = "report.html"; });
  const w = frame.contentWindow, d = frame.contentDocument, out = {};
  out.all = shown(d);
  for (const key of KEYS) { w.location.hash = "#only-" + key; await pause(30); out[key] = shown(d); }
  w.location.hash = "#top"; await pause(30); out.reset = shown(d);
  const section = d.querySelector("section.provider details");
  section.open = false; await pause(30); out.collapsed = shown(d);
  const inside = section.querySelector("article.finding").id;
  w.location.hash = "#" + inside; await pause(30);
  out.reopened = section.open; out.target = inside;
  document.getElementById("out").textContent = JSON.stringify(out);
}
run().catch(e => { document.getElementById("out").textContent = "ERROR " + e; });
</script>"""


@needs_chromium
def test_in_page_filters_and_sections_work_in_chromium(backfill_report, tmp_path):
    """Counts and quick filters show only their findings (CSS :target, no script in the
    report); a collapsed provider section hides its findings and reopens for a permalink."""
    base, page = backfill_report
    tree = lxml.html.fromstring(page)
    cards = {a.get("id"): set(a.get("class").split()) for a in tree.xpath("//article")}
    summary = tree.xpath('//table[@id="summary"]//a[starts-with(@href, "#only-")]/@href')
    keys = sorted({h[len("#only-") :] for h in summary} | {"s-critical", "live", "st-acked"})
    (base / "harness.html").write_text(HARNESS.replace("KEYS", json.dumps(keys)))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(base))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/harness.html"
        dom = chromium(tmp_path, url, budget_ms=10000)
    finally:
        server.shutdown()
        server.server_close()
    text = lxml.html.fromstring(dom).get_element_by_id("out").text_content()
    assert not text.startswith("ERROR"), text
    got = json.loads(text)
    assert sorted(got["all"]) == sorted(cards)
    for key in keys:
        expected = sorted(i for i, c in cards.items() if f"g-{key}" in c)
        assert expected and sorted(got[key]) == expected, key
    # A summary count shows as many findings as it says.
    for link in tree.xpath('//table[@id="summary"]//a[starts-with(@href, "#only-")]'):
        assert len(got[link.get("href")[len("#only-") :]]) == int(link.text_content())
    assert sorted(got["reset"]) == sorted(cards)
    first = tree.xpath('//section[@class="provider"]')[0]
    hidden = {a.get("id") for a in first.xpath(".//article")}
    assert sorted(got["collapsed"]) == sorted(set(cards) - hidden)
    assert got["reopened"] is True, "a permalink into a collapsed section opens it"
