-- What the search ranking reads instead of whole texts: the head of each
-- document's current text (its first characters, where a policy document
-- names its subject), enough to decide whole-word matches and cut most
-- snippets. Reading a head is one small row; reading a text means
-- decompressing up to megabytes (TOAST on PostgreSQL, overflow pages on
-- SQLite). Existing libraries get their heads here; SaveSnapshot keeps them
-- current. Text lengths are in characters on both databases, so substr
-- cuts what headRunes in search_head.go cuts.
CREATE TABLE search_heads (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    head        TEXT NOT NULL
);
INSERT INTO search_heads (document_id, head)
SELECT d.id, substr(v.text, 1, 1000) FROM documents d JOIN versions v ON v.id = d.current_version_id;
-- Search excludes near-duplicates by default: with this index the few
-- duplicates are looked up once instead of every match being joined to
-- documents.
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
