"""Durations in legal text, normalized to days ("thirty (30) days" -> 30, "five years" -> 1825)."""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
    "one hundred eighty": 180,
}
_UNIT_DAYS = {
    "hour": 1 / 24,
    "day": 1,
    "business day": 1,
    "working day": 1,
    "week": 7,
    "month": 30,
    "year": 365,
}
_NUM = (
    r"(\d+(?:[.,]\d+)?|"
    + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
# "30 days", "thirty (30) days", "five years", "2 yrs", "18-month", "30 rolling days" (a word
# that says how the days are counted stands between the number and its unit)
DURATION_RE = re.compile(
    rf"\b{_NUM}(?:\s*\(\s*(\d+)\s*\))?[\s-]*(?:(?:rolling|calendar|consecutive)\s+)?"
    r"(business day|working day|hour|day|week|month|year|yr)s?\b",
    re.IGNORECASE,
)


def _to_number(token: str) -> float | None:
    token = token.lower().replace(",", ".")
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


def _matches(text: str):
    """(match, days) of each duration in `text`, ages left out, in order of appearance."""
    for m in DURATION_RE.finditer(text):
        after = text[m.end() : m.end() + 12].lower()
        before = text[max(0, m.start() - 25) : m.start()].lower()
        if re.match(
            r"\s*(?:old|of age|or older|or younger|and older|and over)", after
        ) or re.search(
            r"\b(?:age|aged|ages|under|over|younger than|older than|minors?)\b[^.]*$", before
        ):
            continue  # an age, not a duration
        words, digits, unit = m.group(1), m.group(2), m.group(3).lower()
        value = _to_number(digits) if digits else _to_number(words)
        if value is None or value <= 0:
            continue
        unit = "year" if unit == "yr" else unit
        yield m, max(1, round(value * _UNIT_DAYS[unit]))


def find_durations(text: str) -> list[int]:
    """Every duration in `text`, in days (rounded up to at least 1), in order of appearance."""
    return [days for _, days in _matches(text)]


_UP_TO = re.compile(
    r"\b(?:up to|no (?:more|longer) than|not (?:more|longer) than|a maximum of|maximum|within"
    r"|at most|less than|fewer than|max\.?)\s*$"
)
_AT_LEAST = re.compile(
    r"\b(?:at least|a minimum of|minimum|no (?:less|fewer|shorter) than|not less than|more than"
    r"|longer than)\s*$"
)


def duration_spans(text: str) -> list[tuple[int, int, int, str]]:
    """(days, start, end, bound) of each duration in `text`; bound: exact | up_to | at_least.

    "up to 30 days", "within thirty (30) days" and "no longer than 90 days" bound the period
    from above, "at least 6 months" from below.
    """
    out = []
    for m, days in _matches(text):
        before = text[max(0, m.start() - 25) : m.start()].lower()
        bound = (
            "up_to"
            if _UP_TO.search(before)
            else "at_least"
            if _AT_LEAST.search(before)
            else "exact"
        )
        out.append((days, m.start(), m.end(), bound))
    return out
