package store

import (
	"context"
	"database/sql"
	"fmt"
)

// headRunes is the length of a stored search head; migration 0004 cuts
// existing heads with the same number.
const headRunes = 1000

// head returns the first headRunes characters of text.
func head(text string) string {
	n := 0
	for i := range text {
		if n == headRunes {
			return text[:i]
		}
		n++
	}
	return text
}

// saveHead replaces a document's search head with that of its current text.
// A delete and an insert rather than an upsert: portable to every
// PostgreSQL-compatible database.
func (s *Store) saveHead(ctx context.Context, tx *sql.Tx, docID, text string) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_heads WHERE document_id = ?`), docID); err != nil {
		return fmt.Errorf("search head: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_heads (document_id, head) VALUES (?, ?)`), docID, head(text)); err != nil {
		return fmt.Errorf("search head: %w", err)
	}
	return nil
}
