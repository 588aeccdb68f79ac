"""No sentence of the labeled corpus is copied into the project.

Fixtures, behavioural cases, comments and docs are our own wording about fictional providers;
the Open Terms Archive texts in ../shared are for measuring only. When the corpus is present,
every sentence of 60 characters or more in the project's text files is looked up among the
corpus's sentences (split the same way).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT.parent / "shared" / "corpus" / "ota-genai" / "genai-versions.bundle"
_SUFFIXES = {".py", ".md", ".html", ".txt", ".json"}  # (the catalog's TOML holds titles, URLs)
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|<br\s*/?>|[\"“”|]")


def _normal(text: str) -> str:
    """Lower case, one space, no Markdown emphasis or list marks around the words."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`#>]+", "", text)).strip(" -•").lower()


@pytest.mark.skipif(not BUNDLE.exists(), reason=f"{BUNDLE} not found (the shared corpus)")
def test_no_sentence_of_the_corpus_is_in_the_project() -> None:
    from clausewatch.pipelines.ota_source import read_ota_versions

    corpus = {
        _normal(s)
        for text in {v.text for v in read_ota_versions(BUNDLE)}
        for s in _SPLIT.split(text)
        if len(s) >= 60
    }
    copied = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or path.suffix not in _SUFFIXES or parts[0].startswith("."):
            continue
        for sentence in _SPLIT.split(path.read_text(encoding="utf-8", errors="ignore")):
            s = _normal(sentence)
            if len(s) >= 60 and not s.startswith("http") and s in corpus:
                copied.append(f"{path.relative_to(ROOT)}: {sentence.strip()[:100]}")
    assert not copied, "text copied from the corpus:\n" + "\n".join(copied)
