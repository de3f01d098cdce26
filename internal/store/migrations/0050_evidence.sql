-- Evidence files attached to progress updates (佐证材料): the bytes live
-- in blobs, once per SHA-256; this table names them for one update. An
-- update has at most one file. Shared by SQLite and PostgreSQL; times are
-- BIGINT Unix milliseconds as in 0010.

CREATE TABLE update_evidence (
    update_id    TEXT PRIMARY KEY REFERENCES updates (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL, -- as uploaded, cleaned of path parts
    content_type TEXT NOT NULL, -- as sniffed from the bytes, not as claimed
    file_size    BIGINT NOT NULL,
    blob_sha256  TEXT NOT NULL REFERENCES blobs (sha256),
    created_at   BIGINT NOT NULL
);
CREATE INDEX update_evidence_blob ON update_evidence (blob_sha256);
