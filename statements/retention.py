"""Retention facts of one clause: durations, triggers, what is kept or deleted, opt-outs.

`retention_facts(text, lemmas, context)` -> dict | None, with atoms such as
("retention", "days", 30, "account_closure"), ("retention", "no_store", "incognito"),
("retention", "keeps", "content"), ("retention", "we_delete").
"""

from __future__ import annotations

import re
from typing import Any

from .durations import find_durations
from .lexicon import COOKIE, DATA_KINDS, DEID, NEG, data_kinds, negated_before, sentence_at

_RETAIN = re.compile(
    r"\b(?:retain\w*|retention|keep|kept|store|storage|stored|storing|save|saved|hold|delete\w*|deletion"
    r"|eras\w*|destroy\w*|purg\w*|dispos\w*|remove)\b"
)


_INDEFINITE = re.compile(
    r"\bindefinite|\bas long as (?:\w+ ){0,3}(?:necessary|need|needed|require|required|reasonabl|permit)"
    r"|\buntil you (?:delete|close|request)|\bno longer (?:necessary|needed)"
)


def _affirmed_retention(low: str) -> bool:
    """Some word of keeping that is not denied: "processed only as long as needed and not
    retained further" keeps nothing open-ended, and "zero data retention" names no keeping."""
    # "once it is no longer needed" says when, it denies nothing
    low = _NO_LONGER_NEEDED.sub(lambda m: " " * len(m.group()), low)
    return any(
        not negated_before(low, m.start()) and not _ZERO_BEFORE.search(low, 0, m.start())
        for m in _RETAIN.finditer(low)
    )


_REQUESTED_DELETION = re.compile(
    r"\b(?:you|user|users|customer|customers) (?:\w+ ){0,2}(?:request|ask|require|demand)\w*"
    r" (?:that )?(?:we|us) (?:to )?(?:\w+ )?(?:delete|erase|remove|destroy)"
    # "the right to request that we delete ...": the right named, with no one exercising it
    r"|\bright to (?:request|ask|require|demand|obtain)\w* (?:that )?(?:we|us)? ?(?:to )?"
    r"(?:\w+ )?(?:delete|erase|remove|destroy|deletion|erasure)"
)


_USER_DELETES = re.compile(
    r"\b(?:you|user|users|customer|customers) (?:\w+ ){0,2}(?:delete|erase|remove)\w*\b"
)


_NO_LONGER_NEEDED = re.compile(r"\bno longer (?:be )?(?:necessary|need|needed|require|required)\b")


_ZERO_BEFORE = re.compile(r"\bzero (?:data )?$")  # the words just before "retention"


_NO_STORE = re.compile(
    rf"\b{NEG} (?!only\b)(?:\w+ ){{0,2}}(?:log|store|retain|save|keep|persist)\b"
    r"|\bzero data retention|\bnot be (?:saved|stored|retained|logged|kept)\b"
    # the verb left out after a contrast: "X may be stored, but none of your code is"
    r"|\b(?:log|store|retain|save|keep|persist)\w*\b[^.;]{0,120}?\bbut\b[^.;]{0,40}?"
    r"(?:\b(?:none|nothing|no part) of (?:\w+ ){1,4}(?:be|is|are)|\b(?:\w+ ){1,3}(?:be|is|are) not)"
    r"\s*(?:[.;]|$)"
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


_DATA_OBJ = (
    r"(?:\w+ ){0,4}(?:data|information|content|conversation|prompt|input|output|chat|record"
    r"|cop(?:y|ie)|file|log|history|feedback|screenshot|recording|image|message|photo|transcript"
    r"|upload)s?\b"
)


# kinds of data a keeping statement may name (more than training's: code, memories, backups)
# what a keeping statement keeps, coarsely: "customer data", "user content", "your inputs"
# and "files" are all the user's content; code, usage logs, feedback, flagged content and
# backups are kinds a policy adds on their own
_KEPT_KINDS = {
    "content": r"\b(?:input|prompt|conversation|chat|message|quer(?:y|ie)|content|output|response"
    r"|file|document|upload|attachment|customer data|user data)s?\b",
    "personal": DATA_KINDS["personal"],
    "feedback": DATA_KINDS["feedback"],
    "flagged": DATA_KINDS["flagged"],
    "usage": DATA_KINDS["usage"],
    "code": r"\b(?:code|snippet)s?\b",
    "backups": r"\bbackups?\b|\bback-?up (?:cop(?:y|ie)|medium|media|system)",
}


def kept_kinds(words: str) -> set[str]:
    """The kinds of kept data these words name ("Customer Data" -> content, "snippets" -> code)."""
    low = words.lower()
    return {k for k, pat in _KEPT_KINDS.items() if re.search(pat, low)}


# "when no longer needed, we delete or anonymize it": a deletion duty without a number
_DELETE_AT_END = re.compile(
    r"\bno longer (?:be )?(?:necessary|needed|need|required|require|relevant)\b.{0,160}"
    r"\b(?:delete|deletion|erase|erasure|destroy|destruction|purge|anonymi[sz]|de-?identif)"
    r"|\b(?:delete|erase|destroy|purge|anonymi[sz]e)\w* (?:\w+ ){0,8}(?:when|once|after|if) (?:\w+ ){0,4}"
    r"no longer (?:be )?(?:necessary|needed|need|required|require)"
)


# kept to defend legal claims or during litigation: a reason to keep beyond the stated period
_LEGAL_HOLD = re.compile(
    r"\blitigation|\blegal (?:hold|claim|position|proceeding|proceed|dispute)s?\b|\bstatute of limitation"
    r"|\bdefen[cs]e of (?:legal )?claim|\bdefend (?:\w+ ){0,3}(?:legal )?claim"
)


# dispute-resolution steps ("the claimant shall keep ...") are not data retention
_DISPUTE = re.compile(r"\barbitrat|\bclaimant|\bmediat|\bdefendant|\bsettlement")


_MODERATION = re.compile(r"\bviolat|\binfring|\bdisable|\bobjectionable|\bunlawful|\babusive")


_FEATURE_CONDITION = re.compile(
    r"\b(?:if|when|where|once) you (?:\w+ ){0,3}(?:enable|elect|choose|use|include|turn on|opt in|select"
    r"|activate|connect|switch on)\b"
)


_WE_DELETE = re.compile(
    rf"\b(?:we|will|shall) (?:\w+ ){{0,3}}(?:delete|erase|destroy|purge|anonymi[sz]e|de-identify) {_DATA_OBJ}"
    rf"|\b{_DATA_OBJ[:-4]}s?\b (?:\w+ ){{0,4}}(?:be|is|are) (?:\w+ )?(?:delete|erase|destroy|purge)"
    # "Customer Data is transmitted only to generate suggestions and is deleted once ..."
    # "Screenshots sent are only retained for a short period and regularly deleted"
    rf"|\b{_DATA_OBJ[:-4]}s?\b (?:\w+ ){{0,4}}(?:be|is|are) (?:[\w-]+ ){{1,10}}and "
    r"(?:(?:be|is|are) )?(?:\w+ )?(?:delete|erase|destroy|purge)"
)


# a period named by reference, with the definite article: "the one ( 1 ) year retention period"
_PERIOD_REFERENCE = re.compile(r"\bthe (?:[\w-]+ |\( \w+ \) ){1,4}retention period\b")


# what follows a de-identification that prepares a use ("... before using it to train")
_PREPARES_USE = re.compile(
    r"\W*(?:\w+ ){0,3}(?:before|prior to|in order to|to|for) (?:\w+ ){0,2}"
    r"(?:use|using|share|sharing|disclose|process|train|analy[sz]e|publish)\b"
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


_MODE = re.compile(
    r"\b(?:incognito|temporary chat|privacy mode|zero data retention|enterprise|business|team"
    r"|education|api|free|paid|consumer)\b"
)


# the user's data as the object of a keeping verb: "we retain your prompts and outputs"
_KEEPS_USER_DATA = re.compile(
    r"\b(?:retain|store|keep|save|delete|erase)\w* (?:\w+ ){0,2}(?:prompt|input|output|conversation"
    r"|chat|content|personal data|user data|customer data|fine-?tun\w* model)s?\b"
)


# Models as a kind of technology, with no owner ("Models do not store text like a database",
# "Large language models do not store the documents they were trained on"): an explanation
# of how they work. "Our models do not store your prompts" is the provider's practice.
_MODELS_AS_A_KIND = re.compile(
    r"^\W*(?:(?:large|generative|ai|machine learning|neural|language)\s+){0,3}"
    r"(?:model|llm|neural network|algorithm)s?\s+(?:do|does|can|cannot|will|would)?\s*"
    r"(?:not|never)\s+(?:\w+\s+)?(?:store|retain|keep|memori[sz]e|save|hold)\b"
)


def retention_facts(text: str, lemmas: str, context: str) -> dict[str, Any] | None:
    low = lemmas
    if text.rstrip().endswith("?"):
        return None  # a question heading ("How long do we keep data?") states nothing
    if not _RETAIN.search(low) and not _INDEFINITE.search(low):
        return None
    if COOKIE.search(low) or COOKIE.search(context.lower()):
        return None  # cookie lifetimes are not data retention commitments
    if _DISPUTE.search(low):
        return None  # steps of a dispute procedure ("the claimant keeps a copy") are not retention
    if _MODELS_AS_A_KIND.match(low):
        return None  # "Models do not store text like a database": how the technology works
    if re.search(
        r"\bapp store\b|\bstore (?:credit|front|page)|\bkeep (?:you|your account) (?:safe|secure|informed|inform)"
        r"|\bpayment|\bcredit card|\bcard (?:number|detail)|\bbilling|\blicen[sc]e|\bindemnif"
        r"|\bstored[- ]value\b|\bcredits? (?:\w+ ){0,3}expire",
        low,
    ):
        return None
    if "agreement" in low and not _KEEPS_USER_DATA.search(low):
        return None  # "during the term of this Agreement, each party keeps ...": contract terms
    atoms: list[list[Any]] = []
    days: list[int] = []
    if not _NOTICE.search(low) and not (
        _REQUESTED_DELETION.search(low) and _PERIOD_REFERENCE.search(low)
    ):
        # (not "you may request that we delete it before the end of the one (1) year retention
        # period": the right refers to a period stated elsewhere, it states none)
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
    indefinite = bool(_INDEFINITE.search(low)) and _affirmed_retention(low) and not end_delete
    if indefinite:
        atoms.append(["retention", "indefinite"])
    no_store = bool(_NO_STORE.search(low))
    if no_store:
        # "not stored in incognito mode" and "enterprise chats are not saved" are promises
        # about different things: each is its own atom
        # a mode the clause switches off ("if you keep Privacy Mode off, we collect ...") is
        # the case the promise is not about
        mode = next(
            (
                m
                for m in _MODE.finditer(low)
                if not re.match(r"\W*(?:\w+\W+)?off\b", low[m.end() :])
                and not re.search(
                    r"\b(?:disable|turn off|without)\W+(?:the\W+)?$", low[: m.start()]
                )
            ),
            None,
        )
        denials = [m for m in _NO_STORE.finditer(low) if not m.group().startswith("zero")]
        if not denials:
            # nothing denied but "zero data retention" named: the promise is that option's
            # ("kept 30 days via the API, unless you activate zero data retention")
            mode = re.search(r"zero data retention", low)
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
        and not negated_before(low, wd.start())
        and not re.search(r"\bnot\b|\bnever\b", wd.group())
        # "you may request that we delete your data": the user's right, not our practice
        and not _REQUESTED_DELETION.search(low[: wd.end()])
    )
    if (
        we_delete
        and re.search(r"de-identify|anonymi[sz]e", wd.group())
        and _PREPARES_USE.match(low, wd.end())
    ):
        we_delete = False  # "we de-identify such data before using it to train": a step of the use
    if we_delete and _MODERATION.search(low):
        we_delete = False  # removing content that breaks the rules is moderation, not retention
    if end_delete and not negated_before(low, end_delete.start()) and not days:
        # a deletion duty once the purpose is served: its own promise, apart from other deletions
        atoms.append(["retention", "we_delete", "end_of_purpose"])
    elif we_delete and not days:
        atoms.append(["retention", "we_delete"])
    if _LEGAL_HOLD.search(low) and re.search(
        r"\b(?:retain|retention|keep|kept|store|preserve)", low
    ):
        atoms.append(["retention", "legal_hold"])
    deid = bool(DEID.search(low))
    keeps = _KEEPS.search(low)
    if (
        keeps
        and not days
        and not indefinite
        # a promise not to store in another sentence of the item ("... stored until you delete
        # them. They are not stored if you turn on incognito mode") takes nothing back
        and not _NO_STORE.search(sentence_at(low, keeps.start()))
        and not negated_before(low, keeps.start())
    ):
        # "we may store your code data to provide extra features": a new kind of data kept;
        # the data may come before a passive verb ("your input may be stored") or after it
        kinds: list[str] = []
        # kept on the user's own device is not kept by the provider
        local = re.search(
            r"\blocally\b|\bon (?:your|the|their) (?:\w+ ){0,3}(?:device|computer|machine|phone"
            r"|console|hard drive|browser)",
            low,
        )
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
        # (a deletion the user makes, "unless you delete them", is no deadline of the provider)
        "deletes": bool(
            re.search(
                r"\b(?:delete|erase|destroy|purge|dispose|anonymi[sz]e)",
                _USER_DELETES.sub(" ", low),
            )
        ),
        "data": data_kinds(low),
        "atoms": atoms,
    }
