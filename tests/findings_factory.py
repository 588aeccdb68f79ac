"""Build a DuckDB file holding documents, versions and findings through the real store functions.

Fictional provider and text only. `FindingFactory.add(...)` records two versions of a document
(old and new clause) and one finding comparing them, exactly as the analysis would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from diff_match_patch import diff_match_patch

from clausewatch.pipelines.analyze import evidence_for
from clausewatch.records import Finding, Version, sha256_hex
from clausewatch.store import findings as store_findings
from clausewatch.store import versions as store_versions
from clausewatch.store.db import migrate, transaction

PROVIDERS = {"nimbus": "Nimbus Minds", "quill": "Quillmark Labs"}
DEFAULTS: dict[str, Any] = {
    "provider": "nimbus",
    "document": "privacy-policy",
    "doc_type": "privacy_policy",
    "topic": "training_use",
    "direction": "broader",
    "severity": "high",
    "kind": "training_default_opt_out",
    "summary": "Customer content may now be used to train models unless you opt out.",
    "old_text": "We do not use customer content to train our models.",
    "new_text": "We may use customer content to train our models unless you opt out.",
    "backfill": False,
    "technical": False,
    "effective": date(2026, 4, 1),
    "commit": None,  # an OTA commit: the finding comes from an imported version (no URL)
}

# A second provider's retention change, shared by the alert, report and CLI tests.
RETENTION_SPEC: dict[str, Any] = {
    "provider": "quill",
    "document": "terms",
    "doc_type": "terms",
    "topic": "retention",
    "kind": "retention_longer",
    "severity": "medium",
    "old_text": "We keep API inputs for 30 days.",
    "new_text": "We keep API inputs for 5 years.",
    "summary": "API inputs are now kept for 5 years instead of 30 days.",
}


def word_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    dmp = diff_match_patch()
    diffs = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(diffs)
    return tuple((int(op), text) for op, text in diffs)


@dataclass
class FindingFactory:
    db: str
    base_time: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    step: int = 0
    documents: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        migrate(self.db)

    def _document(self, provider: str, doc_id: str, doc_type: str) -> str:
        key = f"{provider}/{doc_id}"
        if key not in self.documents:
            with transaction(self.db) as con:
                store_versions.upsert_document(
                    con,
                    key,
                    provider,
                    doc_id.replace("-", " ").title(),
                    doc_type,
                    [f"https://legal.{provider}.example/{doc_id}"],
                    provider_name=PROVIDERS.get(provider, provider.title()),
                )
            self.documents.add(key)
        return key

    def _version(self, key: str, text: str, seen: datetime, commit: str | None = None) -> Version:
        # The Version is built here rather than read back: one DuckDB connection per write.
        result = store_versions.record_version(
            self.db, key, [], text, parser_version="test", run_id=None, seen_at=seen
        )
        return Version(
            key, text, sha256_hex(text), seen, seen, (), (), result.version_id, commit=commit
        )

    def add(self, **spec: Any) -> int:
        """Record an old and a new version of a document and one finding; return its id.

        Keys (all optional): see DEFAULTS.
        """
        return self._record([{**DEFAULTS, **spec}])[0]

    def add_many(self, specs: dict[str, dict[str, Any]]) -> dict[str, int]:
        """Several findings; those of one document (same flags) share one pair of versions."""
        groups: dict[tuple, list[tuple[str, dict[str, Any]]]] = {}
        for label, spec in specs.items():
            full = {**DEFAULTS, **spec}
            group = tuple(
                full[k] for k in ("provider", "document", "doc_type", "backfill", "commit")
            )
            groups.setdefault(group + (full["technical"], full["effective"]), []).append(
                (label, full)
            )
        out: dict[str, int] = {}
        for items in groups.values():
            out.update(zip([label for label, _ in items], self._record([s for _, s in items])))
        return out

    def _record(self, specs: list[dict[str, Any]]) -> list[int]:
        first = specs[0]
        provider, document = first["provider"], first["document"]
        key = self._document(provider, document, first["doc_type"])
        self.step += 1
        t0 = self.base_time + timedelta(days=2 * self.step)
        olds = "\n\n".join(s["old_text"] for s in specs)
        news = "\n\n".join(s["new_text"] for s in specs)
        old = self._version(key, f"# {document}\n\n{olds}\n\nStep {self.step}a.\n", t0)
        new = self._version(
            key,
            f"# {document}\n\n{news}\n\nStep {self.step}b.\n",
            t0 + timedelta(days=1),
            first["commit"],
        )
        findings = [
            Finding(
                topic=s["topic"],
                direction=s["direction"],
                severity=s["severity"],
                kind=s["kind"],
                summary=s["summary"],
                old_text=s["old_text"],
                new_text=s["new_text"],
                diff=word_diff(s["old_text"], s["new_text"]),
            )
            for s in specs
        ]
        recorded = store_findings.record_analysis(
            self.db,
            new,
            [],
            findings,
            old_version_id=old.id,
            history="{}",
            evidence=evidence_for(old, new)
            | {"urls": [] if first["commit"] else [f"https://legal.{provider}.example/{document}"]},
            effective_date=first["effective"],
            backfill=first["backfill"],
            technical=first["technical"],
        )
        ids = recorded.ids + recorded.duplicates
        assert len(ids) == len(specs), "findings of one document need distinct kinds or texts"
        return sorted(ids)


def make_db(path: str | Path) -> FindingFactory:
    return FindingFactory(str(path))


# --------------------------------------------------------------------------- templates

# Opening DuckDB costs tens of milliseconds and each recorded finding takes a few openings, so
# tests copy a database built once per session instead of building their own.
_TEMPLATES: dict[str, tuple[Path, dict[str, int]]] = {}


def seeded_db(
    base: Path, target: Path, name: str, specs: dict[str, dict]
) -> tuple[FindingFactory, dict[str, int]]:
    """Copy of a session-wide database holding `specs` (label -> FindingFactory.add kwargs).

    Returns a factory bound to the copy (add more findings to it) and the ids by label.
    """
    import shutil

    if name not in _TEMPLATES:
        path = base / f"template-{name}.duckdb"
        factory = FindingFactory(str(path))
        ids = factory.add_many(specs)
        _TEMPLATES[name] = (path, ids)
    path, ids = _TEMPLATES[name]
    shutil.copyfile(path, target)
    if Path(f"{path}.wal").exists():
        shutil.copyfile(f"{path}.wal", f"{target}.wal")
    factory = FindingFactory(str(target), step=100)
    return factory, dict(ids)


# --------------------------------------------------------------------------- a backfill

# Fictional providers for a large store; one name carries markup and one a dot, as OTA's do.
MANY_PROVIDERS = {
    "orbit-ai": "Orbit.ai",
    "nimbus": "Nimbus Minds",
    "quill": "Quillmark Labs",
    "lumen": "Lumen & Co <Labs>",
    "vesper": "Vesper",
    "tally": "Tally Systems",
}
_MANY_DOCS = [("privacy-policy", "privacy_policy"), ("terms", "terms"), ("dpa", "dpa")]
_MANY_SEVERITIES = ["low", "medium", "medium", "high", "low", "critical", "medium", "low"]
XSS_TEXT = (
    "We share data with <script>document.title='pwned'</script> partners and "
    "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<p id=xss-img>x</p>')\">"
    " advertisers."
)


def many_specs(n: int, per_group: int = 10) -> dict[str, dict[str, Any]]:
    """`n` findings like a backfill: 4 in 5 imported (an OTA commit), the rest crawled, spread
    over six providers, three documents, every topic and severity; every 50th carries markup.
    Groups of `per_group` share a document and a pair of versions (fewer database writes)."""
    PROVIDERS.update(MANY_PROVIDERS)
    providers = list(MANY_PROVIDERS)
    specs: dict[str, dict[str, Any]] = {}
    for i in range(n):
        g = i // per_group
        document, doc_type = _MANY_DOCS[(g // len(providers)) % len(_MANY_DOCS)]
        imported = g % 5 != 4
        topic = ("training_use", "retention", "sharing")[i % 3]
        days = i % 30 + 1
        old = (
            f"Clause {i}. We keep the inputs you send for {days} days, then delete them from "
            "our active systems and, within a further period, from our backups."
        )
        new = old.replace(f"{days} days", f"{days + 1} years") + " Some exceptions apply."
        summary = f"Inputs are now kept for {days + 1} years instead of {days} days (clause {i})."
        if i % 50 == 7:
            new, summary = new + " " + XSS_TEXT, summary + " <b>bold</b> & <i>more</i>"
        specs[f"f{i}"] = {
            "provider": providers[g % len(providers)],
            "document": document,
            "doc_type": doc_type,
            "topic": topic,
            "direction": "broader" if i % 4 else "narrower",
            "severity": _MANY_SEVERITIES[i % len(_MANY_SEVERITIES)],
            "kind": f"k{i}",
            "summary": summary,
            "old_text": old,
            "new_text": new,
            "backfill": imported,
            "commit": f"{g:06x}" + "ab12cd34ef" * 3 + "5678" if imported else None,
        }
    return specs
