"""Read an Open Terms Archive *versions* repository as a stream of document versions.

Three layouts are accepted by :func:`read_ota_versions`:

- a git clone (a directory with ``.git``): every commit touching ``Service/Document type.md``
  is one version, recorded at the commit date; the commit sha is kept;
- a git bundle file (``*.bundle``): cloned to a temporary directory first;
- a dataset folder or zip: ``Service/Document type/YYYY-MM-DDTHH-MM-SSZ.md`` files.

Versions are yielded per document in chronological order (documents sorted by service and
name), as :class:`OtaVersion` records. Reading a git history uses one ``git log`` and one
``git cat-file --batch`` process, so 1,500 versions take about a second.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_DATASET_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.md$")


@dataclass(frozen=True, slots=True)
class OtaVersion:
    """One recorded version of one OTA document."""

    service: str
    document: str
    recorded_at: datetime  # UTC, tz-aware
    commit: str | None
    text: str


def read_ota_versions(path: str | Path) -> Iterator[OtaVersion]:
    """Yield every version found at `path` (git clone, git bundle, dataset folder or zip)."""
    p = Path(path)
    if p.is_file() and p.suffix == ".bundle":
        with tempfile.TemporaryDirectory(prefix="clausewatch-ota-") as tmp:
            clone = Path(tmp) / "versions"
            _git(["clone", "--quiet", str(p.resolve()), str(clone)], cwd=tmp)
            yield from _read_git(clone)
        return
    if p.is_file() and zipfile.is_zipfile(p):
        yield from _read_zip(p)
        return
    if (p / ".git").exists():
        yield from _read_git(p)
        return
    if p.is_dir():
        yield from _read_dataset_dir(p)
        return
    raise FileNotFoundError(f"not an OTA versions repository, bundle, folder or zip: {p}")


# --------------------------------------------------------------------------- git


def _git(args: list[str], cwd: str | Path) -> str:
    out = subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8", errors="replace")


def _split_doc_path(path: str) -> tuple[str, str] | None:
    parts = path.split("/")
    if len(parts) != 2 or not parts[1].endswith(".md"):
        return None
    return parts[0], parts[1][:-3]


def _read_git(repo: Path) -> Iterator[OtaVersion]:
    # One log for the whole history: commit, committer date, then NUL-separated name-status.
    log = _git(
        ["log", "--reverse", "--no-renames", "--format=%x01%H %cI", "--name-status", "-z"],
        cwd=repo,
    )
    wanted: list[tuple[str, str, str, datetime, str]] = []  # service, doc, sha, when, path
    for chunk in log.split("\x01")[1:]:
        header, _, rest = chunk.partition("\n")
        sha, _, when = header.strip().partition(" ")
        recorded = datetime.fromisoformat(when).astimezone(UTC)
        fields = [f.strip("\n") for f in rest.split("\x00")]
        fields = [f for f in fields if f]
        for status, fpath in zip(fields[0::2], fields[1::2], strict=False):
            if status.startswith("D"):  # a deleted file is not a version
                continue
            key = _split_doc_path(fpath)
            if key:
                wanted.append((key[0], key[1], sha, recorded, fpath))
    # Texts are read one document at a time, as the consumer asks for them: memory holds one
    # document's history, not the collection's.
    per_doc: dict[tuple[str, str], list[tuple[str, datetime, str]]] = defaultdict(list)
    for service, doc, sha, when, fpath in wanted:
        per_doc[(service, doc)].append((sha, when, fpath))
    for key in sorted(per_doc):
        entries = sorted(per_doc[key], key=lambda e: e[1])
        texts = _cat_files(repo, [f"{sha}:{fpath}" for sha, _, fpath in entries])
        for (sha, when, _), text in zip(entries, texts, strict=True):
            if text is not None:
                yield OtaVersion(key[0], key[1], when, sha, text)


def _cat_files(repo: Path, specs: list[str]) -> list[str | None]:
    """Read many blobs through one `git cat-file --batch` process."""
    if not specs:
        return []
    payload = ("\n".join(specs) + "\n").encode("utf-8")
    proc = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=repo, input=payload, capture_output=True, check=True
    )
    data = proc.stdout
    out: list[str | None] = []
    pos = 0
    for _ in specs:
        eol = data.index(b"\n", pos)
        header = data[pos:eol].decode("utf-8", errors="replace")
        pos = eol + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            out.append(None)
            continue
        size = int(header.rsplit(" ", 1)[1])
        out.append(data[pos : pos + size].decode("utf-8", errors="replace"))
        pos += size + 1  # blob is followed by a newline
    return out


# --------------------------------------------------------------------------- dataset


def _parse_dataset_name(name: str) -> datetime | None:
    m = _DATASET_NAME.match(name)
    if not m:
        return None
    day, hh, mm, ss = m.groups()
    return datetime.fromisoformat(f"{day}T{hh}:{mm}:{ss}+00:00")


def _read_dataset_dir(root: Path) -> Iterator[OtaVersion]:
    # Accept the dataset root itself or a folder holding it (zips unpack with a top folder).
    per_doc: dict[tuple[str, str], list[tuple[datetime, Path]]] = defaultdict(list)
    for f in sorted(root.rglob("*.md")):
        when = _parse_dataset_name(f.name)
        if when is not None:
            per_doc[(f.parent.parent.name, f.parent.name)].append((when, f))
    for key in sorted(per_doc):  # read one document's files at a time (see _read_git)
        for when, f in sorted(per_doc[key], key=lambda e: e[0]):
            text = f.read_text(encoding="utf-8", errors="replace")
            yield OtaVersion(key[0], key[1], when, None, text)


def _read_zip(path: Path) -> Iterator[OtaVersion]:
    per_doc: dict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts = name.rstrip("/").split("/")
            if len(parts) < 3:
                continue
            when = _parse_dataset_name(parts[-1])
            if when is not None:
                per_doc[(parts[-3], parts[-2])].append((when, name))
        for key in sorted(per_doc):  # one document's members at a time (see _read_git)
            for when, name in sorted(per_doc[key], key=lambda e: e[0]):
                text = zf.read(name).decode("utf-8", errors="replace")
                yield OtaVersion(key[0], key[1], when, None, text)
