"""One history per document: OTA imports mapped onto the catalog, texts filed twice recorded once.

The fixtures are a fictional provider, Quillmark Labs, whose privacy policy Open Terms Archive
files under two services ("Quill Chat" and "Quill Studio"), plus a service no catalog knows.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner
from test_alerts import config, statuses
from test_cli import POLICY_V1, POLICY_V2, _git
from test_crawl import crawl, write_catalog

from clausewatch.cli import main
from clausewatch.errors import CatalogError
from clausewatch.pipelines.evaluate import scoring_records
from clausewatch.pipelines.ota_import import import_ota
from clausewatch.store.findings import list_findings
from clausewatch.store.versions import list_versions
from clausewatch.watchers.catalog import load_catalog, select_documents, validate_catalog_file

NO_ALERTS = config([])
OTHER = "# Terms\n\nWe keep logs for 7 days.\n"
OTHER_V2 = "# Terms\n\nWe keep logs for 7 years.\n"


def ota_repo(path, steps):
    """A versions repository: one commit per (service, document, text, date); commit shas."""
    path.mkdir()
    _git(path, "init", "-q")
    shas = {}
    for service, document, text, date in steps:
        (path / service).mkdir(exist_ok=True)
        (path / service / f"{document}.md").write_text(text)
        _git(path, "add", "-A")
        _git(path, "commit", "-q", "-m", "Record", date=date)
        shas[(service, document, date)] = _git(path, "rev-parse", "HEAD").strip()
    return shas


# The same policy filed under two services, a minute apart; and an unknown service.
STEPS = [
    ("Quill Chat", "Privacy Policy", POLICY_V1, "2024-01-05T10:00:00+00:00"),
    ("Quill Studio", "Privacy Policy", POLICY_V1, "2024-01-05T10:01:00+00:00"),
    ("Inkwell", "Terms of Service", OTHER, "2024-01-06T10:00:00+00:00"),
    ("Quill Chat", "Privacy Policy", POLICY_V2, "2024-03-09T10:00:00+00:00"),
    ("Quill Studio", "Privacy Policy", POLICY_V2, "2024-03-09T10:01:00+00:00"),
    ("Inkwell", "Terms of Service", OTHER_V2, "2024-03-10T10:00:00+00:00"),
]

MAPPED = """
[providers.quill]
name = "Quillmark Labs"
ota_services = ["Quill Chat"]

[[providers.quill.documents]]
name = "Privacy Policy"
id = "privacy"
type = "privacy_policy"
url = "https://quill.example/privacy"
ota = ["Quill Chat/Privacy Policy", "quill studio/privacy policy"]
"""


def write(tmp_path, text: str, name: str = "catalog.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# --------------------------------------------------------------------------- catalog


def test_catalog_names_ota_documents_and_services(tmp_path):
    cat = load_catalog(write(tmp_path, MAPPED))
    assert cat.document("quill/privacy").ota == (
        "Quill Chat/Privacy Policy",
        "quill studio/privacy policy",
    )
    assert cat.provider("quill").ota_services == ("Quill Chat",)
    # a provider is found by its id, its name or one of its OTA services, in any case
    for handle in ("quill", "Quillmark Labs", "QUILL CHAT"):
        assert [d.key for d in select_documents(cat, [handle])] == ["quill/privacy"]
    assert [d.key for d in select_documents(cat, ["Quillmark Labs/privacy"])] == ["quill/privacy"]


def test_catalog_ota_mistakes_are_clear_errors(tmp_path):
    bad = MAPPED.replace(
        'ota_services = ["Quill Chat"]', 'ota_services = ["Quill Chat", "Quill/Chat"]'
    )
    bad = bad.replace('"quill studio/privacy policy"', '"Quill Studio"')
    bad += """
[[providers.quill.documents]]
name = "Terms"
type = "terms"
url = "https://quill.example/terms"
ota = "Quill Chat/Privacy Policy"

[providers.ink]
name = "Ink"
ota_services = ["quill chat"]
[[providers.ink.documents]]
name = "Terms"
type = "terms"
url = "https://ink.example/terms"
"""
    path = write(tmp_path, bad)
    problems = validate_catalog_file(path)
    assert len(problems) == 4, problems
    text = "\n".join(problems)
    assert "providers.quill.ota_services[1]: got 'Quill/Chat'" in text
    assert "providers.quill.documents[0].ota[1]: got 'Quill Studio'; expected" in text
    assert "is already the history of quill/privacy" in text
    assert "providers.ink.ota_services[0]: OTA service 'quill chat' already belongs" in text
    with pytest.raises(CatalogError):
        load_catalog(path)
    result = CliRunner().invoke(main, ["--catalog", path, "catalog", "validate"])
    assert result.exit_code == 2
    assert f"{path}:11: providers.quill.documents[0].ota[1]" in result.output


def test_built_in_catalog_maps_ota_documents_once():
    cat = load_catalog()
    names = [n.casefold() for d in cat.documents for n in d.ota]
    assert names and len(names) == len(set(names))
    assert "Claude.ai" in cat.provider("anthropic").ota_services


# --------------------------------------------------------------------------- import


def test_mapped_import_is_the_catalog_document_and_records_a_text_filed_twice_once(tmp_path):
    shas = ota_repo(tmp_path / "versions", STEPS)
    db = str(tmp_path / "ota.duckdb")
    cat = write(tmp_path, MAPPED)
    result = CliRunner().invoke(
        main, ["--db", db, "--catalog", cat, "import-ota", str(tmp_path / "versions")]
    )
    assert result.exit_code == 0, result.output
    assert "imported 4 new versions (6 seen, 2 filed twice) of 2 documents" in result.output
    assert result.output.strip().splitlines()[-1] == "not in the catalog: Inkwell (inkwell)"

    versions = list_versions(db, "quill/privacy", newest_first=False)
    assert [v.text for v in versions] == [POLICY_V1, POLICY_V2]
    assert {v.document for v in list_versions(db)} == {"quill/privacy", "inkwell/terms-of-service"}
    with duckdb.connect(db, read_only=True) as con:
        name, urls = con.execute(
            "SELECT name, urls FROM documents WHERE key = 'quill/privacy'"
        ).fetchone()
        assert (name, urls) == ("Privacy Policy", ["https://quill.example/privacy"])
        assert con.execute("SELECT count(*) FROM ota_sources").fetchone()[0] == 6

    training = [f for f in list_findings(db) if f.topic == "training_use"]
    assert len(training) == 1  # not once per service
    assert training[0].document == "quill/privacy" and training[0].provider_name == "Quillmark Labs"
    assert [(s["service"], s["commit"]) for s in training[0].ota] == [
        ("Quill Chat", shas[("Quill Chat", "Privacy Policy", "2024-03-09T10:00:00+00:00")]),
        ("Quill Studio", shas[("Quill Studio", "Privacy Policy", "2024-03-09T10:01:00+00:00")]),
    ]

    before = [f.id for f in list_findings(db, include_duplicates=True)]
    again = CliRunner().invoke(
        main, ["--db", db, "--catalog", cat, "import-ota", str(tmp_path / "versions")]
    )
    assert "imported 0 new versions" in again.output and "; 0 findings," in again.output
    assert [f.id for f in list_findings(db, include_duplicates=True)] == before


def test_scoring_export_keeps_each_ota_service_event(tmp_path):
    shas = ota_repo(tmp_path / "versions", STEPS)
    db = str(tmp_path / "ota.duckdb")
    import_ota(
        db, tmp_path / "versions", alerts=NO_ALERTS, catalog=load_catalog(write(tmp_path, MAPPED))
    )
    from clausewatch.output.findings import FINDING_COLUMNS

    rows = [dict(zip(FINDING_COLUMNS, r, strict=True)) for r in scoring_records(db)]
    training = {
        (r["service"], r["document"], r["commit"]) for r in rows if r["topic"] == "training_use"
    }
    assert training == {
        (
            "Quill Chat",
            "Privacy Policy",
            shas[("Quill Chat", "Privacy Policy", "2024-03-09T10:00:00+00:00")],
        ),
        (
            "Quill Studio",
            "Privacy Policy",
            shas[("Quill Studio", "Privacy Policy", "2024-03-09T10:01:00+00:00")],
        ),
    }
    retention = {r["service"] for r in rows if r["topic"] == "retention"}
    assert retention == {"Inkwell"}  # an unmapped service is scored under its own name


def test_a_service_catching_up_with_a_text_is_not_a_new_version(tmp_path):
    """Quill Studio records V2 and V3 before Quill Chat records V2: no V3 -> V2 -> V3 flapping."""
    v3 = POLICY_V2.replace("30 days", "5 years")
    steps = [
        ("Quill Chat", "Privacy Policy", POLICY_V1, "2024-01-05T10:00:00+00:00"),
        ("Quill Studio", "Privacy Policy", POLICY_V2, "2024-02-01T10:00:00+00:00"),
        ("Quill Studio", "Privacy Policy", v3, "2024-02-10T10:00:00+00:00"),
        ("Quill Chat", "Privacy Policy", POLICY_V2, "2024-02-20T10:00:00+00:00"),
        ("Quill Chat", "Privacy Policy", v3, "2024-02-21T10:00:00+00:00"),
    ]
    ota_repo(tmp_path / "versions", steps)
    db = str(tmp_path / "ota.duckdb")
    report = import_ota(
        db, tmp_path / "versions", alerts=NO_ALERTS, catalog=load_catalog(write(tmp_path, MAPPED))
    )
    assert [v.text for v in list_versions(db, "quill/privacy", newest_first=False)] == [
        POLICY_V1,
        POLICY_V2,
        v3,
    ]
    assert (report.versions_new, report.repeats) == (3, 2)
    topics = sorted(f.topic for f in list_findings(db))
    assert topics.count("training_use") == 1 and topics.count("retention") == 1


def test_unmapped_services_with_identical_texts_are_listed_and_alerted_once(tmp_path, webhook):
    ota_repo(tmp_path / "versions", STEPS)
    db = str(tmp_path / "ota.duckdb")
    alerts = config([{"name": "hook", "url": webhook.url(), "include_backfill": True}])
    report = import_ota(db, tmp_path / "versions", alerts=alerts, catalog=None)
    keys = {v.document for v in list_versions(db)}
    assert keys == {
        "quill-chat/privacy-policy",
        "quill-studio/privacy-policy",
        "inkwell/terms-of-service",
    }  # each keeps its own history ...
    assert set(report.not_in_catalog) == {"Quill Chat", "Quill Studio", "Inkwell"}
    shown = [f for f in list_findings(db) if f.topic == "training_use"]
    everything = [
        f for f in list_findings(db, include_duplicates=True) if f.topic == "training_use"
    ]
    assert [f.document for f in shown] == ["quill-chat/privacy-policy"]  # ... but news once
    assert len(everything) == 2 and everything[1].duplicate_of == shown[0].id
    assert report.duplicates >= 1 and everything[1].id not in report.analysis.finding_ids
    state = statuses(db)
    assert state[everything[1].id] == "skipped"
    assert state[shown[0].id] != "skipped"
    out = CliRunner().invoke(
        main, ["--db", db, "findings", "--topic", "training_use", "--format", "json"]
    )
    assert [r["document_key"] for r in json.loads(out.output)] == ["quill-chat/privacy-policy"]
    # the eval still sees both services' events
    services = {r[1] for r in scoring_records(db) if r[9] == "training_use"}
    assert services == {"Quill Chat", "Quill Studio"}


def _policy(train: str, keep: str) -> tuple[str, str]:
    """(OTA's text, the page a crawl reads) of a policy that trains as `train`, keeps `keep`."""
    sections = [("1. Training", train), ("2. Retention", f"We keep your conversations for {keep}.")]
    sections += [
        (f"{n}. Section {n}", f"This section explains how part {n} of the service works.")
        for n in range(3, 9)
    ]
    text = "# Privacy Policy\n\n" + "".join(f"## {h}\n\n{p}\n\n" for h, p in sections)
    html = "".join(f"<h2>{h}</h2><p>{p}</p>" for h, p in sections)
    return (
        text,
        f"<!doctype html><html><body><main><h1>Privacy Policy</h1>{html}</main></body></html>",
    )


def test_a_crawl_continues_the_imported_history(tmp_path, site):
    db = str(tmp_path / "ota.duckdb")
    no, opt_out = (
        "We do not train our models on your data.",
        "We train our models on your data unless you opt out.",
    )
    steps = [
        ("Quill Chat", "Privacy Policy", _policy(no, "30 days")[0], "2024-01-05T10:00:00+00:00"),
        (
            "Quill Chat",
            "Privacy Policy",
            _policy(opt_out, "30 days")[0],
            "2024-03-09T10:00:00+00:00",
        ),
    ]
    ota_repo(tmp_path / "versions", steps)
    entries = '\n[[providers.quill.documents]]\nname = "Privacy Policy"\nid = "privacy"\ntype = "privacy_policy"\nurl = "BASE/privacy"\nselect = "main"\nota = ["Quill Chat/Privacy Policy"]\n'
    cat = write_catalog(tmp_path, site, entries)
    import_ota(db, tmp_path / "versions", alerts=NO_ALERTS, catalog=load_catalog(cat))
    imported = list_versions(db, "quill/privacy", newest_first=False)
    assert len(imported) == 2
    site.put("/privacy", _policy(opt_out, "5 years")[1])
    outcome = crawl(db, cat, alerts=NO_ALERTS)
    assert outcome.ok, (outcome.failures, outcome.delivery)
    history = list_versions(db, "quill/privacy", newest_first=False)
    assert [v.id for v in history[:2]] == [v.id for v in imported] and len(history) == 3
    assert history[2].first_seen > history[1].first_seen and history[2].commit is None
    new = [f for f in list_findings(db) if not f.backfill]
    assert new and all(f.old_version_id == imported[-1].id for f in new)
    assert any(f.topic == "retention" and "30 days" in (f.old_text or "") for f in new)
    assert not any(f.topic == "training_use" for f in new)  # unchanged since the last import


# --------------------------------------------------------------------------- provider filters


@pytest.mark.parametrize(
    "handle", ["quill", "Quillmark Labs", "Quill Chat", "quill-chat", "QUILL STUDIO"]
)
def test_provider_filters_take_the_id_the_name_or_an_ota_service(tmp_path, handle):
    ota_repo(tmp_path / "versions", STEPS)
    db = str(tmp_path / "ota.duckdb")
    import_ota(
        db, tmp_path / "versions", alerts=NO_ALERTS, catalog=load_catalog(write(tmp_path, MAPPED))
    )
    out = CliRunner().invoke(
        main, ["--db", db, "findings", "--provider", handle, "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    assert {r["provider"] for r in json.loads(out.output)} == {"quill"}


def test_an_unknown_provider_is_an_error_not_an_empty_list(tmp_path):
    ota_repo(tmp_path / "versions", STEPS)
    db = str(tmp_path / "ota.duckdb")
    cat = write(tmp_path, MAPPED)
    import_ota(db, tmp_path / "versions", alerts=NO_ALERTS, catalog=load_catalog(cat))
    for args in (
        ["findings", "--provider", "Nobody"],
        ["--catalog", cat, "catalog", "list", "--provider", "Nobody"],
    ):
        out = CliRunner().invoke(main, ["--db", db, *args])
        assert out.exit_code != 0 and "no provider 'Nobody'" in out.output, out.output
    listed = CliRunner().invoke(
        main, ["--catalog", cat, "catalog", "list", "--provider", "Quillmark Labs"]
    )
    assert listed.exit_code == 0 and "quill/privacy" in listed.output


# --------------------------------------------------------------------------- migration


def test_migration_keeps_the_ota_records_of_an_earlier_import(tmp_path, monkeypatch):
    """A database imported before migration 7 keeps its OTA names: a re-import adds nothing."""
    from clausewatch.store import db as store_db

    shas = ota_repo(tmp_path / "versions", STEPS[:1] + STEPS[3:4])
    path = str(tmp_path / "old.duckdb")
    monkeypatch.setattr(store_db, "MIGRATIONS", [m for m in store_db.MIGRATIONS if m[0] < 7])
    monkeypatch.setattr(store_db, "VIEWS", "SELECT 1")
    monkeypatch.setattr(store_db, "COMMENTS", "SELECT 1")
    store_db.migrate(path)
    with duckdb.connect(path) as con:  # what an import before this change left
        con.execute(
            "INSERT INTO crawl_runs (kind, started_at, status) VALUES ('import', now(), 'ok')"
        )
        con.execute("INSERT INTO providers VALUES ('quill-chat', 'Quill Chat')")
        con.execute(
            "INSERT INTO documents VALUES ('quill-chat/privacy-policy', 'quill-chat',"
            " 'Privacy Policy', 'privacy_policy', [])"
        )
        for text, (_, _, _, date) in ((POLICY_V1, STEPS[0]), (POLICY_V2, STEPS[3])):
            con.execute(
                "INSERT INTO versions (document_key, text, text_sha256, first_seen, last_seen,"
                " snapshots, urls, commit, parser_version, run_id) VALUES"
                " ('quill-chat/privacy-policy', $x, 'h', $t, $t, [], [], $c, 'p', 1)",
                {"x": text, "t": date, "c": shas[("Quill Chat", "Privacy Policy", date)]},
            )
    monkeypatch.undo()
    store_db.migrate(path)
    with duckdb.connect(path, read_only=True) as con:
        rows = con.execute(
            "SELECT service, document, commit FROM ota_sources ORDER BY recorded_at"
        ).fetchall()
    assert rows == [
        ("Quill Chat", "Privacy Policy", shas[("Quill Chat", "Privacy Policy", d)])
        for d in (STEPS[0][3], STEPS[3][3])
    ]
    report = import_ota(path, tmp_path / "versions", alerts=NO_ALERTS, catalog=None)
    assert report.versions_new == 0


# --------------------------------------------------------------------------- banners

BANNER = "\nWe may use your conversations to train our models unless you opt out.\n"
TERMS = "# Terms\n\nYou must be 18 to use Nimbus.\n\nFees are charged monthly.\n"
PRIVACY = "# Privacy\n\nWe keep your conversations for 30 days.\n\nWe answer requests by email.\n"


def _banner_import(tmp_path, second_date: str):
    steps = [
        ("Nimbus", "Terms of Service", TERMS, "2024-01-05T10:00:00+00:00"),
        ("Nimbus", "Privacy Policy", PRIVACY, "2024-01-05T10:01:00+00:00"),
        ("Nimbus", "Terms of Service", TERMS + BANNER, "2024-02-01T10:00:00+00:00"),
        ("Nimbus", "Privacy Policy", PRIVACY + BANNER, second_date),
    ]
    ota_repo(tmp_path / "versions", steps)
    db = str(tmp_path / "ota.duckdb")
    import_ota(db, tmp_path / "versions", alerts=NO_ALERTS, catalog=None)
    shown = [f for f in list_findings(db) if f.topic == "training_use"]
    everything = [
        f for f in list_findings(db, include_duplicates=True) if f.topic == "training_use"
    ]
    return shown, everything


def test_a_sentence_added_to_every_document_of_a_provider_at_once_is_reported_once(tmp_path):
    shown, everything = _banner_import(tmp_path, "2024-02-01T10:05:00+00:00")
    assert len(shown) == 1 and len(everything) == 2
    duplicate = next(f for f in everything if f.duplicate_of is not None)
    assert duplicate.duplicate_of == shown[0].id and duplicate.document != shown[0].document


def test_the_same_sentence_added_a_month_later_elsewhere_is_news_again(tmp_path):
    shown, _ = _banner_import(tmp_path, "2024-03-05T10:00:00+00:00")
    assert {f.document for f in shown} == {"nimbus/terms-of-service", "nimbus/privacy-policy"}


def test_import_reads_each_text_once_when_its_chunk_is_imported(tmp_path, monkeypatch):
    """The source lists every version up front; a text is read only for its own chunk, so the
    import holds a few texts of one document, and a document OTA files under two services is
    still one history."""
    from pathlib import Path

    from clausewatch.pipelines import ota_import, ota_source

    root = tmp_path / "dataset"
    for service, document, text, date in STEPS:
        folder = root / service / document
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{date[:19].replace(':', '-')}Z.md").write_text(text)
    events: list[tuple[str, str | None]] = []
    read_file, checkpoint = ota_source._read_file, ota_import.checkpoint

    def reading(path: str) -> str:
        events.append(("text", Path(path).parts[-3]))
        return read_file(path)

    def passing(point: str, document: str | None = None) -> None:
        events.append((point, document))
        checkpoint(point, document)

    monkeypatch.setattr(ota_source, "_read_file", reading)
    monkeypatch.setattr(ota_import, "checkpoint", passing)
    monkeypatch.setattr(ota_import, "CHUNK", 2)
    db = str(tmp_path / "ota.duckdb")
    report = import_ota(db, root, alerts=NO_ALERTS, catalog=load_catalog(write(tmp_path, MAPPED)))

    reads = [service for what, service in events if what == "text"]
    assert sorted(reads) == sorted(service for service, *_ in STEPS)  # each text once
    committed = [i for i, (what, _) in enumerate(events) if what == "import.document_committed"]
    first_quill = next(i for i, (what, s) in enumerate(events) if what == "text" and "Quill" in s)
    assert committed[0] < first_quill  # nothing of quill/privacy read while inkwell is imported
    spans = zip([-1, *committed], committed, strict=False)
    assert max(sum(events[j][0] == "text" for j in range(a + 1, b)) for a, b in spans) == 2
    assert [v.text for v in list_versions(db, "quill/privacy", newest_first=False)] == [
        POLICY_V1,
        POLICY_V2,
    ]
    assert (report.versions_seen, report.versions_new, report.repeats) == (6, 4, 2)
