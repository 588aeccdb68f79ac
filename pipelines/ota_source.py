"""Read an Open Terms Archive *versions* repository: a listing of its versions, texts on demand.

Three layouts are accepted by :func:`open_ota_source` and :func:`read_ota_versions`:

- a git clone (a directory with ``.git``): every commit touching ``Service/Document type.md``
  is one version, recorded at the commit date; the commit sha is kept;
- a git bundle file (``*.bundle``): cloned to a temporary directory first;
- a dataset folder or zip: ``Service/Document type/YYYY-MM-DDTHH-MM-SSZ.md`` files.

Versions are listed per document in chronological order (documents sorted by service and
name). :func:`open_ota_source` gives light :class:`OtaListing` records whose text is read only
when asked for, so that an import holds the texts it is working on, not the collection's
(which grows with the history: 78 MB of text for the GenAI set, 313 MB at 4x).
:func:`read_ota_versions` yields :class:`OtaVersion` records with their text, one at a time.
A git history is listed with one ``git log`` and one ``git cat-file --batch-check``, and its
texts read through one long-lived ``git cat-file --batch`` process.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

_DATASET_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.md$")


@dataclass(frozen=True, slots=True)
class OtaVersion:
    """One recorded version of one OTA document."""

    service: str
    document: str
    recorded_at: datetime  # UTC, tz-aware
    commit: str | None
    text: str


@dataclass(frozen=True, slots=True)
class OtaListing:
    """One OTA version without its text: `text()` reads it (while its source is open)."""

    service: str
    document: str
    recorded_at: datetime  # UTC, tz-aware
    commit: str | None
    ref: str  # where the source keeps the text: a git blob id, a file path, a zip member
    _read: Callable[[str], str] = field(repr=False, compare=False)

    def text(self) -> str:
        return self._read(self.ref)


def read_ota_versions(path: str | Path) -> Iterator[OtaVersion]:
    """Yield every version found at `path` (git clone, git bundle, dataset folder or zip)."""
    with open_ota_source(path) as listings:
        for v in listings:
            yield OtaVersion(v.service, v.document, v.recorded_at, v.commit, v.text())


@contextmanager
def open_ota_source(path: str | Path) -> Iterator[list[OtaListing]]:
    """The versions at `path`, listed; their `text()` can be read until the context exits."""
    p = Path(path)
    if p.is_file() and p.suffix == ".bundle":
        with tempfile.TemporaryDirectory(prefix="clausewatch-ota-") as tmp:
            clone = Path(tmp) / "versions"
            _git(["clone", "--quiet", str(p.resolve()), str(clone)], cwd=tmp)
            with _open_git(clone) as listings:
                yield listings
        return
    if p.is_file() and zipfile.is_zipfile(p):
        with zipfile.ZipFile(p) as zf:
            yield _list_zip(zf)
        return
    if (p / ".git").exists():
        with _open_git(p) as listings:
            yield listings
        return
    if p.is_dir():
        yield _list_dataset_dir(p)
        return
    raise FileNotFoundError(f"not an OTA versions repository, bundle, folder or zip: {p}")


# --------------------------------------------------------------------------- git


def _git(args: list[str], cwd: str | Path, stdin: bytes | None = None) -> str:
    out = subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=cwd,
        input=stdin,
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8", errors="replace")


def _split_doc_path(path: str) -> tuple[str, str] | None:
    parts = path.split("/")
    if len(parts) != 2 or not parts[1].endswith(".md"):
        return None
    return parts[0], parts[1][:-3]


@contextmanager
def _open_git(repo: Path) -> Iterator[list[OtaListing]]:
    # One log for the whole history: commit, committer date, then NUL-separated name-status.
    log = _git(
        ["log", "--reverse", "--no-renames", "--format=%x01%H %cI", "--name-status", "-z"],
        cwd=repo,
    )
    per_doc: dict[tuple[str, str], list[tuple[str, datetime, str]]] = defaultdict(list)
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
                per_doc[key].append((sha, recorded, fpath))
    entries = [
        (key, sha, when, fpath)
        for key in sorted(per_doc)
        for sha, when, fpath in sorted(per_doc[key], key=lambda e: e[1])
    ]
    blobs = _blob_ids(repo, [f"{sha}:{fpath}" for _, sha, _, fpath in entries])
    with _BlobReader(repo) as reader:
        yield [
            OtaListing(key[0], key[1], when, sha, blob, reader.read)
            for (key, sha, when, _), blob in zip(entries, blobs, strict=True)
            if blob is not None  # a blob the clone lacks is not a version (as before)
        ]


def _blob_ids(repo: Path, specs: list[str]) -> list[str | None]:
    """The blob id of each `commit:path`, None where it is missing: one `--batch-check`."""
    if not specs:
        return []
    out = _git(["cat-file", "--batch-check"], cwd=repo, stdin=("\n".join(specs) + "\n").encode())
    lines = out.split("\n")[: len(specs)]
    return [
        None if line.endswith((" missing", " ambiguous")) else line.split(" ")[0] for line in lines
    ]


class _BlobReader:
    """One `git cat-file --batch` process answering one blob at a time, as texts are asked for."""

    def __init__(self, repo: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=repo,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def read(self, blob: str) -> str:
        stdin: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        stdout: IO[bytes] = self.proc.stdout  # type: ignore[assignment]
        stdin.write(f"{blob}\n".encode())
        stdin.flush()
        header = stdout.readline().decode("utf-8", errors="replace").rstrip("\n")
        if not header or header.endswith((" missing", " ambiguous")):
            raise OSError(f"git cat-file cannot read blob {blob}: {header or 'no answer'}")
        size = int(header.rsplit(" ", 1)[1])
        data = stdout.read(size + 1)  # the blob is followed by a newline
        return data[:size].decode("utf-8", errors="replace")

    def __enter__(self) -> _BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc.wait()


# --------------------------------------------------------------------------- dataset


def _parse_dataset_name(name: str) -> datetime | None:
    m = _DATASET_NAME.match(name)
    if not m:
        return None
    day, hh, mm, ss = m.groups()
    return datetime.fromisoformat(f"{day}T{hh}:{mm}:{ss}+00:00")


def _read_file(path: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


def _list_dataset_dir(root: Path) -> list[OtaListing]:
    # Accept the dataset root itself or a folder holding it (zips unpack with a top folder).
    per_doc: dict[tuple[str, str], list[tuple[datetime, Path]]] = defaultdict(list)
    for f in sorted(root.rglob("*.md")):
        when = _parse_dataset_name(f.name)
        if when is not None:
            per_doc[(f.parent.parent.name, f.parent.name)].append((when, f))
    return [
        OtaListing(key[0], key[1], when, None, str(f), _read_file)
        for key in sorted(per_doc)
        for when, f in sorted(per_doc[key], key=lambda e: e[0])
    ]


def _list_zip(zf: zipfile.ZipFile) -> list[OtaListing]:
    per_doc: dict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    for name in zf.namelist():
        parts = name.rstrip("/").split("/")
        if len(parts) < 3:
            continue
        when = _parse_dataset_name(parts[-1])
        if when is not None:
            per_doc[(parts[-3], parts[-2])].append((when, name))

    def read(name: str) -> str:
        return zf.read(name).decode("utf-8", errors="replace")

    return [
        OtaListing(key[0], key[1], when, None, name, read)
        for key in sorted(per_doc)
        for when, name in sorted(per_doc[key], key=lambda e: e[0])
    ]
