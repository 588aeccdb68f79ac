"""The version of the reading rules: a hash of the code and model that turn text into findings.

Clauses, findings and each document's comparison state record the version they were made
with, so `clausewatch reanalyze` knows what to rebuild after an upgrade. It is a content hash,
not a number someone must remember to bump: any change to a rule, a lexicon, the comparison or
the shipped pipeline gives a new version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent

# what decides which statements and findings a text yields
_SOURCES = (
    "statements/*.py",
    "parsers/clauses.py",
    "parsers/captures.py",
    "parsers/renames.py",
    "detection/*.py",  # comparison, severity and every helper that words a finding
    "models/en_clausewatch_ewt/meta.json",
)


def rules_version(root: Path = _ROOT) -> str:
    h = hashlib.sha256()
    for pattern in _SOURCES:
        for path in sorted(root.glob(pattern)):
            if path.name == "version.py":
                continue
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


RULES_VERSION = rules_version()
