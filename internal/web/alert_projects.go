package web

import (
	"context"
	"fmt"
	"slices"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// projectAlert is what /alerts says of one plan's projects, judged as of
// track.ProjectMonth (the month the project list shows by default): the
// projects behind 序时进度, not started by their 开工 day, or past another
// milestone. A reporter sees the projects their units lead or support.
type projectAlert struct {
	Plan       store.Plan
	Month      string
	Lagging    []track.ProjectState
	NotStarted []track.ProjectState
	Milestones []track.ProjectState // past a milestone other than 开工
	DueSoon    []track.ProjectState // a milestone due next month
}

// projectAlerts judges the projects of each plan u may view as of now.
func (s *Server) projectAlerts(ctx context.Context, u *store.User, now time.Time) ([]projectAlert, error) {
	plans, err := s.alertPlans(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []projectAlert
	for _, ap := range plans {
		p, units := ap.plan, ap.units
		d, err := s.projectsOf(ctx, p, "")
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		a := projectAlert{Plan: p, Month: d.Month}
		for _, st := range d.States {
			pr := st.Project
			if units != nil && !slices.Contains(units, pr.Lead) && !slices.ContainsFunc(pr.Support, func(x string) bool { return slices.Contains(units, x) }) {
				continue
			}
			if st.Lagging {
				a.Lagging = append(a.Lagging, st)
			}
			if st.NotStarted {
				a.NotStarted = append(a.NotStarted, st)
			}
			if slices.ContainsFunc(st.Overdue, func(m store.Milestone) bool { return m.Phase != store.PhaseStart }) {
				a.Milestones = append(a.Milestones, st)
			}
			if len(st.DueSoon) > 0 {
				a.DueSoon = append(a.DueSoon, st)
			}
		}
		track.SortLagging(a.Lagging)
		if len(a.Lagging)+len(a.NotStarted)+len(a.Milestones)+len(a.DueSoon) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// apiAlertProject is a project in an alert.
type apiAlertProject struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Lead     string         `json:"lead,omitempty"`
	Phase    string         `json:"phase"`
	Planned  float64        `json:"planned_wan"`
	YearDone float64        `json:"year_done_wan"`
	Rate     *float64       `json:"rate,omitempty"`
	Due      float64        `json:"due"`
	Overdue  []apiMilestone `json:"overdue"`
	DueSoon  []apiMilestone `json:"due_soon"`
}

// apiProjectAlert is a plan's projects to attend to.
type apiProjectAlert struct {
	PlanID     string            `json:"plan_id"`
	PlanTitle  string            `json:"plan_title"`
	Month      string            `json:"month"` // YYYY-MM judged as of
	Lagging    []apiAlertProject `json:"lagging"`
	NotStarted []apiAlertProject `json:"not_started"`
	Milestones []apiAlertProject `json:"milestones"`
	DueSoon    []apiAlertProject `json:"due_soon"` // a milestone due in the month after
}

func toAPIProjectAlert(a projectAlert) apiProjectAlert {
	list := func(ss []track.ProjectState) []apiAlertProject {
		out := []apiAlertProject{}
		for _, st := range ss {
			out = append(out, apiAlertProject{ID: st.Project.ID, Name: st.Project.Name, Lead: st.Project.Lead, Phase: st.Project.Phase,
				Planned: wanNumber(st.Planned), YearDone: wanNumber(st.YearDone), Rate: rateOrNil(st.Rate), Due: st.Due,
				Overdue: toAPIMilestones(st.Overdue), DueSoon: toAPIMilestones(st.DueSoon)})
		}
		return out
	}
	return apiProjectAlert{PlanID: a.Plan.ID, PlanTitle: a.Plan.Title, Month: a.Month, Lagging: list(a.Lagging),
		NotStarted: list(a.NotStarted), Milestones: list(a.Milestones), DueSoon: list(a.DueSoon)}
}
