// Package store keeps planwatch's records in SQLite (the default, through
// modernc.org/sqlite) or PostgreSQL, with the same hand-written SQL: the
// document library (original bytes, versions, extraction results, tags,
// the Chinese search index) and, later, plans and their tracking.
//
// Shared SQL uses ? placeholders; what differs between the databases
// (placeholders, the search index, error codes) lives in dialect_sqlite.go
// and dialect_postgres.go. Migrations are numbered files in migrations/
// (see migrate.go). IDs are made here (NewID), times are stored as BIGINT
// Unix milliseconds, optional text as an empty string (not NULL).
//
// Search indexes character bigrams (Grams), so any Chinese substring of
// two or more characters is found: as a phrase by FTS5 on SQLite; on
// PostgreSQL as all its bigrams in one tsvector chunk (GIN, no positions
// read), each candidate then checked for the exact string. Candidates come
// title matches first, then newest, and are re-ranked in Go (search.go)
// from stored heads (search_head.go): whole-word matches, then title
// matches, then the index's order.
package store
