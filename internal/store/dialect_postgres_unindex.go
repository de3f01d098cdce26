package store

import (
	"context"
	"database/sql"
	"fmt"
)

// unindexDocument deletes the document's search chunks (their foreign key
// would take them with the document too; deleting them first keeps the
// two dialects' steps alike).
func (postgresDialect) unindexDocument(ctx context.Context, tx *sql.Tx, docID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_chunks WHERE document_id = $1`, docID); err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	return nil
}
