"""Pass rate of the behavioural suite by phenomenon and kind (xfail counts as fail).

.venv/bin/python tests/behaviour/report.py [--failures]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.behaviour.cases import CASES
    from tests.behaviour.runner import evaluate
else:
    from .cases import CASES
    from .runner import evaluate


def main(argv: list[str]) -> int:
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    for case in CASES:
        ok, message = evaluate(case)
        cell = totals[(case.phenomenon, case.kind)]
        cell[0] += ok
        cell[1] += 1
        if not ok:
            failures.append((case, message))
        elif case.xfail:
            failures.append((case, "XPASS: marked xfail but now passes"))
    width = max(len(p) for p, _ in totals)
    print(f"{'phenomenon':<{width}}  kind  passed")
    for (phen, kind), (ok, n) in sorted(totals.items()):
        print(f"{phen:<{width}}  {kind:<4}  {ok}/{n}")
    ok_all = sum(v[0] for v in totals.values())
    n_all = sum(v[1] for v in totals.values())
    print(f"{'total':<{width}}        {ok_all}/{n_all} ({100 * ok_all / n_all:.0f}%)")
    if "--failures" in argv:
        print()
        for case, message in failures:
            print(f"- {case.id} [{case.phenomenon} {case.kind}]: {case.why or message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
