-- Original bytes, stored once per SHA-256 (hex). Per dialect only for the
-- binary column type: BLOB here, BYTEA on PostgreSQL.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    data       BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
