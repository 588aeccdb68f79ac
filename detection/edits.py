"""Clauses edited in place: readings that the fact atoms alone do not show.

Public API (pure), each given the aligned pairs {new clause position: old clause} and the
added clauses, returning findings for topics not yet reported::

    similarity(key_a, key_b) -> float (word Jaccard of two clause keys)
    condition_changes(gained, lost, used_lost)   a permission whose condition changed
    edited_conditions(pairs, added, reported)    the same, read on one edited clause
    scope_changes(pairs, added, reported)        plans, data kinds, "only", purposes
    carve_outs(pairs, added, reported)           an exception gained or lost
    age_changes(pairs, added, reported)          a children's age limit moved

They are split from detection.compare so that each module reads in one sitting.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from clausewatch.parsers.clauses import clause_key
from clausewatch.records import Clause, Finding
from clausewatch.statements import statement_key
from clausewatch.statements.lemmas import lemmatize
from clausewatch.statements.lexicon import DEID, data_kinds
from clausewatch.statements.read import read_clause, split_sentences

from .phrases import denied_data_phrase
from .quotes import quoted
from .severity import severity_for
from .summaries import (
    RECIPIENT_WORDS,
    TOPIC_NAME,
    diff_ops,
    finding_statements,
    make_finding,
    trained_data,
    training_statement,
    training_use,
)

_SHORT = {v: k for k, v in TOPIC_NAME.items()}  # "training_use" -> "training"


def similarity(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


# Plans and modes a clause may be limited to. A plan word is a word of its own: inside a
# compound ("royalty-free", "error-free", "non-business") or in "free of charge" it is a licence
# or price term, not a plan.
_SCOPE = re.compile(
    r"(?<![\w-])(?:free(?! of\b)|paid|team|enterprise|business|api|pro|plus|consumer|individual"
    r"|student|education|incognito|temporary|privacy mode|zero data retention|opted[- ]out"
    r"|opted[- ]in)\b"
)
_PLANS = {
    "free",
    "paid",
    "team",
    "enterprise",
    "business",
    "api",
    "pro",
    "plus",
    "consumer",
    "individual",
    "student",
    "education",
}
# the words that make a plan named after them an exception to what a clause covers
_EXCEPTING = re.compile(
    r"\b(?:unless|except(?: for)?|excluding|other than|apart from|with the exception of)\b"
    r"[^.;:!?]{0,60}$"
)


_NEW_CLAUSE = re.compile(r", (?:where|which|if|when|but|as|provided|subject|in which|while)\b")


def plan_coverage(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(plans the clause is limited to, plans it excepts): "if you use the free plan, ..."
    covers the free plan; "... unless you use the paid plan" covers every plan but the paid
    one."""
    low = text.lower()
    covered: set[str] = set()
    excepted: set[str] = set()
    for m in _SCOPE.finditer(low):
        if m.group() not in _PLANS or _qualifies_option(m.group(), low):
            continue  # "where this option is available for Pro users": who may opt out
        before = _EXCEPTING.search(low[: m.start()])
        # the exception ends where a new clause begins: "unless you opt out, where ..."
        if before and not _NEW_CLAUSE.search(before.group()):
            excepted.add(m.group())
        else:
            covered.add(m.group())
    return frozenset(covered), frozenset(excepted)


def coverage_change(old: str, new: str) -> tuple[int, str] | None:
    """How the plans a clause covers moved when it names plans in an exception, and why: >0 it
    covers more, <0 less; None when no exception names a plan or the change is no plain
    widening or narrowing.

    "if you use the free plan" -> "unless you use the paid plan": from one plan to all but
    one (more); "unless you use Team" -> "unless you use Team or Enterprise": less.
    """
    old_in, old_ex = plan_coverage(old)
    new_in, new_ex = plan_coverage(new)
    if not (old_ex or new_ex):
        return None
    if old_in == new_in and old_ex != new_ex and (old_ex <= new_ex or new_ex <= old_ex):
        moved = len(old_ex) - len(new_ex)  # more plans excepted, less covered
        return (
            moved,
            "more plans are excepted from it" if moved < 0 else "fewer plans are excepted from it",
        )
    if old_in and not new_in and new_ex and not old_in & new_ex:
        return (
            1,
            "it now holds for every plan but the ones it excepts, not only for the plans it named",
        )
    if new_in and not old_in and old_ex and not new_in & old_ex:
        return (
            -1,
            "it now holds only for the plans it names, not for every plan but the ones it excepted",
        )
    return None


_PURPOSES = re.compile(
    # products beyond the service: "other products", "additional Acme products", "new services"
    r"(?:other|new|additional|future) (?:[\w-]+ )?(?:products|services)"
    r"|any (?:other )?(?:lawful )?(?:business )?purpose|business purposes"
    # ("commercially reasonable efforts" is a standard of care, not a commercial purpose)
    r"|research|commercial\b|develop\w* new|affiliates'? products"
)
_ONLY = re.compile(r"\bonly\b|\bsolely\b|\bexclusively\b")
_OPT_WORDS = re.compile(r"\bopt(?:s|ed|ing)?[- ]?(?:out|in)\b|\boption\b|\bsetting")
_SENTENCES = re.compile(r"(?<=[.;!?])\s+")


def limits_practice(text: str) -> bool:
    """An "only" (solely, exclusively) limits the practice a clause states: "we use your chats
    only to answer you". One in a sentence about the way out of it ("your opt-out will only
    apply to future chats") limits the opt-out, not what the practice covers."""
    for sentence in _SENTENCES.split(text.lower()):
        only = _ONLY.search(sentence)
        # the opt-out is what "only" speaks of when the sentence names it first
        if only and not _OPT_WORDS.search(sentence[: only.start()]):
            return True
    return False


TOPIC_ORDER = ("training_use", "retention", "sharing")
SCOPE_TOPICS = ("training_use",)  # measured: retention/sharing edits gain nothing
_LABEL = {"training_use": "Training", "retention": "Retention", "sharing": "Sharing"}


def _pair_id(a: str, b: str) -> str:
    """Same id for a -> b and b -> a: undoing an edit has the signature of the edit."""
    keys = sorted((clause_key(a), clause_key(b)))
    return hashlib.sha256("\x00".join(keys).encode()).hexdigest()[:12]


_EXCEPTION = re.compile(
    r"\bexcept\b|\bunless\b|\bother than\b|\bnotwithstanding\b|\bsave as\b|\bwith the exception\b"
    r"|\bexcluding\b|\bprovided that\b"
)


# an exception to a retention that has less kept: "unless you activate zero data retention",
# "unless you opt out", "unless you delete it first"
_LESS_KEPT = re.compile(
    r"zero data retention|\bzdr\b|\bopt(?:s|ed)?[- ]?out|\bdelet|\bdisabl|\bturn\w* off"
    r"|\bincognito\b|\btemporary chat"
)


def _edit_finding(
    kind: str, topic: str, direction: str, old: Clause, new: Clause, what: str
) -> Finding:
    """A finding read on one clause edited in place (its kind is tied to the old/new pair)."""
    return Finding(
        topic=topic,
        direction=direction,
        severity=_severity(kind, topic, direction, new),  # the declared table
        kind=f"{kind}:{topic}:" + _pair_id(old.text, new.text),
        summary=f"{_LABEL[topic]} ({direction}): {what}.",
        old_text=old.text,
        new_text=new.text,
        diff=diff_ops(old.text, new.text),
        old_facts=dict(old.facts[topic]),
        new_facts=dict(new.facts[topic]),
        **finding_statements(topic, old, new),
    )


def _severity(kind: str, topic: str, direction: str, clause: Clause) -> str:
    condition, practice = _practice(topic, clause)
    return severity_for(_SHORT[topic], kind, direction, condition, practice=practice)


def _practice(topic: str, clause: Clause) -> tuple[str, str]:
    """(condition, practice) of an edited training clause's permission, for the severity
    table: improving "our models" is training them; improving "the services" is the general
    words of an improvement."""
    if topic != "training_use":
        return "", ""
    for a in clause.facts.get(topic, {}).get("atoms", []):
        if a[2] == "permitted":
            trains = a[1] == "train" or _MODELS.search(clause.text)
            return str(a[3]), "train" if trains else "improve"
    return "", ""


_MODELS = re.compile(r"\bmodels?\b", re.IGNORECASE)


def _protective(topic: str, facts: dict[str, Any]) -> bool | None:
    """True for a clause that protects the user (a ban, a deletion duty), False for a permission."""
    if topic == "training_use":
        return facts.get("use") == "prohibited"
    if topic == "retention":
        return bool(
            facts.get("no_store") or facts.get("days") or "we_delete" in str(facts.get("atoms"))
        )
    if topic == "sharing":
        if facts.get("subprocessors"):
            return None
        return facts.get("polarity") == "prohibited" or facts.get("sale") == "prohibited"
    return None


_CHILD_AGE = re.compile(
    r"\b(?:under|below|younger than|less than)(?: the age of)? (\d{1,2})\b"
    r"|\b(?:child|children|minor|kid)s? (?:\w+ ){0,2}(?:under|below)(?: the age of)? (\d{1,2})\b"
)


def _child_age(text: str) -> int | None:
    ages = {int(a or b) for a, b in _CHILD_AGE.findall(text.lower())}
    return ages.pop() if len(ages) == 1 else None


def age_changes(pairs: dict[int, Clause], added: list[Clause], reported: set[str]) -> list[Finding]:
    """A protection for children whose age limit moved: "under 18" -> "under 13".

    Fewer people are protected by a lower limit (broader); a permission that applies to
    fewer people is narrower. Only a clause edited in nothing but the age is read.
    """
    out: list[Finding] = []
    for c in added:
        old = pairs.get(c.position)
        if old is None:
            continue
        before, after = _child_age(old.text), _child_age(c.text)
        if before is None or after is None or before == after:
            continue
        if re.sub(r"\d+", "#", clause_key(old.text)) != re.sub(r"\d+", "#", clause_key(c.text)):
            continue
        for topic in TOPIC_ORDER:
            if topic in reported or topic not in c.facts or topic not in old.facts:
                continue
            protective = _protective(topic, c.facts[topic])
            if protective is None:
                continue
            direction = "broader" if (after < before) == protective else "narrower"
            what = f"an edited clause now covers children under {after} (was under {before})"
            out.append(_edit_finding("age", topic, direction, old, c, what))
            reported.add(topic)
    return out


def carve_outs(pairs: dict[int, Clause], added: list[Clause], reported: set[str]) -> list[Finding]:
    """An edited clause that gains (or loses) an exception: 'not retained, except as required by law'.

    A new carve-out weakens a protection (broader) and limits a permission (narrower).
    """
    out: list[Finding] = []
    for c in added:
        old = pairs.get(c.position)
        if old is None:
            continue
        changed: list[tuple[int, str]] | None = None  # the word diff, once per pair
        for topic in TOPIC_ORDER:
            if topic in reported or topic not in c.facts or topic not in old.facts:
                continue
            prot_old, prot_new = (
                _protective(topic, old.facts[topic]),
                _protective(topic, c.facts[topic]),
            )
            if prot_old is None or prot_old != prot_new:
                continue
            delta = len(_EXCEPTION.findall(c.text.lower())) - len(
                _EXCEPTION.findall(old.text.lower())
            )
            if delta == 0:
                continue
            if changed is None:
                ops = diff_ops(old.text, c.text)
                changed = [(op, t) for op, t in ops if op and t.strip(" ,;.")]
            # a short clause that only gains (or loses) words keeps its identity whatever the
            # share of words they make ("not stored" + ", unless you turn on history")
            one_way = len({op for op, _ in changed}) == 1
            if similarity(clause_key(c.text), clause_key(old.text)) < 0.6 and not one_way:
                continue
            protects = _exception_protects(topic, old.text, c.text, delta > 0)
            if protects is None:
                protects = prot_new
            direction = "broader" if (delta > 0) == protects else "narrower"
            moved = " ".join(t for op, t in changed if (op > 0) == (delta > 0))
            if topic == "retention" and _LESS_KEPT.search(moved.lower()):
                # the exception is a way to have less kept: it limits the keeping
                direction = "narrower" if delta > 0 else "broader"
            what = ("gains an exception" if delta > 0 else "loses an exception") + (
                ": " + exception_words(old.text, c.text, delta > 0)
            )
            out.append(
                _edit_finding("exception", topic, direction, old, c, f"an edited clause {what}")
            )
            reported.add(topic)
    return out


def _exception_protects(topic: str, old: str, new: str, gained: bool) -> bool | None:
    """Is the sentence that gains (or loses) the exception a protection? In a clause of
    several sentences, "We use your chats to train our models. ... If you opt out, we do not use
    them, unless you expressly authorize us": the exception opens the promise, not the
    permission; so does "if you opt out, we do not use them, unless ...", which reads as an
    opt-out. None when no sentence can tell."""
    side, other = (new, old) if gained else (old, new)
    sentences = split_sentences(side)
    others = {clause_key(t) for t in split_sentences(other)}
    verdicts = set()
    for sentence in sentences:
        if clause_key(sentence) in others or not _EXCEPTION.search(sentence.lower()):
            continue
        facts = read_clause(sentence).facts.get(topic)
        if facts is None:
            return None
        low = lemmatize(sentence)
        found = _EXCEPTION.findall(low)
        exc = _EXCEPTION.search(low) if len(found) == 1 else None
        # "if you opt out, we do not use them, unless ...": the exception follows a denial
        # (the sentence reads as an opt-out, a practice that ends when the user chooses)
        main = (
            re.sub(r"^\W*(?:if|when|once|after|where)\b[^,]*,", " ", low[: exc.start()])
            if exc
            else ""
        )
        denied = re.search(r"\b(?:not|never|n't)\b", main) is not None
        verdicts.add(True if denied else _protective(topic, facts))
    return verdicts.pop() if len(verdicts) == 1 else None


def _edited(
    pairs: dict[int, Clause], added: list[Clause], topic: str, reported: set[str]
) -> Iterator[tuple[Clause, Clause]]:
    """(old, new) for each clause edited in place that reads `topic` on both sides, while no
    finding of `topic` is reported yet (`reported` is read at each step: a reader that
    reports adds to it)."""
    for c in added:
        old = pairs.get(c.position)
        if old is None or topic in reported:
            continue
        if old.facts.get(topic) and c.facts.get(topic):
            yield old, c


# a mode or plan as the condition of a promise: "on privacy mode, none of your code is stored"
_MODE_LIMIT = re.compile(
    r"\b(?:on|in|with|under|for|when using|if you use) (?:the |a |your )?(?:[\w-]+ ){0,2}?"
    r"(?:privacy mode|incognito(?: mode)?|temporary chats?|zero data retention"
    r"|(?:free|paid|team|enterprise|business|api|pro) (?:plan|tier|version|account|service)s?)\b",
    re.IGNORECASE,
)


def promise_modes(
    pairs: dict[int, Clause], added: list[Clause], reported: set[str]
) -> list[Finding]:
    """A promise not to store, edited to gain (or lose) the mode or plan it holds in.

    "none of your code is stored" -> "on privacy mode, none of your code is stored": the
    promise now holds only in that mode (broader); the reverse holds it for everyone
    (narrower). The mode must be what the edit added or dropped, and new to that side: a
    mode named elsewhere in the clause before the edit limited nothing new.
    """
    out: list[Finding] = []
    for old, c in _edited(pairs, added, "retention", reported):
        if not old.facts["retention"].get("no_store") or not c.facts["retention"].get("no_store"):
            continue
        if similarity(clause_key(c.text), clause_key(old.text)) < 0.6:
            continue
        added_runs, dropped_runs = word_runs(old.text, c.text)
        gained = [m for r in added_runs for m in _MODE_LIMIT.finditer(r)]
        lost = [m for r in dropped_runs for m in _MODE_LIMIT.finditer(r)]
        if bool(gained) == bool(lost):
            continue
        mode = (gained or lost)[0]
        other = old.text if gained else c.text
        name = re.sub(r"^\S+ (?:the |a |your )?", "", mode.group().lower())
        if name in other.lower():
            continue
        phrase = denied_data_phrase(c.text if gained else old.text)
        data = _quote(phrase) if phrase else "the data"
        what = (
            f"the promise not to store {data} now holds only {_quote(mode.group())}"
            if gained
            else f"the promise not to store {data} no longer holds only {_quote(mode.group())}"
        )
        direction = "broader" if gained else "narrower"
        out.append(_edit_finding("scope", "retention", direction, old, c, what))
        reported.add("retention")
    return out


_GIVING = re.compile(r"\b(?:share|disclose|transfer|send)\w*\b", re.IGNORECASE)
# a purpose opens its part of the list ("..., to process payments", "..., for billing"); the
# first one follows the recipient ("with service providers to monitor the service")
_PURPOSE = re.compile(r"^(?:to|for)\s+([a-z][^,;]*)$", re.IGNORECASE)
_FIRST_PURPOSE = re.compile(
    r"^\s*(?:\w+\s+){0,6}?(?:with|to)\s+(?:[\w-]+\s+){1,5}?(?:to|for)\s+([a-z][^,;]*)$",
    re.IGNORECASE,
)


def _sharing_purposes(text: str) -> dict[str, str]:
    """The purposes a sharing sentence lists after its verb ("... with service providers to
    monitor the service, to process payments, for billing"), keyed by their first words."""
    m = _GIVING.search(text)
    if not m:
        return {}
    rest = re.split(r"[.;](?:\s|$)", text[m.end() :], maxsplit=1)[0]
    out = {}
    for i, chunk in enumerate(re.split(r",\s*(?:and\s+|or\s+)?", rest)):
        p = _PURPOSE.search(chunk.strip()) or (_FIRST_PURPOSE.search(chunk) if i == 0 else None)
        if p:
            words = p.group(1).strip()
            out[" ".join(words.lower().split()[:3])] = words
    return out


def sharing_purposes(
    pairs: dict[int, Clause], added: list[Clause], reported: set[str]
) -> list[Finding]:
    """A permission to share whose list of purposes grows ("to monitor the service, to
    process payments" + "to identify the people who visit our website"): the recipients
    have the data for more (broader). A list reordered or reworded, with a purpose dropped
    as one is added, is no change this reading can tell; a purpose given to a sharing that
    had none limits it, and is left alone."""
    out: list[Finding] = []
    for old, c in _edited(pairs, added, "sharing", reported):
        if "permitted" not in str(c.facts["sharing"].get("atoms")):
            continue
        keys = {statement_key(s) for s in c.statements if s.topic == "sharing"}
        if keys != {statement_key(s) for s in old.statements if s.topic == "sharing"}:
            continue  # recipients changed too: the statement comparison reports it
        before, after = _sharing_purposes(old.text), _sharing_purposes(c.text)
        gained = [after[k] for k in after if k not in before]
        if not before or not gained or set(before) - set(after):
            continue
        cats = [r.category for s in c.statements if s.topic == "sharing" for r in s.recipients]
        words = [RECIPIENT_WORDS[k] for k in dict.fromkeys(cats) if k in RECIPIENT_WORDS]
        whom = f" with {' and '.join(words)}" if words else ""
        what = (
            f"the clause that lets the provider share data{whom} now names more purposes: adds "
            + " and ".join(_quote(p) for p in gained[:2])
        )
        out.append(_edit_finding("purpose", "sharing", "broader", old, c, what))
        reported.add("sharing")
    return out


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).strip(" ,;")
    return "“" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + "”"


def word_runs(old: str, new: str) -> tuple[list[str], list[str]]:
    """The runs of whole words an edit adds and drops, in text order: (added, dropped).

    Words, not characters: a character diff cuts words ("usage" -> "usag"), and a quote of a
    cut word tells a reader nothing.
    """
    ta, tb = list(_WORD_TOKEN.finditer(old)), list(_WORD_TOKEN.finditer(new))
    a, b = [m.group() for m in ta], [m.group() for m in tb]

    def span(tokens: list[re.Match[str]], text: str, i: int, j: int) -> str:
        return text[tokens[i].start() : tokens[j - 1].end()]  # the clause's own spacing

    added: list[str] = []
    dropped: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("insert", "replace"):
            added.append(span(tb, new, j1, j2))
        if tag in ("delete", "replace"):
            dropped.append(span(ta, old, i1, i2))
    keep = [t for t in added if t.strip(" ,;.:()")], [t for t in dropped if t.strip(" ,;.:()")]
    return keep


# words and marks apart: "Data." -> "Data, when ..." adds ", when ...", it keeps "Data"
_WORD_TOKEN = re.compile(r"\w[\w’'-]*|[^\w\s]")


def changed_words(old: str, new: str) -> str:
    """What an edit did to a clause, in the clause's own words: 'adds “and to develop ...”'.

    Quoting the changed words keeps the summary true by construction: it says what changed,
    and the direction says which way it moves.
    """
    added, dropped = word_runs(old, new)
    if added and not dropped:
        return "adds " + " and ".join(_quote(t) for t in added[:2])
    if dropped and not added:
        return "drops " + " and ".join(_quote(t) for t in dropped[:2])
    if len(added) == 1 and len(dropped) == 1:
        return f"replaces {_quote(dropped[0])} with {_quote(added[0])}"
    if not added and not dropped:
        return "now reads " + _quote(new, 160)
    # several passages changed: the longest words added and dropped, said to be only some of them
    return (
        f"changes several passages, among them: adds {_quote(max(added, key=len))};"
        f" drops {_quote(max(dropped, key=len))}"
    )


def exception_words(old: str, new: str, gained: bool) -> str:
    """The words of the exception an edit adds (or drops), quoted; else what the edit changed."""
    added, dropped = word_runs(old, new)
    for run in added if gained else dropped:
        m = _EXCEPTION.search(run.lower())
        if m:
            return ("adds " if gained else "drops ") + _quote(run[m.start() :], 120)
    return changed_words(old, new)


def scope_changes(
    pairs: dict[int, Clause], added: list[Clause], reported: set[str], new_text: str = ""
) -> list[Finding]:
    """Training clauses edited in place: the data kinds or the plans they cover changed.

    The atoms of such a clause stay the same ("training permitted unless you opt out"), but
    "free users" -> "all users" or "prompts" -> "prompts and files" moves what is covered.
    """
    out: list[Finding] = []
    for c, topic in ((c, t) for c in added for t in SCOPE_TOPICS):
        old = pairs.get(c.position)
        if old is None or topic in reported or topic not in c.facts or topic not in old.facts:
            continue
        nf, of = c.facts[topic], old.facts[topic]
        if nf.get("use") != of.get("use") or nf.get("polarity") != of.get("polarity"):
            continue
        if similarity(clause_key(c.text), clause_key(old.text)) < 0.5:
            continue
        if conditions_elsewhere(c) or conditions_elsewhere(old):
            continue  # the dropped words went on as list items
        permitted = nf.get("use", nf.get("polarity", "permitted")) == "permitted"
        if topic == "retention":
            permitted = True  # more data kept is broader
        # "information" -> "personal data" is wording; only concrete data kinds count
        new_kinds = set(nf.get("data", [])) - {"personal"}
        old_kinds = set(of.get("data", [])) - {"personal"}
        gained_kinds, lost_kinds = new_kinds - old_kinds, old_kinds - new_kinds
        # "prompts and files" -> "prompts" + a new sentence "we may also use your files": split
        lost_kinds -= _kinds_stated_elsewhere(topic, nf, c, added)
        # kinds named only where the clause speaks of the way out ("your opt-out will only be
        # effective for future Prompts and Outputs") are not what the practice covers
        lost_kinds -= _way_out_kinds(old.text)
        gained_kinds -= _way_out_kinds(c.text)
        old_mentions, new_mentions = (
            _SCOPE.findall(old.text.lower()),
            _SCOPE.findall(c.text.lower()),
        )
        old_scope, new_scope = set(old_mentions), set(new_mentions)
        # "Team and Enterprise business data" -> "Business and Enterprise business data": as many
        # plan mentions as before, one name swapped for another that was already there: a rename
        renamed = len(old_mentions) == len(new_mentions)
        old_only, new_only = limits_practice(old.text), limits_practice(c.text)
        old_purpose = set(_PURPOSES.findall(old.text.lower()))
        new_purpose = set(_PURPOSES.findall(c.text.lower()))
        direction, reason, plans_edit = None, "", ""
        if permitted and new_purpose - old_purpose and not old_purpose - new_purpose:
            direction, reason = "broader", "more purposes"  # the same data serves more purposes
        elif permitted and bool(of.get("derived")) != bool(nf.get("derived")):
            # "statistics about your prompts" -> "your prompts": the data itself is now used
            direction = "narrower" if nf.get("derived") else "broader"
            reason = (
                "only information derived from the data, no longer the data itself"
                if nf.get("derived")
                else "the data itself, not only information derived from it"
            )
        elif old_scope != new_scope and (moved := coverage_change(old.text, c.text)):
            direction = "broader" if (moved[0] > 0) == permitted else "narrower"
            reason = moved[1]
        elif (
            old_scope != new_scope
            and not renamed
            and (old_scope <= new_scope or new_scope <= old_scope)
        ):
            # Plans added to (dropped from) a clause widen (narrow) what it covers; exclusions
            # such as "incognito" or "opted-out" work the other way. A rename swaps them: skipped.
            grew = len(new_scope & _PLANS) - len(old_scope & _PLANS)
            grew -= len(new_scope - _PLANS) - len(old_scope - _PLANS)
            # a plan named on its own narrows what it qualifies ("Chat Services" -> "Chat Paid
            # Services"); only a plan listed beside another one ("free and pro users") adds to it
            changed_plans = (new_scope ^ old_scope) & _PLANS
            text_of = c.text.lower() if grew > 0 else old.text.lower()
            if changed_plans and not any(_listed(p, text_of) for p in changed_plans):
                grew = -grew
            option = changed_plans and all(_qualifies_option(p, text_of) for p in changed_plans)
            if option:
                grew = -grew  # the plan limits who may opt out, not what the practice covers
            if grew == 0:
                direction = "changed"
            else:
                direction = "broader" if (grew > 0) == permitted else "narrower"
            reason = (
                "the plans or users who may opt out changed"
                if option
                else "the plans, modes or users it names changed"
            )
            plans_edit = _plans_named(old.text, c.text, old_scope, new_scope)
        elif old_only != new_only:
            direction = "narrower" if new_only == permitted else "broader"
            reason = (
                "it is now limited by “only”" if new_only else "it is no longer limited by “only”"
            )
        elif (
            permitted
            and nf.get("default") == "opt_out"
            and _opt_outs(c.text) < _opt_outs(old.text)
            and not _way_out_moved(old.text, c.text, new_text)
        ):
            # "(iii) if you use the free plan and you don't opt out" -> "(iii) if you use the
            # free plan", and the sentence saying how to opt out dropped: less can be opted out
            direction = "broader"
            reason = "it names fewer cases in which you can opt out"
        elif gained_kinds and not lost_kinds:
            direction = "broader" if permitted else "narrower"
            reason = "it now also names " + _kind_words(gained_kinds)
        elif lost_kinds and not gained_kinds:
            direction = "narrower" if permitted else "broader"
            reason = "it no longer names " + _kind_words(lost_kinds)
        elif _list_grew(old.text, c.text):
            direction = "broader" if permitted else "narrower"
            reason = "its list grew"
        elif (widened := product_scope_widened(old.text, c.text)) is not None:
            direction = "broader" if widened == permitted else "narrower"
            reason = (
                "it now holds for all services, not one named product"
                if widened
                else "it now holds for one named product, no longer all services"
            )
        if direction is None:
            continue
        edit = plans_edit or changed_words(old.text, c.text)
        what = _scope_summary(topic, nf, c.text, direction, reason, edit)
        out.append(_edit_finding("scope", topic, direction, old, c, what))
        reported.add(topic)
    return out


_KIND_WORDS = {
    "inputs": "inputs",
    "outputs": "outputs",
    "files": "files",
    "feedback": "feedback",
    "flagged": "flagged content",
    "usage": "usage data",
}


def _kind_words(kinds: set[str]) -> str:
    return " and ".join(_KIND_WORDS.get(k, k) for k in sorted(kinds))


def _plans_named(old: str, new: str, old_scope: set[str], new_scope: set[str]) -> str:
    """'now names “Nimbus Chat Student”; no longer names “Nimbus Chat Team”': the plans an edit
    added or dropped, each with the name words before it (a word diff of a list of plans quotes
    whatever the alignment picked: "adds “Le Chat Pro”" when Student was added)."""
    parts = []
    for verb, text, plans in (("now names", new, new_scope - old_scope),
                              ("no longer names", old, old_scope - new_scope)):  # fmt: skip
        names = [_plan_phrase(text, p) for p in sorted(plans & _PLANS)]
        if names and all(names):
            parts.append(f"{verb} " + " and ".join(names))
        elif names:
            return ""  # a plan the clause names by its word alone: the word diff says more
    return "; ".join(parts)


def _plan_phrase(text: str, plan: str) -> str:
    """The plan as the clause names it: "Le Chat Student", "Paid Chat Services", "pro plan";
    '' when the clause gives the word alone ("the paid"), where a quote would say nothing."""
    for m in re.finditer(rf"\b{re.escape(plan)}\b", text, re.IGNORECASE):
        word = m.group()
        before = text[: m.start()].split()
        after = text[m.end() :].split()
        if word[:1].isupper():
            # a name: the capitalised words right before and after it
            lead = []
            for w in reversed(before[-3:]):
                if not w[:1].isupper() or not w.isalpha() or w in ("If", "You", "When"):
                    break
                lead.insert(0, w)
            trail = []
            for w in after[:3]:
                bare = w.strip(".,;:()")
                if not bare[:1].isupper() or not bare.isalpha():
                    break
                trail.append(bare)
                if bare != w:
                    break
            if lead or trail:
                return quoted(" ".join([*lead, word, *trail]))
        nxt = after[0].strip(".,;:()") if after else ""
        if re.fullmatch(
            r"(?:plans?|tiers?|versions?|subscriptions?|users|customers|accounts?)", nxt
        ):
            # "the free version of Codestral": of which product
            product = after[2].strip(".,;:()") if after[1:2] == ["of"] and len(after) > 2 else ""
            if product[:1].isupper():
                return quoted(f"{word} {nxt} of {product}")
            return quoted(f"{word} {nxt}")
    return ""


def _scope_summary(
    topic: str, facts: dict[str, Any], text: str, direction: str, reason: str, edit: str
) -> str:
    """'the clause stating that the provider may train AI models on “Materials” unless you opt
    out now covers more (more purposes): it adds “and to develop other products”'.

    The statement says what the clause is about, the reason why the edit moves its coverage,
    and the quoted words what changed: a reader needs all three to check the direction.
    """
    atom = tuple(facts.get("atoms", [["training", "train", "permitted", "none"]])[0])
    permitted = atom[2] == "permitted"
    if direction == "changed":
        covers = "now covers something else"
    elif (direction == "broader") == permitted:
        covers = "now covers more"
    else:
        covers = "now covers less"
    kind = "clause stating that" if permitted else "promise that"
    return f"the {kind} {training_statement(atom, text)} {covers} ({reason}): the edit {edit}"


def _opt_outs(text: str) -> int:
    return len(_OPT_OUT_WORDS.findall(text.lower()))


# an opt-out as the condition of a case: "if you use X and you don't opt out", "unless you
# opt out" (not the way to do it, or what it does: "your opt-out applies to future chats")
_OPT_OUT_WORDS = re.compile(
    r"(?:\bnot|n[’']t|\bunless (?:you|the user|users|the customer|customers))\s+(?:\w+\s+)?"
    r"opt(?:s|ed|ing)?[- ]?out\b"
)


def _way_out_moved(old: str, new: str, new_text: str) -> bool:
    """The sentences with an opt-out case that an edit drops stand elsewhere in the new
    version (a move, not a removal)."""
    kept = {clause_key(t) for t in split_sentences(new)}
    dropped = [t for t in split_sentences(old) if _opt_outs(t) and clause_key(t) not in kept]
    whole = clause_key(new_text)
    return bool(dropped) and all(clause_key(t) in whole for t in dropped)


def _way_out_kinds(text: str) -> set[str]:
    """Data kinds a clause of several sentences names only in its sentences about opting
    out or in."""
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return set()
    way_out: set[str] = set()
    practice: set[str] = set()
    for sentence in sentences:
        kinds = set(data_kinds(lemmatize(sentence)))
        (way_out if _OPT_WORDS.search(sentence.lower()) else practice).update(kinds)
    return way_out - practice


def _kinds_stated_elsewhere(
    topic: str, facts: dict[str, Any], clause: Clause, added: list[Clause]
) -> set[str]:
    """Data kinds that other added clauses state the same practice for (split off `clause`)."""
    same = ("use", "polarity", "action")
    return {
        k
        for other in added
        if other is not clause and topic in other.facts
        for k in other.facts[topic].get("data", [])
        if all(other.facts[topic].get(x) == facts.get(x) for x in same)
    }


# "... to Nimbus Chat, we do not use ..." -> "... to our Services, we do not use ...": a practice
# stated for one named product now holds for every service (or the other way round)
_SCOPE_PREP = re.compile(r"\b(?:to|in|on|for|with|within|across|through|via)\s*$", re.I)
_ALL_SERVICES = re.compile(
    r"^(?:all (?:of )?)?(?:our|the) (?:services?|products?|platforms?|offerings?)$", re.I
)
_PRODUCT_NAME = re.compile(r"^[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3}$")


def product_scope_widened(old: str, new: str) -> bool | None:
    """True when an edit replaces a named product, after a preposition, with all services;
    False for the reverse; None when it does neither (a rename swaps one name for another)."""
    ops = diff_ops(old, new)
    for i in range(1, len(ops) - 1):
        (before, lead), (a, x), (b, y) = ops[i - 1], ops[i], ops[i + 1]
        if before != 0 or {a, b} != {-1, 1} or not _SCOPE_PREP.search(lead):
            continue
        dropped, added = (x, y) if a < 0 else (y, x)
        dropped, added = dropped.strip(" ,;"), added.strip(" ,;")
        if _PRODUCT_NAME.match(dropped) and _ALL_SERVICES.match(added):
            return True
        if _ALL_SERVICES.match(dropped) and _PRODUCT_NAME.match(added):
            return False
    return None


_LIST_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[,;]")


# "unless you opt out, where this option is available for Pro users": the plan qualifies
# the way out of the practice, not the practice
_OPTION_WORDS = r"(?:option|opt[- ]?out|opt[- ]?in|choice|setting|control|toggle)s?"


def _qualifies_option(plan: str, text: str) -> bool:
    """`plan` is named in a phrase about the user's option ("option is available for Pro")."""
    return bool(
        re.search(
            rf"\b{_OPTION_WORDS} (?:\w+ ){{0,5}}(?:for|to) (?:\w+ ){{0,3}}{re.escape(plan)}\b", text
        )
    )


def _listed(plan: str, text: str) -> bool:
    """`plan` is coordinated with another plan: "free and pro users", "Team, Enterprise"."""
    others = "|".join(re.escape(p) for p in sorted(_PLANS) if p != plan)
    return bool(
        re.search(
            # (up to two words of a product name between: "Nimbus Chat Free or Nimbus Chat Pro")
            rf"\b{re.escape(plan)}\b(?: \w+)?(?:,| and| or| &|/) ?(?:\w+ ){{0,2}}(?:{others})\b"
            rf"|\b(?:{others})\b(?: \w+)?(?:,| and| or| &|/) ?(?:\w+ ){{0,2}}{re.escape(plan)}\b",
            text,
        )
    )


def _list_grew(old: str, new: str) -> bool:
    """The edit only adds items to an enumeration: "prompts, code" -> "prompts, commands, code".

    Every inserted run is short and starts or ends at a list comma (or "and", "or"), and
    nothing is deleted.
    """
    a, b = _LIST_TOKEN.findall(old.lower()), _LIST_TOKEN.findall(new.lower())
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    inserted = [b[j1:j2] for tag, _, _, j1, j2 in ops if tag == "insert"]
    if not inserted or any(tag in ("replace", "delete") for tag, *_ in ops):
        return False
    return all(
        2 <= len(run) <= 5
        and bool({run[0], run[-1]} & {",", "and", "or"})
        and not {"not", "never", "no", "only", "except", "unless"} & set(run)
        and not all(_LICENCE_TERM.match(w) for w in run if w not in (",", ";", "and", "or"))
        for run in inserted
    )


# The terms of a licence ("a worldwide, non-exclusive, royalty-free right"): a list of them that
# grows says how the licence is granted, not what data it covers.
_LICENCE_TERM = re.compile(
    r"^(?:non-)?(?:exclusive|revocable|irrevocable|transferable|sublicensable|assignable|perpetual"
    r"|worldwide|royalty-free|fully-paid|fully|paid-up|paid|limited|terminable)$"
)


# How much latitude a training permission leaves the provider, by its condition.
_LATITUDE = {
    "despite_opt_out": 4,
    "none": 3,
    "opt_out": 2,
    "deid": 1,
    "public_data": 1,
    "opt_in": 0,
}
# ... and how much a promise not to train leaves it: "unless you opt in" is a way out.
_BAN_LATITUDE = {"none": 0, "opt_in": 1}
_BAN_TEXT = {"none": "in any case", "opt_in": "unless you opt in"}
_CONDITION_TEXT = {
    # what the clause states, not a claim that none exists elsewhere
    "none": "with no opt-out or consent stated",
    "opt_out": "unless you opt out",
    "deid": "once the data is de-identified",
    "opt_in": "only if you opt in",
    "despite_opt_out": "even if you opted out",
    "public_data": "only where the data is publicly available",
}


# A clause that ends where its conditions begin ("... to improve our models only when", "...
# in the following cases:"): the conditions are the list items that follow it.
_DANGLING = re.compile(
    r"\b(?:only )?(?:when|if|where|unless|provided that|as follows|(?:in|under|on) (?:the following"
    r"|these) (?:cases|circumstances|conditions|terms))\W*$",
    re.IGNORECASE,
)


def conditions_elsewhere(clause: Clause) -> bool:
    """The clause ends where its conditions begin (they follow as list items)."""
    return bool(_DANGLING.search(clause.text))


# An opening "if/when" that names a situation, not a choice of the user's (consent, opt-in,
# opt-out and settings are the condition itself, read by the statement).
_SITUATION = re.compile(r"^\W*((?:if|when|where)\b[^,:;.]{3,90})[,:]", re.IGNORECASE)
_CHOICE = re.compile(
    r"\b(?:agree|consent|opt|choose|chose|allow|enable|turn|permission|elect|decide|select"
    r"|want|wish|share)\w*",
    re.IGNORECASE,
)


_USING = re.compile(r"(?:if|when|where)\s+you\s+(?:\w+\s+)?(?:use|access|visit|interact)\b", re.I)


def situation(text: str) -> str:
    """The situation an opening condition limits the clause to, quoted ('“If your ...”')."""
    m = _SITUATION.match(text)
    if not m or _CHOICE.search(m.group(1)):
        return ""
    if _USING.match(m.group(1)) and not _SCOPE.search(m.group(1).lower()):
        return ""  # "when you use the keyboard": using the product, which is every case
    return quoted(m.group(1))


# the share of words two clauses that state one practice (reworded) have in common at least
_RELATED = 0.2


def condition_changes(
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
    used_lost: set[tuple[Any, ...]],
    pairs: dict[int, Clause],
    added: list[Clause] | None = None,
) -> list[Finding]:
    """A training permission whose condition changed is one change, in one direction.

    "We use your chats to improve our models" replaced by "... once de-identified" gains
    one permission and loses another; read together they narrow what the provider may do.
    The pair is taken out of `gained` and `lost` (`used_lost` marks the lost one). A promise
    not to train that gains "unless you opt in" is read the same way when one sentence was
    edited (`pairs`: new clause position -> the old clause it replaced).
    """
    out: list[Finding] = []
    for a in [x for x in gained if x[0] == "training"]:
        old_a = next(
            (x for x in lost if x[:3] == a[:3] and x not in used_lost and x[3] != a[3]), None
        )
        scale = _LATITUDE if a[2] == "permitted" else _BAN_LATITUDE
        if old_a is None or old_a[3] not in scale or a[3] not in scale:
            continue
        if conditions_elsewhere(gained[a]) or conditions_elsewhere(lost[old_a]):
            # "... only when" and the conditions follow as list items: the clause alone says
            # nothing of them, so its reading "without conditions" is no change
            gained.pop(a)
            used_lost.add(old_a)
            continue
        if a[2] != "permitted" and pairs.get(gained[a].position) is not lost[old_a]:
            continue  # a ban read with a new condition only when one sentence was edited
        if pairs.get(gained[a].position) is not lost[old_a] and (
            similarity(clause_key(gained[a].text), clause_key(lost[old_a].text)) < _RELATED
        ):
            # two clauses with hardly a word in common (a list item about a mode and a row
            # of a legal-basis table) state two practices, not one with a new condition
            continue
        new_clause, old_clause = gained.pop(a), lost[old_a]
        used_lost.add(old_a)
        out.append(_condition_finding(a, str(old_a[3]), old_clause, new_clause))
    # One sentence edited from a promise not to train into a permission ("we do not use your
    # inputs to train unless you opt in" -> "we may use them unless you opt out"): one change,
    # the promise turned into a permission, not a removed promise beside a silent permission
    # (the permission may be stated elsewhere in the old version too).
    edited = {id(old): pos for pos, old in pairs.items()}
    for x in [x for x in lost if x[0] == "training" and x[2] == "prohibited"]:
        old_clause = lost[x]
        pos = edited.get(id(old_clause))
        if x in used_lost or pos is None:
            continue
        new_clause = next(
            (c for c in [*(added or []), *gained.values()] if c.position == pos), None
        )
        if new_clause is None:
            continue
        a = next(
            (
                k
                for k in (statement_key(s) for s in new_clause.statements)
                if k[:2] == x[:2] and k[2] == "permitted" and k[3] in _CONDITION_TEXT
            ),
            None,
        )
        if a is None:
            continue
        gained.pop(a, None)
        used_lost.add(x)
        what = training_use(str(a[1]), trained_data(new_clause.text), new_clause.text)
        was = ", unless you opt in" if x[3] == "opt_in" else ""
        summary = (
            f"The provider may now {what} {_CONDITION_TEXT[str(a[3])]} "
            f"(was: it promised not to{was})."
        )
        out.append(
            make_finding(
                a,
                True,
                old_clause,
                new_clause,
                "broader",
                f"training_ban_lifted:{a[1]}:{x[3]}-to-{a[3]}",
                summary,
            )  # fmt: skip
        )
    return out


_WAY_OUT = {"opt_out": "you can opt out", "opt_in": "only if you opt in"}


def _condition_finding(
    atom: tuple[Any, ...], old_cond: str, old_clause: Clause, new_clause: Clause
) -> Finding:
    """One finding for a training permission (or ban) whose condition went from `old_cond`."""
    # what is used, in the clause's words ("de-identified device and usage data"), and for
    # what ("to improve its AI features"): "your data" would state more than the clause does
    text_ = new_clause.text
    what = training_use(str(atom[1]), trained_data(text_), text_, atom[2] == "permitted")
    new_cond = str(atom[3])
    if atom[2] == "permitted":
        scale, text, kind = _LATITUDE, _CONDITION_TEXT, "training_condition"
        was = text[old_cond]
        summary = f"The provider may {what} {text[new_cond]} (was: {was})."
    else:
        scale, text, kind = _BAN_LATITUDE, _BAN_TEXT, "training_ban_condition"
        summary = f"The provider promises not to {what} {text[new_cond]} (was: {text[old_cond]})."
    direction = "broader" if scale[new_cond] > scale[old_cond] else "narrower"
    way_out = {old_cond, new_cond} & {"opt_out", "opt_in"}
    # a condition holds one value: "de-identified, and you can opt out" reads as the opt-out.
    # With de-identification stated on both sides, the way out is what changed.
    if (
        atom[2] == "permitted"
        and way_out
        and {old_cond, new_cond} - way_out == {"deid"}
        and all(DEID.search(lemmatize(t)) for t in (old_clause.text, new_clause.text))
    ):
        gained_way = new_cond != "deid"
        direction = "narrower" if gained_way else "broader"
        way = _WAY_OUT[new_cond if gained_way else old_cond]
        summary = (
            f"The provider may {what} {text['deid']}, and {way} (was: no way out stated)."
            if gained_way
            else f"The provider may {what} {text['deid']}, with no way out stated (was: {way})."
        )
    old_scope, new_scope = situation(old_clause.text), situation(new_clause.text)
    if atom[2] == "permitted" and bool(old_scope) != bool(new_scope):
        # The permission held in one situation only ("If your Materials are flagged for a
        # safety review, we may use them ...") and now holds in general, or the reverse: how
        # far it reaches outweighs the condition ("unless you opt out" for everyone is broader
        # than no condition for flagged material).
        direction = "broader" if old_scope else "narrower"
        if old_scope:
            summary = f"The provider may {what} {text[new_cond]} (was: only {old_scope}, {was})."
        else:
            summary = f"The provider may {what} {text[new_cond]}, only {new_scope} (was: {was})."
    return make_finding(
        atom,
        True,
        old_clause,
        new_clause,
        direction,
        f"{kind}:{atom[1]}:{old_cond}-to-{new_cond}",
        summary,
    )


def edited_conditions(
    pairs: dict[int, Clause], added: list[Clause], reported: set[str]
) -> list[Finding]:
    """A training clause edited in place whose condition changed ("if you agree" -> always).

    The document may state both conditions elsewhere, so the atoms alone do not see it: the
    edited clause is compared with the clause it replaced, as durations are.
    """
    out: list[Finding] = []
    for c in added:
        old = pairs.get(c.position)
        if old is None or "training_use" in reported:
            continue
        keys = condition_edit(old, c)
        if keys is None:
            continue
        out.append(_condition_finding(keys[1], str(keys[0][3]), old, c))
        reported.add("training_use")
    return out


def condition_edit(old: Clause, new: Clause) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """(old key, new key) when `new` is `old` edited in place with one training permission
    whose condition changed, else None (what `edited_conditions` reports)."""
    ns = [s for s in new.statements if s.topic == "training_use"]
    os_ = [s for s in old.statements if s.topic == "training_use"]
    if len(ns) != 1 or len(os_) != 1:
        return None
    a, b = statement_key(os_[0]), statement_key(ns[0])
    if a[:3] != b[:3] or a[2] != "permitted" or a[3] == b[3]:
        return None
    if a[3] not in _LATITUDE or b[3] not in _LATITUDE:
        return None
    if similarity(clause_key(new.text), clause_key(old.text)) < 0.5:
        return None
    if conditions_elsewhere(new) or conditions_elsewhere(old):
        return None
    return a, b
