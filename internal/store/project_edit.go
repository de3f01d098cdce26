package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Audit actions of a project's rename and deletion.
const (
	AuditProjectRename = "project.rename"
	AuditProjectDelete = "project.delete"
)

// ProjectChange is a rename or deletion as the audit log keeps it.
type ProjectChange struct {
	Name    string `json:"name"`
	Plan    string `json:"plan,omitempty"`
	Total   int64  `json:"total_invest,omitempty"` // in 万元/WanScale
	Reports int    `json:"reports,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// RenameProject gives project id (full ID) the name name, with actor's
// audit entry (project.rename, the old and new names, reason) in the same
// transaction. Its reports, units and figures stay. ErrNotFound for a
// missing project; ErrInvalid for an empty name; ErrConflict when the
// plan has another project of that name (the sheet matches by name).
func (s *Store) RenameProject(ctx context.Context, id, name, reason string, actor AuditEntry) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("rename project %s: empty name: %w", id, ErrInvalid)
	}
	ts := now()
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		var plan, old string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id, name FROM projects WHERE id = ?`), id).Scan(&plan, &old); err != nil {
			return nil, notFoundOr(err, "project "+id)
		}
		if old == name {
			return nil, nil
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM projects WHERE plan_id = ? AND name = ? AND id <> ?`),
			plan, name, id).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, fmt.Errorf("the plan has a project %q already: %w", name, ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE projects SET name = ?, updated_at = ? WHERE id = ?`), name, ts, id); err != nil {
			if s.d.isUniqueViolation(err) {
				return nil, fmt.Errorf("the plan has a project %q already: %w", name, ErrConflict)
			}
			return nil, err
		}
		if err := s.touchPlan(ctx, tx, plan, ts); err != nil {
			return nil, err
		}
		e, err := auditEntryOf(actor, AuditProjectRename, "project", id, ProjectChange{Name: old},
			ProjectChange{Name: name, Reason: strings.TrimSpace(reason)})
		return []AuditEntry{e}, err
	})
	if err != nil {
		return fmt.Errorf("rename project %s: %w", id, err)
	}
	return nil
}

// DeleteProject removes project id (full ID) with its units, years,
// milestones and monthly reports — a project entered by mistake or
// dropped from the plan — with actor's audit entry (project.delete: its
// name, plan, 总投资, the number of reports gone, and reason) in the same
// transaction. The task it served stays. ErrNotFound for a missing
// project; ErrInvalid without a reason.
func (s *Store) DeleteProject(ctx context.Context, id, reason string, actor AuditEntry) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("delete project %s: give the reason: %w", id, ErrInvalid)
	}
	ts := now()
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		before := ProjectChange{}
		if err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id, name, total_invest FROM projects WHERE id = ?`), id).
			Scan(&before.Plan, &before.Name, &before.Total); err != nil {
			return nil, notFoundOr(err, "project "+id)
		}
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM project_reports WHERE project_id = ?`), id).Scan(&before.Reports); err != nil {
			return nil, err
		}
		// Children first: the schema cascades, but a server that does not
		// enforce it must not keep orphans.
		for _, t := range []string{"project_reports", "project_units", "project_years", "project_milestones"} {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE project_id = ?`), id); err != nil {
				return nil, fmt.Errorf("%s: %w", t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM projects WHERE id = ?`), id); err != nil {
			return nil, err
		}
		if err := s.touchPlan(ctx, tx, before.Plan, ts); err != nil {
			return nil, err
		}
		e, err := auditEntryOf(actor, AuditProjectDelete, "project", id, before, ProjectChange{Name: before.Name, Reason: reason})
		return []AuditEntry{e}, err
	})
	if err != nil {
		return fmt.Errorf("delete project %s: %w", id, err)
	}
	return nil
}

// notFoundOr turns a missing row into ErrNotFound naming what.
func notFoundOr(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}
