package store

import (
	"cmp"
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

func (sqliteDialect) isUniqueViolation(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	c := e.Code()
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

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

// searchCandidates ranks with bm25, the title weighing ten times the
// body. It reads every match once (ID and rank) and keeps the best in Go:
// a separate count(*) would match the phrases a second time.
func (sqliteDialect) searchCandidates(ctx context.Context, db *sql.DB, terms []string, f filter, limit int) ([]candidate, int, error) {
	where, args := f.where()
	from := ` FROM search_fts JOIN search_docs s ON s.rid = search_fts.rowid`
	if where != "" { // always, unless duplicates are searched too
		from += ` JOIN documents d ON d.id = s.document_id`
		where = " AND " + where
	}
	rows, err := db.QueryContext(ctx, `SELECT s.document_id, bm25(search_fts, 10.0, 1.0)`+from+
		` WHERE search_fts MATCH ?`+where, append([]any{ftsPhrases(terms)}, args...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.rank); err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		c.rank = -c.rank // bm25: lower is better
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	total := len(out)
	slices.SortFunc(out, func(a, b candidate) int {
		if c := cmp.Compare(b.rank, a.rank); c != 0 {
			return c
		}
		return strings.Compare(b.id, a.id)
	})
	return out[:min(limit, len(out))], total, nil
}
