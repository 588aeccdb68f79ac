"""Small typed records passed between stages.

One word per concept: provider, document, snapshot, version, clause, finding, alert.
Records are frozen dataclasses with slots: cheap, hashable, and impossible to mutate by
accident in a pipeline stage that should only read them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

DocumentType = Literal[
    "terms",
    "commercial_terms",
    "privacy_policy",
    "dpa",
    "subprocessors",
    "usage_policy",
    "faq",
    "other",
]
DOCUMENT_TYPES: tuple[str, ...] = get_args(DocumentType)

Topic = Literal["training_use", "retention", "sharing"]
TOPICS: tuple[str, ...] = get_args(Topic)

Direction = Literal["broader", "narrower", "changed"]
DIRECTIONS: tuple[str, ...] = get_args(Direction)

Severity = Literal["critical", "high", "medium", "low"]
SEVERITIES: tuple[str, ...] = get_args(Severity)  # most severe first


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def slugify(name: str) -> str:
    """'Commercial Terms of Service' -> 'commercial-terms-of-service'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "document"


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True, slots=True)
class Source:
    """One URL of a document, with the CSS selectors that cut the document out of it."""

    url: str
    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """A document declared in the catalog: what to fetch and how to cut it out.

    Several sources are combined, in order, into one document.
    """

    provider: str  # provider id (slug), e.g. "anthropic"
    name: str  # human name, e.g. "Commercial Terms of Service"
    type: str  # one of DOCUMENT_TYPES
    sources: tuple[Source, ...]
    id: str = ""  # document slug, unique within its provider; defaults to slugify(name)
    browser: bool = False  # page needs JavaScript (scrapy-playwright extra)
    obey_robots: bool = True
    schedule: str | None = None  # cron expression overriding the provider / default one
    checked: date | None = None  # when the entry was last checked by a person
    verified_offline: bool | None = None  # selectors verified on real saved pages
    note: str = ""
    # Open Terms Archive "Service/Document type" names whose history is this document's
    ota: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """'provider/document', the handle used on the command line and in the store."""
        return f"{self.provider}/{self.id or slugify(self.name)}"


@dataclass(frozen=True, slots=True)
class Provider:
    id: str  # slug, e.g. "openai"
    name: str  # display name, e.g. "OpenAI"
    schedule: str | None = None
    # Open Terms Archive services whose other documents belong to this provider
    ota_services: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    providers: tuple[Provider, ...]
    documents: tuple[DocumentSpec, ...]
    schedule: str = "0 6 * * *"  # default cron expression for `clausewatch schedule`
    path: str | None = None

    def provider(self, provider_id: str) -> Provider | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    def document(self, key: str) -> DocumentSpec | None:
        return next((d for d in self.documents if d.key == key), None)


# --------------------------------------------------------------------------- crawl


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The raw bytes of one fetch of one URL of a document. Never changed after capture."""

    document: str  # DocumentSpec.key
    url: str  # the URL asked for (the catalog's)
    final_url: str  # after redirects
    status: int
    headers: tuple[tuple[str, str], ...]
    fetched_at: datetime  # UTC, tz-aware
    body: bytes
    content_type: str = ""
    not_modified: bool = False  # 304: body is empty, the stored one still holds
    fetcher: str = "http"  # what produced the body: 'http' (Scrapy) or 'browser' (Chromium)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.body)

    def header(self, name: str) -> str | None:
        lname = name.lower()
        return next((v for k, v in self.headers if k.lower() == lname), None)


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """A fetch or extraction that must not become a version, with a reason a person can act on."""

    document: str
    url: str
    # short code: http_404, timeout, redirect_loop, too_large, data_loss, empty, selector_miss,
    # a wall (consent_wall, bot_check, soft_404, maintenance, login_wall, app_shell), binary,
    # content_type, decode, ... (parsers/quality.py judges the page ones)
    reason: str
    message: str
    status: int | None = None
    transient: bool = False
    fetched_at: datetime | None = None
    # where an unexpected exception stopped the document (fetch, extract, store, analyze),
    # for reason `internal_error`; None for the expected failures above
    stage: str | None = None

    @classmethod
    def internal(
        cls, document: str, url: str, stage: str, exc: BaseException, **kw: object
    ) -> FetchFailure:
        """An unexpected exception while handling a document: a fetch error that says where."""
        from .errors import describe_failure

        return cls(
            document,
            url,
            "internal_error",
            f"{url}: unexpected error while {_STAGE_WORDS.get(stage, stage)}: "
            f"{describe_failure(exc)}. The next run tries this document again; this is a "
            "clausewatch bug: please report it with this message",
            stage=stage,
            **kw,  # type: ignore[arg-type]
        )


_STAGE_WORDS = {
    "fetch": "handling the response",
    "extract": "extracting the text",
    "read": "reading its text from the OTA source",
    "store": "writing the result to the database",
    "analyze": "reading the clauses",
}


@dataclass(frozen=True, slots=True)
class PageText:
    """All the visible text of a page, banners and buttons included, for diagnosing a refusal."""

    text: str
    scripts: int = 0  # <script> elements
    script_chars: int = 0  # characters of inline script


@dataclass(frozen=True, slots=True)
class Version:
    """Canonical text of a document, recorded only when it changes."""

    document: str
    text: str
    sha256: str
    first_seen: datetime
    last_seen: datetime
    snapshots: tuple[str, ...] = ()  # sha256 of the source snapshots, in source order
    urls: tuple[str, ...] = ()
    id: int | None = None
    commit: str | None = None  # OTA commit when imported from a versions repository
    parser_version: str = ""


# --------------------------------------------------------------------------- clauses


@dataclass(frozen=True, slots=True)
class Clause:
    """A sentence or list item (with its heading path) that speaks about a topic."""

    position: int  # order in the version
    section: str  # heading path, "3. Data > 3.2 Retention"
    text: str
    topics: tuple[str, ...]
    facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # topic -> facts
    # what the clause states: clausewatch.statements.Statement records (typed, with rule ids)
    statements: tuple[Any, ...] = field(default=(), hash=False, compare=False)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.text)


@dataclass(frozen=True, slots=True)
class Finding:
    """A material change to what a provider may do with data, with its evidence."""

    topic: str  # TOPICS
    direction: str  # DIRECTIONS
    severity: str  # SEVERITIES
    kind: str  # machine-readable change kind, e.g. "training_default_opt_out"
    summary: str  # one line in plain words
    old_text: str
    new_text: str
    diff: tuple[tuple[int, str], ...] = ()  # diff-match-patch ops: (-1|0|1, text)
    old_facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    new_facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # the reading rules behind the finding, and the statements of its topic in the old and
    # new clause ({"old": [...], "new": [...]}, statements.model JSON objects)
    rule_ids: tuple[str, ...] = field(default=(), hash=False, compare=False)
    statements: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    effective_date: date | None = field(default=None, hash=False, compare=False)  # its section's
