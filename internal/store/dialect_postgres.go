package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
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
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	log.Debug("store: postgres")
	return &Store{d: postgresDialect{}, w: db, r: db, log: log}, nil
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

func (postgresDialect) isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
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

// searchCandidates matches every term as a phrase (phraseto_tsquery) in
// any chunk. It ranks by cheap features rather than ts_rank: a title match
// (chunk 0), then how many chunks match. ts_rank reads every matching
// chunk's tsvector out of TOAST once more, which for a common phrase over
// 10,000 documents costs more than the rest of the search; the Go
// re-ranking that follows decides the order that matters anyway.
func (d postgresDialect) searchCandidates(ctx context.Context, db *sql.DB, terms []string, f filter, limit int) ([]candidate, int, error) {
	qs := make([]string, len(terms))
	termArgs := make([]any, len(terms))
	for i, t := range terms {
		qs[i] = "phraseto_tsquery('simple', ?)"
		termArgs[i] = t
	}
	args := append([]any{}, termArgs...)
	from := ` FROM search_chunks c`
	where, fargs := f.where()
	if where != "" { // always, unless duplicates are searched too
		from += ` JOIN documents d ON d.id = c.document_id`
		where = " AND " + where
		args = append(args, fargs...)
	}
	var having string
	if len(terms) > 1 {
		// Terms may match in different chunks: chunks matching any are
		// grouped, and the document must have every term.
		h := make([]string, len(terms))
		for i, q := range qs {
			h[i] = "bool_or(c.tsv @@ " + q + ")"
		}
		having = " HAVING " + strings.Join(h, " AND ")
		args = append(args, termArgs...)
	}
	args = append(args, limit)
	query := `SELECT c.document_id, bool_or(c.chunk = 0) AS in_title, count(*) AS n, count(*) OVER () AS total` +
		from + ` WHERE c.tsv @@ (` + strings.Join(qs, " || ") + `)` + where +
		` GROUP BY c.document_id` + having +
		` ORDER BY in_title DESC, n DESC, c.document_id DESC LIMIT ?`

	// Left alone, the planner reads chunks in primary-key order (to
	// group without sorting) or sequentially, testing every tsvector: each
	// read out of TOAST, 0.3 s over 10,000 documents. Through the GIN
	// index's bitmap a one-word query reads no tsvector and a phrase only
	// the candidates'. SET LOCAL keeps the hint to this transaction.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only; nothing to keep
	for _, set := range []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_indexscan = off`} {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, d.rebind(query), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var (
		out   []candidate
		total int
	)
	for rows.Next() {
		var (
			c       candidate
			inTitle bool
			n       int
		)
		if err := rows.Scan(&c.id, &inTitle, &n, &total); err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		c.rank = float64(n) / float64(n+1)
		if inTitle {
			c.rank++
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	return out, total, nil
}
