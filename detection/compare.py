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
2. Each clause carries typed statements (`clausewatch.statements`), compared by their keys,
   here called *atoms* ("training permitted unless you opt out",
   "kept 30 days after closure", "shared with advertisers", "sub-processor stripe",
   "advertising cookies of x on y.com"). An atom of an added clause that the old document
   does not state anywhere is *gained*; an atom of a removed clause that the new document no
   longer states anywhere is *lost*. Rewording that keeps the facts therefore yields nothing.
   When a version adds or removes one retention or sharing clause and nothing else, statements
   are counted instead: one more "vendors receive these messages" is news even where vendors
   were named before (a lone edit is not a rewrite that moves statements around).
   A new, unpaired clause that states a practice the document already states, about a subject
   the old version never names (a new feature's data, a new data kind, a new product:
   `statements.subject`), is news too: "we use conversation data to train the models in
   Nimbus Studio" added to a policy that trained on other data before.
3. Gained/lost atoms map to a direction (broader = the provider gains latitude, narrower =
   the user gains protection) and a severity; retention durations of aligned clauses are
   compared as numbers (30 -> 1825 days is broader), and a training permission whose
   condition changed (none > "even if you opted out" ... > opt-out > de-identified > opt-in)
   is one finding in one direction, not a gained and a lost atom.
4. Clauses edited in place (aligned by word similarity) are read once more
   (`detection.edits`): a training clause whose condition, plans, data kinds, "only",
   purposes, data list ("prompts, code" -> "prompts, commands, code") or use of derived
   statistics instead of the data itself changes, any topic clause that gains or loses a
   carve-out ("except as required by law"), and a children's protection whose age limit
   moves ("under 18" -> "under 13"), is a finding even when its atoms stay.
   Directions, severities and summaries are worded in `detection.summaries`.

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

Before any of that, `parsers.captures` judges the capture: a text that is not a document (an
error page, a stub, a wall, a text in another language) never becomes the baseline, and the
first real version replaces such a baseline without findings; a capture in another language
after an English baseline is an anomaly (a language switch, not a removal); a capture that holds
its text twice is compared once; a capture whose headings stayed while their bodies vanished
(collapsed sections) is an anomaly, so the sections coming back produce nothing either.

A name replaced throughout (`parsers.renames`: a product or defined term the new version uses
in every place the old one used another) is read as the old name, so no clause edit is only the
rename; findings quote the new wording. Cookie and tracker rows compare as sets of (vendor,
site): a site dropped from a row is one site less, not a new tracker; first-party cookies
share nothing.

An *anomaly* is a capture where most of the text vanished (error page, empty capture), where
an error page stands in for part of the document ("this page isn't available"), whose
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
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from clausewatch.parsers.captures import collapsed_sections, is_english, not_a_document, undouble
from clausewatch.parsers.clauses import clause_key, find_clauses, strip_markup
from clausewatch.parsers.quality import VANISHED_RATIO, error_page_phrase
from clausewatch.parsers.renames import apply_renames, find_renames
from clausewatch.records import SEVERITIES, Clause, Finding
from clausewatch.statements import statement_key

from .edits import (
    age_changes,
    carve_outs,
    condition_changes,
    condition_edit,
    conditions_elsewhere,
    edited_conditions,
    limits_practice,
    promise_modes,
    scope_changes,
    sharing_purposes,
    similarity,
)
from .quotes import _SENTENCE_END, DENIAL, quoted
from .severity import severity_for
from .summaries import (
    TOPIC_NAME,
    as_deadline,
    days_text,
    diff_ops,
    make_finding,
    retention_subject,
)

V = TypeVar("V")

# An anomaly: the new capture keeps less than VANISHED_RATIO of the last good text's words
# (the threshold parsers.quality uses too) ...
VANISH_RATIO = VANISHED_RATIO
# ... or shares less than this share of its vocabulary (another document).
OTHER_DOC_OVERLAP = 0.25
# ... or grew this many times over while keeping the old text: another page was merged in.
GROWTH_RATIO = 2.0
MERGED_CONTAINMENT = 0.6  # share of the old text's 5-word shingles found in the grown capture
# ... or an error page stands in for part of it (parsers.quality.ERROR_PAGE_PHRASES).
_error_page = error_page_phrase


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
    # edited clauses whose new wording the rules cannot read: not reported as removals
    unreadable: tuple[UnreadableEdit, ...] = ()


@dataclass(frozen=True, slots=True)
class UnreadableEdit:
    """An edited clause that stated a practice and whose new wording states nothing readable,
    though it still speaks of the topic: counted and listed for review, never a removal."""

    topic: str
    old_text: str
    new_text: str


_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_NOISE = re.compile(
    r"\b(?:last )?(?:updated|modified|revised|effective)\b[^\n]{0,40}|\b\d+\s+\w+\s+ago\b",
    re.IGNORECASE,
)


_LINE_WORDS: dict[str, list[str]] = {}


_TEXT_WORDS: dict[str, list[str]] = {}


def _recent(memo: dict[str, V], text: str, make: Callable[[str], V]) -> V:
    """`make(text)`, remembered for the last five texts (a version is compared twice, and the
    base again at every comparison of its document)."""
    got = memo.get(text)
    if got is None:
        if len(memo) > 4:
            memo.pop(next(iter(memo)))
        got = memo[text] = make(text)
    return got


def _norm_words(text: str) -> list[str]:
    """Words of the text without markup and date stamps, memoized per text and per line."""
    return _recent(_TEXT_WORDS, text, _line_words)


def _line_words(text: str) -> list[str]:
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
    """find_clauses, remembering the last few texts."""
    return _recent(_CLAUSES, text, find_clauses)


def new_document() -> None:
    """Forget the per-line and per-text memos of the last document: memory then holds one
    document's history at a time, however long the collection (call between documents)."""
    _LINE_WORDS.clear()
    _TEXT_WORDS.clear()
    _CLAUSES.clear()
    _NOT_DOCUMENT.clear()


_NOT_DOCUMENT: dict[str, str | None] = {}


def _not_a_document(text: str) -> str | None:
    """parsers.captures.not_a_document, once per text: the base is judged again at every
    comparison of its document, and it is the same text each time."""
    if text not in _NOT_DOCUMENT:
        _NOT_DOCUMENT[text] = not_a_document(text)
    return _NOT_DOCUMENT[text]


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
    error = _error_page(new_text)
    if error and not _error_page(base_text):
        return f"part of the capture is an error page ({error!r})"
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
    if base is None or _not_a_document(base):
        # no baseline yet, or a bad one (an error page, a stub, a wall, another language):
        # the first real version becomes the baseline, with no findings
        why = _not_a_document(new_text)
        if why:
            h.last_good_text = base
            return Comparison([], f"no document to compare with yet: the capture is {why}", h)
        h.last_good_text = new_text
        h.seen = [new_hash]
        h.anomaly_streak = 0
        return Comparison([], None, h)
    if not h.seen:
        h.seen.append(_text_hash(base))
    if not is_english(new_text):
        # the same document in another language for one capture: nothing in it is read, so
        # nothing is removed; never a baseline, however long it lasts
        return Comparison([], "the capture is not in English (a language switch)", h)
    base, compared = undouble(base), undouble(new_text)
    anomaly = detect_anomaly(base, compared)
    if anomaly is None:
        collapsed = collapsed_sections(base, compared)
        if collapsed:
            anomaly = "sections collapsed in this capture (heading kept, body gone): " + ", ".join(
                repr(c) for c in collapsed[:5]
            )
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
    unreadable: list[UnreadableEdit] = []
    # a name replaced throughout is read as the old one, so that no clause edit is only the
    # rename; the findings then quote the new wording again
    renames = find_renames(base, compared)
    if renames:
        compared = apply_renames(compared, renames)
    findings = compare_clauses(_clauses(base), _clauses(compared), base, compared, unreadable)
    if renames:
        findings = [_renamed_back(f, {old: new for new, old in renames.items()}) for f in findings]
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
    return Comparison(kept, None, h, unreadable=tuple(unreadable))


def _renamed_back(f: Finding, names: dict[str, str]) -> Finding:
    """A finding read on the renamed text, quoting the new clause as the document words it."""
    new_text = apply_renames(f.new_text, names)
    summary = f.summary if f.kind.startswith("lost:") else apply_renames(f.summary, names)
    return replace(f, new_text=new_text, summary=summary, diff=diff_ops(f.old_text, new_text))


def process_history(
    versions: Iterable[V],
    text_of: Callable[[V], str] = lambda v: v.text,  # type: ignore[attr-defined]
) -> list[tuple[V, Comparison]]:
    """Compare each version of ONE document with the last good one, in the given order."""
    new_document()
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
    m = re.fullmatch(r"(training_(?:ban_)?condition:\w+):(\w+)-to-(\w+)", kind)
    if m:
        kind = m.group(1) + ":" + "-".join(sorted(m.groups()[1:]))
    if f.kind.startswith("gained:"):
        evidence = f.new_text
    elif f.kind.startswith("lost:"):
        evidence = f.old_text
    else:
        # an edit and its undo swap the two clauses: the unordered pair is the edit's identity,
        # so another clause edited the other way later is news
        pair = "\n".join(sorted((clause_key(f.old_text), clause_key(f.new_text))))
        return f"{f.topic}|{kind}|{hashlib.sha256(pair.encode()).hexdigest()[:12]}"
    # The clause that carries the atom is part of the signature: the same sentence coming
    # and going is flapping, a new sentence stating the same thing again is news.
    key = hashlib.sha256(clause_key(evidence).encode()).hexdigest()[:12]
    return f"{f.topic}|{kind}|{key}"


def _keys(clause: Clause) -> list[tuple[Any, ...]]:
    """What a clause states, as comparison keys of its typed statements.

    A tracker row counts once per site it is on, so cookie tables compare as sets of
    (vendor, domain): a domain dropped from a row is that one site less, not a new tracker,
    and one row split into a row per domain states the same."""
    out: list[tuple[Any, ...]] = []
    for s in clause.statements:
        key = statement_key(s)
        if key[:2] == ("sharing", "tracker") and s.scope:
            out.extend((*key[:3], domain) for domain in s.scope)
        else:
            out.append(key)
    return out


def _atoms(clauses: Iterable[Clause]) -> dict[tuple[Any, ...], Clause]:
    out: dict[tuple[Any, ...], Clause] = {}
    for c in clauses:
        for a in _keys(c):
            out.setdefault(a, c)
    return out


# Topics whose statements an isolated edit may add or remove while the document states them
# elsewhere too. Training promises are left out: documents restate them per product and mode
# ("none of your code is trained on" again under each privacy setting), so a restatement is
# rarely news.
_COUNTED_TOPICS = ("retention", "sharing")


def _period_absorbs(
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
    pairs: dict[int, Clause],
) -> None:
    """A clause that now states a period says, in one change, what it keeps and for how long.

    "Prompts are processed for the generation only" -> "... and for 30 days to monitor abuse
    unless you subscribed to zero data retention": the 30 days are the change. The kinds it
    kept are still kept (a period replaces the bare "we keep X", which is not "removed"), and
    zero data retention is the period's exception, not a promise of its own. In place.
    """
    with_period = {c.position: c for a, c in gained.items() if a[:2] == ("retention", "days")}
    for position, c in with_period.items():
        partner = pairs.get(position)
        for a in [a for a, x in lost.items() if partner is not None and x is partner]:
            if a[:2] in (("retention", "keeps"), ("retention", "keeps_if")):
                del lost[a]
        for a in [a for a, x in gained.items() if x is c]:
            if a[:2] == ("retention", "no_store") and a[2:] == ("zero data retention",):
                del gained[a]


def _isolated_statement(
    old: list[Clause],
    new: list[Clause],
    removed: list[Clause],
    added: list[Clause],
    pairs: dict[int, Clause],
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
) -> None:
    """An edit that only adds (or only removes) one topic clause: count statements, not facts.

    "Our vendors get and keep these messages for us" added to a policy that
    already shares with vendors elsewhere adds a recipient for one more kind of data; a rewrite
    moves statements around, so this reading is kept for single, unpaired additions or removals.
    """
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


_TOKEN = re.compile(r"\S+")


def _respelled(text: str, other: str) -> bool:
    """`other` holds `text` with one word spelled differently ("informaton" -> "information").

    Such a clause was not read as a clause on the other side (the misspelt word hid its topic),
    so the comparison would see a new or lost statement where only a typo was fixed.
    """
    words = _TOKEN.findall(text)
    if not 3 <= len(words) <= 60:
        return False
    # one word differs, so one half of the sentence is found as it is: look only in the other
    half = len(words) // 2
    if " ".join(words[:half]) in other:
        candidates = range(half, len(words))
    elif " ".join(words[half:]) in other:
        candidates = range(half)
    else:
        return False
    for i in candidates:
        word = words[i]
        if len(word) < 4:
            continue
        pattern = r"\s+".join(re.escape(w) if j != i else r"(\S+)" for j, w in enumerate(words))
        for m in re.finditer(pattern, other):
            if m.group(1) != word and _similar_word(m.group(1), word):
                return True
    return False


def _similar_word(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if {a, b} & {"not", "no", "never", "none"}:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _atom_counts(clauses: Iterable[Clause]) -> dict[tuple[Any, ...], int]:
    counts: dict[tuple[Any, ...], int] = {}
    for c in clauses:
        for a in _keys(c):
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
    for a in _keys(clause):
        if a[0] not in _COUNTED_TOPICS or a[0] in reported or a in into:
            continue
        if (after.get(a, 0) > before.get(a, 0)) if grew else (after.get(a, 0) < before.get(a, 0)):
            into[a] = clause


def _align(removed: list[Clause], added: list[Clause]) -> dict[int, Clause]:
    """Pair each added clause (by position) with its most similar removed clause, if similar."""
    pairs: dict[int, Clause] = {}
    keys_r = [(c, clause_key(c.text)) for c in removed]
    for c in added:
        ka = clause_key(c.text)
        best, score = None, 0.0
        for r, kr in keys_r:
            s = similarity(ka, kr)
            if len(kr) >= 20 and len(ka) >= 20 and (kr in ka or ka in kr):
                # only words added or dropped ("..., unless the law requires us to keep them
                # longer"): the same clause, however large the share of the new words
                s = max(s, 0.45)
            if s > score:
                best, score = r, s
        if best is not None and score >= 0.45:
            pairs[c.position] = best
    return pairs


# Words that show a clause still speaks of a topic (comparison keys' topic names).
_TOPIC_WORDS = {
    "training": re.compile(r"\b(?:train|model|machine learning|learn|improv|develop)", re.I),
    "retention": re.compile(r"\b(?:retain|retention|keep|kept|stor|delet|eras|log)", re.I),
    "sharing": re.compile(
        r"\b(?:shar|disclos|third[- ]part|transfer|sell|sold|partner|vendor|processor|provider)",
        re.I,
    ),
}


def _unread_edit(
    topic: str, old: Clause, partner: Clause | None, new_text: str | None, new: list[Clause]
) -> str | None:
    """The new wording of `old` when it still speaks of `topic` but states nothing the rules
    can read: a wording they do not know, which is no evidence that the practice was removed.

    The edited clause is its aligned partner when it still states something, else the most
    similar new paragraph that is no clause at all (nothing was read from it)."""
    words = _TOPIC_WORDS.get(topic)
    if words is None:
        return None
    if partner is not None:
        return partner.text if not partner.statements and words.search(partner.text) else None
    if new_text is None:
        return None
    key = clause_key(old.text)
    best, score = None, 0.0
    for line in new_text.split("\n"):
        line = strip_markup(line).strip()
        if len(line) < 20 or not words.search(line):
            continue
        for sentence in _SENTENCE.split(line):
            if any(sentence in c.text for c in new):
                continue  # part of a clause that states something: the comparison saw it
            got = similarity(key, clause_key(sentence))
            if got > score:
                best, score = sentence, got
    return best if best is not None and score >= UNREAD_SIMILARITY and words.search(best) else None


# How close a paragraph the rules read nothing from must be to a lost clause to be its edit.
UNREAD_SIMILARITY = 0.6
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None


def _same_period(
    atom: tuple[Any, ...],
    new: Clause,
    old: Clause,
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
    used_lost: set[tuple[Any, ...]],
) -> None:
    """An edited clause states the same period with another trigger: no new length.

    The trigger is read clause-wide ("... 30 days; we keep fine-tuning data until you delete
    your account"), so "now 30 days" beside "no longer 30 days" would tell a change the
    clause does not make."""
    days = atom[2]
    for x in [x for x, y in gained.items() if y is new and x[:3] == ("retention", "days", days)]:
        del gained[x]
    used_lost.update(x for x in lost if lost[x] is old and x[:3] == ("retention", "days", days))


def _limit_removed(atom: tuple[Any, ...], old: Clause, new: Clause | None) -> Finding:
    """A training permission stated as a limit ("we only use X to train if (a) ... or (b) ...")
    is removed: the limit goes with it, and the version no longer bounds the use in those
    words (broader, as an edit that widens a clause's scope), however the sentence was worded
    as a permission."""
    base = make_finding(atom, False, old, new)
    return replace(
        base,
        direction="broader",
        severity=severity_for("training", "scope", "broader"),
        kind=f"{base.kind}:limit",
        summary=f"A limit on training is removed: {_only_words(old.text)}; the new version no"
        " longer states it.",
    )


def _only_words(text: str) -> str:
    """The clause's words from its "only" to the end of that sentence, quoted (cut at a word)."""
    m = re.search(r"\b(?:only|solely|exclusively)\b", text, re.IGNORECASE)
    start = 0
    if m:
        start = max(text.rfind(". ", 0, m.start()) + 2, 0) if ". " in text[: m.start()] else 0
    sentence = _SENTENCE_END.split(text[start:], maxsplit=1)[0].rstrip(" .;")
    if len(sentence) > 200:
        sentence = sentence[:200].rsplit(" ", 1)[0] + " …"
    return quoted(sentence)


def _duration_change(before: int, after: int, trigger: Any, old: Clause, new: Clause) -> Finding:
    """One clause edited from `before` to `after` days: longer is broader."""
    direction = "broader" if after > before else "narrower"
    subject = as_deadline(
        retention_subject(new.text, new.facts.get("retention"), after), new.text, after
    )
    verb = "grows" if direction == "broader" else "shrinks"
    return make_finding(
        ("retention", "days", after, trigger),
        True,
        old,
        new,
        direction,
        f"retention_days_{before}_to_{after}",
        f"{subject} {verb} from {days_text(before)} to {days_text(after)}.",
    )


_BARE_KEEPING = {("retention", "keeps"), ("retention", "keeps_if"), ("retention", "indefinite")}


def compare_clauses(
    old: list[Clause],
    new: list[Clause],
    old_text: str | None = None,
    new_text: str | None = None,
    unreadable: list[UnreadableEdit] | None = None,
) -> list[Finding]:
    """Material findings between two clause lists (see the module docstring).

    `unreadable`, when given, collects the edits that are not reported as removals because
    the new wording speaks of the topic and no statement could be read from it.

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
    pairs = _align(removed, added)
    _isolated_statement(old, new, removed, added, pairs, gained, lost)
    _period_absorbs(gained, lost, pairs)
    if old_text is not None and new_text is not None:
        # a clause that only became readable (or unreadable) by a spelling fix states nothing new
        partnered = {id(c) for c in pairs.values()}
        gained = {
            a: c
            for a, c in gained.items()
            if c.position in pairs or not _respelled(c.text, old_text)
        }
        lost = {
            a: c for a, c in lost.items() if id(c) in partnered or not _respelled(c.text, new_text)
        }
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
        if int(a[2]) in partner_days:
            _same_period(a, c, partner, gained, lost, used_lost)
            continue
        # the durations the edit replaced; when it only adds one, the longest it had before
        before = max(partner_days - new_days or partner_days)
        after = max(new_days - partner_days)
        done.add(c.position)
        done_old.add(id(partner))
        used_lost.update(
            x for x in lost if x[0] == "retention" and x[1] == "days" and lost[x] is partner
        )
        for x in [
            x for x, y in gained.items() if y is c and x[0] == "retention" and x[1] == "days"
        ]:
            del gained[x]
        findings.append(_duration_change(before, after, a[3], partner, c))
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
        if int(a[2]) in new_days:
            _same_period(a, partner, c, gained, lost, used_lost)
            continue
        before, after = int(a[2]), max(new_days - old_days or new_days)
        done.add(partner.position)
        done_old.add(id(c))
        used_lost.update(x for x in lost if x[0] == "retention" and x[1] == "days" and lost[x] is c)
        findings.append(_duration_change(before, after, a[3], c, partner))
    # a per-kind period of an edited clause was compared as a number above
    done_old.update(id(lost[x]) for x in used_lost)
    gained = {a: c for a, c in gained.items() if a[1] != "days_for" or c.position not in done}
    used_lost.update(x for x in lost if x[1] == "days_for" and id(lost[x]) in done_old)
    findings.extend(condition_changes(gained, lost, used_lost, pairs, added))
    # "we may use your prompts to improve our models only when" + the conditions as list
    # items: the clause alone is no permission "without conditions"
    for a in [x for x in gained if x[0] == "training" and x[3] == "none"]:
        if conditions_elsewhere(gained[a]):
            del gained[a]
    # "we retain your data under the following conditions:": the periods are the items'
    for found in (gained, lost):
        for a in [x for x in found if x[:2] in _BARE_KEEPING]:
            if conditions_elsewhere(found[a]):
                del found[a]
    _same_promise_reworded(gained, lost, used_lost, pairs, inverse, new)
    for a, c in gained.items():
        partner = pairs.get(c.position)
        direction: str | None = None
        if a[0] == "retention" and a[1] in ("days", "days_for"):
            deletes = c.facts.get("retention", {}).get("deletes")
            direction = "narrower" if deletes else "broader"
        findings.append(make_finding(a, True, partner, c, direction))
    for a, c in lost.items():
        if a in used_lost:
            continue
        partner_pos = inverse.get(c.position)
        partner = new_by_pos.get(partner_pos) if partner_pos is not None else None
        edited = _unread_edit(a[0], c, partner, new_text, new)
        if edited is not None:
            if unreadable is not None:
                unreadable.append(UnreadableEdit(TOPIC_NAME[a[0]], c.text, edited))
            continue
        if a[0] == "training" and partner is not None and condition_edit(c, partner):
            continue  # the same permission with another condition: read as that edit, below
        if a[0] == "training" and a[2] == "permitted" and limits_practice(c.text):
            findings.append(_limit_removed(a, c, partner))
            continue
        findings.append(make_finding(a, False, c, partner))
    # Edited clauses are read for what the atoms missed on topics without a finding yet. (Read
    # per clause, on topics that have one, these readings doubled the findings of rewritten
    # sections and half of the extra ones misread their clause: see docs/decisions.md.)
    findings.extend(edited_conditions(pairs, added, {f.topic for f in findings}))
    findings.extend(scope_changes(pairs, added, {f.topic for f in findings}, new_text or ""))
    findings.extend(promise_modes(pairs, added, {f.topic for f in findings}))
    findings.extend(sharing_purposes(pairs, added, {f.topic for f in findings}))
    findings.extend(carve_outs(pairs, added, {f.topic for f in findings}))
    findings.extend(age_changes(pairs, added, {f.topic for f in findings}))
    findings.extend(_new_data_kinds(old, added, pairs, {f.topic for f in findings}))
    if old_text is not None:
        findings.extend(_new_subjects(added, pairs, {f.topic for f in findings}, old_low))
    findings = _promises_removed_beside(findings, removed)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.topic, order[f.severity]))
    return findings


def _promises_removed_beside(findings: list[Finding], removed: list[Clause]) -> list[Finding]:
    """A removed clause reported for one practice that also held a promise of another topic
    ("we may store some code data ... None of your code will ever be trained on"): the finding
    says so, and its direction is mixed (less kept, a protection gone)."""
    by_text = {c.text: c for c in removed}
    out = []
    for f in findings:
        c = by_text.get(f.old_text) if f.kind.startswith("lost:") and not f.new_text else None
        if c is None or f.direction != "narrower":
            out.append(f)
            continue
        promise = next(
            (
                s
                for s in c.statements
                if s.polarity == "prohibited"
                and s.topic != f.topic
                and not any(g.topic == s.topic and g.old_text == c.text for g in findings)
            ),
            None,
        )
        if promise is None:
            out.append(f)
            continue
        sentence = next((t for t in _SENTENCE_END.split(c.text) if DENIAL.search(t)), "")
        note = (
            f" (the clause also held a promise: {quoted(sentence.rstrip('.'))})" if sentence else ""
        )
        out.append(
            replace(
                f,
                direction="changed",
                severity=severity_for(_SHORT_TOPIC[f.topic], "", "changed"),
                summary=f"{f.summary.rstrip('.')}{note}.",
            )
        )
    return out


_SHORT_TOPIC = {v: k for k, v in TOPIC_NAME.items()}  # "training_use" -> "training"


# Promises whose extra words (a plan, a mode) are read from anywhere in the clause: an edit that
# keeps the promise and drops or changes that word ("On the API plan, inputs are not stored"
# -> "Inputs are not stored") still states it, and is no removal and no new promise.
_REWORDED_FAMILIES = (("retention", "no_store"),)


def _same_promise_reworded(
    gained: dict[tuple[Any, ...], Clause],
    lost: dict[tuple[Any, ...], Clause],
    used_lost: set[tuple[Any, ...]],
    pairs: dict[int, Clause],
    inverse: dict[int, int],
    new: list[Clause],
) -> None:
    """Take out of `gained` / `lost` the promises an edited clause states on both sides."""
    by_pos = {c.position: c for c in new}
    for a in [x for x in gained if x[:2] in _REWORDED_FAMILIES]:
        partner = pairs.get(gained[a].position)
        if partner is not None and any(k[:2] == a[:2] for k in _keys(partner)):
            del gained[a]
    for a in [x for x in lost if x[:2] in _REWORDED_FAMILIES and x not in used_lost]:
        pos = inverse.get(lost[a].position)
        partner = by_pos.get(pos) if pos is not None else None
        if partner is not None and any(k[:2] == a[:2] for k in _keys(partner)):
            used_lost.add(a)


def _qualifies(s: Any) -> bool:
    """A statement whose subject makes it news: a permission to train on, share or keep data."""
    if s.polarity != "permitted":
        return False
    if s.topic == "training_use":
        return s.action in ("train", "improve")
    if s.topic == "sharing":
        return s.action == "disclose"
    return s.action == "keep"


# How each data kind reads in a summary (the kinds of statements.lexicon.DATA_KINDS).
_KIND_WORDS = {
    "inputs": "your inputs",
    "outputs": "outputs",
    "files": "files",
    "feedback": "feedback",
    "flagged": "flagged content",
    "usage": "usage data",
}


def _training_permissions(clauses: Iterable[Clause]) -> Iterable[Any]:
    for c in clauses:
        for s in c.statements:
            if s.topic == "training_use" and s.actor == "provider" and _qualifies(s):
                yield s


def _new_data_kinds(
    old: list[Clause], added: list[Clause], pairs: dict[int, Clause], topics_done: set[str]
) -> list[Finding]:
    """A training permission over data kinds that no earlier training permission covered.

    "We may use your feedback to improve our models" in the old version and a new clause "we
    may use your prompts and outputs to train our models": the practice is already stated, so
    its atom is not new, but it now reaches data it never did. A permission in general words
    ("your content", "your data") covers every kind, so after it nothing is new.
    """
    if "training_use" in topics_done:
        return []
    from .phrases import data_phrase

    covered: set[str] = set()
    for c in old:
        for s in _training_permissions([c]):
            # stated in general words ("your content"), or in words the parse cannot name: every
            # kind may have been covered already
            if not s.data or "personal" in s.data or not data_phrase(c.text, "training"):
                return []
            covered.update(s.data)
    if not covered:
        return []  # no earlier permission: a new one is a gained atom, reported as such
    for c in added:
        if c.position in pairs:
            continue  # an edited clause: scope_changes compares it with its old wording
        for s in _training_permissions([c]):
            new_kinds = [k for k in s.data if k not in covered and k in _KIND_WORDS]
            if not new_kinds or "personal" in s.data:
                continue
            base = make_finding(statement_key(s), True, None, c)
            before = ", ".join(_KIND_WORDS.get(k, k) for k in sorted(covered))
            return [
                replace(
                    base,
                    kind=f"{base.kind}:kinds:{'+'.join(new_kinds)}",
                    summary=f"{base.summary.rstrip('.')}: the previous version allowed this"
                    f" only for {before}.",
                )
            ]
    return []


def _new_subjects(
    added: list[Clause], pairs: dict[int, Clause], topics_done: set[str], old_low: str
) -> list[Finding]:
    """Statements of a practice the document already states, about a subject it never named.

    "In certain markets, we use conversation data to train the models in Copilot" added to a
    policy that already trains on some data is news when the old version never mentions
    conversations or Copilot; a rewording, a move or a split uses words the old version has.
    A term that also enters edited clauses is a rename, not a new subject.
    """
    from clausewatch.statements.read import parse_texts
    from clausewatch.statements.subject import known_to, phrase_of, subject_terms

    loose = [
        c
        for c in added
        if c.position not in pairs
        and len(c.text) < 2000
        and any(_qualifies(s) and s.topic not in topics_done for s in c.statements)
    ]
    if not loose:
        return []
    edited = " ".join(c.text for c in added if c.position in pairs).lower()
    out: list[Finding] = []
    done: set[str] = set(topics_done)  # one new-subject finding per topic and version
    for c, doc in zip(loose, parse_texts([c.text for c in loose]), strict=True):
        for s in c.statements:
            if not _qualifies(s) or s.topic in done:
                continue
            order = {t.lemma_.lower(): -t.i for t in reversed(doc)}  # first mention first
            terms = sorted(
                (
                    t
                    for t in subject_terms(doc, s.topic)
                    if not known_to(t, old_low) and not known_to(t, edited)
                ),
                key=lambda t: -order.get(t, 0),
            )
            if not terms:
                continue
            done.add(s.topic)
            atom = statement_key(s)
            base = make_finding(atom, True, None, c)
            about = ", ".join(dict.fromkeys(f"“{phrase_of(doc, t)}”" for t in terms))
            out.append(
                replace(
                    base,
                    kind=f"{base.kind}:about:{'+'.join(terms)}",
                    summary=f"{base.summary.rstrip('.')}: a new statement about {about},"
                    " which the previous version did not mention.",
                )
            )
    return out
