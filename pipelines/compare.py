"""Compare two versions of a document and report MATERIAL changes as findings.

Public API (pure: no I/O, no clock)::

    compare_versions(old_text: str | None, new_text: str,
                     history: DocumentHistory | None = None) -> Comparison
    compare_clauses(old: list[Clause], new: list[Clause]) -> list[Finding]
    detect_anomaly(base_text: str, new_text: str) -> str | None
    process_history(versions: Iterable[V], text_of=lambda v: v.text) -> list[tuple[V, Comparison]]
    DocumentHistory.to_json() -> dict / DocumentHistory.from_json(dict | str | None)

    Comparison(findings: list[Finding], anomaly: str | None, history: DocumentHistory,
               revert: bool)

Typical use by the store (one document, versions in order)::

    history = DocumentHistory.from_json(row_json)          # None for a new document
    cmp = compare_versions(previous_text, new_text, history)
    save(cmp.findings, cmp.anomaly); row_json = cmp.history.to_json()

`old_text` is only used for the first comparison of a document without history; afterwards
the history's ``last_good_text`` is the base, so a glitch in between is skipped.

How a change becomes a finding
------------------------------
1. Both texts are cut into clauses (`parsers.clauses.find_clauses`). Clauses whose comparison
   key (lower-case words, enumerators dropped) exists on both sides are unchanged: moves,
   renumbering, re-heading, whitespace, emphasis and link targets never count.
2. Each clause carries fact *atoms* per topic ("training permitted unless you opt out",
   "kept 30 days after closure", "shared with advertisers", "sub-processor stripe",
   "advertising cookies of x on y.com"). An atom of an added clause that the old document
   does not state anywhere is *gained*; an atom of a removed clause that the new document no
   longer states anywhere is *lost*. Rewording that keeps the facts therefore yields nothing.
3. Gained/lost atoms map to a direction (broader = the provider gains latitude, narrower =
   the user gains protection) and a severity; retention durations of aligned clauses are
   compared as numbers (30 -> 1825 days is broader), and a training permission whose
   condition changed (none > "even if you opted out" ... > opt-out > de-identified > opt-in)
   is one finding in one direction, not a gained and a lost atom.
4. Clauses edited in place (aligned by word similarity) are read once more: a training clause
   whose plans, data kinds, "only", purposes or data list ("prompts, code" -> "prompts,
   commands, code") change, and any topic clause that gains or loses a carve-out ("except as
   required by law") is a finding even when its atoms stay.

History, glitches and flapping
------------------------------
`DocumentHistory` is the small per-document state the store persists as JSON:

- ``last_good_text``: the text later versions are compared with (a glitch never replaces it);
- ``seen``: hashes of every normalized text accepted so far: a version that returns to one
  of them is a revert (flapping) and reports nothing (``Comparison.revert``);
- ``reported``: signatures (topic + atom + the clause carrying it) of changes already
  reported: the same sentence change made again, or undone, is not news, with one exception:
  a sentence removed after an earlier version added it is reported once (a reversal);
- ``anomaly_streak``: consecutive anomalous captures; after ACCEPT_AFTER_ANOMALIES the new text
  is accepted as the baseline (silently) so that a document that really changed shape does
  not stay stuck forever.

An *anomaly* is a capture where most of the text vanished (error page, empty capture), whose
vocabulary barely overlaps the last good version (another document), or that grew at least
twice over while containing the old text (other pages merged into the capture). It yields no
findings, `Comparison.anomaly` says why, and the next good version is compared with the last
good one.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from diff_match_patch import diff_match_patch

from clausewatch.parsers.clauses import clause_key, find_clauses, strip_markup
from clausewatch.records import SEVERITIES, Clause, Finding

V = TypeVar("V")

# An anomaly: the new capture keeps less than this share of the last good text's words ...
VANISH_RATIO = 0.3
# ... or shares less than this share of its vocabulary (another document).
OTHER_DOC_OVERLAP = 0.25
# ... or grew this many times over while keeping the old text: another page was merged in.
GROWTH_RATIO = 2.0
MERGED_CONTAINMENT = 0.6  # share of the old text's 5-word shingles found in the grown capture
# Words of an error page or bot wall standing in for (part of) the document.
_ERROR_PAGE = re.compile(
    r"this page (?:isn['’]t|is not) available|\bpage not found\b|something went wrong"
    r"|an error (?:has )?occurred while|checking your browser before|enable javascript and cookies"
    r"|access denied\b(?! to)",
    re.IGNORECASE,
)
# A document that really changed shape is accepted as the new baseline after this many
# consecutive anomalous captures (each recorded version differs, so this is rare by design).
ACCEPT_AFTER_ANOMALIES = 12
# Marks, in DocumentHistory.reported, a signature whose removal has been reported.
_REMOVED = "|removed"


# --------------------------------------------------------------------------- history


@dataclass
class DocumentHistory:
    """Per-document state carried from one comparison to the next (JSON-serializable)."""

    last_good_text: str | None = None
    seen: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    anomaly_streak: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "last_good_text": self.last_good_text,
            "seen": list(self.seen),
            "reported": list(self.reported),
            "anomaly_streak": self.anomaly_streak,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | str | None) -> DocumentHistory:
        if not data:
            return cls()
        if isinstance(data, str):
            data = json.loads(data)
        assert isinstance(data, dict)
        return cls(
            last_good_text=data.get("last_good_text"),
            seen=list(data.get("seen", [])),
            reported=list(data.get("reported", [])),
            anomaly_streak=int(data.get("anomaly_streak", 0)),
        )


@dataclass(frozen=True)
class Comparison:
    findings: list[Finding]
    anomaly: str | None
    history: DocumentHistory
    revert: bool = False  # the text returned to an earlier version (flapping)


_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_NOISE = re.compile(
    r"\b(?:last )?(?:updated|modified|revised|effective)\b[^\n]{0,40}|\b\d+\s+\w+\s+ago\b",
    re.IGNORECASE,
)


_LINE_WORDS: dict[str, list[str]] = {}


def _norm_words(text: str) -> list[str]:
    """Words of the text without markup and date stamps, memoized per line."""
    out: list[str] = []
    for line in text.split("\n"):
        got = _LINE_WORDS.get(line)
        if got is None:
            if len(_LINE_WORDS) > 500_000:
                _LINE_WORDS.clear()
            got = _WORD.findall(_DATE_NOISE.sub(" ", strip_markup(line)).lower())
            _LINE_WORDS[line] = got
        out.extend(got)
    return out


_CLAUSES: dict[str, list[Clause]] = {}


def _clauses(text: str) -> list[Clause]:
    """find_clauses, remembering the last few texts (each version is compared twice)."""
    got = _CLAUSES.get(text)
    if got is None:
        if len(_CLAUSES) > 4:
            _CLAUSES.pop(next(iter(_CLAUSES)))
        got = _CLAUSES[text] = find_clauses(text)
    return got


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(_norm_words(text)).encode()).hexdigest()[:20]


def _containment(old_words: list[str], new_words: list[str], n: int = 5) -> float:
    """Share of the old text's word 5-grams that occur in the new text."""
    old = {tuple(old_words[i : i + n]) for i in range(len(old_words) - n + 1)}
    new = {tuple(new_words[i : i + n]) for i in range(len(new_words) - n + 1)}
    return len(old & new) / max(1, len(old))


def detect_anomaly(base_text: str, new_text: str) -> str | None:
    """Why `new_text` looks like a broken capture of the document `base_text` was, or None."""
    old_words, new_words = _norm_words(base_text), _norm_words(new_text)
    if not new_words and old_words:
        return "the capture is empty"
    if len(old_words) < 15:
        return None  # too little to judge
    if len(new_words) < VANISH_RATIO * len(old_words):
        return f"most of the text vanished ({len(new_words)} of {len(old_words)} words left)"
    if len(new_words) > GROWTH_RATIO * len(old_words):
        kept = _containment(old_words, new_words)
        if kept > MERGED_CONTAINMENT:
            return (
                f"the capture holds other content ({len(new_words)} words, was {len(old_words)};"
                f" {kept:.0%} of the old text inside)"
            )
    error = _ERROR_PAGE.search(new_text)
    if error and not _ERROR_PAGE.search(base_text):
        return f"part of the capture is an error page ({error.group()!r})"
    old_vocab, new_vocab = set(old_words), set(new_words)
    overlap = len(old_vocab & new_vocab) / max(1, min(len(old_vocab), len(new_vocab)))
    if overlap < OTHER_DOC_OVERLAP:
        return f"the text looks like another document ({overlap:.0%} shared vocabulary)"
    return None


def compare_versions(
    old_text: str | None, new_text: str, history: DocumentHistory | None = None
) -> Comparison:
    """Findings between the last good version and `new_text`, with the updated history."""
    h = DocumentHistory.from_json(history.to_json()) if history else DocumentHistory()
    base = h.last_good_text if h.last_good_text is not None else old_text
    new_hash = _text_hash(new_text)
    if base is None:
        h.last_good_text = new_text
        h.seen.append(new_hash)
        return Comparison([], None, h)
    if not h.seen:
        h.seen.append(_text_hash(base))
    anomaly = detect_anomaly(base, new_text)
    if anomaly:
        h.anomaly_streak += 1
        if h.anomaly_streak >= ACCEPT_AFTER_ANOMALIES:
            h.last_good_text = new_text  # the document really changed shape: new baseline
            h.anomaly_streak = 0
            if new_hash not in h.seen:
                h.seen.append(new_hash)
        return Comparison([], anomaly, h)
    h.anomaly_streak = 0
    h.last_good_text = new_text
    if new_hash in h.seen:
        # same words as the base (date stamps, links, layout): unchanged, not a revert
        return Comparison([], None, h, revert=new_hash != _text_hash(base))
    h.seen.append(new_hash)
    findings = compare_clauses(_clauses(base), _clauses(new_text), base, new_text)
    reported = set(h.reported)
    kept: list[Finding] = []
    for f in findings:
        sig = _signature(f)
        # A sentence taken out again after an earlier version added it is news once: the
        # provider reversed itself. A sentence put back after an earlier version removed it
        # is not: that is a section flapping, or a capture recovering from a glitch.
        removal = f.kind.startswith("lost:") and sig + _REMOVED not in reported
        if sig in reported and not removal:
            continue  # repeats or undoes a change already reported
        kept.append(f)
    for f in kept:
        sig = _signature(f)
        for s in (sig, sig + _REMOVED) if f.kind.startswith("lost:") else (sig,):
            if s not in reported:
                reported.add(s)
                h.reported.append(s)
    return Comparison(kept, None, h)


def process_history(
    versions: Iterable[V],
    text_of: Callable[[V], str] = lambda v: v.text,  # type: ignore[attr-defined]
) -> list[tuple[V, Comparison]]:
    """Compare each version of ONE document with the last good one, in the given order."""
    out: list[tuple[V, Comparison]] = []
    history = DocumentHistory()
    previous: str | None = None
    for v in versions:
        text = text_of(v)
        cmp = compare_versions(previous, text, history)
        history = cmp.history
        previous = text
        out.append((v, cmp))
    return out


# --------------------------------------------------------------------------- clauses -> findings


def _signature(f: Finding) -> str:
    """Same signature for a change and its undo: 'gained:x' and 'lost:x', '30_to_60' and '60_to_30'."""
    kind = f.kind.split(":", 1)[1] if f.kind.startswith(("gained:", "lost:")) else f.kind
    m = re.fullmatch(r"retention_days_(\d+)_to_(\d+)", kind)
    if m:
        kind = "retention_days_" + "_".join(sorted(m.groups()))
    m = re.fullmatch(r"(training_condition:\w+):(\w+)-to-(\w+)", kind)
    if m:
        kind = m.group(1) + ":" + "-".join(sorted(m.groups()[1:]))
    if f.kind.startswith("gained:"):
        evidence = f.new_text
    elif f.kind.startswith("lost:"):
        evidence = f.old_text
    else:
        return f"{f.topic}|{kind}"
    # The clause that carries the atom is part of the signature: the same sentence coming
    # and going is flapping, a new sentence stating the same thing again is news.
    key = hashlib.sha256(clause_key(evidence).encode()).hexdigest()[:12]
    return f"{f.topic}|{kind}|{key}"


def _atoms(clauses: Iterable[Clause]) -> dict[tuple[Any, ...], Clause]:
    out: dict[tuple[Any, ...], Clause] = {}
    for c in clauses:
        for facts in c.facts.values():
            for a in facts.get("atoms", []):
                out.setdefault(tuple(a), c)
    return out


# Topics whose statements an isolated edit may add or remove while the document states them
# elsewhere too. Training promises are left out: documents restate them per product and mode
# ("none of your code is trained on" again under each privacy setting), so a restatement is
# rarely news.
_COUNTED_TOPICS = ("retention", "sharing")


def _isolated_statement(
    old: list[Clause],
    new: list[Clause],
    removed: list[Clause],
    added: list[Clause],
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
) -> None:
    """An edit that only adds (or only removes) one topic clause: count statements, not facts.

    "Vendors receive and store these communications on our behalf" added to a policy that
    already shares with vendors elsewhere adds a recipient for one more kind of data; a rewrite
    moves statements around, so this reading is kept for single, unpaired additions or removals.
    """
    pairs = _align(removed, added)
    paired = {id(c) for c in pairs.values()}
    loose_removed = [c for c in removed if c.topics and id(c) not in paired]
    loose_added = [c for c in added if c.topics and c.position not in pairs]
    if len(loose_removed) + len(loose_added) != 1:
        return
    before, after = _atom_counts(old), _atom_counts(new)
    for c, into, grew in ((c, gained, True) for c in loose_added):
        _count_change(c, into, before, after, grew)
    for c, into, grew in ((c, lost, False) for c in loose_removed):
        _count_change(c, into, before, after, grew)


def _atom_counts(clauses: Iterable[Clause]) -> dict[tuple[Any, ...], int]:
    counts: dict[tuple[Any, ...], int] = {}
    for c in clauses:
        for facts in c.facts.values():
            for a in map(tuple, facts.get("atoms", [])):
                counts[a] = counts.get(a, 0) + 1
    return counts


def _count_change(
    clause: Clause,
    into: dict[tuple[Any, ...], Clause],
    before: dict[tuple[Any, ...], int],
    after: dict[tuple[Any, ...], int],
    grew: bool,
) -> None:
    # topics this clause already reports on through facts the other version lacks
    reported = {k[0] for k, v in into.items() if v is clause}
    for facts in clause.facts.values():
        for a in map(tuple, facts.get("atoms", [])):
            if a[0] not in _COUNTED_TOPICS or a[0] in reported or a in into:
                continue
            if (
                (after.get(a, 0) > before.get(a, 0))
                if grew
                else (after.get(a, 0) < before.get(a, 0))
            ):
                into[a] = clause


def _similarity(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _align(removed: list[Clause], added: list[Clause]) -> dict[int, Clause]:
    """Pair each added clause (by position) with its most similar removed clause, if similar."""
    pairs: dict[int, Clause] = {}
    keys_r = [(c, clause_key(c.text)) for c in removed]
    for c in added:
        ka = clause_key(c.text)
        best, score = None, 0.0
        for r, kr in keys_r:
            s = _similarity(ka, kr)
            if s > score:
                best, score = r, s
        if best is not None and score >= 0.45:
            pairs[c.position] = best
    return pairs


_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0.2


def _diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    ops = _DMP.diff_main(old, new)
    _DMP.diff_cleanupSemantic(ops)
    return tuple((int(op), txt) for op, txt in ops)


# direction of gaining (+) or losing (-) an atom
def _direction(atom: tuple[Any, ...], gained: bool) -> str:
    topic = atom[0]
    if topic == "training":
        polarity = atom[2]
        broader = (polarity == "permitted") == gained
        return "broader" if broader else "narrower"
    if topic == "retention":
        what = atom[1]
        if what in ("indefinite", "keeps", "keeps_if", "until", "legal_hold"):
            return "broader" if gained else "narrower"
        if what in ("no_store", "user_can_delete", "we_delete"):
            return "narrower" if gained else "broader"
        if what in ("days", "days_for"):
            return "changed" if gained else "broader"
    if topic == "sharing":
        if atom[1] in ("subprocessor", "tracker", "named"):
            return "broader" if gained else "narrower"
        polarity = atom[2]
        broader = (polarity == "permitted") == gained
        return "broader" if broader else "narrower"
    return "changed"


_TOPIC_NAME = {"training": "training_use", "retention": "retention", "sharing": "sharing"}


def _severity(atom: tuple[Any, ...], direction: str) -> str:
    topic = atom[0]
    if direction == "narrower":
        return "low"
    if topic == "training":
        if atom[1] == "train" and atom[3] in ("none", "opt_out", "despite_opt_out"):
            return "critical"
        return "high" if atom[1] == "train" else "medium"
    if topic == "sharing":
        if atom[1] in ("model_providers", "advertisers", "sale", "public"):
            return "critical"
        return "medium" if atom[1] in ("subprocessor", "tracker", "named") else "high"
    return "high" if direction == "broader" else "medium"


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


def retention_subject(text: str, facts: dict[str, Any] | None) -> str:
    """What a retention clause keeps, for a summary: 'Chat and prompt retention for training'."""
    kinds = [k for k in (facts or {}).get("data", []) if k != "personal"] or list(
        (facts or {}).get("data", [])
    )
    noun = _KIND_NOUN.get(kinds[0], "data") if kinds else "data"
    low = text.lower()
    if "backup" in low:
        noun += " backup"
    if _FOR_TRAINING.search(low):
        return f"Retention of {noun} data used for model training"
    trigger = {
        "account_closure": " after account closure",
        "termination": " after the contract ends",
    }.get(str((facts or {}).get("trigger")), "")
    return f"{noun[:1].upper()}{noun[1:]} retention{trigger}"


def subprocessor_label(row: str) -> str:
    """'Corvane Compute, Inc. | Model hosting | United States' -> 'Corvane Compute, Inc. (model hosting, United States)'."""
    cells = [c.strip() for c in row.split(" | ") if c.strip()]
    if not cells:
        return row.strip()
    head, rest = cells[0], [c for c in cells[1:3] if len(c) <= 80]
    if not rest:
        return head.rstrip(".;:")
    rest[0] = rest[0][:1].lower() + rest[0][1:] if not rest[0][:2].isupper() else rest[0]
    return f"{head} ({', '.join(rest)})"


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
    if atom[0] == "retention" and atom[1] == "days":
        subject = retention_subject(clause.text, clause.facts.get("retention"))
        verb = "is now" if gained else "is no longer"
        return f"{subject} {verb} stated as {days_text(int(atom[2]))}."
    return _summary(atom, gained, direction, clause.text)


def _summary(atom: tuple[Any, ...], gained: bool, direction: str, text: str = "") -> str:
    """One plain sentence a lawyer can read: what the provider may now (no longer) do."""
    topic = atom[0]
    if topic == "training":
        action, polarity, cond = atom[1], atom[2], atom[3]
        what = "train AI models on" if action == "train" else "use to improve its services"
        if polarity == "permitted":
            cond_txt = {
                "opt_out": " unless you opt out",
                "opt_in": " if you opt in",
                "deid": " once it is de-identified",
                "despite_opt_out": " even if you opted out",
                "none": "",
            }.get(cond, "")
            if gained:
                return f"The provider may now {what} your data{cond_txt}."
            return f"The statement that the provider may {what} your data{cond_txt} is removed."
        cond_txt = {
            "opt_in": " unless you opt in",
            "opt_out": "",
            "deid": " (de-identified data)",
            "none": "",
        }.get(cond, "")
        promise = f"the provider will not {what} your data{cond_txt}"
        if gained:
            return f"New promise: {promise}."
        return f"The promise that {promise} is removed."
    if topic == "retention":
        if atom[1] == "days":
            subject = retention_subject(text, None) if text else "Retention"
            verb = "is now" if gained else "is no longer"
            return f"{subject} {verb} stated as {days_text(int(atom[2]))}."
        what = {
            "keeps": f"the provider keeps {_KIND_NOUN.get(str(atom[-1]), str(atom[-1]))} data",
            "keeps_if": "a feature you turn on lets the provider keep "
            f"{_KIND_NOUN.get(str(atom[-1]), str(atom[-1]))} data",
            "until": f"data is kept until {str(atom[-1]).replace('_', ' ')}",
            "indefinite": "data may be kept as long as needed (no fixed limit)",
            "no_store": "data is not stored"
            + (f" ({atom[2]} mode or plan)" if len(atom) > 2 else ""),
            "user_can_delete": "you can delete your data",
            "we_delete": "the provider deletes data",
            "legal_hold": "data may be kept for legal claims or litigation",
        }.get(atom[1], "data retention")
        if atom[1] == "days_for":
            noun = _KIND_NOUN.get(str(atom[2]), str(atom[2]))
            noun = noun if noun.endswith("content") else f"{noun} data"
            what = f"{noun} is kept {days_text(int(atom[3]))}"
        if gained:
            return f"New retention statement: {what}."
        return f"Retention statement removed: {what}."
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
            return (
                "New promise: the provider does not sell your data."
                if gained
                else ("The promise that the provider does not sell your data is removed.")
            )
        return (
            "The provider may now sell your data."
            if gained
            else ("The statement that the provider may sell your data is removed.")
        )
    who = atom[1].replace("_", " ")
    if atom[2] == "prohibited":
        if gained:
            return f"New promise: the provider does not share your data with {who}."
        return f"The promise that the provider does not share your data with {who} is removed."
    if gained:
        return f"The provider may now share your data with {who}."
    return f"The statement that the provider may share your data with {who} is removed."


_SCOPE = re.compile(
    r"\b(?:free|paid|team|enterprise|business|api|pro|plus|consumer|individual|student|education"
    r"|incognito|temporary|privacy mode|zero data retention|opted[- ]out|opted[- ]in)\b"
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
_PURPOSES = re.compile(
    r"other products|new products|any (?:other )?(?:lawful )?(?:business )?purpose|business purposes"
    r"|research|commercial|develop\w* new|other services|affiliates'? products"
)
_ONLY = re.compile(r"\bonly\b|\bsolely\b|\bexclusively\b")


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


def _carve_outs(pairs: dict[int, Clause], added: list[Clause], reported: set[str]) -> list[Finding]:
    """An edited clause that gains (or loses) an exception: 'not retained, except as required by law'.

    A new carve-out weakens a protection (broader) and limits a permission (narrower).
    """
    out: list[Finding] = []
    for c in added:
        old = pairs.get(c.position)
        if old is None:
            continue
        for topic in TOPIC_ORDER:
            if topic in reported or topic not in c.facts or topic not in old.facts:
                continue
            if _similarity(clause_key(c.text), clause_key(old.text)) < 0.6:
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
            direction = "broader" if (delta > 0) == prot_new else "narrower"
            what = "gains an exception" if delta > 0 else "loses an exception"
            out.append(
                Finding(
                    topic=topic,
                    direction=direction,
                    severity="high" if direction == "broader" else "medium",
                    kind=f"exception:{topic}:" + _pair_id(old.text, c.text),
                    summary=f"{_LABEL[topic]} ({direction}): an edited clause {what}.",
                    old_text=old.text,
                    new_text=c.text,
                    diff=_diff(old.text, c.text),
                    old_facts=dict(old.facts[topic]),
                    new_facts=dict(c.facts[topic]),
                )
            )
            reported.add(topic)
    return out


def _scope_changes(
    pairs: dict[int, Clause], added: list[Clause], reported: set[str]
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
        if _similarity(clause_key(c.text), clause_key(old.text)) < 0.5:
            continue
        permitted = nf.get("use", nf.get("polarity", "permitted")) == "permitted"
        if topic == "retention":
            permitted = True  # more data kept is broader
        # "information" -> "personal data" is wording; only concrete data kinds count
        new_kinds = set(nf.get("data", [])) - {"personal"}
        old_kinds = set(of.get("data", [])) - {"personal"}
        gained_kinds, lost_kinds = new_kinds - old_kinds, old_kinds - new_kinds
        old_mentions, new_mentions = (
            _SCOPE.findall(old.text.lower()),
            _SCOPE.findall(c.text.lower()),
        )
        old_scope, new_scope = set(old_mentions), set(new_mentions)
        # "Team and Enterprise business data" -> "Business and Enterprise business data": as many
        # plan mentions as before, one name swapped for another that was already there: a rename
        renamed = len(old_mentions) == len(new_mentions)
        old_only, new_only = (
            bool(_ONLY.search(old.text.lower())),
            bool(_ONLY.search(c.text.lower())),
        )
        old_purpose = set(_PURPOSES.findall(old.text.lower()))
        new_purpose = set(_PURPOSES.findall(c.text.lower()))
        direction = None
        if permitted and new_purpose - old_purpose and not old_purpose - new_purpose:
            direction = "broader"  # the same data now serves more purposes
        elif permitted and bool(of.get("derived")) != bool(nf.get("derived")):
            # "statistics about your prompts" -> "your prompts": the data itself is now used
            direction = "narrower" if nf.get("derived") else "broader"
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
            if grew == 0:
                direction = "changed"
            else:
                direction = "broader" if (grew > 0) == permitted else "narrower"
        elif old_only != new_only:
            direction = "narrower" if new_only == permitted else "broader"
        elif gained_kinds and not lost_kinds:
            direction = "broader" if permitted else "narrower"
        elif lost_kinds and not gained_kinds:
            direction = "narrower" if permitted else "broader"
        elif _list_grew(old.text, c.text):
            direction = "broader" if permitted else "narrower"
        if direction is None:
            continue
        out.append(
            Finding(
                topic=topic,
                direction=direction,
                severity="high" if direction == "broader" else "medium",
                kind=f"scope:{topic}:" + _pair_id(old.text, c.text),
                summary=f"{_LABEL[topic]} ({direction}): an edited clause now covers different data or plans.",
                old_text=old.text,
                new_text=c.text,
                diff=_diff(old.text, c.text),
                old_facts=dict(of),
                new_facts=dict(nf),
            )
        )
        reported.add(topic)
    return out


_LIST_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[,;]")


def _listed(plan: str, text: str) -> bool:
    """`plan` is coordinated with another plan: "free and pro users", "Team, Enterprise"."""
    others = "|".join(re.escape(p) for p in sorted(_PLANS) if p != plan)
    return bool(
        re.search(
            rf"\b{re.escape(plan)}\b(?: \w+)?(?:,| and| or| &|/) ?(?:\w+ )?(?:{others})\b"
            rf"|\b(?:{others})\b(?: \w+)?(?:,| and| or| &|/) ?(?:\w+ )?{re.escape(plan)}\b",
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
        for run in inserted
    )


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None


def compare_clauses(
    old: list[Clause],
    new: list[Clause],
    old_text: str | None = None,
    new_text: str | None = None,
) -> list[Finding]:
    """Material findings between two clause lists (see the module docstring).

    `old_text` / `new_text`, when given, are the whole versions: a recipient named in prose
    ("providers such as Acme") is new only when the old version never mentions it at all,
    and gone only when the new version no longer mentions it.
    """
    old_keys = {clause_key(c.text) for c in old}
    new_keys = {clause_key(c.text) for c in new}
    removed = [c for c in old if clause_key(c.text) not in new_keys]
    added = [c for c in new if clause_key(c.text) not in old_keys]
    if not removed and not added:
        return []
    old_atoms, new_atoms = _atoms(old), _atoms(new)
    gained = {a: c for a, c in _atoms(added).items() if a not in old_atoms}
    lost = {a: c for a, c in _atoms(removed).items() if a not in new_atoms}
    _isolated_statement(old, new, removed, added, gained, lost)
    old_low = (old_text or "\n".join(c.text for c in old)).lower()
    new_low = (new_text or "\n".join(c.text for c in new)).lower()
    gained = {
        a: c
        for a, c in gained.items()
        if a[:2] != ("sharing", "named") or not _mentions(str(a[2]), old_low)
    }
    lost = {
        a: c
        for a, c in lost.items()
        if a[:2] != ("sharing", "named") or not _mentions(str(a[2]), new_low)
    }
    pairs = _align(removed, added)
    findings: list[Finding] = []
    used_lost: set[tuple[Any, ...]] = set()
    # Durations of aligned clauses are compared as numbers: the edited clause's old durations
    # (those it no longer states) are the baseline, even when another clause of the document
    # still states them ("erased within 30 days" elsewhere keeps the 30-day atom alive).
    done: set[int] = set()
    done_old: set[int] = set()  # id() of the old clauses those edits replaced
    for a, c in sorted(gained.items(), key=lambda x: -int(x[0][2]) if x[0][1] == "days" else 0):
        if a[0] != "retention" or a[1] != "days" or c.position in done:
            continue
        partner = pairs.get(c.position)
        if partner is None or "retention" not in partner.facts:
            continue
        new_days = set(c.facts.get("retention", {}).get("days", []))
        partner_days = set(partner.facts["retention"].get("days", []))
        if not partner_days:
            continue
        # the durations the edit replaced; when it only adds one, the longest it had before
        before = max(partner_days - new_days or partner_days)
        after = max(new_days - set(partner.facts["retention"].get("days", [])))
        direction = "broader" if after > before else "narrower"
        done.add(c.position)
        done_old.add(id(partner))
        used_lost.update(
            x for x in lost if x[0] == "retention" and x[1] == "days" and lost[x] is partner
        )
        for x in [
            x for x, y in gained.items() if y is c and x[0] == "retention" and x[1] == "days"
        ]:
            del gained[x]
        subject = retention_subject(c.text, c.facts.get("retention"))
        verb = "grows" if direction == "broader" else "shrinks"
        findings.append(
            _finding(
                ("retention", "days", after, a[3]),
                True,
                partner,
                c,
                direction,
                f"retention_days_{before}_to_{after}",
                f"{subject} {verb} from {days_text(before)} to {days_text(after)}.",
            )
        )
    # The same, seen from a lost duration whose edited clause now states one the document
    # already had elsewhere ("5 years" -> "30 days" while another clause says 30 days).
    inverse = {v.position: k for k, v in pairs.items()}
    new_by_pos = {c.position: c for c in new}
    for a, c in sorted(lost.items(), key=lambda x: -int(x[0][2]) if x[0][1] == "days" else 0):
        if a[0] != "retention" or a[1] != "days" or a in used_lost:
            continue
        partner_pos = inverse.get(c.position)
        partner = new_by_pos.get(partner_pos) if partner_pos is not None else None
        if partner is None or partner.position in done or "retention" not in partner.facts:
            continue
        new_days = set(partner.facts["retention"].get("days", []))
        old_days = set(c.facts.get("retention", {}).get("days", []))
        if not new_days:
            continue
        before, after = int(a[2]), max(new_days - old_days or new_days)
        direction = "broader" if after > before else "narrower"
        done.add(partner.position)
        done_old.add(id(c))
        used_lost.update(x for x in lost if x[0] == "retention" and x[1] == "days" and lost[x] is c)
        subject = retention_subject(partner.text, partner.facts.get("retention"))
        verb = "grows" if direction == "broader" else "shrinks"
        findings.append(
            _finding(
                ("retention", "days", after, a[3]),
                True,
                c,
                partner,
                direction,
                f"retention_days_{before}_to_{after}",
                f"{subject} {verb} from {days_text(before)} to {days_text(after)}.",
            )
        )
    # a per-kind period of an edited clause was compared as a number above
    done_old.update(id(lost[x]) for x in used_lost)
    gained = {a: c for a, c in gained.items() if a[1] != "days_for" or c.position not in done}
    used_lost.update(x for x in lost if x[1] == "days_for" and id(lost[x]) in done_old)
    findings.extend(_condition_changes(gained, lost, used_lost))
    for a, c in gained.items():
        partner = pairs.get(c.position)
        direction = None
        if a[0] == "retention" and a[1] in ("days", "days_for"):
            deletes = c.facts.get("retention", {}).get("deletes")
            direction = "narrower" if deletes else "broader"
        findings.append(_finding(a, True, partner, c, direction))
    for a, c in lost.items():
        if a in used_lost:
            continue
        partner_pos = inverse.get(c.position)
        partner = new_by_pos.get(partner_pos) if partner_pos is not None else None
        findings.append(_finding(a, False, c, partner))
    findings.extend(_edited_conditions(pairs, added, {f.topic for f in findings}))
    findings.extend(_scope_changes(pairs, added, {f.topic for f in findings}))
    findings.extend(_carve_outs(pairs, added, {f.topic for f in findings}))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.topic, order[f.severity]))
    return findings


# How much latitude a training permission leaves the provider, by its condition.
_LATITUDE = {"despite_opt_out": 4, "none": 3, "opt_out": 2, "deid": 1, "opt_in": 0}
_CONDITION_TEXT = {
    "none": "without conditions",
    "opt_out": "unless you opt out",
    "deid": "once the data is de-identified",
    "opt_in": "only if you opt in",
    "despite_opt_out": "even if you opted out",
}


def _condition_changes(
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
    used_lost: set[tuple[Any, ...]],
) -> list[Finding]:
    """A training permission whose condition changed is one change, in one direction.

    "We use your chats to improve our models" replaced by "... once de-identified" gains
    one permission and loses another; read together they narrow what the provider may do.
    The pair is taken out of `gained` and `lost` (`used_lost` marks the lost one).
    """
    out: list[Finding] = []
    for a in [x for x in gained if x[0] == "training" and x[2] == "permitted"]:
        old_a = next(
            (x for x in lost if x[:3] == a[:3] and x not in used_lost and x[3] != a[3]), None
        )
        if old_a is None or old_a[3] not in _LATITUDE or a[3] not in _LATITUDE:
            continue
        new_clause, old_clause = gained.pop(a), lost[old_a]
        used_lost.add(old_a)
        out.append(_condition_finding(a, str(old_a[3]), old_clause, new_clause))
    return out


def _condition_finding(
    atom: tuple[Any, ...], old_cond: str, old_clause: Clause, new_clause: Clause
) -> Finding:
    """One finding for a training permission whose condition went from `old_cond` to atom[3]."""
    direction = "broader" if _LATITUDE[atom[3]] > _LATITUDE[old_cond] else "narrower"
    what = "train AI models on" if atom[1] == "train" else "use to improve its services"
    return _finding(
        atom,
        True,
        old_clause,
        new_clause,
        direction,
        f"training_condition:{atom[1]}:{old_cond}-to-{atom[3]}",
        f"The provider may {what} your data {_CONDITION_TEXT[atom[3]]}"
        f" (was: {_CONDITION_TEXT[old_cond]}).",
    )


def _edited_conditions(
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
        nf, of = c.facts.get("training_use"), old.facts.get("training_use")
        if not nf or not of or len(nf["atoms"]) != 1 or len(of["atoms"]) != 1:
            continue
        a, b = tuple(of["atoms"][0]), tuple(nf["atoms"][0])
        if a[:3] != b[:3] or a[2] != "permitted" or a[3] == b[3]:
            continue
        if a[3] not in _LATITUDE or b[3] not in _LATITUDE:
            continue
        if _similarity(clause_key(c.text), clause_key(old.text)) < 0.5:
            continue
        out.append(_condition_finding(b, str(a[3]), old, c))
        reported.add("training_use")
    return out


def _finding(
    atom: tuple[Any, ...],
    gained: bool,
    old_clause: Clause | None,
    new_clause: Clause | None,
    direction: str | None = None,
    kind: str | None = None,
    summary: str | None = None,
) -> Finding:
    direction = direction or _direction(atom, gained)
    topic = _TOPIC_NAME[atom[0]]
    old_text = old_clause.text if old_clause else ""
    new_text = new_clause.text if new_clause else ""
    if gained and old_clause is not None and new_clause is None:
        old_text = ""
    return Finding(
        topic=topic,
        direction=direction,
        severity=_severity(atom, direction),
        kind=kind or ("gained:" if gained else "lost:") + ":".join(str(x) for x in atom[1:]),
        summary=summary or _summary_of(atom, gained, direction, old_clause, new_clause),
        old_text=old_text,
        new_text=new_text,
        diff=_diff(old_text, new_text),
        old_facts=dict(old_clause.facts.get(topic, {})) if old_clause else {},
        new_facts=dict(new_clause.facts.get(topic, {})) if new_clause else {},
    )
