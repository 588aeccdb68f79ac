"""Is a capture fit to be compared? Checks on a version's text before the comparison reads it.

Real histories hold captures that are not the document: an error page or a stub (a title and
a "last updated" line) recorded as the first version, the document in another language for one
capture, the whole text captured twice, sections whose headings stayed while their bodies were
collapsed. Compared as they are, they read as dozens of removed and then re-added clauses. These
pure functions say what is wrong with a capture so that `detection.compare` can keep it out of
the comparison (and never make it the baseline).

    not_a_document(text) -> str | None           why the text cannot serve as a baseline
    is_english(text) -> bool                     the rules read English only
    undouble(text) -> str                        the text with a repeated copy of itself removed
    collapsed_sections(old, new) -> list[str]    headings kept whose bodies vanished
"""

from __future__ import annotations

import re
from functools import lru_cache

from clausewatch.errors import ExtractError

from .quality import check_text, count_words, error_page_phrase

# A legal document has more than a title and a date line: at least one sentence of text.
STUB_MAX_SENTENCES = 1
# An error page is short: the phrase alone condemns a page of fewer words than this.
ERROR_PAGE_MAX_WORDS = 150
_SENTENCE_END = re.compile(r"[.!?:;]\s|[.!?]$")
_DATE_LINE = re.compile(r"\b(?:last\s+)?(?:updated|modified|revised|effective)\b", re.IGNORECASE)

# The commonest English function words: about a third of the words of English legal prose,
# a few per cent of a French, German or Spanish text, none of a Chinese or Japanese one.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "a",
        "in",
        "or",
        "for",
        "is",
        "that",
        "with",
        "by",
        "on",
        "this",
        "be",
        "are",
        "may",
        "as",
        "we",
        "you",
        "your",
        "our",
        "not",
        "it",
        "any",
        "if",
        "from",
        "at",
        "an",
        "will",
        "such",
        "can",
        "us",
        "these",
        "those",
        "which",
        "when",
        "use",
    ]
)
ENGLISH_MIN_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


# each text is judged as a new capture and again as the next one's base
@lru_cache(maxsize=8)
def is_english(text: str, sample: int = 4000) -> bool:
    """Whether the text reads as English (its function words), on a sample of its words."""
    head = text[: sample * 8]
    # prose only: tables of names and headings have few function words in any language
    prose = "\n".join(
        line for line in head.split("\n") if not line.lstrip().startswith(("|", "#"))
        and len(line.split()) >= 5
    )  # fmt: skip
    words = _WORD.findall(prose.lower())[:sample]
    cjk = len(_CJK.findall(head))
    if cjk > len(words):
        return False
    if len(words) < 20:
        return True  # too little to tell; the other checks judge a text this short
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) >= ENGLISH_MIN_SHARE


def _body_sentences(text: str, enough: int = 5) -> int:
    """Sentences of body text (not headings, not date lines), counted up to `enough`."""
    n = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#") or len(line.split()) < 3 or _DATE_LINE.search(line):
            continue
        n += max(1, len(_SENTENCE_END.findall(line)))
        if n >= enough:
            break
    return n


def not_a_document(text: str) -> str | None:
    """Why `text` cannot be a document's baseline (a wall, an error page, a stub, a text in a
    language the rules cannot read), or None when it can."""
    words = count_words(text, ERROR_PAGE_MAX_WORDS)
    try:
        check_text(text)
    except ExtractError as err:
        if err.reason != "empty":  # a short document is still a document (judged below)
            return f"not a document ({err.reason}, {words} words)"
    phrase = error_page_phrase(text)
    if phrase and words < ERROR_PAGE_MAX_WORDS:
        return f"an error page ({phrase!r}, {words} words)"
    sentences = _body_sentences(text)
    if sentences < STUB_MAX_SENTENCES:
        return f"a stub ({words} words, {sentences} sentences): a title or a date line"
    if not is_english(text):
        return "not in English: the rules read English documents only"
    return None


_PARAGRAPH_MIN_CHARS = 60
DOUBLED_MIN_SHARE = 0.4  # share of the long paragraphs that are repeats


def undouble(text: str) -> str:
    """`text` without the second copy of its paragraphs when the capture holds the document
    (or most of it) twice; any other text unchanged.

    Documents repeat a paragraph here and there (a contact block, a table row); a capture that
    repeats a large share of its long paragraphs holds the page twice (a print view, a
    mobile and a desktop copy), and compared as it is, every statement counts double.
    """
    paragraphs = text.split("\n")
    long_ = [p.strip() for p in paragraphs if len(p.strip()) >= _PARAGRAPH_MIN_CHARS]
    if len(long_) < 4:
        return text
    repeats = len(long_) - len(set(long_))
    if repeats < DOUBLED_MIN_SHARE * len(long_):
        return text
    seen: set[str] = set()
    kept: list[str] = []
    for p in paragraphs:
        key = p.strip()
        if len(key) >= _PARAGRAPH_MIN_CHARS:
            if key in seen:
                continue
            seen.add(key)
        kept.append(p)
    return "\n".join(kept)


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def _sections(text: str) -> dict[str, int]:
    """Heading text -> words of its section (up to the next heading of its level or higher),
    so that a body moved under new subheadings still counts as the section's."""
    heads: list[tuple[int, str, int]] = []  # (level, heading, index of its first body line)
    lines = text.split("\n")
    words = [0] * (len(lines) + 1)  # words[i]: body words in lines[:i]
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        words[i + 1] = words[i] + (0 if m else len(line.split()))
        if m:
            heads.append((len(m.group(1)), m.group(2).strip().lower(), i + 1))
    out: dict[str, int] = {}
    for j, (level, heading, start) in enumerate(heads):
        end = next((s - 1 for lv, _, s in heads[j + 1 :] if lv <= level), len(lines))
        out.setdefault(heading, words[end] - words[start])
    return out


COLLAPSED_MIN_WORDS = 15  # a body this long that shrinks to nothing under the same heading


def collapsed_sections(old: str, new: str) -> list[str]:
    """Headings present in both texts whose body had words before and has none now.

    A document that drops a section drops its heading too; a heading left standing over an
    empty body is a capture with collapsed (accordion, "show more") sections.
    """
    before, after = _sections(old), _sections(new)
    return [
        h
        for h, words in before.items()
        if words >= COLLAPSED_MIN_WORDS and h in after and after[h] == 0
    ]
