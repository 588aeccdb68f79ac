"""The behavioural suite: one test per case of `cases.py`, plus rule-id coverage."""

from __future__ import annotations

import pytest

from clausewatch.statements import RULES

from .cases import CASES
from .runner import evaluate

PARSE_RULES = ("syntax.negation_scope", "syntax.negation_elsewhere", "syntax.third_party_acts")


def _param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case.why)] if case.xfail else []
    return pytest.param(case, id=f"{case.phenomenon}-{case.kind}-{case.id}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case):
    ok, message = evaluate(case)
    assert ok, f"{case.text or case.doc or case.paraphrases or case.new!r}: {message}"


def test_case_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_xfail_cases_say_why():
    assert all(c.why for c in CASES if c.xfail)


def test_every_rule_id_has_a_positive_and_a_negative_case():
    wanted = [*RULES, *PARSE_RULES]
    positive = {c.rule for c in CASES if c.kind == "MFT"}
    negative = {c.absent_rule for c in CASES if c.kind == "MFT"}
    missing = [
        f"{r} ({'positive' if r not in positive else ''}{' ' if r not in positive | negative else ''}"
        f"{'negative' if r not in negative else ''})"
        for r in wanted
        if r not in positive or r not in negative
    ]
    assert not missing, "rule ids without behavioural cases: " + ", ".join(missing)


def test_cases_name_only_known_rule_ids():
    known = {*RULES, *PARSE_RULES}
    named = {c.rule for c in CASES if c.rule} | {c.absent_rule for c in CASES if c.absent_rule}
    assert named <= known, sorted(named - known)
