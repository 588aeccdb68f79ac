"""Facts about training use, retention and sharing, read from one clause.

`extract_facts(text, lemmas, context)` is pure and works on one sentence, list item or table
row: `text` is the clause as written (link targets already stripped), `lemmas` the lower-case
lemma string of the same words (spaCy lookup lemmatizer, tokens joined by single spaces) and
`context` the heading path plus, for list items and table rows, the sentence leading into them.

The facts are plain JSON-able dicts, one per topic (``training_use``, ``retention``,
``sharing``). Each carries an ``atoms`` list: small hashable statements ("training permitted
unless you opt out", "kept 30 days", "shared with advertisers") that `pipelines.compare`
compares between versions. Rewording that keeps the atoms is not a change.

The rules describe the general language of privacy policies, terms and DPAs: modality and
negation ("we will not", "we do not sell", "may", "unless you opt out"), defaults and opt-outs,
recipient categories and durations. Restrictions on what *the user* may do ("you may not use
the output to train competing models") are not provider practices and yield no facts.
"""

from __future__ import annotations

import re
from typing import Any

from clausewatch.parsers.durations import find_durations

# --------------------------------------------------------------------------- cue words

# Cheap pre-filter on lower-cased raw text: a block without any of these is never analyzed.
TOPIC_CUES = re.compile(
    r"train|machine learning|fine-?tun|improv|develop|enhanc|model"
    r"|retain|retention|stor(e|ed|age|ing)\b|keep|kept|delet|eras|destroy|purg|anonymi|\bdays?\b"
    r"|\bmonths?\b|\byears?\b|as long as|indefinite"
    r"|shar(e|ed|es|ing)\b|disclos|\bsell|\bsale|\bsold\b|transfer|third[- ]part|affiliat"
    r"|processor|vendor|partner|advertis|authorit|law enforcement|government|merger|acqui"
    r"|publicly|publish|subsidiar|service provider|recipient"
    r"|case stud|\blogo|remix|connector|plug-?in|\bas (?:a |an |our )?(?:\S+ )?customer"
    r"|sub-?licens|re-?licens"
)

_NEG = r"(?:not|never|n't|no|none|nor|neither|without)"
_COOKIE_WORDS = re.compile(r"\bcookie|\bweb beacon|\bpixel|\btracking technolog")
_USER_RESTRICTION = re.compile(
    r"\b(?:you|user|customer|licensee|recipient)s? (?:may|will|shall|must|can|agree|do|should)"
    r"(?: \w+)? (?:not|never)\b(?! (?:opt|wish|want|consent|choose|object|have|agree|enable|allow|turn))|\byou agree not\b|\b(?:you|customer)s? (?:be|is|are) (?:not )?"
    r"(?:prohibit|forbid|restrict)|\bprohibit\w* (?:from|use)|\bcompet\w*|\bnot (?:allow|permit)\w* to\b"
    r"|\byou (?:promise|undertake|agree) not\b|^(?:\W+ )?do not (?:use|attempt|reverse)|\bmay not be used to develop|^(?:\W+ )?not use\b|\breverse[- ]engineer"
    r"|\bscrap\w*|\bcrawl\w*|\brobots"
)

# ------------------------------------------------------------------ training use

_TRAIN = re.compile(
    r"\b(?:train|training|retrain|fine-?tun\w*|machine learning"
    r"|(?:develop|improve|enhance|build|create)\w* (?:\w+ ){0,4}(?:model|algorithm|llm|ai|"
    r"artificial intelligence|machine learning)s?\b"
    # "we never store or learn from your codebase": learning from the data is training on it
    r"|learn\w* from (?:\w+ ){0,2}(?:data|your|code|codebase|conversation|content|input|prompt"
    r"|interaction|chat|what you type)s?\b)"
)
_IMPROVE = re.compile(
    r"\b(?:improv\w*|enhanc\w*|develop(?!er)\w*|better)\b (?:\w+ ){0,4}(?:service|product|feature|offering|"
    r"technology|system|experience|platform|tool)s?\b|\bproduct development\b|\bresearch and development\b"
)
_DATA_KINDS = {
    "inputs": r"\b(?:input|prompt|conversation|chat|message|quer(?:y|ie)|content|material|instruction|voice|audio|image)s?\b",
    "outputs": r"\b(?:output|response|completion|generation|result|suggestion)s?\b",
    "files": r"\b(?:file|document|upload|attachment)s?\b",
    "feedback": r"\b(?:feedback|rating|thumbs|report)s?\b",
    "flagged": r"\bflag\w*|\bviolat\w*|trust and safety|safety review",
    "usage": r"\b(?:usage|telemetry|log|diagnostic|technical|device|analytics)\b",
    "personal": r"\bpersonal (?:data|information)\b",
}
_OPT_OUT = re.compile(
    r"\bopt(?:-| )?out|\bif you (?:do not|don't) (?:want|wish)\b|\bunless you\b|\bturn\w* off\b|\bdisable\b|\bchoose not to\b|\bobject\b"
    r"|\b(?:control|select|choose|decide) (?:whether|how)\b|\bsetting"
)
_OPT_IN = re.compile(
    r"\bopt(?:-| )?in|\bwith your (?:explicit |prior |express )?(?:consent|permission)"
    r"|\bif you (?:choose|agree|allow|consent|enable|explicitly|give|have chosen|elect)"
    r"|\bexplicit(?:ly)? (?:consent|permission|agree)|\bonly if you\b|\bby default\b"
    r"|\bwithout your (?:explicit |prior |express )?(?:consent|permission)|\bonly (?:when|where) you\b"
    # "when you sign in and agree to share the following data, we will use ..."
    r"|\b(?:when|if|once) you (?:\w+ ){1,8}and (?:agree|consent|choose|opt in|elect)\b"
)
_DESPITE_OPT_OUT = re.compile(
    r"\b(?:even|also) (?:if|when|though|where) you (?:have )?(?:\w+ )?(?:opt|turn\w* off|disable"
    r"|choose not|object|decline)|\bregardless of (?:your|whether you)"
)
_DEID = re.compile(r"\bde-?identif|\banonymi|\baggregat|\bpseudonymi")
# "aggregate" as one verb of a licence ("copy, modify, aggregate, and display") is no de-identification
_AGGREGATE_VERB_ONLY = re.compile(r"\baggregate ?,? (?:and|or) ")
_OPTOUT_WHO = re.compile(
    r"\b(free|paid|consumer|enterprise|business|team|api|pro|plus)\b (?:\w+ )?(?:user|customer|plan|tier|account)s?"
)

# --------------------------------------------------------------------------- retention

_RETAIN = re.compile(
    r"\b(?:retain\w*|retention|keep|kept|store|storage|stored|storing|save|saved|hold|delete\w*|deletion"
    r"|eras\w*|destroy\w*|purg\w*|dispos\w*|remove)\b"
)
_INDEFINITE = re.compile(
    r"\bindefinite|\bas long as (?:\w+ ){0,3}(?:necessary|need|needed|require|required|reasonabl|permit)"
    r"|\buntil you (?:delete|close|request)|\bno longer (?:necessary|needed)"
)
_NO_STORE = re.compile(
    rf"\b{_NEG} (?:\w+ ){{0,2}}(?:log|store|retain|save|keep|persist)\b"
    r"|\bzero data retention|\bnot be (?:saved|stored|retained|logged|kept)\b"
)
_KEEPS = re.compile(
    r"\b(?:we|will|may|can|be) (?:\w+ ){0,2}(?:retain|store|keep|save)\b(?! (?:\w+ ){0,4}in mind)"
)
_USER_DELETE = re.compile(
    r"\byou (?:can|may|have the right to|be able to) (?:\w+ ){0,3}(?:delete|erase|remove|request (?:the )?deletion)"
    r"|\bright to (?:deletion|erasure|delete)"
)
_RETENTION_OPT_OUT = re.compile(
    r"\b(?:do not|don't|not) (?:want|wish) (?:us|we|\w+) to (?:retain|store|keep|save)\b"
    r"|\bopt(?:-| )?out of (?:\w+ ){0,3}(?:retention|storage|being (?:stored|retained|kept))"
)
_DATA_OBJ = r"(?:\w+ ){0,4}(?:data|information|content|conversation|prompt|input|output|chat|record|cop(?:y|ie)|file|log|history)s?\b"
# kinds of data a keeping statement may name (more than training's: code, memories, backups)
# what a keeping statement keeps, coarsely: "customer data", "user content", "your inputs"
# and "files" are all the user's content; code, usage logs, feedback, flagged content and
# backups are kinds a policy adds on their own
_KEPT_KINDS = {
    "content": r"\b(?:input|prompt|conversation|chat|message|quer(?:y|ie)|content|output|response"
    r"|file|document|upload|attachment|customer data|user data)s?\b",
    "personal": _DATA_KINDS["personal"],
    "feedback": _DATA_KINDS["feedback"],
    "flagged": _DATA_KINDS["flagged"],
    "usage": _DATA_KINDS["usage"],
    "code": r"\b(?:code|snippet)s?\b",
    "backups": r"\bbackups?\b|\bback-?up (?:cop(?:y|ie)|medium|media|system)",
}
# "when no longer needed, we delete or anonymize it": a deletion duty without a number
_DELETE_AT_END = re.compile(
    r"\bno longer (?:be )?(?:necessary|needed|need|required|require|relevant)\b.{0,160}"
    r"\b(?:delete|deletion|erase|erasure|destroy|destruction|purge|anonymi[sz]|de-?identif)"
    r"|\b(?:delete|erase|destroy|purge|anonymi[sz]e)\w* (?:\w+ ){0,8}(?:when|once|after|if) (?:\w+ ){0,4}"
    r"no longer (?:be )?(?:necessary|needed|need|required|require)"
)
# kept to defend legal claims or during litigation: a reason to keep beyond the stated period
_LEGAL_HOLD = re.compile(
    r"\blitigation|\blegal (?:hold|claim|position|proceeding|dispute)s?\b|\bstatute of limitation"
    r"|\bdefen[cs]e of (?:legal )?claim|\bdefend (?:\w+ ){0,3}(?:legal )?claim"
)
# dispute-resolution steps ("the claimant shall keep ...") are not data retention
_DISPUTE = re.compile(r"\barbitrat|\bclaimant|\bmediat|\bdefendant|\bsettlement")
_MODERATION = re.compile(r"\bviolat|\binfring|\bdisable|\bobjectionable|\bunlawful|\babusive")
_FEATURE_CONDITION = re.compile(
    r"\b(?:if|when|where|once) you (?:\w+ ){0,2}(?:enable|elect|choose|use|include|turn on|opt in|select"
    r"|activate|connect|switch on)\b"
)
_WE_DELETE = re.compile(
    rf"\b(?:we|will|shall) (?:\w+ ){{0,3}}(?:delete|erase|destroy|purge|anonymi[sz]e|de-identify) {_DATA_OBJ}"
    rf"|\b{_DATA_OBJ[:-4]}s?\b (?:\w+ ){{0,4}}(?:be|is|are) (?:\w+ )?(?:delete|erase|destroy|purge)"
    # "Customer Data is transmitted only to generate suggestions and is deleted once ..."
    rf"|\b{_DATA_OBJ[:-4]}s?\b (?:be|is|are) (?:[\w-]+ ){{1,10}}and (?:be|is|are) (?:\w+ )?"
    r"(?:delete|erase|destroy|purge)"
)
_TRIGGER = {
    "account_closure": r"(?:clos|delet|terminat|cancel)\w* (?:of )?(?:your |the )?(?:account|subscription)"
    r"|account (?:closure|deletion|termination)",
    "deletion": r"after (?:you )?delet|deletion of (?:the |your )?(?:conversation|chat|content|data)",
    "termination": r"terminat\w* (?:of )?(?:the |this |your )?\w+|end of the (?:agreement|term|contract)"
    r"|expir\w* of (?:the |this )?(?:agreement|term|contract|subscription)",
    "collection": r"\bcollect(?:ion|ed)\b",
}
_NOTICE = re.compile(
    r"\bnotice|\bnotif|\bobject|\bterminat\w* (?:this|the) agreement|\brefund|\bpayment|\binvoice"
    r"|\bdispute|\bclaim|\bcure|\bcancel\w* (?:your )?subscription|\bbilling|\bcooling|\bwithdraw"
)
_COOKIE = re.compile(r"\bcookie|\btracker|\blocal storage|\bpixel|\bsdk|\bweb beacon|\btag manager")

# --------------------------------------------------------------------------- sharing

_SHARE = re.compile(
    r"\b(?:share|sharing|shared|disclose\w*|disclosure|sell\w*|sold|sale|transfer\w*|rent\w*|trade"
    r"|provide (?:\w+ ){0,5}to (?!you\b)(?!\w+ (?:the|a|an|your|our|any|this)\b)|make (?:\w+ ){0,3}(?:data|information|content|input|output|prompt)s? available|give (?:\w+ ){0,3}access|grant\w* (?:\w+ ){0,3}access"
    r"|send (?:\w+ ){0,8}to|report (?:\w+ ){0,9}to|transmit\w* (?:\w+ ){0,6}to|^recipients? :|pass (?:\w+ ){0,3}to|access (?:to )?(?:your )?(?:data|content|information)"
    r"|(?:vendor|provider|partner|processor|affiliate|third part(?:y|ie))s? (?:\w+ ){0,3}(?:receive|access|obtain)\w*"
    r"|process\w* (?:\w+ ){0,4}on (?:our|its) behalf|engage\w* (?:\w+ ){0,3}(?:sub-?processor|vendor|provider))\b"
)
# Assignment of the contract, confidentiality between the parties, liability lists: not data sharing.
_NOT_DATA_SHARING = re.compile(
    r"\b(?:assign|transfer)\w* (?:\w+ ){0,3}(?:right|obligation|agreement|term|licen[sc]e)s?\b"
    r"|\bconfidential information\b|\bliab(?:le|ility)\b|\bindemnif|\bshare (?:your |an )?account"
    r"|\bwarrant|\b(?:you|user)s? (?:\w+ ){0,2}(?:share|disclose|publish|post)\b|\bassign\w* to you"
    r"|\bintra-?group|\bstandard contractual|\badequacy|\btransfer mechanism|\barticle 46"
    r"|\battribution|\bcompensation|\b(?:relate|about|regard\w*|concern\w*) (?:to )?(?:other )?(?:third part|people|individual)"
    # what is resold or rented is the service itself, not the user's data
    r"|\b(?:re-?sell|resell|sublicen[sc]e|rent|lease|sell)\w* (?:\w+ ){0,2}(?:service|product|software"
    r"|subscription|seat|credit|api key)s?\b"
)
RECIPIENTS: dict[str, str] = {
    "affiliates": r"\baffiliat|\bsubsidiar|\bgroup compan|\bcorporate (?:group|family)|\bparent compan"
    r"|\bfamily of compan",
    "service_providers": r"\bservice provider|\bvendor|\bsub-?processor|\bprocessors?\b|\bcontractor|\bsupplier"
    r"|\bhosting provider|\bcloud[- ](?:service )?provider|\bpayment processor|\bconsultant",
    "model_providers": r"\bmodel (?:provider|developer|maker|creator|owner)s?\b|\bmaker of the model"
    r"|\b(?:third[- ]party|external|underlying) (?:ai |llm |foundation )?models?\b|\b(?:llm|ai) (?:model )?(?:provider|vendor)s?\b"
    r"|\bartificial intelligence (?:model )?(?:provider|vendor)|\bprovider of (?:\w+ )?(?:ai|artificial intelligence|llm)"
    r"|\bfoundation model",
    "partners": r"\bpartner|\breseller|\bdistributor",
    "advertisers": r"\badvertiser|\badvertising (?:partner|network|platform|compan|provider|service)|\bad network"
    r"|\bad partner|\bad platform|\bad tech|\bmarketing (?:partner|compan)",
    "authorities": r"\blaw enforcement|\bauthorit|\bgovernment(?:al)? (?:authorit|agenc|bod|official|entit|request|order)|\bregulator|\bcourt order|\bsubpoena|\blegal process"
    r"|\bpublic bod|\bncmec|\bnational cent(?:er|re) for miss|\bpolice|\bcompetent bod",
    "acquirers": r"\bmerger|\bacquisition|\bacquir|\bsuccessor|\bbankruptcy|\breorgani[sz]ation|\bchange of control"
    r"|\bcorporate transaction|\bsale of (?:all|assets|our|the company|substantially)",
    "public": r"\bpublicly (?:display|visible|accessible|share)|\bto the public\b|\bother users\b"
    r"|\bremix|\b(?:give|grant)\w* (?:\w+ ){0,2}users? (?:\w+ ){0,3}(?:right|licen[sc]e)"
    r"|\bpublic (?:profile|gallery|feed|link)",
    "organization": r"\badministrator|\byour employer|\byour organi[sz]ation|\baccount owner",
    # connectors, plugins and integrations pass the user's content on to someone else's service
    "third_party_apps": r"\bconnector|\bplug-?in|\bthird[- ]party (?:app|application|integration"
    r"|extension)s?\b|\bexternal (?:app|application)s?\b",
}
_RECIPIENT_RES = {k: re.compile(v) for k, v in RECIPIENTS.items()}
_THIRD_PARTY = re.compile(r"\bthird[- ]part")
_SALE = re.compile(
    r"\bsell\w*\b|\bsold\b|\bsale of (?:any )?(?:your |personal |user |customer |\w+ (?:user|account|customer) )+(?:data|information)\b"
)
_SUBPROC_CONTEXT = re.compile(
    r"sub-?processor|subprocessor|third[- ]party (?:service )?providers? list|vendors? list"
)
_RECIPIENT_LIST_LEAD = re.compile(
    r"(?:following|list of|these|below|such as|include\w*|:).{0,60}(?:provider|vendor|partner|processor|recipient"
    r"|third[- ]part|compan)|(?:provider|vendor|partner|processor|recipient|third[- ]part|compan)\w* .{0,60}"
    r"(?:following|below|such as|include|:)"
)


_DATA_CATEGORY = re.compile(
    r"information|data\b|detail|record|content|address|number|history|identifier|resume|preference"
)


def _looks_like_name(text: str) -> bool:
    """'Google Cloud Platform (hosting)' yes; 'Analyzing how our Products are used' no."""
    head = re.split(r"\s*(?:<br>|•|\(|,|:| - | – | \| )\s*", text.strip().lstrip(":;-–•*. "))[0]
    words = head.split()
    if not 1 <= len(words) <= 4 or words[0].lower().endswith("ing"):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "and", "&", "for"} for w in words
    )


_GENERIC_NAME = re.compile(
    r"^(?:the|a|an|our|your|we|you|to|for|with|in|if|when|where|other|any|all|legal|business|"
    r"service|third|government|corporate|data|personal|information|category|categories|purpose|"
    r"types?|name|contact|customer|user|security|payment|analytics|marketing|advertising|"
    r"professional|cloud|hosting|email|support|sale|merger|affiliate|compliance|safety|law|"
    r"protection|research|as|and|or|by|on|at|from|of|this|that|these|such|some|certain|no|not|"
    r"yes|public|companies|company|organization|partners?|providers?|vendors?)\b"
)
_ENTITY_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|gmbh|sas|sa|bv|b\.v|plc|co|company|s\.a|ag|pte|lp)\b\.?",
    re.IGNORECASE,
)

_TOPICS_ORDER = ("training_use", "retention", "sharing")


def _negated_before(lemmas: str, pos: int, window: int = 60) -> bool:
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
        return False  # "if you do not want us to use your content to train": the user's choice
    if re.search(r"\b(?:turn\w* off|stop|cease|switch\w* off) (?:\w+ ){0,2}\w+$", head):
        return True  # "we will turn off sharing your data with ... if ...": a way to stop it
    return bool(
        re.search(
            rf"\b{_NEG}\b|\bprohibit\w* (?:the )?(?:sale|sell|shar|disclos|transfer)|\brefrain",
            head,
        )
    )


# "we will report to the relevant authorities": what is reported is the user's conduct and data
_REPORTS_TO_AUTHORITIES = re.compile(
    r"\breport (?:\w+ ){0,9}to (?:\w+ ){0,3}(?:" + RECIPIENTS["authorities"] + ")"
)
# A licence the user grants on their content: who receives it, and whether it may be passed on.
_CONTENT_LICENCE = re.compile(
    r"\byou (?:hereby )?grant\b(.{0,120}?)\b(?:a|an|the)\b.{0,300}?\blicen[sc]e\b"
)
_SUBLICENSABLE = re.compile(r"(?<!non-)(?<!non )\bsub-?licens\w*|\bre-?licens\w*")


def _licence_atoms(low: str) -> list[list[Any]]:
    """'You grant us and our affiliates a sublicensable licence to your content'."""
    m = _CONTENT_LICENCE.search(low)
    if not m or not _USER_DATA.search(low[m.end() :]):
        return []
    atoms: list[list[Any]] = []
    if _SUBLICENSABLE.search(low[m.start() :]):
        atoms.append(["sharing", "sublicense", "permitted"])
    if re.search(RECIPIENTS["affiliates"], m.group(1)):
        atoms.append(["sharing", "affiliates", "permitted"])
    return atoms


_AS_DIRECTED = re.compile(
    r"\bonly (?:as|on|upon|in accordance with|under|at) (?:\w+ ){0,3}(?:direct|instruct|request|authori[sz])"
)
_SENTENCE_END = re.compile(r" [.!?] (?=\S)")


def _sentence_at(lemmas: str, pos: int) -> str:
    """The sentence of a (tokenized, lemmatized) multi-sentence text that holds `pos`."""
    start = 0
    for m in _SENTENCE_END.finditer(lemmas):
        if m.end() > pos:
            return lemmas[start : m.start() + 2]
        start = m.end()
    return lemmas[start:]


def _kinds(text: str) -> list[str]:
    return [k for k, pat in _DATA_KINDS.items() if re.search(pat, text)]


def is_user_restriction(lemmas: str) -> bool:
    """'You may not use the Services to develop competing models' is not a provider practice."""
    return bool(_USER_RESTRICTION.search(lemmas))


_USER_DATA = re.compile(
    r"\b(?:data|information|content|input|output|prompt|conversation|chat|interaction|material"
    r"|feedback|submission|message|quer(?:y|ie)|upload|file|usage|telemetry|question|code|text"
    r"|recording|image|it|them|this|communication|correspondence|email|transcript|code|codebase|snippet|memor(?:y|ie))s?\b"
    r"|\bwhat you (?:type|write|say|enter|upload)\b"
    # a model fine-tuned on the customer's data carries that data
    r"|\bfine-?tuned model"
)
_MODEL_WORDS = re.compile(
    r"\bmodel|\bai\b|\balgorithm|machine learning|\bllm|artificial intelligence|neural"
)


_PUBLIC_SOURCES = re.compile(
    r"\bpublicly available (?:information|data|personal|content|source)|\bpublic (?:information|data|web)\b"
    r"|\bfrom the (?:public )?internet\b|\bweb crawl|\blicensed (?:data|from third)"
)
# The user's own data named outright: public web data beside it does not make the clause moot.
_YOUR_DATA = re.compile(
    r"\byour (?:\w+ ){0,2}(?:data|information|content|input|prompt|question|conversation|chat"
    r"|feedback|interaction|message|file)s?\b|\b(?:conversation|user|customer|feedback|chat) (?:data|content)\b"
)
# The user's data is the object of the training: "use X to train", "train on X", "for training".
_DATA_USE = re.compile(
    r"\b(?:use|used|using|process|analy[sz]e|license|right)\b.{0,120}\b(?:to|for|in|of) (?:\w+ ){0,4}"
    r"(?:train|develop|improve|fine-tun|build|enhance|better)"
    r"|\b(?:train|fine-tun)\w* (?:\w+ ){0,5}(?:on|with|using|from)\b|\btrain\w* data\b"
    r"|\bfor (?:\w+ ){0,2}train|\blearn from\b"
    # a licence to use the content, far down the list of what it covers: "... license to use,
    # reproduce, modify ... including in connection with improving artificial intelligence models"
    r"|\blicen[sc]e\b.{0,900}\b(?:for|in connection with|include|including) (?:[\w,]+ ){0,6}"
    r"(?:train|improv|develop|enhanc)\w* (?:[\w,]+ ){0,4}(?:model|ai|artificial intelligence"
    r"|machine learning|algorithm)s?\b"
)


_NOT_MODEL_TRAINING = re.compile(
    r"\b(?:deliver|provide|offer|conduct)\w* (?:\w+ ){0,2}train|\btrain\w* (?:session|course|program|material|webinar)"
    r"|\b(?:employee|staff|personnel|security|privacy) train"
    r"|\btrain\w* (?:its|their|your|our) (?:team|employee|staff|personnel|people|user)s?\b"
)


# Text about the document, not a practice: "For more information on how we train, see ...",
# "This policy explains what data we may use to train our models".
_POINTER = re.compile(
    r"^(?:\W+ )?(?:for (?:more|much|further|additional) (?:information|detail)|to learn more|learn more)\b"
    r"|\bplease (?:see|refer|visit|read|review)\b|\b(?:read|learn) (?:more|much) about\b"
    r"|\b(?:this|our|the) (?:\w+ ){0,2}(?:policy|notice|statement|term|agreement|document|page|article|section)s?"
    r" (?:outline|describe|explain|set out|set forth|detail|summari[sz]e|tell)s?\b"
)
# The user or developer trains their own model: "you can fine-tune models on your own data".
_USER_TRAINS = re.compile(
    r"\b(?:you|developer|customer|user|licensee)s? (?:can|may|could|will be able to|be able to|have the ability to)"
    r"(?:(?: (?!allow|let|permit|authori)\w+)? (?:train|fine-tun|retrain|customi[sz]e|build|adapt|tailor|distil)\w*\b"
    # "you may apply the outputs to any use case, including training other models"
    r"| (?:use|apply|employ)\b(?:(?!\b(?:we|us)\b)[^.;]){0,160}?\b(?:train|fine-tun|distil)\w*\b)"
    # "our tuning API allows you to fine-tune models on your data"
    r"|\b(?:allow|let|enable|permit)s? (?:you|developer|customer|user)s? to (?:\w+ )?(?:train|fine-tun|retrain"
    r"|customi[sz]e|adapt)\w*\b"
)
# A vendor improving its own services with what it collects: "X uses it to improve the
# services it provides to us" is not the provider training on your data ("Acme uses it to
# improve its services" may be the provider itself: not matched).
_VENDOR_IMPROVES = re.compile(
    r"\bimprov\w* (?:\w+ ){0,2}their own (?:service|product)"
    r"|\bservice (?:that )?(?:it|they) provide (?:\w+ )?to (?:we|us)\b"
)
_PROVIDER_TRAINS = re.compile(
    r"\b(?:we|us)\b(?: \w+){0,8} (?:train|fine-tun|improve|develop)|\bour use of\b"
)
# "we may use subprocessors to improve the services": what is used is a vendor, not your data
_USES_VENDOR = re.compile(
    r"\buse (?:\w+ ){0,2}(?:sub-?processor|vendor|service provider|third[- ]part\w*|contractor|tool"
    r"|technolog\w*|cookie)s?\b"
)


# Information *about* the user's data (statistics, insights) rather than the data itself:
# "we use statistics related to your prompts to improve our models", "to get high-level
# information to improve the training". Dropping or adding this qualifier moves what is used.
_DERIVED_WORD = r"(?:statistic|insight|metric|(?:high-level|aggregate) information)"
_DERIVED_PHRASE = re.compile(
    rf"\b(?:(?:high-level |aggregate |statistical )?information|{_DERIVED_WORD})s?\b"
    r"(?: \([^)]*\))? (?:relat\w* to|deriv\w* from|about) (?:\w+ ){0,4}?"
    r"(?=\bto\b|\bfor\b|$)"
)
_DERIVED_GOAL = re.compile(
    rf"\b(?:get|obtain|derive|extract|generate|compute|collect) (?:[\w-]+ ){{0,2}}{_DERIVED_WORD}s? "
    r"(?:\w+ ){0,3}(?:to|for) (?:\w+ ){0,2}(?:improv|train|develop|enhanc)"
)
_USE_OBJECT = re.compile(
    r"\b(?:use|process|analy[sz]e)\b(.{1,200}?)\b(?:to|for) (?:(?!to |for )\w+ ){0,3}"
    r"(?:train|improv|develop|enhanc|fine-tun)"
)


def _derived_only(low: str) -> bool:
    """The clause uses information derived from the user's data, not the data itself."""
    if _DERIVED_GOAL.search(low):
        return True
    m = _USE_OBJECT.search(low)
    if not m or not _DERIVED_PHRASE.search(m.group(1)):
        return False
    rest = _DERIVED_PHRASE.sub(" ", m.group(1))
    return not any(k in _kinds(rest) for k in ("inputs", "outputs", "files"))


# The stock list of what any service does with data; naming no model, it is not training.
_RUN_THE_SERVICE = re.compile(
    r"\b(?:provide|operate|deliver)\w* (?:[\w,]+ ){0,8}(?:and|or) (?:to )?improv\w* (?:the|our) "
    r"(?:service|product|platform|site|website)s?\b"
)


def _statements(lemmas: str) -> str:
    """The lemmas without questions: "how does this relate to the training data?" states nothing."""
    # (the pattern rescans a sentence from every start position: skip it when there is no "?")
    return _QUESTION_SENTENCE.sub(" ", lemmas) if "?" in lemmas else lemmas


_QUESTION_SENTENCE = re.compile(r"[^.?!]*\?")


def training_facts(text: str, lemmas: str) -> dict[str, Any] | None:
    low = _statements(lemmas)
    if _POINTER.search(low):
        return None
    if _USER_TRAINS.search(low):
        if not _PROVIDER_TRAINS.search(low):
            return None
        # read the provider's part only: "you can fine-tune ..., and we will not train ..."
        low = _USER_TRAINS.sub(lambda u: " " * len(u.group()), low)
    if not _USER_DATA.search(low):
        return None  # "we train our models to refuse harmful requests" is not about your data
    if _NOT_MODEL_TRAINING.search(low) or (
        _PUBLIC_SOURCES.search(low) and not _YOUR_DATA.search(low)
    ):
        return None  # training on publicly available web data is not about the user's data
    m = _TRAIN.search(low)
    action = "train"
    if (
        m
        and not m.group().startswith("learn")
        and not _MODEL_WORDS.search(low)
        and not re.search(
            r"\btrain\w* (?:on|with)\b|\buse\b.{0,80}\b(?:for|to) (?:\w+ ){0,4}train", low
        )
    ):
        m = None  # "travel by train", "training sessions"
    if m and not _DATA_USE.search(low):
        m = None  # "we train our models to refuse harmful requests": no user data used
    if not m:
        m = _IMPROVE.search(low)
        action = "improve"
        if not m:
            return None
        # "improve our services" is a training statement only when the provider *uses* data for it.
        if not re.search(r"\buse\b|\banaly[sz]e\b|\bprocess\b|\blicen[sc]e\b", low[: m.start()]):
            return None
        if _COOKIE_WORDS.search(low) or re.search(r"\bimprov\w* (?:your|the user) experience", low):
            return None
        if _USES_VENDOR.search(low[: m.start()]) or _VENDOR_IMPROVES.search(low):
            return None
    if is_user_restriction(low):
        return None
    prohibited = _negated_before(low, m.start())
    if not prohibited and re.search(
        rf"\b{_NEG} (?:\w+ ){{0,3}}(?:use|used|using)\b", low[: m.start()]
    ):
        prohibited = _negated_before(low, m.start(), window=140)
    cond = "none"
    if _OPT_IN.search(low):
        cond = "opt_in"
    elif _OPT_OUT.search(low):
        cond = "opt_out"
    if _DEID.search(low) and not (
        _AGGREGATE_VERB_ONLY.search(text.lower())
        and not _DEID.search(_AGGREGATE_VERB_ONLY.sub(" ", low))
    ):
        cond = "deid" if cond == "none" else cond
    if prohibited and cond == "opt_out":
        cond = "none"  # "we do not train ... and you can turn it off" is still a prohibition
    if not prohibited and _DESPITE_OPT_OUT.search(low):
        cond = "despite_opt_out"  # "... even if you have opted out": an exception to the opt-out
    permitted = "prohibited" if prohibited else "permitted"
    default = {"opt_in": "opt_in", "opt_out": "opt_out"}.get(cond, "none")
    who = sorted(set(_OPTOUT_WHO.findall(low))) if cond in ("opt_out", "opt_in") else []
    exceptions = bool(re.search(r"\bunless\b|\bexcept\b|\bother than\b", low))
    return {
        "action": action,
        "use": permitted,
        "default": default,
        "data": _kinds(low),
        "derived": _derived_only(low),
        "exceptions": exceptions,
        "who_can_opt_out": who,
        "atoms": [["training", action, permitted, cond]],
    }


_MODE = re.compile(
    r"\b(?:incognito|temporary chat|privacy mode|zero data retention|enterprise|business|team"
    r"|education|api|free|paid|consumer)\b"
)


# the user's data as the object of a keeping verb: "we retain your prompts and outputs"
_KEEPS_USER_DATA = re.compile(
    r"\b(?:retain|store|keep|save|delete|erase)\w* (?:\w+ ){0,2}(?:prompt|input|output|conversation"
    r"|chat|content|personal data|user data|customer data)s?\b"
)


def retention_facts(text: str, lemmas: str, context: str) -> dict[str, Any] | None:
    low = lemmas
    if text.rstrip().endswith("?"):
        return None  # a question heading ("How long do we keep data?") states nothing
    if not _RETAIN.search(low) and not _INDEFINITE.search(low):
        return None
    if _COOKIE.search(low) or _COOKIE.search(context.lower()):
        return None  # cookie lifetimes are not data retention commitments
    if _DISPUTE.search(low):
        return None  # steps of a dispute procedure ("the claimant keeps a copy") are not retention
    if re.search(
        r"\bapp store\b|\bstore (?:credit|front|page)|\bkeep (?:you|your account) (?:safe|secure|informed)"
        r"|\bpayment|\bcredit card|\bcard (?:number|detail)|\bbilling|\blicen[sc]e|\bindemnif"
        r"|\bstored[- ]value\b|\bcredits? (?:\w+ ){0,3}expire",
        low,
    ):
        return None
    if "agreement" in low and not _KEEPS_USER_DATA.search(low):
        return None  # "during the term of this Agreement, each party keeps ...": contract terms
    atoms: list[list[Any]] = []
    days: list[int] = []
    if not _NOTICE.search(low):
        days = [d for d in find_durations(text) if d >= 1]
    trigger = next((k for k, pat in _TRIGGER.items() if re.search(pat, low)), None)
    for d in sorted(set(days)):
        atoms.append(["retention", "days", d, trigger or "-"])
    # a period for flagged content, logs or backups is its own commitment, even when the
    # document already states the same number of days for something else
    special = [k for k in ("flagged", "backups") if re.search(_KEPT_KINDS[k], low)]
    for k in special:
        for d in sorted(set(days)):
            atoms.append(["retention", "days_for", k, d])
    end_delete = _DELETE_AT_END.search(low)
    indefinite = bool(_INDEFINITE.search(low)) and bool(_RETAIN.search(low)) and not end_delete
    if indefinite:
        atoms.append(["retention", "indefinite"])
    no_store = bool(_NO_STORE.search(low))
    if no_store:
        # "not stored in incognito mode" and "enterprise chats are not saved" are promises
        # about different things: each is its own atom
        mode = _MODE.search(low)
        atoms.append(["retention", "no_store"] + ([mode.group()] if mode else []))
    user_delete = bool(_USER_DELETE.search(low))
    # "you can delete" is a fact but not an atom: rights sections churn without changing it.
    # A way to stop the provider keeping data at all ("if you do not want us to retain your
    # prompts, opt out by email") is a promise of its own.
    if _RETENTION_OPT_OUT.search(low):
        atoms.append(["retention", "user_opt_out"])
    wd = _WE_DELETE.search(low)
    we_delete = (
        bool(wd)
        and not _negated_before(low, wd.start())
        and not re.search(r"\bnot\b|\bnever\b", wd.group())
    )
    if we_delete and _MODERATION.search(low):
        we_delete = False  # removing content that breaks the rules is moderation, not retention
    if end_delete and not _negated_before(low, end_delete.start()) and not days:
        # a deletion duty once the purpose is served: its own promise, apart from other deletions
        atoms.append(["retention", "we_delete", "end_of_purpose"])
    elif we_delete and not days:
        atoms.append(["retention", "we_delete"])
    if _LEGAL_HOLD.search(low) and re.search(
        r"\b(?:retain|retention|keep|kept|store|preserve)", low
    ):
        atoms.append(["retention", "legal_hold"])
    deid = bool(_DEID.search(low))
    keeps = _KEEPS.search(low)
    if (
        keeps
        and not days
        and not indefinite
        and not no_store
        and not _negated_before(low, keeps.start())
    ):
        # "we may store your code data to provide extra features": a new kind of data kept;
        # the data may come before a passive verb ("your input may be stored") or after it
        kinds: list[str] = []
        # kept on the user's own device is not kept by the provider
        local = re.search(r"\blocally\b|\bon your (?:device|computer|machine|phone)", low)
        for km in [] if local else _KEEPS.finditer(low):
            passive = bool(re.search(r"\bbe\b", km.group()))
            window = low[max(0, km.start() - 60) if passive else km.start() : km.end() + 50]
            kinds += [
                k
                for k, pat in _KEPT_KINDS.items()
                if re.search(pat, window) and not (passive and k == "personal")
            ]
        # a feature the user turns on that makes the provider keep more ("if you enable X, we
        # may store ...") is news even when the policy already keeps that kind of data elsewhere
        feature = _FEATURE_CONDITION.search(low)
        for kind in dict.fromkeys(kinds):
            atoms.append(["retention", "keeps", kind])
            if feature:
                atoms.append(["retention", "keeps_if", kind])
        until = re.search(r"\buntil (?:\w+ ){0,3}(?:delete|terminat|clos|cancel|request)", low)
        if until and trigger:
            atoms.append(["retention", "until", trigger])
    if not atoms:
        return None
    return {
        "days": sorted(set(days)),
        "max_days": max(days) if days else None,
        "trigger": trigger,
        "indefinite": indefinite,
        "no_store": no_store,
        "deidentified": deid,
        "user_can_delete": user_delete,
        # a duration tied to deletion is a deadline (protection), not a licence to keep data
        "deletes": bool(re.search(r"\b(?:delete|erase|destroy|purge|dispose|anonymi[sz]e)", low)),
        "data": _kinds(low),
        "atoms": atoms,
    }


def subprocessor_name(row: str) -> str | None:
    """The entity a sub-processor table row or list item names: its first cell, normalized."""
    cell = row.strip().strip("|").split("|")[0]
    # "Acme Cloud: our hosting provider" names Acme Cloud; ": Acme" is a stray colon
    cell = re.split(r"\s*(?:<br>|•|\(|,|:\s| - | – )\s*", cell.strip().lstrip(":;-–•*. "))[0]
    cell = _ENTITY_SUFFIX.sub("", cell).strip(" .,;:*")
    if not cell or len(cell) > 60 or len(cell.split()) > 6:
        return None
    low = cell.lower()
    if low in {"name", "sub-processor", "subprocessor", "entity", "vendor", "provider", "---"}:
        return None
    return low


def _after_verb(pattern: re.Pattern[str], low: str, spans: list[tuple[int, int]]) -> bool:
    """A recipient counts when it is the object of a sharing verb (shortly after it)."""
    for m in pattern.finditer(low):
        if any(start - 40 <= m.start() <= end + 160 for start, end in spans):
            return True
    return False


_TRACKER_PURPOSE = re.compile(
    r"advertis|marketing|analytic|targeting|measurement|retargeting|\bads?\b"
)
_SOURCE_COL = re.compile(r"^(?:source|provider|vendor|company|third[- ]party|set by|owner|service)")


def _tracker_atom(text: str, ctx: str) -> list[Any] | None:
    """A third-party advertising/analytics cookie row: ('sharing', 'tracker', source, domain).

    Cookie tables name who sets the cookie and on which site; an ad or analytics provider
    added, or present on more sites, receives data about more visits.
    """
    if "¶" not in ctx or not _COOKIE.search(ctx):
        return None
    head = [c.strip() for c in ctx.rsplit("¶", 1)[1].split(" | ")]
    cells = [c.strip() for c in text.split(" | ")]
    if len(cells) != len(head) or not _TRACKER_PURPOSE.search(text.lower()):
        return None
    src = next((i for i, h in enumerate(head) if _SOURCE_COL.match(h)), None)
    if src is None:
        return None
    # the whole source cell: "Google Analytics" and "Google Ads" are different trackers
    source = _ENTITY_SUFFIX.sub("", cells[src]).lower().strip(" .,")
    dom = next(
        (i for i, h in enumerate(head) if h.startswith("domain") or h.startswith("host")), None
    )
    domains = (
        " ".join(sorted(set(re.findall(r"[a-z0-9-]+\.[a-z]{2,}", cells[dom].lower()))))
        if dom is not None
        else "-"
    )
    return ["sharing", "tracker", source, domains] if source else None


_DISCLOSED_COL = re.compile(r"disclos|shar|sold\b|sell|sale", re.IGNORECASE)
_CATEGORY_COL = re.compile(r"categor|type of (?:personal )?(?:data|information)", re.IGNORECASE)


def _disclosure_atom(text: str, ctx: str) -> list[Any] | None:
    """A row of a "category | collected? | disclosed?" table whose disclosed cell says yes.

    ('sharing', 'discloses', category): a category going from NO to YES is disclosed now.
    """
    if "¶" not in ctx:
        return None
    head = [c.strip() for c in ctx.rsplit("¶", 1)[1].split(" | ")]
    cells = [c.strip() for c in text.split(" | ")]
    col = next((i for i, h in enumerate(head) if _DISCLOSED_COL.search(h)), None)
    cat = next((i for i, h in enumerate(head) if _CATEGORY_COL.search(h)), None)
    if len(cells) != len(head) or col is None or cat is None or col == cat:
        return None
    if not re.match(r"yes\b", cells[col], re.IGNORECASE):
        return None
    category = " ".join(re.findall(r"[a-z]+", cells[cat].lower())[:6])
    return ["sharing", "discloses", category] if category else None


# ------------------------------------------------------------ named recipients in prose

# A vendor or partner named in running text: "providers such as Acme Cloud, Brightlog and
# Corvane", "our email provider (Mailwing)", an item "Review platforms Foo Reviews and Bar".
_NAME_TOKEN = r"(?:[A-Z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*|[0-9]+[A-Za-z][A-Za-z0-9]*)"
_NAME = re.compile(rf"{_NAME_TOKEN}(?: (?:{_NAME_TOKEN}|&|of|for|de))*(?<! of)(?<! for)(?<! de)")
_NAME_LIST_CUE = re.compile(
    r"(?:\bsuch as|\bincluding|\binclude[sd]?|\be\.g\.,?|\bfor example,?|\bfor instance,?"
    r"|\bnamely|\bcurrently|\blike)\s+(?:the )?"
)
_RECIPIENT_WORD = re.compile(
    r"\b(?:provider|vendor|partner|processor|sub-?processor|third[- ]parties|recipient|supplier"
    r"|contractor|advertiser)s?\b",
    re.IGNORECASE,
)
# the recipient word leads straight into the names: "providers (for example, X)", "partners include X"
_RECIPIENT_BEFORE = re.compile(_RECIPIENT_WORD.pattern + r"(?:\s+[\w-]+){0,2}[\s,(:]*$", re.I)
_NOT_A_VENDOR_WORDS = (
    "the our your we you any all other such this these those services service personal "
    "data information privacy policy terms agreement customer customers user users "
    "content company ai api eu eea uk us usa united states kingdom european union "
    "california section article gdpr ccpa cookie cookies inc llc ltd input inputs output "
    "outputs account website site app apps platform platforms products product software "
    "and or if in for i ii iii iv a b c d e note see by to with affiliates partners "
    "providers vendors processors sub-processors"
)
_NOT_A_VENDOR = set(_NOT_A_VENDOR_WORDS.split())


def _vendor_names(segment: str) -> list[str]:
    """Names listed in `segment` ('Acme, Brightlog and Corvane Cloud'), up to the first non-name."""
    out: list[str] = []
    for piece in re.split(r",\s*(?:and |or )?|\s+(?:and|or|&)\s+|/", segment):
        piece = re.sub(r"\s*\([^)]*\)?$", "", piece.strip()).strip(' .;:"“”')
        m = _NAME.fullmatch(piece)
        if not m:
            break
        words = piece.lower().split()
        if words[0] in _NOT_A_VENDOR or all(w in _NOT_A_VENDOR for w in words):
            break
        out.append(_ENTITY_SUFFIX.sub("", piece).strip(" .,").lower())
    return [n for n in out if n]


# "Purpose: hosting", "Data location: Ireland": a field of the vendor above, not a vendor
_FIELD_LABEL = re.compile(
    r"^\W*(?:purpose|(?:data )?location|countr(?:y|ies)|region|description|categor(?:y|ies)"
    r"|function|processing|nature|opt-?out|website|address|contact|role|type|transfer mechanism)"
    r"\s*:",
    re.IGNORECASE,
)


def named_recipients(text: str, context: str, kind: str) -> list[str]:
    """Vendors and partners named in prose lists of a sharing clause (lower-case names).

    Only names introduced as examples of a recipient category count ("providers such as X",
    "our email provider (X)", items of a list led by "these third parties include:").
    """
    if sum(c.isupper() for c in text) > 0.5 * sum(c.isalpha() for c in text):
        return []  # ALL-CAPS disclaimers capitalize every word
    names: list[str] = []
    for m in _NAME_LIST_CUE.finditer(text):
        if not _RECIPIENT_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
            continue
        rest = re.split(r"[;)]|\.(?:\s|$)", text[m.end() :], maxsplit=1)[0]
        names.extend(_vendor_names(rest))
    for m in re.finditer(r"\(([^()]{2,80})\)", text):
        if not _RECIPIENT_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
            continue
        if re.fullmatch(r"\s*[\"“][^\"“”]+[\"”]\s*", m.group(1)):
            continue  # a defined term: ("Third Party Widgets")
        inner = _NAME_LIST_CUE.sub("", m.group(1), count=1)
        if inner == m.group(1) and re.match(
            r"^(?:the|collectively|each|together|a|an)\b", inner, re.I
        ):
            continue  # a defined term: (the "Services")
        names.extend(_vendor_names(inner.strip('"“” ')))
    if kind == "item" and not _FIELD_LABEL.match(text):
        lead = context.rsplit(" > ", 1)[-1]
        if _RECIPIENT_LIST_LEAD.search(lead.lower()) and _RECIPIENT_WORD.search(lead):
            body = re.split(r"[:(]| - | – |\.\s", text, maxsplit=1)[0]
            # a short item that is not a run-in heading followed by a sentence ("Costs. The ...")
            if len(text.split()) <= 12 and not re.search(r"\.\s+[A-Z]", text):
                for m in _NAME.finditer(body):
                    if m.start() == 0 and re.match(r"\s+[a-z]", body[m.end() :]):
                        continue  # the item's first word followed by a description
                    names.extend(_vendor_names(m.group()))
    return list(dict.fromkeys(names))


def sharing_facts(text: str, lemmas: str, context: str, row_kind: str) -> dict[str, Any] | None:
    low = lemmas
    ctx = context.lower()
    atoms: list[list[Any]] = []
    subs: list[str] = []
    if row_kind in ("row", "item") and not _COOKIE.search(ctx):
        lead = ctx.rsplit(" > ", 1)[-1]
        name = None
        if _SUBPROC_CONTEXT.search(ctx):
            name = subprocessor_name(text)
        elif _RECIPIENT_LIST_LEAD.search(lead) and _looks_like_name(text):
            # "We share data with the following providers:" followed by named companies
            name = subprocessor_name(text)
            if name and (
                _GENERIC_NAME.match(name)
                or _DATA_CATEGORY.search(name)
                or any(p.search(name) for p in _RECIPIENT_RES.values())
            ):
                name = None
        if name:
            subs.append(name)
            atoms.append(["sharing", "subprocessor", name.split()[0]])
    if not subs and row_kind != "row" and not _COOKIE_TABLE_ROW.search(ctx):
        for name in named_recipients(text, context, row_kind):
            atoms.append(["sharing", "named", name])
    tracker = _tracker_atom(text, ctx) if row_kind == "row" else None
    if tracker:
        atoms.append(tracker)
    disclosed = _disclosure_atom(text, ctx) if row_kind == "row" else None
    if disclosed:
        atoms.append(disclosed)
    share = _SHARE.search(low)
    # In an item of several sentences only the sharing verb's own sentence can make it a rule
    # for the user ("We report abuse to the police. We prohibit use of the service for:").
    if (
        _NOT_DATA_SHARING.search(low)
        or is_user_restriction(_sentence_at(low, share.start()) if share else low)
        or not (_USER_DATA.search(low) or _REPORTS_TO_AUTHORITIES.search(low))
    ):
        share = None
    lead = ctx.split(" > ")[-1] if ctx else ""
    lead_share = (
        row_kind == "item"
        and _SHARE.search(lead)
        # "may disclose Confidential Information: (i) to its vendors ..." is confidentiality
        and "confidential information" not in f"{low} {lead}"
    )
    recipients: list[str] = []
    polarity = "permitted"
    if share or lead_share:
        # the end of the verb: "prohibit the sale" governs its own noun
        if share and _negated_before(low, share.end()):
            polarity = "prohibited"
        if share:
            spans = [(m.start(), m.end()) for m in _SHARE.finditer(low)]
            recipients = [k for k, pat in _RECIPIENT_RES.items() if _after_verb(pat, low, spans)]
            if "third_party_apps" not in recipients and _ENABLE_APP.search(low):
                # "if you enable an integration, your data will be shared with its provider"
                recipients.append("third_party_apps")
            if not recipients and _after_verb(_THIRD_PARTY, low, spans):
                recipients = ["third_parties"]
        else:
            recipients = [k for k, pat in _RECIPIENT_RES.items() if pat.search(low)]
    for r in recipients:
        atoms.append(["sharing", r, polarity])
    atoms.extend(_licence_atoms(low))
    if share and not recipients and _AS_DIRECTED.search(low[share.start() :]):
        # "we use or share it only as directed by the school": sharing bound to instructions
        atoms.append(["sharing", "as_directed", "prohibited"])
    sale = None
    sm = _SALE.search(low)
    if sm and not re.search(_RECIPIENTS_ACQ, low) and not is_user_restriction(low):
        sale = "prohibited" if _negated_before(low, sm.end()) else "permitted"
        if not re.search(r"\b(?:data|information|content)\b", low):
            sale = None
        if sale:
            atoms.append(["sharing", "sale", sale])
    if (
        _REMIX.search(low)
        and not is_user_restriction(low)
        and not _negated_before(low, _REMIX.search(low).start())
    ):
        atoms.append(["sharing", "public", "permitted"])  # other users may reuse the content
    if _PUBLICITY.search(low) and not is_user_restriction(low):
        # naming the customer in marketing discloses who uses the service, and for what
        atoms.append(
            [
                "sharing",
                "publicity",
                "prohibited"
                if _negated_before(low, _PUBLICITY.search(low).start())
                else "permitted",
            ]
        )
    if not atoms:
        return None
    return {
        "recipients": recipients,
        "polarity": polarity,
        "sale": sale,
        "subprocessors": subs,
        "atoms": atoms,
    }


_RECIPIENTS_ACQ = RECIPIENTS["acquirers"]
_ENABLE_APP = re.compile(
    r"\b(?:connect|install|enable|add|link|authori[sz]e)\w* (?:\w+ ){0,4}(?:third[- ]party|external"
    r"|outside) (?:\w+ )?(?:product|app|application|integration|extension|plug-?in|tool)s?\b"
)
_REMIX = re.compile(
    r"\b(?:give|grant)\w* (?:\w+ ){0,2}(?:other )?users? (?:\w+ ){0,3}(?:right|licen[sc]e) to (?:\w+ ){0,4}"
    r"(?:remix|reproduce|reuse|modify|adapt)|\b(?:other users?|anyone|the public) (?:\w+ ){0,3}(?:can|may) (?:\w+ ){0,2}remix"
)
_PUBLICITY = re.compile(
    r"\b(?:identify|list|name|refer to|reference|feature|display)\w* (?:\w+ ){0,5}as (?:a |an |our |\w+ 's )?"
    r"(?:customer|client|user)s?\b|\bcase stud(?:y|ie)s?\b"
    r"|\buse (?:your|customer 's|customer) (?:\w+ ){0,3}(?:name|logo|trademark)s? (?:\w+ ){0,8}"
    r"(?:marketing|promotional|publicity|customer list|website)"
)
_COOKIE_TABLE_ROW = re.compile(r"¶.*\bcookie")


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
    if kind != "row" and (
        text.rstrip().endswith("?") or (_QUESTION.match(lemmas) and not _STATEMENT_END.search(text))
    ):
        return out  # "Does Acme sell my data?", "How long do we keep your data": headings
    tf = training_facts(text, lemmas)
    if tf:
        out["training_use"] = tf
    rf = retention_facts(text, lemmas, context)
    if rf:
        out["retention"] = rf
    sf = sharing_facts(text, lemmas, context, kind)
    if sf:
        out["sharing"] = sf
    return out
