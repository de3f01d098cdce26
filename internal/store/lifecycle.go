package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The lifecycle of plans and documents: archive (out of listings, search,
// alerts and reminders, every record kept), restore, and delete when
// nothing depends on the record. Each act is saved with its audit entry in
// one transaction, as the callers' audit function makes it.

// Archived chooses records by whether they are archived.
type Archived int

// The choices of Archived; the zero value hides archived records.
const (
	ArchivedHide Archived = iota // in use only (the default)
	ArchivedOnly                 // archived only
	ArchivedAlso                 // both
)

// cond is the condition on the table aliased alias, "" for none.
func (a Archived) cond(alias string) string {
	switch a {
	case ArchivedHide:
		return alias + ".archived_at = 0"
	case ArchivedOnly:
		return alias + ".archived_at <> 0"
	}
	return ""
}

// archivedTime reads archived_at: 0 is the zero time.
func archivedTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}

// ErrDepended is wrapped by DependedError.
var ErrDepended = errors.New("depended on")

// DependedError refuses to delete a record others depend on; Deps says
// what, one phrase each ("2 份计划由它生成：…").
type DependedError struct {
	What string // plan 01… or document 01…
	Deps []string
}

// Error says what cannot be deleted, what depends on it, and to archive it.
func (e *DependedError) Error() string {
	return fmt.Sprintf("%s cannot be deleted: %s (archive it instead)", e.What, strings.Join(e.Deps, "; "))
}

// Unwrap makes the error an ErrDepended and an ErrConflict.
func (e *DependedError) Unwrap() []error { return []error{ErrDepended, ErrConflict} }

// LifecycleAudit makes the audit entry of a lifecycle act from the record
// before and after it (after is the zero value for a deletion).
type LifecycleAudit[T any] func(before, after T) (AuditEntry, error)

// ArchivePlan archives (archived true) or restores a plan by ID or unique
// prefix, with its audit entry in the same transaction, and returns it as
// it was and is now. Archiving an archived plan, or restoring one in use,
// is an error saying so.
func (s *Store) ArchivePlan(ctx context.Context, ref string, archived bool, audit LifecycleAudit[Plan]) (before, after Plan, err error) {
	id, err := s.resolveIn(ctx, s.r, "plans", "plan", ref)
	if err != nil {
		return Plan{}, Plan{}, err
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		b, err := scanPlan(tx.QueryRowContext(ctx, s.q(`SELECT `+planCols+` FROM plans p WHERE p.id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("plan %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		if err := archiveState("plan "+id, b.ArchivedAt, archived); err != nil {
			return err
		}
		ts := now()
		a := b
		a.ArchivedAt = time.Time{}
		if archived {
			a.ArchivedAt = fromMillis(ts)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE plans SET archived_at = ? WHERE id = ?`), stamp(a.ArchivedAt), id); err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		if err := s.touchPlan(ctx, tx, id, ts); err != nil {
			return err
		}
		before, after = b, a
		return s.auditIn(ctx, tx, func() (AuditEntry, error) { return audit(b, a) }, audit != nil)
	})
	if err != nil {
		return Plan{}, Plan{}, fmt.Errorf("archive plan %s: %w", ref, err)
	}
	return before, after, nil
}

// ArchiveDocument archives (archived true) or restores a document by ID
// or unique prefix, as ArchivePlan does. The plans made from it are left
// as they are.
func (s *Store) ArchiveDocument(ctx context.Context, ref string, archived bool, audit LifecycleAudit[Document]) (before, after Document, err error) {
	id, err := s.resolveID(ctx, ref)
	if err != nil {
		return Document{}, Document{}, err
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		b, err := scanDocument(tx.QueryRowContext(ctx, s.q(`SELECT `+docCols+` FROM documents d WHERE d.id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		if err := archiveState("document "+id, b.ArchivedAt, archived); err != nil {
			return err
		}
		a := b
		a.ArchivedAt = time.Time{}
		if archived {
			a.ArchivedAt = fromMillis(now())
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET archived_at = ? WHERE id = ?`), stamp(a.ArchivedAt), id); err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		before, after = b, a
		return s.auditIn(ctx, tx, func() (AuditEntry, error) { return audit(b, a) }, audit != nil)
	})
	if err != nil {
		return Document{}, Document{}, fmt.Errorf("archive document %s: %w", ref, err)
	}
	return before, after, nil
}

// archiveState refuses archiving what is archived and restoring what is
// in use.
func archiveState(what string, at time.Time, archive bool) error {
	switch {
	case archive && !at.IsZero():
		return fmt.Errorf("%s is archived already (since %s): %w", what, at.Local().Format("2006-01-02"), ErrConflict)
	case !archive && at.IsZero():
		return fmt.Errorf("%s is not archived: %w", what, ErrConflict)
	}
	return nil
}

// stamp is archived_at for t: 0 for the zero time.
func stamp(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// auditIn appends the entry make gives, when want, in tx.
func (s *Store) auditIn(ctx context.Context, tx *sql.Tx, make func() (AuditEntry, error), want bool) error {
	if !want {
		return nil
	}
	e, err := make()
	if err != nil {
		return err
	}
	_, err = s.appendAuditIn(ctx, tx, e)
	return err
}

// countWhere counts the rows a query (one ? argument) finds, in tx.
func countWhere(ctx context.Context, s *Store, tx *sql.Tx, query string, arg any) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(query), arg).Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

// PlanDependents lists what depends on a plan (full ID), one phrase each:
// plans that implement it, units' progress reports and approved
// extensions on its tasks, other plans' tasks linked to its tasks,
// accounts scoped to it, its public page. Nothing means it may be deleted.
func (s *Store) PlanDependents(ctx context.Context, id string) ([]string, error) {
	var deps []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		deps, err = s.planDependents(ctx, tx, id)
		return err
	})
	return deps, err
}

func (s *Store) planDependents(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	checks := []struct {
		query, phrase string
	}{
		{`SELECT count(*) FROM plan_links WHERE parent_plan_id = ?`, "%d 个下级计划落实它（plan link）"},
		{`SELECT count(*) FROM updates u JOIN items i ON i.id = u.item_id WHERE i.plan_id = ?`, "%d 条进展报送"},
		{`SELECT count(*) FROM item_extensions e JOIN items i ON i.id = e.item_id WHERE i.plan_id = ?`, "%d 次批准的延期"},
		{`SELECT count(*) FROM item_links l JOIN items i ON i.id = l.parent_item_id JOIN items c ON c.id = l.item_id
 WHERE i.plan_id = ? AND c.plan_id <> i.plan_id`, "%d 项下级任务关联到它的任务"},
		{`SELECT count(*) FROM user_scopes WHERE plan_id = ?`, "%d 个账号的权限范围指向它"},
		{`SELECT count(*) FROM plan_publications WHERE plan_id = ?`, "%d 个公开页面（plan unpublish）"},
	}
	var deps []string
	for _, c := range checks {
		n, err := countWhere(ctx, s, tx, c.query, id)
		if err != nil {
			return nil, fmt.Errorf("plan %s: dependents: %w", id, err)
		}
		if n > 0 {
			deps = append(deps, fmt.Sprintf(c.phrase, n))
		}
	}
	return deps, nil
}

// DeletePlanChecked deletes a plan (by ID or unique prefix) with
// everything under it, as DeletePlan does, when nothing depends on it
// (PlanDependents); else a *DependedError naming what does. The audit
// entry is saved in the same transaction. It returns the plan deleted.
func (s *Store) DeletePlanChecked(ctx context.Context, ref string, audit LifecycleAudit[Plan]) (Plan, error) {
	id, err := s.resolveIn(ctx, s.r, "plans", "plan", ref)
	if err != nil {
		return Plan{}, err
	}
	var gone Plan
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		p, err := scanPlan(tx.QueryRowContext(ctx, s.q(`SELECT `+planCols+` FROM plans p WHERE p.id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("plan %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		deps, err := s.planDependents(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(deps) > 0 {
			return &DependedError{What: "plan " + id, Deps: deps}
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM plans WHERE id = ?`), id); err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		gone = p
		return s.auditIn(ctx, tx, func() (AuditEntry, error) { return audit(p, Plan{}) }, audit != nil)
	})
	if err != nil {
		return Plan{}, fmt.Errorf("delete plan %s: %w", ref, err)
	}
	return gone, nil
}

// documentDependents lists what depends on a document: the plans made
// from it (archived ones too) and the documents recorded as its
// near-duplicates.
func (s *Store) documentDependents(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	var deps []string
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, title FROM plans WHERE document_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, fmt.Errorf("document %s: dependents: %w", id, err)
	}
	var plans []string
	for rows.Next() {
		var pid, title string
		if err := rows.Scan(&pid, &title); err != nil {
			rows.Close()
			return nil, fmt.Errorf("document %s: dependents: %w", id, err)
		}
		plans = append(plans, pid+" "+title)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("document %s: dependents: %w", id, err)
	}
	if len(plans) > 0 {
		deps = append(deps, fmt.Sprintf("%d 份计划由它生成（%s）", len(plans), strings.Join(plans, "、")))
	}
	n, err := countWhere(ctx, s, tx, `SELECT count(*) FROM documents WHERE duplicate_of = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("document %s: dependents: %w", id, err)
	}
	if n > 0 {
		deps = append(deps, fmt.Sprintf("%d 份文档是它的转载（近似重复）", n))
	}
	return deps, nil
}

// DocumentDependents lists what depends on a document (full ID), one
// phrase each; nothing means it may be deleted.
func (s *Store) DocumentDependents(ctx context.Context, id string) ([]string, error) {
	var deps []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		deps, err = s.documentDependents(ctx, tx, id)
		return err
	})
	return deps, err
}

// DeleteDocument deletes a document (by ID or unique prefix) with its
// versions, tags, watch, change alerts and search entry, and the stored
// bytes nothing else refers to, when nothing depends on it; else a
// *DependedError naming what does. The audit entry is saved in the same
// transaction. It returns the document deleted.
func (s *Store) DeleteDocument(ctx context.Context, ref string, audit LifecycleAudit[Document]) (Document, error) {
	id, err := s.resolveID(ctx, ref)
	if err != nil {
		return Document{}, err
	}
	var gone Document
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		d, err := scanDocument(tx.QueryRowContext(ctx, s.q(`SELECT `+docCols+` FROM documents d WHERE d.id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		deps, err := s.documentDependents(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(deps) > 0 {
			return &DependedError{What: "document " + id, Deps: deps}
		}
		if err := s.d.unindexDocument(ctx, tx, id); err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		// The versions' bytes go too, unless another version or an
		// evidence file holds the same.
		shas, err := queryTx(ctx, s, tx, `SELECT DISTINCT sha256 FROM versions WHERE document_id = ?`, id)
		if err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM documents WHERE id = ?`), id); err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		for _, sha := range shas {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM blobs WHERE sha256 = ?
 AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.sha256 = blobs.sha256)
 AND NOT EXISTS (SELECT 1 FROM update_evidence e WHERE e.blob_sha256 = blobs.sha256)`), sha); err != nil {
				return fmt.Errorf("document %s: %w", id, err)
			}
		}
		gone = d
		return s.auditIn(ctx, tx, func() (AuditEntry, error) { return audit(d, Document{}) }, audit != nil)
	})
	if err != nil {
		return Document{}, fmt.Errorf("delete document %s: %w", ref, err)
	}
	return gone, nil
}

// queryTx returns the strings a one-column query (one ? argument) finds, in tx.
func queryTx(ctx context.Context, s *Store, tx *sql.Tx, query string, arg any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, s.q(query), arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
