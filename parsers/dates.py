"""Effective and last-updated dates stamped on a legal document."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DATE = (
    rf"(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"  # September 28, 2025
    rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})"  # 28 September 2025
    r"|(\d{4})-(\d{2})-(\d{2})"  # 2025-09-28
    r"|(\d{1,2})/(\d{1,2})/(\d{4}))"  # 09/28/2025 (US order)
)
# When new terms take effect: "Effective date: ...", "These changes take effect on ...",
# "will become effective as of ...", "will apply from ...", "come into force on ...".
_EFFECTIVE = re.compile(
    r"\b(?:effective(?:\s+date)?|takes?\s+effect|(?:will\s+)?(?:become|becomes)\s+effective"
    r"|(?:will\s+)?(?:apply|applies)|comes?\s+into\s+(?:force|effect)|in\s+effect"
    r"|enters?\s+into\s+force)"
    rf"(?:\s+(?:as\s+of|on|from|starting|beginning))?(?:\s+the)?\s*[:\-–]?\s*{_DATE}",
    re.I,
)
_UPDATED = re.compile(
    rf"\b(?:last\s+)?(?:updated|revised|modified)(?:\s+on)?\s*[:\-–]?\s*{_DATE}", re.IGNORECASE
)


def _to_date(groups: tuple[str | None, ...]) -> date | None:
    g = groups
    try:
        if g[0]:
            return date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
        if g[4]:
            return date(int(g[5]), _MONTHS[g[4].lower()], int(g[3]))
        if g[6]:
            return date(int(g[6]), int(g[7]), int(g[8]))
        if g[9]:
            return date(int(g[11]), int(g[9]), int(g[10]))
    except (ValueError, KeyError):
        return None
    return None


def stated_effective_date(text: str) -> date | None:
    """The date a text says it takes effect ("take effect on March 1, 2026"), not a stamp."""
    for m in _EFFECTIVE.finditer(text):
        d = _to_date(m.groups())
        if d:
            return d
    return None


def find_effective_date(text: str) -> date | None:
    """'Effective September 28, 2025' or 'Last updated: ...'; an effective date wins."""
    for pattern in (_EFFECTIVE, _UPDATED):
        for m in pattern.finditer(text[:20000]):
            d = _to_date(m.groups())
            if d:
                return d
    return None
