"""Clauses of a version: sentences, list items and table rows that speak about a topic.

    find_clauses(text: str) -> list[Clause]
    strip_markup(text: str) -> str
    clause_key(text: str) -> str

Input is canonical text (docs/canonical-text.md) or an Open Terms Archive version (the same
light Markdown plus link syntax, setext headings and backslash escapes). Link targets, images,
emphasis and escapes are dropped first: they churn without changing meaning.

Segmentation is cheap Python (headings, list items, table rows, paragraphs); only blocks that
contain a topic cue word go through spaCy (blank English pipeline, sentencizer, lookup
lemmatizer from spacy-lookups-data, no model download). The analysis of a block is memoized
by its text, so consecutive versions of a document, which share almost every block, cost
almost nothing after the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from clausewatch.parsers.dates import find_effective_date, stated_effective_date
from clausewatch.records import Clause
from clausewatch.statements.facts import TOPIC_CUES
from clausewatch.statements.read import Reading, read_clauses

__all__ = ["find_clauses", "find_effective_date", "strip_markup", "clause_key", "segment"]

# --------------------------------------------------------------------------- markup

_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]+>")
_URL = re.compile(r"\bhttps?://\S+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_EMPH = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def strip_markup(text: str) -> str:
    """Drop link targets, images, escapes, emphasis and invisible characters (keeps lines)."""
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _URL.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _INVISIBLE.sub("", text)
    return text


_KEY_ENUM = re.compile(
    r"^(?:\(?[0-9ivxlc]{1,5}[.)]|\(?[a-z][.)]|[0-9]+(?:\.[0-9]+)+\.?|§\s*[0-9.]+)\s+"
)
_KEY_WORDS = re.compile(r"[^\W_]+")


def clause_key(text: str) -> str:
    """Comparison key of a clause: lower-case words only, leading enumerators dropped."""
    low = text.lower().strip()
    for _ in range(2):
        low = _KEY_ENUM.sub("", low)
    return " ".join(_KEY_WORDS.findall(low))


# --------------------------------------------------------------------------- segmentation

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_ITEM = re.compile(r"^(\s*)(?:[*+\-•]|\d{1,3}[.)]|\(?[a-z]\)|\([ivx]+\))\s+(.*)$")
_ITEM_START = set(" \t*+-•0123456789(abcdefghijklmnopqrstuvwxyz")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


_LINE_CACHE: dict[str, str] = {}


def _clean_line(line: str) -> str:
    """strip_markup + emphasis + spaces for one line, memoized (versions share most lines)."""
    got = _LINE_CACHE.get(line)
    if got is None:
        if len(_LINE_CACHE) > 500_000:
            _LINE_CACHE.clear()
        got = _SPACES.sub(" ", _EMPH.sub("", strip_markup(line))).strip()
        _LINE_CACHE[line] = got
    return got


def clean_lines(text: str) -> list[str]:
    """The text's lines without markup (link targets, emphasis, escapes), memoized per line."""
    return [_clean_line(line) for line in text.split("\n")]


def _is_sub_item(indent: int, marker: str, lead_indent: int, lead_marker: str) -> bool:
    """Is an item below the lead-in item `lead_marker` one of its sub-items?

    Deeper indentation says so; flattened captures lose it, so a change of marker kind
    ("3." then "a)" or "-") or a numbering that restarts ("3." then "1.") says so too.
    """
    if indent != lead_indent:
        return indent > lead_indent
    num, lead_num = re.match(r"\d+", marker), re.match(r"\d+", lead_marker)
    if num and lead_num:
        return int(num.group()) <= int(lead_num.group())
    return (marker[:1].isdigit(), marker[:1].isalpha()) != (
        lead_marker[:1].isdigit(),
        lead_marker[:1].isalpha(),
    ) or (marker[:1] in "*+-•") != (lead_marker[:1] in "*+-•")


# A whole table flattened onto one line: "| A | B | | :---- | :---- | | a1 | b1 | | a2 | b2 |"
_FLAT_TABLE_SEP = re.compile(r"\|\s*:?-{3,}:?\s*\|")
_ROW_BREAK = re.compile(r"\|\s+\|(?=\s*\S)")


def _unflatten_table(line: str) -> list[str]:
    """One line per row for a table whose rows were captured on one line."""
    if not line.lstrip().startswith("|") or not _FLAT_TABLE_SEP.search(line):
        return [line]
    rows = _ROW_BREAK.split(line.strip())
    if len(rows) < 3:
        return [line]
    return [
        "| " + r.strip().strip("|").strip() + " |" for r in rows if r.strip().strip("|").strip()
    ]


def segment(text: str) -> list[tuple[str, str, str, str]]:
    """Split text into blocks: (section path, kind, block text, lead-in).

    kind is 'para', 'item' or 'row'. The lead-in of a list item or table row is the last
    paragraph (or header row) before its list or table: "We share data with:" gives a bare
    item like "Affiliates" its meaning.
    """
    raw_lines = [row for x in text.split("\n") for row in _unflatten_table(x)]
    lines = [_clean_line(x) for x in raw_lines]
    blocks: list[tuple[str, str, str, str]] = []
    headings: list[tuple[int, str]] = []
    section = ""
    para: list[str] = []
    last_para = ""
    table_head = ""
    # An item ending in ':' ("3. You may not:") leads the sub-items below it: (text, indent, marker)
    item_lead: tuple[str, int, str] | None = None
    n = len(lines)

    def flush() -> None:
        nonlocal para, last_para, item_lead
        if para:
            body = " ".join(para)
            blocks.append((section, "para", body, ""))
            last_para = body
            para = []
            item_lead = None

    def set_heading(level: int, title: str) -> None:
        nonlocal section, headings, last_para, item_lead
        headings = [h for h in headings if h[0] < level] + [(level, title)]
        section = " > ".join(t for _, t in headings if t)
        last_para = ""
        item_lead = None

    i = 0
    while i < n:
        raw = raw_lines[i]
        line = lines[i]
        i += 1
        if not line:
            flush()
            table_head = ""
            continue
        m = _ATX.match(line)
        if m:
            flush()
            set_heading(len(m.group(1)), m.group(2).strip())
            continue
        if i < n and _SETEXT.match(lines[i].strip()) and not para and not line.startswith("|"):
            flush()
            set_heading(1 if lines[i].strip().startswith("=") else 2, line)
            i += 1
            continue
        if line.startswith("|"):
            flush()
            if _TABLE_SEP.match(line):
                continue
            row = " | ".join(c.strip() for c in _BR.sub(" • ", line).strip("|").split("|"))
            row = _SPACES.sub(" ", row).strip(" •|")
            if not row:
                continue
            if not table_head and i < n and _TABLE_SEP.match(lines[i].strip()):
                table_head = row  # header row: context for the rows below
                continue
            # the header row follows a pilcrow so facts can read column names
            lead = f"{last_para} ¶ {table_head}" if table_head else last_para
            blocks.append((section, "row", row, lead))
            continue
        m = _ITEM.match(raw) if raw[:1] in _ITEM_START else None
        if m and m.group(2).strip():
            flush()
            body = _clean_line(m.group(2))
            indent, marker = len(m.group(1)), raw.strip().split(None, 1)[0]
            if item_lead and not _is_sub_item(indent, marker, item_lead[1], item_lead[2]):
                item_lead = None  # the list of the lead-in item goes on: a sibling, not a sub-item
            blocks.append((section, "item", body, item_lead[0] if item_lead else last_para))
            if body.rstrip().endswith(":"):
                item_lead = (body, indent, marker)
            continue
        if raw.startswith(("  ", "\t")) and blocks and blocks[-1][1] == "item" and not para:
            # continuation of a list item (indented)
            sec, kind, body, lead = blocks[-1]
            blocks[-1] = (sec, kind, f"{body} {line}", lead)
            continue
        para.append(line)
    flush()
    return blocks


# --------------------------------------------------------------------------- spaCy


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


# block analysis cache: (kind, block text, context) -> readings of its sentences
_BLOCK_CACHE: dict[tuple[str, str, str], list[Reading]] = {}
_BLOCK_CACHE_MAX = 200_000


def _context_cue(context: str) -> str:
    # Only the tail of a long context can change the meaning of a bare item or row.
    return context[-300:]


def _sentences(kind: str, sentences: Iterable[str], context: str) -> list[tuple[str, str, str]]:
    clause_kind = kind if kind != "para" else "sentence"
    return [(t.strip(), context, clause_kind) for t in sentences if len(t.strip()) >= 3]


def _analyze_blocks(items: Iterable[tuple[str, str, str]]) -> None:
    """Fill the cache for (kind, text, context) blocks not analyzed yet.

    Paragraphs go through spaCy's sentencizer in one nlp.pipe batch; list items and table rows
    are one clause each and need no sentence splitting. All the sentences of the batch are then
    read at once, so the parser sees one batch too.
    """
    todo = [b for b in dict.fromkeys(items) if b not in _BLOCK_CACHE]
    if not todo:
        return
    if len(_BLOCK_CACHE) > _BLOCK_CACHE_MAX:
        _BLOCK_CACHE.clear()
    split: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    paras = [b for b in todo if b[0] == "para"]
    for kind, text, context in todo:
        if kind != "para":
            split[(kind, text, context)] = _sentences(kind, [text], context)
    if paras:
        docs = _nlp().pipe((t for _, t, _ in paras), batch_size=256)
        for (kind, text, context), doc in zip(paras, docs, strict=True):
            sents = [text[s.start_char : s.end_char] for s in doc.sents]
            split[(kind, text, context)] = _sentences(kind, sents, context)
    flat = [s for b in todo for s in split[b]]
    readings = iter(read_clauses(flat))
    for b in todo:
        got = [next(readings) for _ in split[b]]
        _BLOCK_CACHE[b] = [r for r in got if r.statements]


# block -> its analysis key, or None when it holds no topic word: versions share most blocks,
# and the topic-word search over every block of every version was a tenth of an import
_KEY_CACHE: dict[tuple[str, str, str, str], tuple[str, str, str] | None] = {}


def _block_key(block: tuple[str, str, str, str]) -> tuple[str, str, str] | None:
    if block in _KEY_CACHE:
        return _KEY_CACHE[block]
    section, kind, body, lead = block
    context = f"{section} > {lead}" if lead else section
    probe = body if kind == "para" else f"{body} {context}"
    key = None
    if TOPIC_CUES.search(probe.lower()):
        key = (kind, body, _context_cue(context) if kind != "para" else section)
    if len(_KEY_CACHE) > _BLOCK_CACHE_MAX:
        _KEY_CACHE.clear()
    _KEY_CACHE[block] = key
    return key


def find_clauses(text: str) -> list[Clause]:
    """Clauses that speak about training use, retention or sharing, in document order."""
    blocks = segment(text)
    keyed = [(block[0], _block_key(block)) for block in blocks]
    _analyze_blocks(k for _, k in keyed if k is not None)
    clauses: list[Clause] = []
    for section, key in keyed:
        if key is None:
            continue
        for r in _BLOCK_CACHE[key]:
            topics = tuple(t for t in ("training_use", "retention", "sharing") if t in r.facts)
            clauses.append(Clause(len(clauses), section, r.text, topics, r.facts, r.statements))
    return clauses


def read_text(text: str) -> list[Reading]:
    """Every sentence, item and row of `text` read into statements, with or without a practice.

    What `clausewatch explain` shows: unlike `find_clauses`, clauses that state nothing are kept
    with the reason why.
    """
    items: list[tuple[str, str, str]] = []
    for section, kind, body, lead in segment(text):
        context = f"{section} > {lead}" if lead else section
        if kind == "para":
            sents = [body[s.start_char : s.end_char] for s in _nlp()(body).sents]
            items += _sentences(kind, sents, section)
        else:
            items += _sentences(kind, [body], _context_cue(context))
    return read_clauses(items, reasons=True)


def section_dates(text: str) -> dict[str, date]:
    """Sections that state their own effective date (in their heading or text), by path.

    "## Changes effective 1 March 2026" or a section whose text says "these changes take effect
    on ..." gives that date to the findings of its clauses; a sub-section inherits it.
    """
    out: dict[str, date] = {}
    for section, _kind, body, _lead in segment(text):
        parts = section.split(" > ")
        for i in range(1, len(parts) + 1):  # headings on the path state dates too
            path = " > ".join(parts[:i])
            if path not in out:
                d = stated_effective_date(parts[i - 1])
                if d:
                    out[path] = d
        if section not in out:
            d = stated_effective_date(body)
            if d:
                out[section] = d
    return out


def effective_date_of(section: str, dates: dict[str, date]) -> date | None:
    """The date `section` or its nearest enclosing section states, if any."""
    parts = section.split(" > ")
    for i in range(len(parts), 0, -1):
        d = dates.get(" > ".join(parts[:i]))
        if d:
            return d
    return None
