"""Statements for people and programs: what `clausewatch explain` and `finding ID` print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..statements import to_dict


def statement_records(readings: Sequence[Any]) -> list[dict[str, Any]]:
    """The statements of `readings` as JSON objects (the codec's fields plus their clause)."""
    out = []
    for r in readings:
        for s in r.statements:
            d = to_dict(s)
            d["clause"] = r.text
            out.append(d)
    return out


def describe(s: Any) -> list[str]:
    """The fields of one statement, one per line, leaving out what it does not state."""
    rows = [
        ("topic", s.topic),
        ("actor", s.actor + (f" ({s.actor_name})" if s.actor_name else "")),
        ("action", s.action),
        ("polarity", s.polarity),
        ("condition", s.condition),
        ("data", ", ".join(s.data)),
        (
            "recipients",
            ", ".join(r.category + (f" ({r.name})" if r.name else "") for r in s.recipients),
        ),
        ("purposes", ", ".join(s.purposes)),
        ("scope", ", ".join(s.scope)),
        ("exceptions", ", ".join(s.exceptions)),
        ("duration", _duration(s.duration)),
        ("rules", ", ".join(s.rule_ids)),
    ]
    return [f"    {k:<11} {v}" for k, v in rows if v]


def _duration(d: Any) -> str:
    if d is None:
        return ""
    if d.bound == "indefinite":
        return "no end stated"
    what = f"{d.days} days" if d.days is not None else ""
    if d.bound in ("up_to", "at_least"):
        what = f"{d.bound.replace('_', ' ')} {what}".strip()
    if d.trigger:
        what = f"{what} (from {d.trigger.replace('_', ' ')})".strip()
    return what


def explain_lines(readings: Sequence[Any], show_all: bool = False) -> list[str]:
    """What `clausewatch explain` prints for people."""
    lines: list[str] = []
    stated = [r for r in readings if r.statements]
    for r in readings:
        if not r.statements and not show_all:
            continue
        lines.append(f"clause: {r.text}")
        if not r.statements:
            lines.append(f"  states no practice: {r.reason}")
        for i, s in enumerate(r.statements, 1):
            lines.append(f"  statement {i}:")
            lines.extend(describe(s))
        lines.append("")
    if not stated and not show_all:
        lines.append("no statement about training use, retention or sharing")
    return lines
