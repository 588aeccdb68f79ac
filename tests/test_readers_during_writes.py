"""Readers always answer while `import-ota`, a crawl and `reanalyze` write (real processes).

DuckDB lets one process write or several read; a reader cannot open the file while a writer
holds it. Writers give the file up between documents (and import-ota every few seconds, for a
pause), so a read-only client that retries for a few seconds always gets in, and a writer
that finds the file held by a reader waits for it and drops nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from test_crawl import doc, page, write_catalog

CLI = [sys.executable, "-m", "clausewatch.cli"]
BUDGET = 4.0  # seconds a reader retries (clausewatch query waits 30); writers yield every ~1 s

POLICY = """# Privacy Policy

## Training

We do not use your conversations to train our models{training}.

## Retention

We keep your conversations for {days} days and then delete them.

## Sharing

We share account data with {party} to run the service.
"""


def make_dataset(root: Path, versions: tuple[int, ...] = (60, 5, 5)) -> int:
    """An OTA dataset folder whose every version changes a clause (so each is analyzed).

    The first document's long history is what held the file past every reader's patience
    when a document was imported in one transaction.
    """
    for s, count in enumerate(versions):
        folder = root / f"Service {s}" / "Privacy Policy"
        folder.mkdir(parents=True)
        for v in range(count):
            text = POLICY.format(
                training=" unless you opt in" if v % 2 else "",
                days=30 + 30 * v,
                party="our cloud host" if v % 3 else "our payment processor",
            )
            (folder / f"{2000 + v}-01-05T10-00-00Z.md").write_text(text)
    return sum(versions)


def read_versions(db: str, hold: float = 0.0) -> int:
    """A plain read-only DuckDB client with a short retry; fails the test past BUDGET."""
    deadline = time.monotonic() + BUDGET
    while True:
        try:
            con = duckdb.connect(db, read_only=True)
        except duckdb.IOException as exc:
            if time.monotonic() > deadline:
                raise AssertionError(f"reader locked out for {BUDGET} s: {exc}") from exc
            time.sleep(0.02)
            continue
        try:
            n = con.execute("select count(*) from versions").fetchone()[0]
            time.sleep(hold)  # a reader that keeps the file: the writer must wait, not drop
            return n
        finally:
            con.close()


def query_versions(db: str) -> int:
    q = subprocess.run(
        CLI + ["--db", db, "query", "select count(*) as n from versions", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert q.returncode == 0, q.stderr
    return json.loads(q.stdout)[0]["n"]


def read_while(proc: subprocess.Popen, db: str) -> list[int]:
    """Read (plain client, then `clausewatch query`, one slow reader) until `proc` exits."""
    answers: list[int] = []
    while proc.poll() is None:
        answers.append(read_versions(db, hold=1.0 if len(answers) == 3 else 0.0))
        if len(answers) % 4 == 0:
            answers.append(query_versions(db))
        time.sleep(0.05)
    return answers


def test_readers_answer_during_import_and_reanalyze(tmp_path):
    db = str(tmp_path / "busy.duckdb")
    total = make_dataset(tmp_path / "dataset")
    subprocess.run(CLI + ["--db", db, "init"], check=True, capture_output=True)
    importer = subprocess.Popen(
        CLI + ["--db", db, "import-ota", str(tmp_path / "dataset")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    answers = read_while(importer, db)
    out, err = importer.communicate()
    assert importer.returncode == 0, err
    assert f"imported {total} new versions" in out
    assert read_versions(db) == total  # the slow reader made the writer wait: nothing dropped
    # the readers saw the import progress, in order
    assert len(answers) >= 3 and answers == sorted(answers) and answers[-1] <= total
    assert len(set(answers)) >= 2, answers

    before = duckdb.connect(db, read_only=True)
    findings = before.execute("select count(*) from findings").fetchone()[0]
    before.close()
    rebuild = subprocess.Popen(
        CLI + ["--db", db, "reanalyze"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    answers = read_while(rebuild, db)
    out, err = rebuild.communicate()
    assert rebuild.returncode == 0, err
    assert "3 documents read again" in out
    assert answers and set(answers) == {total}
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from findings").fetchone()[0] == findings


def test_readers_answer_during_a_crawl(tmp_path, site):
    names = [f"doc{i}" for i in range(4)]
    for name in names:
        site.put(f"/{name}", page(name.title()))
    cat = write_catalog(tmp_path, site, "".join(doc(n, f"/{n}") for n in names))
    db = str(tmp_path / "crawl.duckdb")
    subprocess.run(CLI + ["--db", db, "init"], check=True, capture_output=True)
    crawl = subprocess.Popen(
        CLI + ["--catalog", cat, "--db", db, "crawl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    answers = read_while(crawl, db)
    _, err = crawl.communicate()
    assert crawl.returncode == 0, err
    assert answers == sorted(answers) and len(answers) >= 3
    assert read_versions(db) == len(names)
