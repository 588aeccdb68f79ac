"""Training-use facts of one clause: permitted or prohibited, condition, data kinds.

`training_facts(text, lemmas)` -> dict | None, with atoms
("training", "train" | "improve", "permitted" | "prohibited", condition), where the condition is
none, opt_out, opt_in, deid (once de-identified), despite_opt_out or public_data (only data
already published).
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import (
    COOKIE_WORDS,
    DEID,
    DOC_POINTER,
    MODEL_WORDS,
    NEG,
    USER_DATA,
    data_kinds,
    is_user_restriction,
    negated_before,
)

_TRAIN = re.compile(
    r"\b(?:train|training|retrain|fine-?tun\w*|machine learn(?:ing)?"
    r"|(?:develop(?!er)|improve|enhance|build|create)\w* (?:\w+ ){0,4}(?:model|algorithm|llm|ai|"
    r"artificial intelligence|machine learn(?:ing)?)s?\b"
    # "we never store or learn from your codebase": learning from the data is training on it
    r"|learn\w* from (?:\w+ ){0,2}(?:data|your|code|codebase|conversation|content|input|prompt"
    r"|interaction|chat|what you type)s?\b"
    # "to make our models better", "to enhance the performance of our large language models"
    r"|make (?:\w+ ){0,3}(?:model|algorithm|llm|ai)s? (?:better|well|smarter|more \w+)"
    r"|(?:improv|enhanc|better)\w* (?:the )?(?:performance|quality|accuracy|capabilit\w*) of "
    r"(?:\w+ ){0,4}(?:model|algorithm|llm)s?\b)"
)


_IMPROVE = re.compile(
    r"\b(?:improv\w*|enhanc\w*|develop(?!er)\w*|better)\b (?:\w+ ){0,4}(?:service|product|feature|offering|"
    r"technology|system|experience|platform|tool)s?\b|\bproduct development\b|\bresearch and development\b"
)


# "unless you use the Team plan" excepts a plan: no choice the user makes about the practice
_UNLESS_PLAN = (
    r"(?! (?:be (?:on|use|a|an)|use|subscribe|have|purchase|sign up|upgrade|buy)\b"
    r"[^.;]{0,40}\b(?:plan|tier|subscription|version|edition|licen[cs]e)s?\b)"
)
_OPT_OUT = re.compile(
    r"\bopt(?:-| )?out|\bif you (?:do not|don't) (?:want|wish)\b|\bunless you\b"
    + _UNLESS_PLAN
    + r"|\bturn\w* off\b|\bdisable\b|\bchoose not to\b|\bobject\b"
    r"|\b(?:control|select|choose|decide) (?:whether|how)\b|\bsetting"
    # on unless turned off: "by default, we use your chats to train ...; you can turn it off"
    r"|\bby default\b"
)


_OPT_IN = re.compile(
    r"\bopt(?:-| )?in|\bwith your (?:explicit |prior |express )?(?:consent|permission)"
    r"|\bif you (?:choose|agree|allow|consent|enable|explicitly|give|have chosen|elect)"
    r"|\bexplicit(?:ly)? (?:consent|permission|agree)|\bonly if you\b"
    # off unless turned on: "training is off by default", "not enabled by default"
    r"|\b(?:off|disabled?|not (?:\w+ )?(?:on|enable|enabled|active)) by default\b"
    r"|\bwithout your (?:explicit |prior |express )?(?:consent|permission)|\bonly (?:when|where) you\b"
    # "when you sign in and agree to share the following data, we will use ..."
    r"|\b(?:when|if|once) you (?:\w+ ){1,8}and (?:agree|consent|choose|opt in|elect)\b"
)


# "only used to answer you unless you allow us to use it to ...": an exception that only the
# user's permission opens. (Read only where the clause names no opt-out: "you can opt out; then
# we do not use it unless you expressly authorize us" is an opt-out with its own exception.)
_UNLESS_ALLOWED = re.compile(
    r"\bunless you (?:\w+ )?(?:allow|permit|authori[sz]e|agree|consent|enable|turn on)\b"
)
_EXPLICIT_OPT_OUT = re.compile(r"\bopt(?:-| )?out|\bturn\w* off\b|\bdisable\b")


# "data, often de-identified": a hedge, not a condition of the use
_HEDGED_DEID = re.compile(
    r"\b(?:often|sometimes|generally|usually|typically|frequently|where (?:possible|feasible)"
    r"|in (?:some|many) cases) ,? ?(?:be )?(?:de-?identif|anonymi|pseudonymi|aggregat)"
)


# an opt-out as the condition of a denial: "if you opt out, we will not use ...", "opting out
# means we will no longer use ..."
_IF_OPTED_OUT = re.compile(
    r"\b(?:if|when|once|after) (?:you|the user|users|customer|customers) (?:\w+ ){0,2}"
    r"(?:opt(?:-| )?out|turn\w* off|disable|object|withdraw)"
    r"|\bopt(?:ing)?(?:-| )?out (?:\w+ ){0,2}mean"
)


_EXCLUDED = re.compile(r"\bexclud\w* from (?:\w+ ){0,2}train")


_NEGATED_OPT_OUT = re.compile(
    r"\b(not|n't|never) ((?:yet |previously |already )?(?:opt|object|withdraw|turn\w* off|disable"
    r"|choose not|decline))"
)


_DESPITE_OPT_OUT = re.compile(
    r"\b(?:even|also) (?:if|when|though|where) you (?:have )?(?:\w+ )?(?:opt|turn\w* off|disable"
    r"|choose not|object|decline)|\bregardless of (?:your|whether you)"
)


# "aggregate" as one verb of a licence ("copy, modify, aggregate, and display") is no de-identification
_AGGREGATE_VERB_ONLY = re.compile(r"\baggregate ?,? (?:and|or) ")


_OPTOUT_WHO = re.compile(
    r"\b(free|paid|consumer|enterprise|business|team|api|pro|plus)\b (?:\w+ )?(?:user|customer|plan|tier|account)s?"
)


_PUBLIC_SOURCES = re.compile(
    r"\bpublicly available (?:information|data|personal|content|source|text|web)|\bpublic (?:information|data|web)\b"
    r"|\bfrom the (?:public )?internet\b|\bweb crawl|\blicensed (?:data|from third)"
    # "trained on data that are publicly available on the Internet, which may contain ..."
    r"|\b(?:data|datum|information|content|text)s? (?:that|which) (?:be|is|are) publicly available"
    r"|\bpublicly available (?:on|from) the (?:internet|web)\b"
)


# The user's data used only where it is already published: "if your personal data is publicly
# available on the Internet", "your information that is publicly available online".
_PUBLIC_DATA_ONLY = re.compile(
    r"\b(?:if|where|when|to the extent|insofar as) (?:\w+ ){0,3}(?:data|datum|information|content)s?"
    r" (?:be|is|are) (?:\w+ )?publicly (?:available|accessible)"
    r"|\byour (?:\w+ ){0,2}(?:data|datum|information|content)s? (?:that|which) (?:be|is|are)"
    r" (?:\w+ )?publicly (?:available|accessible)"
)


# The user's own data named outright: public web data beside it does not make the clause moot.
_YOUR_DATA = re.compile(
    r"\byour (?:\w+ ){0,2}(?:data|information|content|input|prompt|question|conversation|chat"
    r"|feedback|interaction|message|file)s?\b|\b(?:conversation|user|customer|feedback|chat) (?:data|content)\b"
    r"|\b(?:data|datum|information|content|material)s? (?:that )?you (?:provide|submit|share|give|upload|enter)"
)


# The user's data is the object of the training: "use X to train", "train on X", "for training".
_DATA_USE = re.compile(
    r"\b(?:use|used|using|process|analy[sz]e|licen[sc]e|right|read|review)\b.{0,120}\b(?:to|for|in|of) (?:\w+ ){0,4}"
    r"(?:train|develop(?!er)|improve|fine-tun|build|enhance|better)"
    r"|\b(?:train|fine-tun)\w* (?:\w+ ){0,5}(?:on|with|using|from)\b|\btrain\w* data\b"
    # "your data helps us train our models", "we leverage your prompts to enhance ..."
    r"|\bhelp\w* (?:us )?(?:to )?(?:train|improve|develop(?!er)|build|fine-tun)"
    r"|\bto make (?:\w+ ){0,3}(?:model|algorithm|llm|ai)s? (?:better|well|smarter)"
    r"|\b(?:leverage|employ|utili[sz]e)\b.{0,120}\b(?:to|for) (?:\w+ ){0,4}(?:train|develop(?!er)|improv|enhanc)"
    # "your repositories are excluded from model training": a denial worded as exclusion
    r"|\bexclud\w* from (?:\w+ ){0,2}train"
    r"|\bfor (?:\w+ ){0,2}train|\blearn from\b"
    # a licence to use the content, far down the list of what it covers: "... license to use,
    # reproduce, modify ... including in connection with improving artificial intelligence models"
    r"|\blicen[sc]e\b.{0,900}\b(?:for|in connection with|include|including) (?:[\w,]+ ){0,6}"
    r"(?:train|improv|develop(?!er)|enhanc)\w* (?:[\w,]+ ){0,4}(?:model|ai|artificial intelligence"
    r"|machine learn(?:ing)?|algorithm)s?\b"
    # ... or an item of an enumerated list of its purposes: "in connection with (a) providing
    # the Services, (b) improving artificial intelligence models"
    r"|\blicen[sc]e\b.{0,900}\b(?:for|in connection with|include|including)\b[^.;]{0,200}?"
    r"\(\s?[a-z]{1,3}\s?\)\s?(?:[\w,]+ ){0,4}(?:train|improv|develop(?!er)|enhanc)\w* (?:[\w,]+ ){0,4}"
    r"(?:model|ai|artificial intelligence|machine learn(?:ing)?|algorithm)s?\b"
)


_NOT_MODEL_TRAINING = re.compile(
    r"\b(?:deliver|provide|offer|conduct)\w* (?:\w+ ){0,2}train|\btrain\w* (?:session|course|program|material|webinar)"
    r"|\b(?:employee|staff|personnel|security|privacy) train"
    r"|\btrain\w* (?:its|their|your|our) (?:team|employee|staff|personnel|people|user)s?\b"
)


# Text about the document, not a practice: "For more information on how we train, see ...",
# "This policy explains what data we may use to train our models".
# ... and, for training, a pointer anywhere in the clause: "to learn how we train our models,
# please see our Model Training FAQ" (`DOC_POINTER` reads a clause's start)
_POINTER_WITHIN = re.compile(
    r"\bplease (?:see|refer|visit|read|review)\b|\b(?:read|learn) (?:more|much) about\b"
    r"|\b(?:this|our|the) (?:\w+ ){0,2}(?:policy|notice|statement|term|agreement|document|page"
    r"|article|section)s? (?:outline|describe|explain|set out|set forth|detail|summari[sz]e|tell)s?\b"
)


# A purpose that leaves training out: "(excluding model training)", "other than model
# training" ("excluding chats you delete" excludes data from a training use, not the use)
_EXCLUDING_TRAINING = re.compile(
    r"\b(?:exclude|excluding|other than|but not(?: for)?|not include|not including)"
    r" (?:(?:ai|model|machine learning|llm) )?(?:train|fine-tune)\w*\b(?: (?:of|on) (?:\w+ ){0,2}model)?"
)


# A protective mode the user keeps off: "if you choose to keep Privacy Mode off, we use ...",
# "if you leave incognito mode off" is the use by default, with the mode as the opt-out (a
# choice to keep something *off* is no consent to it)
_PROTECTIVE_OFF = re.compile(
    r"\b(?:keep|leave|have|turn|switch|set)\w* (?:\W+ )?(?:privacy|private|incognito|ghost"
    r"|zero data retention|zdr)(?: mode)?(?: \W+)? off\b"
)


# Where to find a control, as the whole clause: "you can find instructions on how to manage
# your preferences regarding the use of your chats for training" says how to choose, not what
# is done (a practice stated beside it is still read).
_HOW_TO_MANAGE = re.compile(
    r"^\W*(?:you (?:can|may) )?(?:find|see|learn|read) (?:\w+ ){0,8}?how to "
    r"(?:manage|change|control|update|adjust|review)\b[^.;!?]*[.;!?]?\s*$"
)


# The user or developer trains their own model: "you can fine-tune models on your own data".
_USER_TRAINS = re.compile(
    r"\b(?:you|developer|customer|user|licensee)s? (?:can|may|could|will be able to|be able to|have the ability to"
    # "you will get access to the tuned model we build for you": the customer's use of its model
    r"|(?:will )?be (?:grant|give)\w* (?:access|the right|a right|permission|a licen[cs]e) to)"
    r"(?:(?: (?!allow|let|permit|authori)\w+)? (?:train|fine-tun|retrain|customi[sz]e|build|adapt|tailor|distil)\w*\b"
    # "you may apply the outputs to any use case, including training other models"
    r"| (?:use|apply|employ)\b(?:(?!\b(?:we|us)\b)[^.;]){0,160}?\b(?:train|fine-tun|distil)\w*\b)"
    # "our tuning API allows you to fine-tune models on your data"
    r"|\b(?:allow|let|enable|permit)s? (?:you|developer|customer|user)s? to (?:\w+ )?(?:train|fine-tun|retrain"
    r"|customi[sz]e|adapt)\w*\b"
    # "input data used to fine-tune a model is retained ...": data named by its role in the
    # customer's tuning job ("a model", "your model", never "our models")
    r"|\b(?:data|input|file|example|dataset|document)s? (?:that (?:be|is|are) )?use to "
    r"(?:fine-tun|train|tun|customi[sz])\w* (?:a|your|their) (?:[\w-]+ )?model\b"
    # "APIs that allow its users to use our models ..., and to fine-tune such models"
    r"|\b(?:allow|let|enable|permit)s? (?:its |our |their )?(?:developer|customer|user)s? to\b"
    r"[^.;]{0,160}?\bto fine-?tun\w*"
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
    r"(?:\w+ ){0,3}(?:to|for) (?:\w+ ){0,2}(?:improv|train|develop(?!er)|enhanc)"
)


_USE_OBJECT = re.compile(
    r"\b(?:use|process|analy[sz]e)\b(.{1,200}?)\b(?:to|for) (?:(?!to |for )\w+ ){0,3}"
    r"(?:train|improv|develop(?!er)|enhanc|fine-tun)"
)


def derived_only(low: str) -> bool:
    """The clause uses information derived from the user's data, not the data itself."""
    if _DERIVED_GOAL.search(low):
        return True
    m = _USE_OBJECT.search(low)
    if not m or not _DERIVED_PHRASE.search(m.group(1)):
        return False
    rest = _DERIVED_PHRASE.sub(" ", m.group(1))
    return not any(k in data_kinds(rest) for k in ("inputs", "outputs", "files"))


def _statements(lemmas: str) -> str:
    """The lemmas without questions: "how does this relate to the training data?" states nothing."""
    # (the pattern rescans a sentence from every start position: skip it when there is no "?")
    return _QUESTION_SENTENCE.sub(" ", lemmas) if "?" in lemmas else lemmas


_QUESTION_SENTENCE = re.compile(r"[^.?!]*\?")


def training_facts(text: str, lemmas: str) -> dict[str, Any] | None:
    low = _statements(lemmas)
    if DOC_POINTER.match(low) or _POINTER_WITHIN.search(low) or _HOW_TO_MANAGE.match(low):
        return None
    if _USER_TRAINS.search(low):
        if not _PROVIDER_TRAINS.search(low):
            return None
        # read the provider's part only: "you can fine-tune ..., and we will not train ..."
        low = _USER_TRAINS.sub(lambda u: " " * len(u.group()), low)
    if not USER_DATA.search(low):
        return None  # "we train our models to refuse harmful requests" is not about your data
    if _NOT_MODEL_TRAINING.search(low) or (
        _PUBLIC_SOURCES.search(low) and not _YOUR_DATA.search(low)
    ):
        return None  # training on publicly available web data is not about the user's data
    # "to improve the Service (excluding model training)": training named only to be excluded
    low = _EXCLUDING_TRAINING.sub(lambda x: " " * len(x.group()), low)
    m = _TRAIN.search(low)
    action = "train"
    if (
        m
        and not m.group().startswith("learn")
        and not MODEL_WORDS.search(low)
        and not re.search(
            r"\btrain\w* (?:on|with)\b|\buse\b.{0,80}\b(?:for|to) (?:\w+ ){0,4}train"
            r"|\bexclud\w* from (?:\w+ ){0,2}train",
            low,
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
        if COOKIE_WORDS.search(low) or re.search(r"\bimprov\w* (?:your|the user) experience", low):
            return None
        if _USES_VENDOR.search(low[: m.start()]) or _VENDOR_IMPROVES.search(low):
            return None
    if is_user_restriction(low):
        return None
    # "if you have not opted out, we use ...", "you don't opt out of training": the negator
    # belongs to the opt-out, a condition of the practice, not to the practice itself
    low = _NEGATED_OPT_OUT.sub(lambda x: " " * (len(x.group(1)) + 1) + x.group(2), low)
    prohibited = negated_before(low, m.start()) or bool(_EXCLUDED.search(low))
    if not prohibited and re.search(
        rf"\b{NEG} (?!only\b)(?:\w+ ){{0,3}}(?:use|used|using)\b", low[: m.start()]
    ):
        prohibited = negated_before(low, m.start(), window=140)
    cond = "none"
    if _OPT_IN.search(low) or (_UNLESS_ALLOWED.search(low) and not _EXPLICIT_OPT_OUT.search(low)):
        cond = "opt_in"
    elif _OPT_OUT.search(low):
        cond = "opt_out"
    if _PROTECTIVE_OFF.search(low):
        cond = "opt_out"  # "if you keep Privacy Mode off, we use ...": used unless turned on
    if (
        DEID.search(low)
        and not _HEDGED_DEID.search(low)
        and not (
            _AGGREGATE_VERB_ONLY.search(text.lower())
            and not DEID.search(_AGGREGATE_VERB_ONLY.sub(" ", low))
        )
    ):
        cond = "deid" if cond == "none" else cond
    if not prohibited and cond == "none" and _PUBLIC_DATA_ONLY.search(low):
        cond = "public_data"  # "if your data is publicly available on the internet": web data
    if prohibited and cond == "opt_out":
        cond = "none"  # "we do not train ... and you can turn it off" is still a prohibition
    if not prohibited and _DESPITE_OPT_OUT.search(low):
        cond = "despite_opt_out"  # "... even if you have opted out": an exception to the opt-out
    if prohibited and _IF_OPTED_OUT.search(low[: m.start()]):
        # "if you turn off X, your chats will not be used to train": the use goes on until then
        prohibited, cond = False, "opt_out"
    permitted = "prohibited" if prohibited else "permitted"
    default = {"opt_in": "opt_in", "opt_out": "opt_out"}.get(cond, "none")
    who = sorted(set(_OPTOUT_WHO.findall(low))) if cond in ("opt_out", "opt_in") else []
    exceptions = bool(re.search(r"\bunless\b|\bexcept\b|\bother than\b", low))
    return {
        "action": action,
        "use": permitted,
        "default": default,
        "data": data_kinds(low),
        "derived": derived_only(low),
        "exceptions": exceptions,
        "who_can_opt_out": who,
        "atoms": [["training", action, permitted, cond]],
    }
