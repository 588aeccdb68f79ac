"""How severe a finding is, from one declared table keyed by the kind of statement change.

Every finding's severity comes from `SEVERITY_TABLE`: the first row whose topic, change and
direction match. A row names the statement change it covers in the comparison's terms (the
first element of the comparison key after the topic: "train", "model_providers", "days", ...,
or an edit reading: "scope", "exception", "age"), so the table is what counsel
reviews and `docs/severity.md` prints it (a test keeps the two in step).

    severity_for(topic, change, direction, condition="", user_acts=False, practice="") -> str
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SeverityRule:
    topic: str  # "training" | "retention" | "sharing" | "*"
    changes: frozenset[str]  # statement changes covered; empty: any
    direction: str  # "broader" | "narrower" | "changed" | "*"
    severity: str
    why: str
    conditions: frozenset[str] = frozenset()  # training conditions covered; empty: any
    user_acts: bool | None = None  # sharing the user does with their own content
    practice: str = ""  # an edited training clause's practice: "train" | "improve"; "": any


def _rule(
    topic, changes, direction, severity, why, conditions=(), user_acts=None, practice=""
) -> SeverityRule:
    return SeverityRule(
        topic,
        frozenset(changes),
        direction,
        severity,
        why,
        frozenset(conditions),
        user_acts,
        practice,
    )


SEVERITY_TABLE: tuple[SeverityRule, ...] = (
    _rule("*", (), "narrower", "low", "anything narrower: the user gains protection"),
    _rule("training", ("scope",), "broader", "critical",
          "an edited training permission that needs no prior choice (unconditional, opt-out or "
          "de-identified) now covers more data, plans or people, or fewer of them can opt out",
          conditions=("none", "opt_out", "despite_opt_out", "deid"), practice="train"),
    _rule("training", ("scope",), "broader", "medium",
          "an edited permission to improve services, in general words, now covers more",
          practice="improve"),
    _rule("sharing", ("purpose",), "broader", "medium",
          "a permission to share names more purposes: the same recipients, more uses"),
    _rule("*", ("scope", "exception", "age"), "broader", "high",
          "an edited clause now covers more data, plans or people, or gains an exception"),
    _rule(
        "training", ("train",), "broader", "critical",
        "a new permission to train models on the user's data without their prior choice "
        "(unconditional, opt-out, even after opting out, or once de-identified: the content "
        "is still the user's), or a change of condition toward it",
        conditions=("none", "opt_out", "despite_opt_out", "deid"),
    ),
    _rule("training", ("train",), "broader", "medium",
          "training on the user's data only where it is already published (on the internet): "
          "web data, not what the user gives the service", conditions=("public_data",)),
    _rule("training", ("train",), "broader", "high",
          "a training permission that still needs the user's consent or a setting they turn on"),
    _rule("training", (), "broader", "medium",
          "use of data to improve services in general words"),
    _rule("sharing", (), "broader", "medium",
          "sharing the user starts themselves (publishing, sharing a link)", user_acts=True),
    _rule("sharing", ("model_providers", "advertisers", "sale", "public"), "broader", "critical",
          "content passed to a model's maker, advertisers, sold, or made public"),
    _rule("sharing", ("subprocessor", "tracker", "named"), "broader", "medium",
          "a new sub-processor, tracker or named recipient (a processor under contract)"),
    _rule("sharing", ("acquirers", "authorities"), "broader", "medium",
          "a disclosure in a merger or acquisition, or to authorities: standard terms a policy "
          "is expected to hold, worth reading but not a new recipient of everyday data"),
    _rule("sharing", (), "broader", "high", "a new third-party recipient of the user's data"),
    _rule("retention", (), "broader", "high",
          "data kept longer, indefinitely, or a protection against keeping it removed"),
    _rule("*", (), "changed", "medium", "a change whose direction the reading cannot tell"),
    _rule("*", (), "*", "medium", "anything else"),
)  # fmt: skip


def severity_for(
    topic: str,
    change: str,
    direction: str,
    condition: str = "",
    user_acts: bool = False,
    practice: str = "",
) -> str:
    """The severity of the first rule of SEVERITY_TABLE that matches."""
    for r in SEVERITY_TABLE:
        if r.topic not in ("*", topic) or r.direction not in ("*", direction):
            continue
        if r.changes and change not in r.changes:
            continue
        if r.conditions and condition not in r.conditions:
            continue
        if r.user_acts is not None and r.user_acts != user_acts:
            continue
        if r.practice and r.practice != practice:
            continue
        return r.severity
    raise AssertionError("SEVERITY_TABLE ends with a catch-all row")


def table_markdown() -> str:
    """SEVERITY_TABLE as the Markdown table docs/severity.md holds."""
    rows = ["| topic | change | direction | severity | what it covers |", "| --- " * 5 + "|"]
    for r in SEVERITY_TABLE:
        change = ", ".join(sorted(r.changes)) or "any"
        if r.conditions:
            change += f" (condition: {', '.join(sorted(r.conditions))})"
        if r.user_acts:
            change += " (the user's own act)"
        if r.practice:
            change += f" (practice: {r.practice})"
        rows.append(f"| {r.topic} | {change} | {r.direction} | {r.severity} | {r.why} |")
    return "\n".join(rows)
