package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Projects (项目化推进) at the web's doors: the list of a plan's projects,
// a project's page, its monthly report form, the 重大项目 table, and the
// same through the API. Every door judges as of track.ProjectMonth and
// checks reports with checkProjectReport, so their figures agree.

// projectData is a plan's projects judged as of a month.
type projectData struct {
	Plan     store.Plan
	Projects []store.Project
	Reports  []store.ProjectReport
	Curve    track.Curve
	Month    string
	States   []track.ProjectState
	Items    []store.Item          // the plan's items
	Tasks    map[string]store.Item // the same by ID
}

// loadProjects reads the projects of a plan the request's user may view,
// judged as of month ("" for track.ProjectMonth).
func (s *Server) loadProjects(ctx context.Context, ref, month string) (*projectData, error) {
	p, err := s.viewablePlan(ctx, ref)
	if err != nil {
		return nil, err
	}
	return s.projectsOf(ctx, p, month)
}

// projectsOf is loadProjects for a plan already checked.
func (s *Server) projectsOf(ctx context.Context, p store.Plan, month string) (*projectData, error) {
	d := &projectData{Plan: p, Tasks: map[string]store.Item{}}
	var err error
	if d.Projects, err = s.st.Projects(ctx, p.ID); err != nil {
		return nil, err
	}
	if d.Reports, err = s.st.ProjectReports(ctx, p.ID); err != nil {
		return nil, err
	}
	c, err := s.st.InvestCurve(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if d.Curve, err = track.ParseCurve(c); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	if month == "" {
		month = track.ProjectMonth(p, d.Reports, s.now())
	} else if month, err = track.ParseMonth(month); err != nil {
		return nil, respond.BadRequest("month: " + err.Error())
	}
	d.Month = month
	d.States = track.ProjectStates(d.Projects, d.Reports, month, d.Curve)
	if d.Items, err = s.st.Items(ctx, p.ID, store.ItemFilter{}); err != nil {
		return nil, err
	}
	for _, it := range d.Items {
		d.Tasks[it.ID] = it
	}
	return d, nil
}

// projectFilter reads ?unit=, ?region=, ?phase= and ?late=1.
func projectFilter(r *http.Request) (track.ProjectFilter, error) {
	q := r.URL.Query()
	f := track.ProjectFilter{Unit: strings.TrimSpace(q.Get("unit")), Region: strings.TrimSpace(q.Get("region")),
		Late: q.Get("late") == "1" || q.Get("late") == "true"}
	if v := strings.TrimSpace(q.Get("phase")); v != "" {
		ph, ok := track.ParsePhase(v)
		if !ok {
			return f, respond.BadRequest(fmt.Sprintf("phase %q: want 前期, 开工, 建设, 竣工 or 投运", v))
		}
		f.Phase = ph
	}
	return f, nil
}

// projectTarget is what auth checks a report on a project against: the
// project's units, as a task's.
func projectTarget(p store.Project, unit string) auth.Target {
	return auth.Target{PlanID: p.PlanID, Unit: unit, LeadUnits: nonEmpty(p.Lead), SupportUnits: p.Support}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// canReportProject reports whether u may report on p: for the project as
// a whole, or for its lead or a supporting unit.
func canReportProject(u *store.User, p store.Project) bool {
	if u == nil {
		return false
	}
	return slices.ContainsFunc(append([]string{"", p.Lead}, p.Support...), func(unit string) bool {
		return auth.Can(u, auth.PostUpdate, projectTarget(p, unit))
	})
}

// projectReportForm is the monthly report as typed, at every door.
type projectReportForm struct {
	Month    string
	Done     string // this month, 万元 unless it says 亿
	ToDate   string // from January (1-N月)
	Phase    string
	Problems string
	Help     string
}

// checkProjectReport turns a form into a report on p, or says what is
// wrong with each field (field → reason, in the request's language's
// words where there are some; amounts and months name the value).
func (s *Server) checkProjectReport(ctx context.Context, p store.Project, f projectReportForm) (store.ProjectReport, map[string]string, error) {
	bad := map[string]string{}
	r := store.ProjectReport{ProjectID: p.ID, Problems: strings.TrimSpace(f.Problems), Help: strings.TrimSpace(f.Help)}
	m, err := track.ParseMonth(f.Month)
	if err != nil {
		bad["month"] = err.Error()
	} else if err := track.CheckReportMonth(m, s.now()); err != nil {
		bad["month"] = err.Error()
	}
	r.Month = m
	done, toDate := strings.TrimSpace(f.Done), strings.TrimSpace(f.ToDate)
	if done != "" {
		if r.MonthDone, err = track.ParseWan(done); err != nil {
			bad["done"] = err.Error()
		}
	}
	if toDate != "" {
		if r.YearDone, err = track.ParseWan(toDate); err != nil {
			bad["to_date"] = err.Error()
		}
	}
	if done == "" && toDate == "" {
		bad["done"] = "give the investment completed this month or from January (1-N月)"
	}
	if v := strings.TrimSpace(f.Phase); v != "" {
		ph, ok := track.ParsePhase(v)
		if !ok {
			bad["phase"] = fmt.Sprintf("phase %q: want 前期, 开工, 建设, 竣工 or 投运", v)
		}
		r.Phase = ph
	}
	for k, v := range map[string]string{"problems": r.Problems, "help": r.Help} {
		if len([]rune(v)) > track.MaxNoteChars {
			bad[k] = fmt.Sprintf("at most %d characters", track.MaxNoteChars)
		}
	}
	if len(bad) > 0 {
		return r, bad, nil
	}
	reps, err := s.st.ProjectReports(ctx, p.PlanID)
	if err != nil {
		return r, nil, err
	}
	if err := track.FillReport(&r, reps, done != "", toDate != ""); err != nil {
		bad["to_date"] = err.Error()
	}
	if r.YearDone < r.MonthDone {
		bad["to_date"] = "the investment from January is below this month's"
	}
	return r, bad, nil
}

// saveProjectReport records a checked report, credited to the signed-in
// user, with its audit entry in one transaction.
func (s *Server) saveProjectReport(ctx context.Context, p store.Project, rep store.ProjectReport, source string) (store.ProjectReport, error) {
	u, _ := auth.UserFrom(ctx)
	rep.ID, rep.Author, rep.Source, rep.RecordedAt = store.NewID(), displayName(u), source, s.now()
	before := map[string]any{"phase": p.Phase}
	e, err := auth.Entry(ctx, "project.report", "project", p.ID, before, rep)
	if err != nil {
		return rep, fmt.Errorf("audit report on %s: %w", p.ID, err)
	}
	reps := []store.ProjectReport{rep}
	if err := s.st.AddProjectReportsAudited(ctx, reps, e); err != nil {
		return rep, fmt.Errorf("report on project %s: %w", p.ID, err)
	}
	return reps[0], nil
}

// viewableProject loads a project the request's user may view.
func (s *Server) viewableProject(ctx context.Context, ref string) (store.Project, error) {
	p, err := s.st.Project(ctx, ref)
	if err != nil {
		return store.Project{}, notFound(err, "project "+ref)
	}
	if !s.canView(ctx, p.PlanID) {
		return store.Project{}, respond.NotFound("project "+ref+" not found", nil)
	}
	return p, nil
}

// wanNumber is a stored amount in 万元 for JSON.
func wanNumber(v int64) float64 { return track.Wan(v) }

// rateOrNil is a rate for JSON: null when nothing is planned.
func rateOrNil(r float64) *float64 {
	if math.IsNaN(r) {
		return nil
	}
	r = math.Round(r*10) / 10
	return &r
}
