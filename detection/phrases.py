"""What a clause calls the data of its practice, read from the dependency parse.

    data_phrase(text, topic) -> "your Input and Output" | ""

A summary that says "the provider keeps content" of a clause about one feature's images, or
"will not train on your data" of a clause about data imported from a connected drive, states
more than the clause does. The words are read where English puts them: the object of the
verb of the practice ("we keep *your Input and Output*"), the subject of a passive one
("*your images* are stored"), a verb conjoined with it ("do not log or store *the data*"),
and a demonstrative ("this data") resolved to what the clause named before it. The phrase
keeps its own modifiers ("any data obtained through ...") but not a relative clause, an
appositive or an "including ..." list, which are detail, not the name.

"" when the clause names only generic data ("your personal data"): the summary's own words
say the same, and a quote of them would look like a qualifier.
"""

from __future__ import annotations

import re
from typing import Any

from clausewatch.statements.read import parse_texts, split_sentences
from clausewatch.statements.subject import PRODUCING_VERBS, case_of

# the verbs of each topic's practice (lemmas). Not `statements.subject.PRACTICE_VERBS`: the
# comparison's subject also counts what a vendor receives or accesses ("vendors receive and
# store these communications"), where a summary names what the provider gives, keeps or trains
# on; those verbs quoted "these communications" for "your communications with it".
_VERBS: dict[str, frozenset[str]] = {
    "training": frozenset({"use", "train", "improve", "develop", "fine-tune", "learn"}),
    "retention": frozenset(
        {"retain", "store", "keep", "hold", "log", "save", "preserve", "delete", "erase",
         "destroy", "purge", "remove"}
    ),
    # what a period of days is stated for: kept, or processed for as long
    "period": frozenset(
        {"retain", "store", "keep", "hold", "log", "save", "preserve", "delete", "erase",
         "destroy", "purge", "remove", "process"}
    ),
    "sharing": frozenset(
        {"share", "disclose", "transfer", "provide", "send", "pass", "transmit", "sell", "give",
         "rent", "license", "make"}
    ),
}  # fmt: skip
# verbs whose object is what is built ("train our models"), not the data (the comparison's
# list, and "learn")
_MODEL_VERBS = PRODUCING_VERBS | {"learn"}

_TRAINING_WORDS = re.compile(r"\b(?:train\w*|models?|improv\w+|develop\w*|learn\w*)\b", re.I)

# head nouns that name data (a defined term in capitals is data too: "Materials")
_DATA_HEADS = frozenset(
    {"data", "datum", "input", "output", "prompt", "conversation", "chat", "content",
     "material", "feedback", "recording", "file", "code", "message", "information", "image",
     "text", "transcript", "repository", "query", "question", "submission", "interaction",
     "snippet", "embedding", "log", "clip", "screenshot", "history", "metadata", "record",
     "detail", "photo", "video", "audio", "document", "upload", "request", "response",
     "completion", "communication", "email", "telemetry", "suggestion", "result", "agent",
     "exchange", "thread", "transcription"}
)  # fmt: skip
_GENERIC_HEADS = frozenset({"data", "datum", "information", "content"})
_GENERIC_MODIFIERS = frozenset(
    {"your", "the", "all", "any", "our", "such", "this", "that", "these", "those", "personal",
     "user", "customer", "of", "you", "and", "or", "other"}
)  # fmt: skip
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those", "they", "which"})
# dependents that add detail to a name rather than make it
_DETAIL = frozenset({"acl:relcl", "relcl", "appos", "parataxis", "advcl", "punct", "dep"})
_DETAIL_PREPS = frozenset({"including", "such", "like", "except", "excluding"})
# "share your data with our affiliates", "keep your data for longer periods": who receives it
# or how long, which the parse may attach to the data; not part of its name
_DETAIL_CASES = frozenset({"with", "to", "in", "during", "until", "by", "under", "at", "as"})
# "for longer periods" is how long; "for Enterprise conversations" is part of a name
_TIME_NOUNS = frozenset({"period", "time", "duration", "term", "day", "month", "year", "week"})
_ARGUMENT = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass"})
_MAX_WORDS = 14
_MAX_TOKENS = 60
_LOWER_FIRST = frozenset({"your", "the", "any", "all", "such", "these", "those", "their", "our"})


def data_phrase(text: str, topic: str, fits: Any = None) -> str:
    """The words `text` uses for the data its `topic` practice acts on, or ''.

    `fits`, when given, keeps only the phrases for which `fits(phrase)` is true ("we may store
    Customer Data ..., and we may store code snippets ...": the phrase of the kind a finding is
    about, never the other one), and gives '' when none is."""
    phrases = data_phrases(text, topic)
    if fits is not None:
        phrases = [p for p in phrases if fits(p)]
    return phrases[0] if phrases else ""


# what a promise not to store denies when the verb is left out: "X may be stored, but none of
# your code is", "..., but your files are not"
_DENIED = re.compile(
    r"\b(?:none|nothing|no part) of ((?:your |the )?\w+(?: \w+){0,2}?) (?:is|are|will)\b"
    r"|\bbut (?:[^,.;]{0,40}, )?((?:your |the )?\w+(?: \w+){0,2}?) (?:is|are) not\s*(?:[.;]|$)",
    re.IGNORECASE,
)


def denied_data_phrase(text: str) -> str:
    """The words for what a promise not to store is about: the data a contrast denies
    ("the embeddings may be stored, but none of your code is": "your code"), else the
    clause's data phrase."""
    m = _DENIED.search(text)
    if m:
        return m.group(1) or m.group(2)
    return data_phrase(text, "retention")


def data_phrases(text: str, topic: str) -> list[str]:
    """Every phrase `text` uses for the data of its `topic` practice, in order."""
    out: list[str] = []
    verbs = _VERBS.get(topic, frozenset())
    docs = _parsed_parts(text)
    for n, doc in enumerate(docs):
        if topic == "training" and not _TRAINING_WORDS.search(doc.text):
            continue  # "we use your email to send receipts" is no training use
        for heads in _arguments(doc, verbs):
            if len(heads) == 1 and heads[0].lower_ in _PRONOUNS:
                continue  # "we erase it": what "it" is, the summary's own words tell better
            if len(heads) == 1 and _demonstrative(heads[0]):
                found = _antecedent(docs[:n], doc, heads[0])
                if found is None:
                    continue
                heads = [found]
            phrase = _name(heads)
            if phrase and phrase not in out:
                out.append(phrase)
    return out


# the head nouns of a product or feature that acts in a clause ("Xbox's AI features do not
# use ...", "the model we use to categorize inputs does not store them")
_PRODUCT_HEADS = frozenset(
    {"feature", "features", "app", "apps", "application", "applications", "assistant",
     "model", "models", "tool", "tools", "mode", "api", "plugin", "extension", "product",
     "products", "service", "services", "integration", "integrations"}
)  # fmt: skip


def acting_product(text: str, topic: str) -> str:
    """The product or feature that is the subject of the clause's practice, in its words
    ("Xbox's AI-enhanced features"), or '': the scope of a statement that is about one product
    and reads as the provider's in general without it. Not "our services" or "we"."""
    verbs = _VERBS.get(topic, frozenset())
    for doc in _parsed_parts(text):
        for tok in doc:
            if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subj is None or subj.lower_ not in _PRODUCT_HEADS:
                continue
            if tok.dep_ == "nsubj:pass" or any(c.dep_ == "aux:pass" for c in tok.children):
                continue  # "the service is used": the data's verb, not the product's act
            owners = {c.lower_ for c in subj.children if c.dep_ in ("nmod:poss", "det")}
            if owners & {"our", "the"} and not any(
                c.dep_ in ("compound", "amod", "acl", "acl:relcl", "nmod:poss", "flat")
                and c.lower_ not in ("our", "the")
                for c in subj.children
            ):
                continue  # "our services", "the model": no product named
            words = [t for t in subj.subtree if t.i <= tok.i and t.text != ","]
            phrase = "".join(t.text_with_ws for t in words).strip(" ,;:")
            if 1 < len(phrase.split()) <= 12:
                return phrase
    return ""


def _parsed_parts(text: str) -> list[Any]:
    """The parses of `text`'s sentences, each short enough to quote from: a parse of a
    sentence this long is too often wrong, so a long one is read by its parts between
    semicolons ("(i) collect ... for its business purposes; and (ii) disclose Usage Data to
    third parties ...") and a part still too long is left out."""
    sentences = [_after_label(s) for s in split_sentences(text) or [text]]
    out = []
    for sentence, doc in zip(sentences, parse_texts(sentences), strict=True):
        if len(doc) <= _MAX_TOKENS:
            out.append(doc)
            continue
        parts = [p for p in sentence.split("; ") if p.strip()]
        if len(parts) > 1:
            out.extend(d for d in parse_texts(parts) if len(d) <= _MAX_TOKENS)
    return out


def _after_label(sentence: str) -> str:
    """'If the Customer subscribes to X: the Prompts are stored' -> 'the Prompts are stored':
    the parse of an opening condition before a colon attaches the clause's subject to it."""
    head, colon, rest = sentence.partition(": ")
    if colon and len(rest.split()) >= 4 and head.lower().startswith(("if ", "when ", "for ")):
        return rest
    return sentence


def _arguments(doc: Any, verbs: frozenset[str]) -> list[list[Any]]:
    """What the topic's verbs act on, in the order of the sentence: per verb and role, the
    heads of its arguments (a list parsed as several subjects is one argument)."""
    out: dict[tuple[int, str], list[Any]] = {}
    for tok in doc:
        if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        group = [tok] + ([tok.head] if tok.dep_ == "conj" else [])
        group += [c for c in tok.children if c.dep_ == "conj"]
        if _users_act(tok):
            continue  # "when you delete a file": the user's act, not the practice
        for verb in group:
            passive = any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)
            for c in verb.children:
                if c.dep_ in _ARGUMENT or (passive and c.dep_ == "nsubj"):
                    role = "subject" if c.dep_.startswith("nsubj") else "object"
                    if role == "object" and (verb.lemma_ in _MODEL_VERBS or _complement(verb)):
                        continue  # "train our models", "keep Privacy Mode off"
                elif verb.lemma_ == "train" and c.dep_ == "obl" and case_of(c) == "on":
                    role = "object"  # "train our models on your chats"
                else:
                    continue
                heads = out.setdefault((verb.i, role), [])
                if c not in heads:
                    heads.append(c)
    # "device and usage data": the coordinated nouns share the data word
    return [
        heads
        for heads in out.values()
        if all(_is_data(h) or any(c.dep_ == "conj" and _is_data(c) for c in h.children)
               for h in heads)
    ]  # fmt: skip


def _complement(verb: Any) -> bool:
    """'keep X off', 'keep it private': a state the object is kept in, not data kept."""
    return any(
        (c.dep_ == "xcomp" and c.pos_ in ("ADJ", "ADV"))
        or c.dep_ == "compound:prt"
        or (c.dep_ == "advmod" and c.lower_ in ("on", "off"))
        for c in verb.children
    )  # (not "log any Inputs provided to it": a participle of the data, not a state)


def _users_act(verb: Any) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ == "you"


def is_plural(phrase: str) -> bool:
    """Whether `phrase` takes "are": a list ("your Input and Output") or a plural noun
    ("enterprise chats"); data is singular here, as the summaries write it."""
    words = phrase.split()
    if not words:
        return False
    last = words[-1].lower().strip("”“")
    listed = any(w in ("and", "and/or") for w in words) or "," in phrase
    return listed or (last.endswith("s") and not last.endswith(("ss", "data", "us")))


def _is_data(head: Any) -> bool:
    if head.lower_ in _PRONOUNS:
        return True
    lemma = head.lemma_.lower()
    # a defined term tagged as a name keeps its plural as its lemma ("Outputs")
    return lemma in _DATA_HEADS or head.lower_ in _DATA_HEADS or lemma[:-1] in _DATA_HEADS


def _demonstrative(head: Any) -> bool:
    """'this data', 'such information': a pointer back, when the noun itself is generic."""
    return head.lemma_.lower() in _GENERIC_HEADS and any(
        c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in head.children
    )


def _antecedent(before: list[Any], doc: Any, pointer: Any) -> Any | None:
    """The data named last before `pointer`: earlier in its sentence, else in the sentences
    before it (nearest first); None when nothing was named."""
    for d, limit in [(doc, pointer.i)] + [(b, len(b)) for b in reversed(before)]:
        named = [
            t
            for t in d[:limit]
            if t.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj")
            and t.lower_ not in _PRONOUNS
            and not _demonstrative(t)
            and _is_data(t)
            and t.head.i != pointer.i
        ]
        if named:
            return named[-1]
    return None


def _name(heads: list[Any]) -> str:
    """The phrase `heads` head, without detail; '' when generic or too long to be a name."""
    words = _span(heads, detail=True)
    if len(words) > _MAX_WORDS:
        words = _span(heads, detail=False)
    if len(words) > _MAX_WORDS:
        return ""
    low = [w.lower_ for w in words]
    if set(low) - _GENERIC_MODIFIERS <= _GENERIC_HEADS:
        return ""
    if sum(w.text == "(" for w in words) != sum(w.text == ")" for w in words):
        return ""  # "this service (or the content": a name cut inside a parenthesis
    if words[0].pos_ == "CCONJ" or any(
        w.pos_ == "VERB" and w.dep_ in ("ROOT", "conj", "advcl", "parataxis") for w in words
    ):
        return ""  # a misparse took a verb phrase for the name ("or otherwise process X")
    text = "".join(w.text_with_ws for w in words).strip(" ,;:")
    first = text.split(" ", 1)[0]
    # a capital only because the sentence starts there ("Screenshots captured ..."), not a
    # defined term ("Customer Data are ...")
    opening = (
        words[0].i == 0
        and words[0].pos_ != "PROPN"
        and not text[len(first) + 1 : len(first) + 2].isupper()
    )
    return first.lower() + text[len(first) :] if first.lower() in _LOWER_FIRST or opening else text


# A relative clause that decides which data is meant ("Materials that are not publicly
# available", "chats that you mark private") is part of the name: without it a promise about
# some data reads as a promise about all of it. (Other relatives are detail.)
_RESTRICTING_WORDS = frozenset({"not", "never", "no", "public", "publicly", "private", "privately"})


def _restriction(c: Any) -> list[Any]:
    """The relative clause's words up to its first comma (what follows is another matter:
    "..., except in two cases")."""
    out = []
    for t in c.subtree:
        if t.text == ",":
            break
        out.append(t)
    return out


def _restricts(c: Any) -> bool:
    if c.dep_ not in ("acl:relcl", "relcl"):
        return False
    first = next(iter(c.subtree))
    if first.i > 0 and c.doc[first.i - 1].text == ",":
        return False  # set off by a comma: detail, not a restriction
    sub = _restriction(c)
    return len(sub) <= 8 and any(t.lower_ in _RESTRICTING_WORDS for t in sub)


def _span(heads: list[Any], detail: bool) -> list[Any]:
    """The tokens of the phrase `heads` head: with their modifiers (`detail`) or their left
    part only; never a relative clause, an appositive, a purpose ("Materials to provide the
    Services") or an "including ..." list."""
    keep = {h.i for h in heads}
    stack = list(heads)
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if detail and _restricts(c):
                keep.update(t.i for t in _restriction(c))  # "any Materials that are not public"
                continue
            if c.dep_ in _DETAIL or (c.dep_ != "conj" and c.i > tok.i and not detail):
                continue
            if c.dep_ == "case" and tok in heads:
                continue  # "on your chats": the preposition is the verb's, not the name's
            if c.lower_ in _DETAIL_PREPS or case_of(c) in _DETAIL_PREPS:
                continue
            if c.dep_ == "nmod" and (
                case_of(c) in _DETAIL_CASES or (case_of(c) == "for" and c.lemma_ in _TIME_NOUNS)
            ):
                continue
            if c.dep_ == "acl" and any(m.dep_ == "mark" for m in c.children):
                continue
            keep.add(c.i)
            stack.append(c)
    doc = heads[0].doc
    lo, hi = min(keep), max(keep)
    return [doc[i] for i in range(lo, hi + 1) if i in keep or doc[i].is_punct and lo < i < hi]
