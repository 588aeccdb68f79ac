"""Line diffs of canonical texts, for people reading `clausewatch show --diff`."""

from __future__ import annotations

import difflib

from ..records import Version


def unified_diff(old: str, new: str, old_v: Version | None, new_v: Version) -> str:
    old_name = f"version {old_v.id} ({old_v.first_seen:%Y-%m-%d})" if old_v else "(nothing)"
    new_name = f"version {new_v.id} ({new_v.first_seen:%Y-%m-%d})"
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=1
    )
    return "\n".join(lines)
