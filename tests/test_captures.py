"""Captures before comparison: bad baselines, language switches, doubled text, collapsed sections."""

from __future__ import annotations

from clausewatch.detection.compare import process_history
from clausewatch.parsers.captures import collapsed_sections, is_english, not_a_document, undouble

DOC = """# Nimbus Privacy Policy

## 1. Training

We use your chats to improve our models unless you opt out in Settings.

## 2. Retention

We keep your chats for 30 days and then delete them from our servers.

Our support team can see the chats you send to them when you ask for help.

## 3. Sharing

We share account details with the payment processors that bill you for your plan.
"""


def run(*texts: str):
    return [cmp for _, cmp in process_history(list(texts), text_of=lambda t: t)]


# --------------------------------------------------------------------------- the checks


def test_stubs_error_pages_walls_and_other_languages_are_not_documents():
    assert "stub" in not_a_document("# Privacy Policy\n\nLast updated: 1 May 2026\n")
    assert not_a_document("# Oops\n\nPage not found. Try the home page instead.\n")
    french = "Nous utilisons vos données pour améliorer nos services et nos modèles. " * 20
    assert "English" in not_a_document(french)
    assert not_a_document(DOC) is None
    # a short real document is still one
    assert not_a_document("# Fees\n\nFees are charged monthly in arrears.\n") is None


def test_english_is_judged_on_prose_not_on_tables_of_names():
    table = "# Sub-processors\n\n| Name | Purpose |\n| --- | --- |\n| Strato GmbH | Hosting |\n" * 5
    assert is_english(table)
    assert not is_english("我们使用您的数据来改进我们的服务。" * 50)


def test_a_text_captured_twice_is_undoubled_and_a_repeated_block_is_kept():
    assert undouble(DOC + "\n" + DOC).count("We keep your chats") == 1
    one_repeat = (
        DOC + "\nWe keep your chats for 30 days and then delete them from our servers, except"
    )
    assert undouble(one_repeat) == one_repeat


def test_a_heading_left_over_an_empty_body_is_a_collapsed_section():
    collapsed = DOC.split("## 2. Retention")[0] + "## 2. Retention\n\n## 3. Sharing\n\nWe share.\n"
    assert collapsed_sections(DOC, collapsed) == ["2. retention"]
    # a body moved under new subheadings is not collapsed
    moved = DOC.replace("## 2. Retention\n", "## 2. Retention\n\n### Chats\n")
    assert collapsed_sections(DOC, moved) == []


# --------------------------------------------------------------------------- in the comparison


def test_a_stub_first_version_is_no_baseline_and_the_real_one_brings_no_findings():
    stub = "# Nimbus Privacy Policy\n\nLast updated: 1 May 2026\n"
    first, second, third = run(stub, DOC, DOC.replace("30 days", "five years"))
    assert first.findings == [] and "stub" in (first.anomaly or "")
    assert second.findings == [] and second.anomaly is None  # the baseline, silently
    assert [(f.topic, f.direction) for f in third.findings] == [("retention", "broader")]


def test_a_capture_in_another_language_is_an_anomaly_not_a_removal():
    german = "Wir verwenden Ihre Chats, um unsere Modelle zu verbessern, sofern Sie nicht. " * 30
    results = run(DOC, german, german, DOC)
    assert [c.findings for c in results] == [[], [], [], []]
    assert "not in English" in (results[1].anomaly or "")


def test_doubled_text_compares_as_the_document():
    assert [c.findings for c in run(DOC, DOC + "\n" + DOC)] == [[], []]


def test_collapsed_sections_that_come_back_produce_nothing():
    collapsed = DOC.replace(DOC.split("## 2. Retention")[1].split("## 3. Sharing")[0], "\n\n")
    results = run(DOC, collapsed, DOC)
    assert [c.findings for c in results] == [[], [], []]
    assert "collapsed" in (results[1].anomaly or "")


def test_an_anomalous_capture_is_never_the_current_version(tmp_path):
    import duckdb
    from click.testing import CliRunner
    from test_ota_source import git

    from clausewatch.cli import main

    root = tmp_path / "versions"
    (root / "Nimbus").mkdir(parents=True)
    git(root, "init", "-q")
    german = "Wir verwenden Ihre Chats, um unsere Modelle zu verbessern, sofern Sie nicht. " * 30
    for text, when in ((DOC, "2025-01-01T00:00:00+00:00"), (german, "2025-02-01T00:00:00+00:00")):
        (root / "Nimbus" / "Privacy Policy.md").write_text(text)
        git(root, "add", ".")
        git(root, "commit", "-qm", "update", when=when)
    db = tmp_path / "cw.duckdb"
    res = CliRunner().invoke(main, ["--db", str(db), "-q", "import-ota", str(root)])
    assert res.exit_code == 0, res.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM versions").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM anomalies").fetchone()[0] == 1
        current = con.execute("SELECT text FROM latest_versions").fetchall()
        clauses = con.execute("SELECT DISTINCT text FROM current_clauses").fetchall()
    assert [t for (t,) in current] == [DOC]
    assert any("30 days" in t for (t,) in clauses)
