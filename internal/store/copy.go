package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// copyTables are the tables Copy moves, parents before children. The
// search index is not among them: its tables differ between the databases,
// so Copy rebuilds it on the target from the documents' text.
var copyTables = []string{
	"blobs", "documents", "versions", "tags", "document_tags", "search_heads",
	"plans", "plan_publications", "items", "item_units", "item_extensions", "updates", "update_evidence", "item_edits", "indicators", "indicator_targets",
	"observations", "plan_links", "item_links", "region_groups",
	"users", "user_scopes", "sessions", "api_tokens", "server_secrets", "audit_log",
	"job_leases", "document_watches", "change_alerts", "reminders",
	"signin_codes", "user_clients", "audit_checkpoints",
	"units", "unit_aliases",
	"harvest_synonyms", "harvest_proposals",
	"item_projects", "item_project_years",
	"plan_invest_curves", "projects", "project_units", "project_years", "project_milestones", "project_reports",
}

// seededTables are filled by a migration: the target's seed rows give way
// to the source's, which hold the same seeds and what users added.
var seededTables = map[string]bool{"harvest_synonyms": true}

// Copy moves a whole installation from src into dst, an empty store (say
// from SQLite to PostgreSQL when several departments come to share it), in
// one transaction on dst, rebuilds dst's search index, and proves the move
// by comparing row counts. Both stores must be at the same schema version,
// which Open ensures for one binary.
func Copy(ctx context.Context, src, dst *Store) (Counts, error) {
	if n, err := dst.CountDocuments(ctx); err != nil || n > 0 {
		return nil, fmt.Errorf("copy: the target must be empty (%d documents, %v)", n, err)
	}
	want, err := src.Counts(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	err = dst.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range copyTables {
			if err := copyTable(ctx, src, dst, tx, t); err != nil {
				return fmt.Errorf("table %s: %w", t, err)
			}
		}
		return reindex(ctx, dst, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	got, err := dst.Counts(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	for t, n := range want {
		if got[t] != n {
			return got, fmt.Errorf("copy: %s has %d rows on the target, %d on the source", t, got[t], n)
		}
	}
	return got, nil
}

// copyTable copies every row of one table, converting what the drivers
// give back (SQLite's 0/1 for a BOOLEAN) into what the target's column
// takes.
func copyTable(ctx context.Context, src, dst *Store, tx *sql.Tx, table string) error {
	probe, err := tx.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return err
	}
	cols, err := probe.Columns()
	if err != nil {
		probe.Close()
		return err
	}
	types, err := probe.ColumnTypes()
	probe.Close()
	if err != nil {
		return err
	}
	boolean := make([]bool, len(cols))
	for i, t := range types {
		boolean[i] = strings.EqualFold(t.DatabaseTypeName(), "BOOL") || strings.EqualFold(t.DatabaseTypeName(), "BOOLEAN")
	}
	rows, err := src.r.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+table)
	if err != nil {
		return err
	}
	var all [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return err
		}
		for i, v := range vals {
			if n, ok := v.(int64); ok && boolean[i] {
				vals[i] = n != 0
			}
		}
		all = append(all, vals)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if table == "items" {
		all = rowsParentsFirst(cols, all)
	}
	if seededTables[table] {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	insert := dst.q(`INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (` + placeholders(len(cols)) + `)`)
	for _, vals := range all {
		if _, err := tx.ExecContext(ctx, insert, vals...); err != nil {
			return err
		}
	}
	return nil
}

// rowsParentsFirst orders item rows so that each comes after its parent, as the
// foreign key on parent_id requires at every insert.
func rowsParentsFirst(cols []string, rows [][]any) [][]any {
	id, parent := -1, -1
	for i, c := range cols {
		switch c {
		case "id":
			id = i
		case "parent_id":
			parent = i
		}
	}
	if id < 0 || parent < 0 {
		return rows
	}
	done := map[string]bool{}
	var out [][]any
	for len(rows) > 0 {
		var rest [][]any
		for _, r := range rows {
			p, _ := r[parent].(string)
			if p == "" || done[p] {
				k, _ := r[id].(string)
				done[k] = true
				out = append(out, r)
			} else {
				rest = append(rest, r)
			}
		}
		if len(rest) == len(rows) {
			return append(out, rest...) // a broken tree: let the insert say so
		}
		rows = rest
	}
	return out
}

// reindex rebuilds the search index of every document from its current
// version's text.
func reindex(ctx context.Context, dst *Store, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.title, v.text FROM documents d JOIN versions v
 ON v.document_id = d.id AND v.seq = d.current_seq`)
	if err != nil {
		return err
	}
	type doc struct{ id, title, text string }
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.id, &d.title, &d.text); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range docs {
		if err := dst.d.indexDocument(ctx, tx, d.id, d.title, d.text); err != nil {
			return err
		}
	}
	return nil
}
