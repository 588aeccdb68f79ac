"""Load, validate and query the TOML catalog of providers and their documents.

The format is described in docs/catalog-format.md. Validation collects every problem (so
`clausewatch catalog validate` can list them all); `load_catalog` raises one CatalogError
carrying them. Each problem reads `FILE:LINE: KEY.PATH: what is wrong; what is expected`.
tomllib gives no positions, so lines are found by scanning the file text (best effort).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Sequence
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from clausewatch.errors import CatalogError
from clausewatch.records import (
    DOCUMENT_TYPES,
    Catalog,
    DocumentSpec,
    Provider,
    Source,
    slugify,
)

DEFAULT_CATALOG_PACKAGE = "clausewatch.watchers"
DEFAULT_CATALOG_RESOURCE = "default_catalog.toml"
DEFAULT_SCHEDULE = "0 6 * * *"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TOP_KEYS = ("schedule", "extends", "providers")
PROVIDER_KEYS = ("name", "schedule", "documents", "ota_services")
DOCUMENT_KEYS = (
    "name",
    "id",
    "type",
    "url",
    "sources",
    "select",
    "remove",
    "browser",
    "obey_robots",
    "schedule",
    "checked",
    "verified_offline",
    "note",
    "ota",
)
SOURCE_KEYS = ("url", "select", "remove")


# --------------------------------------------------------------------------- public API


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load a catalog file (None: the built-in default) or raise CatalogError listing its problems.

    >>> load_catalog().document("anthropic/privacy-policy").type
    'privacy_policy'
    """
    catalog, problems = _load(path)
    if problems or catalog is None:
        if len(problems) == 1:
            raise CatalogError(problems[0])
        listing = "\n".join(f"  - {p}" for p in problems)
        raise CatalogError(f"{len(problems)} problems in catalog {_display(path)}:\n{listing}")
    return catalog


def validate_catalog_file(path: str | Path | None = None) -> list[str]:
    """Every problem found in a catalog file (empty when it is valid), for `catalog validate`."""
    try:
        return _load(path)[1]
    except CatalogError as exc:  # unreadable file: one problem
        return [str(exc)]


def select_documents(catalog: Catalog, only: Sequence[str] = ()) -> list[DocumentSpec]:
    """Documents matching `--only PROVIDER[/DOCUMENT]` handles, in catalog order (all when empty).

    Unknown handles raise CatalogError naming them and suggesting close matches.
    """
    if not only:
        return list(catalog.documents)
    provider_ids = [p.id for p in catalog.providers]
    keys = [d.key for d in catalog.documents]
    wanted: set[str] = set()
    unknown: list[str] = []
    for raw in only:
        handle = raw.strip().strip("/")
        provider_part, sep, rest = handle.partition("/")
        found = find_provider(catalog, provider_part)
        provider_id = found.id if found else provider_part.lower()
        if sep:
            key = f"{provider_id}/{rest.lower()}"
            if key in keys:
                wanted.add(key)
                continue
        elif provider_id in provider_ids:
            wanted.update(k for k in keys if k.split("/", 1)[0] == provider_id)
            continue
        unknown.append(raw)
    if unknown:
        messages = []
        for raw in unknown:
            pool = keys if "/" in raw else provider_ids + keys
            close = difflib.get_close_matches(raw.strip().lower(), pool, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            messages.append(f"unknown provider or document {raw!r}{hint}")
        where = f" in catalog {catalog.path}" if catalog.path else ""
        raise CatalogError(
            "; ".join(messages)
            + f"{where} (expected PROVIDER or PROVIDER/DOCUMENT; `clausewatch catalog list` shows them)"
        )
    return [d for d in catalog.documents if d.key in wanted]


def find_provider(catalog: Catalog, value: str) -> Provider | None:
    """The provider named by its id, its display name or one of its OTA services, any case.

    >>> find_provider(load_catalog(), "Claude.ai").id
    'anthropic'
    """
    wanted = value.strip().casefold()
    for field in ("id", "name"):
        for p in catalog.providers:
            if getattr(p, field).casefold() == wanted:
                return p
    for p in catalog.providers:
        if any(s.casefold() == wanted for s in p.ota_services):
            return p
    return None


def document_schedule(catalog: Catalog, document: DocumentSpec) -> str:
    """The cron expression that applies to a document: its own, its provider's, or the catalog's."""
    if document.schedule:
        return document.schedule
    provider = catalog.provider(document.provider)
    if provider and provider.schedule:
        return provider.schedule
    return catalog.schedule


def default_catalog_path() -> Path:
    """Where the built-in catalog lives (inside the installed package)."""
    return Path(str(resources.files(DEFAULT_CATALOG_PACKAGE).joinpath(DEFAULT_CATALOG_RESOURCE)))


# --------------------------------------------------------------------------- loading


def _display(path: str | Path | None) -> str:
    return str(path) if path is not None else str(default_catalog_path())


def _read(path: str | Path | None) -> tuple[str, str]:
    """(display name, text) of a catalog file, or CatalogError when it cannot be read."""
    if path is None:
        resource = resources.files(DEFAULT_CATALOG_PACKAGE).joinpath(DEFAULT_CATALOG_RESOURCE)
        try:
            return str(resource), resource.read_text(encoding="utf-8")
        except OSError as exc:  # a broken install, not a user mistake
            raise CatalogError(f"built-in catalog {resource} cannot be read: {exc}") from exc
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogError(f"{path}: catalog file not found (check --catalog)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: catalog file cannot be read: {exc}") from exc


_TOML_POS_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(name: str, text: str) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        pos = _TOML_POS_RE.search(message)
        if pos:
            bare = _TOML_POS_RE.sub("", message).strip()
            where = f"{name}:{pos.group(1)}:{pos.group(2)}"
            return None, [f"{where}: invalid TOML: {bare} (line {pos.group(1)})"]
        return None, [f"{name}: invalid TOML: {message}"]


def _load(path: str | Path | None) -> tuple[Catalog | None, list[str]]:
    name, text = _read(path)
    data, problems = _parse(name, text)
    if data is None:
        return None, problems
    builder = _Builder(name, text)
    extends = data.get("extends")
    base: Catalog | None = None
    if extends is not None:
        if path is None:
            builder.problem("extends", "the built-in catalog cannot extend anything", extends)
        elif extends != "default":
            builder.problem("extends", f'unknown value {extends!r}; expected "default"', extends)
        else:
            base, base_problems = _load(None)
            if base_problems:
                return None, base_problems
    catalog = builder.build(data, base=base, path=None if path is None else str(path))
    return (None if builder.problems else catalog), builder.problems


# --------------------------------------------------------------------------- line lookup


def _split_key(dotted: str) -> list[str]:
    """'providers."acme-ai".documents' -> ['providers', 'acme-ai', 'documents']."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.\s]+)', dotted)
    return [a or b or c for a, b, c in parts]


class _LineIndex:
    """Maps key paths such as `providers.acme.documents[1].type` to 1-based line numbers.

    A small scanner over table headers and `key =` lines: enough for hand-written catalogs
    (inline tables and dotted keys fall back to the nearest enclosing table's line).
    """

    _ARRAY_RE = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*(?:#.*)?$")
    _TABLE_RE = re.compile(r"^\s*\[\s*([^\[].*?)\s*\]\s*(?:#.*)?$")
    _KEY_RE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-" ]+?)\s*=""")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.paths: dict[str, int] = {}
        array_counts: dict[str, int] = {}
        arrays: set[str] = set()  # unindexed dotted names declared with [[...]]
        current = ""
        in_multiline = False
        for number, line in enumerate(self.lines, start=1):
            if in_multiline:  # skip the inside of multi-line strings
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_multiline = False
                continue
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = True
            array = self._ARRAY_RE.match(line)
            table = None if array else self._TABLE_RE.match(line)
            if array or table:
                parts = _split_key((array or table).group(1))  # type: ignore[union-attr]
                resolved = self._resolve(parts[:-1], arrays, array_counts)
                head = f"{resolved}.{parts[-1]}" if resolved else parts[-1]
                if array:
                    arrays.add(".".join(parts))
                    index = array_counts.get(head, 0)
                    array_counts[head] = index + 1
                    head = f"{head}[{index}]"
                current = head
                self.paths.setdefault(current, number)
                continue
            key = self._KEY_RE.match(line)
            if key:
                dotted = ".".join(_split_key(key.group(1)))
                self.paths.setdefault(f"{current}.{dotted}" if current else dotted, number)

    @staticmethod
    def _resolve(parts: list[str], arrays: set[str], counts: dict[str, int]) -> str:
        resolved = ""
        for i, part in enumerate(parts):
            resolved = f"{resolved}.{part}" if resolved else part
            if ".".join(parts[: i + 1]) in arrays:
                resolved = f"{resolved}[{max(counts.get(resolved, 1) - 1, 0)}]"
        return resolved

    def line_of(self, path: str, value: Any = None) -> int | None:
        """Line of `path`; else of `value` after its nearest known ancestor; else the ancestor's."""
        if path in self.paths:
            return self.paths[path]
        ancestor = path
        while ancestor:
            shorter = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", ancestor)
            ancestor = "" if shorter == ancestor else shorter
            if ancestor in self.paths:
                break
        start = self.paths.get(ancestor, 1)
        if isinstance(value, str) and value:
            needle = f'"{value}"'
            for number in range(start, len(self.lines) + 1):
                if needle in self.lines[number - 1] or f"'{value}'" in self.lines[number - 1]:
                    return number
        return self.paths.get(ancestor) if ancestor else None


# --------------------------------------------------------------------------- building


def _normalize_url(url: str) -> str:
    """Key used to spot duplicate URLs: case-folded scheme/host, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def _valid_cron(expression: str) -> str | None:
    """None when `expression` is a valid 5-field crontab line, else why not."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) != 5:
        return f"has {len(fields)} fields"
    try:
        CronTrigger.from_crontab(expression, timezone="UTC")
    except (ValueError, TypeError) as exc:
        return str(exc)
    return None


def _css_problem(selector: str) -> str | None:
    """None when the extractor's CSS engine (cssselect, as parsers.html uses) accepts it."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        HTMLTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        return str(exc).splitlines()[0]
    return None


class _Builder:
    """Turns parsed TOML into a Catalog, recording every problem instead of stopping at one."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.index = _LineIndex(text)
        self.problems: list[str] = []

    def problem(self, path: str, message: str, value: Any = None) -> None:
        line = self.index.line_of(path, value)
        where = f"{self.name}:{line}" if line else self.name
        self.problems.append(f"{where}: {path}: {message}")

    # -- generic value checks

    def _unknown_keys(self, table: dict[str, Any], allowed: Sequence[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.problem(
                    f"{path}.{key}" if path else key,
                    f"unknown key; {hint}expected one of: {', '.join(allowed)}",
                )

    def _string(self, value: Any, path: str, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.problem(path, "missing; expected a non-empty string")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"got {value!r}; expected a non-empty string", value)
            return None
        return value.strip()

    def _bool(self, value: Any, path: str, default: bool | None) -> bool | None:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(path, f"got {value!r}; expected true or false", value)
            return default
        return value

    def _cron(self, value: Any, path: str) -> str | None:
        text = self._string(value, path)
        if text is None:
            return None
        why = _valid_cron(text)
        if why:
            self.problem(
                path,
                f"invalid cron expression {text!r} ({why}); expected 5 fields "
                '"minute hour day month weekday", e.g. "0 6 * * *"',
                text,
            )
            return None
        return text

    def _selectors(self, value: Any, path: str) -> tuple[str, ...] | None:
        """A string or list of strings -> tuple; None when absent."""
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            self.problem(
                path, f"got {value!r}; expected a CSS selector string or a list of them", value
            )
            return None
        for i, selector in enumerate(items):
            why = _css_problem(selector)
            if why:
                where = path if isinstance(value, str) else f"{path}[{i}]"
                self.problem(where, f"invalid CSS selector {selector!r}: {why}", selector)
        return tuple(s.strip() for s in items)

    def _url(self, value: Any, path: str) -> str | None:
        text = self._string(value, path, required=True)
        if text is None:
            return None
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.problem(
                path, f"invalid URL {text!r}; expected an absolute http:// or https:// URL", text
            )
            return None
        return text

    def _date(self, value: Any, path: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(path, f"got {value!r}; expected a date such as 2026-11-30", value)
        return None

    # -- structure

    def build(self, data: dict[str, Any], *, base: Catalog | None, path: str | None) -> Catalog:
        self._unknown_keys(data, TOP_KEYS, "")
        schedule = self._cron(data.get("schedule"), "schedule")
        providers: dict[str, Provider] = {p.id: p for p in (base.providers if base else ())}
        documents: dict[str, DocumentSpec] = {d.key: d for d in (base.documents if base else ())}
        origin: dict[str, list[str]] = {}  # document key -> key paths of its URLs in this file

        raw_providers = data.get("providers", {})
        if not isinstance(raw_providers, dict):
            self.problem("providers", "expected tables [providers.ID]")
            raw_providers = {}
        for provider_id, table in raw_providers.items():
            ppath = f"providers.{provider_id}"
            if not isinstance(table, dict):
                self.problem(ppath, "expected a table [providers.ID] with name and documents")
                continue
            if not SLUG_RE.match(provider_id):
                self.problem(
                    ppath,
                    f"provider id {provider_id!r} is not a slug; expected lowercase letters, "
                    f"digits and hyphens, e.g. {slugify(provider_id)!r}",
                )
            self._unknown_keys(table, PROVIDER_KEYS, ppath)
            inherited = providers.get(provider_id)
            name = self._string(table.get("name"), f"{ppath}.name", required=inherited is None)
            providers[provider_id] = Provider(
                id=provider_id,
                name=name or (inherited.name if inherited else provider_id),
                schedule=self._cron(table.get("schedule"), f"{ppath}.schedule")
                or (inherited.schedule if inherited else None),
                ota_services=self._ota_services(table.get("ota_services"), ppath)
                if "ota_services" in table
                else (inherited.ota_services if inherited else ()),
            )
            raw_documents = table.get("documents", [])
            if not isinstance(raw_documents, list):
                self.problem(f"{ppath}.documents", "expected [[providers.ID.documents]] tables")
                continue
            seen_here: dict[str, str] = {}
            for i, raw in enumerate(raw_documents):
                dpath = f"{ppath}.documents[{i}]"
                spec = self._document(provider_id, raw, dpath)
                if spec is None:
                    continue
                if spec.key in seen_here:
                    self.problem(
                        f"{dpath}.id" if isinstance(raw, dict) and "id" in raw else f"{dpath}.name",
                        f"duplicate document key {spec.key!r} (also {seen_here[spec.key]}); "
                        "expected a unique name or id within the provider",
                    )
                    continue
                seen_here[spec.key] = dpath
                documents[spec.key] = spec  # an override keeps the default's position
                origin[spec.key] = (
                    [f"{dpath}.url"]
                    if "url" in raw
                    else [f"{dpath}.sources[{j}].url" for j in range(len(spec.sources))]
                )

        declared = sum(
            len(t.get("documents", [])) for t in raw_providers.values() if isinstance(t, dict)
        )
        if not declared and base is None:
            self.problem(
                "providers", "no documents; expected at least one [[providers.ID.documents]]"
            )
        self._check_duplicate_urls(documents, origin)
        self._check_ota(providers, documents, origin, raw_providers)
        return Catalog(
            providers=tuple(providers.values()),
            documents=tuple(documents.values()),
            schedule=schedule or (base.schedule if base else DEFAULT_SCHEDULE),
            path=path,
        )

    def _document(self, provider_id: str, raw: Any, dpath: str) -> DocumentSpec | None:
        if not isinstance(raw, dict):
            self.problem(dpath, "expected a [[providers.ID.documents]] table")
            return None
        self._unknown_keys(raw, DOCUMENT_KEYS, dpath)
        name = self._string(raw.get("name"), f"{dpath}.name", required=True)
        doc_id = self._string(raw.get("id"), f"{dpath}.id")
        if doc_id is not None and not SLUG_RE.match(doc_id):
            self.problem(
                f"{dpath}.id",
                f"document id {doc_id!r} is not a slug; expected lowercase letters, digits "
                f"and hyphens, e.g. {slugify(doc_id)!r}",
                doc_id,
            )
            doc_id = None
        doc_type = self._string(raw.get("type"), f"{dpath}.type", required=True)
        if doc_type is not None and doc_type not in DOCUMENT_TYPES:
            close = difflib.get_close_matches(doc_type, DOCUMENT_TYPES, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.problem(
                f"{dpath}.type",
                f"unknown document type {doc_type!r}; {hint}expected one of: "
                + ", ".join(DOCUMENT_TYPES),
                doc_type,
            )
            doc_type = None
        select = self._selectors(raw.get("select"), f"{dpath}.select") or ()
        remove = self._selectors(raw.get("remove"), f"{dpath}.remove") or ()
        sources = self._sources(raw, dpath, select, remove)
        spec_fields = dict(
            browser=self._bool(raw.get("browser"), f"{dpath}.browser", False),
            obey_robots=self._bool(raw.get("obey_robots"), f"{dpath}.obey_robots", True),
            schedule=self._cron(raw.get("schedule"), f"{dpath}.schedule"),
            checked=self._date(raw.get("checked"), f"{dpath}.checked"),
            verified_offline=self._bool(
                raw.get("verified_offline"), f"{dpath}.verified_offline", None
            ),
            note=self._string(raw.get("note"), f"{dpath}.note") or "",
            ota=self._ota_names(raw.get("ota"), f"{dpath}.ota"),
        )
        if name is None or doc_type is None or not sources:
            return None
        return DocumentSpec(
            provider=provider_id,
            name=name,
            type=doc_type,
            sources=sources,
            id=doc_id or slugify(name),
            **spec_fields,  # type: ignore[arg-type]
        )

    def _sources(
        self, raw: dict[str, Any], dpath: str, select: tuple[str, ...], remove: tuple[str, ...]
    ) -> tuple[Source, ...]:
        has_url, has_sources = "url" in raw, "sources" in raw
        if has_url == has_sources:
            self.problem(
                dpath,
                ("both url and sources given" if has_url else "no url")
                + '; expected either url = "https://..." or [[...documents.sources]] tables',
            )
            return ()
        if has_url:
            url = self._url(raw["url"], f"{dpath}.url")
            return (Source(url=url, select=select, remove=remove),) if url else ()
        raw_sources = raw["sources"]
        if not isinstance(raw_sources, list) or not raw_sources:
            self.problem(f"{dpath}.sources", "expected one or more [[...documents.sources]] tables")
            return ()
        sources: list[Source] = []
        for j, src in enumerate(raw_sources):
            spath = f"{dpath}.sources[{j}]"
            if not isinstance(src, dict):
                self.problem(spath, "expected a table with url (and optional select, remove)")
                continue
            self._unknown_keys(src, SOURCE_KEYS, spath)
            url = self._url(src.get("url"), f"{spath}.url")
            own_select = self._selectors(src.get("select"), f"{spath}.select")
            own_remove = self._selectors(src.get("remove"), f"{spath}.remove")
            if url:
                # a source's own selectors replace the document-level ones
                sources.append(
                    Source(
                        url=url,
                        select=select if own_select is None else own_select,
                        remove=remove if own_remove is None else own_remove,
                    )
                )
        return tuple(sources) if len(sources) == len(raw_sources) else ()

    def _ota_names(self, value: Any, path: str) -> tuple[str, ...]:
        """`ota = "Service/Document type"` or a list of them -> tuple of "Service/Document"."""
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.problem(
                path, f'got {value!r}; expected a list such as ["Claude.ai/Privacy Policy"]'
            )
            return ()
        names: list[str] = []
        for i, item in enumerate(items):
            where = path if isinstance(value, str) else f"{path}[{i}]"
            service, sep, document = item.partition("/") if isinstance(item, str) else ("", "", "")
            if not sep or not service.strip() or not document.strip() or "/" in document:
                self.problem(
                    where,
                    f'got {item!r}; expected an Open Terms Archive name "Service/Document type"'
                    ' as in its versions repository, e.g. "Claude.ai/Privacy Policy"',
                    item if isinstance(item, str) else None,
                )
                continue
            names.append(f"{service.strip()}/{document.strip()}")
        return tuple(names)

    def _ota_services(self, value: Any, ppath: str) -> tuple[str, ...]:
        path = f"{ppath}.ota_services"
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.problem(path, f'got {value!r}; expected a list such as ["Claude.ai"]')
            return ()
        names: list[str] = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip() or "/" in item:
                self.problem(
                    path if isinstance(value, str) else f"{path}[{i}]",
                    f"got {item!r}; expected an Open Terms Archive service name (its folder in "
                    'the versions repository, without "/"), e.g. "Claude.ai"',
                    item if isinstance(item, str) else None,
                )
                continue
            names.append(item.strip())
        return tuple(names)

    def _check_ota(
        self,
        providers: dict[str, Provider],
        documents: dict[str, DocumentSpec],
        origin: dict[str, list[str]],
        raw_providers: dict[str, Any],
    ) -> None:
        """Each OTA document names one catalog document; each OTA service one provider.

        Only entries of this file are blamed (a clash between two built-in entries is not the
        user's fault, and the built-in catalog is tested on its own).
        """
        first: dict[str, str] = {}  # OTA name -> document key
        for key, spec in documents.items():
            for j, name in enumerate(spec.ota):
                other = first.setdefault(name.casefold(), key)
                if other != key and key in origin:
                    dpath = origin[key][0].rsplit(".", 1)[0].split(".sources[")[0]
                    self.problem(
                        f"{dpath}.ota[{j}]",
                        f"OTA document {name!r} is already the history of {other}; expected "
                        "each OTA document on one catalog document",
                        name,
                    )
        owner: dict[str, str] = {}  # OTA service -> provider id
        for provider_id, provider in providers.items():
            for j, service in enumerate(provider.ota_services):
                other = owner.setdefault(service.casefold(), provider_id)
                if other != provider_id and provider_id in raw_providers:
                    self.problem(
                        f"providers.{provider_id}.ota_services[{j}]",
                        f"OTA service {service!r} already belongs to provider {other}; expected "
                        "each OTA service on one provider",
                        service,
                    )

    def _check_duplicate_urls(
        self, documents: dict[str, DocumentSpec], origin: dict[str, list[str]]
    ) -> None:
        first: dict[str, tuple[str, str]] = {}  # normalized url -> (document key, where)
        for key, spec in documents.items():
            paths = origin.get(key)
            for j, source in enumerate(spec.sources):
                where = paths[j] if paths else f"{key} in the built-in catalog"
                normalized = _normalize_url(source.url)
                if normalized not in first:
                    first[normalized] = (key, where)
                    continue
                if paths is None:  # both from the built-in catalog: not this file's fault
                    continue
                other_key, other_where = first[normalized]
                self.problem(
                    where,
                    f"duplicate URL {source.url!r}, already used by {other_key} "
                    f"({other_where}); expected each URL once (combine pages with sources)",
                    source.url,
                )
