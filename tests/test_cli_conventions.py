"""CLI conventions shared by every command: global options anywhere, output formats, limits."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from findings_factory import DEFAULTS, RETENTION_SPEC, seeded_db

from clausewatch.cli import main

SPECS = {
    "train": {},  # nimbus (Nimbus Minds) privacy policy, training use broader, high
    "keep": RETENTION_SPEC,
    "share": {
        "provider": "quill",
        "topic": "sharing",
        "kind": "sharing_new_party",
        "severity": "critical",
        "summary": "Conversations are now shared with advertising partners.",
    },
}


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("templates")


@pytest.fixture
def seeded(template_dir, tmp_path):
    target = tmp_path / "seeded.duckdb"
    _, ids = seeded_db(template_dir, target, "conventions", SPECS)
    return str(target), ids


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_global_options_work_after_the_command(seeded):
    db, ids = seeded
    before = run("--db", db, "findings", "--format", "json")
    after = run("findings", "--format", "json", "--db", db)
    assert after.exit_code == 0, after.output
    assert json.loads(after.output) == json.loads(before.output)
    assert {f["id"] for f in json.loads(after.output)} == set(ids.values())


def test_global_options_after_a_subgroup_command(seeded, tmp_path):
    db, _ = seeded
    result = run("alerts", "list", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    catalog = tmp_path / "cat.toml"
    catalog.write_text(
        '[providers.acme]\nname = "Acme"\n\n[[providers.acme.documents]]\nname = "Terms"\n'
        'type = "terms"\nurl = "https://acme.example/terms"\n'
    )
    listed = run("catalog", "list", "--format", "json", "--catalog", str(catalog))
    assert listed.exit_code == 0, listed.output
    assert [r["document"] for r in json.loads(listed.output)] == ["acme/terms"]


def test_the_option_after_the_command_wins(seeded, tmp_path):
    db, _ = seeded
    result = run("--db", str(tmp_path / "missing.duckdb"), "findings", "--db", db)
    assert result.exit_code == 0, result.output
    missing = run("--db", db, "findings", "--db", str(tmp_path / "missing.duckdb"))
    assert missing.exit_code == 4 and "does not exist" in missing.output


def test_init_with_db_after_the_command_creates_that_file(tmp_path):
    db = tmp_path / "later.duckdb"
    result = run("init", "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    assert db.exists() and "schema version" in result.output


# --------------------------------------------------------------------------- output


def test_format_shortcuts_match_format(seeded):
    db, _ = seeded
    for name in ("json", "jsonl", "csv"):
        short = run("--db", db, "findings", f"--{name}")
        long = run("--db", db, "findings", "--format", name)
        assert short.exit_code == 0, short.output
        assert short.output == long.output
    clash = run("--db", db, "findings", "--csv", "--format", "json")
    assert clash.exit_code == 2 and "choose one output format" in clash.output


def test_table_fits_the_width_and_no_truncate_keeps_whole_cells(seeded):
    db, _ = seeded
    summary = SPECS["keep"]["summary"]
    for width in (40, 60, 100, 140):
        result = run("--db", db, "findings", "--width", str(width))
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= width, (width, lines)
        assert "…" in result.output
    wide = run("--db", db, "findings", "--no-truncate", "--width", "60")
    assert summary in wide.output and "…" not in wide.output


def test_piped_table_is_not_cut_at_60_characters(seeded, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    db, _ = seeded
    result = run("--db", db, "findings")
    assert result.exit_code == 0, result.output
    assert len(DEFAULTS["summary"]) > 60 and DEFAULTS["summary"] in result.output


def test_columns_environment_variable_sets_the_table_width(seeded, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    db, _ = seeded
    result = run("--db", db, "findings")
    assert max(len(line) for line in result.output.splitlines()) <= 70


def test_versions_json_gives_the_whole_hash_and_the_table_names_the_prefix(seeded):
    db, _ = seeded
    records = json.loads(run("--db", db, "versions", "--json").stdout)
    assert records and all(len(r["sha256"]) == 64 for r in records)
    assert "sha256_prefix" not in records[0]
    table = run("--db", db, "versions", "--no-truncate").output
    assert table.splitlines()[0].split()[5] == "sha256_prefix"
    assert records[0]["sha256"][:12] in table and records[0]["sha256"] not in table


def test_limit_and_order_on_list_commands(seeded):
    db, ids = seeded
    every = json.loads(run("--db", db, "versions", "--json").stdout)
    assert len(every) == 6  # three documents, two versions each; json is never cut
    newest = json.loads(run("--db", db, "versions", "--json", "--limit", "2").stdout)
    assert newest == every[:2]
    oldest = json.loads(run("--db", db, "versions", "--json", "--order", "oldest").stdout)
    assert oldest == every[::-1]
    findings = json.loads(run("--db", db, "findings", "--json", "--order", "newest").stdout)
    assert [f["id"] for f in findings] == sorted(ids.values(), reverse=True)
    one = run("--db", db, "findings", "--json", "--limit", "1")
    assert [f["id"] for f in json.loads(one.stdout)] == [min(ids.values())]
    assert "--limit 0" in one.stderr
    catalog = run("catalog", "list", "--json", "--limit", "2")  # the built-in catalog
    assert catalog.exit_code == 0 and len(json.loads(catalog.stdout)) == 2


def test_table_shows_a_page_of_rows_unless_limit_says_otherwise(seeded, monkeypatch):
    import clausewatch.commands.common as common

    monkeypatch.setattr(common, "TABLE_ROWS", 3)
    db, _ = seeded
    paged = run("--db", db, "versions")
    assert len(paged.stdout.splitlines()) == 2 + 3 and "3 rows shown" in paged.stderr
    everything = run("--db", db, "versions", "--limit", "0")
    assert len(everything.stdout.splitlines()) == 2 + 6 and not everything.stderr


# --------------------------------------------------------------------------- query


def test_query_reads_sql_from_stdin_and_file(seeded, tmp_path):
    db, ids = seeded
    sql = "select count(*) as n from findings"
    piped = run("--db", db, "query", "-", "--json", input=sql)
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.output) == [{"n": len(ids)}]
    path = tmp_path / "q.sql"
    path.write_text(sql + ";\n")
    from_file = run("--db", db, "query", "--file", str(path), "--json")
    assert json.loads(from_file.output) == [{"n": len(ids)}]
    both = run("--db", db, "query", sql, "--file", str(path))
    assert both.exit_code == 2 and "not both" in both.output


@pytest.mark.parametrize("sql", ["", "   ", ";", " ;\n "])
def test_empty_sql_is_a_usage_error(seeded, sql):
    db, _ = seeded
    result = run("--db", db, "query", sql)
    assert result.exit_code == 2 and "Error: the SQL is empty" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    piped = run("--db", db, "query", "-", input=sql)
    assert piped.exit_code == 2 and "empty" in piped.output


def test_query_without_sql_says_how_to_give_it(seeded):
    db, _ = seeded
    result = run("--db", db, "query")
    assert result.exit_code == 2 and "--file" in result.output


def test_query_parameters_bind_dollar_names(seeded):
    db, ids = seeded
    result = run(
        "--db",
        db,
        "query",
        "select id, severity from findings where severity = $s and id >= $low order by id",
        "-p",
        "s=critical",
        "-p",
        f"low={min(ids.values())}",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": ids["share"], "severity": "critical"}]
    missing = run("--db", db, "query", "select $nothing")
    assert missing.exit_code == 4 and "-p name=value" in missing.output
    bad = run("--db", db, "query", "select 1", "-p", "no-equals")
    assert bad.exit_code == 2 and "NAME=VALUE" in bad.output


def test_query_json_serializes_every_duckdb_type(seeded):
    db, _ = seeded
    sql = (
        "select 1.50::decimal(6,2) as price, 12::decimal(4,0) as whole,"
        " date '2024-01-31' as day, timestamp '2024-01-31 10:20:30' as at,"
        " timestamptz '2024-01-31 10:20:30+00' as at_utc, time '10:20:30' as clock,"
        " interval 3 day + interval 2 hour as span, 'ab'::blob as raw,"
        " '6b0e1a0e-0000-4000-8000-000000000000'::uuid as id,"
        " [1.5::decimal(3,1)] as list, {'k': 2.5::decimal(3,1)} as struct,"
        " map {1: 'one'} as mapping, 'nan'::double as nan"
    )
    for fmt in ("json", "jsonl", "csv", "table"):
        result = run("--db", db, "query", sql, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    (row,) = json.loads(run("--db", db, "query", sql, "--json").stdout)
    assert row == {
        "price": 1.5,
        "whole": 12,
        "day": "2024-01-31",
        "at": "2024-01-31T10:20:30",
        "at_utc": "2024-01-31T10:20:30+00:00",
        "clock": "10:20:30",
        "span": "P3DT2H",
        "raw": "6162",
        "id": "6b0e1a0e-0000-4000-8000-000000000000",
        "list": [1.5],
        "struct": {"k": 2.5},
        "mapping": {"1": "one"},
        "nan": None,
    }
    csv_lines = run("--db", db, "query", "select 1.50::decimal(6,2) as p", "--csv").output
    assert csv_lines.splitlines() == ["p", "1.50"]


def test_query_streams_big_results(seeded, monkeypatch):
    import clausewatch.store.query as store_query

    fetched: list[int] = []
    real = store_query._stream

    def counting(cur):
        for row in real(cur):
            fetched.append(1)
            yield row

    monkeypatch.setattr(store_query, "_stream", counting)
    db, _ = seeded
    jsonl = run("--db", db, "query", "select range as i from range(50000)", "--jsonl")
    assert jsonl.exit_code == 0
    assert len(jsonl.output.splitlines()) == 50000
    fetched.clear()
    table = run("--db", db, "query", "select range as i from range(10000000)", "--limit", "5")
    assert table.exit_code == 0 and len(table.stdout.splitlines()) == 2 + 5
    assert len(fetched) == 6  # the table read one row past its limit, not ten million


# --------------------------------------------------------------------------- alerts list


def _ledger(db: str, ids: dict[str, int]) -> None:
    from clausewatch.store import deliveries as ledger

    ledger.plan_deliveries(
        db,
        [
            (ids["train"], "legal", "pending", None, False),
            (ids["keep"], "legal", "skipped", "severity medium below high", False),
            (ids["share"], "legal", "pending", None, False),
        ],
    )
    ledger.record_failed(db, [(ids["share"], "legal")], error="HTTP 500", next_attempt_at=None)


def test_alerts_list_status_filter(seeded):
    db, ids = seeded
    _ledger(db, ids)

    def statuses(*args: str) -> list[tuple[int, str]]:
        result = run("--db", db, "alerts", "list", "--json", *args)
        assert result.exit_code == 0, result.output
        return [(r["finding"], r["status"]) for r in json.loads(result.stdout)]

    assert statuses() == [(ids["train"], "pending"), (ids["share"], "failed")]
    assert statuses("--status", "failed") == [(ids["share"], "failed")]
    assert statuses("--status", "skipped") == [(ids["keep"], "skipped")]
    assert len(statuses("--status", "failed", "--status", "pending")) == 2
    assert len(statuses("--all")) == 3
    assert statuses("--order", "newest", "--limit", "1") == [(ids["share"], "failed")]
    bad = run("--db", db, "alerts", "list", "--status", "lost")
    assert bad.exit_code == 2


def test_cli_knows_every_delivery_status():
    from clausewatch.cli import DELIVERY_STATUSES
    from clausewatch.store.deliveries import STATUSES

    assert DELIVERY_STATUSES == STATUSES


# --------------------------------------------------------------------------- schema, export


def test_schema_lists_tables_and_views_with_columns_and_comments(seeded):
    db, _ = seeded
    result = run("--db", db, "schema", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    kinds = {(r["name"], r["kind"]) for r in rows}
    assert {("findings", "table"), ("deliveries", "table"), ("latest_versions", "view")} <= kinds
    direction = next(r for r in rows if (r["name"], r["column"]) == ("findings", "direction"))
    assert direction["type"] == "VARCHAR" and "broader" in direction["comment"]
    assert "Material changes" in direction["about"]
    view = [r for r in rows if r["name"] == "findings_timeline"]
    assert "severity" in [r["column"] for r in view]
    one = run("--db", db, "schema", "versions", "--no-truncate")
    assert one.exit_code == 0 and "text_sha256" in one.output and "findings" not in one.output
    missing = run("--db", db, "schema", "nothing")
    assert missing.exit_code == 2 and "clausewatch schema" in missing.output


def test_export_writes_parquet_csv_and_jsonl_with_duckdb(seeded, tmp_path):
    import duckdb

    db, ids = seeded
    parquet = tmp_path / "findings.parquet"
    result = run("--db", db, "export", "--table", "findings_timeline", "-o", str(parquet))
    assert result.exit_code == 0, result.output
    assert f"wrote {len(ids)} rows" in result.output
    con = duckdb.connect()
    got = con.execute(f"select finding_id, severity from '{parquet}' order by 1").fetchall()
    assert [g[0] for g in got] == sorted(ids.values())
    csv_path = tmp_path / "critical.csv"
    sql = "select id, summary from findings where severity = 'critical'"
    result = run("--db", db, "export", "--format", "csv", "--sql", sql, "-o", str(csv_path))
    assert result.exit_code == 0, result.output
    lines = csv_path.read_text().splitlines()
    assert lines[0] == "id,summary" and len(lines) == 2 and lines[1].startswith(str(ids["share"]))
    jsonl = tmp_path / "v.jsonl"
    result = run("--db", db, "export", "--format", "jsonl", "--table", "versions", "-o", str(jsonl))
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(records) == 6 and {"document_key", "text_sha256"} <= set(records[0])


def test_export_errors_are_clear(seeded, tmp_path):
    db, _ = seeded
    out = str(tmp_path / "x.csv")
    unknown = run("--db", db, "export", "--table", "secrets", "-o", out)
    assert unknown.exit_code == 2 and "no table or view 'secrets'" in unknown.output
    neither = run("--db", db, "export", "-o", out)
    assert neither.exit_code == 2 and "--table NAME or --sql QUERY" in neither.output
    both = run("--db", db, "export", "--table", "findings", "--sql", "select 1", "-o", out)
    assert both.exit_code == 2
    writes = run("--db", db, "export", "--sql", "delete from findings", "-o", out)
    assert writes.exit_code == 4 and "export to" in writes.output
    count = run("--db", db, "query", "select count(*) as n from findings", "--json")
    assert json.loads(count.stdout) == [{"n": 3}]


# --------------------------------------------------------------------------- provider names


@pytest.mark.parametrize("given", ["quill", "Quillmark Labs", "quillmark labs", "QUILL"])
def test_findings_provider_accepts_the_display_name_or_the_id(seeded, given):
    db, ids = seeded
    result = run("--db", db, "findings", "--provider", given, "--json")
    assert result.exit_code == 0, result.output
    assert {f["id"] for f in json.loads(result.stdout)} == {ids["keep"], ids["share"]}


def test_versions_and_clauses_accept_the_display_name(seeded):
    db, _ = seeded
    versions = json.loads(run("--db", db, "versions", "Nimbus Minds", "--json").stdout)
    assert versions and {v["document"] for v in versions} == {"nimbus/privacy-policy"}
    one = json.loads(run("--db", db, "versions", "Quillmark Labs/terms", "--json").stdout)
    assert {v["document"] for v in one} == {"quill/terms"}
    clauses = run("--db", db, "clauses", "Quillmark Labs", "--json")
    assert clauses.exit_code == 0 and json.loads(clauses.stdout) == []  # no clauses recorded


def test_unknown_provider_is_an_error_naming_the_known_ones(seeded):
    db, _ = seeded
    result = run("--db", db, "findings", "--provider", "OpenAI")
    assert result.exit_code == 2
    assert "no provider 'OpenAI'" in result.output and "Nimbus Minds (nimbus)" in result.output
    assert run("--db", db, "report", "--provider", "OpenAI").exit_code == 2
    named = run("--db", db, "report", "--provider", "Nimbus Minds", "--format", "json")
    assert named.exit_code == 0 and "Nimbus Minds" in named.output
    assert "Quillmark" not in named.output


def test_alerts_list_shows_each_channel_name_and_host_never_the_secret(
    seeded, tmp_path, monkeypatch
):
    db, _ = seeded
    secret = "T0kenPathValue99"
    monkeypatch.setenv("LEGAL_HOOK", f"json://hooks.example.com/{secret}")
    monkeypatch.setenv("SMTP_PASSWORD", "hunter2-Pa55")
    config = tmp_path / "alerts.toml"
    config.write_text(
        '[[channels]]\nname = "legal"\nurl = "${LEGAL_HOOK}?method=POST"\nmin_severity = "high"\n'
        '[[channels]]\nname = "counsel"\n'
        'url = "mailtos://alerts:${SMTP_PASSWORD}@smtp.example.com?to=privacy@example.com"\n'
        '[[channels]]\nname = "chat"\nurl = "discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV"\n'
    )
    result = run("--db", db, "--alerts", str(config), "alerts", "list")
    assert result.exit_code == 0, result.output
    lines = {line.split(":", 1)[0]: line for line in result.output.splitlines()}
    assert lines["channel legal"] == "channel legal: json://hooks.example.com/… min high"
    assert "mailtos://smtp.example.com (to privacy@example.com)" in lines["channel counsel"]
    assert lines["channel chat"].startswith("channel chat: discord://***/…")
    for hidden in (secret, "hunter2", "4174216298", "JHMHI8qBe7bk2ZwO5U711o3dV", "alerts:"):
        assert hidden not in result.output
