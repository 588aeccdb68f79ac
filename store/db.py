"""Opening the DuckDB file: short connections, lock retries, migrations.

DuckDB lets one process write, or several processes read, at a time. So writers open a
connection for one unit of work (a document's result) and close it; readers open with
`read_only=True`; both wait briefly and retry when the other holds the file.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ..errors import StoreError

# DuckDB's Python client tries `import pandas` several times per parameterized query. Without
# pandas installed, each try walks sys.path again (7 s of an 80 s import-ota). A None entry in
# sys.modules makes the failing import immediate; with pandas installed nothing changes.
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    sys.modules["pandas"] = None  # type: ignore[assignment]
from .schema import COMMENTS, MIGRATIONS, VIEWS

log = logging.getLogger(__name__)

DEFAULT_DB = "clausewatch.duckdb"
LOCK_TIMEOUT = 30.0  # seconds a connection waits for another process to release the file
READER_POLL = 0.05  # at most 2x this between a reader's attempts to open a busy file
HOLD = 4.0  # seconds a long writer (import-ota) keeps the file before giving readers a turn
# (each hand-over closes the connection, which checkpoints: at 2 s they were 16 s of a 120 s
# import, half of it this pause; readers retry for LOCK_TIMEOUT, far longer than a hold)
PAUSE = 0.15  # ... for this long: several of a waiting reader's attempts


def default_db_path() -> str:
    return os.environ.get("CLAUSEWATCH_DB") or DEFAULT_DB


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used by another process" in text


def prepare_path(path: str | Path, *, create: bool = True) -> None:
    """Refuse a directory given as the database; create a writer's missing parent directories.

    Raised here, the StoreError names the problem; DuckDB's own IO errors for these cases read
    like a lock conflict and a missing directory crashed the run lock with a traceback.
    """
    path = Path(path)
    if str(path) == ":memory:":
        return
    if path.is_dir():
        raise StoreError(
            f"--db {str(path)!r} is a directory, not a database file: "
            f"give a file path such as {str(path / DEFAULT_DB)!r}"
        )
    parent = path.parent
    if create and not parent.is_dir():
        blocker = next((a for a in parent.parents if a.exists() and not a.is_dir()), None)
        if parent.exists() or blocker is not None:
            raise StoreError(
                f"cannot use --db {str(path)!r}: {str(blocker or parent)!r} is a file, not a "
                "directory; point --db / CLAUSEWATCH_DB elsewhere"
            )
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the directory {str(parent)!r} for the database {str(path)!r}: "
                f"{exc.strerror or exc}; create it or point --db / CLAUSEWATCH_DB elsewhere"
            ) from exc
        log.info("created directory %s for the database", parent)


def _open_error(path: str, exc: Exception) -> StoreError:
    """A message that says what is wrong with the file; the lock hint only for a lock conflict."""
    text = str(exc)
    if _is_lock_error(exc):
        return StoreError(
            f"cannot open {path!r}: {text}. Another clausewatch process may be writing; "
            "try again in a moment"
        )
    if "not a valid DuckDB database" in text or "database file" in text.lower():
        return StoreError(
            f"cannot open {path!r}: the file is not a DuckDB database (corrupt, truncated or "
            "another kind of file); move it aside, restore a backup, or point --db at another file"
        )
    return StoreError(f"cannot open {path!r}: {text}")


def connect(
    path: str | Path, *, read_only: bool = False, timeout: float = LOCK_TIMEOUT
) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying with jittered backoff while another process holds it."""
    path = str(path)
    prepare_path(path, create=not read_only)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(
            f"database {path!r} does not exist: run `clausewatch init` or a crawl first, "
            "or point --db / CLAUSEWATCH_DB at it"
        )
    deadline = time.monotonic() + timeout
    delay = 0.02
    # A reader polls often: writers leave the file free for a short pause (BatchWriter), and
    # a reader that sleeps longer than that pause may miss every one of them.
    cap = READER_POLL if read_only else 0.25
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:  # another process holds the file lock, or a bad file
            if not _is_lock_error(exc) or time.monotonic() > deadline:
                raise _open_error(path, exc) from exc
            log.debug("database %s is locked, retrying in %.2fs", path, delay)
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, cap)
        except duckdb.Error as exc:
            raise _open_error(path, exc) from exc


DB = str | Path | duckdb.DuckDBPyConnection  # a path, or a connection the caller manages


@contextmanager
def transaction(path: DB) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short write connection holding one transaction: committed on success, else rolled back.

    Given an open connection (a batch such as one imported document), use it as it is: the
    caller owns its transaction.
    """
    if isinstance(path, duckdb.DuckDBPyConnection):
        yield path
        return
    con = connect(path)
    try:
        with _atomic(con):
            yield con
    finally:
        con.close()


@contextmanager
def _atomic(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, or ROLLBACK on any exception (Ctrl-C included)."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


class BatchWriter:
    """One write connection reused across many short transactions (a long import).

    Closing a DuckDB connection checkpoints the WAL into the file, which costs far more than
    the transaction itself; a batch keeps the connection but gives it up every `hold`
    seconds, and leaves the file free for `pause` seconds, so that readers (`clausewatch
    query`, any `duckdb.connect(read_only=True)` that retries) get their turn during an
    import. Without the pause the writer reopened the file within microseconds and a waiting
    reader, sleeping between attempts, never found it free.
    """

    def __init__(self, path: str | Path, hold: float = HOLD, pause: float = PAUSE) -> None:
        self.path = str(path)
        self.hold = hold
        self.pause = pause
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._con is not None and time.monotonic() - self._opened > self.hold:
            self.close()
            time.sleep(self.pause)  # readers waiting for the file open it now
        if self._con is None:
            self._con = connect(self.path)
            self._opened = time.monotonic()
        con = self._con
        with _atomic(con):
            yield con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def reader(path: DB) -> Iterator[duckdb.DuckDBPyConnection]:
    if isinstance(path, duckdb.DuckDBPyConnection):
        yield path
        return
    con = connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def now() -> datetime:
    return datetime.now(UTC)


def migrate(path: str | Path) -> int:
    """Bring the schema up to date; return the schema version. Safe to run any number of times."""
    con = connect(path)
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)"
        )
        applied = {
            row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()
        }
        for version, name, ddl in MIGRATIONS:
            if version in applied:
                continue
            con.begin()
            try:
                con.execute(ddl)
                con.execute(
                    "INSERT INTO schema_migrations VALUES ($v, $n, $t)",
                    {"v": version, "n": name, "t": now()},
                )
                con.commit()
            except duckdb.Error as exc:
                con.rollback()
                raise StoreError(f"migration {version} ({name}) failed on {path}: {exc}") from exc
            log.info("applied migration %s: %s", version, name)
        con.execute(VIEWS)
        con.execute(COMMENTS)
        return max(v for v, _, _ in MIGRATIONS)
    finally:
        con.close()


def schema_version(path: str | Path) -> int:
    with reader(path) as con:
        row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0) if row else 0
