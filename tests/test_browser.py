"""Pages that need a browser, through Debian's Chromium and scrapy-playwright, against 127.0.0.1.

The documents here only exist once the page's script has run: fetched plainly they are an
app shell or a bot check. Skipped (with the reason) where Chromium or scrapy-playwright is
missing; `.ci/run` installs both.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner
from faultsite import PARAGRAPHS
from httpsite import FAST_SETTINGS
from test_crawl import page, write_catalog

from clausewatch.cli import main
from clausewatch.pipelines.run import run_once
from clausewatch.store.versions import list_versions, version_fetchers
from clausewatch.watchers.browser import browser_unavailable
from clausewatch.watchers.catalog import load_catalog

SETTINGS = {**FAST_SETTINGS, "DOWNLOAD_TIMEOUT": 20}  # Chromium's first start can be slow here
needs_browser = pytest.mark.skipif(
    browser_unavailable() is not None, reason=f"no browser to test: {browser_unavailable()}"
)

# A single-page app: the document is fetched as JSON and written into the page by its script.
APP = """<!doctype html><html><head><title>Terms</title></head><body><div id="root"></div>
<noscript>You need to enable JavaScript to run this app.</noscript>
<script>
fetch("/api/terms.json").then(function (r) { return r.json(); }).then(function (d) {
  var main = document.createElement("main");
  main.innerHTML = "<h1>" + d.title + "</h1>" + d.paragraphs.map(function (p) {
    return "<p>" + p + "</p>"; }).join("");
  document.getElementById("root").appendChild(main);
});
</script></body></html>"""
TERMS = {"title": "Terms of Service", "paragraphs": PARAGRAPHS}

# A bot check that lets a browser through: its script replaces the page with the document.
DOC_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
BOT_CHECK = f"""<!doctype html><html><head><title>Just a moment...</title></head><body>
<h1>Checking your browser before accessing the site</h1><p>This is automatic. Ray ID: 5d1e2f.</p>
<script>document.body.innerHTML = "<main><h1>Data policy</h1>{DOC_HTML}</main>";</script>
</body></html>"""

# A shell whose script never arrives: a shell in the browser too.
DEAD_SHELL = """<!doctype html><html><head><script src="/static/missing.js"></script></head>
<body><div id="app"></div><noscript>Please enable JavaScript to continue.</noscript></body></html>"""


def _entry(name: str, path: str, extra: str = "") -> str:
    return (
        f'\n[[providers.quill.documents]]\nname = "{name}"\ntype = "terms"\n'
        f'url = "BASE{path}"\n{extra}\n'
    )


def _fetchers(db: str) -> dict[str, str]:
    versions = list_versions(db)
    by_id = version_fetchers(db, [v.id for v in versions])
    return {v.document.split("/")[1]: by_id[v.id] for v in versions}


def _serve_app(site, path: str) -> None:
    site.put(path, APP)
    site.put("/api/terms.json", json.dumps(TERMS), "application/json")


@needs_browser
def test_a_browser_entry_gets_the_document_its_script_renders(tmp_path, site, db):
    _serve_app(site, "/app")
    site.put("/plain", page("Privacy Policy"))
    cat = write_catalog(
        tmp_path, site, _entry("Terms", "/app", "browser = true") + _entry("Privacy", "/plain")
    )
    for run in range(2):
        out = run_once(db, load_catalog(cat), settings=SETTINGS)
        assert out.ok, out.failures
        assert out.run.new_versions == (2 if run == 0 else 0)  # the recrawl changes nothing
    texts = {v.document: v.text for v in list_versions(db)}
    assert "never use it to train or improve shared models" in texts["quill/terms"]
    assert texts["quill/terms"].startswith("# Terms of Service")
    assert "enable JavaScript" not in texts["quill/terms"]
    assert _fetchers(db) == {"terms": "browser", "privacy": "http"}
    assert len(site.requests_for("/api/terms.json")) == 2  # only a browser runs the script
    assert len(site.requests_for("/app")) == 2  # never fetched plainly
    result = CliRunner().invoke(main, ["--db", db, "versions", "--json"])
    assert result.exit_code == 0, result.output
    shown = {r["document"]: r["fetcher"] for r in json.loads(result.output)}
    assert shown == {"quill/terms": "browser", "quill/privacy": "http"}


@needs_browser
@pytest.mark.parametrize("kind", ["app_shell", "bot_check"])
def test_a_plain_fetch_of_a_shell_or_bot_check_falls_back_to_the_browser(tmp_path, site, db, kind):
    if kind == "app_shell":
        _serve_app(site, "/terms")
    else:
        site.put("/terms", BOT_CHECK)
    cat = write_catalog(tmp_path, site, _entry("Terms", "/terms"))  # no `browser = true`
    out = run_once(db, load_catalog(cat), settings=SETTINGS)
    assert out.ok, out.failures  # no fetch error: the browser got the document in this run
    (version,) = list_versions(db)
    assert "Request logs are kept for fourteen days" in version.text
    assert _fetchers(db) == {"terms": "browser"}
    # the plain fetch, then the browser's; the shell is kept as a snapshot neither time
    assert len(site.requests_for("/terms")) == 2
    con = duckdb.connect(db, read_only=True)
    try:
        rows = con.execute("SELECT fetcher FROM snapshots ORDER BY id").fetchall()
        errors = con.execute("SELECT count(*) FROM fetch_errors").fetchone()[0]
    finally:
        con.close()
    assert rows == [("browser",)] and errors == 0


@needs_browser
def test_a_shell_that_stays_a_shell_in_the_browser_is_one_fetch_error(tmp_path, site, db):
    site.put("/terms", DEAD_SHELL)
    cat = write_catalog(tmp_path, site, _entry("Terms", "/terms"))
    for _ in range(2):
        out = run_once(db, load_catalog(cat), settings=SETTINGS)
        (failure,) = out.failures
        assert failure.reason == "app_shell"
        assert "rendered in Chromium" in failure.message
    assert list_versions(db) == []
    assert len(site.requests_for("/terms")) == 4  # plain + browser, each run


def test_without_a_browser_shells_are_fetch_errors_and_snapshots_say_http(
    tmp_path, site, db, monkeypatch, caplog
):
    monkeypatch.setenv("CLAUSEWATCH_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert "not an executable" in (browser_unavailable() or "")
    _serve_app(site, "/app")
    site.put("/plain", page("Privacy Policy"))
    entries = _entry("Terms", "/app", "browser = true") + _entry("Privacy", "/plain")
    cat = write_catalog(tmp_path, site, entries)
    with caplog.at_level("WARNING"):
        out = run_once(db, load_catalog(cat), settings=FAST_SETTINGS)
    assert "1 documents need a browser (quill/terms)" in caplog.text
    assert "no-such-chromium is not an executable" in caplog.text
    (failure,) = out.failures
    assert failure.reason == "app_shell" and "rendered in Chromium" not in failure.message
    assert site.requests_for("/api/terms.json") == []
    assert _fetchers(db) == {"privacy": "http"}


@needs_browser
def test_the_fallback_can_be_turned_off(tmp_path, site, db):
    _serve_app(site, "/terms")
    cat = write_catalog(tmp_path, site, _entry("Terms", "/terms"))
    settings = {**SETTINGS, "CLAUSEWATCH_BROWSER_FALLBACK": False}
    (failure,) = run_once(db, load_catalog(cat), settings=settings).failures
    assert failure.reason == "app_shell"
    assert len(site.requests_for("/terms")) == 1 and site.requests_for("/api/terms.json") == []
