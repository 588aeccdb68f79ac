"""What a clause states: typed statements, one vocabulary for rules, comparison, store and CLI.

A statement is who does what to which data, for whom, on what condition (PolicyLint's tuple,
with the conditions and durations that privacy counsel read for). The topic rules in
`clausewatch.parsers` find the practice; `clausewatch.statements.read` turns what they found
into `Statement` records and corrects them with the dependency parse (negation scope, who acts,
source vs recipient). Comparison keys on `statement_key(s)`, derived from these fields.

The JSON codec (`to_dict` / `from_dict`, `dumps` / `loads`) is what the store keeps with each
clause and what `clauses --format json`, `explain --format json` and the findings JSONL show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal, get_args

Topic = Literal["training_use", "retention", "sharing"]
Actor = Literal["provider", "customer", "user", "third_party"]
Action = Literal[
    "train",  # train models on the data
    "improve",  # use the data to improve services, products or models in general words
    "keep",  # store or retain
    "delete",  # delete, erase, de-identify at the end of a period or purpose
    "disclose",  # share, transfer, give access, make available
    "sell",
    "sublicense",  # a licence on the user's content that may be passed on
    "publish",  # make publicly visible, name the customer in marketing
]
Polarity = Literal["permitted", "prohibited"]
Condition = Literal[
    "none",  # unconditional
    "opt_in",  # only with consent, an explicit choice or a setting the user turns on
    "opt_out",  # by default, unless the user opts out or turns a setting off
    "deidentified",  # only once de-identified or aggregated
    "despite_opt_out",  # even when the user has opted out
    "public_data",  # only the user's data already published (on the internet)
    "setting",  # tied to a feature or setting the user enables
    "legal_requirement",  # as the law requires (legal hold, authorities)
    "as_directed",  # only on the customer's instructions
]
Bound = Literal["exact", "up_to", "at_least", "indefinite"]

TOPICS: tuple[str, ...] = get_args(Topic)
ACTORS: tuple[str, ...] = get_args(Actor)
ACTIONS: tuple[str, ...] = get_args(Action)
POLARITIES: tuple[str, ...] = get_args(Polarity)
CONDITIONS: tuple[str, ...] = get_args(Condition)
BOUNDS: tuple[str, ...] = get_args(Bound)


@dataclass(frozen=True, slots=True)
class Duration:
    """How long data is kept: `days` (None when indefinite), its bound and what starts it."""

    days: int | None
    bound: Bound = "exact"
    trigger: str = ""  # "account_closure", "deletion_request", ... ("" when not stated)


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who receives data: a category from the lexicon and, when the text names one, the name."""

    category: str  # "affiliates", "service_providers", "advertisers", "public", ...
    name: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    """One practice stated by one clause. Empty tuples mean "not stated", not "none"."""

    topic: Topic
    action: Action
    polarity: Polarity
    actor: Actor = "provider"
    actor_name: str = ""
    data: tuple[str, ...] = ()  # data kinds: inputs, outputs, files, feedback, usage, personal ...
    recipients: tuple[Recipient, ...] = ()
    purposes: tuple[str, ...] = ()
    condition: Condition = "none"
    scope: tuple[str, ...] = ()  # products, plans, modes, features, user groups
    exceptions: tuple[str, ...] = ()  # carve-outs: "unless", "except", "other than"
    duration: Duration | None = None
    rule_ids: tuple[str, ...] = field(default=(), compare=False)
    span: tuple[int, int] | None = field(default=None, compare=False)  # evidence, in the clause

    @property
    def days(self) -> int | None:
        return self.duration.days if self.duration else None


# --------------------------------------------------------------------------- JSON codec


def to_dict(s: Statement) -> dict[str, Any]:
    """A JSON-able dict with the field names of the brief (`days` flattened from `duration`)."""
    out: dict[str, Any] = {}
    for f in fields(Statement):
        v = getattr(s, f.name)
        if f.name == "recipients":
            v = [{"category": r.category, "name": r.name} for r in v]
        elif f.name == "duration":
            v = None if v is None else {"days": v.days, "bound": v.bound, "trigger": v.trigger}
        elif isinstance(v, tuple):
            v = list(v)
        out[f.name] = v
    out["days"] = s.days
    return out


def from_dict(d: dict[str, Any]) -> Statement:
    """The inverse of `to_dict`; unknown keys are ignored so older rows still load."""
    kw: dict[str, Any] = {}
    for f in fields(Statement):
        if f.name not in d:
            continue
        v = d[f.name]
        if f.name == "recipients":
            v = tuple(Recipient(r["category"], r.get("name", "")) for r in v)
        elif f.name == "duration":
            v = (
                None
                if v is None
                else Duration(v["days"], v.get("bound", "exact"), v.get("trigger", ""))
            )
        elif f.name in ("span",):
            v = None if v is None else (int(v[0]), int(v[1]))
        elif isinstance(v, list):
            v = tuple(v)
        kw[f.name] = v
    return Statement(**kw)


def dumps(statements: tuple[Statement, ...] | list[Statement]) -> str:
    return json.dumps([to_dict(s) for s in statements], ensure_ascii=False)


def loads(text: str | None) -> tuple[Statement, ...]:
    if not text:
        return ()
    return tuple(from_dict(d) for d in json.loads(text))
