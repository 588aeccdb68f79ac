"""Typed statements from what the topic rules found in one clause.

The topic rules (`clausewatch.statements.training`, `.retention`, `.sharing`) report a practice as
a small comparison tuple plus a few fields per topic. This module is the one place that turns
them into `Statement` records: every kind of tuple has one reading here, with a stable rule id
(`RULES`), so a finding can say which rule read its clause and `clausewatch explain` can show it.
"""

from __future__ import annotations

from typing import Any

from .durations import duration_spans
from .model import Duration, Recipient, Statement

# rule id -> what it reads (shown by `clausewatch explain --rules` and checked by the tests:
# every id here has a positive and a negative behavioural case in tests/behaviour/)
RULES: dict[str, str] = {
    "training.use_to_train": "the provider uses the user's data to train or fine-tune models",
    "training.use_to_improve": "the provider uses the user's data to improve its services",
    "training.purpose_row": "a table of processing purposes lists training or improvement",
    "training.condition.opt_out": "the use happens by default unless the user opts out",
    "training.condition.opt_in": "the use needs the user's consent or choice",
    "training.condition.deidentified": "only de-identified or aggregated data is used",
    "training.condition.despite_opt_out": "the use goes on even when the user opts out",
    "training.condition.public_data": "only the user's data already published is used",
    "retention.duration": "data is kept for a stated period",
    "retention.duration_for_kind": "a period stated for flagged content or backups",
    "retention.indefinite": "data is kept with no end",
    "retention.not_stored": "data (of a mode or plan) is not stored",
    "retention.user_opt_out": "the user can stop the provider keeping the data",
    "retention.deletion_duty": "the provider deletes the data",
    "retention.deletion_end_of_purpose": "the provider deletes the data once its purpose is served",
    "retention.legal_hold": "data is kept as the law requires",
    "retention.keeps_kind": "the provider keeps a kind of data",
    "retention.keeps_if_feature": "the provider keeps a kind of data when a feature is on",
    "retention.until": "data is kept until an event",
    "sharing.subprocessor": "a sub-processor or vendor named in a list",
    "sharing.named_recipient": "a recipient named in running text",
    "sharing.tracker": "an advertising or analytics tracker of a cookie table",
    "sharing.disclosure_table": "a data category marked as disclosed in a table",
    "sharing.recipient_category": "data is disclosed to a category of recipients",
    "sharing.sublicense": "a licence on the user's content that may be sublicensed",
    "sharing.as_directed": "data is shared only as the customer directs",
    "sharing.sale": "data is (or is not) sold",
    "sharing.public": "the user's content is made public or reusable by others",
    "sharing.publicity": "the customer may be named in marketing",
    "sharing.opt_out": "the user can stop the sharing with a category of recipients",
}

# the parse's corrections (statements.read): each adds its id to the statement it changed
SYNTAX_RULES: dict[str, str] = {
    "syntax.negation_scope": "a negator covers the verb (or a contrast lifts it)",
    "syntax.negation_elsewhere": "the only negators deny a relative or adverbial clause",
    "syntax.third_party_acts": "a third party trains on what it is given",
    "syntax.user_acts": "the user shares, through the service's features",
}

# rule id of each training condition
_TRAIN_CONDITION = {
    "opt_out": "training.condition.opt_out",
    "opt_in": "training.condition.opt_in",
    "deid": "training.condition.deidentified",
    "despite_opt_out": "training.condition.despite_opt_out",
    "public_data": "training.condition.public_data",
}
_CONDITION_NAME = {"deid": "deidentified"}


def statements_from_facts(facts: dict[str, Any], text: str = "") -> tuple[Statement, ...]:
    """The statements of one clause's facts (topic -> facts dict), one per comparison tuple.

    `text` is the clause: durations take their bound ("up to", "at least") and evidence span
    from it.
    """
    out: list[Statement] = []
    tf = facts.get("training_use")
    if tf:
        out.extend(_training(tf))
    rf = facts.get("retention")
    if rf:
        out.extend(_retention(rf, duration_spans(text) if text else []))
    sf = facts.get("sharing")
    if sf:
        out.extend(_sharing(sf))
    return tuple(out)


def _training(tf: dict[str, Any]) -> list[Statement]:
    out = []
    for atom in tf.get("atoms", []):
        _, action, polarity, cond = atom
        ids = ["training.use_to_train" if action == "train" else "training.use_to_improve"]
        if cond in _TRAIN_CONDITION:
            ids.append(_TRAIN_CONDITION[cond])
        if tf.get("purpose_row"):
            ids.append("training.purpose_row")
        out.append(
            Statement(
                topic="training_use",
                action=action,
                polarity=polarity,
                data=tuple(tf.get("data") or ()),
                condition=_CONDITION_NAME.get(cond, cond),
                scope=tuple(tf.get("who_can_opt_out") or ()),
                exceptions=("stated",) if tf.get("exceptions") else (),
                rule_ids=tuple(ids),
            )
        )
    return out


def _retention(rf: dict[str, Any], spans: list[tuple[int, int, int, str]]) -> list[Statement]:
    data = tuple(rf.get("data") or ())
    where = {days: (start, end, bound) for days, start, end, bound in reversed(spans)}
    out = []
    for atom in rf.get("atoms", []):
        kind = atom[1]
        kw: dict[str, Any] = {"topic": "retention", "data": data}
        if kind == "days":
            trig = "" if atom[3] == "-" else atom[3]
            start, end, bound = where.get(atom[2], (None, None, "exact"))
            kw |= dict(
                action="keep",
                polarity="permitted",
                duration=Duration(atom[2], bound, trig),
                span=(start, end) if start is not None else None,
            )
            # a period tied to deletion is a deadline: the provider deletes within it
            if rf.get("deletes"):
                kw["action"] = "delete"
            kw["rule_ids"] = ("retention.duration",)
        elif kind == "days_for":
            kw |= dict(
                action="keep",
                polarity="permitted",
                data=(atom[2],),
                duration=Duration(atom[3]),
                rule_ids=("retention.duration_for_kind",),
            )
        elif kind == "indefinite":
            kw |= dict(
                action="keep",
                polarity="permitted",
                duration=Duration(None, "indefinite"),
                rule_ids=("retention.indefinite",),
            )
        elif kind == "no_store":
            kw |= dict(
                action="keep",
                polarity="prohibited",
                scope=tuple(atom[2:]),
                rule_ids=("retention.not_stored",),
            )
        elif kind == "user_opt_out":
            kw |= dict(
                action="keep",
                polarity="permitted",
                condition="opt_out",
                rule_ids=("retention.user_opt_out",),
            )
        elif kind == "we_delete":
            end = len(atom) > 2
            kw |= dict(
                action="delete",
                polarity="permitted",
                duration=Duration(None, "exact", "end_of_purpose") if end else None,
                rule_ids=(
                    "retention.deletion_end_of_purpose" if end else "retention.deletion_duty",
                ),
            )
        elif kind == "legal_hold":
            kw |= dict(
                action="keep",
                polarity="permitted",
                condition="legal_requirement",
                rule_ids=("retention.legal_hold",),
            )
        elif kind in ("keeps", "keeps_if"):
            kw |= dict(
                action="keep",
                polarity="permitted",
                data=(atom[2],),
                condition="setting" if kind == "keeps_if" else "none",
                rule_ids=(
                    "retention.keeps_if_feature" if kind == "keeps_if" else "retention.keeps_kind",
                ),
            )
        elif kind == "until":
            kw |= dict(
                action="keep",
                polarity="permitted",
                duration=Duration(None, "up_to", atom[2]),
                rule_ids=("retention.until",),
            )
        else:  # a tuple this module does not know yet: keep it comparable, say so
            kw |= dict(action="keep", polarity="permitted", rule_ids=(f"retention.{kind}",))
        out.append(Statement(**kw))
    return out


def _sharing(sf: dict[str, Any]) -> list[Statement]:
    out = []
    for atom in sf.get("atoms", []):
        kind = atom[1]
        kw: dict[str, Any] = {"topic": "sharing"}
        if kind == "subprocessor":
            names = [n for n in sf.get("subprocessors", []) if n.split()[0] == atom[2]]
            kw |= dict(
                action="disclose",
                polarity="permitted",
                recipients=(Recipient("service_providers", names[0] if names else atom[2]),),
                rule_ids=("sharing.subprocessor",),
            )
        elif kind == "named":
            kw |= dict(
                action="disclose",
                polarity="permitted",
                recipients=(Recipient("named", atom[2]),),
                rule_ids=("sharing.named_recipient",),
            )
        elif kind == "tracker":
            kw |= dict(
                action="disclose",
                polarity="permitted",
                data=("usage",),
                recipients=(Recipient("advertisers", atom[2]),),
                scope=tuple(d for d in str(atom[3]).split() if d != "-"),
                rule_ids=("sharing.tracker",),
            )
        elif kind == "discloses":
            kw |= dict(
                action="disclose",
                polarity="permitted",
                data=(atom[2],),
                recipients=(Recipient("third_parties"),),
                rule_ids=("sharing.disclosure_table",),
            )
        elif kind == "sale":
            kw |= dict(
                action="sell",
                polarity=atom[2],
                recipients=(Recipient("third_parties"),),
                rule_ids=("sharing.sale",),
            )
        elif kind == "sublicense":
            kw |= dict(action="sublicense", polarity=atom[2], rule_ids=("sharing.sublicense",))
        elif kind == "as_directed":
            kw |= dict(
                action="disclose",
                polarity="prohibited",
                condition="as_directed",
                rule_ids=("sharing.as_directed",),
            )
        elif kind == "public":
            kw |= dict(
                action="publish",
                polarity=atom[2],
                recipients=(Recipient("public"),),
                rule_ids=("sharing.public",),
            )
        elif kind == "opt_out":
            kw |= dict(
                action="disclose",
                polarity="permitted",
                condition="opt_out",
                recipients=(Recipient(atom[2]),),
                rule_ids=("sharing.opt_out",),
            )
        elif kind == "publicity":
            kw |= dict(
                action="publish",
                polarity=atom[2],
                data=("customer_name",),
                recipients=(Recipient("public"),),
                rule_ids=("sharing.publicity",),
            )
        else:  # a recipient category: ("sharing", "advertisers", "permitted")
            kw |= dict(
                action="disclose",
                polarity=atom[2],
                condition=sf.get("condition") or "none",
                recipients=(Recipient(kind),),
                rule_ids=("sharing.recipient_category",),
            )
        out.append(Statement(**kw))
    return out


# --------------------------------------------------------------------------- comparison keys

_LEGACY_CONDITION = {"deidentified": "deid"}


def statement_key(s: Statement) -> tuple[Any, ...]:
    """What a statement is about, as a hashable key: equal keys state the same practice.

    Built from the typed fields only, so a reading corrected by the parse (a polarity flipped by
    negation scope) compares as what it now says. Two clauses that word one practice
    differently give one key: rewording is not a change.
    """
    rule = s.rule_ids[0] if s.rule_ids else ""
    if s.topic == "training_use":
        return ("training", s.action, s.polarity, _LEGACY_CONDITION.get(s.condition, s.condition))
    if s.topic == "retention":
        d = s.duration
        match rule:
            case "retention.duration":
                return ("retention", "days", d.days if d else None, (d.trigger if d else "") or "-")
            case "retention.duration_for_kind":
                return ("retention", "days_for", s.data[0], d.days if d else None)
            case "retention.indefinite":
                return ("retention", "indefinite")
            case "retention.not_stored":
                return ("retention", "no_store", *s.scope)
            case "retention.user_opt_out":
                return ("retention", "user_opt_out")
            case "retention.deletion_duty":
                return ("retention", "we_delete")
            case "retention.deletion_end_of_purpose":
                return ("retention", "we_delete", "end_of_purpose")
            case "retention.legal_hold":
                return ("retention", "legal_hold")
            case "retention.keeps_kind":
                return ("retention", "keeps", s.data[0])
            case "retention.keeps_if_feature":
                return ("retention", "keeps_if", s.data[0])
            case "retention.until":
                return ("retention", "until", d.trigger if d else "")
        return ("retention", rule.split(".", 1)[-1])
    r = s.recipients[0] if s.recipients else None
    match rule:
        case "sharing.subprocessor":
            return ("sharing", "subprocessor", r.name.split()[0] if r else "")
        case "sharing.named_recipient":
            return ("sharing", "named", r.name if r else "")
        case "sharing.tracker":
            return ("sharing", "tracker", r.name if r else "", " ".join(s.scope) or "-")
        case "sharing.disclosure_table":
            return ("sharing", "discloses", s.data[0])
        case "sharing.sale":
            return ("sharing", "sale", s.polarity)
        case "sharing.sublicense":
            return ("sharing", "sublicense", s.polarity)
        case "sharing.as_directed":
            return ("sharing", "as_directed", "prohibited")
        case "sharing.public":
            return ("sharing", "public", s.polarity)
        case "sharing.publicity":
            return ("sharing", "publicity", s.polarity)
        case "sharing.opt_out":
            return ("sharing", "opt_out", r.category if r else "third_parties")
    return ("sharing", r.category if r else "third_parties", s.polarity)
