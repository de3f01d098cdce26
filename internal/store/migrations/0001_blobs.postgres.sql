-- Original bytes, stored once per SHA-256 (hex). Per dialect only for the
-- binary column type: BYTEA here, BLOB on SQLite.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    data       BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
