"""Diffs for people: changed words of a finding (wdiff style) and line diffs of versions.

diff-match-patch diffs characters; people read words, so a change that starts or ends inside a
word is widened to the whole word before it is shown.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from ..records import Version


def word_ops(diff: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Widen a character-level diff-match-patch diff to whole words, for people to read.

    "30 day[s]" vs "5 year[s]" reads better as [-30 days-]{+5 years+}: a change that starts or
    ends inside a word takes the rest of that word from the equal text around it.
    """
    segs: list[list[str]] = []  # ["eq", text] or ["chg", deleted, inserted]
    for op, text in diff:
        if op == 0:
            segs.append(["eq", text])
        else:
            if not segs or segs[-1][0] != "chg":
                segs.append(["chg", "", ""])
            segs[-1][1 if op == -1 else 2] += text
    for i, seg in enumerate(segs):
        if seg[0] != "chg":
            continue
        if i > 0 and segs[i - 1][0] == "eq":
            m = re.search(r"\w+$", segs[i - 1][1])
            if m and any(re.match(r"\w", t) for t in seg[1:]):
                segs[i - 1][1] = segs[i - 1][1][: m.start()]
                seg[1], seg[2] = m.group() + seg[1], m.group() + seg[2]
        if i + 1 < len(segs) and segs[i + 1][0] == "eq":
            m = re.match(r"\w+", segs[i + 1][1])
            if m and any(re.search(r"\w$", t) for t in seg[1:]):
                segs[i + 1][1] = segs[i + 1][1][m.end() :]
                seg[1], seg[2] = seg[1] + m.group(), seg[2] + m.group()
    out: list[tuple[int, str]] = []
    pending = ["", ""]
    for seg in segs:
        if seg[0] == "eq" and seg[1]:
            out += [(op, t) for op, t in ((-1, pending[0]), (1, pending[1])) if t]
            pending = ["", ""]
            out.append((0, seg[1]))
        elif seg[0] == "chg":
            pending = [pending[0] + seg[1], pending[1] + seg[2]]
    out += [(op, t) for op, t in ((-1, pending[0]), (1, pending[1])) if t]
    return out


def changed_words(
    diff: Sequence[tuple[int, str]], context: int = 60, limit: int | None = None
) -> str:
    """wdiff-style [-removed-]{+added+} with a little context around each change."""
    parts: list[str] = []
    ops = word_ops(diff)
    for i, (op, text) in enumerate(ops):
        if op == -1:
            parts.append(f"[-{text}-]")
        elif op == 1:
            parts.append(f"{{+{text}+}}")
        else:
            before = i > 0
            after = i < len(ops) - 1
            if len(text) > 2 * context and before and after:
                text = text[:context] + " … " + text[-context:]
            elif len(text) > context and after and not before:
                text = "…" + text[-context:]
            elif len(text) > context and before and not after:
                text = text[:context] + "…"
            parts.append(text)
    out = "".join(parts).strip()
    return out if limit is None or len(out) <= limit else out[: limit - 1] + "…"


def unified_diff(old: str, new: str, old_v: Version | None, new_v: Version) -> str:
    old_name = f"version {old_v.id} ({old_v.first_seen:%Y-%m-%d})" if old_v else "(nothing)"
    new_name = f"version {new_v.id} ({new_v.first_seen:%Y-%m-%d})"
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=1
    )
    return "\n".join(lines)
