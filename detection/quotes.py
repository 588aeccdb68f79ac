"""The clause's own words a summary quotes: its limits, bounds, anchors and forms.

    qualifier(text) -> '“If you use Nimbus Chat Pro”'   keep_bound(text) -> '“until you delete it”'
    period_anchor(text, days) -> ' “after account closure”'   period_tail(text, days)
    data_form(text) -> '“in anonymized form”'            quoted(words)

A summary that drops one of these states more than its clause: "keeps content" of a clause
that keeps it until you delete it, "30 days" of a period that runs after your registration
ends, a training use "unless you opt out" of one listed case. Pure functions of the text.
"""

from __future__ import annotations

import re

from clausewatch.statements.durations import duration_spans, find_durations

_KEEP_VERB = (
    r"(?:retain|retains|retained|keep|keeps|kept|store|stores|stored|hold|holds|held|preserve"
    r"|preserves|preserved|delete|deletes|deleted|erase|erases|erased|purge|purges|purged"
    r"|destroy|destroys|destroyed)"
)

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“\"(])")


_ANCHOR_WORDS = re.compile(
    r"^\s*((?:after|from|following|since"
    # "within ten days of receiving such request", "of the date of termination"
    r"|of(?= (?:receiv|receipt|(?:your|such|a|the|any) (?:\w+ )?request|the date|termination)))"
    r" [^,;:.()]{3,60})",
    re.I,
)
# "destroyed within 1 day from X’s systems": where, not since when
_PLACE = re.compile(r"\b(?:systems?|servers?|infrastructure|databases?|storage|devices?)\s*$", re.I)


def period_anchor(text: str, days: int) -> str:
    """' “after account termination”': the event a period of `days` runs from, quoted with a
    leading space, or '' ("1 year after you close your account" is not "1 year")."""
    for d, start, end, _ in duration_spans(text):
        if d == days:
            m = _ANCHOR_WORDS.match(text[end:])
            if m and not _PLACE.search(m.group(1)):
                return f" {quoted(m.group(1).rstrip())}"
            # "for the duration of your registration and for 90 days": after its end
            before = _SENTENCE_END.split(text[:start])[-1]
            bound = _BOUND_THEN.search(before)
            if bound:
                return f" after {quoted(bound.group(1))}"
            # "Following the termination of this Agreement, we will retain X for one year":
            # the event opens the sentence
            fronted = _FRONTED_EVENT.match(before)
            if fronted:
                words = fronted.group(1)
                return f" {quoted(words[0].lower() + words[1:])}"
            return ""
    return ""


_FRONTED_EVENT = re.compile(
    r"^\W*((?:following|after|upon|on) (?:the )?(?:expiration|expiry|termination|end|closure"
    r"|deletion|cancell?ation)\b[^,;:.]{0,80}),",
    re.IGNORECASE,
)


# a bound the period is added to: "for the duration of X (...) and for", "until X, and then"
_BOUND_THEN = re.compile(
    r"\bfor (the (?:duration|term|length|life) of [^,;:.()]{3,80}?)\s*(?:\([^()]{0,120}\)\s*)?,?"
    r"\s+(?:and|plus)(?: then)?(?: for)?(?: an? (?:additional|further))?\s*$",
    re.IGNORECASE,
)


# what a period is for and what it yields to, right after it: "for 30 days to monitor abuse,
# unless you subscribed to zero data retention"
_PERIOD_PURPOSE = re.compile(
    r"^\s*,?\s*(to (?!the\b|a\b|an\b)\w+\b(?:(?!\s(?:unless|except|if)\b)[^,;.()]){2,60})"
)
_PERIOD_EXCEPTION = re.compile(r"^[^;.]{0,80}?\b(unless\b[^,;.()]{3,80})")


_EFFORTS = re.compile(
    r"\b(?:commercially reasonable|reasonable|best) (?:efforts|endeavou?rs)\b", re.IGNORECASE
)


# a negator in a sentence: "we do not ...", "never", "none of your code", "don't"
DENIAL = re.compile(r"\b(?:not|never|none|no)\b|n[’']t\b", re.IGNORECASE)


def whole_words(words: str, text: str, end: int) -> str:
    """`words` (which end at `end` in `text`), cut back to a whole word when the match
    stopped inside one ("in case You re-subsc" -> "in case You …")."""
    if end < len(text) and text[end].isalnum() and " " in words:
        return words.rsplit(" ", 1)[0] + " …"
    return words


def period_tail(text: str, days: int) -> str:
    """' (“to monitor abuse”, “unless you turn on zero data retention”)'-style words after a
    period of `days`, quoted with a leading space each, or '': without them a summary states
    a purpose-bound or optional period as the rule for all data."""
    for d, _, end, _ in duration_spans(text):
        if d == days:
            rest = text[end:]
            out = []
            for m in (_PERIOD_PURPOSE.match(rest), _PERIOD_EXCEPTION.match(rest)):
                if m:
                    out.append(quoted(whole_words(m.group(1).rstrip(), rest, m.end(1))))
            # "we will use commercially reasonable efforts to delete it within 10 days": an
            # effort, not a firm deadline
            effort = _EFFORTS.search(stating(text, days))
            if effort:
                out.insert(0, quoted(effort.group()))
            return f" ({', '.join(out)})" if out else ""
    return ""


def stating(text: str, days: int) -> str:
    """The sentence of `text` that states a period of `days` (all of `text` if none does)."""
    for sentence in _SENTENCE_END.split(text):
        if days in find_durations(sentence):
            return sentence
    return text


# A qualifier that limits what a clause says: an opening condition ("If you use Nimbus Chat
# Pro:", "For API customers,") or an "only when / only for" limit inside it.
_OPENING_QUALIFIER = re.compile(
    # "In such a case, you grant us ...": a condition stated before, which the reader must see
    r"^\W*(in (?:such (?:a )?|that |this |which |these |those )cases?\b"
    # where the practice holds: "In certain markets, we use conversation data to train ..."
    r"|in (?:certain|some|select(?:ed)?|specific|these|those|many) (?:markets|countries|regions"
    r"|jurisdictions|locations|territories)\b"
    # (a version number's dots are no sentence end: "if you signed up before version 0.49.0,")
    r"|(?:if|when|where|for|unless|once|while)\b(?:[^,:;.]|(?<=\d)\.(?=\d)){3,90}"
    # "With this option, your inputs are not retained": the rule of one option
    r"|with (?:this|that|such|the) (?:option|setting|feature|mode)s?(?: \w+){0,2}?)"
    # ... ending in a comma or colon, or a sentence of its own that the next one points back
    # to: "When you report an illicit output. In such a case, we may use ..."
    r"(?:[,:]|\.(?=\s+In (?:such (?:a )?|that |this )cases?\b))",
    re.IGNORECASE,
)
# (with a list mark after the conjunction: "only when (a) you use Chat and (b) ...")
_ONLY_QUALIFIER = re.compile(
    r"\b(only (?:if|when|where|for|in|on|with)\b(?:\s*\(\w{1,3}\))?[^,;.()]{3,70})", re.I
)


# The form the data is passed on in: "we may license your content in anonymized form"
# is a sale of anonymized content, and a summary that drops it overstates the clause.
# (participles only: "we may aggregate all information" is the verb, not the form)
_FORM = r"(?:anonymi[sz]ed|de-?identified|aggregated|pseudonymi[sz]ed)"
_FORM_QUALIFIER = re.compile(
    rf"\b((?:(?:in (?:an? )?)?{_FORM}(?:,? (?:and|or|and/or) {_FORM})*|in (?:the )?aggregate)"
    r"(?: (?:form|data|information|basis|statistics))?)\b",
    re.IGNORECASE,
)


# The practice is limited to listed cases: "we will use Materials for training when: (1) you
# give feedback, or (2) ...", "we will not train on them, except in two circumstances:". A
# summary without them states the exception as the rule (or the promise as unconditional).
_LISTED_QUALIFIER = re.compile(
    r"\b((?:only )?(?:when|if|where)\s*:\s*(?:\(?\w{1,3}[.)]\s*)?[^;.:()]{3,70}"
    r"|except (?:in|for|where|when|as|if)\b[^,;.:()]{3,70})",
    re.IGNORECASE,
)


# "Processed through the Fine-tuning API: the Inputs are stored ...": a label that names the
# channel or case the clause is about (a bare "Inputs:" names only its subject)
# (not a sentence of its own before a colon: "We use it for the following purposes:", and
# not a reservation: "Without prejudice to your legal rights:")
_LIMITING_LABEL = re.compile(
    r"^\W*(?!(?:without|notwithstanding|subject to|except)\b)"
    r"((?:(?!(?:we|you|they|it|us)\b)[\w’'-]+ ){0,6}(?:through|via|using|under|with|in|on|for)\b"
    r"(?:(?!\b(?:we|you|they|us|following|above|below)\b)[^:;.]){2,60}?):\s+\S",
    re.IGNORECASE,
)


# an "only" that limits the opt-out, not the practice: "(which option is available only if
# you pay)"
_WAY_OUT = re.compile(r"\b(?:option|opt-?out|opting out|choice|setting)\b[^.;]*$", re.IGNORECASE)


def qualifier(text: str) -> str:
    """The clause's own limiting words, quoted for a summary ('“If you use Nimbus Chat Pro”')."""
    only = _ONLY_QUALIFIER.search(text)
    if only and _WAY_OUT.search(text[max(0, only.start() - 40) : only.start()]):
        only = None  # "which option is available only if ...": it limits the way out
    m = _OPENING_QUALIFIER.match(text) or only or _LIMITING_LABEL.match(text)
    listed = None if m else _LISTED_QUALIFIER.search(text)
    if listed:
        # every case of a numbered list ("when: (1) ..., or (2) ..."): the first alone would
        # state one case as the whole practice
        rest = _SENTENCE_END.split(text[listed.start(1) :], 1)[0].rstrip(" .;")
        if _NEXT_CASE.search(rest):
            return quoted(rest if len(rest) <= 240 else rest[:240].rsplit(" ", 1)[0] + " …")
    m = m or listed
    if not m:
        return ""
    # the first listed case, without the conjunction that leads to the next one
    words = " ".join(m.group(1).split())
    more = _ANOTHER_CASE.match(text, m.end())
    if more and m.re is _OPENING_QUALIFIER:
        # "If Customer uses the free plan, or if it uses a paid plan and has not opted out, ...":
        # both cases are the limit; the first alone states one case as the whole practice
        words = f"{words}, {' '.join(more.group(1).split())}"
    if words.count("(") > words.count(")"):  # "... an organization (for example": cut before it
        words = words[: words.rfind("(")]
    return quoted(re.sub(r"(?:[\s,]+(?:or|and))?[\s,]*$", "", words))


_PRACTICE_WORDS = {
    "retention": re.compile(rf"\b{_KEEP_VERB}\b", re.IGNORECASE),
    "training": re.compile(r"\b(?:train\w*|improv\w*|fine-?tun\w*)\b", re.IGNORECASE),
}


def later_condition(text: str, topic: str) -> str:
    """The opening condition of the later sentence that states the practice, quoted, or '':
    "Feedback: While using the Service, you may give feedback. If you give feedback, we may
    store the entire exchange" is limited by "If you give feedback"."""
    words = _PRACTICE_WORDS.get(topic)
    sentences = _SENTENCE_END.split(text)
    if words is None or len(sentences) < 2:
        return ""
    for sentence in sentences[1:]:
        if not words.search(sentence):
            continue
        m = _OPENING_QUALIFIER.match(sentence)
        if (
            m
            and re.match(r"\W*(?:if|when|where|once|unless)\b", m.group(1), re.IGNORECASE)
            # "If you do not want us to use your content, opt out ...": the way out, no limit
            and not _NOT_WANTING.search(m.group(1))
        ):
            return quoted(m.group(1))
        return ""
    return ""


_NOT_WANTING = re.compile(
    r"\b(?:do not|don[’']t|no longer) (?:want|wish)|\bwould rather\b|\bopt(?:s|ed)?[- ]?out\b",
    re.IGNORECASE,
)


_NEXT_CASE = re.compile(r"[\s,;]\(?(?:2|b|ii)\)\s")
_ANOTHER_CASE = re.compile(r"\s*(or (?:if|when|where|unless)\b[^,:;.]{3,160})[,:]", re.IGNORECASE)


# How long what is kept is kept, when not a number of days: "for the duration of the job",
# "until you delete it", "for the term of your subscription", "only while ...". A summary
# that says "keeps content" without it states an open-ended retention the clause bounds.
_KEEP_BOUND = re.compile(
    r"\b((?:only )?(?:for the (?:duration|term|life|length|lifetime|period|time)"
    r" (?:of|necessary|needed|required)|until|as long as"
    r"|only while)\b[^,;:.()]{3,90})",
    re.IGNORECASE,
)
# "all plaintext code ceases to exist after the request", "discarded once processed"
_DISCARDED = re.compile(
    r"\bceases? to exist\b|\bdiscard(?:s|ed)?\b|\b(?:deleted|erased|purged) (?:once|after|when|as soon)",
    re.IGNORECASE,
)
_KEEP_WORD = re.compile(rf"\b{_KEEP_VERB}\b|\bretention\b", re.IGNORECASE)


def keep_bound(text: str) -> str:
    """The clause's own words for how long it keeps data, quoted, or ''. Read after the word
    of keeping ("While using the Service, you may give feedback ... we may store it" is no
    bound) or at the opening of a label ("Until the data is deleted: ...")."""
    keep = _KEEP_WORD.search(text)
    m = _KEEP_BOUND.search(text, keep.end() if keep else 0)
    m = m or _KEEP_BOUND.match(text.lstrip("*_ "))
    if not m and ": " in text:  # "Chat history (consumers): for the life of the account ..."
        m = _KEEP_BOUND.match(text, text.index(": ") + 2)
    if not m:
        return ""
    words = m.group(1).rstrip()
    more = _MORE_TIME.match(text, m.end())
    if more:  # "..., and for five (5) additional years for evidential purposes"
        return quoted(f"{words}{more.group()}".rstrip(" ,"))
    if len(m.group(1)) >= 90 and m.end() < len(text) and text[m.end()].isalnum():
        words = words.rsplit(" ", 1)[0] + " …"  # cut at a word, never inside one
    return quoted(words)


_MORE_TIME = re.compile(
    r",?\s+(?:and|plus)\s+(?:for\s+)?[^,;.]{0,30}?\b(?:additional|further|more)\b[^,;.]{0,60}",
    re.IGNORECASE,
)


def quoted(words: str) -> str:
    """The clause's own words, on one line, in quotation marks: how a summary cites them."""
    return "“" + " ".join(words.split()) + "”"


def data_form(text: str) -> str:
    """The form the data is given in, quoted ('“in anonymized form”'), or ''."""
    m = _FORM_QUALIFIER.search(text)
    return quoted(m.group(1)) if m else ""
