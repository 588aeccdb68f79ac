"""Facts about training use, retention and sharing, read from one clause.

`extract_facts(text, lemmas, context)` is pure and works on one sentence, list item or table
row: `text` is the clause as written (link targets already stripped), `lemmas` the lower-case
lemma string of the same words (spaCy lookup lemmatizer, tokens joined by single spaces) and
`context` the heading path plus, for list items and table rows, the sentence leading into them.

The facts are plain JSON-able dicts, one per topic (``training_use``, ``retention``,
``sharing``). Each carries an ``atoms`` list: small hashable statements ("training permitted
unless you opt out", "kept 30 days", "shared with advertisers") that `detection.compare`
compares between versions. Rewording that keeps the atoms is not a change.

The rules for each topic live in `statements.training`, `statements.retention` and
`statements.sharing`, with the words they share in `statements.lexicon`; this module decides which
clauses state a practice at all (not a question, a header row, a rule for the user).

The rules describe the general language of privacy policies, terms and DPAs: modality and
negation ("we will not", "we do not sell", "may", "unless you opt out"), defaults and opt-outs,
recipient categories and durations. Restrictions on what *the user* may do ("you may not use
the output to train competing models") are not provider practices and yield no facts.
"""

from __future__ import annotations

import re
from typing import Any

from .lemmas import lemmatize
from .lexicon import DOC_POINTER, TOPIC_CUES
from .retention import retention_facts
from .sharing import named_recipients, sharing_facts
from .training import training_facts

__all__ = ["TOPIC_CUES", "extract_facts", "named_recipients"]


_RESTRICTION_LEAD = re.compile(
    r"\b(?:you|users?|customers?) (?:may|must|shall|will|agree|should|can)(?: \w+)? not\b|\bprohibited\b"
    r"|\bnot (?:allowed|permitted)\b|\byou agree not to\b|\bdon't\b|\bmust not\b|\bforbidden\b"
    # "You must:" / "The Customer shall:": the items are the user's obligations
    r"|\b(?:you|users?|customers?|licensee) (?:must|shall|agree to|undertake to)\s*:\s*$"
)


# A question (or a question-shaped heading) states nothing, whatever its words.
_COLUMN_HEAD = re.compile(
    r"(?:categor(?:y|ies)|types?|purposes?|sources?|legal bas[ei]s|names?|descriptions?|recipients?)"
    r" (?:of|for|with|to)\b|(?:purpose|legal basis|category|categories|recipients?)$",
    re.IGNORECASE,
)


_RECRUITING = re.compile(r"\bjob applica|\bapply for a job|\brecruit|\bhiring\b|\bjob candidate")


_AUX = r"(?:do|does|did|can|could|will|would|should|be|may|have)"


_QUESTION = re.compile(
    rf"^\W*(?:(?:how|what|why|when|where|who|whom|which)(?: \w+){{0,4}} {_AUX}|{_AUX}(?! not\b))"
    r" \w+(?:(?! \. ).)*$"
)


_STATEMENT_END = re.compile(r"[.!:;]\s*$")


# A disclaimer of responsibility states what the provider does not answer for, not what it
# does: "We do not control, and are not responsible for, LLMs' handling of your inputs".
_DISCLAIMER = re.compile(
    r"\b(?:not|never) (?:be )?(?:responsible|liable|accountable)\b|\b(?:do|does) not control\b"
    r"|\bhave no control\b|\bno responsibility for\b"
)


# A right to know what the provider does is not a statement that it does it: "You have the
# right to know ... the kinds of third parties we give it to". (Only when the
# notice is the clause: a practice stated after it is still read.)
_RIGHT_TO_KNOW = re.compile(
    r"\bright to (?:know|access|obtain|receive|request (?:access|a copy|information|detail"
    r"|disclosure))\b(?! (?:\w+ ){0,3}(?:sale|sell|opt))"
)


def _right_to_know_only(lemmas: str) -> bool:
    """The clause is a right-to-know notice, perhaps under a short title ("Right to know.")."""
    sentences = [x for x in re.split(r"\s\.\s", lemmas.strip().rstrip(" .")) if x.strip()]
    return (
        bool(sentences)
        and bool(_RIGHT_TO_KNOW.search(sentences[-1]))
        and all(len(x.split()) <= 4 for x in sentences[:-1])
    )


# A definition names what a term means; it states no practice, whatever its words
# ("“Data Breach” means ... unauthorized disclosure of Customer Data").
_DEFINITION = re.compile(
    r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:[\"“'‘][^\"”'’]{1,80}[\"”'’]"
    # several quoted forms of one term: '“Fine-Tuning” or “Fine-Tune”:'
    r"(?:\s*(?:,|or|and)\s*[\"“'‘][^\"”'’]{1,80}[\"”'’])*\s*:?"
    r"|(?!(?:This|That|It|Which|These|Those|We|You|Our|Your)\b)(?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*)"
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:means|shall mean|refers to|has the meaning|is defined as"
    r"|shall have the meaning)\b"
)


# The first column of a table of processing purposes ("Purpose | Legal basis", "Purposes of
# processing | Categories of data", "Why we use it | ...").
_PURPOSE_HEAD = re.compile(r"^\W*(?:purposes?\b|why we (?:use|process)\b)", re.IGNORECASE)
_PURPOSE_LEAD = "We use your personal data for this purpose:"
_PURPOSE_LEMMAS = lemmatize(_PURPOSE_LEAD)


# "Zero data retention.", "Data storage": a few nouns with no verb, number or denial
_LABEL_WORD = re.compile(r"^[a-z][a-z-]*$")
_NOT_LABEL = re.compile(
    r"\b(?:be|is|are|will|may|can|shall|must|do|does|we|you|keep|store|retain|delete|erase"
    r"|hold|save|log|no|not|never|without|until|after|for|within)\b|\d"
)


def _bare_label(lemmas: str) -> bool:
    """A clause of at most five words that states nothing: no verb, period or denial."""
    words = lemmas.strip(" .:").split()
    return (
        0 < len(words) <= 5
        and all(_LABEL_WORD.match(w) for w in words)
        and not _NOT_LABEL.search(lemmas)
    )


def _purpose_row(context: str, kind: str) -> bool:
    """A row of a table whose first column names purposes of processing personal data."""
    if kind != "row" or " ¶ " not in context:
        return False
    return bool(_PURPOSE_HEAD.match(context.rsplit(" ¶ ", 1)[1].split(" | ", 1)[0]))


def extract_facts(
    text: str, lemmas: str, context: str = "", kind: str = "sentence"
) -> dict[str, Any]:
    """Facts per topic for one clause; topics without facts are absent. `kind`: sentence|item|row."""
    out: dict[str, Any] = {}
    restricted = kind in ("item", "row") and _RESTRICTION_LEAD.search(
        context.rsplit(" > ", 1)[-1].lower()
    )
    if restricted:
        # an item of "You may not: ..." is a rule for the user, not a provider practice
        sf = sharing_facts(text, lemmas, context, kind)
        if sf and sf["subprocessors"]:
            out["sharing"] = sf
        return out
    if kind == "row" and all(_COLUMN_HEAD.match(c.strip()) for c in text.split(" | ") if c.strip()):
        return out  # a header row ("Categories of third parties with whom we share ...")
    if _RECRUITING.search(lemmas):
        return out  # job applicants' data is not what the service does with users' data
    if _DEFINITION.match(text):
        return out
    if DOC_POINTER.match(lemmas):
        return out
    if _DISCLAIMER.search(lemmas):
        return out
    if _right_to_know_only(lemmas):
        return out
    if kind != "row" and (
        text.rstrip().endswith("?") or (_QUESTION.match(lemmas) and not _STATEMENT_END.search(text))
    ):
        return out  # "Does Acme sell my data?", "How long do we keep your data": headings
    tf = training_facts(text, lemmas)
    if not tf and _purpose_row(context, kind):
        # a row of a table of purposes (and legal bases) names what the provider processes
        # personal data for: read it as the sentence the table stands for
        tf = training_facts(f"{_PURPOSE_LEAD} {text}", f"{_PURPOSE_LEMMAS} {lemmas}")
        if tf:
            tf["purpose_row"] = True
    if tf:
        out["training_use"] = tf
    rf = None if _bare_label(lemmas) else retention_facts(text, lemmas, context)
    if rf:
        out["retention"] = rf
    sf = sharing_facts(text, lemmas, context, kind)
    if sf:
        out["sharing"] = sf
    return out


def no_practice_reason(text: str, lemmas: str, context: str = "", kind: str = "sentence") -> str:
    """Why `extract_facts` finds no practice in a clause, in words for `clausewatch explain`."""
    if not TOPIC_CUES.search(f"{text} {context}".lower()):
        return "no word about training, retention or sharing"
    if kind in ("item", "row") and _RESTRICTION_LEAD.search(context.rsplit(" > ", 1)[-1].lower()):
        return "an item of a list of rules for the user ('You may not: ...')"
    if kind == "row" and all(_COLUMN_HEAD.match(c.strip()) for c in text.split(" | ") if c.strip()):
        return "a table's header row"
    if _RECRUITING.search(lemmas):
        return "about job applicants, not users' data"
    if _DEFINITION.match(text):
        return "a definition of a term"
    if DOC_POINTER.match(lemmas):
        return "a pointer to another part of the document"
    if _DISCLAIMER.search(lemmas):
        return "a disclaimer of responsibility, not a practice"
    if kind != "row" and (
        text.rstrip().endswith("?") or (_QUESTION.match(lemmas) and not _STATEMENT_END.search(text))
    ):
        return "a question or a question-shaped heading"
    if extract_facts(text, lemmas, context, kind):
        return ""
    return (
        "no rule reads a practice here: a definition, a pointer, a rule for the user, data the "
        "provider receives, or a topic word used in another sense"
    )
