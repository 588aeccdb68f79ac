"""Report render time on a store the size of a backfill (400 findings by default).

    python benchmarks/report.py [--findings N] [--repeat R] [--out DIR]

Builds a fresh DuckDB store in a temporary directory with the tests' finding factory
(tests/findings_factory.py: six fictional providers, 4 in 5 findings imported with an OTA
commit, some acked or dismissed), then times, interleaved R times so both see the same load:

- `query`: `list_findings` (what every format starts with);
- `html`: `build_report(fmt="html")`, the query included (target: under 2 s);
- `reference json`: `build_report(fmt="json")` of the same findings, the query included: the
  same data written without a template; `ratio` is html / json.

`--out DIR` also writes the HTML report there (for a screenshot). Needs no data outside the
repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the finding factory the tests use

if __package__ in (None, ""):  # run as a script: make `clausewatch` importable from the checkout
    try:
        import clausewatch  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO.parent))

from findings_factory import FindingFactory, many_specs  # noqa: E402

from clausewatch.output.report import build_report, write_report  # noqa: E402
from clausewatch.store.findings import list_findings  # noqa: E402
from clausewatch.store.reviews import review_finding  # noqa: E402


def build_store(path: Path, n: int) -> dict[str, int]:
    factory = FindingFactory(str(path))
    ids = factory.add_many(many_specs(n))
    for i, fid in enumerate(sorted(ids.values())):
        if i % 9 == 3:
            review_finding(factory.db, fid, "ack", note="seen; sent to the DPO", reviewer="dana")
        elif i % 9 == 6:
            review_finding(factory.db, fid, "dismiss", note="reworded only", reviewer="dana")
    return ids


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write report.html here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        built, _ = timed(lambda: build_store(db, args.findings))
        print(f"store: {args.findings} findings built in {built:.1f} s")
        everything = dict(statuses=None)
        build_report(db, **everything)  # warm: template compiled, DuckDB file cached
        runs: dict[str, list[float]] = {"query": [], "html": [], "json": []}
        for _ in range(args.repeat):
            runs["query"].append(timed(lambda: list_findings(db))[0])
            t, page = timed(lambda: build_report(db, **everything))
            runs["html"].append(t)
            runs["json"].append(timed(lambda: build_report(db, fmt="json", **everything))[0])
        html_s, json_s = statistics.median(runs["html"]), statistics.median(runs["json"])
        print(f"query: {statistics.median(runs['query']) * 1000:.0f} ms (median of {args.repeat})")
        print(f"html: {html_s * 1000:.0f} ms, {len(page) / 1e6:.2f} MB (target < 2000 ms)")
        print(f"reference json: {json_s * 1000:.0f} ms")
        print(f"ratio html/json: {html_s / json_s:.2f}")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            write_report(args.out / "report.html", page)
            print(f"wrote {args.out / 'report.html'}")


if __name__ == "__main__":
    main()
