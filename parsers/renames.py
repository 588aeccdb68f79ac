"""Names replaced throughout a document: "Quill" -> "Quillpad", "Chat Services" -> "Assistant".

A product or defined term renamed in every clause that names it is not a change of what the
document says: read clause by clause, each edit would look like a new scope, a new subject or
a plan dropped from a promise. `find_renames(old, new)` finds such replacements: a capitalised
name that the old text uses and the new text never does, replaced by one the old text never
uses, at the same place in at least `MIN_EDITS` edited lines (and in no other way).

    find_renames(old_text, new_text) -> dict[str, str]    new name -> old name
    apply_renames(text, renames) -> str                    the text with the old names back

Pure: text in, mapping out.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

MIN_EDITS = 2  # a replacement seen in fewer edited lines is an edit, not a rename
_TOKEN = re.compile(r"\S+")
_NAME = re.compile(r"^[A-Z][\w'’-]*$")


def _words(line: str) -> list[str]:
    return [w.strip(".,;:()“”\"'*") for w in _TOKEN.findall(line)]


def _is_name(words: list[str]) -> bool:
    return 0 < len(words) <= 4 and all(_NAME.match(w) for w in words if w)


def find_renames(old_text: str, new_text: str) -> dict[str, str]:
    """New name -> old name for names replaced throughout (see the module docstring)."""
    old_lines = [ln for ln in old_text.split("\n") if ln.strip()]
    new_lines = [ln for ln in new_text.split("\n") if ln.strip()]
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    seen: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for a, b in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
            wa, wb = _words(a), _words(b)
            words = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
            if words.ratio() < 0.6:
                continue
            for op, x1, x2, y1, y2 in words.get_opcodes():
                if op == "replace" and _is_name(wa[x1:x2]) and _is_name(wb[y1:y2]):
                    seen[(" ".join(wa[x1:x2]), " ".join(wb[y1:y2]))] += 1
    out: dict[str, str] = {}
    for (old, new), n in seen.most_common():
        if n < MIN_EDITS or new in out or old in out.values():
            continue
        # throughout: the old name is gone from the new text, the new one was not in the old
        if _mentions(old, new_text) or _mentions(new, old_text):
            continue
        out[new] = old
    return out


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def apply_renames(text: str, renames: dict[str, str]) -> str:
    """`text` with each new name written as the old one (longest names first)."""
    for new in sorted(renames, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(new)}(?![\w-])", renames[new], text)
    return text
