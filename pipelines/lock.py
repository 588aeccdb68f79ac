"""A run lock so that cron never runs two crawls on one database at once."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import LockedError
from ..store.db import prepare_path


@contextmanager
def run_lock(db: str | Path) -> Iterator[None]:
    """Hold `<db>.lock` exclusively for the duration of a run; raise LockedError if taken.

    flock is released by the kernel when the process dies, so a killed run never leaves a
    stale lock behind.
    """
    prepare_path(db)  # the lock file lives next to the database: its directory must exist
    path = Path(f"{db}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
            raise LockedError(
                f"another clausewatch run (pid {holder}) is using {db}; this run exits without "
                "doing anything. If no run is active, the lock is released automatically."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
