package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Projects (项目化推进): a plan's tasks carried out as projects with an
// investment, milestones and monthly reports. A project is its own kind
// of record rather than an item: it carries figures a task has not, and
// the task it serves (ItemID) keeps its own updates.

// WanScale is how many stored units make one 万元: amounts are kept as
// int64 ten-thousandths of 万元 (one 元), exact where a float would drift.
const WanScale = 10000

// The phases of a project, in the order it passes them (形象进度).
const (
	PhasePrep      = "前期"
	PhaseStart     = "开工"
	PhaseBuild     = "建设"
	PhaseDone      = "竣工"
	PhaseOperation = "投运"
)

// Phases lists the phases in order.
var Phases = []string{PhasePrep, PhaseStart, PhaseBuild, PhaseDone, PhaseOperation}

// PhaseRank is a phase's place in Phases (0 for 前期), -1 for none.
func PhaseRank(p string) int { return slices.Index(Phases, p) }

// Project is a project of a plan.
type Project struct {
	ID     string
	PlanID string
	ItemID string // the task it serves, "" when none
	// Position orders the projects of a plan (the sheet's 序号), from 1.
	Position   int
	Name       string
	Content    string // 建设内容
	RegionCode string // GB/T 2260, "" when not given
	Lead       string // 牵头单位
	Support    []string
	Total      int64 // 总投资, in 万元/WanScale
	StartYear  int
	EndYear    int
	Phase      string
	// Years is the investment planned for each year (年度计划投资).
	Years      []ProjectYear
	Milestones []Milestone
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Planned is the investment planned for year, 0 when none.
func (p Project) Planned(year int) int64 {
	for _, y := range p.Years {
		if y.Year == year {
			return y.Planned
		}
	}
	return 0
}

// Milestone returns the milestone of a phase, if the project has one.
func (p Project) Milestone(phase string) (Milestone, bool) {
	for _, m := range p.Milestones {
		if m.Phase == phase {
			return m, true
		}
	}
	return Milestone{}, false
}

// ProjectYear is the investment planned for one year of a project.
type ProjectYear struct {
	Year    int
	Planned int64 // in 万元/WanScale
}

// Milestone is the day a phase is planned to begin and the day it did
// (YYYY-MM-DD, "" when not known or not yet).
type Milestone struct {
	Phase   string
	Planned string
	Actual  string
}

// ProjectReport is one monthly report on a project.
type ProjectReport struct {
	ID        string
	ProjectID string
	Month     string // YYYY-MM
	// MonthDone and YearDone are the investment completed in the month
	// and from January to it (1-N月), in 万元/WanScale.
	MonthDone  int64
	YearDone   int64
	Phase      string // the phase reached, "" when not said
	Problems   string // 存在问题
	Help       string // 需协调事项
	Author     string
	Source     string
	RecordedAt time.Time
}

var (
	monthRe = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	dateRe  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// checkProject refuses a project no reader could use, naming the field.
func checkProject(p *Project) error {
	p.Name, p.Content, p.Lead = strings.TrimSpace(p.Name), strings.TrimSpace(p.Content), strings.TrimSpace(p.Lead)
	switch {
	case p.Name == "":
		return fmt.Errorf("project without a name: %w", ErrInvalid)
	case p.Total < 0:
		return fmt.Errorf("project %q: negative total investment: %w", p.Name, ErrInvalid)
	case p.StartYear != 0 && (p.StartYear < 1949 || p.EndYear > 2100 || p.StartYear > p.EndYear):
		return fmt.Errorf("project %q: years %d–%d: %w", p.Name, p.StartYear, p.EndYear, ErrInvalid)
	case p.Phase != "" && PhaseRank(p.Phase) < 0:
		return fmt.Errorf("project %q: phase %q (want one of %s): %w", p.Name, p.Phase, strings.Join(Phases, " "), ErrInvalid)
	}
	if p.Phase == "" {
		p.Phase = PhasePrep
	}
	seen := map[int]bool{}
	for _, y := range p.Years {
		if seen[y.Year] || y.Planned < 0 || y.Year < 1949 || y.Year > 2100 {
			return fmt.Errorf("project %q: planned investment for %d: %w", p.Name, y.Year, ErrInvalid)
		}
		seen[y.Year] = true
	}
	phases := map[string]bool{}
	for _, m := range p.Milestones {
		if PhaseRank(m.Phase) < 0 || phases[m.Phase] ||
			m.Planned != "" && !dateRe.MatchString(m.Planned) || m.Actual != "" && !dateRe.MatchString(m.Actual) {
			return fmt.Errorf("project %q: milestone %s %s/%s: %w", p.Name, m.Phase, m.Planned, m.Actual, ErrInvalid)
		}
		phases[m.Phase] = true
	}
	return nil
}

// projCols are the columns scanProject reads, from projects aliased j.
const projCols = `j.id, j.plan_id, j.item_id, j.sort_order, j.name, j.content, j.region_code, j.total_invest,
 j.start_year, j.end_year, j.phase, j.created_at, j.updated_at`

func scanProject(row scanner) (Project, error) {
	var (
		p      Project
		item   sql.NullString
		ca, ua int64
	)
	err := row.Scan(&p.ID, &p.PlanID, &item, &p.Position, &p.Name, &p.Content, &p.RegionCode, &p.Total,
		&p.StartYear, &p.EndYear, &p.Phase, &ca, &ua)
	p.ItemID, p.CreatedAt, p.UpdatedAt = item.String, fromMillis(ca), fromMillis(ua)
	return p, err
}

// Projects returns the projects of a plan (ID or unique prefix) in their
// order, each with its units, years and milestones. ErrNotFound if the
// plan does not exist.
func (s *Store) Projects(ctx context.Context, planID string) ([]Project, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, fmt.Errorf("projects: %w", err)
	}
	out, err := s.queryProjects(ctx, `j.plan_id = ?`, pid)
	if err != nil {
		return nil, fmt.Errorf("projects of %s: %w", pid, err)
	}
	return out, nil
}

// Project returns one project by ID or unique prefix; ErrNotFound when
// there is none.
func (s *Store) Project(ctx context.Context, id string) (Project, error) {
	full, err := s.resolveIn(ctx, s.r, "projects", "project", id)
	if err != nil {
		return Project{}, err
	}
	out, err := s.queryProjects(ctx, `j.id = ?`, full)
	if err != nil {
		return Project{}, fmt.Errorf("project %s: %w", full, err)
	}
	if len(out) == 0 {
		return Project{}, fmt.Errorf("project %s: %w", full, ErrNotFound)
	}
	return out[0], nil
}

// queryProjects reads the projects matching where with their parts.
func (s *Store) queryProjects(ctx context.Context, where string, args ...any) ([]Project, error) {
	out, err := queryAll(ctx, s, scanProject, `SELECT `+projCols+` FROM projects j WHERE `+where+
		` ORDER BY j.plan_id, j.sort_order, j.id`, args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	at := map[string]int{}
	for i, p := range out {
		at[p.ID] = i
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT u.project_id, u.unit_name, u.unit_role FROM project_units u
 JOIN projects j ON j.id = u.project_id WHERE `+where+` ORDER BY u.project_id, u.sort_order`), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, name, role string
		if err := rows.Scan(&id, &name, &role); err != nil {
			rows.Close()
			return nil, err
		}
		if role == RoleLead {
			out[at[id]].Lead = name
		} else {
			out[at[id]].Support = append(out[at[id]].Support, name)
		}
	}
	rows.Close()
	rows, err = s.r.QueryContext(ctx, s.q(`SELECT y.project_id, y.plan_year, y.planned_invest FROM project_years y
 JOIN projects j ON j.id = y.project_id WHERE `+where+` ORDER BY y.project_id, y.plan_year`), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var y ProjectYear
		if err := rows.Scan(&id, &y.Year, &y.Planned); err != nil {
			rows.Close()
			return nil, err
		}
		out[at[id]].Years = append(out[at[id]].Years, y)
	}
	rows.Close()
	rows, err = s.r.QueryContext(ctx, s.q(`SELECT m.project_id, m.phase, m.planned_date, m.actual_date FROM project_milestones m
 JOIN projects j ON j.id = m.project_id WHERE `+where+` ORDER BY m.project_id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var m Milestone
		if err := rows.Scan(&id, &m.Phase, &m.Planned, &m.Actual); err != nil {
			return nil, err
		}
		out[at[id]].Milestones = append(out[at[id]].Milestones, m)
	}
	for i := range out {
		slices.SortFunc(out[i].Milestones, func(a, b Milestone) int { return PhaseRank(a.Phase) - PhaseRank(b.Phase) })
	}
	return out, rows.Err()
}

// SaveProjects adds or replaces projects of a plan (ID or unique prefix)
// in one transaction, all or none: a project whose name the plan already
// has replaces that one (keeping its ID and reports), the others are
// added after the last. ItemID, when given, must be an item of the plan.
// IDs and positions are written back. ErrNotFound for an unknown plan or
// item; ErrInvalid naming the project for a field no reader could use.
func (s *Store) SaveProjects(ctx context.Context, planID string, projects []Project) error {
	return s.saveProjects(ctx, planID, projects, nil)
}

// SaveProjectsAudited is SaveProjects with the audit entry e appended in
// the same transaction.
func (s *Store) SaveProjectsAudited(ctx context.Context, planID string, projects []Project, e AuditEntry) error {
	return s.saveProjects(ctx, planID, projects, &e)
}

func (s *Store) saveProjects(ctx context.Context, planID string, projects []Project, e *AuditEntry) error {
	var work []Project
	ts := now()
	run := func(tx *sql.Tx) error {
		// Afresh on each try: retryAudit may run it again.
		work = slices.Clone(projects)
		pid, err := s.resolveIn(ctx, tx, "plans", "plan", planID)
		if err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(sort_order), 0) FROM projects WHERE plan_id = ?`), pid).Scan(&last); err != nil {
			return err
		}
		names := map[string]bool{}
		for i := range work {
			p := &work[i]
			if err := checkProject(p); err != nil {
				return fmt.Errorf("project %d: %w", i+1, err)
			}
			if names[p.Name] {
				return fmt.Errorf("project %d: %q given twice: %w", i+1, p.Name, ErrConflict)
			}
			names[p.Name] = true
			p.PlanID = pid
			if p.ItemID != "" {
				var n int
				if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM items WHERE id = ? AND plan_id = ?`), p.ItemID, pid).Scan(&n); err != nil {
					return err
				}
				if n == 0 {
					return fmt.Errorf("project %q: task %q of plan %s: %w", p.Name, p.ItemID, pid, ErrNotFound)
				}
			}
			var id string
			var pos int
			var created int64
			err := tx.QueryRowContext(ctx, s.q(`SELECT id, sort_order, created_at FROM projects WHERE plan_id = ? AND name = ?`), pid, p.Name).Scan(&id, &pos, &created)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if p.ID == "" {
					p.ID = NewID()
				}
				last++
				p.Position, created = last, ts
			case err != nil:
				return err
			default:
				p.ID, p.Position = id, pos
				for _, t := range []string{"project_units", "project_years", "project_milestones"} {
					if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE project_id = ?`), id); err != nil {
						return err
					}
				}
			}
			p.CreatedAt, p.UpdatedAt = fromMillis(created), fromMillis(ts)
			if err := s.insertProject(ctx, tx, p, created, ts); err != nil {
				return err
			}
		}
		if err := s.touchPlan(ctx, tx, pid, ts); err != nil {
			return err
		}
		return nil
	}
	if err := s.auditedOnce(ctx, e, run); err != nil {
		return fmt.Errorf("save projects: %w", err)
	}
	copy(projects, work)
	return nil
}

// insertProject writes p and its parts.
func (s *Store) insertProject(ctx context.Context, tx *sql.Tx, p *Project, created, ts int64) error {
	var item any
	if p.ItemID != "" {
		item = p.ItemID
	}
	// A project replaced is updated in place: a delete would take its
	// reports along.
	res, err := tx.ExecContext(ctx, s.q(`UPDATE projects SET item_id = ?, content = ?, region_code = ?, total_invest = ?,
 start_year = ?, end_year = ?, phase = ?, updated_at = ? WHERE id = ?`),
		item, p.Content, p.RegionCode, p.Total, p.StartYear, p.EndYear, p.Phase, ts, p.ID)
	if err != nil {
		return fmt.Errorf("update project %q: %w", p.Name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("update project %q: %w", p.Name, err)
	}
	if n == 0 {
		if err := s.createProject(ctx, tx, p, item, created, ts); err != nil {
			return err
		}
	}
	units := []Assignment{}
	if p.Lead != "" {
		units = append(units, Assignment{Unit: p.Lead, Role: RoleLead})
	}
	for _, u := range p.Support {
		if u = strings.TrimSpace(u); u != "" && u != p.Lead {
			units = append(units, Assignment{Unit: u, Role: RoleSupport})
		}
	}
	seen := map[string]bool{}
	for i, u := range units {
		if seen[u.Unit] {
			continue
		}
		seen[u.Unit] = true
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO project_units (project_id, unit_name, unit_role, sort_order) VALUES (?, ?, ?, ?)`),
			p.ID, u.Unit, u.Role, i); err != nil {
			return fmt.Errorf("project %q: unit %q: %w", p.Name, u.Unit, err)
		}
	}
	for _, y := range p.Years {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO project_years (project_id, plan_year, planned_invest) VALUES (?, ?, ?)`),
			p.ID, y.Year, y.Planned); err != nil {
			return fmt.Errorf("project %q: year %d: %w", p.Name, y.Year, err)
		}
	}
	for _, m := range p.Milestones {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO project_milestones (project_id, phase, planned_date, actual_date) VALUES (?, ?, ?, ?)`),
			p.ID, m.Phase, m.Planned, m.Actual); err != nil {
			return fmt.Errorf("project %q: milestone %s: %w", p.Name, m.Phase, err)
		}
	}
	return nil
}

// createProject inserts the row of a new project.
func (s *Store) createProject(ctx context.Context, tx *sql.Tx, p *Project, item any, created, ts int64) error {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO projects (id, plan_id, item_id, sort_order, name, content, region_code,
 total_invest, start_year, end_year, phase, created_at, updated_at) VALUES (`+placeholders(13)+`)`),
		p.ID, p.PlanID, item, p.Position, p.Name, p.Content, p.RegionCode, p.Total, p.StartYear, p.EndYear, p.Phase,
		created, ts); err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("project %q exists: %w", p.Name, ErrConflict)
		}
		return fmt.Errorf("insert project %q: %w", p.Name, err)
	}
	return nil
}
