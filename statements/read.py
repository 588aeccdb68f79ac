"""From a clause to its statements: topic rules first, then the parse corrects their reading.

    read_clauses(items) -> list[Reading]      # batch: one nlp.pipe over the sentences to check
    read_clause(text, context="", kind="sentence") -> Reading

The topic rules (`statements.facts`) decide whether a clause states a practice and which; only
clauses that do go through the parser, so most of a document costs nothing. The parse then
corrects what word windows misread (`statements.syntax`): a denied sale, the customer's own
fine-tuning, a partner who is the source of the data, a third party that will train on what it
receives. Each correction adds its rule id to the statement it changed.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from . import syntax
from .convert import statement_key, statements_from_facts
from .facts import extract_facts, no_practice_reason
from .lemmas import lemmatize
from .lexicon import MODEL_WORDS
from .model import Recipient, Statement

# anchor words per action: the tokens whose negation or agent the parse checks
_ANCHORS: dict[str, tuple[str, ...]] = {
    "sell": ("sell", "sale", "rent", "sold"),
    "train": (
        "train",
        "training",
        "fine-tune",
        "fine-tuning",
        "fine-tuned",
        "tune",
        "retrain",
        "learn",
        "develop",
        "build",
        "improve",
        "enhance",
    ),
    "improve": ("improve", "develop", "enhance", "better"),
    "disclose": (
        "share",
        "disclose",
        "disclosure",
        "transfer",
        "provide",
        "send",
        "pass",
        "give",
        "transmit",
        "report",
        "make",
        "receive",
        "sell",
        "rent",
    ),  # fmt: skip
}

# the words that name each recipient category in running text (for source vs recipient)
_CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "affiliates": frozenset({"affiliate", "affiliates", "subsidiary", "subsidiaries"}),
    # (the words of statements.lexicon.RECIPIENTS["partners"]: resellers and distributors too)
    "partners": frozenset(
        {"partner", "partners", "reseller", "resellers", "distributor", "distributors"}
    ),
    "advertisers": frozenset({"advertiser", "advertisers"}),
    # (an "advertising partner" is an advertiser: its head word is "partner")
    "service_providers": frozenset(
        {
            "vendor",
            "vendors",
            "provider",
            "providers",
            "processor",
            "processors",
            "contractor",
            "contractors",
            "supplier",
            "suppliers",
            "subprocessor",
            "subprocessors",
        }
    ),  # fmt: skip
    "third_parties": frozenset({"party", "parties"}),
    "organization": frozenset(
        {
            "administrator",
            "administrators",
            "admin",
            "admins",
            "employer",
            "organization",
            "organisation",
            "owner",
        }
    ),  # fmt: skip
}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one clause states: the rules' facts (per topic) and the typed statements."""

    text: str
    facts: dict[str, Any]
    statements: tuple[Statement, ...]
    reason: str = ""  # why the clause states no practice, when it states none


def read_clause(text: str, context: str = "", kind: str = "sentence") -> Reading:
    return read_clauses([(text, context, kind)], reasons=True)[0]


def read_clauses(items: Iterable[tuple[str, str, str]], reasons: bool = False) -> list[Reading]:
    """Readings of (text, context, kind) clauses; the parser runs once over those to check.

    `reasons`: also say why a clause states no practice (for `explain`; document analysis
    skips it, as it would read every such clause a second time).
    """
    items = list(items)
    first: list[tuple[dict[str, Any], tuple[Statement, ...]]] = []
    for text, context, kind in items:
        facts = extract_facts(text, lemmatize(text), context, kind)
        first.append((facts, statements_from_facts(facts, text)))
    # only clauses with a reading the parse can correct go through the parser; a clause of
    # several sentences (a list item) is parsed sentence by sentence, each statement on the
    # sentence that states it on its own
    plans: dict[int, list[tuple[Statement, str | None]]] = {}
    for i, (_, st) in enumerate(first):
        if not any(_checkable(s, items[i][0]) for s in st):
            continue
        text, context, kind = items[i]
        sentences = split_sentences(text)
        if len(sentences) == 1:
            plans[i] = [(s, text) for s in st]
            continue
        keys = [
            {statement_key(x) for x in statements_from_facts(
                extract_facts(t, lemmatize(t), context, kind), t)}
            for t in sentences
        ]  # fmt: skip
        plans[i] = [
            (s, next((t for t, k in zip(sentences, keys) if statement_key(s) in k), None))
            for s in st
        ]
    wanted = list(dict.fromkeys(t for plan in plans.values() for _, t in plan if t))
    parsed = dict(zip(wanted, _parse(wanted), strict=True)) if wanted else {}
    out = []
    for i, (text, context, kind) in enumerate(items):
        facts, stmts = first[i]
        reason = ""
        plan = plans.get(i)
        if plan is not None:
            if kind == "sentence" and text in parsed and _is_heading(parsed[text]):
                stmts, reason = (), "a heading or lead-in: it names a topic and states nothing"
            elif len(plan) and all(t == text for _, t in plan):
                stmts = correct(stmts, parsed[text], lead_agent(text, context, kind))
            else:
                fixed: list[Statement] = []
                for s, t in plan:
                    agent = lead_agent(t, context, kind) if t else None
                    fixed.extend(correct((s,), parsed[t], agent) if t else (s,))
                stmts = tuple(dict.fromkeys(fixed))
            facts = _facts_of(facts, stmts)
        if reasons and not stmts and not reason:
            reason = no_practice_reason(text, lemmatize(text), context, kind) or (
                # the word rules matched, the parse took every reading back
                "the words name a practice, but the sentence does not state it: the parse shows"
                " the data's source, a liability, a model's name or the customer's own act"
            )
        out.append(Reading(text, facts, stmts, reason))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of a clause (list items hold several): split after . ! ? before a capital."""
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        end = m.start() + 1
        if text[end : end + 1] in '"”’)':
            end += 1
        out.append(text[start:end].strip())
        start = end
    out.append(text[start:].strip())
    return [t for t in out if t]


def _checkable(s: Statement, text: str = "") -> bool:
    """Does `correct` read this statement on the parse? (Retention and named lists: no, but
    for a promise not to store made in a relative clause, which may be another party's.)"""
    if s.topic == "retention":
        return "retention.not_stored" in s.rule_ids and bool(_RELATIVE_DENIAL.search(text))
    return s.topic == "training_use" or bool(
        {"sharing.sale", "sharing.recipient_category", "sharing.public"} & set(s.rule_ids)
    )


# ", which does not store ...", "that never logs ...": a denial whose subject is a relative
_RELATIVE_DENIAL = re.compile(
    r"\b(?:which|that|who)\s+(?:\w+\s+)?(?:does|do|will|shall|can)?\s*(?:not|never)\s+"
    r"(?:\w+\s+)?(?:store|keep|retain|save|log|hold)",
    re.IGNORECASE,
)


# Sentence -> its parse, least recently used first. A parsed sentence takes ~31 KB (1,068 of
# them: 33 MB on the labeled history), so the cache is bounded by count, and it keeps the
# sentences still in use: on a large collection 20,000 of them were ~600 MB before a clear.
_PARSE_CACHE: OrderedDict[str, Any] = OrderedDict()
_PARSE_CACHE_MAX = 2_000


_STATS = {"lookups": 0, "hits": 0, "parsed": 0, "words": 0, "seconds": 0.0}


def _parse(texts: list[str]) -> list[Any]:
    from .nlp import parse

    got: dict[str, Any] = {}
    for t in dict.fromkeys(texts):
        if t in _PARSE_CACHE:
            _PARSE_CACHE.move_to_end(t)
            got[t] = _PARSE_CACHE[t]
    missing = [t for t in dict.fromkeys(texts) if t not in got]
    _STATS["lookups"] += len(texts)
    _STATS["hits"] += len(texts) - len(missing)
    if missing:
        start = time.perf_counter()
        docs = parse(missing)
        _STATS["seconds"] += time.perf_counter() - start
        _STATS["parsed"] += len(missing)
        _STATS["words"] += sum(len(d) for d in docs)
        for t, doc in zip(missing, docs, strict=True):
            got[t] = _PARSE_CACHE[t] = doc
        while len(_PARSE_CACHE) > _PARSE_CACHE_MAX:
            _PARSE_CACHE.popitem(last=False)
    return [got[t] for t in texts]


def parse_texts(texts: list[str]) -> list[Any]:
    """Parsed docs of `texts` through the same cache as the reading (for the comparison)."""
    return _parse(texts)


def parse_stats() -> dict[str, float]:
    """Parser work since the process started: sentences and words parsed, words/s, hit rate."""
    s = dict(_STATS)
    s["words_per_second"] = s["words"] / s["seconds"] if s["seconds"] else 0.0
    s["hit_rate"] = s["hits"] / s["lookups"] if s["lookups"] else 0.0
    return s


def parse_summary() -> str:
    s = parse_stats()
    return (
        f"parser: {int(s['parsed'])} sentences, {int(s['words'])} words in {s['seconds']:.1f} s "
        f"({s['words_per_second']:,.0f} words/s); sentence cache hit rate {s['hit_rate']:.0%}"
    )


# --------------------------------------------------------------------------- corrections


# The subject of a lead-in that a list item completes: "We use your data to:" (the provider),
# "With this feature, you can:" (the user). A lead-in that is itself a bare verb phrase
# ("Provide the chat service:") names one of the provider's purposes.
_LEAD_SUBJECT = re.compile(
    r"\b(we|you)\b(?: [\w’'-]+){0,8}? (?:to|may|can|will|might|could|shall|must|also)\W*:\W*$",
    re.IGNORECASE,
)
_LEAD_PURPOSE = re.compile(
    r"^\W*(?:provide|operate|run|deliver|offer|improve|maintain|manage|support|create"
    r"|administer)\b[^.:]{0,80}:\W*$",
    re.IGNORECASE,
)
# an item that opens on a bare verb of giving, after at most one opening phrase
_BARE_GIVING = re.compile(
    r"^\W*(?:[^,.;]{0,60},\s*)?(?:share|send|disclose|transfer|pass|provide|make|display"
    r"|publish|post)\b",
    re.IGNORECASE,
)


def lead_agent(text: str, context: str, kind: str) -> str | None:
    """Who acts in a list item that opens on a bare verb of giving and completes its lead-in
    ("We use your data to: - share it with our processors"): "provider", "user", or None
    when the item has its own subject or the lead-in names none. The parse of such an item
    alone guesses its subject from whatever pronoun it holds ("Depending on the feature You
    use, share ...": You)."""
    if kind != "item" or not _BARE_GIVING.match(text):
        return None
    lead = context.rsplit(" > ", 1)[-1]
    m = _LEAD_SUBJECT.search(lead)
    if m:
        return "user" if m.group(1).lower() == "you" else "provider"
    return "provider" if _LEAD_PURPOSE.match(lead) else None


def correct(
    statements: tuple[Statement, ...], doc: Any, agent: str | None = None
) -> tuple[Statement, ...]:
    """The statements of one sentence as its parse reads them (dropped, re-polarized, given
    their actor). `read_clauses` cuts list items into sentences first. `agent`: who acts in
    an item that completes its lead-in (`lead_agent`), when the lead-in says."""
    out: list[Statement] = []
    for s in statements:
        s = _negation(s, doc)
        if s.topic == "training_use":
            if s.action == "train" and _names_training_only(doc):
                continue
            got = _actor(s, doc)
            if got is None:
                continue
            s = got
            if s.actor == "third_party":
                out.extend(_third_party_sharing(s, doc, statements))
        elif s.topic == "retention" and s.action == "keep" and s.polarity == "permitted":
            s = _keeper(s, doc)
        elif s.topic == "retention" and "retention.not_stored" in s.rule_ids:
            s = _party_denies_keeping(s, doc)
        elif (
            s.topic == "sharing"
            and "sharing.recipient_category" in s.rule_ids
            and (
                _only_source(s, doc)
                or (any(x.action == "sell" for x in statements) and _only_sold_to(s, doc))
                # "- Maintaining legal and regulatory compliance." in a list of purposes of use:
                # a label with no verb of giving discloses nothing
                or (_purpose_label(doc) and not _giving_verbs(doc))
                # "you give us permission to access your data from that service": every
                # giving verb gives to the provider, so the data flows in, not out
                or _all_given_to_us(doc)
                # "information provided to third parties will not be retrieved": the sharing
                # names the data; what the sentence states is done to it
                or _only_presupposed(doc)
            )
        ):
            continue
        elif (
            s.topic == "sharing"
            and {"sharing.recipient_category", "sharing.public"} & set(s.rule_ids)
            and (agent == "user" or (agent is None and _user_shares(doc)))
        ):
            # the service lets the user share: a data flow worth knowing, worded as the user's
            s = _with_rule(s, "syntax.user_acts", actor="user")
        out.append(s)
    return tuple(dict.fromkeys(out))


_WH_HEADING = re.compile(r"^\W*(?:how|what|why|when|where|who|which|whom)\b", re.IGNORECASE)


def _is_heading(doc: Any) -> bool:
    """A heading: a noun phrase with no main verb ("Data we use to improve the Services:"), or
    a wh-clause with no sentence end ("How we use your data to train models")."""
    text = doc.text.rstrip()
    if _purpose_label(doc):
        return True
    unfinished = not text or text[-1] == ":" or text[-1].isalnum()
    if not unfinished:
        return False
    # "Data we use to improve the Services:": a fronted object before its verb, as headings
    # and lead-ins name their topic ("Information we share:")
    first = next((t for t in doc if not t.is_punct), None)
    fronted = (
        first is not None
        and first.pos_ in ("NOUN", "PROPN")
        and first.dep_ in ("obj", "obl", "dep")
        and first.head.i > first.i
    )
    return not syntax.has_predicate(doc) or bool(_WH_HEADING.match(text)) or fronted


def _purpose_label(doc: Any) -> bool:
    """A short gerund phrase with no subject or auxiliary is a label, with or without a full
    stop ("Maintaining legal and regulatory compliance.", "Sharing with law enforcement."):
    it names a purpose or a section and says nothing of who does what."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    words = [t for t in doc if not t.is_punct]
    return (
        root is not None
        and root.tag_ == "VBG"
        and root.i == words[0].i
        and len(words) <= 8
        and not any(
            c.dep_ in ("nsubj", "nsubj:pass", "aux", "aux:pass", "cop") for c in root.children
        )
    )


def _giving_verbs(doc: Any) -> list[Any]:
    return [a for a in syntax.anchors(doc, _ANCHORS["disclose"]) if a.pos_ in ("VERB", "AUX")]


def _all_given_to_us(doc: Any) -> bool:
    """Every verb of giving has the provider as its receiver ("you give us", "provide to us")."""
    verbs = _giving_verbs(doc)
    return bool(verbs) and all(
        any(
            c.lower_ == "us"
            and (c.dep_ == "iobj" or any(g.lower_ == "to" for g in c.children if g.dep_ == "case"))
            for c in v.children
        )
        for v in verbs
    )


def _only_presupposed(doc: Any) -> bool:
    """Every verb of giving is a reduced relative ("provided to ...", "disclosed to ...") on
    the subject of a main verb that gives nothing, or on a noun of a label with no verb of its
    own ("Privacy contact: the email address provided to the reseller"), or a relative on what
    the provider answers for ("we are responsible for the data we transfer to vendors")."""
    verbs = _giving_verbs(doc)
    # a label ("Privacy contact:") and then a noun phrase, with no verb of the sentence's own
    colon = next((t.i for t in doc if t.text == ":"), None)
    verbless = (
        colon is not None
        and not any(t.tag_ in _FINITE for t in doc)
        and not any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc)
    )
    return bool(verbs) and all(
        (
            v.dep_ == "acl"
            and v.tag_ in ("VBN", "VBG")
            and (
                (verbless and v.head.i > colon)
                or (
                    v.head.dep_ in ("nsubj", "nsubj:pass")
                    and v.head.head.lemma_.lower() not in _ANCHORS["disclose"]
                )
            )
        )
        or _answered_for(v)
        for v in verbs
    )


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


_ANSWERING = frozenset({"responsible", "liable", "accountable", "responsibility", "liability"})


def _answered_for(v: Any) -> bool:
    """`v` is a relative on a noun the sentence answers for: "responsible for (the processing
    of) the data that we transfer"."""
    if v.dep_ not in ("acl:relcl", "acl"):
        return False
    node = v.head
    for _ in range(5):  # up through "the processing of the data (we receive) and ... the data"
        if node.dep_ in ("obl", "nmod") and node.head.lemma_.lower() in _ANSWERING:
            return any(c.dep_ == "case" and c.lower_ == "for" for c in node.children)
        if node.dep_ not in ("conj", "nmod", "obl", "acl:relcl") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _user_shares(doc: Any) -> bool:
    """Every sharing verb of the text has the user as its agent: "you may share a link to
    your chat with other users" is the user's act, not a disclosure by the provider."""
    verbs = [a for a in syntax.anchors(doc, ("share", "send", "disclose", "publish", "post",
                                              "display", "make"))
             if syntax.is_predicate(a)]  # fmt: skip
    agents = [syntax.agent_of(v) for v in verbs]
    return bool(verbs) and all(
        g is not None and g.lower_ in ("you", "user", "users") for g in agents
    )


def _with_rule(s: Statement, rule: str, **changes: Any) -> Statement:
    return replace(s, rule_ids=(*s.rule_ids, rule), **changes)


def _negation(s: Statement, doc: Any) -> Statement:
    """Correct the polarity where the parse sees the negation scope the word rules missed.

    Only two moves: a negator that covers the statement's verb ("we do not use X to A, B or
    to sell it") makes it prohibited, and a new clause after a denied one ("we do not sell it,
    but we share it") makes it permitted. A verb no negator reaches proves nothing ("only
    used to provide the service" limits without a negator), so it never lifts a prohibition.
    """
    if s.action not in _ANCHORS or (
        s.topic == "sharing"
        and not ({"sharing.sale", "sharing.recipient_category"} & set(s.rule_ids))
    ):
        return s
    found = [
        a
        for a in syntax.anchors(doc, _ANCHORS[s.action])
        if syntax.is_predicate(a) or (s.action == "sell" and a.pos_ == "NOUN")
    ]
    if s.action == "disclose":
        named = _mentions(s, doc)
        if named and all(_carved_out(t) for t in named):
            # "we do not share it ..., except with service providers": they get it
            if s.polarity == "prohibited":
                return _with_rule(s, "syntax.negation_scope", polarity="permitted")
            return s
        # the verbs that govern the recipient, when the parse shows them: "we do not sell it,
        # but we share it with partners" is read at "share", not at "sell"
        governing = {syntax.predicate_of(t).i for t in named}
        found = [a for a in found if a.i in governing] or found
    if not found:
        return s
    verdicts = {syntax.negation_reading(a) for a in found}
    if (
        s.topic == "training_use"
        and s.condition == "opt_out"
        and any(_opt_out_condition(syntax.predicate_of(a)) for a in found)
    ):
        return s  # "if you turn it off, chats will not be used": denied only after opting out
    if verdicts == {"denied"} and s.polarity == "permitted":
        return _with_rule(s, "syntax.negation_scope", polarity="prohibited")
    if verdicts == {"affirmed"} and s.polarity == "prohibited":
        return _with_rule(s, "syntax.negation_scope", polarity="permitted")
    if (
        verdicts == {"plain"}
        and s.polarity == "prohibited"
        and syntax.negation_elsewhere(doc, found)
    ):
        # the word rules saw a negator of a relative or adverbial clause ("sites we do not run")
        return _with_rule(s, "syntax.negation_elsewhere", polarity="permitted")
    return s


_OPTING_OUT = frozenset({"opt", "disable", "object", "withdraw", "deactivate"})


def _opt_out_condition(v: Any) -> bool:
    """`v` (or the verb it is the purpose of) has a condition whose verb is an opt-out ("if
    you opt out, chats will not be used to train", "once you turn off X")."""
    heads = [v] + ([v.head] if v.dep_ in ("xcomp", "advcl") and v.head.i != v.i else [])
    for c in (c for h in heads for c in h.children):
        if c.dep_ != "advcl" or not any(
            m.dep_ == "mark" and m.lower_ in ("if", "when", "once", "after") for m in c.children
        ):
            continue
        if c.lemma_.lower() in _OPTING_OUT or (
            c.lemma_.lower() == "turn" and any(p.lower_ == "off" for p in c.children)
        ):
            return True
    return False


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z(]")


# Fine-tuning one model ("fine-tune the model you select", "your model"): the job the customer
# orders. The provider's own models are plural or ours ("fine-tune our models"); "a model" may
# be a new one of the provider's ("a model that serves all of our customers").
_FINE_TUNE_ONE_MODEL = re.compile(
    r"\bfine[- ]?tun\w*\s+(?:the|your|their|each|that|this)\s+(?:[\w-]+\s+){0,2}?model\b(?!s)"
    # "to generate the output or to fine-tune a model": one model, the job the customer runs
    # (not "a model that serves all of our customers", which is the provider's)
    r"|\bfine[- ]?tun\w*\s+a\s+(?:[\w-]+\s+)?model\b(?!s)(?!\s*,?\s*(?:that|which|who|for all"
    r"|used by|serving|shared))",
    re.IGNORECASE,
)


def _tunes_one_model(doc: Any) -> bool:
    """The clause's only training act is fine-tuning a single model (the customer's job)."""
    if not _FINE_TUNE_ONE_MODEL.search(doc.text):
        return False
    words = _ANCHORS["train"] + _ANCHORS["improve"]
    return all(
        a.lemma_.lower() in ("tune", "fine-tune")
        # "your training files": a kind of data, not another act
        or (a.dep_ in ("compound", "amod") and a.head.lemma_.lower() in _TUNING_DATA)
        for a in syntax.anchors(doc, words)
    )


_TUNING_DATA = frozenset({"data", "dataset", "file", "example", "set", "job"})


def _actor(s: Statement, doc: Any) -> Statement | None:
    """Who trains: the customer's own fine-tuning is no provider practice (None: drop)."""
    if _tunes_one_model(doc):
        return None
    found = [
        a
        for a in syntax.anchors(doc, _ANCHORS["train"] + _ANCHORS["improve"])
        if syntax.is_predicate(a)
    ]
    if not found:
        return s
    other = _their_own(found)
    if other is not None:
        # "train on your inputs for improving their own models": another party's models
        name = _party_name(other)
        return _with_rule(s, "syntax.third_party_acts", actor="third_party", actor_name=name)
    agents = [syntax.agent_of(syntax.predicate_of(a)) for a in found]
    if any(g is None for g in agents):
        return s  # some training verb has no agent the parse can name: the provider's reading
    kinds = {syntax.actor_kind(g) for g in agents}
    if kinds == {"customer"} and not _ours(found):
        return None
    if kinds == {"third_party"}:
        agent = next(g for g in agents if g is not None)
        if any(
            c.dep_ == "nmod:poss" and c.lower_ in ("our", "us")
            for a in found
            for o in a.children
            for c in o.children
        ):
            return s  # a vendor improving *our* models acts for the provider
        return _with_rule(
            s, "syntax.third_party_acts", actor="third_party", actor_name=_party_name(agent)
        )
    return s


# training words that name the act itself (the broader anchors, "develop", "improve", are
# verbs of their own and read as such)
_TRAINING_WORDS = (
    "train", "training", "fine-tune", "fine-tuning", "fine-tuned", "retrain", "tune"
)  # fmt: skip
# the nouns a training word can modify as "training data": data of that kind, not an act
_DATA_NOUNS = frozenset({"data", "dataset", "datasets", "set", "sets", "corpus", "example"})
# verbs that put data to a use ("use your chats as training data"), or take it out of one
# ("opt out of the Training Data programme": training happens unless you do)
_PUTS_TO_USE = frozenset(
    {"use", "include", "provide", "treat", "become", "serve", "process", "contribute", "add",
     "join", "participate", "opt", "opt-out", "opt-in", "object", "exclude", "withdraw"}
)  # fmt: skip
_ARGUMENT = frozenset({"obj", "obl", "nsubj", "nsubj:pass", "xcomp", "advcl", "ccomp", "root"})


def _is_training_act(tok: Any) -> bool:
    """Does this training word state an act of training (on data), or only name training?

    Acts: a training verb ("to train its models", "we train on your chats"), a purpose ("for
    model training", "for training purposes", wherever the parse attaches it), a training
    word that is an argument of a verb ("training is off by default", "opt out of training"),
    training data put to a use ("use your chats as training data"). Names: the model as the
    only thing trained ("once the models are trained"), a modifier of another noun ("the
    status of logging and training"), data of that kind handled some other way ("they cannot
    retrieve the training data").
    """
    if _describes_training_data(tok):
        return False
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
        args = [c for c in tok.children if c.dep_ in ("obj", "obl", "xcomp", "advcl", "ccomp")]
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        # "once our models are trained": the model is trained, on nothing said
        return bool(args) or subject is None or not MODEL_WORDS.search(subject.lemma_.lower())
    head = tok
    while head.dep_ in ("compound", "amod", "conj", "flat") and head.head.i != head.i:
        head = head.head
    if head.i != tok.i and head.lemma_.lower() in _DATA_NOUNS:
        # "training data": data used for training only when a verb puts it to a use
        as_use = any(c.dep_ == "case" and c.lower_ == "as" for c in head.children)
        return as_use or (head.head.lemma_.lower() in _PUTS_TO_USE and head.dep_ in _ARGUMENT)
    if any(c.dep_ == "case" and c.lower_ == "for" for c in head.children):
        return True  # a purpose: "used for model training", "for training purposes"
    if (
        head.i != tok.i
        and head.pos_ in ("NOUN", "PROPN")
        and (
            tok.dep_ == "amod"
            or (tok.dep_ == "compound" and head.head.lemma_.lower() not in _PUTS_TO_USE)
        )
    ):
        # "delete the fine-tuned model": the model named by how it was made; "subscribe to
        # the Fine-Tuning API": a product named by what it does (but "opt out of the Training
        # Data programme" takes the data out of training that goes on unless one does)
        return False
    if head.i != tok.i and head.pos_ in ("VERB", "AUX"):
        return head.dep_ not in ("acl", "amod")  # "we log and train": a conjunct verb
    return head.dep_ in _ARGUMENT and head.head.pos_ in ("VERB", "AUX", "ADJ")


# verbs that put data into a training set ("your content may be included in the data used to
# train our models") or take it for one ("we collect the data used to train")
_INTO_TRAINING = _PUTS_TO_USE | {"collect", "gather", "obtain", "receive", "store", "keep"}
# what models need in order to be trained: "models require vast amounts of data to train"
_NEEDING = frozenset({"require", "need", "rely", "depend"})


def _describes_training_data(v: Any) -> bool:
    """The training verb `v` only says what some data is for, in a sentence about that data or
    about models: "biases present in the data used to train them", "the data used to train
    AI models may be of poor quality", "models require vast amounts of data to train". No one
    is said to train on the user's data (the user's own data, or a verb that puts data into
    the set or takes it for one, make it an act)."""
    head = v.head
    if v.dep_ in ("advcl", "xcomp") and head.lemma_.lower() == "use" and head.tag_ == "VBN":
        if head.dep_ != "acl" or head.head.pos_ not in ("NOUN", "PROPN"):
            return False
        noun = head.head
        if any(c.dep_ == "nmod:poss" or c.lower_ in ("your", "you") for c in noun.subtree):
            return False  # "your chats used to train our models"
        gov = noun.head
        if gov.lemma_.lower() in _INTO_TRAINING:
            return False
        subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        return subject is None or subject.lower_ not in syntax.PROVIDER_WORDS
    if v.dep_ in ("obl", "xcomp", "advcl", "acl") and not any(c.dep_ == "obj" for c in v.children):
        # "models require data to train": the models are what gets trained, on nothing named
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        needed = [t for c in verb.children if c.dep_ == "obj" for t in c.subtree]
        return (
            verb.lemma_.lower() in _NEEDING
            and subject is not None
            and MODEL_WORDS.search(subject.lemma_.lower()) is not None
            # "our models need your feedback to train": the user's data is what they need
            and not any(t.lower_ in ("your", "you") for t in needed)
        )
    return False


def _names_training_only(doc: Any) -> bool:
    """The clause names training without stating any act of it: no training statement."""
    found = syntax.anchors(doc, _TRAINING_WORDS)
    others = [
        a for a in syntax.anchors(doc, _ANCHORS["train"]) if a.lemma_.lower() not in _TRAINING_WORDS
    ]
    if not found or any(a.pos_ in ("VERB", "AUX") for a in others):
        return False
    return not any(_is_training_act(a) for a in found)


_KEEP_VERBS = ("store", "keep", "retain", "save", "log", "hold")


def _keeper(s: Statement, doc: Any) -> Statement:
    """Who keeps: a party that keeps data to train its own models keeps it for itself ("some
    model vendors may store your prompts and train on them for their own models"), not for
    the provider. A vendor that merely stores data keeps it on the provider's behalf."""
    trains = [
        a
        for a in syntax.anchors(doc, _ANCHORS["train"] + _ANCHORS["improve"])
        if syntax.is_predicate(a)
    ]
    other = _their_own(trains)
    if other is None:
        return s
    keeps = [a for a in syntax.anchors(doc, _KEEP_VERBS) if syntax.is_predicate(a)]
    agents = [syntax.agent_of(syntax.predicate_of(k)) for k in keeps]
    if not keeps or not all(g is not None and g.i == other.i for g in agents):
        return s
    return _with_rule(
        s, "syntax.third_party_acts", actor="third_party", actor_name=_party_name(other)
    )


# parties other than the provider that a relative clause may make a promise of
_PARTY_NOUNS = frozenset(
    {"model", "vendor", "provider", "partner", "processor", "subprocessor", "company", "party"}
)


def _party_denies_keeping(s: Statement, doc: Any) -> Statement:
    """A promise not to store whose every keeping verb has another party as its subject ("a
    hosted model ..., which does not store any prompts") is that party's. A relative pronoun
    the parse hangs on the data ("categorizing prompts, which does not store") stands for
    the party that noun phrase belongs to."""
    keeps = [a for a in syntax.anchors(doc, _KEEP_VERBS) if syntax.is_predicate(a)]
    parties = []
    for k in keeps:
        agent = syntax.agent_of(syntax.predicate_of(k))
        for _ in range(4):  # up from a data noun to the party noun that governs it
            if agent is None or agent.lemma_.lower() in _PARTY_NOUNS or agent.head.i == agent.i:
                break
            agent = agent.head
        if agent is None or agent.lemma_.lower() not in _PARTY_NOUNS:
            return s
        if any(c.dep_ == "nmod:poss" and c.lower_ in ("our", "us") for c in agent.children):
            return s  # "our model": the provider's own
        parties.append(agent)
    if not parties:
        return s
    return _with_rule(
        s, "syntax.third_party_acts", actor="third_party", actor_name=_party_name(parties[0])
    )


_QUANTIFIERS = frozenset({"some", "certain", "many", "several", "most", "all", "any"})


def _party_name(tok: Any) -> str:
    """The acting party as the clause names it, with its quantifier: "some AI models" are
    not "the AI models" (a summary that drops "some" says every model does it)."""
    name = syntax.noun_phrase(tok)
    q = next((c.lower_ for c in tok.children if c.dep_ == "det" and c.lower_ in _QUANTIFIERS), "")
    return f"{q} {name}" if q else name


def _ours(found: list[Any]) -> bool:
    """A training verb whose object is the provider's ("to improve our models")."""
    return any(
        c.dep_ == "nmod:poss" and c.lower_ in ("our", "us")
        for a in found
        for o in a.children
        if o.dep_ == "obj"
        for c in o.children
    )


def _their_own(found: list[Any]) -> Any | None:
    """The agent (a noun other than 'we') of training verbs whose models are 'their own'."""
    for a in found:
        for o in a.children:
            if o.dep_ != "obj":
                continue
            poss = [c for c in o.children if c.dep_ == "nmod:poss" and c.lower_ == "their"]
            if poss and any(c.lower_ == "own" for c in o.children):
                agent = syntax.agent_of(syntax.predicate_of(a))
                if agent is not None and agent.lower_ not in syntax.PROVIDER_WORDS:
                    return agent
    return None


def _third_party_sharing(
    s: Statement, doc: Any, statements: tuple[Statement, ...]
) -> list[Statement]:
    """A party that trains on what it is given has been given it: a sharing statement too.

    Not for a pronoun ("they may use it to improve those products"): who "they" are, and the
    sharing, are stated in the sentence before, which is read on its own."""
    if any(x.topic == "sharing" for x in statements) or s.actor_name.lower() in syntax.PRONOUNS:
        return []
    givers = syntax.anchors(doc, _ANCHORS["disclose"] + ("use",))
    if not any(g.pos_ in ("VERB", "AUX") for g in givers):
        return []
    return [
        Statement(
            topic="sharing",
            action="disclose",
            polarity="permitted",
            data=s.data,
            recipients=(Recipient("third_parties", s.actor_name),),
            condition=s.condition if s.condition in ("opt_out", "opt_in") else "none",
            rule_ids=("sharing.recipient_category", "syntax.third_party_acts"),
        )
    ]


def _mentions(s: Statement, doc: Any) -> list[Any]:
    """The tokens that name the statement's recipient category ("partners", "vendors")."""
    cat = s.recipients[0].category if s.recipients else ""
    words = _CATEGORY_WORDS.get(cat, frozenset())
    found = [t for t in doc if t.lower_ in words]
    if cat == "advertisers":  # "advertising partners", "ad networks", "marketing companies"
        found += [
            t
            for t in doc
            if t.pos_ == "NOUN"
            and any(
                c.dep_ in ("amod", "compound") and c.lower_ in ("advertising", "ad", "marketing")
                for c in t.children
            )
        ]
    return found


def _only_source(s: Statement, doc: Any) -> bool:
    """Every mention of the recipient is where the data comes from (or the author of terms or
    code: "subject to any Third Party Terms"): no disclosure stated."""
    found = _mentions(s, doc)
    return bool(found) and all(
        syntax.is_source(t) or syntax.is_chooser(t) or _authors_only(t) for t in found
    )


# what a third party writes or licenses, never what receives data: "Third Party Terms",
# "third-party software", "third-party content"
_AUTHORED = frozenset(
    {"term", "terms", "policy", "policies", "agreement", "agreements", "license", "licenses",
     "licence", "licences", "notice", "notices", "code", "software", "content", "components",
     "libraries", "library", "materials"}
)  # fmt: skip


def _authors_only(tok: Any) -> bool:
    """`tok` ("party") modifies a noun of what a third party writes ("Third Party Terms")."""
    head = tok
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
        if head.lower_ in _AUTHORED:
            return True
    return False


_CARVE_WORDS = frozenset({"except", "excepting", "besides", "save"})


def _carved_out(tok: Any) -> bool:
    """The recipient is the exception of a denial: "except (with) service providers"."""
    head = tok
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    marks = {c.lower_ for c in head.children if c.dep_ in ("case", "mark", "cc")}
    if marks & _CARVE_WORDS:
        return True
    # "other than our payment processors", "apart from our vendors"
    if ("than" in marks and head.head.lower_ in ("other", "rather")) or (
        "from" in marks and head.head.lower_ == "apart"
    ):
        return True
    # deeper inside the exception: "except ... for authorized transfer to cloud distributors"
    node = head
    for _ in range(4):
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if any(
            c.dep_ in ("case", "mark", "cc") and c.lower_ in _CARVE_WORDS for c in node.children
        ):
            return True
    return False


def _only_sold_to(s: Statement, doc: Any) -> bool:
    """Every mention of the recipient is the buyer of a sale: "we never ... sell it to any
    third party" is a promise not to sell (its own statement), not a promise not to share."""
    found = _mentions(s, doc)
    return bool(found) and all(_sale_only(syntax.predicate_of(t)) for t in found)


def _sale_only(v: Any) -> bool:
    """`v` is a sale verb and no verb coordinated with it gives data otherwise ("rent, sell
    or share with marketing companies" shares too)."""
    if v.lemma_.lower() not in _ANCHORS["sell"]:
        return False
    top = v
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    group = [top, *(t for t in top.subtree if t.dep_ == "conj" and t.head.i in (top.i, v.i))]
    giving = set(_ANCHORS["disclose"]) - set(_ANCHORS["sell"])
    return not any(t.lemma_.lower() in giving for t in group)


def _facts_of(facts: dict[str, Any], statements: tuple[Statement, ...]) -> dict[str, Any]:
    """The facts with each topic's comparison tuples taken from the corrected statements."""
    out: dict[str, Any] = {}
    for topic, f in facts.items():
        mine = [s for s in statements if s.topic == topic]
        if not mine:
            continue
        f = dict(f)
        f["atoms"] = [list(statement_key(s)) for s in mine]
        if topic == "training_use":
            f["use"] = mine[0].polarity
        elif topic == "sharing":
            rec = [s for s in mine if "sharing.recipient_category" in s.rule_ids]
            if rec:
                f["polarity"] = rec[0].polarity
                f["recipients"] = [s.recipients[0].category for s in rec]
            sale = [s for s in mine if s.action == "sell"]
            if sale:
                f["sale"] = sale[0].polarity
        out[topic] = f
    for s in statements:  # a topic only the parse found (a third party given the data)
        if s.topic not in out:
            out[s.topic] = {
                "recipients": [r.category for r in s.recipients],
                "polarity": s.polarity,
                "sale": None,
                "subprocessors": [],
                "atoms": [list(statement_key(x)) for x in statements if x.topic == s.topic],
            }
    return out
