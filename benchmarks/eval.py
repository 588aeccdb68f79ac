"""Measure clause extraction + comparison on the labeled OTA GenAI history.

    python benchmarks/eval.py [SHARED_DIR] [--out findings.jsonl] [--labels LABELS] [--split]

Clones ../shared/corpus/ota-genai/genai-versions.bundle to a temp dir, reads it with
`pipelines.ota_source`, compares every document's versions in chronological order
(`detection.compare.process_history`), writes findings as JSONL and scores them with
../shared/tools/score.py. Skips cleanly (exit 0) when the shared folder is absent.

`--split` also scores two halves of the labeled set, split once by service (`split_of`: a
salted hash of the service name). Misses are read on the `dev` half only; the `held` half is
reported untouched and stands in for collections the project never sees. (The salt was chosen
on 2026-12-02, before any miss was read; earlier sessions read both halves of an older split.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SPLIT_SALT = b"clausewatch-split-2026-12-02:"
HALVES = ("dev", "held")


def split_of(service: str) -> str:
    """'dev' or 'held': the half of the labeled set a service belongs to (stable across runs)."""
    return HALVES[hashlib.sha256(SPLIT_SALT + service.encode("utf-8")).digest()[0] % 2]


def _score(scorer: Path, labels: Path, findings: str) -> str:
    res = subprocess.run(
        [sys.executable, str(scorer), str(labels), findings], capture_output=True, text=True
    )
    if res.returncode:
        print(res.stderr, file=sys.stderr)
    return res.stdout


def _score_split(scorer: Path, labels: Path, findings: str) -> None:
    """Score each half on its own: labels and findings filtered by split_of(service)."""
    with tempfile.TemporaryDirectory() as tmp:
        for half in HALVES:
            lab, fin = Path(tmp) / f"labels-{half}.jsonl", Path(tmp) / f"findings-{half}.jsonl"
            with open(labels, encoding="utf-8") as src, open(lab, "w", encoding="utf-8") as dst:
                dst.writelines(
                    x for x in src if x.strip() and split_of(json.loads(x)["service"]) == half
                )
            with open(findings, encoding="utf-8") as src, open(fin, "w", encoding="utf-8") as dst:
                dst.writelines(
                    x for x in src if x.strip() and split_of(json.loads(x)["service"]) == half
                )
            print(f"--- half {half}")
            print(_score(scorer, lab, str(fin)), end="")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default="findings.jsonl")
    ap.add_argument("--labels", default=None)
    ap.add_argument("--split", action="store_true", help="also score the dev and held halves apart")
    ap.add_argument("--score", metavar="FINDINGS", help="only score an existing findings file")
    args = ap.parse_args(argv)

    shared = Path(args.shared)
    bundle = shared / "corpus" / "ota-genai" / "genai-versions.bundle"
    labels = Path(args.labels) if args.labels else shared / "corpus" / "ota-genai" / "labels.jsonl"
    scorer = shared / "tools" / "score.py"
    if not bundle.exists():
        print(f"skip: {bundle} not found (the shared corpus is not available here)")
        return 0
    if args.score:
        print(_score(scorer, labels, args.score), end="")
        _score_split(scorer, labels, args.score)
        return 0

    from clausewatch.detection.compare import process_history
    from clausewatch.pipelines.ota_source import read_ota_versions

    start = time.perf_counter()
    n_versions = n_findings = n_anomalies = n_unreadable = 0
    with open(args.out, "w", encoding="utf-8") as out:
        versions = read_ota_versions(bundle)
        for _, group in groupby(versions, key=lambda v: (v.service, v.document)):
            for version, cmp in process_history(list(group)):
                n_versions += 1
                n_anomalies += cmp.anomaly is not None
                n_unreadable += len(cmp.unreadable)
                for f in cmp.findings:
                    n_findings += 1
                    row = {
                        "service": version.service,
                        "document": version.document,
                        "recorded_at": version.recorded_at.isoformat().replace("+00:00", "Z"),
                        "commit": version.commit,
                        "topic": f.topic,
                        "direction": f.direction,
                        "severity": f.severity,
                        "kind": f.kind,
                        "summary": f.summary,
                        "old_text": f.old_text,
                        "new_text": f.new_text,
                        "rule_ids": list(f.rule_ids),
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - start
    print(
        f"versions: {n_versions}  findings: {n_findings}  anomalies: {n_anomalies}  "
        f"unreadable edits: {n_unreadable}  "
        f"time: {elapsed:.1f}s  ({n_versions / elapsed:.1f} versions/s)"
    )
    from clausewatch.statements.read import parse_summary

    print(parse_summary())
    if scorer.exists() and labels.exists():
        print(_score(scorer, labels, args.out), end="")
        if args.split:
            _score_split(scorer, labels, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
