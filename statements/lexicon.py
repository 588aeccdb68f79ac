"""Words and helpers shared by the topic rules (training, retention, sharing).

Negation scope, data nouns, recipient categories, cookie words and the cheap pre-filter
`TOPIC_CUES`; every function here is pure and works on one clause's lemma string.
"""

from __future__ import annotations

import re

# Cheap pre-filter on lower-cased raw text: a block without any of these is never analyzed.
TOPIC_CUES = re.compile(
    r"train|machine learning|fine-?tun|improv|develop|enhanc|model"
    r"|retain|retention|stor(e|ed|age|ing)\b|keep|kept|delet|eras|destroy|purg|anonymi|\bdays?\b"
    r"|\bmonths?\b|\byears?\b|as long as|indefinite"
    r"|shar(e|ed|es|ing)\b|disclos|\bsell|\bsale|\bsold\b|transfer|third[- ]part|affiliat"
    r"|processor|vendor|partner|advertis|authorit|law enforcement|government|merger|acqui"
    r"|publicly|publish|subsidiar|service provider|recipient"
    r"|\bncmec|national cent(?:er|re) for miss"  # the authorities' recipients a report names
    r"|case stud|\blogo|remix|connector|plug-?in|\bas (?:a |an |our )?(?:\S+ )?customer"
    r"|sub-?licens|re-?licens"
)


NEG = r"(?:not|never|n't|no|none|nor|neither|without)"


COOKIE_WORDS = re.compile(r"\bcookie|\bweb beacon|\bpixel|\btracking technolog")


_USER_RESTRICTION = re.compile(
    r"\b(?:you|user|customer|licensee|recipient)s? (?:may|will|shall|must|can|agree|do|should)"
    r"(?: \w+)? (?:not|never)\b(?! (?:opt|wish|want|consent|choose|object|have|agree|enable|allow|turn))|\byou agree not\b|\b(?:you|customer)s? (?:be|is|are) (?:not )?"
    r"(?:prohibit|forbid|restrict)|\bprohibit\w* (?:from|use)|\bcompet\w*|\bnot (?:allow|permit)\w* to\b"
    r"|\byou (?:promise|undertake|agree) not\b|^(?:\W+ )?do not (?:use|attempt|reverse)|\bmay not be used to develop|^(?:\W+ )?not use\b|\breverse[- ]engineer"
    r"|\bscrap\w*|\bcrawl\w*|\brobots"
)


DATA_KINDS = {
    "inputs": r"\b(?:input|prompt|conversation|chat|message|quer(?:y|ie)|content|material|instruction|voice|audio|image)s?\b",
    "outputs": r"\b(?:output|response|completion|generation|result|suggestion)s?\b",
    "files": r"\b(?:file|document|upload|attachment)s?\b",
    "feedback": r"\b(?:feedback|rating|thumbs|report)s?\b",
    "flagged": r"\bflag\w*|\bviolat\w*|trust and safety|safety review",
    "usage": r"\b(?:usage|telemetry|log|diagnostic|technical|device|analytics)\b",
    "personal": r"\bpersonal (?:data|information)\b",
}


DEID = re.compile(r"\bde-?identif|\banonymi|\baggregat|\bpseudonymi")


COOKIE = re.compile(r"\bcookie|\btracker|\blocal storage|\bpixel|\bsdk|\bweb beacon|\btag manager")


# Matched against lemmas: "advertising partners" reads "advertise partner" there.
RECIPIENTS: dict[str, str] = {
    "affiliates": r"\baffiliat|\bsubsidiar|\bgroup compan|\bcorporate (?:group|family)|\bparent compan"
    r"|\bfamily of compan",
    "service_providers": r"\bservice provider|\bvendor|\bsub-?processor|\bprocessors?\b|\bcontractor|\bsupplier"
    r"|\bhost(?:ing)? provider|\bcloud[- ](?:service )?provider|\bpayment processor|\bconsultant",
    "model_providers": r"\bmodel (?:provider|developer|maker|creator|owner)s?\b|\bmaker of the model"
    r"|\b(?:third[- ]party|external|underlying|underlie) (?:ai |llm |foundation )?models?\b|\b(?:llm|ai) (?:model )?(?:provider|vendor)s?\b"
    r"|\bartificial intelligence (?:model )?(?:provider|vendor)|\bprovider of (?:\w+ )?(?:ai|artificial intelligence|llm)"
    r"|\bfoundation model",
    # an advertising or marketing partner is an advertiser, not another kind of partner
    "partners": r"(?<!advertise )(?<!advertising )(?<!market )(?<!marketing )(?<!ad )\bpartner"
    r"|\breseller|\bdistributor",
    "advertisers": r"\badvertiser|\badvertis(?:e|ing) (?:partner|network|platform|compan|provider|service)|\bad network"
    r"|\bad partner|\bad platform|\bad tech|\bmarket(?:ing)? (?:partner|compan)",
    "authorities": r"\blaw enforcement|\bauthorit|\bgovernment(?:al)? (?:authorit|agenc|bod|official|entit|request|order)|\bregulator|\bcourt order|\bsubpoena|\blegal process"
    r"|\bpublic bod|\bncmec|\bnational cent(?:er|re) for miss|\bpolice|\bcompetent bod",
    "acquirers": r"\bmerger|\bacquisition|\bacquir|\bsuccessor|\bbankruptcy|\breorgani[sz]ation|\bchange of control"
    r"|\bcorporate transaction|\bsale of (?:all|assets|our|the company|substantially)"
    r"|\bsell\w* (?:all or (?:a )?part of )?(?:our|the|its) (?:business|company|asset|stock)",
    "public": r"\bpublicly (?:display|visible|accessible|share)|\bto the public\b|\bother users?\b"
    r"|\bremix|\b(?:give|grant)\w* (?:\w+ ){0,2}users? (?:\w+ ){0,3}(?:right|licen[sc]e)"
    r"|\bpublic (?:profile|gallery|feed|link)",
    "organization": r"\badministrator|\byour employer|\byour organi[sz]ation|\baccount owner",
    # connectors, plugins and integrations pass the user's content on to someone else's service
    "third_party_apps": r"\bconnector|\bplug-?in|\bthird[- ]party (?:app|application|integration"
    r"|extension)s?\b|\bexternal (?:app|application)s?\b",
}


ENTITY_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|gmbh|sas|sa|bv|b\.v|plc|co|company|s\.a|ag|pte|lp)\b\.?",
    re.IGNORECASE,
)


# "turn off / stop / cease sharing": the practice goes on until the user (or a signal) stops it
STOPS = re.compile(r"\b(?:turn\w* off|stop|cease|switch\w* off) (?:\w+ ){0,2}\w+$")


def negated_before(lemmas: str, pos: int, window: int = 60) -> bool:
    """True when a negation governs the words just before `pos` (same clause, no 'unless')."""
    head = lemmas[max(0, pos - window) : pos]
    # a negation inside a closed parenthesis ("a model labeled (no retention)") governs nothing
    head = re.sub(r"\([^()]*\)", " ", head)
    # A clause boundary or an exception resets the scope of the negation.
    head = re.split(
        r"[;:]| unless | except | but | however | other than | only |, and | and (?:we|use|to|may) "
        r"|, (?:which|who|that) ",
        head,
    )[-1]
    if re.search(
        r"\bno longer (?:be )?(?:use to )?identif|\bnot (?:reasonably )?identif|\bnot personally",
        head,
    ):
        return False
    if re.search(
        r"\bwithout (?:your )?(?:\w+ )?(?:consent|permission|approval|authori[sz]ation)", head
    ):
        return False
    head = head.replace("whether or not", "whether")
    if re.search(r"\bnot only\b", head):
        return False
    if re.search(r"\b(?:if|unless) you (?:do not|don't|not) (?:want|wish|like|agree)\b", head):
        return False  # "if you would rather we did not train on your content": the user's choice
    if STOPS.search(head):
        # "we will turn off sharing ... if we receive a GPC signal" is not a promise not to
        # share: it says the sharing happens until the user stops it (read as an opt-out)
        return False
    return bool(
        re.search(
            rf"\b{NEG}\b|\bprohibit\w* (?:the )?(?:sale|sell|shar|disclos|transfer)|\brefrain",
            head,
        )
    )


_SENTENCE_END = re.compile(r" [.!?] (?=\S)")


def sentence_at(lemmas: str, pos: int) -> str:
    """The sentence of a (tokenized, lemmatized) multi-sentence text that holds `pos`."""
    start = 0
    for m in _SENTENCE_END.finditer(lemmas):
        if m.end() > pos:
            return lemmas[start : m.start() + 2]
        start = m.end()
    return lemmas[start:]


def data_kinds(text: str) -> list[str]:
    return [k for k, pat in DATA_KINDS.items() if re.search(pat, text)]


def is_user_restriction(lemmas: str) -> bool:
    """'You may not use the Services to develop competing models' is not a provider practice."""
    return bool(_USER_RESTRICTION.search(lemmas))


USER_DATA = re.compile(
    r"\b(?:data|information|content|input|output|prompt|conversation|chat|interaction|material"
    r"|feedback|submission|message|quer(?:y|ie)|upload|file|usage|telemetry|question|code|text"
    r"|recording|record|image|it|them|this|communication|correspondence|email|transcript|code|codebase|snippet|memor(?:y|ie)"
    r"|repositor(?:y|ie)"
    # what people post and the identifiers that single them out are personal data too
    r"|post|comment|photo|video|identifier|activity|activitie)s?\b"
    r"|\bwhat you (?:type|write|say|enter|upload)\b"
    # a model fine-tuned on the customer's data carries that data
    r"|\bfine-?tuned model"
)


MODEL_WORDS = re.compile(
    r"\bmodel|\bai\b|\balgorithm|machine learn|\bllm|artificial intelligence|neural"
)


# A pointer to another part of the document states nothing itself (`extract_facts` and the
# training rules read it at a clause's start): "Section 4 explains how
# long we keep your chats", "For more information on how we share data, see ...".
DOC_POINTER = re.compile(
    r"^(?:\W+ )?(?:for (?:more|much|further|additional) (?:information|detail)"
    # (lemmas: "more" reads "much"); "you can read more about how we retain personal data"
    r"|(?:to |you (?:can|may|will) )?(?:learn|read|find out) (?:more|much)\b"
    r"|please (?:see|refer|visit|read|review)|(?:see|refer to) (?:our|the|section)"
    r"|(?:this|the|our) (?:\w+ ){0,2}(?:policy|notice|statement|term|agreement|document|section|page"
    r"|article|faq)s? (?:outline|describe|explain|set out|set forth|detail|summari[sz]e|tell)s?"
    r"|section [\w.]+ (?:outline|describe|explain|set out|detail)s?"
    # "Set out below are more details on how we retain ...": an introduction to what follows
    r"|(?:set out|set forth|described|listed|outlined) below (?:be|is|are)"
    r"|below (?:be|is|are|you will find) (?:\w+ ){0,2}(?:detail|information|explanation))\b"
)
