"""Readings of the dependency parse that words in a row cannot give.

The topic rules find a practice from its words; this module checks, on the parse of the same
sentence (Universal Dependencies labels, the project's own pipeline), three things that word
windows get wrong:

- **negation scope** (`syntax.negation_scope`): a negator on a verb covers the verbs
  coordinated with it and the purposes it governs ("we do not use X to A, B or to sell it"
  denies the sale); a negated verb does not deny a later clause with its own subject ("we do
  not sell it, but we share it with partners" permits the sharing);
- **who acts** (`syntax.customer_acts`, `syntax.third_party_acts`): the agent of the training
  verb, followed through control ("allow us to use"), coordination, passives ("by"), relative
  clauses ("the partner, who may use it to improve its models");
- **source vs recipient** (`syntax.source_not_recipient`): a company the data comes *from*
  ("information we receive from partners", "partners share data with us") receives nothing.

Every function takes a parsed spaCy `Span` (one sentence) and is pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Token = Any  # spacy.tokens.Token (spaCy is imported lazily, by statements.nlp)

NEGATORS = frozenset({"not", "n't", "never", "no", "none", "neither", "nor"})

# Relations through which a verb inherits the negation of its head: coordinated predicates and
# purpose / control infinitives. Not relative clauses, complements of saying, or new sentences.
_INHERITS = frozenset({"conj", "xcomp", "advcl", "parataxis"})

PROVIDER_WORDS = frozenset({"we", "us", "our", "ours", "ourselves"})
CUSTOMER_WORDS = frozenset(
    {
        "you", "your", "yourself", "customer", "customers", "developer", "developers", "user",
        "users", "licensee", "licensees", "administrator", "administrators", "admin", "admins",
        "owner", "owners", "member", "members", "organization", "organisation", "business",
        "team", "employer", "school", "client", "clients", "subscriber", "subscribers",
    }
)  # fmt: skip
THIRD_PARTY_WORDS = frozenset(
    {
        "partner", "partners", "vendor", "vendors", "provider", "providers", "affiliate",
        "affiliates", "party", "parties", "processor", "processors", "subprocessor",
        "subprocessors", "sub-processor", "sub-processors", "maker", "makers", "developer's",
        "company", "companies", "supplier", "suppliers", "contractor", "contractors",
        "advertiser", "advertisers", "licensor", "licensors", "publisher", "publishers",
        "manufacturer", "manufacturers", "retailer", "retailers", "merchant", "merchants",
        # a provider's own document says "we": "they" is someone else (named before)
        "they", "them",
    }
)  # fmt: skip
PRONOUNS = frozenset({"they", "them", "it", "he", "she"})
RELATIVE = frozenset({"who", "which", "that", "whom"})


def _own_subject(v: Token) -> Token | None:
    return next((c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass", "expl")), None)


def _denied_here(v: Token) -> bool:
    """A negator on this predicate itself: "do not use", "never sell", "no data is sold"."""
    for c in v.children:
        low = c.lower_
        if c.dep_ in ("advmod", "neg", "det", "cc:preconj") and low in NEGATORS:
            if in_contact_relative(c):
                continue  # "sites we do not run", however the parse hangs the sentence on it
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if low == "no" and nxt is not None and nxt.lower_ == "longer":
                continue  # "may no longer be used to identify you": a state, not a denial
            if low == "not" and nxt is not None and nxt.lower_ == "only":
                continue  # "we not only store it but also use it": additive, not a denial
            return True
        # "no personal data is sold", "none of your data is sold"
        if c.dep_ in ("nsubj", "nsubj:pass", "obj") and (
            low in ("none", "nothing", "neither")
            or any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
        ):
            return True
    return False


def predicate_of(tok: Token) -> Token:
    """The verb a nominal anchor belongs to: "the sale of data" in "we do not engage in the sale".

    Only two steps up, and only through the arguments of a verb ("engage in the sale", "the
    sale of your data is prohibited"): a noun deep inside another noun phrase ("the handling
    of your inputs, including for use in their training") belongs to no verb of its own.
    """
    for _ in range(2):
        if tok.pos_ not in ("NOUN", "PROPN"):
            return tok
        if tok.dep_ in ("obj", "obl", "nsubj:pass", "nsubj") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head
        if tok.dep_ == "nmod" and tok.head.pos_ == "NOUN":
            tok = tok.head
            continue
        return tok
    return tok


def is_predicate(tok: Token) -> bool:
    """A verb that states something, not a modifier ("the fine-tuned model")."""
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound", "nmod")


def negation_reading(tok: Token) -> str:
    """ "denied" | "affirmed" | "plain" for what `tok` states.

    denied: a negator covers it ("we never sell or rent", "we do not use X to train");
    affirmed: it is a new clause after a denied one ("we do not sell it, but we share it");
    plain: no negator reaches it (which proves nothing: "only to provide the service" limits
    without one).
    """
    v = predicate_of(tok)
    for _ in range(6):
        if _denied_here(v):
            # "if you do not want us to use it": the negator is inside a condition
            return "plain" if any(_is_condition_mark(c) for c in v.children) else "denied"
        if (
            v.dep_ == "acl"
            and v.head.pos_ in ("NOUN", "PROPN")
            # (on a subject, the relative is not what the main verb denies: "information
            # provided to third parties will not be retrieved")
            and v.head.dep_ not in ("nsubj", "nsubj:pass")
            and (
                v.tag_ in ("VBG", "VBN")
                or any(c.dep_ == "mark" and c.lower_ == "to" for c in v.children)
            )
        ):
            # a reduced or infinitival relative takes no purpose of its own: in "we do not use
            # information resulting from your prompts to improve our models" (or "information
            # to build profiles") the purpose is the use's
            v = predicate_of(v.head)
            continue
        if v.dep_ not in _INHERITS or v.head.i == v.i:
            return "plain"
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in _VOLITION:
            return "plain"  # not wanting or choosing something is no denial of it
        if v.dep_ == "conj":
            contrast = next(
                (c for c in v.children if c.dep_ == "cc" and c.lower_ in ("but", "yet")), None
            )
            if contrast is not None and _own_subject(v) is not None:
                # "we do not sell it, but we share it": affirmed, unless the new clause has a
                # negator of its own anywhere before the anchor
                between = tok.doc[contrast.i : max(tok.i, v.i) + 1]
                if any(t.lower_ in NEGATORS for t in between):
                    return "plain"
                return "affirmed" if is_negated(v.head) else "plain"
            if _own_subject(v) is not None:
                return "plain"
        elif v.dep_ in ("advcl", "parataxis") and not any(
            c.dep_ == "mark" and c.lower_ in ("to", "for") for c in v.children
        ):
            return "plain"  # "we do not share it unless you ask": the condition is not denied
        v = v.head
    return "plain"


_VOLITION = frozenset({"want", "wish", "like", "choose", "decide", "prefer", "intend", "plan"})


def _is_condition_mark(tok: Token) -> bool:
    return tok.dep_ == "mark" and tok.lower_ in ("if", "unless", "whether", "when", "where")


# Clauses that say something of their own inside a sentence: a negator in one of them denies
# that clause, not the practice around it ("sites we do not run", "when you are not signed in")
_SUBORDINATE = frozenset({"acl:relcl", "acl", "advcl", "csubj"})
# words that deny without a negator: the word rules read them too, so they keep the denial
_DENYING_WORDS = frozenset({"exclude", "prohibit", "forbid", "refrain", "restrict", "prevent"})


_CONTACT_SUBJECTS = frozenset({"we", "they", "you", "it", "he", "she", "i"})
_CONDITION_WORDS = frozenset(
    {"if", "when", "unless", "where", "while", "because", "once", "after", "before", "as"}
)


def in_contact_relative(n: Token) -> bool:
    return contact_relative_end(n) is not None


def contact_relative_end(n: Token) -> int | None:
    """Where the relative clause with no relative word that holds the negator `n` ends (the
    index after its verbs), or None when `n` is in no such clause.

    "including searches on websites Acme does not own or operate, to improve ...", "pages on
    sites we do not run": noun, subject, auxiliary, negator, a verb whose object is the noun
    (nothing follows it but a conjoined verb, punctuation or a purpose). The parse often takes
    such a verb for the main one. Read from the words, with guards against the two shapes that
    look alike: a fronted object ("Your chats we do not use", no verb before the noun) and a
    condition without its comma ("if you use the team plan we do not train").
    """
    doc = n.doc
    if n.lower_ not in ("not", "n't", "never"):
        return None
    j = n.i - 1
    if n.lower_ != "never" or (j >= 0 and doc[j].pos_ == "AUX"):
        if j < 0 or doc[j].pos_ != "AUX":
            return None
        j -= 1
    # the subject: a pronoun, or a capitalised name of up to three words
    if j < 0:
        return None
    if doc[j].lower_ in _CONTACT_SUBJECTS:
        j -= 1
    else:
        k = j
        while k >= 0 and j - k < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k -= 1
        if k == j:
            return None
        j = k
    if j < 0:
        return None
    noun = doc[j]
    if noun.pos_ not in ("NOUN", "PROPN") or not noun.tag_.startswith("NN") or not noun.is_lower:
        return None
    start = noun.sent.start
    before = doc[start : noun.i]
    if not any(t.pos_ == "VERB" for t in before) or any(
        t.lower_ in _CONDITION_WORDS for t in before
    ):
        return None
    # the gap: after the verb (and verbs coordinated with it) no object
    k = n.i + 1
    if k >= len(doc) or doc[k].pos_ != "VERB":
        return None
    k += 1
    while k + 1 < len(doc) and doc[k].pos_ == "CCONJ" and doc[k + 1].pos_ == "VERB":
        k += 2
    if k >= len(doc) or k >= noun.sent.end:
        return k
    nxt = doc[k]
    return k if nxt.pos_ == "PUNCT" or (nxt.lower_ == "to" and nxt.pos_ == "PART") else None


def negation_elsewhere(sent: Any, anchors: list[Token]) -> bool:
    """Every negator before the practice sits in a clause of its own that does not hold it.

    "Acme uses searches on sites Acme does not operate to improve its services", "when you
    have not signed in, Acme shares ...": the relative or adverbial clause is denied, the
    practice is not. False when any negator is in the main clause, or in a clause that holds
    one of the `anchors` (where it may deny the practice), or when a word of denial other
    than a negator ("excluded from training") is in the sentence.
    """
    if not anchors or any(t.lemma_.lower() in _DENYING_WORDS for t in sent):
        return False
    last = max(a.i for a in anchors)
    negators = [t for t in sent if t.i < last and (t.lower_ in NEGATORS or t.lower_ == "without")]
    if not negators:
        return False
    for n in negators:
        rel_end = contact_relative_end(n)
        if rel_end is not None and not any(n.i < a.i < rel_end for a in anchors):
            continue
        clause = n
        # (tokens are made anew at each access: compare positions, never identity)
        while clause.dep_ not in _SUBORDINATE and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ not in _SUBORDINATE:
            return False  # a negator of the main clause
        if any(clause.left_edge.i <= a.i <= clause.right_edge.i for a in anchors):
            return False  # the clause holds the practice: it may deny it
    return True


def is_negated(tok: Token) -> bool:
    """Is what `tok` states denied, by a negator on it or on the predicate it is part of?"""
    return negation_reading(tok) == "denied"


def _antecedent(rel: Token) -> Token | None:
    """The noun a relative pronoun stands for: its clause's head, or the noun just before it."""
    v = rel.head
    if v.dep_ in ("acl:relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
        return v.head
    for t in reversed(list(rel.doc[rel.sent.start : rel.i])):
        if t.pos_ in ("NOUN", "PROPN"):
            return t
        if t.pos_ not in ("PUNCT", "DET", "ADJ"):
            break
    return None


# Verbs whose object performs the infinitive: "allow us to use", "want us to train".
_OBJECT_CONTROL = frozenset(
    {
        "allow", "let", "permit", "enable", "authorize", "authorise", "help", "ask", "want",
        "instruct", "require", "direct", "wish", "expect",
    }
)  # fmt: skip

# Verbs whose purpose infinitive shares their agent: "X uses Y to train" -> X trains.
_USE_VERBS = frozenset(
    {
        "use", "apply", "employ", "leverage", "process", "analyze", "analyse", "utilize",
        "review", "store", "collect", "keep", "retain", "access", "receive", "obtain",
    }
)  # fmt: skip


# Verbs of training and building models: coordinated with one another they share a subject.
_MAKING_VERBS = frozenset(
    {"train", "retrain", "fine-tune", "tune", "develop", "improve", "build", "enhance",
     "customize", "customise", "create", "collect", "store", "analyze", "analyse"}
)  # fmt: skip


def agent_of(v: Token) -> Token | None:
    """Who performs the verb `v`, or None when the parse does not say.

    Its own subject (a relative pronoun stands for its antecedent), the "by" agent of a
    passive, the object of a control verb ("allow us to use"), the agent of a verb of using
    whose purpose it is ("you may use outputs to develop models"), or the subject shared by
    coordinated verbs. Nothing further up: the subject of "you grant us a right to use ..."
    grants, it does not use.
    """
    for _ in range(3):
        # the subject nearest before the verb: a fronted topic ("Your employer - ... we may
        # share") is sometimes parsed as a second subject
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        before = [c for c in subjects if c.i < v.i]
        subj = before[-1] if before else (subjects[0] if subjects else None)
        if subj is not None:
            return (_antecedent(subj) or subj) if subj.lower_ in RELATIVE else subj
        for c in v.children:
            if c.dep_ in ("obl:agent", "obl") and any(
                g.dep_ == "case" and g.lower_ == "by" for g in c.children
            ):
                return c
        if any(c.dep_ == "nsubj:pass" for c in v.children):
            return None  # a passive with no agent: unstated
        head = v.head
        if head.i == v.i:
            return None
        if v.dep_ == "conj" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "when") for c in head.children
        ):
            # "if you access X or share Y": verbs coordinated inside one condition share its
            # subject (the guard below is for purposes misattached to a condition)
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
        if any(
            c.dep_ == "mark" and c.lower_ in ("if", "when", "unless", "whether")
            for c in head.children
        ):
            return None  # "if you use the free plan, to improve our models": a misattached purpose
        if v.dep_ == "acl:relcl" and head.pos_ in ("NOUN", "PROPN"):
            return None  # "the data that you provide": the relative clause has its own subject
        if (
            v.dep_ == "acl"
            and head.dep_ in ("obj", "obl")
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in v.children)
        ):
            # "train on your inputs for improving their own models": a purpose the parse hung
            # on the verb's object belongs to the verb, and so does its agent
            v = head.head
            continue
        if v.dep_ in ("xcomp", "advcl"):
            obj = next((c for c in head.children if c.dep_ in ("obj", "iobj")), None)
            if head.lemma_.lower() in _OBJECT_CONTROL:
                if obj is None:
                    # "they are permitted to use it": the passive's subject is the one allowed
                    return next((c for c in head.children if c.dep_ == "nsubj:pass"), None)
                return obj
            if head.lemma_.lower() not in _USE_VERBS:
                return None
        elif v.dep_ != "conj" or (
            head.lemma_.lower() not in _USE_VERBS | _MAKING_VERBS | _GIVING and not _purpose(head)
        ):
            # coordinated with a verb of another kind: "grant ... and develop" (purposes
            # coordinated under one "to" share their agent: "to repair or improve", and so do
            # verbs of giving: "you may share X or send Y")
            return None
        v = head
    return None


def _purpose(v: Token) -> bool:
    """A purpose infinitive: "(use it) to repair ...", "(permitted) to use ..."."""
    return v.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "mark" and c.lower_ == "to" for c in v.children
    )


def actor_kind(tok: Token | None) -> str:
    """provider | customer | third_party for an agent token (provider when unstated)."""
    if tok is None:
        return "provider"
    low = tok.lower_
    if low in PROVIDER_WORDS:
        return "provider"
    if low in CUSTOMER_WORDS:
        return "customer"
    if low in THIRD_PARTY_WORDS or tok.lemma_.lower() in THIRD_PARTY_WORDS:
        # "our service providers" act for us only when they use data *for us*; as agents of a
        # training verb they train their own models
        return "third_party"
    return "provider"


def noun_phrase(tok: Token) -> str:
    """The words of a noun's phrase without determiners and relative clauses: "model provider"."""
    keep = [
        t
        for t in tok.subtree
        if t.i <= tok.i and t.dep_ in ("compound", "amod", "flat") or t.i == tok.i
    ]
    return " ".join(t.text for t in keep)


def anchors(sent: Any, lemmas: Iterable[str]) -> list[Token]:
    """Tokens of the sentence whose lemma (or lower form) is one of `lemmas`."""
    want = set(lemmas)
    return [t for t in sent if t.lemma_.lower() in want or t.lower_ in want]


_GIVING = frozenset(
    {"share", "provide", "give", "send", "disclose", "transfer", "supply", "pass", "sell"}
)


# The roles in which a company named near a sharing verb is where the data comes from.
_GIVING_NOUNS = frozenset({"transfer", "provision", "disclosure", "transmission", "submission"})


def is_source(tok: Token) -> bool:
    """The data comes from `tok`: "from our partners", "partners share data with us".

    A noun inside a "from" phrase counts too: "information from third parties, including our
    business partners" (through apposition, coordination, "such as" and compounds).
    """
    t = tok
    for _ in range(4):
        if any(c.dep_ == "case" and c.lower_ == "from" for c in t.children):
            return True
        if t.dep_ not in ("conj", "appos", "compound", "nmod", "flat") or t.head is t:
            break
        if t.dep_ == "nmod" and not any(
            c.dep_ == "case" and c.lower_ in ("including", "as", "like") for c in t.children
        ):
            break  # "partners of ours" is still the partner; "data of partners" is not a source
        t = t.head
    head = tok.head
    # (a "by" agent is left alone: "shared with us by partners" gives, but "processed by those
    # third parties" receives, and a misattached "by" phrase would drop a real disclosure)
    if tok.dep_ == "conj":
        return is_source(head)
    if (
        tok.dep_ == "nsubj"
        and head.dep_ in ("acl:relcl", "acl")
        and head.head.lemma_.lower() in _GIVING_NOUNS
    ):
        return True  # "a transfer that we or a third party make": the maker gives the data
    if tok.dep_ == "nsubj" and head.pos_ == "VERB":
        # the subject of a giving verb whose recipient is us: "partners share data with us"
        to_us = any(
            c.dep_ in ("obl", "iobj", "obj") and c.lower_ in ("us", "we") for c in head.children
        )
        return to_us and head.lemma_.lower() in _GIVING
    return False


# Verbs of choosing and controlling: their subject decides about the data, it does not get it.
_CHOOSING = frozenset(
    {
        "opt", "choose", "decide", "control", "turn", "disable", "enable", "manage", "configure",
        "request", "ask", "consent", "agree", "elect", "select", "object", "withdraw", "delete",
    }
)  # fmt: skip


def has_predicate(doc: Any) -> bool:
    """Does the text have a main verb (or a copula), or is it a heading-like noun phrase?

    "Data we use to provide and improve the Services:" has a verb only inside a relative
    clause: it names a topic and states nothing.
    """
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for r in roots:
        if r.pos_ in ("VERB", "AUX") or any(
            c.dep_ in ("cop", "aux", "aux:pass") for c in r.children
        ):
            return True
    # a run-in heading ("With business partners: we may share ..."): any verb with its own
    # subject that is not a relative clause states something
    return any(
        t.pos_ in ("VERB", "AUX")
        and t.dep_ not in ("acl:relcl", "acl")
        and any(c.dep_ in ("nsubj", "nsubj:pass") for c in t.children)
        for t in doc
    )


def is_chooser(tok: Token) -> bool:
    """ "unless an administrator opts out": the subject of a choice, not a recipient."""
    while tok.dep_ == "compound":
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubj:pass") and tok.head.lemma_.lower() in _CHOOSING
