"""Fault-suite benchmark: crawl time of the bad-page server, and memory during the size faults.

    python benchmarks/faults.py [--rounds N]

Starts the 127.0.0.1 fault server of the test suite (tests/faultsite.py: 60 bad responses and
awkward genuine pages) and prints, each with a reference measured in the same run:

- `fault crawl`: wall time of one crawl of every fault (run_crawl: fetch, extract, record; no
  clause reading), first crawl and recrawl; reference: a crawl of as many genuine pages from
  the same server; ratio = faults / reference. Timeouts, drips and Retry-After waits make most
  of the difference (FAULT_SETTINGS: 1 s timeout, one retry, Retry-After honoured up to 2 s);
- `peak RSS during the size faults`: the crawler process's peak resident memory while it
  crawls only the size faults (bodies of 40 MB with and without Content-Length, gzip /
  deflate / brotli / zstd bombs that inflate to 200 MB each; the limit is 4 MB); reference:
  the same for as many small genuine pages; ratio = faults / reference.

Needs psutil (the `bench` extra). Uses a temporary database; touches nothing else.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the fault server lives with the tests
if __package__ in (None, ""):
    try:
        import clausewatch  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO.parent))

import psutil  # noqa: E402
from faultsite import FAULT_SETTINGS, FAULTS, SIZE_FAULTS, FaultServer, catalog_toml  # noqa: E402

from clausewatch.pipelines.crawl import run_crawl  # noqa: E402
from clausewatch.watchers.catalog import load_catalog  # noqa: E402


class PeakRSS:
    """Polls the resident memory of processes started after it began (the crawl child)."""

    def __init__(self) -> None:
        me = psutil.Process()
        self.known = {p.pid for p in me.children(recursive=True)}  # e.g. the fork server
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for child in me.children(recursive=True):
                if child.pid in self.known:
                    continue
                with contextlib.suppress(psutil.Error):  # it may just have ended
                    self.peak = max(self.peak, child.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> PeakRSS:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def crawl(site, tmp: Path, name: str, faults=FAULTS, genuine: int = 0, times: int = 1):
    """Wall time of each of `times` crawls into one fresh database, and the last outcome."""
    (tmp / f"{name}.toml").write_text(catalog_toml(site, faults, genuine=genuine))
    catalog = load_catalog(str(tmp / f"{name}.toml"))
    db = str(tmp / f"{name}.duckdb")
    walls, out = [], None
    for _ in range(times):
        start = time.perf_counter()
        out = run_crawl(db, catalog, settings=FAULT_SETTINGS)
        walls.append(time.perf_counter() - start)
    return walls, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="repeat the measurements")
    args = parser.parse_args()
    size = [f for f in FAULTS if f.name in SIZE_FAULTS]
    with FaultServer() as site, tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        crawl(site, tmp, "warmup", genuine=1)  # starts the fork server outside the figures
        for r in range(args.rounds):
            ref, _ = crawl(site, tmp, f"ref{r}", genuine=len(FAULTS), times=2)
            walls, out = crawl(site, tmp, f"faults{r}", times=2)
            assert out is not None
            print(
                f"fault crawl ({len(FAULTS)} documents, {len(out.failures)} fetch errors): "
                f"first {walls[0]:.2f} s, recrawl {walls[1]:.2f} s; reference "
                f"({len(FAULTS)} genuine pages): {ref[0]:.2f} s, {ref[1]:.2f} s; "
                f"ratio {walls[0] / ref[0]:.1f} / {walls[1] / ref[1]:.1f}"
            )
            with PeakRSS() as ref_rss:
                crawl(site, tmp, f"ref-size{r}", genuine=len(size))
            with PeakRSS() as rss:
                _, out = crawl(site, tmp, f"size{r}", faults=size)
            reasons = {f.reason for f in out.failures}
            print(
                f"peak RSS during the {len(size)} size faults ({', '.join(f.name for f in size)};"
                f" outcome {sorted(reasons)}): {rss.peak / 2**20:.0f} MB; reference "
                f"({len(size)} genuine pages): {ref_rss.peak / 2**20:.0f} MB; "
                f"ratio {rss.peak / max(ref_rss.peak, 1):.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
