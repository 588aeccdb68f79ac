"""What the benchmarks share: unpacking the OTA snapshots once into a cache folder."""

from __future__ import annotations

import subprocess
from pathlib import Path


def unpack(corpus: Path, cache: Path) -> Path:
    """Unpack snapshots.tar.zst once; reuse what another benchmark already unpacked."""
    snapshots = cache / "snapshots"
    marker = cache / ".unpacked"
    if marker.exists() and snapshots.is_dir():
        return snapshots
    cache.mkdir(parents=True, exist_ok=True)
    print(f"unpacking snapshots into {cache} ...", flush=True)
    subprocess.run(
        [
            "tar",
            "--use-compress-program=zstd -d --long=31",
            "-xf",
            str(corpus / "snapshots.tar.zst"),
            "-C",
            str(cache),
        ],
        check=True,
    )
    marker.touch()
    return snapshots
