// Package store keeps planwatch's records in SQLite (the default, through
// modernc.org/sqlite) or PostgreSQL, with the same hand-written SQL: the
// document library (original bytes, versions, extraction results, tags,
// the Chinese search index) and, later, plans and their tracking.
package store
