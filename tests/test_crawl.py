"""Real Scrapy crawls against a local HTTP server: versions, conditional GET, anomalies."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from httpsite import FAST_SETTINGS

from clausewatch.pipelines.run import run_once
from clausewatch.store.versions import list_versions
from clausewatch.watchers.catalog import load_catalog

BODY = """
<p>These terms explain how Quillmark Labs handles the prompts and files you send to our
service. We process customer content only to provide the service and we do not use it to
train our models unless you opt in through your workspace settings.</p>
<p>We keep API inputs and outputs for thirty days to detect abuse, after which they are
deleted from our systems. Sub-processors that help us run the service are listed below.</p>
"""


def page(title: str, body: str = BODY, extra: str = "") -> str:
    return f"""<!doctype html><html><head><title>{title}</title>
<script>var tracking = "should never appear";</script><style>p {{color: red}}</style></head>
<body><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<div id="cookie-banner">We use cookies. <button>Accept all</button></div>
<main><h1>{title}</h1>{body}{extra}</main>
<footer>© 2026 Quillmark Labs</footer></body></html>"""


def write_catalog(tmp_path, site, entries: str) -> str:
    path = tmp_path / "catalog.toml"
    path.write_text(
        '[providers.quill]\nname = "Quillmark Labs"\n' + entries.replace("BASE", site.base_url)
    )
    return str(path)


def doc(name: str, path: str, extra: str = "") -> str:
    return f'\n[[providers.quill.documents]]\nname = "{name}"\ntype = "terms"\nurl = "BASE{path}"\nselect = "main"\n{extra}\n'


def crawl(db, catalog_path, **kw):
    return run_once(db, load_catalog(catalog_path), settings=FAST_SETTINGS, **kw)


def test_first_crawl_creates_versions_and_recrawl_is_conditional(tmp_path, site, db):
    site.put("/terms", page("Terms of Service"))
    site.put("/privacy", page("Privacy Policy"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Privacy", "/privacy"))

    first = crawl(db, cat)
    assert first.ok and first.run.new_versions == 2
    versions = list_versions(db)
    assert {v.document for v in versions} == {"quill/terms", "quill/privacy"}
    text = next(v.text for v in versions if v.document == "quill/terms")
    assert text.startswith("# Terms of Service")
    assert "we do not use it to train our models unless you opt in" in text
    for junk in ("tracking", "Accept all", "Pricing", "color: red", "©"):
        assert junk not in text

    second = crawl(db, cat)
    assert second.ok and second.run.new_versions == 0
    assert len(list_versions(db)) == 2
    # the recrawl asked conditionally and the server answered 304
    assert "If-None-Match" in site.requests_for("/terms")[-1]
    v = next(v for v in list_versions(db) if v.document == "quill/terms")
    assert v.last_seen > v.first_seen


def test_changed_page_creates_exactly_one_new_version(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    crawl(db, cat)
    site.put("/terms", page("Terms", BODY.replace("thirty days", "five years")))
    out = crawl(db, cat)
    assert out.run.new_versions == 1
    texts = [v.text for v in list_versions(db, "quill/terms")]
    assert len(texts) == 2 and "five years" in texts[0] and "thirty days" in texts[1]
    # a change outside the selected area (the footer) is not a change
    site.put(
        "/terms", page("Terms", BODY.replace("thirty days", "five years")).replace("2026", "2027")
    )
    assert crawl(db, cat).run.new_versions == 0


def test_select_remove_and_combined_document(tmp_path, site, db):
    site.put("/a", page("Part A", extra='<div class="promo">Try our new model today</div>'))
    site.put(
        "/b",
        "<html><body><article id='doc'><h2>Part B</h2>"
        + BODY
        + "</article><aside>Related links</aside></body></html>",
    )
    entries = """
[[providers.quill.documents]]
name = "Data FAQ"
type = "faq"
select = "main"
remove = [".promo"]
[[providers.quill.documents.sources]]
url = "BASE/a"
[[providers.quill.documents.sources]]
url = "BASE/b"
select = "#doc"
"""
    cat = write_catalog(tmp_path, site, entries)
    assert crawl(db, cat).ok
    (v,) = list_versions(db)
    assert v.text.index("# Part A") < v.text.index("## Part B")
    assert "Try our new model" not in v.text and "Related links" not in v.text
    assert len(v.snapshots) == 2 and v.urls == (site.url("/a"), site.url("/b"))


def test_non_utf8_charset_is_decoded(tmp_path, site, db):
    html = page(
        "Conditions générales", BODY + "<p>Données conservées à Zürich pendant trente jours.</p>"
    )
    site.put("/fr", html.encode("iso-8859-1"), "text/html; charset=iso-8859-1")
    site.put(
        "/fr-meta",
        html.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"),
        "text/html",
    )
    cat = write_catalog(tmp_path, site, doc("FR", "/fr") + doc("FR meta", "/fr-meta"))
    assert crawl(db, cat).ok
    for v in list_versions(db):
        assert "Données conservées à Zürich" in v.text and "générales" in v.text


BAD_CASES = {
    "missing": ("/nope", "http_404", ""),
    "server-error": ("/status/500", "http_500", ""),
    "slow": ("/slow", "timeout", ""),
    "loop": ("/loop", "redirect_loop", ""),
    "huge": ("/huge", "too_large", ""),
    "empty": ("/empty", "empty", ""),
    "login": ("/login", "login_wall", ""),
    "selector-miss": ("/terms", "selector_miss", 'select = "#does-not-exist"'),
    "robots": ("/private/terms", "robots_disallowed", ""),
}


def test_anomalies_are_fetch_errors_never_versions(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    site.put("/private/terms", page("Terms"))
    site.put("/empty", "<html><body><main><h1>Terms</h1>\n</main></body></html>")
    site.put(
        "/login",
        page(
            "Sign in",
            "<p>Please sign in to continue.</p><form><input name=email>"
            "<button>Log in</button></form><p>Forgot your password?</p>",
        ),
    )
    entries = ""
    for name, (path, _, extra) in BAD_CASES.items():
        entries += f'\n[[providers.quill.documents]]\nname = "{name}"\ntype = "terms"\nurl = "BASE{path}"\n{extra}\n'
    cat = write_catalog(tmp_path, site, entries)
    out = crawl(db, cat)
    assert not out.ok and out.run.new_versions == 0
    reasons = {f.document.split("/")[1]: f.reason for f in out.failures}
    assert reasons == {name: reason for name, (_, reason, _) in BAD_CASES.items()}
    assert list_versions(db) == []
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from versions").fetchone() == (0,)
        assert con.execute("select count(distinct document_key) from fetch_errors").fetchone() == (
            9,
        )


def test_a_failing_page_does_not_replace_the_last_good_version(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    crawl(db, cat)
    site.put("/terms", "<html><body><main></main></body></html>")
    out = crawl(db, cat)
    assert [f.reason for f in out.failures] == ["empty"]
    (v,) = list_versions(db)
    assert "thirty days" in v.text


def test_second_process_reads_the_data_and_query_refuses_to_write(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    crawl(db, cat)
    code = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True);"
        'print(con.execute("select document, chars from latest_versions").fetchall())'
    )
    out = subprocess.run(
        [sys.executable, "-c", code, db], capture_output=True, text=True, check=True
    )
    assert "quill/terms" in out.stdout

    cli = [sys.executable, "-m", "clausewatch.cli", "--db", db, "query"]
    ok = subprocess.run(
        cli + ["select count(*) as n from versions", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and '"n": 1' in ok.stdout
    bad = subprocess.run(cli + ["delete from versions"], capture_output=True, text=True)
    assert bad.returncode != 0 and "read-only" in bad.stderr
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from versions").fetchone() == (1,)


@pytest.mark.parametrize("only,expected", [("quill", 2), ("quill/privacy", 1)])
def test_only_restricts_the_crawl(tmp_path, site, db, only, expected):
    site.put("/terms", page("Terms"))
    site.put("/privacy", page("Privacy"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Privacy", "/privacy"))
    assert crawl(db, cat, only=[only]).run.new_versions == expected


def test_a_killed_crawl_leaves_a_consistent_store_and_the_next_run_completes(tmp_path, site):
    """SIGKILL the whole crawl (parent and crawler child) mid-run, then run again."""
    import os
    import signal
    import time

    site.put("/terms", page("Terms"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Slow", "/slow"))
    db = str(tmp_path / "kill.duckdb")
    cli = [sys.executable, "-m", "clausewatch.cli", "--catalog", cat, "--db", db, "crawl"]
    proc = subprocess.Popen(
        cli, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(p == "/slow" for p, _ in site.requests):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its crawler child, mid-fetch
    proc.wait()

    again = subprocess.run(cli, capture_output=True, text=True)
    assert again.returncode in (0, 1), again.stderr
    with duckdb.connect(db, read_only=True) as con:
        runs = con.execute("select status from crawl_runs order by id").fetchall()
        per_doc = con.execute(
            "select document_key, count(*) from versions group by 1 order by 1"
        ).fetchall()
    assert runs[0] == ("interrupted",) and runs[-1][0] in ("ok", "partial")
    assert ("quill/terms", 1) in per_doc  # recorded once, whether or not the killed run got to it


def test_pdf_document_becomes_a_version(tmp_path, site, db):
    from httpsite import make_pdf

    paragraphs = [
        "Data Processing Addendum",
        "Quillmark Labs processes Customer Personal Data only on documented instructions.",
        "Quillmark Labs will not use Customer Data to train or improve its models.",
        "Customer Data is deleted within thirty days after the end of the Agreement.",
        "Sub-processors are listed on our website and Customer is notified of changes.",
    ]
    site.put("/dpa.pdf", make_pdf(paragraphs), "application/pdf")
    cat = write_catalog(
        tmp_path,
        site,
        '\n[[providers.quill.documents]]\nname = "DPA"\ntype = "dpa"\nurl = "BASE/dpa.pdf"\n',
    )
    out = crawl(db, cat)
    assert out.ok, out.failures
    (v,) = list_versions(db)
    assert "will not use Customer Data to train" in v.text
    assert "deleted within thirty days" in v.text


def test_reextract_rebuilds_versions_from_snapshots_without_alerting(tmp_path, site, db):
    from clausewatch.pipelines.reextract import reextract
    from clausewatch.store.findings import list_findings

    promo = (
        '<div class="promo"><p>Partners: we may sell your personal data to advertisers.</p></div>'
    )
    site.put("/terms", page("Terms", BODY + promo))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    crawl(db, cat)
    site.put("/terms", page("Terms", BODY.replace("thirty days", "five years") + promo))
    crawl(db, cat)
    before = {f.id for f in list_findings(db)}
    assert before  # retention grew: a real finding

    fixed = write_catalog(tmp_path, site, doc("Terms", "/terms", 'remove = [".promo"]'))
    result = reextract(db, load_catalog(fixed))
    assert len(result.changed) == 2
    texts = [v.text for v in list_versions(db)]
    assert len(texts) == 2 and not any("advertisers" in t for t in texts)
    assert {f.id for f in list_findings(db)} == before  # nothing new to alert
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select bool_and(technical) from versions").fetchone() == (True,)
        new = con.execute("select count(*) from findings where not technical").fetchone()[0]
    assert new == len(before)
    # the next crawl with the fixed catalog sees the same text: no new version
    assert run_once(db, load_catalog(fixed), settings=FAST_SETTINGS).run.new_versions == 0


NOT_DOCUMENTS = {
    # name: (body, content type, reason)
    "consent": (None, "text/html; charset=utf-8", "consent_wall"),
    "bot": (
        b"<html><head><title>Just a moment...</title></head><body><h1>Checking your browser"
        b" before accessing the site</h1><p>Ray ID: 7f3a9c</p></body></html>",
        "text/html",
        "bot_check",
    ),
    "soft404": (
        b"<html><body><main><h1>Page not found</h1><p>Sorry.</p></main></body></html>",
        "text/html",
        "soft_404",
    ),
    "maintenance": (
        b"<html><body><h1>Down for maintenance</h1><p>We'll be back soon.</p></body></html>",
        "text/html",
        "maintenance",
    ),
    "shell": (
        b'<html><head><script src="/app.js"></script></head><body><div id="root"></div>'
        b"</body></html>",
        "text/html",
        "app_shell",
    ),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50, "image/png", "content_type"),
    "random": (bytes(range(256)) * 50, "text/html", "binary"),
    "nul": (b"\x00" * 4000, "text/html; charset=utf-8", "binary"),
    "soup": ("\ufffd".encode() * 3000, "text/html; charset=utf-8", "decode"),
    "zero": (b"", "text/html", "empty"),
    "blank": (b"  \n\n \t ", "text/html", "empty"),
}


def test_pages_that_are_not_documents_are_fetch_errors_on_every_crawl(tmp_path, site, db):
    from test_parsers_quality import CONSENT_ONLY, POLICY_WITH_BANNER

    entries = doc("Policy", "/policy")
    site.put("/policy", POLICY_WITH_BANNER)
    for name, (body, content_type, _) in NOT_DOCUMENTS.items():
        site.put(f"/{name}", CONSENT_ONLY if body is None else body, content_type)
        entries += (
            f'\n[[providers.quill.documents]]\nname = "{name}"\ntype = "terms"\n'
            f'url = "BASE/{name}"\n'
        )
    cat = write_catalog(tmp_path, site, entries)
    expected = {name: reason for name, (_, _, reason) in NOT_DOCUMENTS.items()}
    for _ in range(2):  # the recrawl (conditional GET, cached bodies) decides the same
        out = crawl(db, cat)
        assert {f.document.split("/")[1]: f.reason for f in out.failures} == expected
        for failure in out.failures:
            assert failure.message.strip() and failure.url in failure.message
        assert "update `select`" not in " ".join(f.message for f in out.failures)
        (v,) = list_versions(db)
        assert v.document == "quill/policy" and "We use cookies only to keep" in v.text


def test_versions_extracted_by_another_parser_are_reported_with_the_way_to_rebuild(
    tmp_path, site, db, caplog
):
    from clausewatch.parsers.version import PARSER_VERSION
    from clausewatch.store.versions import versions_from_other_parser

    site.put("/terms", page("Terms of Service"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    assert crawl(db, cat).ok
    assert versions_from_other_parser(db, PARSER_VERSION) == 0
    with duckdb.connect(db) as con:  # as if an earlier release had extracted it
        con.execute("UPDATE versions SET parser_version = 'older'")
    assert versions_from_other_parser(db, PARSER_VERSION) == 1
    site.put("/terms", page("Terms of Service", extra="<p>We now answer within a day.</p>"))
    with caplog.at_level("WARNING"):
        assert crawl(db, cat).ok
    assert any("clausewatch reextract" in r.getMessage() for r in caplog.records)


def test_a_paragraph_added_to_every_document_of_a_provider_is_one_finding(tmp_path, site, db):
    from clausewatch.store.findings import list_findings

    site.put("/terms", page("Terms of Service"))
    site.put("/privacy", page("Privacy Policy"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Privacy", "/privacy"))
    assert crawl(db, cat).ok
    banner = "<p>We may share your conversations with advertising partners to show you ads.</p>"
    site.put("/terms", page("Terms of Service", extra=banner))
    site.put("/privacy", page("Privacy Policy", extra=banner))
    second = crawl(db, cat)
    shown = [f for f in list_findings(db) if f.topic == "sharing"]
    everything = [f for f in list_findings(db, include_duplicates=True) if f.topic == "sharing"]
    assert len(shown) == 1 and len(everything) == 2
    assert second.finding_ids == [shown[0].id]


def test_a_repeat_is_marked_in_the_analysis_that_records_it(tmp_path, site, db):
    """Marking a banner's repeats is part of each version's analysis transaction: no crash
    between analysis and alerting can leave the repeat unmarked, to be alerted next run."""
    from clausewatch.pipelines.analyze import analyze_pending
    from clausewatch.pipelines.crawl import run_crawl
    from clausewatch.store.findings import list_findings

    site.put("/terms", page("Terms of Service"))
    site.put("/privacy", page("Privacy Policy"))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms") + doc("Privacy", "/privacy"))
    assert crawl(db, cat).ok
    banner = "<p>We may share your conversations with advertising partners to show you ads.</p>"
    site.put("/terms", page("Terms of Service", extra=banner))
    site.put("/privacy", page("Privacy Policy", extra=banner))
    catalog = load_catalog(cat)
    run_crawl(db, catalog, list(catalog.documents), settings=FAST_SETTINGS)
    analysis = analyze_pending(db)  # what a run commits before it alerts
    everything = [f for f in list_findings(db, include_duplicates=True) if f.topic == "sharing"]
    assert len(everything) == 2
    first, repeat = sorted(everything, key=lambda f: f.id)
    assert repeat.duplicate_of == first.id and first.duplicate_of is None
    assert analysis.finding_ids == [first.id] and analysis.duplicates == 1
