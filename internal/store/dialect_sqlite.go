package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqlitePragmas are set on every connection through the DSN, so a pooled
// connection can never miss one.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

type sqliteDialect struct{}

func openSQLite(path, params string, log *slog.Logger) (*Store, error) {
	base := "file:" + path + "?" + sqlitePragmas
	if params != "" {
		base += "&" + params
	}
	// BEGIN IMMEDIATE takes the write lock up front: another process
	// writing meanwhile makes us wait (busy_timeout) instead of failing
	// half-way through a transaction.
	w, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", base)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	n := max(4, runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	log.Debug("store: sqlite", "path", path)
	return &Store{d: sqliteDialect{}, w: w, r: r, log: log}, nil
}

func (sqliteDialect) name() string { return "sqlite" }

func (sqliteDialect) rebind(query string) string { return query }

func (sqliteDialect) contains(col string) string { return "instr(" + col + ", ?) > 0" }

// isDiskFull: SQLITE_FULL, or a write refused for the file size limit.
func (sqliteDialect) isDiskFull(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code()&0xff == sqlite3.SQLITE_FULL
}

func (sqliteDialect) isUniqueViolation(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	c := e.Code()
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// indexAtCommit: FTS5 writes its pending index to disk at every
// SAVEPOINT opened after it was changed, so indexing each document under
// its own savepoint costs one flush (and merge) per document, as many as
// a commit each; indexing the batch at its end costs one.
func (sqliteDialect) indexAtCommit() bool { return true }

// settleIndex: FTS5 has nothing pending after a commit.
func (sqliteDialect) settleIndex(context.Context, *sql.DB) error { return nil }

// indexDocument replaces the document's FTS5 row. FTS5 rows have integer
// IDs; search_docs gives each document a stable one.
func (sqliteDialect) indexDocument(ctx context.Context, tx *sql.Tx, docID, title, text string) error {
	var rid int64
	err := tx.QueryRowContext(ctx, `SELECT rid FROM search_docs WHERE document_id = ?`, docID).Scan(&rid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO search_docs (document_id) VALUES (?)`, docID)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if rid, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	case err != nil:
		return fmt.Errorf("index: %w", err)
	default:
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid = ?`, rid); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`,
		rid, Grams(title), Grams(text))
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// ftsPhrases turns terms into an FTS5 query: each a quoted phrase, all
// required. Grams output holds only letters, digits and spaces, so no
// quoting is needed inside.
func ftsPhrases(terms []string) string {
	p := make([]string, len(terms))
	for i, t := range terms {
		p[i] = `"` + t + `"`
	}
	return strings.Join(p, " AND ")
}

// searchCandidates finds every document matching the phrases (FTS5
// phrases are exact) and orders them in Go: title matches first, then
// newest (IDs are time-ordered). bm25 is not used: over thousands of
// matches of a common pair it costs more than the whole search should.
// Titles come from a second, small FTS5 query limited to the title
// column, so no match is joined to documents for its title.
func (sqliteDialect) searchCandidates(ctx context.Context, db *sql.DB, terms []string, f filter, from, limit int) ([]candidate, int, bool, error) {
	match := ftsPhrases(terms)
	ids, err := sqliteMatches(ctx, db, match, f)
	if err != nil {
		return nil, 0, false, err
	}
	titleIDs, err := sqliteMatches(ctx, db, "{title} : ("+strings.ReplaceAll(match, " AND ", " OR ")+")",
		filter{withDuplicates: true})
	if err != nil {
		return nil, 0, false, err
	}
	inTitle := make(map[string]bool, len(titleIDs))
	for _, id := range titleIDs {
		inTitle[id] = true
	}
	out := make([]candidate, len(ids))
	for i, id := range ids {
		out[i] = candidate{id: id, title: inTitle[id]}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if a.title != b.title {
			if a.title {
				return -1
			}
			return 1
		}
		return strings.Compare(b.id, a.id)
	})
	from = min(from, len(out))
	return out[from:min(from+limit, len(out))], len(out), true, nil
}

// sqliteMatches returns the IDs of the documents matching an FTS5 query
// and the filter. Joining every match to documents costs more than the
// match itself for a common word, so the default filter (originals only)
// is an anti-join with the few duplicates instead.
func sqliteMatches(ctx context.Context, db *sql.DB, match string, f filter) ([]string, error) {
	query := `SELECT s.document_id FROM search_fts JOIN search_docs s ON s.rid = search_fts.rowid WHERE search_fts MATCH ?`
	args := []any{match}
	switch {
	case f == (filter{withDuplicates: true}):
		query += ` AND s.document_id NOT IN (SELECT id FROM documents WHERE archived_at <> 0)`
	case f == (filter{}):
		query += ` AND s.document_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL OR archived_at <> 0)`
	default:
		where, fargs := f.where()
		query = `SELECT s.document_id FROM search_fts JOIN search_docs s ON s.rid = search_fts.rowid
 JOIN documents d ON d.id = s.document_id WHERE search_fts MATCH ? AND ` + where
		args = append(args, fargs...)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ids, nil
}
