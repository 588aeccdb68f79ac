"""Import throughput and peak memory as the history grows: the labeled history 1x, 2x and 4x.

    python benchmarks/import_scale.py [SHARED_DIR] [--sizes 1,2,4] [--work DIR]

The OTA GenAI versions bundle (../shared/corpus/ota-genai) is read once and written as an
OTA dataset folder k times over (the copies' documents filed under other service names, so
each copy is a history of its own), then `clausewatch import-ota` runs on each folder in a
fresh process and a fresh database. For each size it prints the MB of text imported per second
and the peak RSS of the import process (from the kernel's rusage of that child), next to a
reference measured in the same run on the same texts (SHA-256 over them, MB/s) and the ratio,
since machines differ 3-5x in speed. Targets: peak RSS < 1 GB at 4x; MB/s flat across sizes
(memory bounded by the largest document, not by the history). Skips (exit 0) when the
bundle is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _write_dataset(versions: list, root: Path, copies: int) -> int:
    """OTA dataset layout: SERVICE/DOCUMENT/YYYY-MM-DDTHH-MM-SSZ.md; returns bytes of text."""
    total = 0
    for k in range(copies):
        for v in versions:
            service = v.service if k == 0 else f"{v.service} copy {k + 1}"
            folder = root / service / v.document
            folder.mkdir(parents=True, exist_ok=True)
            name = v.recorded_at.strftime("%Y-%m-%dT%H-%M-%SZ.md")
            data = v.text.encode("utf-8")
            (folder / name).write_bytes(data)
            total += len(data)
    return total


def _reference(versions: list, copies: int) -> float:
    """MB/s of SHA-256 over the same texts: this machine's speed, measured now."""
    start = time.perf_counter()
    size = 0
    for _ in range(copies):
        for v in versions:
            data = v.text.encode("utf-8")
            hashlib.sha256(data).digest()
            size += len(data)
    return size / 1e6 / (time.perf_counter() - start)


def _import(folder: Path, db: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `clausewatch import-ota folder` in a child process."""
    cmd = [sys.executable, "-m", "clausewatch.cli", "--db", str(db), "-q", "import-ota"]
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd, str(folder)], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"import-ota failed on {folder} (exit {status})")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"))
    ap.add_argument("--sizes", default="1,2,4")
    ap.add_argument("--work", default=None, help="where to write the datasets (default: temp)")
    args = ap.parse_args(argv)
    bundle = Path(args.shared) / "corpus" / "ota-genai" / "genai-versions.bundle"
    if not bundle.exists():
        print(f"skip: {bundle} not found (the shared corpus is not available here)")
        return 0
    from clausewatch.pipelines.ota_source import read_ota_versions

    versions = list(read_ota_versions(bundle))
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        print(f"{'size':>5} {'MB text':>8} {'seconds':>8} {'MB/s':>6} {'peak RSS':>9} "
              f"{'ref MB/s':>9} {'ratio':>7}")  # fmt: skip
        for k in sizes:
            folder = Path(tmp) / f"x{k}"
            size = _write_dataset(versions, folder, k)
            seconds, rss = _import(folder, Path(tmp) / f"x{k}.duckdb")
            ref = _reference(versions, k)
            rate = size / 1e6 / seconds
            print(f"{k:>4}x {size / 1e6:>8.1f} {seconds:>8.1f} {rate:>6.2f} {rss:>6.0f} MB "
                  f"{ref:>9.0f} {rate / ref:>7.4f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
