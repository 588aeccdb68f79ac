"""The version of the text extraction: a hash of the code that turns fetched bytes into text.

Each version records the parser version its text was extracted with. When the extraction code
changes, the stored versions were extracted otherwise; the analysis says how many and that
`clausewatch reextract` rebuilds them from their snapshots (as technical versions, never
alerted). A content hash, like the rules version, needs no one to remember a bump.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# what decides the text extracted from the same bytes, and whether it is refused
_SOURCES = ("extract.py", "html.py", "pdf.py", "quality.py")


def parser_version(root: Path = _HERE) -> str:
    h = hashlib.sha256()
    for name in _SOURCES:
        path = root / name
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


PARSER_VERSION = parser_version()
