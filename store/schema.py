"""DuckDB schema as an ordered list of migrations.

Each migration runs once, in its own transaction, and is recorded in `schema_migrations`.
Never edit a released migration: add a new one. Analyst views are recreated after migrating
so that they always match the code.
"""

from __future__ import annotations

from .migration_ota import DDL as OTA_SOURCES_DDL

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "crawl tables",
        """
        CREATE SEQUENCE IF NOT EXISTS seq_crawl_runs START 1;
        CREATE SEQUENCE IF NOT EXISTS seq_snapshots START 1;
        CREATE SEQUENCE IF NOT EXISTS seq_versions START 1;
        CREATE SEQUENCE IF NOT EXISTS seq_fetch_errors START 1;
        CREATE TABLE providers (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL
        );
        CREATE TABLE documents (
            key VARCHAR PRIMARY KEY,            -- 'provider/document'
            provider_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            urls VARCHAR[] NOT NULL
        );
        CREATE TABLE crawl_runs (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_crawl_runs'),
            kind VARCHAR NOT NULL,              -- crawl | import | demo
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            status VARCHAR NOT NULL,            -- running | ok | partial | failed
            documents INTEGER DEFAULT 0,
            new_versions INTEGER DEFAULT 0,
            errors INTEGER DEFAULT 0,
            detail VARCHAR
        );
        -- Raw bodies, content-addressed and zstd-compressed: a body fetched a thousand times
        -- unchanged is stored once.
        CREATE TABLE snapshot_bodies (
            sha256 VARCHAR PRIMARY KEY,
            size BIGINT NOT NULL,
            body BLOB NOT NULL
        );
        CREATE TABLE snapshots (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_snapshots'),
            document_key VARCHAR NOT NULL,
            url VARCHAR NOT NULL,
            final_url VARCHAR NOT NULL,
            status INTEGER NOT NULL,
            headers JSON,
            content_type VARCHAR,
            fetched_at TIMESTAMPTZ NOT NULL,
            sha256 VARCHAR NOT NULL,
            run_id BIGINT
        );
        CREATE TABLE versions (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_versions'),
            document_key VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            text_sha256 VARCHAR NOT NULL,
            first_seen TIMESTAMPTZ NOT NULL,
            last_seen TIMESTAMPTZ NOT NULL,
            snapshots VARCHAR[] NOT NULL,       -- sha256 of source snapshots, catalog order
            urls VARCHAR[] NOT NULL,
            commit VARCHAR,                     -- OTA commit when imported
            parser_version VARCHAR NOT NULL,
            run_id BIGINT,
            technical BOOLEAN NOT NULL DEFAULT false
        );
        CREATE INDEX versions_document ON versions (document_key, first_seen);
        CREATE TABLE fetch_errors (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_fetch_errors'),
            document_key VARCHAR NOT NULL,
            url VARCHAR,
            reason VARCHAR NOT NULL,
            message VARCHAR NOT NULL,
            status INTEGER,
            transient BOOLEAN NOT NULL DEFAULT false,
            fetched_at TIMESTAMPTZ NOT NULL,
            run_id BIGINT
        );
        -- Conditional GET: the validators of the last good fetch of each URL.
        CREATE TABLE http_validators (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            sha256 VARCHAR,
            updated_at TIMESTAMPTZ NOT NULL
        );
        """,
    ),
    (
        2,
        "clauses and findings",
        """
        CREATE SEQUENCE IF NOT EXISTS seq_findings START 1;
        CREATE TABLE clauses (
            version_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            section VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            topics VARCHAR[] NOT NULL,
            facts JSON,
            PRIMARY KEY (version_id, position)
        );
        CREATE TABLE findings (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_findings'),
            document_key VARCHAR NOT NULL,
            old_version_id BIGINT,
            new_version_id BIGINT NOT NULL,
            topic VARCHAR NOT NULL,
            direction VARCHAR NOT NULL,
            severity VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            summary VARCHAR NOT NULL,
            old_text VARCHAR,
            new_text VARCHAR,
            diff JSON,
            old_facts JSON,
            new_facts JSON,
            evidence JSON,
            effective_date DATE,
            recorded_at TIMESTAMPTZ NOT NULL,   -- first_seen of the new version
            commit VARCHAR,
            backfill BOOLEAN NOT NULL DEFAULT false,
            technical BOOLEAN NOT NULL DEFAULT false,
            -- sha256 of (new version, topic, kind, old text, new text): re-runs add nothing
            signature VARCHAR NOT NULL UNIQUE
        );
        -- Per-document comparison state (flapping memory, last good version), JSON from
        -- detection.compare, so re-runs continue where they stopped.
        CREATE TABLE document_state (
            document_key VARCHAR PRIMARY KEY,
            last_version_id BIGINT,
            history JSON,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE anomalies (
            document_key VARCHAR NOT NULL,
            version_id BIGINT NOT NULL,
            reason VARCHAR NOT NULL,
            recorded_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (document_key, version_id)
        );
        """,
    ),
    (
        3,
        "alert deliveries",
        """
        CREATE TABLE deliveries (
            finding_id BIGINT NOT NULL,
            channel VARCHAR NOT NULL,           -- channel name, never the secret URL
            status VARCHAR NOT NULL,            -- pending | sent | failed
            attempts INTEGER NOT NULL DEFAULT 0,
            first_attempt_at TIMESTAMPTZ,
            last_attempt_at TIMESTAMPTZ,
            next_attempt_at TIMESTAMPTZ,
            sent_at TIMESTAMPTZ,
            error VARCHAR,
            digest BOOLEAN NOT NULL DEFAULT false,
            PRIMARY KEY (finding_id, channel)
        );
        """,
    ),
    (
        4,
        "typed statements and rule ids",
        """
        -- what each clause states (statements.model codec) and the rules behind each finding
        ALTER TABLE clauses ADD COLUMN statements JSON;
        ALTER TABLE findings ADD COLUMN rule_ids VARCHAR[];
        ALTER TABLE findings ADD COLUMN statements JSON;
        """,
    ),
    (
        5,
        "rules version",
        """
        -- the reading rules each row was made with (statements.version), so that
        -- `clausewatch reanalyze` can rebuild what an upgrade reads differently
        ALTER TABLE clauses ADD COLUMN rules_version VARCHAR;
        ALTER TABLE findings ADD COLUMN rules_version VARCHAR;
        ALTER TABLE findings ADD COLUMN superseded BOOLEAN DEFAULT false;
        ALTER TABLE document_state ADD COLUMN rules_version VARCHAR;
        """,
    ),
    (
        6,
        "triage reviews",
        """
        -- a person's verdict on a finding: its current status, and every action that led there
        CREATE TABLE reviews (
            finding_id BIGINT PRIMARY KEY,
            status VARCHAR NOT NULL,            -- acked | dismissed (no row: open)
            note VARCHAR,
            reviewer VARCHAR,
            reviewed_at TIMESTAMPTZ NOT NULL
        );
        CREATE SEQUENCE IF NOT EXISTS seq_review_history START 1;
        CREATE TABLE review_history (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_review_history'),
            finding_id BIGINT NOT NULL,
            action VARCHAR NOT NULL,            -- ack | dismiss | reopen
            status VARCHAR NOT NULL,            -- the status after the action
            note VARCHAR,
            reviewer VARCHAR,
            reviewed_at TIMESTAMPTZ NOT NULL
        );
        """,
    ),
    (7, "ota sources", OTA_SOURCES_DDL),  # one history per document (store/migration_ota.py)
    (
        8,
        "snapshot fetcher",
        """
        -- which fetcher produced each body: 'http' (Scrapy) or 'browser' (Chromium, for
        -- `browser = true` entries and the fallback on app shells and bot checks)
        ALTER TABLE snapshots ADD COLUMN fetcher VARCHAR DEFAULT 'http';
        """,
    ),
    (
        9,
        "unexpected errors",
        """
        -- an unexpected exception while handling one document is recorded, never swallowed:
        -- before its version exists as a fetch error (reason internal_error, with the stage),
        -- after (clause reading, alert delivery) in analysis_errors
        ALTER TABLE fetch_errors ADD COLUMN stage VARCHAR;
        CREATE SEQUENCE IF NOT EXISTS seq_analysis_errors START 1;
        CREATE TABLE analysis_errors (
            id BIGINT PRIMARY KEY DEFAULT nextval('seq_analysis_errors'),
            run_id BIGINT,
            document_key VARCHAR,               -- NULL for a failure not of one document
            version_id BIGINT,
            stage VARCHAR NOT NULL,             -- analyze | alerts
            message VARCHAR NOT NULL,           -- errors.describe_failure: type, text, frames
            recorded_at TIMESTAMPTZ NOT NULL
        );
        -- a channel's baseline, written when a run that has it configured starts: findings up
        -- to this id were there before the channel; a run killed before it planned its
        -- alerts leaves the channel registered, so the next run alerts what came after
        CREATE TABLE alert_channels (
            name VARCHAR PRIMARY KEY,
            baseline_finding_id BIGINT NOT NULL,
            first_seen_at TIMESTAMPTZ NOT NULL
        );
        """,
    ),
]

# Views for analysts; recreated on every migrate so they follow the code.
VIEWS = """
CREATE OR REPLACE VIEW latest_versions AS
SELECT d.provider_id AS provider, d.key AS document, d.name AS document_name, d.type,
       v.id AS version_id, v.first_seen, v.last_seen, v.text_sha256, length(v.text) AS chars,
       v.text
FROM versions v JOIN documents d ON d.key = v.document_key
-- an anomalous capture (error page, language switch, merged or collapsed capture) is never
-- a document's current text
WHERE v.id NOT IN (SELECT version_id FROM anomalies)
QUALIFY row_number() OVER (PARTITION BY v.document_key ORDER BY v.first_seen DESC, v.id DESC) = 1;

CREATE OR REPLACE VIEW version_history AS
SELECT d.provider_id AS provider, d.key AS document, d.type, v.id AS version_id,
       v.first_seen, v.last_seen, v.commit, length(v.text) AS chars, v.text_sha256
FROM versions v JOIN documents d ON d.key = v.document_key;

CREATE OR REPLACE VIEW current_clauses AS
SELECT lv.provider, lv.document, lv.type, c.position, c.section, c.text,
       unnest(c.topics) AS topic, c.facts
FROM latest_versions lv JOIN clauses c ON c.version_id = lv.version_id;

CREATE OR REPLACE VIEW findings_timeline AS
SELECT d.provider_id AS provider, f.document_key AS document, d.type, f.recorded_at,
       f.effective_date, f.topic, f.direction, f.severity, f.summary, f.id AS finding_id,
       f.backfill
FROM findings f JOIN documents d ON d.key = f.document_key
WHERE NOT f.technical AND f.duplicate_of IS NULL
ORDER BY f.recorded_at;

CREATE OR REPLACE VIEW recent_fetch_errors AS
SELECT e.document_key AS document, e.url, e.reason, e.message, e.status, e.fetched_at
FROM fetch_errors e
QUALIFY row_number() OVER (PARTITION BY e.document_key, e.url ORDER BY e.fetched_at DESC) = 1;
"""

# Comments shown by `clausewatch schema` (and by DuckDB's duckdb_tables() / duckdb_columns());
# set on every migrate, like the views, so that they follow the code.
COMMENTS = """
COMMENT ON TABLE providers IS 'Providers (companies) watched: id is the slug, name the display name';
COMMENT ON TABLE documents IS 'Legal documents of the catalog or of an import, keyed provider/document';
COMMENT ON TABLE crawl_runs IS 'One row per crawl, import or demo run';
COMMENT ON TABLE snapshot_bodies IS 'Raw fetched bodies, zstd-compressed, stored once per sha256';
COMMENT ON TABLE snapshots IS 'Each fetch of a URL: status, headers, time and body hash';
COMMENT ON TABLE versions IS 'Normalized text of a document, recorded only when it changes';
COMMENT ON TABLE fetch_errors IS 'Fetches that gave no version (HTTP error, login wall, selector miss)';
COMMENT ON TABLE analysis_errors IS 'Unexpected failures after a version was recorded (clause reading, alerting)';
COMMENT ON COLUMN fetch_errors.stage IS 'For internal_error: fetch, extract, read (an OTA text), store or analyze';
COMMENT ON TABLE alert_channels IS 'Each alert channel by name, with the last finding before it was configured';
COMMENT ON TABLE clauses IS 'Spans of a version tagged training_use, retention or sharing';
COMMENT ON TABLE findings IS 'Material changes to a clause, with direction, severity and evidence';
COMMENT ON TABLE reviews IS 'Triage: the current status (acked, dismissed) and note of a reviewed finding';
COMMENT ON TABLE review_history IS 'Every ack, dismiss and reopen: who, when, with which note';
COMMENT ON TABLE deliveries IS 'Alert ledger: one row per (finding, channel); channel names, never URLs';
COMMENT ON COLUMN findings.direction IS 'broader: the provider gains latitude; narrower: more protection';
COMMENT ON COLUMN findings.backfill IS 'Found while importing history, not a new change';
COMMENT ON COLUMN findings.technical IS 'Produced by a parser upgrade (reextract); never alerted';
COMMENT ON COLUMN snapshots.fetcher IS 'http (plain fetch) or browser (Chromium rendered the page)';
COMMENT ON COLUMN versions.text_sha256 IS 'SHA-256 of the normalized text';
COMMENT ON COLUMN deliveries.status IS 'pending, sending, sent, summarized, failed, uncertain or skipped';
COMMENT ON TABLE ota_sources IS 'Each Open Terms Archive record (service, document type, commit) and the version it is';
COMMENT ON COLUMN findings.duplicate_of IS 'The same change, same text, found first on another document (shown and alerted once)';
COMMENT ON VIEW latest_versions IS 'The current version of each document (anomalous captures left out)';
COMMENT ON VIEW version_history IS 'Every version of every document, without the text';
COMMENT ON VIEW current_clauses IS 'Clauses of the current versions, one row per topic';
COMMENT ON VIEW findings_timeline IS 'Non-technical findings in the order they were recorded';
COMMENT ON VIEW recent_fetch_errors IS 'The latest fetch error of each document and URL';
"""
