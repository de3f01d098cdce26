-- The document library, shared by SQLite and PostgreSQL.
-- Times are BIGINT milliseconds since the Unix epoch (UTC); IDs are made by
-- the application (16-character, time-ordered); text columns are TEXT.
-- Optional text is stored as '' and read back the same on both databases.

CREATE TABLE documents (
    id                 TEXT PRIMARY KEY,
    source             TEXT NOT NULL,
    title              TEXT NOT NULL,
    kind               TEXT NOT NULL,
    region_code        TEXT NOT NULL,
    region_name        TEXT NOT NULL,
    issued             TEXT NOT NULL,
    year               INTEGER NOT NULL,
    doc_number         TEXT NOT NULL,
    -- NULL rather than '' so the foreign key holds.
    duplicate_of       TEXT REFERENCES documents (id) ON DELETE SET NULL,
    current_version_id TEXT NOT NULL,
    current_seq        INTEGER NOT NULL,
    versions           INTEGER NOT NULL,
    -- The current version's 64-bit fingerprint (as a signed BIGINT) and its
    -- four 16-bit bands, indexed: near-duplicate candidates share a band.
    fingerprint        BIGINT NOT NULL,
    fp0                INTEGER NOT NULL,
    fp1                INTEGER NOT NULL,
    fp2                INTEGER NOT NULL,
    fp3                INTEGER NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX documents_source ON documents (source);
CREATE INDEX documents_year ON documents (year);
CREATE INDEX documents_kind ON documents (kind);
CREATE INDEX documents_region_code ON documents (region_code);
CREATE INDEX documents_fp0 ON documents (fp0);
CREATE INDEX documents_fp1 ON documents (fp1);
CREATE INDEX documents_fp2 ON documents (fp2);
CREATE INDEX documents_fp3 ON documents (fp3);

CREATE TABLE versions (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs (sha256),
    size         BIGINT NOT NULL,
    fetched_at   BIGINT NOT NULL,
    final_url    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    headers      TEXT NOT NULL, -- JSON object, '' for none
    content_type TEXT NOT NULL,
    format       TEXT NOT NULL,
    charset      TEXT NOT NULL,
    text         TEXT NOT NULL,
    original     TEXT NOT NULL,
    fingerprint  BIGINT NOT NULL,
    extraction   TEXT NOT NULL, -- extract.Result as JSON, '' for none
    created_at   BIGINT NOT NULL,
    UNIQUE (document_id, seq)
);
CREATE INDEX versions_sha256 ON versions (sha256);

CREATE TABLE tags (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE document_tags (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    tag_id      TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, tag_id)
);
CREATE INDEX document_tags_tag ON document_tags (tag_id);
