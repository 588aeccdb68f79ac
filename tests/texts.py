"""Compare two Markdown texts the way the pipeline compares two versions' clauses."""

from __future__ import annotations

from clausewatch.detection.compare import compare_clauses
from clausewatch.parsers.clauses import find_clauses
from clausewatch.records import Finding


def compare_texts(old: str, new: str) -> list[Finding]:
    """The findings between two versions given as Markdown (whole texts passed on too)."""
    return compare_clauses(find_clauses(old), find_clauses(new), old, new)
