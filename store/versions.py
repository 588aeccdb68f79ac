"""Catalog sync, crawl runs, snapshots, versions and fetch errors.

A document's result is written in one transaction (`record_version`, `record_failure`), so a
run killed at any point leaves either the whole result or none of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import zstandard

from ..errors import ConfigError
from ..faults import checkpoint
from ..records import Catalog, FetchFailure, Snapshot, Version, sha256_hex, slugify
from .db import DB, now, reader, transaction

_compressor = zstandard.ZstdCompressor(level=10)
_decompressor = zstandard.ZstdDecompressor()


@dataclass(frozen=True, slots=True)
class RecordResult:
    version_id: int
    created: bool  # False when the text was unchanged and only last_seen moved


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    kind: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    documents: int
    new_versions: int
    errors: int
    detail: str | None


# --------------------------------------------------------------------------- catalog and runs


def sync_catalog(db: DB, catalog: Catalog) -> None:
    """Upsert providers and documents so that versions can be joined to names and types."""
    with transaction(db) as con:
        for p in catalog.providers:
            con.execute(
                "INSERT INTO providers VALUES ($id, $name) ON CONFLICT (id) DO UPDATE SET name = $name",
                {"id": p.id, "name": p.name},
            )
        for d in catalog.documents:
            upsert_document(con, d.key, d.provider, d.name, d.type, [s.url for s in d.sources])


def upsert_document(
    con: duckdb.DuckDBPyConnection,
    key: str,
    provider: str,
    name: str,
    type_: str,
    urls: Sequence[str],
    provider_name: str | None = None,
) -> None:
    if provider_name is not None:
        con.execute(
            "INSERT INTO providers VALUES ($id, $name) ON CONFLICT (id) DO NOTHING",
            {"id": provider, "name": provider_name},
        )
    con.execute(
        "INSERT INTO documents VALUES ($key, $p, $name, $type, $urls) ON CONFLICT (key) DO UPDATE"
        " SET provider_id = $p, name = $name, type = $type, urls = $urls",
        {"key": key, "p": provider, "name": name, "type": type_, "urls": list(urls)},
    )


def start_run(db: DB, kind: str) -> int:
    """Open a run. Callers hold the run lock, so a run still 'running' died: mark it so."""
    with transaction(db) as con:
        con.execute(
            "UPDATE crawl_runs SET status = 'interrupted', finished_at = $t"
            " WHERE status = 'running'",
            {"t": now()},
        )
        row = con.execute(
            "INSERT INTO crawl_runs (kind, started_at, status) VALUES ($k, $t, 'running') RETURNING id",
            {"k": kind, "t": now()},
        ).fetchone()
    assert row is not None
    return int(row[0])


def finish_run(db: DB, run_id: int, status: str, detail: str | None = None) -> RunSummary:
    """Close a run, counting what it recorded from the rows themselves (no drift on crash)."""
    with transaction(db) as con:
        con.execute(
            """
            UPDATE crawl_runs SET finished_at = $t, status = $s, detail = $d,
              new_versions = (SELECT count(*) FROM versions WHERE run_id = $id),
              errors = (SELECT count(DISTINCT document_key) FROM fetch_errors WHERE run_id = $id),
              documents = (SELECT count(DISTINCT document_key) FROM (
                  SELECT document_key FROM snapshots WHERE run_id = $id
                  UNION ALL SELECT document_key FROM fetch_errors WHERE run_id = $id))
            WHERE id = $id
            """,
            {"t": now(), "s": status, "d": detail, "id": run_id},
        )
    return get_run(db, run_id)


def get_run(db: DB, run_id: int) -> RunSummary:
    with reader(db) as con:
        row = con.execute(
            "SELECT id, kind, started_at, finished_at, status, documents, new_versions, errors,"
            " detail FROM crawl_runs WHERE id = $id",
            {"id": run_id},
        ).fetchone()
    assert row is not None, run_id
    return RunSummary(*row)


def run_failures(db: DB, run_id: int) -> list[FetchFailure]:
    with reader(db) as con:
        rows = con.execute(
            "SELECT document_key, url, reason, message, status, transient, fetched_at, stage"
            " FROM fetch_errors WHERE run_id = $id ORDER BY id",
            {"id": run_id},
        ).fetchall()
    return [FetchFailure(*r) for r in rows]


def run_documents(db: DB, run_id: int) -> set[str]:
    """Documents for which the run stored a snapshot or a version."""
    with reader(db) as con:
        rows = con.execute(
            "SELECT document_key FROM snapshots WHERE run_id = $r"
            " UNION SELECT document_key FROM versions WHERE run_id = $r",
            {"r": run_id},
        ).fetchall()
    return {r[0] for r in rows}


def run_version_ids(db: DB, run_id: int) -> list[int]:
    with reader(db) as con:
        rows = con.execute(
            "SELECT id FROM versions WHERE run_id = $r ORDER BY id", {"r": run_id}
        ).fetchall()
    return [r[0] for r in rows]


# --------------------------------------------------------------------------- fetch results


def load_validators(db: DB, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """ETag / Last-Modified of the last good fetch of each URL, for conditional GET."""
    urls = list(urls)
    if not urls:
        return {}
    with reader(db) as con:
        rows = con.execute(
            "SELECT url, etag, last_modified FROM http_validators WHERE list_contains($urls, url)",
            {"urls": urls},
        ).fetchall()
    return {u: (e, lm) for u, e, lm in rows}


def load_cached_body(db: DB, url: str) -> bytes | None:
    """The body last fetched from `url` (used when a server answers 304 Not Modified)."""
    with reader(db) as con:
        row = con.execute(
            "SELECT b.body FROM http_validators v JOIN snapshot_bodies b ON b.sha256 = v.sha256"
            " WHERE v.url = $url",
            {"url": url},
        ).fetchone()
    return _decompressor.decompress(row[0]) if row else None


def _store_snapshot(
    con: duckdb.DuckDBPyConnection, snap: Snapshot, run_id: int | None, validators: bool = True
) -> str:
    digest = snap.sha256
    con.execute(
        "INSERT INTO snapshot_bodies VALUES ($h, $n, $b) ON CONFLICT (sha256) DO NOTHING",
        {"h": digest, "n": len(snap.body), "b": _compressor.compress(snap.body)},
    )
    con.execute(
        "INSERT INTO snapshots (document_key, url, final_url, status, headers, content_type,"
        " fetched_at, sha256, run_id, fetcher) VALUES ($d, $u, $f, $s, $h, $c, $t, $sha, $r,"
        " $fetcher)",
        {
            "d": snap.document,
            "u": snap.url,
            "f": snap.final_url,
            "s": snap.status,
            "h": json.dumps(dict(snap.headers)),
            "c": snap.content_type,
            "t": snap.fetched_at,
            "sha": digest,
            "r": run_id,
            "fetcher": snap.fetcher,
        },
    )
    # A bad page must not become the cached body behind future 304s; nor a page the browser
    # rendered (its ETag is the shell's, a 304 would hide changes made by the script).
    if not validators or snap.fetcher != "http":
        return digest
    con.execute(
        "INSERT INTO http_validators VALUES ($u, $e, $lm, $sha, $t) ON CONFLICT (url) DO UPDATE"
        " SET etag = $e, last_modified = $lm, sha256 = $sha, updated_at = $t",
        {
            "u": snap.url,
            "e": snap.header("ETag"),
            "lm": snap.header("Last-Modified"),
            "sha": digest,
            "t": snap.fetched_at,
        },
    )
    return digest


def record_version(
    db: DB,
    document: str,
    snapshots: Sequence[Snapshot],
    text: str,
    *,
    parser_version: str,
    run_id: int | None,
    seen_at: datetime,
) -> RecordResult:
    """Record one document's fetch: its snapshots, and a version only if the text changed."""
    with transaction(db) as con:
        hashes = []
        for snap in snapshots:
            if snap.not_modified:
                row = con.execute(
                    "SELECT sha256 FROM http_validators WHERE url = $u", {"u": snap.url}
                ).fetchone()
                hashes.append(row[0] if row else "")
            else:
                hashes.append(_store_snapshot(con, snap, run_id))
        checkpoint("store.snapshot_written", document)
        result = _append_version(
            con,
            _latest(con, document),
            document,
            text,
            seen_at,
            snapshots=hashes,
            urls=[s.url for s in snapshots],
            commit=None,
            parser_version=parser_version,
            run_id=run_id,
        )
        checkpoint("store.version_inserted", document)
    checkpoint("store.version_committed", document)
    return result


def _latest(con: duckdb.DuckDBPyConnection, document: str) -> tuple[int, str] | None:
    """(id, text_sha256) of the document's latest version."""
    row = con.execute(
        "SELECT id, text_sha256 FROM versions WHERE document_key = $d"
        " ORDER BY first_seen DESC, id DESC LIMIT 1",
        {"d": document},
    ).fetchone()
    return (int(row[0]), row[1]) if row else None


def _append_version(
    con: duckdb.DuckDBPyConnection,
    latest: tuple[int, str] | None,
    document: str,
    text: str,
    seen_at: datetime,
    *,
    snapshots: Sequence[str],
    urls: Sequence[str],
    commit: str | None,
    parser_version: str,
    run_id: int | None,
) -> RecordResult:
    """A new version if the text differs from the latest one's; else only move last_seen."""
    text_hash = sha256_hex(text)
    if latest and latest[1] == text_hash:
        con.execute(
            "UPDATE versions SET last_seen = greatest(last_seen, $t) WHERE id = $id",
            {"t": seen_at, "id": latest[0]},
        )
        return RecordResult(latest[0], created=False)
    row = con.execute(
        "INSERT INTO versions (document_key, text, text_sha256, first_seen, last_seen,"
        " snapshots, urls, commit, parser_version, run_id)"
        " VALUES ($d, $x, $h, $t, $t, $s, $u, $c, $p, $r) RETURNING id",
        {
            "d": document,
            "x": text,
            "h": text_hash,
            "t": seen_at,
            "s": list(snapshots),
            "u": list(urls),
            "c": commit,
            "p": parser_version,
            "r": run_id,
        },
    ).fetchone()
    assert row is not None
    return RecordResult(int(row[0]), created=True)


def record_failure(
    db: DB,
    failure: FetchFailure,
    run_id: int | None,
    snapshots: Sequence[Snapshot] = (),
) -> None:
    """Record a fetch error; the raw snapshots that caused it are kept as evidence."""
    with transaction(db) as con:
        for snap in snapshots:
            if not snap.not_modified:
                _store_snapshot(con, snap, run_id, validators=False)
        con.execute(
            "INSERT INTO fetch_errors (document_key, url, reason, message, status, transient,"
            " fetched_at, run_id, stage) VALUES ($d, $u, $r, $m, $s, $tr, $t, $run, $stage)",
            {
                "d": failure.document,
                "u": failure.url,
                "r": failure.reason,
                "m": failure.message,
                "s": failure.status,
                "tr": failure.transient,
                "t": failure.fetched_at or now(),
                "run": run_id,
                "stage": failure.stage,
            },
        )
        checkpoint("store.failure_inserted", failure.document)


def resolve_provider(db: DB, name: str) -> str:
    """The provider id for an id, a display name or an imported OTA service ("openai",
    "OpenAI", "Claude.ai"), any case.

    Raises ConfigError naming the known providers when none matches: a filter on a name that
    is not in the database must not silently return nothing.
    """
    with reader(db) as con:
        rows = con.execute(
            "SELECT id, name FROM providers"
            " UNION SELECT DISTINCT provider_id, provider_id FROM documents ORDER BY 1"
        ).fetchall()
    wanted = name.strip().casefold()
    for field in (0, 1):  # an exact id first, then a display name
        for row in rows:
            if row[field].casefold() == wanted:
                return row[0]
    with reader(db) as con:  # an OTA service imported under a catalog provider ("Claude.ai")
        services = con.execute(
            "SELECT DISTINCT o.service, d.provider_id FROM ota_sources o"
            " JOIN documents d ON d.key = o.document_key"
        ).fetchall()
    owners = {p for s, p in services if wanted in (s.casefold(), slugify(s))}
    if len(owners) == 1:
        return owners.pop()
    names: dict[str, str] = {}
    for id_, display in rows:
        if id_ not in names or names[id_] == id_:
            names[id_] = display
    known = ", ".join(f"{n} ({i})" if n != i else i for i, n in sorted(names.items())[:12])
    raise ConfigError(
        f"no provider {name!r} in {db}; known: {known or 'none yet (run a crawl or import)'}"
    )


# --------------------------------------------------------------------------- reading versions

_VERSION_COLUMNS = (
    "document_key, text, text_sha256, first_seen, last_seen, snapshots, urls, id, commit,"
    " parser_version"
)


def _version(row: tuple) -> Version:
    d, text, h, first, last, snaps, urls, id_, commit, pv = row
    return Version(d, text, h, first, last, tuple(snaps), tuple(urls), id_, commit, pv)


def list_versions(
    db: DB, document: str | None = None, *, limit: int | None = None, newest_first: bool = True
) -> list[Version]:
    """Versions, newest first (or oldest); `document` is a document key or a provider id."""
    sql = f"SELECT {_VERSION_COLUMNS} FROM versions"
    params: dict = {}
    if document:
        sql += " WHERE document_key = $d OR split_part(document_key, '/', 1) = $d"
        params["d"] = document
    sql += " ORDER BY first_seen DESC, id DESC" if newest_first else " ORDER BY first_seen, id"
    if limit is not None:
        sql += " LIMIT $limit"
        params["limit"] = limit
    with reader(db) as con:
        return [_version(r) for r in con.execute(sql, params).fetchall()]


def version_fetchers(db: DB, version_ids: Sequence[int]) -> dict[int, str]:
    """How each version's snapshots were fetched: 'http', 'browser' or 'browser+http' (a
    combined document); versions without snapshots (imported) are absent."""
    if not version_ids:
        return {}
    with reader(db) as con:
        rows = con.execute(
            "SELECT v.id, string_agg(DISTINCT s.fetcher, '+' ORDER BY s.fetcher)"
            " FROM versions v JOIN snapshots s ON s.document_key = v.document_key"
            " AND list_contains(v.snapshots, s.sha256)"
            " WHERE list_contains($ids, v.id) GROUP BY v.id",
            {"ids": list(version_ids)},
        ).fetchall()
    return {int(i): f for i, f in rows}


def get_version(db: DB, version_id: int) -> Version | None:
    with reader(db) as con:
        row = con.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE id = $id", {"id": version_id}
        ).fetchone()
    return _version(row) if row else None


def previous_version(db: DB, version: Version) -> Version | None:
    with reader(db) as con:
        row = con.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE document_key = $d"
            " AND (first_seen, id) < ($t, $id) ORDER BY first_seen DESC, id DESC LIMIT 1",
            {"d": version.document, "t": version.first_seen, "id": version.id},
        ).fetchone()
    return _version(row) if row else None


# --------------------------------------------------------------------------- re-extraction


def snapshot_parts(db: DB, version_id: int) -> list[tuple[str, bytes, str]]:
    """(url, body, content_type) of a version's source snapshots, in catalog order."""
    with reader(db) as con:
        row = con.execute(
            "SELECT snapshots, urls FROM versions WHERE id = $id", {"id": version_id}
        ).fetchone()
        if not row:
            return []
        parts = []
        for sha, url in zip(row[0], row[1], strict=False):
            got = con.execute(
                "SELECT b.body, (SELECT s.content_type FROM snapshots s WHERE s.sha256 = b.sha256"
                " ORDER BY s.fetched_at DESC LIMIT 1) FROM snapshot_bodies b WHERE b.sha256 = $h",
                {"h": sha},
            ).fetchone()
            if got is None:
                return []  # a body is missing: this version cannot be rebuilt
            parts.append((url, _decompressor.decompress(got[0]), got[1] or ""))
    return parts


def update_version_text(db: DB, version_id: int, text: str, parser_version: str) -> None:
    """Replace a version's text by one re-extracted from its own snapshots (technical)."""
    with transaction(db) as con:
        con.execute(
            "UPDATE versions SET text = $x, text_sha256 = $h, parser_version = $p,"
            " technical = true WHERE id = $id",
            {"x": text, "h": sha256_hex(text), "p": parser_version, "id": version_id},
        )


def versions_from_other_parser(db: DB, parser_version: str) -> int:
    """Crawled versions (with snapshots to rebuild them from) whose text another parser made."""
    with reader(db) as con:
        row = con.execute(
            "SELECT count(*) FROM versions WHERE parser_version <> $pv"
            " AND coalesce(len(snapshots), 0) > 0",
            {"pv": parser_version},
        ).fetchone()
    return int(row[0]) if row else 0
