"""Evaluate one behavioural case: returns (ok, message). Shared by the tests and report.py."""

from __future__ import annotations

from typing import Any

from clausewatch.detection.compare import compare_clauses
from clausewatch.parsers.clauses import find_clauses
from clausewatch.statements.read import read_clause

from .cases import Case

TOPICS = ("training_use", "retention", "sharing")


def statements_of(case: Case) -> tuple[Any, ...]:
    if case.doc:
        return tuple(s for c in find_clauses(case.doc) for s in c.statements)
    return read_clause(case.text, case.context, case.clause_kind).statements


def matches(s: Any, want: dict[str, Any]) -> bool:
    for key, value in want.items():
        if key == "data":
            if value not in s.data:
                return False
        elif key == "recipient":
            if value not in {r.category for r in s.recipients}:
                return False
        elif key == "name":
            if not any(value in r.name for r in s.recipients):
                return False
        elif key in ("days", "bound", "trigger"):
            if s.duration is None or getattr(s.duration, key) != value:
                return False
        elif key == "actor_name":
            if value not in s.actor_name:
                return False
        elif getattr(s, key) != value:
            return False
    return True


def show(stmts: Any) -> str:
    return (
        "; ".join(
            f"{s.topic}/{s.action}/{s.polarity}/{s.condition}/actor={s.actor}"
            f"/rec={[r.category + (':' + r.name if r.name else '') for r in s.recipients]}"
            f"/data={list(s.data)}/dur={s.duration}/rules={list(s.rule_ids)}"
            for s in stmts
        )
        or "(no statements)"
    )


def _mft(case: Case) -> tuple[bool, str]:
    stmts = statements_of(case)
    got = show(stmts)
    if case.expect is not None:
        if not case.expect:
            left = [s for s in stmts if case.topic is None or s.topic == case.topic]
            if left:
                return (
                    False,
                    f"expected no statement{' of ' + case.topic if case.topic else ''}, got {got}",
                )
        for want in case.expect:
            hits = [s for s in stmts if matches(s, want)]
            if not hits:
                return False, f"no statement matches {want}; got {got}"
        if case.rule:
            hits = [s for w in case.expect for s in stmts if matches(s, w)]
            if not any(case.rule in s.rule_ids for s in hits):
                return False, f"rule {case.rule} not on the matched statements; got {got}"
    elif case.rule and not any(case.rule in s.rule_ids for s in stmts):
        return False, f"rule {case.rule} on no statement; got {got}"
    for bad in case.forbid:
        if any(matches(s, bad) for s in stmts):
            return False, f"a statement matches forbidden {bad}; got {got}"
    if case.absent_rule and any(case.absent_rule in s.rule_ids for s in stmts):
        return False, f"rule {case.absent_rule} must not fire; got {got}"
    return True, got


def _key_set(text: str) -> set[tuple[str, str, str, str]]:
    return {(s.topic, s.action, s.polarity, s.condition) for s in read_clause(text).statements}


def findings(old: str, new: str) -> list[Any]:
    got = compare_clauses(find_clauses(old), find_clauses(new), old, new)
    return [f for f in got if f.topic in TOPICS]


def _inv(case: Case) -> tuple[bool, str]:
    if case.paraphrases:
        sets = {p: _key_set(p) for p in case.paraphrases}
        first = sets[case.paraphrases[0]]
        if not first and not case.empty_ok:
            return False, f"the first paraphrase states nothing: {case.paraphrases[0]!r}"
        diff = {p: sorted(v) for p, v in sets.items() if v != first}
        if diff:
            return False, f"first reads {sorted(first)}, but {diff}"
        return True, str(sorted(first))
    got = findings(case.old, case.new)
    if got:
        return False, "expected no finding, got " + "; ".join(
            f"{f.topic}/{f.direction}: {f.summary}" for f in got
        )
    return True, "no finding"


def _dir(case: Case) -> tuple[bool, str]:
    got = findings(case.old, case.new)
    desc = "; ".join(f"{f.topic}/{f.direction}: {f.summary}" for f in got) or "(no finding)"
    if any(f.topic == case.topic and f.direction == case.direction for f in got):
        return True, desc
    return False, f"expected {case.topic}/{case.direction}, got {desc}"


def evaluate(case: Case) -> tuple[bool, str]:
    return {"MFT": _mft, "INV": _inv, "DIR": _dir}[case.kind](case)
