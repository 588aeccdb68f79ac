"""Is extracted text a document, or an error page in disguise?

A fetch can succeed (HTTP 200) and still bring back a sign-in form, a bot check, a cookie wall
or an empty JavaScript shell. Recording that as a version would raise a false alert that the
whole document changed, so these texts are refused with a reason a person can act on.
"""

from __future__ import annotations

import re

from clausewatch.errors import ExtractError

MIN_CHARS = 200  # visible (non-space) characters
MIN_WORDS = 30
WALL_MAX_WORDS = 500  # a real legal document is longer; a wall page never is
WALL_MIN_DENSITY = 0.08  # share of the words that belong to wall phrases
STRONG_MAX_WORDS = 150  # a bot-check phrase alone condemns only a page this short
VANISHED_RATIO = 0.4

# Phrases of sign-in, access-denied, bot-check, "enable JavaScript" and consent-only pages.
_WALL_PHRASES = [
    r"sign(?:ing)? ?in",
    r"log(?:ging)? ?in",
    r"sign ?up",
    r"create (?:an|your) account",
    r"forgot (?:your )?password",
    r"password",
    r"email address",
    r"continue with (?:google|apple|microsoft|email)",
    r"don'?t have an account",
    r"access (?:is )?denied",
    r"permission denied",
    r"forbidden",
    r"not authori[sz]ed",
    r"unauthori[sz]ed",
    r"request (?:was )?blocked",
    r"you have been blocked",
    r"captcha",
    r"verify (?:that )?you are (?:a )?human",
    r"are you a robot",
    r"not a robot",
    r"checking (?:if the site connection is secure|your browser)",
    r"just a moment",
    r"attention required",
    r"ray id",
    r"ddos protection",
    r"unusual traffic",
    r"enable javascript",
    r"javascript (?:is )?(?:disabled|required)",
    r"turn on javascript",
    r"enable cookies",
    r"cookies (?:are )?(?:disabled|required)",
    r"we use cookies",
    r"accept (?:all )?cookies",
    r"reject all",
    r"cookie (?:settings|preferences)",
    r"manage (?:consent|preferences)",
    r"your privacy choices",
    r"session (?:has )?expired",
]
_WALL_RE = re.compile(r"\b(?:" + "|".join(_WALL_PHRASES) + r")\b", re.IGNORECASE)
# Words that alone say "this is not the page you asked for".
_STRONG_RE = re.compile(
    r"\b(?:captcha|verify (?:that )?you are (?:a )?human|are you a robot|access (?:is )?denied"
    r"|enable javascript|checking your browser|just a moment|you have been blocked"
    r"|unusual traffic)\b",
    re.IGNORECASE,
)
# A CJK ideograph or kana counts as a word: those scripts don't separate words with spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def count_words(text: str, limit: int | None = None) -> int:
    """Words in `text` (each CJK character counts as one).

    With `limit`, a count >= limit may be returned as soon as it is known: the checks only
    care about short texts, and a regex over a long text costs as much as parsing the page.
    """
    if limit is not None and len(text.split(None, limit)) > limit:
        return limit  # enough space-separated tokens: a C-level split that stops early
    return len(_WORD_RE.findall(text))


def check_text(text: str, *, url: str = "", previous_length: int | None = None) -> None:
    """Raise ExtractError(reason="login_wall" | "empty") when `text` is not a usable document.

    `previous_length` (length of the last recorded version) makes the wall check stricter for a
    text that shrank to a fraction of it: then any wall phrase is enough.
    """
    where = f" at {url}" if url else ""
    words = count_words(text, WALL_MAX_WORDS)
    if words and words < WALL_MAX_WORDS:
        hits = _WALL_RE.findall(text)
        if hits:
            hit_words = sum(len(h.split()) for h in hits)
            shrunk = previous_length is not None and len(text) < VANISHED_RATIO * previous_length
            if (
                hit_words / words >= WALL_MIN_DENSITY
                or (words < STRONG_MAX_WORDS and _STRONG_RE.search(text))
                or (shrunk and words < MIN_WORDS * 5)
            ):
                shown = ", ".join(dict.fromkeys(h.lower() for h in hits))
                raise ExtractError(
                    f"the page{where} looks like a sign-in, bot-check or consent page "
                    f"({words} words; {shown}); it may need the browser option, "
                    "other selectors, or cannot be fetched without an account",
                    reason="login_wall",
                )
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible < MIN_CHARS or words < MIN_WORDS:
        raise ExtractError(
            f"no usable text{where} ({visible} characters, {words} words): check that "
            "`select` still matches the document, or whether the page needs a browser",
            reason="empty",
        )


def is_vanished(old_text: str, new_text: str) -> bool:
    """True when most of the document disappeared (a capture glitch more often than a change)."""
    return len(new_text) < VANISHED_RATIO * len(old_text)
