-- Chinese full-text search on SQLite: FTS5 over character bigrams (see
-- Grams in grams.go) with the unicode61 tokenizer. Contentless: the text
-- lives in versions; contentless_delete lets a document's row be replaced.
-- FTS5 rows are keyed by integer, so search_docs maps them to documents.
CREATE TABLE search_docs (
    rid         INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
);
