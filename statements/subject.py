"""What a statement is about: the data, feature or product its practice applies to.

Two clauses can state the same practice ("we may use ... to improve our models") about
different things: the conversations of one product, the screenshots of a new feature, data
imported from another service. A comparison keyed on the practice alone hears nothing when a
document that already trains on *some* data starts training on a new kind; keyed on the
practice and its subject, the new statement is news (PolicyLint and PoliGraph compare
who-does-what-to-which-data tuples for the same reason).

`subject_terms(sentence, topic)` reads the subject off the dependency parse: the object of the
practice verb ("use *conversation data* to train"), the subject of its passive ("*screenshots*
will be transmitted"), nouns attached to that phrase ("data *from* *connectors*") and the
feature or product the practice is scoped to ("models *in* *Nimbus Assistant*"). Generic words (data,
information, content, services, models) are not a subject: "your data" says nothing about
which data, and such a statement keeps the practice-only identity.

Pure: takes a parsed sentence (spaCy `Span` or `Doc`) and returns lemmas.
"""

from __future__ import annotations

import re
from typing import Any

Token = Any  # spacy.tokens.Token

# Verbs that state each topic's practice; their objects and passive subjects are its subject.
PRACTICE_VERBS: dict[str, frozenset[str]] = {
    "training_use": frozenset(
        {"use", "train", "improve", "develop", "fine-tune", "finetune", "analyze", "analyse",
         "process", "leverage", "review", "evaluate"}
    ),
    "sharing": frozenset(
        {"share", "disclose", "transfer", "transmit", "send", "provide", "sell", "pass",
         "give", "forward", "receive", "access", "make", "route", "process"}
    ),
    "retention": frozenset(
        {"keep", "retain", "store", "hold", "log", "save", "preserve", "delete", "erase"}
    ),
}  # fmt: skip

# Words that name no particular data, feature or product (or that name the parties, which the
# recipient and actor fields carry). A subject made only of these is "unspecified".
GENERIC = frozenset(
    {
        "data", "datum", "information", "info", "content", "contents", "material", "materials",
        "service", "services", "product", "products", "model", "models", "ai", "thing",
        "things", "use", "usage", "purpose", "purposes", "way", "part", "party", "parties",
        "user", "users", "you", "we", "us", "account", "accounts", "personal", "such", "other",
        "certain", "any", "all", "some", "more", "type", "types", "kind", "kinds", "category",
        "categories", "example", "time", "case", "cases", "extent", "manner", "basis", "form",
        "feature", "features", "tool", "tools", "technology", "technologies", "system",
        "systems", "quality", "experience", "experiences", "offering", "offerings", "partner",
        "partners", "provider", "providers", "vendor", "vendors", "affiliate", "affiliates",
        "company", "companies", "customer", "customers", "business", "businesses", "third",
        "law", "laws", "right", "rights", "term", "terms", "policy", "agreement", "section",
        "platform", "platforms", "site", "sites", "website", "websites", "application",
        "applications", "app", "apps", "request", "requests", "order", "addition", "number",
        "end", "access", "activity", "activities", "interaction", "interactions", "research",
        "development", "safety", "security", "improvement", "improvements", "training",
        "performance", "functionality", "operation", "operations", "result", "results",
        "improving", "developing", "providing", "llm", "llms", "effort", "efforts", "measure", "measures",
        "step", "steps", "means", "care", "safeguard", "safeguards", "control", "controls",
    }
)  # fmt: skip

_DATA_WORDS = frozenset({"data", "datum", "information", "info", "content", "material"})
# Verbs whose object is what is built (a model, a service), not the data it is built from.
PRODUCING_VERBS = frozenset({"train", "improve", "develop", "fine-tune", "finetune", "evaluate"})
_OBJECT = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass", "iobj"})
_MODIFIERS = frozenset({"compound", "amod", "flat", "nmod", "nmod:poss", "appos", "conj"})
_SCOPE_PREPS = frozenset({"in", "from", "of", "for", "through", "via", "within", "on", "during"})


def case_of(tok: Token) -> str:
    """The preposition of a UD oblique or nominal modifier ("in" of "in Nimbus Assistant")."""
    return next((c.lower_ for c in tok.children if c.dep_ == "case"), "")


def _terms_of(head: Token, depth: int = 0) -> list[str]:
    """Lemmas of the specific nouns in the phrase headed by `head` (and its attached phrases)."""
    out: list[str] = []
    if head.pos_ in ("NOUN", "PROPN") or (depth == 0 and head.pos_ == "VERB"):
        out.append(head.lemma_.lower())  # a mis-tagged head noun ("recordings"/VERB) counts
    if depth > 3:
        return out
    data_word = head.lemma_.lower() in _DATA_WORDS
    for c in head.children:
        if c.dep_ in _MODIFIERS and c.pos_ in ("NOUN", "PROPN"):
            out.extend(_terms_of(c, depth + 1))
        elif c.dep_ == "amod" and c.pos_ == "ADJ" and data_word:
            out.append(c.lemma_.lower())  # "biometric data"; not "reasonable efforts"
        elif c.dep_ in ("nmod", "obl") and case_of(c) in _SCOPE_PREPS:
            out.extend(_terms_of(c, depth + 1))
        elif c.dep_ in ("acl", "xcomp") and c.tag_ == "VBN":
            # "screenshots captured during use", "data imported from your apps"
            out.extend(t for g in c.children if g.dep_ == "obl" and case_of(g) in _SOURCE_PREPS
                       for t in _terms_of(g, depth + 1))  # fmt: skip
    return out


_SOURCE_PREPS = frozenset({"from", "in", "through", "via", "with", "by"})


def _named(tok: Token) -> bool:
    return any(t.pos_ == "PROPN" for t in tok.subtree)


def _named_scope(head: Token) -> list[str]:
    """Named products attached to a noun: "models *in Nimbus Studio*"."""
    return [
        t
        for c in head.children
        if c.dep_ in ("nmod", "obl") and case_of(c) in ("in", "for", "within", "of") and _named(c)
        for t in _terms_of(c, 1)
    ]


def _scope_of(verb: Token) -> list[str]:
    """Named features or products the practice is scoped to: "train the models *in Nimbus Assistant*",
    "*for the Text Extraction feature*, screenshots are sent"; also the source of the data
    when the parse attaches it to the verb ("use data imported *from your connected apps*")."""
    out: list[str] = []
    for c in verb.children:
        if (
            c.dep_ == "obl"
            and case_of(c) in ("in", "for", "within", "through", "via")
            and _named(c)
        ):
            out.extend(_terms_of(c, 1))
        elif c.dep_ == "xcomp" and c.tag_ == "VBN":
            out.extend(t for g in c.children if g.dep_ == "obl" and case_of(g) in _SOURCE_PREPS
                       for t in _terms_of(g, 1))  # fmt: skip
    return out


def subject_terms(sentence: Any, topic: str) -> frozenset[str]:
    """The specific words of what the sentence's `topic` practice applies to (may be empty)."""
    verbs = PRACTICE_VERBS.get(topic, frozenset())
    terms: list[str] = []
    for tok in sentence:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in verbs:
            continue
        lemma = tok.lemma_.lower()
        for c in tok.children:
            if c.dep_ not in _OBJECT:
                continue
            if lemma in PRODUCING_VERBS and c.lemma_.lower() in GENERIC:
                # "train our speech models": the model trained is not the data used; the
                # product it belongs to is ("the models in Nimbus Studio")
                terms.extend(_named_scope(c))
                continue
            terms.extend(_terms_of(c))
        terms.extend(_scope_of(tok))
        # "train the models in Nimbus Assistant on your conversations": the practice's own object is
        # generic, the purpose verb's object carries the subject
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in verbs:
                for g in c.children:
                    if g.dep_ not in _OBJECT:
                        continue
                    if c.lemma_.lower() in PRODUCING_VERBS and g.lemma_.lower() in GENERIC:
                        terms.extend(_named_scope(g))
                    else:
                        terms.extend(_terms_of(g))
                terms.extend(_scope_of(c))
    return frozenset(t for t in terms if len(t) >= 3 and t.isalpha() and t not in GENERIC)


def phrase_of(sentence: Any, term: str) -> str:
    """The words that name `term` in the sentence: "Text Extraction features" for "extraction"."""
    for tok in sentence:
        if tok.lemma_.lower() == term:
            head = tok
            while head.dep_ in ("compound", "amod", "flat") and head.head.i != head.i:
                head = head.head
            words = [
                t.text
                for t in head.subtree
                if t.i == head.i
                or (t.i < head.i and t.dep_ in ("compound", "amod", "flat"))
                or (t.head.i == head.i and t.dep_ == "flat")
            ]  # fmt: skip ("La Quillette")
            return " ".join(words)
    return term


def known_to(term: str, text_lower: str) -> bool:
    """`text_lower` mentions `term` in some form ("query" in "queries", "screenshot" in
    "screenshots"): the stem before an inflected ending is enough."""
    stem = term if len(term) <= 4 else term[:-1]
    return re.search(rf"(?<![\w-]){re.escape(stem)}", text_lower) is not None
