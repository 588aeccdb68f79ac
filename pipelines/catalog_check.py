"""`clausewatch catalog check`: is each catalog entry still fetchable and still the document?

It runs the real crawl (same spider, User-Agent, robots.txt and throttling) into a throwaway
database and reports, per entry, the HTTP status, whether the selectors matched, the text
length and which topics its clauses mention. Providers move pages without notice; this is how
a user, or a scheduled job, learns about it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..parsers.clauses import find_clauses
from ..parsers.quality import TEXT_REASONS
from ..records import TOPICS, Catalog, DocumentSpec
from ..store.versions import list_versions
from .crawl import run_crawl


@dataclass(frozen=True, slots=True)
class EntryCheck:
    document: str
    url: str
    status: int | None
    selectors_matched: bool | None  # None: never got a page to try them on
    length: int
    topics: tuple[str, ...]
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_catalog(
    catalog: Catalog,
    documents: Sequence[DocumentSpec] | None = None,
    *,
    settings: dict[str, Any] | None = None,
    progress: bool = False,
) -> list[EntryCheck]:
    documents = list(catalog.documents if documents is None else documents)
    with tempfile.TemporaryDirectory(prefix="clausewatch-check-") as tmp:
        db = str(Path(tmp) / "check.duckdb")
        outcome = run_crawl(
            db, catalog, documents, settings=settings, progress=progress, kind="check"
        )
        failures = {f.document: f for f in outcome.failures}
        texts = {v.document: v.text for v in list_versions(db)}
    checks = []
    for spec in documents:
        url = spec.sources[0].url
        failure = failures.get(spec.key)
        if failure is not None:
            matched = False if failure.reason == "selector_miss" else None
            if failure.reason in TEXT_REASONS:  # the page came back; it held no document
                matched = True
            checks.append(
                EntryCheck(
                    spec.key,
                    failure.url or url,
                    failure.status,
                    matched,
                    0,
                    (),
                    f"{failure.reason}: {failure.message}",
                )
            )
            continue
        text = texts.get(spec.key, "")
        found = {t for c in find_clauses(text) for t in c.topics}
        topics = tuple(t for t in TOPICS if t in found)
        checks.append(EntryCheck(spec.key, url, 200, True, len(text), topics, None))
    return checks
