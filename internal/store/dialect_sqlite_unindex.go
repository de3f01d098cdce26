package store

import (
	"context"
	"database/sql"
	"fmt"
)

// unindexDocument deletes the document's FTS5 row: contentless FTS5
// rows are not reached by search_docs' foreign key, which takes only the
// mapping row with the document.
func (sqliteDialect) unindexDocument(ctx context.Context, tx *sql.Tx, docID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid IN (SELECT rid FROM search_docs WHERE document_id = ?)`, docID); err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE document_id = ?`, docID); err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	return nil
}
