"""Reading OTA versions from a git repository, a git bundle, a dataset folder and a zip."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clausewatch.pipelines.ota_source import open_ota_source, read_ota_versions


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "versions"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text("readme\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "init", when="2024-01-01T00:00:00+00:00")
    svc = root / "Ödland AI"
    svc.mkdir()
    steps = [
        ("Privacy Policy.md", "v1 privacy\n", "2024-02-01T10:00:00+02:00"),
        ("Terms of Service.md", "v1 terms\n", "2024-02-02T10:00:00+00:00"),
        ("Privacy Policy.md", "v2 privacy\n", "2024-03-01T10:00:00+00:00"),
    ]
    for name, text, when in steps:
        (svc / name).write_text(text)
        git(root, "add", ".")
        git(root, "commit", "-qm", "update", when=when)
    (svc / "Terms of Service.md").unlink()
    git(root, "add", "-A")
    git(root, "commit", "-qm", "delete", when="2024-04-01T00:00:00+00:00")
    return root


def test_git_repository(repo: Path) -> None:
    versions = list(read_ota_versions(repo))
    assert [(v.document, v.text) for v in versions] == [
        ("Privacy Policy", "v1 privacy\n"),
        ("Privacy Policy", "v2 privacy\n"),
        ("Terms of Service", "v1 terms\n"),
    ]
    assert versions[0].service == "Ödland AI"
    assert versions[0].recorded_at == datetime(2024, 2, 1, 8, 0, tzinfo=UTC)
    assert all(v.commit and len(v.commit) == 40 for v in versions)


def test_git_bundle(repo: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "versions.bundle"
    git(repo, "bundle", "create", str(bundle), "--all")
    assert [v.text for v in read_ota_versions(bundle)] == [
        "v1 privacy\n",
        "v2 privacy\n",
        "v1 terms\n",
    ]


def test_dataset_folder_and_zip(tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    for doc, stamp, text in [
        ("Privacy Policy", "2024-03-01T10-00-00Z", "second"),
        ("Privacy Policy", "2024-02-01T08-00-00Z", "first"),
        ("Terms of Service", "2024-02-02T10-00-00Z", "terms"),
    ]:
        d = root / "Ödland AI" / doc
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{stamp}.md").write_text(text)
    (root / "README.md").write_text("not a version")
    versions = list(read_ota_versions(root))
    assert [(v.document, v.text, v.commit) for v in versions] == [
        ("Privacy Policy", "first", None),
        ("Privacy Policy", "second", None),
        ("Terms of Service", "terms", None),
    ]
    assert versions[0].recorded_at == datetime(2024, 2, 1, 8, 0, tzinfo=UTC)
    archive = tmp_path / "dataset.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in root.rglob("*.md"):
            zf.write(f, f"dataset/{f.relative_to(root)}")
    assert [v.text for v in read_ota_versions(archive)] == ["first", "second", "terms"]


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_ota_versions(tmp_path / "nope"))


def test_listings_carry_no_text_and_read_it_on_demand(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    d = root / "Ödland AI" / "Privacy Policy"
    d.mkdir(parents=True)
    (d / "2024-02-01T08-00-00Z.md").write_text("as listed")
    with open_ota_source(root) as listings:
        (listing,) = listings
        assert "text" not in {f.name for f in dataclasses.fields(listing)}
        # the file is read when asked for, not when listed
        (d / "2024-02-01T08-00-00Z.md").write_text("as read")
        assert listing.text() == "as read"
    with open_ota_source(repo) as listings:
        assert [(v.document, v.commit is not None) for v in listings] == [
            ("Privacy Policy", True),
            ("Privacy Policy", True),
            ("Terms of Service", True),
        ]
        # one git process answers in any order, the same text as often as asked
        assert [listings[2].text(), listings[0].text(), listings[0].text()] == [
            "v1 terms\n",
            "v1 privacy\n",
            "v1 privacy\n",
        ]
