package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Monthly reports on projects: the investment completed in the month and
// from January, the phase reached, problems and help needed.

// repCols are the columns scanProjectReport reads, from project_reports aliased r.
const repCols = `r.id, r.project_id, r.report_month, r.month_invest, r.year_invest, r.phase, r.problems, r.help_needed,
 r.author, r.source, r.recorded_at`

func scanProjectReport(row scanner) (ProjectReport, error) {
	var (
		r  ProjectReport
		at int64
	)
	err := row.Scan(&r.ID, &r.ProjectID, &r.Month, &r.MonthDone, &r.YearDone, &r.Phase, &r.Problems, &r.Help,
		&r.Author, &r.Source, &at)
	r.RecordedAt = fromMillis(at)
	return r, err
}

// ProjectReports returns every report on the projects of a plan (ID or
// unique prefix), by project, month and then as recorded: the last of a
// project's month is the one that holds.
func (s *Store) ProjectReports(ctx context.Context, planID string) ([]ProjectReport, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, fmt.Errorf("project reports: %w", err)
	}
	out, err := queryAll(ctx, s, scanProjectReport, `SELECT `+repCols+` FROM project_reports r
 JOIN projects j ON j.id = r.project_id WHERE j.plan_id = ? ORDER BY r.project_id, r.report_month, r.recorded_at, r.id`, pid)
	if err != nil {
		return nil, fmt.Errorf("project reports of %s: %w", pid, err)
	}
	return out, nil
}

// AddProjectReports records monthly reports in one transaction, all or
// none. Each names a project by full ID and a Month (YYYY-MM); amounts
// may not be negative nor YearDone less than MonthDone. A Phase reached
// moves the project's phase forward (never back: a late report on an
// earlier month does not undo a later one) and, the first time, records
// the month's last day as the milestone's actual date when none is.
// IDs and RecordedAt are written back.
func (s *Store) AddProjectReports(ctx context.Context, reps []ProjectReport) error {
	return s.addProjectReports(ctx, reps, nil)
}

// AddProjectReportsAudited is AddProjectReports with the audit entry e
// appended in the same transaction: the reports and their trail are saved
// together or not at all.
func (s *Store) AddProjectReportsAudited(ctx context.Context, reps []ProjectReport, e AuditEntry) error {
	return s.addProjectReports(ctx, reps, &e)
}

func (s *Store) addProjectReports(ctx context.Context, reps []ProjectReport, e *AuditEntry) error {
	ts := now()
	var work []ProjectReport
	run := func(tx *sql.Tx) error {
		// Run afresh on each try (retryAudit may run it again).
		work = slices.Clone(reps)
		plans := map[string]bool{}
		for i := range work {
			r := &work[i]
			r.Problems, r.Help = strings.TrimSpace(r.Problems), strings.TrimSpace(r.Help)
			switch {
			case !monthRe.MatchString(r.Month):
				return fmt.Errorf("report %d: month %q (want YYYY-MM): %w", i+1, r.Month, ErrInvalid)
			case r.MonthDone < 0 || r.YearDone < 0 || r.YearDone < r.MonthDone:
				return fmt.Errorf("report %d: investment this month %d, year to date %d: %w", i+1, r.MonthDone, r.YearDone, ErrInvalid)
			case r.Phase != "" && PhaseRank(r.Phase) < 0:
				return fmt.Errorf("report %d: phase %q: %w", i+1, r.Phase, ErrInvalid)
			}
			var pid, phase string
			err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id, phase FROM projects WHERE id = ?`), r.ProjectID).Scan(&pid, &phase)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("report %d: project %q: %w", i+1, r.ProjectID, ErrNotFound)
			}
			if err != nil {
				return fmt.Errorf("report %d: %w", i+1, err)
			}
			plans[pid] = true
			if r.ID == "" {
				r.ID = NewID()
			}
			if r.RecordedAt.IsZero() {
				r.RecordedAt = fromMillis(ts)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO project_reports (id, project_id, report_month, month_invest,
 year_invest, phase, problems, help_needed, author, source, recorded_at) VALUES (`+placeholders(11)+`)`),
				r.ID, r.ProjectID, r.Month, r.MonthDone, r.YearDone, r.Phase, r.Problems, r.Help, r.Author, r.Source,
				toMillis(r.RecordedAt)); err != nil {
				return fmt.Errorf("report %d: %w", i+1, err)
			}
			if PhaseRank(r.Phase) > PhaseRank(phase) {
				if _, err := tx.ExecContext(ctx, s.q(`UPDATE projects SET phase = ?, updated_at = ? WHERE id = ?`), r.Phase, ts, r.ProjectID); err != nil {
					return fmt.Errorf("report %d: %w", i+1, err)
				}
			}
			if r.Phase != "" {
				if err := s.reachMilestones(ctx, tx, r.ProjectID, r.Phase, monthEnd(r.Month)); err != nil {
					return fmt.Errorf("report %d: %w", i+1, err)
				}
			}
		}
		for pid := range plans {
			if err := s.touchPlan(ctx, tx, pid, ts); err != nil {
				return err
			}
		}
		return nil
	}
	if err := s.auditedOnce(ctx, e, run); err != nil {
		return fmt.Errorf("add project reports: %w", err)
	}
	copy(reps, work)
	return nil
}

// reachMilestones records day as the actual date of every phase up to
// phase that has a planned milestone and no actual date yet: reaching 建设
// means 开工 happened too.
func (s *Store) reachMilestones(ctx context.Context, tx *sql.Tx, projectID, phase, day string) error {
	for _, p := range Phases[1 : PhaseRank(phase)+1] {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE project_milestones SET actual_date = ?
 WHERE project_id = ? AND phase = ? AND actual_date NOT LIKE '____-__-__'`), day, projectID, p); err != nil {
			return err
		}
	}
	return nil
}

// monthEnd is the last day of a YYYY-MM month.
func monthEnd(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 1, -1).Format("2006-01-02")
}
