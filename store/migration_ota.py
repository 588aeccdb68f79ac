"""Migration: one history per document across Open Terms Archive services (store.schema 7).

`ota_sources` keeps every OTA record an import attributed to a version: the service and
document type it was filed under and its commit. One version can be several records (the same
text filed by OTA under ChatGPT and DALL·E, or recorded again by a second service), so the
eval can still score each service's event, and a re-import knows what it already has.
`findings.duplicate_of` marks a finding that repeats, on another document with byte-identical
text, one found first: it is kept (and scored) but not listed, reported or alerted.
"""

DDL = """
CREATE TABLE ota_sources (
    version_id BIGINT NOT NULL,         -- the version this record is (or repeats)
    document_key VARCHAR NOT NULL,
    service VARCHAR NOT NULL,           -- OTA service folder, e.g. 'Claude.ai'
    document VARCHAR NOT NULL,          -- OTA document type, e.g. 'Privacy Policy'
    commit VARCHAR,                     -- OTA version commit; NULL from a dataset
    recorded_at TIMESTAMPTZ NOT NULL    -- a record is its commit, else its date (store.ota)
);
CREATE INDEX ota_sources_document ON ota_sources (document_key);
ALTER TABLE findings ADD COLUMN duplicate_of BIGINT;
-- versions imported before this migration were filed under their OTA names
INSERT INTO ota_sources
SELECT v.id, v.document_key, coalesce(p.name, d.provider_id), d.name, v.commit, v.first_seen
FROM versions v JOIN documents d ON d.key = v.document_key
LEFT JOIN providers p ON p.id = d.provider_id
WHERE v.run_id IN (SELECT id FROM crawl_runs WHERE kind = 'import');
"""
