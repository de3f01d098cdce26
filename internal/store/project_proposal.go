package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A project the extraction finds (in prose, or a row of a project table)
// enters its plan as an item of KindProject awaiting review, like tasks
// and targets. What the document states of it beyond its name — 建设内容,
// 总投资, years, 年度计划投资 — waits beside the item (item_projects), and
// its lead unit among the item's units, so a reviewer can correct the
// unit before confirming. Confirming the item makes the project record
// the 重大项目 views, reports and alerts read.

// ProjectProposal is what a document states of a project it proposes.
type ProjectProposal struct {
	Content   string // 建设内容
	Total     int64  // 总投资, in 万元/WanScale; 0 when not stated
	StartYear int    // 0 when not stated
	EndYear   int
	Years     []ProjectYear // 年度计划投资
}

// insertProjectProposal saves it.Project beside a project item.
func (s *Store) insertProjectProposal(ctx context.Context, tx *sql.Tx, it *Item) error {
	p := it.Project
	if p == nil || it.Kind != KindProject {
		return nil
	}
	if p.Total < 0 {
		return fmt.Errorf("item %q: negative total investment: %w", it.Title, ErrInvalid)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO item_projects (item_id, content, total_invest, start_year, end_year)
 VALUES (?, ?, ?, ?, ?)`), it.ID, p.Content, p.Total, p.StartYear, p.EndYear); err != nil {
		return fmt.Errorf("item %q: project: %w", it.Title, err)
	}
	seen := map[int]bool{}
	for _, y := range p.Years {
		if seen[y.Year] || y.Planned < 0 {
			continue // a document's slip is no reason to refuse the plan
		}
		seen[y.Year] = true
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO item_project_years (item_id, plan_year, planned_invest) VALUES (?, ?, ?)`),
			it.ID, y.Year, y.Planned); err != nil {
			return fmt.Errorf("item %q: project year %d: %w", it.Title, y.Year, err)
		}
	}
	return nil
}

// ItemProject returns what the document states of the proposed project
// item id (full ID); false when it states nothing.
func (s *Store) ItemProject(ctx context.Context, id string) (ProjectProposal, bool, error) {
	return s.itemProject(ctx, s.r, id)
}

func (s *Store) itemProject(ctx context.Context, q querier, id string) (ProjectProposal, bool, error) {
	var p ProjectProposal
	err := q.QueryRowContext(ctx, s.q(`SELECT content, total_invest, start_year, end_year FROM item_projects WHERE item_id = ?`), id).
		Scan(&p.Content, &p.Total, &p.StartYear, &p.EndYear)
	if errors.Is(err, sql.ErrNoRows) {
		return ProjectProposal{}, false, nil
	}
	if err != nil {
		return ProjectProposal{}, false, fmt.Errorf("project of item %s: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, s.q(`SELECT plan_year, planned_invest FROM item_project_years WHERE item_id = ? ORDER BY plan_year`), id)
	if err != nil {
		return ProjectProposal{}, false, fmt.Errorf("project years of item %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var y ProjectYear
		if err := rows.Scan(&y.Year, &y.Planned); err != nil {
			return ProjectProposal{}, false, err
		}
		p.Years = append(p.Years, y)
	}
	return p, true, rows.Err()
}

// projectFromProposal makes the project record of a project item being
// confirmed in plan pid, within tx: its name, the figures its document
// stated, its units, linked to the task whose source sentence holds the
// project's. A project of that name the plan already has (imported from
// its sheet) is left as it is: the office's table knows more than one
// sentence. It returns the new project's ID, "" when none was made.
func (s *Store) projectFromProposal(ctx context.Context, tx *sql.Tx, pid string, it Item, ts int64) (string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM projects WHERE plan_id = ? AND name = ?`), pid, it.Title).Scan(&n); err != nil {
		return "", fmt.Errorf("project %q: %w", it.Title, err)
	}
	if n > 0 {
		return "", nil
	}
	pp, _, err := s.itemProject(ctx, tx, it.ID)
	if err != nil {
		return "", err
	}
	p := Project{ID: NewID(), PlanID: pid, Name: it.Title, Content: pp.Content, Total: pp.Total,
		StartYear: pp.StartYear, EndYear: pp.EndYear, Years: pp.Years}
	if p.StartYear == 0 || p.EndYear == 0 || p.StartYear > p.EndYear || p.StartYear < 1949 || p.EndYear > 2100 {
		// Years a document got wrong are left for the office to fill in.
		p.StartYear, p.EndYear = 0, 0
	}
	for _, a := range it.Units {
		if a.Role == RoleLead && p.Lead == "" {
			p.Lead = a.Unit
		} else {
			p.Support = append(p.Support, a.Unit)
		}
	}
	if it.SourceEnd > it.SourceStart {
		// The innermost task whose sentence holds the project's.
		var task string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM items WHERE plan_id = ? AND kind = ? AND dropped = ? AND review <> ?
 AND source_start <= ? AND source_end >= ? AND source_end > source_start
 ORDER BY source_end - source_start, sort_order, id LIMIT 1`),
			pid, KindTask, false, ReviewDismissed, it.SourceStart, it.SourceEnd).Scan(&task)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("project %q: its task: %w", it.Title, err)
		}
		p.ItemID = task
	}
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(sort_order), 0) + 1 FROM projects WHERE plan_id = ?`), pid).Scan(&p.Position); err != nil {
		return "", fmt.Errorf("project %q: %w", it.Title, err)
	}
	if err := checkProject(&p); err != nil {
		return "", err
	}
	if err := s.insertProject(ctx, tx, &p, ts, ts); err != nil {
		return "", err
	}
	return p.ID, nil
}
