"""Eval gate: the held half of the labeled OTA history must not score lower than pinned floors.

The held half (benchmarks/eval.py `split_of`) is never read while tuning; it stands in for
documents the project has never seen. The pipeline is the one `import-ota` runs
(`detection.compare.process_history` over `pipelines.ota_source`), scored with the corpus's own
tools/score.py. Skips with a reason when ../shared is absent. Floors are the figures of
2026-12-02 less 0.02 F1; false alerts may not rise above 0.5%.
"""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import groupby
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "ota-genai"
SCORER = SHARED / "tools" / "score.py"

FLOORS = {"training": 0.886, "retention": 0.93, "sharing": 0.912}
MAX_FALSE_ALERTS = 0.005

pytestmark = pytest.mark.skipif(
    not (CORPUS / "genai-versions.bundle").exists() or not SCORER.exists(),
    reason=f"{CORPUS} is absent: the eval gate needs the shared OTA corpus",
)


def test_the_held_half_scores_at_least_the_pinned_floors(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval import split_of

    from clausewatch.detection.compare import process_history
    from clausewatch.pipelines.ota_source import read_ota_versions

    findings = tmp_path / "findings.jsonl"
    with findings.open("w", encoding="utf-8") as out:
        versions = read_ota_versions(CORPUS / "genai-versions.bundle")
        for (service, _), group in groupby(versions, key=lambda v: (v.service, v.document)):
            if split_of(service) != "held":
                continue
            for version, cmp in process_history(list(group)):
                for f in cmp.findings:
                    row = {
                        "service": version.service,
                        "document": version.document,
                        "commit": version.commit,
                        "recorded_at": version.recorded_at.isoformat().replace("+00:00", "Z"),
                        "topic": f.topic,
                        "direction": f.direction,
                    }
                    out.write(json.dumps(row) + "\n")
    labels = tmp_path / "labels.jsonl"
    with (CORPUS / "labels.jsonl").open(encoding="utf-8") as src:
        labels.write_text(
            "".join(x for x in src if x.strip() and split_of(json.loads(x)["service"]) == "held"),
            encoding="utf-8",
        )
    res = subprocess.run(
        [sys.executable, str(SCORER), str(labels), str(findings), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(res.stdout)
    low = {t: scores[t]["f1"] for t, floor in FLOORS.items() if scores[t]["f1"] < floor}
    assert not low, f"held-half F1 below the floors {FLOORS}: {low}"
    assert scores["false_alert_rate"] <= MAX_FALSE_ALERTS, scores["false_alert_rate"]
