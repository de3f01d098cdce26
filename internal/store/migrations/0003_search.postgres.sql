-- Chinese full-text search on PostgreSQL, core only: tsvectors of character
-- bigrams (see Grams in grams.go) under the 'simple' configuration, with a
-- GIN index. A tsvector keeps positions only up to 16383 and at most 256
-- per word, which would break phrase matching in long documents, so the
-- text is indexed in chunks of a few thousand characters (split at line
-- ends): chunk 0 is the title (weight A), chunks 1… the body (weight D).
CREATE TABLE search_chunks (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk       INTEGER NOT NULL,
    tsv         TSVECTOR NOT NULL,
    PRIMARY KEY (document_id, chunk)
);
-- fastupdate off: new entries go straight into the index. With it on they
-- wait in a pending list that every search scans until (auto)vacuum comes
-- by: after a bulk import, searches took 0.2 s instead of a few ms.
CREATE INDEX search_chunks_tsv ON search_chunks USING GIN (tsv) WITH (fastupdate = off);
