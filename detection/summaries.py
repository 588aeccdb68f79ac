"""How a finding reads: its direction, severity and one-line summary, and its diff.

Public API (pure)::

    make_finding(atom, gained, old_clause, new_clause, direction=None, kind=None, summary=None)
    direction_of(atom, gained) -> str          severity_of(atom, direction) -> str
    days_text(1825) -> "5 years (1,825 days)"  retention_subject(text, facts) -> str
    subprocessor_label(row) -> str             diff_ops(old, new) -> diff-match-patch ops

An *atom* is one fact of a clause as a tuple: ("training", "train", "permitted", "opt_out"),
("retention", "days", 30, "account_closure"), ("sharing", "advertisers", "permitted") ...
(see statements.facts). Gaining or losing one maps to a direction and a severity here; the
comparison itself lives in detection.compare and detection.edits.
"""

from __future__ import annotations

import re
from typing import Any

from diff_match_patch import diff_match_patch

from clausewatch.records import Clause, Finding
from clausewatch.statements import statement_key, to_dict
from clausewatch.statements.durations import find_durations
from clausewatch.statements.lemmas import lemmatize
from clausewatch.statements.retention import kept_kinds
from clausewatch.statements.sharing import vertical_entry
from clausewatch.statements.training import derived_only

from .phrases import acting_product, data_phrase, data_phrases, denied_data_phrase, is_plural
from .quotes import (
    _DISCARDED,
    _KEEP_VERB,
    _OPENING_QUALIFIER,
    _SENTENCE_END,
    DENIAL,
    data_form,
    keep_bound,
    later_condition,
    period_anchor,
    period_tail,
    qualifier,
    quoted,
    stating,
    whole_words,
)
from .severity import severity_for

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0.2


def diff_ops(old: str, new: str) -> tuple[tuple[int, str], ...]:
    ops = _DMP.diff_main(old, new)
    _DMP.diff_cleanupSemantic(ops)
    return tuple((int(op), txt) for op, txt in ops)


# direction of gaining (+) or losing (-) an atom
def direction_of(atom: tuple[Any, ...], gained: bool) -> str:
    topic = atom[0]
    if topic == "training":
        polarity = atom[2]
        broader = (polarity == "permitted") == gained
        return "broader" if broader else "narrower"
    if topic == "retention":
        what = atom[1]
        if what == "until" and not gained:
            return "changed"  # "kept until you delete it" is a permission and a limit at once
        if what in ("indefinite", "keeps", "keeps_if", "until", "legal_hold"):
            return "broader" if gained else "narrower"
        if what in ("no_store", "user_can_delete", "we_delete", "user_opt_out"):
            return "narrower" if gained else "broader"
        if what in ("days", "days_for"):
            return "changed" if gained else "broader"
    if topic == "sharing":
        if atom[1] in ("subprocessor", "tracker", "named", "discloses"):
            return "broader" if gained else "narrower"
        if atom[1] == "opt_out":  # a way to stop the sharing
            return "narrower" if gained else "broader"
        polarity = atom[2]
        broader = (polarity == "permitted") == gained
        return "broader" if broader else "narrower"
    return "changed"


TOPIC_NAME = {"training": "training_use", "retention": "retention", "sharing": "sharing"}


def severity_of(atom: tuple[Any, ...], direction: str, user_acts: bool = False) -> str:
    """The severity SEVERITY_TABLE (detection.severity) declares for this statement change."""
    condition = str(atom[3]) if atom[0] == "training" and len(atom) > 3 else ""
    return severity_for(str(atom[0]), str(atom[1]), direction, condition, user_acts)


def days_text(days: int) -> str:
    """1825 -> '5 years (1,825 days)', 180 -> '6 months (180 days)', 30 -> '30 days'."""
    if days >= 365 and days % 365 == 0:
        n = days // 365
        return f"{n} year{'s' * (n > 1)} ({days:,} days)"
    if 60 <= days < 365 and days % 30 == 0:
        return f"{days // 30} months ({days:,} days)"
    return f"{days:,} day{'s' * (days != 1)}"


_KIND_NOUN = {
    "inputs": "chat",
    "outputs": "output",
    "files": "file",
    "feedback": "feedback",
    "flagged": "flagged content",
    "usage": "usage and log",
    "personal": "personal data",
    "code": "code",
    "memory": "memory",
    "backups": "backup",
    "content": "content",
}
_FOR_TRAINING = re.compile(
    r"\b(?:for|in|to) (?:\w+ ){0,3}(?:model )?training\b|\bimprove (?:our )?models?\b"
    r"|\bhelp improve\b"
)


_DET = r"(?:your|the|such|all|any|these|those|their|our|its|customer|user|personal)\s+"
_STOP = (
    r"(?=\s+(?:for|until|within|up|no|after|as|indefinitely|only|while|in|on|at|to|from|if|when"
    r"|prior|before"
    r"|unless|once|so|during|beyond|longer)\b|\s*[,.;:(])"
)
# "we retain your prompts for 30 days" / "your prompts are kept for 30 days"
_KEPT_OBJECT = re.compile(rf"\b{_KEEP_VERB}\s+({_DET}(?:[\w’'-]+\s+){{0,4}}?[\w’'-]+){_STOP}", re.I)
_KEPT_SUBJECT = re.compile(
    rf"\b({_DET}(?:[\w’'-]+\s+){{0,4}}?[\w’'-]+)\s+(?:is|are|will be|may be|can be|shall be|be)"
    rf"\s+(?:\w+\s+)?{_KEEP_VERB}\b",
    re.I,
)
# a sentence that opens with what is kept: "Fine-tuned models are retained for one year"
_KEPT_OPENING = re.compile(
    rf"^\W*((?:[\w’'-]+\s+){{0,4}}?[\w’'-]+)\s+(?:is|are|will be|may be|can be|shall be)"
    rf"\s+(?:\w+\s+)?{_KEEP_VERB}\b"
)
_PRONOUN = re.compile(r"^(?:it|they|them|this|that|these|those|we|you|such)$", re.I)


def kept_phrase(text: str) -> str:
    """What the clause says is kept, in its own words ("your prompts"), or ''."""
    for pattern in (_KEPT_OBJECT, _KEPT_SUBJECT, _KEPT_OPENING):
        m = pattern.search(text)
        if m and len(m.group(1).split()) <= 6 and not _PRONOUN.match(m.group(1)):
            phrase = " ".join(m.group(1).split())
            first = phrase.split()[0]
            if first.lower() in ("your", "the", "such", "all", "any", "these", "those", "their"):
                phrase = first.lower() + phrase[len(first) :]
            return phrase
    return ""


_NOT_PERMANENTLY = re.compile(
    r"\b(?:not|never) (?:be )?permanently (?:stored|retained|kept|saved)"
    r"|\b(?:not|never) (?:be )?(?:stored|retained|kept|saved) permanently",
    re.I,
)
_ON_REQUEST = re.compile(r"\b(?:may|can) (?:\w+ ){0,2}(?:request|ask for|apply for)\b", re.I)


_PASSIVE_KEEP = re.compile(
    r"\b(is|are) (?:\w+ )?(?:stored|kept|retained|saved|held|logged)\b", re.I
)
_WE = re.compile(r"\b(?:we|us|our)\b", re.I)


def _kept_passively(text: str, atom: tuple[Any, ...], bound: str) -> str:
    """'“X” are stored ...' for a clause that keeps data in the passive and never says who
    keeps it ("The Personal Data provided by Acme for support are stored for ..." in a list of
    sub-processors is kept by the recipient): not 'the provider keeps'; '' otherwise."""
    m = _PASSIVE_KEEP.search(text)
    if not text or not m or _WE.search(text):
        return ""
    data = _kept_data(text, atom)
    return f"{data} {m.group(1).lower()} kept{bound}"


# "stored until (i) deletion by Customer or (ii) one (1) year from termination": the period is
# an outer limit, the customer's deletion may end it sooner
_UNTIL_DELETED_OR = re.compile(
    r"\buntil\b[^.;]{0,40}?\b(?:delet\w*|eras\w*|remov\w*)\b[^.;]{0,80}?\bor\s+"
    r"(?:\(\w{1,3}\)\s*)?(?:\w+\s+)?(?:\(\d+\)\s*)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|sixty|ninety)\b",
    re.I,
)


def _or_deleted_first(text: str) -> str:
    return (
        " (or until the customer deletes the data, if sooner)"
        if (text and _UNTIL_DELETED_OR.search(text))
        else ""
    )


def _no_store_text(atom: tuple[Any, ...], phrase: str = "", text: str = "") -> str:
    """A promise not to store, in its mode: zero data retention is an option the customer
    turns on ("kept 30 days unless zero data retention is activated"), not the main rule.
    `phrase`: the clause's words for what is not stored ("any data obtained through ...")."""
    mode = str(atom[2]) if len(atom) > 2 else ""
    data = quoted(phrase) if phrase else "data"
    stored = "are not stored" if is_plural(phrase) else "is not stored"
    if _NOT_PERMANENTLY.search(text):  # "cached temporarily, never permanently stored"
        stored += " permanently"
    if mode == "zero data retention":
        asks = _ON_REQUEST.search(text)
        if asks:  # "customers with legitimate reasons may request it": a request, not a right
            who = text[: asks.start()].strip()
            who = quoted(who[0].lower() + who[1:]) if 0 < len(who) <= 80 else "customers"
            return (
                f"{who} may request zero data retention (no data stored); the clause does"
                " not say it will be granted"
            )
        return f"with zero data retention turned on, {data} {stored}"
    if mode.endswith(" mode") or (mode and f"{mode} mode" in text.lower()):
        # "privacy mode" (never "privacy mode mode"); "if the Customer activates the
        # Incognito Mode": the mode, not "a mode or plan"
        name = mode if mode.endswith(" mode") else f"{mode} mode"
        return f"{data} {stored} in {name}"
    if phrase and mode and mode.lower() in phrase.lower():
        return f"{data} {stored}"  # the mode is a word of what is not stored
    return f"{data} {stored}" + (f" ({mode} mode or plan)" if mode else "")


_KEPT_WHEN = re.compile(
    r"\b((?:for (?:a )?longer (?:periods?|time) )?(?:when|where|if|as) (?:\w+ ){0,3}"
    r"(?:required|necessary|needed|permitted)\b[^.;]{0,110})",
    re.IGNORECASE,
)


def _closed(words: str, text: str, end: int) -> str:
    """Quoted words that stop before a parenthesis they do not close, and at a whole word,
    with "…" where the clause goes on."""
    if words.count("(") > words.count(")"):
        return words[: words.rfind("(")].rstrip(" ,") + " …"
    cut = whole_words(words, text, end)
    return cut[:-2].rstrip(" ,") + " …" if cut != words else words.rstrip(" ,")


_ANONYMISES = re.compile(r"\banonymi[sz]\w*|\banonymous form\b|\bde-?identif\w*", re.IGNORECASE)


def _kept_data(text: str, atom: tuple[Any, ...]) -> str:
    """What a keeping clause keeps: its own words, quoted, else the data kind in plain words."""
    kind = str(atom[-1])

    def fits(phrase: str) -> bool:  # of this kind, or in general words ("your data")
        kinds = kept_kinds(phrase)
        return not kinds or kind in kinds

    phrase = data_phrase(text, "retention", fits) if text else ""
    if not phrase and text:
        # the clause keeps one thing only: its words, whatever kind the rules filed it under
        # ("we retain audio transcriptions as Log and Usage Information")
        named = data_phrases(text, "retention")
        one_verb = len(re.findall(rf"\b{_KEEP_VERB}\b", text, re.IGNORECASE)) == 1
        phrase = named[0] if len(named) == 1 and one_verb else ""
    return quoted(phrase) if phrase else _data_noun(kind)


def _data_noun(kind: Any) -> str:
    """'chat data', 'personal data' (never 'personal data data')."""
    noun = _KIND_NOUN.get(str(kind), str(kind))
    return noun if noun.endswith(("data", "content")) else f"{noun} data"


def retention_subject(text: str, facts: dict[str, Any] | None, days: int | None = None) -> str:
    """What a retention clause keeps, for a summary: 'Retention of “your prompts”'.

    The clause's own words when it names the data ("your voice recordings", "the Agent"), so
    a summary never calls a fine-tuned model or an image "chat"; else a data kind. `days`:
    the period told of, read in the sentence that states it (a clause may keep prompts 15
    days and images 1 day).
    """
    if days is not None:
        text = stating(text, days)
    phrase = data_phrase(text, "period" if days is not None else "retention")
    phrase = phrase or kept_phrase(text) or _labelled_period(text)
    label = _DATA_LABEL.match(text)
    if label:  # "Support data: we keep your data ...", "Account Data (such as ...): 1 year"
        phrase = label.group(1)
    where = _SYSTEMS.search(text)
    if phrase:
        return f"Retention of “{phrase}”" + (f" on {where.group(1)} systems" if where else "")
    kinds = [k for k in (facts or {}).get("data", []) if k != "personal"] or list(
        (facts or {}).get("data", [])
    )
    noun = _KIND_NOUN.get(kinds[0], "data") if kinds else "data"
    low = text.lower()
    if kinds and kinds[0] == "inputs" and not re.search(r"\b(?:chat|conversation)s?\b", low):
        # "the Prompts and the Outputs" of an API are no "chat"
        noun = "prompt" if re.search(r"\bprompts?\b", low) else "input"
    if "backup" in low:
        noun += " backup"
    if _FOR_TRAINING.search(low):
        return f"Retention of {noun} data used for model training"
    trigger = {
        "account_closure": " after account closure",
        "termination": " after the contract ends",
    }.get(str((facts or {}).get("trigger")), "")
    return f"{noun[:1].upper()}{noun[1:]} retention{trigger}"


# "Guest contact details: 1 year from collection": a label naming the data, then its period
_PERIOD_LABEL = re.compile(r"^\W*((?:[\w’'-]+\s+){0,5}?[\w’'-]+)\s*:\s*(?:up to |within )?\w+")
_NOT_DATA_LABEL = re.compile(r"^(?:purpose|retention|period|duration|note|example)s?\b", re.I)


# "deleted from Quillfire Labs’ systems": the party whose systems keep the data
_SYSTEMS = re.compile(
    r"\b(?:from|on|in) ((?:[A-Z][\w&.-]*\s){0,3}[A-Z][\w&.-]*(?:’s?|'s?))\s"
    r"(?:systems|servers|infrastructure)\b"
)


_DELETE_WITHIN = re.compile(
    r"\b(?:delet|eras|destroy|purg|remov|anonymi[sz])\w*\b(?:\W+\w+){0,6}?\W+"
    r"(?:within|no later than|not later than)\b",
    re.I,
)


def as_deadline(subject: str, text: str, days: int) -> str:
    """'Retention of “the Agent”' -> 'The deletion deadline for “the Agent”' when the period
    is one the provider deletes within ("delete the Agent within 10 days of a request"), not
    one it keeps for ("stored for 15 days and then deleted")."""
    if not _DELETE_WITHIN.search(stating(text, days)):
        return subject
    if subject.startswith("Retention of "):
        return "The deletion deadline for " + subject[len("Retention of ") :]
    if subject.endswith(" retention"):
        return subject[: -len(" retention")] + " deletion deadline"
    return subject


# a label naming the data a clause is about: "Technical support data:", "Security logs:"
_DATA_LABEL = re.compile(
    r"^\W*((?:[\w’'-]+\s+){0,4}(?:data|information|logs?|records?|content|files?))\s*"
    r"(?:\([^()]{0,200}\)\s*)?:",
    re.I,
)
_GENERIC_KEPT = frozenset(
    {"your data", "your personal data", "personal data", "the data", "such data", "your information",
     "your personal information", "the personal data", "all data"}
)  # fmt: skip


def _labelled_period(text: str) -> str:
    """The label before a period ("Guest contact details: 1 year"), when it names data."""
    m = _PERIOD_LABEL.match(text)
    if not m or _NOT_DATA_LABEL.match(m.group(1)):
        return ""
    rest = text[m.end(1) :].lstrip(" :")
    return m.group(1) if find_durations(rest[:40]) else ""


def subprocessor_label(row: str) -> str:
    """'Corvane Compute, Inc. | Model hosting | United States' -> 'Corvane Compute, Inc. (model hosting, United States)'."""
    row = re.sub(r"\s*•\s*", " ", row).lstrip(":;-–*. ")  # ": Acme": a stray colon
    value = vertical_entry(row)
    if value is not None:  # "Trustees and Contacts | Quillfire Legal LLP": the company
        # without the contact details beside it ("(01-2345-6789)")
        return re.sub(r"\s*\([^()]*\d[^()]*\)\s*$", "", value).rstrip(".;:")
    cells = [c.strip() for c in row.split(" | ") if c.strip()]
    if not cells:
        return row.strip()
    head, rest = cells[0], [c for c in cells[1:3] if len(c) <= 80]
    if not rest:
        return head.rstrip(".;:")
    rest[0] = rest[0][:1].lower() + rest[0][1:] if not rest[0][:2].isupper() else rest[0]
    return f"{head} ({', '.join(rest)})"


def _shared_with_whom(text: str) -> str:
    """Whom a feature lets the user share with, as the clause names them: "other users",
    "other users or third parties", "the public" (never a word the clause does not use)."""
    low = text.lower()
    named = [
        words
        for words, pattern in (
            ("other users", r"\bother users?\b"),
            ("third parties", r"\bthird[- ]part(?:y|ies)\b"),
            ("the public", r"\bpublic(?:ly)?\b"),
        )
        if re.search(pattern, low)
    ]
    return " or ".join(named) if named else "other users or the public"


def _summary_of(
    atom: tuple[Any, ...],
    gained: bool,
    direction: str,
    old_clause: Clause | None,
    new_clause: Clause | None,
) -> str:
    clause = new_clause if gained else old_clause
    if clause is None:
        return _summary(atom, gained, direction)
    if atom[0] == "sharing" and _user_acts(atom, clause):
        who = RECIPIENT_WORDS.get(str(atom[1]), str(atom[1]).replace("_", " "))
        if atom[1] == "public":
            who = _shared_with_whom(clause.text)
        if _AT_OWN_RISK.search(clause.text):
            # "if you share your content through third-party sites, you do so at your own
            # risk": a disclaimer about the user's act, no feature the service offers
            what = f"content you share with {who} is shared at your own risk"
            if _NOT_COVERED.search(clause.text):
                what += ", outside the provider's terms and privacy policy"
            if gained:
                return f"New disclaimer: {what}."
            return f"The disclaimer that {what} is removed."
        if gained:
            return f"The service now lets you share your content with {who}."
        return f"The statement that the service lets you share your content with {who} is removed."
    if atom[0] == "training" and atom[2] == "permitted":
        actor = _actor_of(atom, clause)
        if actor:
            return _third_party_training(atom, gained, actor, clause.text)
    if atom[0] == "retention" and atom[1] in ("keeps", "keeps_if"):
        actor = _actor_of(atom, clause)
        if actor:  # a party keeping data for its own models, not the provider
            who = actor if actor.startswith(_DETERMINED) else f"the {actor}"
            data = _kept_data(clause.text, atom)
            if not data.startswith("“"):  # "content": the words the training names, if any
                named = trained_data(clause.text)
                data = named if named.startswith("“") else data
            # (the reading makes a party the keeper only when it trains its own models)
            what = f"{who} may keep {data} to train their own models"
            if gained:
                return f"New retention statement: {what}."
            return f"Retention statement removed: {what}."
    if atom[:2] == ("retention", "no_store"):
        actor = _actor_of(atom, clause)
        if actor:  # "a hosted model ..., which does not store any prompts": that party's
            who = actor if actor.startswith(_DETERMINED) else f"the {actor}"
            phrase = denied_data_phrase(clause.text)
            what = (
                f"{who} does not store {quoted(phrase) if phrase else 'the data'} (a promise"
                " about that party; the clause says nothing of what the provider keeps)"
            )
            if gained:
                return f"New retention statement: {what}."
            return f"Retention statement removed: {what}."
    if atom[0] == "retention" and atom[1] == "days":
        subject = retention_subject(clause.text, clause.facts.get("retention"), int(atom[2]))
        subject = as_deadline(subject, clause.text, int(atom[2]))
        verb = "is now" if gained else "is no longer"
        anchor = period_anchor(clause.text, int(atom[2])) + period_tail(clause.text, int(atom[2]))
        anchor += _or_deleted_first(clause.text)
        return f"{subject} {verb} stated as {days_text(int(atom[2]))}{anchor}."
    # a clause new (or removed) as a whole: every recipient it names is news (or gone)
    whole = (old_clause is None) if gained else (new_clause is None)
    return _summary(atom, gained, direction, clause.text, clause, all_recipients=whole)


# an actor named with its own determiner or quantifier keeps it ("some AI models")
_DETERMINED = (
    "a ",
    "an ",
    "the ",
    "some ",
    "certain ",
    "many ",
    "several ",
    "most ",
    "all ",
    "any ",
)


def _actor_of(atom: tuple[Any, ...], clause: Clause) -> str:
    """The third party that acts in every statement of `atom` in `clause` ("" for the provider)."""
    got = [s for s in clause.statements if statement_key(s) == tuple(atom)]
    if got and all(s.actor == "third_party" for s in got):
        return got[0].actor_name or "a third party"
    return ""


def _user_acts(atom: tuple[Any, ...], clause: Clause) -> bool:
    got = [s for s in clause.statements if statement_key(s) == tuple(atom)]
    return bool(got) and all(s.actor == "user" for s in got)


# "may allow you to opt out of model training": an opt-out the party may offer, not one the
# clause promises; "unless opted out" would state it as assured
_HEDGED_OPT_OUT = re.compile(
    r"\bmay (?:also )?(?:allow|let|enable|permit|offer|give) (?:you |users )?(?:to |the option to |"
    r"an option to |the ability to )?opt(?:-| )?out",
    re.IGNORECASE,
)


# "opt out of the use of your chats for model training", "opt-out from the Training Data"
_OPT_OUT_OF_TRAINING = re.compile(
    r"\bopt(?:-|\s)?out\s+(?:of|from)\s+(?:[\w’'-]+\s+){0,8}?(?:[\w-]*train\w*|model\s+improvement)"
    r"(?:\s+data)?\b",
    re.IGNORECASE,
)
_TRAINING_WORD = re.compile(r"\b(?:train\w*|fine-?tun\w*|improv\w*|develop\w*)\b", re.IGNORECASE)


# "we make reasonable efforts to de-identify it": a promise of efforts, not of
# de-identified data
_DEID_EFFORTS = re.compile(
    r"\b((?:commercially )?(?:reasonable|best|appropriate) efforts to (?:de-?identify|anonymi[sz]e"
    r"|pseudonymi[sz]e|aggregate))\b",
    re.IGNORECASE,
)


def _deid_words(text: str) -> str:
    m = _DEID_EFFORTS.search(text)
    return f" after {quoted(m.group(1) + ' it')}" if m else " once it is de-identified"


def _implied_by_opt_out(text: str) -> bool:
    """The clause names training only as what the user may opt out of."""
    return bool(_OPT_OUT_OF_TRAINING.search(text)) and not _TRAINING_WORD.search(
        _OPT_OUT_OF_TRAINING.sub(" ", text)
    )


def _third_party_training(atom: tuple[Any, ...], gained: bool, actor: str, text: str = "") -> str:
    cond = {"opt_out": " unless opted out", "opt_in": " only if opted in"}.get(str(atom[3]), "")
    if atom[3] == "opt_out" and _HEDGED_OPT_OUT.search(text):
        cond = "; they may let you opt out"
    who = actor if actor.startswith(_DETERMINED) else f"the {actor}"
    own = "their own" if who.split()[-1].lower().endswith("s") else "its own"
    what = f"train {own} AI models" if atom[1] == "train" else f"improve {own} services"
    if gained:
        return f"Your data is now passed to {who}, which may use it to {what}{cond}."
    return f"The statement that {who} may use your data to {what}{cond} is removed."


# How each recipient category reads in a summary: plain words, never an internal code.
RECIPIENT_WORDS = {
    "affiliates": "other companies in its group",
    "service_providers": "its service providers",
    "model_providers": "the providers of the AI models it uses",
    "partners": "its business partners",
    "advertisers": "advertisers and advertising partners",
    "authorities": "authorities and law enforcement",
    "acquirers": "a buyer or successor in a merger or acquisition",
    "public": "the public",
    "organization": "your organization's administrators",
    "third_party_apps": "the third-party apps and integrations you connect",
    "third_parties": "third parties",
}


def training_use(
    action: str, data: str = "your data", text: str = "", permitted: bool = True
) -> str:
    """'train AI models on your data' or 'use your data to improve its services'.

    With the clause's `text`, a clause that names no training ("we use it to evaluate and
    improve our AI features") says what it improves, in its own words."""
    # (a sentence that names training only to deny it, "we never store or learn from your
    # codebase", does not make the permission beside it a training one)
    naming = [t for t in _SENTENCE_END.split(text) if _NAMES_TRAINING.search(t)] if text else []
    if action == "train" and text and all(permitted and DENIAL.search(t) for t in naming):
        m = _IMPROVED.search(text)
        if m:
            return f"use {data} to {m.group(1).lower()} its {' '.join(m.group(2).split())}"
    return (
        f"train AI models on {data}" if action == "train" else f"use {data} to improve its services"
    )


# a word that names training itself (not improving or developing)
_NAMES_TRAINING = re.compile(r"\btrain|\bfine-?tun|\bmachine learning|\blearn", re.I)
# "to evaluate and improve our AI features", "to improve Our Models": what is improved
_IMPROVED = re.compile(
    r"\b(improve|develop|enhance|refine)\s+(?:our|its|the|their)\s+"
    r"((?:[\w-]+\s+){0,2}?(?:models?|features?|systems?|algorithms?))\b",
    re.I,
)


_WORDS = r"((?:[\w’'-]+\s+){0,5}?[\w’'-]+)"
# what a training clause uses, in its own words: "do not use children's data for model
# training", "voice recordings you submit are used to train", "train our models on your chats"
_TRAINED_DATA = (
    re.compile(rf"\b(?:use|uses|used|using)\s+{_WORDS}\s+(?:to|for)\s", re.I),
    re.compile(
        rf"^\W*{_WORDS}\s+(?:is|are|will be|may be|can be|shall be|might be)\s+(?:not\s+|never\s+)?"
        r"(?:\w+\s+)?used\b",
        re.I,
    ),
    re.compile(rf"\btrain\w*\s+(?:\w+\s+){{0,3}}?on\s+{_WORDS}\s*(?=[,.;]|$)", re.I),
)
_GENERIC_DATA = re.compile(
    r"^(?:(?:your|the|such|this|that|these|all|any|our|its|their)\s+)?(?:personal\s+)?"
    r"(?:data|datum|information|info|content|it|them|this|that|these|those|which)$|^(?:we|you)\b",
    re.I,
)


def trained_data(text: str) -> str:
    """The data a training clause names, quoted ('“children's data”'), else 'your data'; a
    clause that uses only what it derives from the data says so."""
    if derived_only(lemmatize(text)):
        # "to get high-level information to improve the training": not the data itself
        return "information derived from your data"
    phrase = data_phrase(text, "training")
    if phrase:
        return quoted(phrase)
    for pattern in _TRAINED_DATA:
        m = pattern.search(text)
        phrase = m.group(1).strip() if m else ""
        # data, not the means ("we use commercially reasonable efforts to ...") or a fragment
        if (
            phrase
            and _DATA_NOUN.search(phrase)
            and not _GENERIC_DATA.match(phrase)
            and not re.match(r"(?:of|in|for|to|by|with|from|on|at)\b", phrase, re.I)
        ):
            return quoted(phrase)
    return "your data"


_DATA_NOUN = re.compile(
    r"\b(?:data|inputs?|outputs?|prompts?|conversations?|chats?|content|materials?|feedback"
    r"|recordings?|files?|code|messages?|information|images?|texts?|transcripts?|repositor\w+"
    r"|queries|questions|submissions?|interactions?|usage)\b",
    re.I,
)


def training_terms(atom: tuple[Any, ...], text: str) -> tuple[str, str]:
    """What a training statement lets (or forbids) the provider do, and on what condition:
    ('train AI models on “your chats”', ' unless you opt out')."""
    action, polarity, cond = atom[1], atom[2], atom[3]
    what = training_use(
        action, trained_data(text) if text else "your data", text, polarity == "permitted"
    )
    if polarity != "permitted":
        cond_txt = {"opt_in": " unless you opt in", "deid": " (de-identified data)"}
        return what, cond_txt.get(cond, "")
    limited = _OPT_OUT_ONLY_FOR.search(text) if text else None
    cond_txt = {
        "opt_out": (
            " (it may let you opt out)"
            if _HEDGED_OPT_OUT.search(text)
            # "which option is available only if the Customer subscribed to the Chat Paid
            # Services": the others have no way out
            else f" unless you opt out (an option only {_first_group(limited)})"
            if limited
            else " unless you opt out"
        ),
        "opt_in": " if you opt in",
        "deid": _deid_words(text),
        "despite_opt_out": " even if you opted out",
        "public_data": " where that data is publicly available",
    }
    return what, cond_txt.get(cond, "")


def training_statement(atom: tuple[Any, ...], text: str) -> str:
    """'the provider may train AI models on “your chats” unless you opt out' (or 'will not')."""
    what, cond = training_terms(atom, text)
    verb = "may" if atom[2] == "permitted" else "will not"
    return f"the provider {verb} {what}{cond}"


def _summary(
    atom: tuple[Any, ...],
    gained: bool,
    direction: str,
    text: str = "",
    clause: Clause | None = None,
    all_recipients: bool = False,
) -> str:
    """One plain sentence a lawyer can read: what the provider may now (no longer) do."""
    topic = atom[0]
    if topic == "training":
        polarity, cond = atom[2], atom[3]
        what, cond_txt = training_terms(atom, text)
        if polarity == "permitted":
            if cond == "opt_out" and _implied_by_opt_out(text):
                # "you can opt out of model training": the opt-out is stated, the use implied
                if gained:
                    return f"New opt-out from training, which implies the provider may {what}."
                return (
                    f"The opt-out from training, which implied the provider may {what}, is removed."
                )
            if gained:
                return f"The provider may now {what}{cond_txt}."
            return f"The statement that the provider may {what}{cond_txt} is removed."
        promise = f"the provider will not {what}{cond_txt}"
        if gained:
            return f"New promise: {promise}."
        return f"The promise that {promise} is removed."
    if topic == "retention":
        if atom[1] == "days":
            subject = retention_subject(text, None, int(atom[2])) if text else "Retention"
            verb = "is now" if gained else "is no longer"
            anchor = (
                period_anchor(text, int(atom[2])) + period_tail(text, int(atom[2])) if text else ""
            ) + _or_deleted_first(text)
            return f"{subject} {verb} stated as {days_text(int(atom[2]))}{anchor}."
        bound = keep_bound(text) if atom[1] in ("keeps", "keeps_if", "indefinite") else ""
        if not bound and atom[1] in ("keeps", "keeps_if") and text:
            # "we may retain it for longer periods when required by law or to exercise our
            # rights in legal proceedings": when it is kept, which the summary must say
            when = _KEPT_WHEN.search(text)
            bound = quoted(_closed(when.group(1), text, when.end(1))) if when else ""
        indefinite = "data may be kept as long as needed (no fixed limit)"
        if bound:  # "until you delete it" is no fixed period, but not "as long as needed"
            label = _DATA_LABEL.match(text) if text else None
            # "User Input Data (for consumers): for the duration of ...": the data it names
            what = quoted(label.group(0).rstrip(": ")) if label else "data"
            indefinite = f"{what} is kept {bound}, with no fixed number of days"
        bound = f" {bound}" if bound else ""
        what = {
            "keeps": _kept_passively(text, atom, bound)
            or f"the provider keeps {_kept_data(text, atom)}{bound}",
            # "if you use X", "if you enable Y", "if you choose to index": a use or a choice
            "keeps_if": f"the provider keeps {_kept_data(text, atom)}{bound} when you use a"
            " feature, product or setting",
            "until": f"data is kept until {str(atom[-1]).replace('_', ' ')}",
            "indefinite": indefinite,
            "no_store": _no_store_text(atom, denied_data_phrase(text) if text else "", text),
            "user_can_delete": "you can delete your data",
            "user_opt_out": "you can ask the provider not to keep your data",
            # "delete or anonymize": the data may stay, in another form
            "we_delete": "the provider deletes or anonymises data"
            if _ANONYMISES.search(text)
            else "the provider deletes data",
            "legal_hold": "data may be kept for legal claims or litigation",
        }.get(atom[1], "data retention")
        if atom[1] == "days_for":
            noun = _KIND_NOUN.get(str(atom[2]), str(atom[2]))
            noun = noun if noun.endswith("content") else f"{noun} data"
            what = f"{noun} is kept {days_text(int(atom[3]))}"
        if gained:
            return f"New retention statement: {what}."
        return f"Retention statement removed: {what}."
    if atom[1] == "sublicense":
        what = "may pass your content on to others under a sublicence"
        data = shared_data(text)
        if data != "your data":  # a licence over feedback only is not one over your content
            what = f"may pass {data} on to others under a sublicence"
            if not gained:
                return f"The licence that lets the provider pass {data} on (sublicense) is removed."
        if gained:
            return f"The provider {what} (new)."
        return "The licence that lets the provider pass your content on (sublicense) is removed."
    if atom[1] == "as_directed":
        promise = "the provider shares your data only as you (or your organization) direct"
        return f"New promise: {promise}." if gained else f"The promise that {promise} is removed."
    if atom[1] == "discloses":
        if gained:
            return f"Now disclosed to others: {atom[2]} (data category table)."
        return f"No longer disclosed to others: {atom[2]} (data category table)."
    if atom[1] == "tracker":
        where = f" on {atom[3].replace(' ', ', ')}" if atom[3] != "-" else ""
        if gained:
            return f"New advertising/analytics cookies of {atom[2]}{where}."
        return f"Advertising/analytics cookies of {atom[2]}{where} removed."
    if atom[1] == "named":
        # the name as the document writes it ("Orrin Signals", not "orrin signals")
        m = re.search(re.escape(str(atom[2])), text, re.IGNORECASE) if text else None
        name = m.group() if m else str(atom[2])
        if gained:
            return f"New recipient named in a sharing clause: {name}."
        return f"Recipient no longer named in any sharing clause: {name}."
    if atom[1] == "subprocessor":
        label = subprocessor_label(text) if text else str(atom[2])
        if gained:
            return f"New sub-processor: {label}."
        return f"Sub-processor removed: {label}."
    if atom[1] == "sale":
        if atom[2] == "prohibited":
            what = _sale_promise(text)
            return (
                f"New promise: the provider does not {what}."
                if gained
                else (f"The promise that the provider does not {what} is removed.")
            )
        return (
            "The provider may now sell your data."
            if gained
            else ("The statement that the provider may sell your data is removed.")
        )
    if atom[1] == "publicity":  # naming the customer in marketing: not a recipient of data
        what = "name you or your organization as a customer in its marketing"
        if atom[2] == "prohibited":
            if gained:
                return f"New promise: the provider does not {what}."
            return f"The promise that the provider does not {what} is removed."
        if gained:
            return f"The provider may now {what}."
        return f"The statement that the provider may {what} is removed."
    if atom[1] == "opt_out":
        who = RECIPIENT_WORDS.get(str(atom[2]), str(atom[2]).replace("_", " "))
        if gained:
            return f"New: you can stop the sharing of your data with {who} (an opt-out)."
        return f"The way to stop the sharing of your data with {who} (an opt-out) is removed."
    who = _recipients_of(atom, clause if all_recipients else None)
    reports = _REPORTS_TO.search(text) if atom[1] == "authorities" and text else None
    if reports and atom[2] == "permitted":
        # "we report CSAM to the National Center for ...": one kind of report to one body
        what = f"reports {quoted(reports.group(1))} to {quoted(reports.group(2).rstrip(' ,'))}"
        if gained:
            return f"New statement: the provider {what}."
        return f"The statement that the provider {what} is removed."
    if atom[1] == "authorities" and atom[2] == "permitted":
        legal = _LEGAL_CONDITION.search(text)
        if legal:  # disclosure to authorities is nearly always tied to a legal duty
            who = f"{who} {quoted(legal.group(1))}"
    data = shared_data(text)
    if atom[2] == "prohibited":
        if gained:
            return f"New promise: the provider does not share {data} with {who}."
        return f"The promise that the provider does not share {data} with {who} is removed."
    exception = _EXCEPTION_TO_DENIAL.search(text) if text else None
    if exception:  # "we will not disclose it to any third party except to Y": Y, and no one else
        only = (
            f", only as the exception to a promise not to share it ({quoted(exception.group(1))})"
        )
        if gained and direction == "changed":
            return (
                f"New promise: the provider does not share {data} with third parties; its"
                f" exception lets {who} receive {data} ({quoted(exception.group(1))})."
            )
        if gained:
            return f"The provider may now share {data} with {who}{only}."
        return f"The statement that the provider may share {data} with {who}{only} is removed."
    if gained:
        return f"The provider may now share {data} with {who}."
    return f"The statement that the provider may share {data} with {who} is removed."


_WHILE_PROCESSED = re.compile(
    r"\b(?:duration|time|period) (?:necessary|needed|required) (?:to|for) (?:\w+ ){0,2}"
    r"(?:generat|process|provid|produc|complet|fine-?tun|respond)",
    re.IGNORECASE,
)


# a report of one kind made to a body the clause names: "report CSAM to the National Center"
_REPORTS_TO = re.compile(
    r"\breport(?:s|ed)?\s+((?:[\w’'-]+\s+){0,6}?[\w’'-]+)\s+to\s+((?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+(?:[A-Z][\w’'-]*|of|and|for|the))*)"
)


_CAP = re.compile(
    r"\bif (?:sooner|earlier)\b|\bwhichever\b|\bat the latest\b|\bno (?:longer|more) than\b"
    r"|\bup to\b|\bmaximum\b|\bdelet|\berase|\bdestroy",
    re.I,
)
_AFTER_CONTRACT = re.compile(r"\b(?:terminat|expir|end of|cancell?ation|closure)", re.I)
# an opt-out offered to some only: "which option is available only if the Customer subscribed
# to the Chat Paid Services", "the opt-out is only available for paid plans"
_OPT_OUT_ONLY_FOR = re.compile(
    r"\b(?:opt(?:-|\s)?out|(?:such|this|that|which|the) option)\b[^.;]{0,40}?\b(?:is|are)\s+"
    r"(?:only\s+(?:available|offered|possible)|(?:available|offered|possible)\s+only)\s+"
    r"((?:if|when|for|to)\s+[^.;()]{3,80}?)(?=,|\.|;|\(|$| as\b)",
    re.IGNORECASE,
)


def _first_group(m: re.Match[str]) -> str:
    """The matched words quoted; a list cut at its conjunction ends in "…"."""
    words = m.group(1).rstrip(" ,")
    cut = re.sub(r"\s+(?:or|and)$", "", words)
    return quoted(cut) + (" …" if cut != words else "")


_OPT_OUT_RIGHT = re.compile(
    r"\b(?:users?|you|customers?)\s+(?:have|has|can|may|are able)\b[^.;]{0,40}?\bopt(?:-|\s)?out",
    re.IGNORECASE,
)


_PERSONAL = re.compile(r"\bpersonal (?:data|information)\b", re.IGNORECASE)
# "as that term is defined by applicable laws": a sale in the law's sense, not every transfer
_LEGAL_SENSE = re.compile(
    r"\bas (?:(?:that|this|such|those) terms? (?:is|are) |(?:is|are) )?defined (?:by|in|under)"
    r"\b[^.;()]{0,80}",
    re.IGNORECASE,
)
_ADS_PROMISE = re.compile(
    r"\b(?:share|process|use|engag)\w*[^.;]{0,80}?(?:cross-context\w*|targeted)\W+"
    r"(?:behaviou?ral\s+)?advertising",
    re.IGNORECASE,
)


def _sale_promise(text: str) -> str:
    """'sell your personal data (“as that term is defined by applicable laws”), nor use it for
    targeted advertising': the promise with the data it names, the sense of "sell" it takes
    and the advertising uses it denies beside the sale."""
    data = "your personal data" if text and _PERSONAL.search(text) else "your data"
    what = f"sell {data}"
    legal = _LEGAL_SENSE.search(text or "")
    if legal:
        what += f" ({quoted(legal.group().rstrip(' ,'))})"
    for m in _ADS_PROMISE.finditer(text or ""):
        # denied in its own sentence ("we do not share it for cross-context advertising"),
        # not a right to opt out of it
        if DENIAL.search(_SENTENCE_END.split(text[: m.start()])[-1] + m.group()):
            what += ", nor use it for targeted or cross-context advertising"
            break
    return what


_AT_OWN_RISK = re.compile(r"\bat (?:your|their|its) own risk\b", re.IGNORECASE)
_NOT_COVERED = re.compile(r"\b(?:do|does) not apply to your use\b", re.IGNORECASE)


# a denial of sharing with an exception: "will not disclose ... to any third party except ..."
_EXCEPTION_TO_DENIAL = re.compile(
    r"\b(?:not|never|no)\b[^.;]{0,160}?\b(?:share|disclose|distribute|transfer|provide|sell)\w*"
    r"[^.;]{0,160}?\b((?:except|other than|save)\b[^.;]{3,140}?)\s*(?:[.;]|$)",
    re.IGNORECASE,
)


def _recipients_of(atom: tuple[Any, ...], clause: Clause | None) -> str:
    """The recipient of `atom` in plain words, with the others its clause names beside it
    ("with our subsidiaries, affiliates, and partners": companies of its group and partners),
    so a summary never drops one of them."""
    cats = []  # in the clause's order, so each finding of the clause words them alike
    for s in clause.statements if clause is not None else ():
        if s.topic == "sharing" and s.polarity == atom[2] and s.action == "disclose":
            cats += [r.category for r in s.recipients if r.category in RECIPIENT_WORDS]
    if str(atom[1]) not in cats:
        cats = [str(atom[1])]
    words = [RECIPIENT_WORDS.get(c, c.replace("_", " ")) for c in dict.fromkeys(cats)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# "if required to do so by law", "in response to lawful requests", "to comply with the law"
_LEGAL_CONDITION = re.compile(
    r"\b((?:if|when|where|as) (?:\w+ ){0,3}required (?:to do so )?by (?:\w+ ){0,2}law"
    r"|in response to (?:\w+ ){0,3}(?:lawful|legal|valid) (?:\w+ ){0,2}requests?"
    r"|to comply with (?:\w+ ){0,4}(?:laws?|legal \w+|regulations?|court orders?|subpoenas?))\b",
    re.IGNORECASE,
)


# What is shared, when the clause names only account details: "we may share the fact that you
# have an account and certain account information, such as your email address, with your
# employer" shares no chats or files, and "your data" would overstate it.
_ACCOUNT_DATA = re.compile(
    r"\b(?:account(?:-related)?|contact|registration|billing) (?:information|data|details)\b"
    r"|\bemail address(?:es)?\b",
    re.IGNORECASE,
)
_CONTENT_DATA = re.compile(
    r"\b(?:content|prompts?|inputs?|outputs?|chats?|conversations?|files?|messages?|code"
    r"|usage|personal (?:data|information)|(?:your|user|customer) data)\b",
    re.IGNORECASE,
)


# What the clause names when it names one kind of data only; a licence over Feedback or a
# promise about the customer's fine-tuned model is not about "your data" in general.
_ONE_KIND = (
    ("your fine-tuned models", re.compile(r"\bfine-?tuned models?\b", re.IGNORECASE)),
    ("your feedback", re.compile(r"\bfeedback\b", re.IGNORECASE)),
    # "when you communicate with us online, vendors receive and store these communications"
    (
        "your communications with it",
        re.compile(r"\bcommunications?\b|\bcommunicate with us\b", re.IGNORECASE),
    ),
)


def shared_data(text: str) -> str:
    """What the clause shares when it names only that ('your account information', 'your
    feedback', 'your fine-tuned models'), else 'your data'."""
    if not text:
        return "your data"
    phrase = data_phrase(text, "sharing")
    if phrase:
        return quoted(phrase)
    if _ACCOUNT_DATA.search(text) and not _CONTENT_DATA.search(text):
        return "your account information"
    for words, pattern in _ONE_KIND:
        if pattern.search(text) and not _CONTENT_DATA.search(pattern.sub(" ", text)):
            return words
    return "your data"


def make_finding(
    atom: tuple[Any, ...],
    gained: bool,
    old_clause: Clause | None,
    new_clause: Clause | None,
    direction: str | None = None,
    kind: str | None = None,
    summary: str | None = None,
) -> Finding:
    clause = new_clause if gained else old_clause
    if (
        direction is None
        and not gained
        and atom[:1] == ("retention",)
        and atom[1] in ("keeps", "keeps_if")
        and clause is not None
        and (keep_bound(clause.text) or _DISCARDED.search(clause.text))
    ):
        direction = "changed"  # a keeping with its own limit is a permission and a limit
    if (
        direction is None
        and gained
        and atom[:1] == ("retention",)
        and atom[1] in ("keeps", "keeps_if")
        and clause is not None
        and _WHILE_PROCESSED.search(keep_bound(clause.text))
    ):
        # "we retain your prompts for the duration necessary to generate the output": kept
        # only while processed, a limit as much as a disclosure
        direction = "changed"
    if (
        direction is None
        and not gained
        and atom[:2] == ("retention", "days")
        and old_clause is not None
        and not old_clause.facts.get("retention", {}).get("deletes")
        and _AFTER_CONTRACT.search(period_anchor(old_clause.text, int(atom[2])))
        # (a cap, "until you delete it or one year after termination, if sooner", that goes
        # is a limit gone: broader)
        and not _CAP.search(old_clause.text)
    ):
        # "following the termination of this Agreement, we will retain your model for one
        # year" removed: a keeping beyond the contract went; whether the data now goes at
        # once or stays longer, the text no longer says
        direction = "changed"
    opt_out_gone = (
        direction is None
        and not gained
        and new_clause is None
        and atom[0] == "training"
        and atom[2:4] == ("permitted", "opt_out")
        # (a clause that only offers the opt-out, "you can opt out of training", implies the
        # use; its removal is read with the rest of the version, as before)
        and old_clause is not None
        and not _implied_by_opt_out(old_clause.text)
        # the clause states the way out as the user's right ("Users have the ability to opt
        # out of ..."): a right went with the use. A plain permission removed is narrower (a
        # promise beside it is said by compare._promises_removed_beside).
        and _OPT_OUT_RIGHT.search(old_clause.text) is not None
    )
    if opt_out_gone:
        # a clause removed whole that let the provider use data unless the user opted out:
        # the use and the user's way out of it went together
        direction = "changed"
    exception_only = (
        direction is None
        and gained
        and old_clause is None
        and atom[0] == "sharing"
        and atom[-1] == "permitted"
        and new_clause is not None
        and _EXCEPTION_TO_DENIAL.search(new_clause.text) is not None
    )
    if exception_only:
        # a new clause "we will not disclose X to any third party except to Y" is a promise
        # with a way through it: a protection gained and a recipient named, neither plainly
        # broader nor narrower
        direction = "changed"
    named_exception = (
        direction is None
        and not gained
        and atom[:2] == ("sharing", "named")
        and clause is not None
        and _EXCEPTION_TO_DENIAL.search(clause.text) is not None
    )
    if named_exception:
        # "we do not share it with third parties except service providers (like X)" removed:
        # X is no longer named, and the promise it was the exception to went with it
        direction = "changed"
    direction = direction or direction_of(atom, gained)
    party = _entry_party(atom, gained, old_clause, new_clause)
    if party:  # the period came or went with a clause about another party (a vendor's entry)
        direction = "changed"
        where = (
            f"in a new clause about {party}"
            if gained
            else (f"the clause that named {party} was removed")
        )
        summary = summary or _summary_of(atom, gained, direction, old_clause, new_clause)
        summary = f"{summary.rstrip('.')} ({where})."
    if named_exception:
        summary = summary or _summary_of(atom, gained, direction, old_clause, new_clause)
        summary = (
            f"{summary.rstrip('.')} (it was named as the exception to a promise not to share,"
            " which was removed with it)."
        )
    if opt_out_gone:
        summary = summary or _summary_of(atom, gained, direction, old_clause, new_clause)
        summary = f"{summary.rstrip('.')}; the right to opt out it stated went with it."
    topic = TOPIC_NAME[atom[0]]
    old_text = old_clause.text if old_clause else ""
    new_text = new_clause.text if new_clause else ""
    if gained and old_clause is not None and new_clause is None:
        old_text = ""
    severity = severity_of(atom, direction)
    text = summary or _summary_of(atom, gained, direction, old_clause, new_clause)
    limit = qualifier(clause.text) if clause is not None and atom[0] != "sharing" else ""
    if clause is not None and atom[0] == "sharing" and "permitted" in atom:
        limit = data_form(clause.text)  # what is passed on is limited by its form, if stated
    if clause is not None and atom[0] == "sharing" and not limit:
        # "If you sign up with your work email, we may share ...": the condition of the sharing
        # (an opening "For ..." names a purpose or a heading, not a condition)
        opening = _OPENING_QUALIFIER.match(clause.text)
        if opening and re.match(r"\W*(?:if|when|where|once|unless)\b", opening.group(1), re.I):
            limit = quoted(opening.group(1))
    if atom[:2] == ("retention", "no_store") and re.search(r"\boff\b|\bdisabl", limit, re.I):
        # "If you keep Privacy Mode off, we collect ... we never store X": a protection switched
        # off is the case a promise not to store is not about (another sentence states it)
        limit = ""
    if not limit and clause is not None and atom[0] in ("training", "retention"):
        limit = later_condition(clause.text, atom[0])
    if not limit and clause is not None and atom[0] in ("training", "retention"):
        # "Xbox's AI features do not use children's data ...": the product the statement is
        # about; without it a promise of one product reads as the provider's in general
        product = acting_product(clause.text, atom[0])
        if product:
            first, _, rest = product.partition(" ")
            limit = quoted(f"{first.lower()} {rest}" if first in ("The", "A", "An") else product)
    if limit and limit.strip("“”").lower() not in text.lower():
        text = f"{text.rstrip('.')} ({limit})."
    if clause is not None and atom[0] == "sharing" and _user_acts(atom, clause):
        severity = severity_of(atom, direction, user_acts=True)  # the user's own act
    return Finding(
        topic=topic,
        direction=direction,
        severity=severity,
        kind=kind or ("gained:" if gained else "lost:") + ":".join(str(x) for x in atom[1:]),
        summary=text,
        old_text=old_text,
        new_text=new_text,
        diff=diff_ops(old_text, new_text),
        old_facts=dict(old_clause.facts.get(topic, {})) if old_clause else {},
        new_facts=dict(new_clause.facts.get(topic, {})) if new_clause else {},
        **finding_statements(topic, old_clause, new_clause, atom),
    )


def _entry_party(
    atom: tuple[Any, ...], gained: bool, old_clause: Clause | None, new_clause: Clause | None
) -> str:
    """The other party whose systems keep data for a period, when the period comes (or goes)
    with a whole clause about that party ("Quillfire Labs generates images ... Your prompts
    are deleted from Quillfire Labs’ systems after 15 days"), else ''. Such a period is not
    loosened or tightened: it left (or came) with the party, whose entry the sharing finding
    reports; "broader" would say the data is now kept longer."""
    whole = new_clause if gained and old_clause is None else None
    if not gained and new_clause is None:
        whole = old_clause
    if whole is None or atom[:2] != ("retention", "days"):
        return ""
    m = _SYSTEMS.search(stating(whole.text, int(atom[2])))
    if not m:
        return ""
    name = re.sub(r"(?:’s?|'s?)$", "", m.group(1)).strip()
    # the clause is about that party: it names it again, as more than the place of the data
    return name if whole.text.count(name) >= 2 else ""


def finding_statements(
    topic: str,
    old_clause: Clause | None,
    new_clause: Clause | None,
    atom: tuple[Any, ...] | None = None,
) -> dict[str, Any]:
    """The `rule_ids` and `statements` of a finding: what its clauses state on its topic.

    With `atom`, the rule ids are those of the statements that state it; without, those of
    every statement of the topic in the two clauses (an edit read on the whole clause).
    """
    old = [s for s in (old_clause.statements if old_clause else ()) if s.topic == topic]
    new = [s for s in (new_clause.statements if new_clause else ()) if s.topic == topic]
    behind = [s for s in old + new if atom is None or statement_key(s) == tuple(atom)]
    rules = tuple(dict.fromkeys(r for s in behind or old + new for r in s.rule_ids))
    return {
        "rule_ids": rules,
        "statements": {"old": [to_dict(s) for s in old], "new": [to_dict(s) for s in new]},
    }
