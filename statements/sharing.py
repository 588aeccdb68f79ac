"""Sharing facts of one clause: recipient categories, sale, named vendors, sub-processors.

`sharing_facts(text, lemmas, context, row_kind)` -> dict | None, with atoms such as
("sharing", "advertisers", "permitted"), ("sharing", "sale", "prohibited"),
("sharing", "subprocessor", "acme"), ("sharing", "tracker", source, domains).
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import (
    COOKIE,
    ENTITY_SUFFIX,
    RECIPIENTS,
    STOPS,
    USER_DATA,
    is_user_restriction,
    negated_before,
    sentence_at,
)

_SHARE = re.compile(
    r"\b(?:share|sharing|shared|disclose\w*|disclosure|sell\w*|sold|sale|transfer\w*|rent\w*|trade"
    r"|provide (?:\w+ ){0,5}to (?!you\b)(?!\w+ (?:the|a|an|your|our|any|this)\b)|make (?:\w+ ){0,3}(?:data|information|content|input|output|prompt)s? available|give (?:\w+ ){0,3}access|grant\w* (?:\w+ ){0,3}access"
    r"|send (?:\w+ ){0,8}to|report (?:\w+ ){0,9}to|transmit\w* (?:\w+ ){0,6}to|^recipients? :|pass (?:\w+ ){0,3}to|access (?:to )?(?:your )?(?:data|content|information)"
    r"|(?:vendor|provider|partner|processor|affiliate|third part(?:y|ie))s? (?:\w+ ){0,3}(?:receive|access|obtain)\w*"
    r"|process\w* (?:\w+ ){0,4}on (?:our|its) behalf|engage\w* (?:\w+ ){0,3}(?:sub-?processor|vendor|provider)"
    # made visible rather than sent: "images you create are publicly visible in our gallery"
    r"|be (?:\w+ )?publicly (?:visible|viewable|accessible|available)|publicly display\w*"
    r"|visible to (?:other user|anyone|everyone))\b"
)


# Assignment of the contract, confidentiality between the parties, liability lists: not data sharing.
_NOT_DATA_SHARING = re.compile(
    r"\b(?:assign|transfer)\w* (?:\w+ ){0,3}(?:right|obligation|agreement|term|licen[sc]e)s?\b"
    r"|\bconfidential information\b|\bliab(?:le|ility)\b|\bindemnif|\bshare (?:your |an )?account"
    r"|\bwarrant|\b(?:you|user)s? (?:\w+ ){0,2}(?:share|disclose|publish|post)\b|\bassign\w* to you"
    r"|\bintra-?group|\bstandard contractual|\badequacy|\btransfer mechanism|\barticle 46"
    # the laws of a country that require disclosure to its authorities (a factor of a transfer
    # assessment), not a disclosure the provider makes
    r"|\blaw (?:and practice )?(?:\w+ ){0,8}(?:require|authori[sz])\w* (?:the )?(?:disclosure|access)"
    r"|\bthird countr(?:y|ie)s? of destination\b"
    r"|\battribution|\bcompensation|\b(?:relate|about|regard\w*|concern\w*) (?:to )?(?:other )?(?:third part|people|individual)"
    # what is resold or rented is the service itself, not the user's data
    r"|\b(?:re-?sell|resell|sublicen[sc]e|rent|lease|sell)\w* (?:\w+ ){0,2}(?:service|product|software"
    r"|subscription|seat|credit|api key)s?\b"
)


_RECIPIENT_RES = {k: re.compile(v) for k, v in RECIPIENTS.items()}


# other companies named by their trade rather than as "third parties": advisers, auditors,
# insurers, mobile operators and carriers (not banks: "pay by bank transfer")
_THIRD_PARTY = re.compile(
    r"\bthird[- ]part|\b(?:professional )?advis[eo]rs?\b|\blawyers?\b|\bauditors?\b"
    r"|\baccountants?\b|\binsurers?\b|\b(?:mobile |network |wireless )operators?\b"
    r"|\b(?:mobile |wireless |phone )carriers?\b"
)


_CONSENT = re.compile(
    r"\b(?:with|without) your (?:\w+ )?(?:consent|permission|authori[sz]ation)"
    r"|\bif you (?:consent|agree|choose|opt in|authori[sz]e)\b|\bat your (?:request|direction)\b"
)


_SALE = re.compile(
    r"\bsell\w*\b|\bsold\b|\bsale of (?:any )?(?:your |personal |user |customer |\w+ (?:user|account|customer) )+(?:data|information)\b"
)


_SUBPROC_CONTEXT = re.compile(
    r"sub-?processor|subprocessor|third[- ]party (?:service )?providers? list|vendors? list"
    r"|\bdata processors\s*:?$"
)


_RECIPIENT_LIST_LEAD = re.compile(
    r"(?:following|list of|these|below|such as|include\w*|:).{0,60}(?:provider|vendor|partner|processor|recipient"
    r"|third[- ]part|compan)|(?:provider|vendor|partner|processor|recipient|third[- ]part|compan)\w* .{0,60}"
    r"(?:following|below|such as|include|:)"
)


# A lead-in or heading of a list of the parties data comes from: the user signs in through
# them, or the provider receives information from them. They are sources, not recipients.
_SOURCE_LEAD = re.compile(
    r"\b(?:log ?in|sign ?in|sign ?up|create an account|register)\b[^.]{0,80}?"
    r"\b(?:through|via|with|using)\b|\b(?:receive|collect|obtain|get)\w* (?:[\w-]+ ){0,4}from\b"
)
_SOURCE_HEADING = re.compile(r"(?:^|> )information (?:\w+ ){0,3}from\b")


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
    if not m or not USER_DATA.search(low[m.end() :]):
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


# An item of a sub-processor list that names no company: a sentence ("If you use the standard
# API, your data is stored in Ireland."), or a heading of the document itself ("GENERAL
# PROVISIONS"), which a page flattened into the list.
_SENTENCE_ITEM = re.compile(
    r"^\W*(?:if|when|where|unless|we|you|our|your|this|these|those|such|all|any|each|please"
    r"|note|for|to|in|with|as|by)\b",
    re.IGNORECASE,
)
_HEADING_WORDS = frozenset(
    {"general", "provisions", "international", "definitions", "terms", "miscellaneous",
     "scope", "liability", "obligations", "transfers", "annex", "schedule", "appendix",
     "exhibit", "section", "part", "details", "list", "data", "processing", "security",
     "measures", "final", "other", "additional", "specific", "of", "and", "the"}
)  # fmt: skip


def _not_an_entry(text: str) -> bool:
    """True for a list item that is a sentence or a document heading, not a named entity."""
    first = re.split(r"\s*(?:\||<br>|\(|:\s| - | – )\s*", text.strip(), maxsplit=1)[0]
    if _SENTENCE_ITEM.match(first):
        return True
    words = first.strip(" .:*").split()
    return (
        len(words) >= 2
        and first.upper() == first
        and all(w.lower().strip(",.") in _HEADING_WORDS for w in words)
    )


# An entry laid out as a table of fields, one per row: the first cell is the field's label.
_ENTRY_LABEL = re.compile(
    r"(?:trustees?|names?|entit(?:y|ies)|recipients?|(?:sub-?)?processors?|compan(?:y|ies)"
    r"|vendors?|providers?)(?:\s+(?:and|&)\s+contacts?|\s+names?)?",
    re.IGNORECASE,
)
_ROW_FIELD = re.compile(
    rf"{_ENTRY_LABEL.pattern}|(?:recipient |data |processing |server )?(?:locations?|countr(?:y|ies))"
    r"|(?:entrusted |categories of |types of )?(?:personal )?data|purposes?(?: of processing)?"
    r"|retention(?: period)?|(?:times?|methods?)(?: and methods?)?(?: of transfer)?"
    r"|safeguards?|transfer mechanisms?|contacts?|description",
    re.IGNORECASE,
)


def vertical_entry(row: str) -> str | None:
    """The company a row of a two-column table of fields names ("Trustees and Contacts |
    Quillfire Legal LLP" -> "Quillfire Legal LLP"), or None: another field, or a header row of
    field names ("Name | Purpose")."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) != 2 or not _ENTRY_LABEL.fullmatch(cells[0].strip("* ")):
        return None
    if _ROW_FIELD.fullmatch(cells[1].strip("* ")):
        return None
    return cells[1]


def subprocessor_name(row: str) -> str | None:
    """The entity a sub-processor table row or list item names: its first cell, normalized."""
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) == 2 and _ROW_FIELD.fullmatch(cells[0].strip("* ")):
        value = vertical_entry(row)
        if value is None:
            return None  # "Recipient Location | Ruritania": a field of the entry
        cells = [value]
    cell = cells[0]
    # "Acme Cloud: our hosting provider" names Acme Cloud; ": Acme" is a stray colon
    cell = re.split(r"\s*(?:<br>|•|\(|,|:\s| - | – )\s*", cell.strip().lstrip(":;-–•*. "))[0]
    cell = ENTITY_SUFFIX.sub("", cell).strip(" .,;:*")
    if not cell or len(cell) > 60 or len(cell.split()) > 6:
        return None
    low = cell.lower()
    if low in {"name", "sub-processor", "subprocessor", "entity", "vendor", "provider", "---"}:
        return None
    if _FIELD_LABEL.match(row.strip().lstrip("*_ ")):
        return None  # "Purpose: Cloud infrastructure": a field of an entry, not an entry
    return low


# the end of a sentence in a lemma string: a word of two letters or more, then . ! or ?
# ("e . g . advertiser" and "u . s . vendor" go on)
_LEMMA_SENTENCE_END = re.compile(r"(?<=\w\w) [.!?] (?=\S)")


_WORD_REST = re.compile(r"[\w-]*")


def _head_matches(pattern: re.Pattern[str], low: str) -> list[re.Match[str]]:
    """The matches of a recipient pattern that name the recipient itself, not a noun that
    modifies another recipient noun: "cloud provider distributors" are distributors."""
    out = []
    for m in pattern.finditer(low):
        end = _WORD_REST.match(low, m.end()).end()
        following = low[end : end + 1] == " " and any(
            p.match(low, end + 1) for p in _RECIPIENT_RES.values() if p is not pattern
        )
        if not following:
            out.append(m)
    return out


def _after_verb(pattern: re.Pattern[str], low: str, spans: list[tuple[int, int]]) -> bool:
    """A recipient counts when it is the object of a sharing verb (shortly after it, in the
    same sentence: in "you may provide input to a model ... Other users may ask the same
    questions", the other users are given nothing)."""
    for m in _head_matches(pattern, low):
        for start, end in spans:
            if start - 40 <= m.start() <= end + 160 and not _LEMMA_SENTENCE_END.search(
                low, min(start, m.start()), max(end, m.start()) + 1
            ):
                return True
    return False


_TRACKER_PURPOSE = re.compile(
    r"advertis|marketing|analytic|targeting|measurement|retargeting|\bads?\b"
)


_FIRST_PARTY = re.compile(r"^(?:first[- ]party|1st[- ]party|own)\b", re.IGNORECASE)
_SOURCE_COL = re.compile(r"^(?:source|provider|vendor|company|third[- ]party|set by|owner|service)")


def _tracker_atom(text: str, ctx: str) -> list[Any] | None:
    """A third-party advertising/analytics cookie row: ('sharing', 'tracker', source, domain).

    Cookie tables name who sets the cookie and on which site; an ad or analytics provider
    added, or present on more sites, receives data about more visits.
    """
    if "¶" not in ctx or not COOKIE.search(ctx):
        return None
    head = [c.strip() for c in ctx.rsplit("¶", 1)[1].split(" | ")]
    cells = [c.strip() for c in text.split(" | ")]
    if len(cells) != len(head) or not _TRACKER_PURPOSE.search(text.lower()):
        return None
    if any(_FIRST_PARTY.search(c) for c in cells):
        return None  # the provider's own cookie: it measures, it shares with no one
    src = next((i for i, h in enumerate(head) if _SOURCE_COL.match(h)), None)
    if src is None:
        return None
    # the whole source cell: "Google Analytics" and "Google Ads" are different trackers
    source = ENTITY_SUFFIX.sub("", cells[src]).lower().strip(" .,")
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
        out.append(ENTITY_SUFFIX.sub("", piece).strip(" .,").lower())
    return [n for n in out if n]


# "Purpose: hosting", "Data location: Ireland", "Opt-in: ...": a field of the entry above
# (the vendor), not an entry of its own
_FIELD_LABEL = re.compile(
    r"^\W*(?:purposes?|(?:data |processing |server )?locations?|countr(?:y|ies)|region|role"
    r"|description|services?(?: provided)?|categor(?:y|ies)|nature|activit(?:y|ies)|type|function"
    r"|website|address|contact|transfer mechanism|safeguards?|duration|subject matter"
    r"|processing(?: activities)?|opt-?in|opt-?out|by default|default|notes?|conditions?)"
    r"\s*\**\s*:",
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
    if kind == "item" and not _FIELD_LABEL.match(text) and not _not_an_entry(text):
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


# a duty denied ("we are not obliged to", "has no obligation to") before the sharing verb:
# the text says the provider need not share, neither that it does nor that it never will
_NO_DUTY = re.compile(
    r"\b(?:not|no|never)\s+(?:\w+\s+){0,2}(?:oblig\w*|require[ds]?|bound|duty|duties)\s+"
    r"(?:\w+\s+){0,2}to\s*$"
)


def sharing_facts(text: str, lemmas: str, context: str, row_kind: str) -> dict[str, Any] | None:
    low = lemmas
    ctx = context.lower()
    atoms: list[list[Any]] = []
    subs: list[str] = []
    if row_kind in ("row", "item") and not COOKIE.search(ctx):
        lead = ctx.rsplit(" > ", 1)[-1]
        name = None
        if _not_an_entry(text):
            pass  # a sentence or a heading in the list: it names no company
        elif _SUBPROC_CONTEXT.search(ctx):
            name = subprocessor_name(text)
        elif _SOURCE_LEAD.search(lead) or _SOURCE_HEADING.search(ctx):
            pass  # "log in through the following services:": where data comes from
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
            # keyed by the name's first word ("The Corvane Group" by "corvane", not "the")
            atoms.append(["sharing", "subprocessor", re.sub(r"^the\s+", "", name).split()[0]])
    if (
        not subs
        and row_kind != "row"
        and not _COOKIE_TABLE_ROW.search(ctx)
        and not (row_kind == "item" and _SOURCE_LEAD.search(ctx.rsplit(" > ", 1)[-1]))
    ):
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
    if share and _NO_DUTY.search(low[max(0, share.start() - 80) : share.start()]):
        share = None  # "we are not obliged to disclose it": no promise either way
    if (
        _NOT_DATA_SHARING.search(low)
        or is_user_restriction(sentence_at(low, share.start()) if share else low)
        or not (USER_DATA.search(low) or _REPORTS_TO_AUTHORITIES.search(low))
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
    condition = "none"
    if share or lead_share:
        # the end of the verb: "prohibit the sale" governs its own noun
        if share and negated_before(low, share.end()):
            polarity = "prohibited"
        elif share and STOPS.search(low[max(0, share.start() - 60) : share.end()]):
            condition = "opt_out"
        if condition == "none" and _CONSENT.search(low):
            condition = "opt_in"  # "only with your consent", "if you choose to connect"
        if share:
            spans = [(m.start(), m.end()) for m in _SHARE.finditer(low)]
            recipients = [k for k, pat in _RECIPIENT_RES.items() if _after_verb(pat, low, spans)]
            if "third_party_apps" not in recipients and _ENABLE_APP.search(low):
                # "if you enable an integration, your data will be shared with its provider"
                recipients.append("third_party_apps")
            if not recipients and _after_verb(_THIRD_PARTY, low, spans):
                recipients = ["third_parties"]
        else:
            recipients = [k for k, pat in _RECIPIENT_RES.items() if _head_matches(pat, low)]
    for r in recipients:
        # "we will turn off sharing with third parties if you send a signal": a way to stop
        # the sharing (an opt-out), a promise of its own beside any statement that it happens
        atoms.append(
            ["sharing", "opt_out", r] if condition == "opt_out" else ["sharing", r, polarity]
        )
    atoms.extend(_licence_atoms(low))
    if share and not recipients and _AS_DIRECTED.search(low[share.start() :]):
        # "we use or share it only as directed by the school": sharing bound to instructions
        atoms.append(["sharing", "as_directed", "prohibited"])
    sale = None
    sm = _SALE.search(low)
    if sm and not re.search(_RECIPIENTS_ACQ, low) and not is_user_restriction(low):
        sale = "prohibited" if negated_before(low, sm.end()) else "permitted"
        if not re.search(r"\b(?:data|information|content)\b", low):
            sale = None
        if sale:
            atoms.append(["sharing", "sale", sale])
    if (
        _REMIX.search(low)
        and not is_user_restriction(low)
        and not negated_before(low, _REMIX.search(low).start())
    ):
        atoms.append(["sharing", "public", "permitted"])  # other users may reuse the content
    if _PUBLICITY.search(low) and not is_user_restriction(low):
        # naming the customer in marketing discloses who uses the service, and for what
        atoms.append(
            [
                "sharing",
                "publicity",
                "prohibited"
                if negated_before(low, _PUBLICITY.search(low).start())
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
        "condition": condition,
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
    r"(?:market(?:ing)?|promotional|publicity|customer list|website)"
)


_COOKIE_TABLE_ROW = re.compile(r"¶.*\bcookie")
