package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// pgChunkRunes bounds a search chunk: far below the 16383 positions a
// tsvector keeps, and short enough that no bigram repeats 256 times.
const pgChunkRunes = 4000

type postgresDialect struct{}

func openPostgres(dsn string, log *slog.Logger) (*Store, error) {
	db, err := sql.Open("pgx", withSessionDefaults(dsn))
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	log.Debug("store: postgres")
	return &Store{d: postgresDialect{}, w: db, r: db, log: log}, nil
}

// withSessionDefaults names our sessions "planwatch" in pg_stat_activity
// (so that an operator, and a refused restore, can tell them from
// others) and turns JIT compilation off, unless the DSN sets either
// itself. Our queries are short: compiling one took 0.5-1.4 s on the
// 2-core bench machine, where running it took milliseconds, and any
// query the planner costs high (a join over every update, a search's
// plan hint) paid it on every call.
func withSessionDefaults(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	if q.Get("application_name") == "" {
		q.Set("application_name", "planwatch")
	}
	if q.Get("jit") == "" {
		q.Set("jit", "off")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func (postgresDialect) name() string { return "postgres" }

// rebind numbers the ? placeholders ($1, $2, …). Shared SQL never puts a
// ? inside a string literal, so no quoting rules are needed.
func (postgresDialect) rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// contains uses position, the SQL standard's spelling (strpos is PostgreSQL's).
func (postgresDialect) contains(col string) string { return "position(? IN " + col + ") > 0" }

// isDiskFull: SQLSTATE 53100 disk_full (the server's disk, or its WAL's).
func (postgresDialect) isDiskFull(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "53100"
}

func (postgresDialect) isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// indexAtCommit: savepoints cost PostgreSQL's index nothing, and a
// document its index refuses fails alone.
func (postgresDialect) indexAtCommit() bool { return false }

// settleIndex merges the GIN index's pending list (migration 0170) into
// the index, in bulk: left there, every search would scan it until
// autovacuum comes by.
func (postgresDialect) settleIndex(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `SELECT gin_clean_pending_list('search_chunks_tsv'::regclass)`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// indexDocument replaces the document's chunks: the title as chunk 0 with
// weight A, the body in chunks split at line ends.
func (d postgresDialect) indexDocument(ctx context.Context, tx *sql.Tx, docID, title, text string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_chunks WHERE document_id = $1`, docID); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	chunks := chunkText(text, pgChunkRunes)
	var b strings.Builder
	args := []any{docID, Grams(title)}
	b.WriteString(`INSERT INTO search_chunks (document_id, chunk, tsv) VALUES ($1, 0, setweight(to_tsvector('simple', $2), 'A'))`)
	for i, c := range chunks {
		args = append(args, Grams(c))
		fmt.Fprintf(&b, `, ($1, %d, to_tsvector('simple', $%d))`, i+1, len(args))
	}
	if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// searchCandidates matches each term's tokens all present in one chunk
// (plainto_tsquery: their &), which the GIN index answers from its own
// entries without reading a tsvector. A phrase (<->) needs positions, and
// checking them reads every matching chunk's tsvector out of TOAST: 0.3 s
// for a common phrase over 10,000 documents. So the match is looser than
// the query (a false hit holds the pairs apart) unless every term is a
// single token (two characters, or one word), and the caller checks
// candidates against their text. Order: a match in the title (chunk 0),
// then the newest (IDs are time-ordered); both come from the rows the
// bitmap yields, so no candidate is read beyond its key.
func (d postgresDialect) searchCandidates(ctx context.Context, db *sql.DB, terms []string, f filter, from, limit int) ([]candidate, int, bool, error) {
	exact := true
	qs := make([]string, len(terms))
	for i, t := range terms {
		qs[i] = "plainto_tsquery('simple', ?)"
		exact = exact && !strings.Contains(t, " ")
	}
	args := make([]any, 0, 2*len(terms)+8)
	for _, t := range terms {
		args = append(args, t)
	}
	from_ := ` FROM search_chunks c`
	var where string
	switch {
	case f == (filter{withDuplicates: true}):
		where = ` AND c.document_id NOT IN (SELECT id FROM documents WHERE archived_at <> 0)`
	case f == (filter{}):
		// Originals in use only: an anti-join with the few duplicates and
		// archived documents costs less than joining every matching chunk
		// to documents.
		where = ` AND c.document_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL OR archived_at <> 0)`
	default:
		w, fargs := f.where()
		from_ += ` JOIN documents d ON d.id = c.document_id`
		where = " AND " + w
		args = append(args, fargs...)
	}
	if len(terms) > 1 {
		// Terms may match in different chunks: a chunk matching any is
		// kept if the document has a chunk matching each.
		for i, q := range qs {
			where += " AND c.document_id IN (SELECT document_id FROM search_chunks WHERE tsv @@ " + q + ")"
			args = append(args, terms[i])
		}
	}
	args = append(args, limit, from)
	query := `SELECT c.document_id, bool_or(c.chunk = 0) AS in_title, count(*) OVER () AS total` +
		from_ + ` WHERE c.tsv @@ (` + strings.Join(qs, " || ") + `)` + where +
		` GROUP BY c.document_id ORDER BY in_title DESC, c.document_id DESC LIMIT ? OFFSET ?`

	// Left alone, the planner may read chunks in primary-key order (to
	// group without sorting) or sequentially, testing every tsvector: each
	// read out of TOAST. Through the GIN index's bitmap no tsvector is
	// read. SET LOCAL keeps the hint to this transaction. The hint makes
	// every other plan cost 10^10, far past jit_above_cost: PostgreSQL
	// then compiled the query, 1-1.4 s of a search that runs in 2-80 ms
	// (EXPLAIN ANALYZE, 2,000 documents), so JIT is off here too.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only; nothing to keep
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off`); err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	rows, err := tx.QueryContext(ctx, d.rebind(query), args...)
	if err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var (
		out   []candidate
		total int
	)
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.title, &total); err != nil {
			return nil, 0, false, fmt.Errorf("search: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	if len(out) == 0 && from > 0 {
		// OFFSET past the end leaves no row to carry the count.
		return nil, from, exact, nil
	}
	return out, total, exact, nil
}
