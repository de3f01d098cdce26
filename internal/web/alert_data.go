package web

import (
	"context"
	"fmt"
	"slices"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// planAlert is what /alerts says of one plan the user reads, as of now:
// its tasks past their deadline, behind 序时进度, and owed a report for the
// period due, each judged by track.AssessPlan as `status`, /my, the sheet
// export and the report judge them, so that the figures agree. A reporter
// sees the tasks their units lead or support; everyone else every task.
type planAlert struct {
	Plan       store.Plan
	Period     track.Period
	Overdue    []track.TaskState
	Behind     []track.TaskState
	Unreported []track.TaskState
	// Late are the reports for the period due recorded after its due day
	// (迟报), per unit, as `status` lists them.
	Late []track.UnitLate
}

// alertPlan is a plan a user's alerts cover, with the units they cover
// in it (nil for all).
type alertPlan struct {
	plan  store.Plan
	units []string
}

// alertPlans lists the plans u may view and has alerts in: a reporter's
// only where they report for a unit.
func (s *Server) alertPlans(ctx context.Context, u *store.User) ([]alertPlan, error) {
	plans, err := s.st.Plans(ctx, store.PlanFilter{})
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	var out []alertPlan
	for _, p := range plans {
		if !auth.Can(u, auth.ViewPlan, auth.Target{PlanID: p.ID}) {
			continue
		}
		units := alertUnits(u, p.ID)
		if u.Role == store.RoleReporter && len(units) == 0 {
			continue
		}
		out = append(out, alertPlan{p, units})
	}
	return out, nil
}

// alertUnits are the units whose tasks a user's alerts cover in a plan:
// nil for every task (admins, editors, viewers), else a reporter's units
// there.
func alertUnits(u *store.User, planID string) []string {
	if u.Role != store.RoleReporter {
		return nil
	}
	var units []string
	for _, sc := range u.Scopes {
		if sc.Unit != "" && (sc.PlanID == "" || sc.PlanID == planID) && !slices.Contains(units, sc.Unit) {
			units = append(units, sc.Unit)
		}
	}
	return units
}

// planAlerts judges, as of now, each plan u may view and keeps those with
// something to attend to.
func (s *Server) planAlerts(ctx context.Context, u *store.User, now time.Time) ([]planAlert, error) {
	plans, err := s.alertPlans(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []planAlert
	for _, ap := range plans {
		p, units := ap.plan, ap.units
		items, err := s.st.Items(ctx, p.ID, store.ItemFilter{})
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		ups, err := s.st.PlanUpdates(ctx, p.ID, time.Time{})
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		ps := track.AssessPlan(p, items, ups, now, track.PlanRhythm(p))
		owed := map[string]bool{}
		for _, g := range ps.Gaps {
			if units == nil || slices.Contains(units, g.Unit) {
				for _, it := range g.Items {
					owed[it.ID] = true
				}
			}
		}
		a := planAlert{Plan: p, Period: ps.Period}
		for _, l := range track.LateReports(items, ups, now, track.PlanRhythm(p)) {
			if units == nil || slices.Contains(units, l.Unit) {
				a.Late = append(a.Late, l)
			}
		}
		for _, t := range ps.Tasks {
			if units != nil && !slices.ContainsFunc(t.Item.Units, func(x store.Assignment) bool { return slices.Contains(units, x.Unit) }) {
				continue
			}
			switch t.Status {
			case track.StatusOverdue:
				a.Overdue = append(a.Overdue, t)
			case track.StatusBehind:
				a.Behind = append(a.Behind, t)
			}
			if owed[t.Item.ID] {
				a.Unreported = append(a.Unreported, t)
			}
		}
		if len(a.Overdue)+len(a.Behind)+len(a.Unreported)+len(a.Late) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// apiAlertTask is a task in an alert.
type apiAlertTask struct {
	ID       string   `json:"id"`
	Number   string   `json:"number"`
	Title    string   `json:"title"`
	Status   string   `json:"status"` // the state code (overdue, behind, …)
	Label    string   `json:"label"`
	Deadline string   `json:"deadline"`
	Progress int      `json:"progress"`
	Expected float64  `json:"expected"`
	Lead     []string `json:"lead"`
	Support  []string `json:"support"`
}

// apiPlanAlert is a plan's tasks to attend to, as of now.
type apiPlanAlert struct {
	PlanID     string         `json:"plan_id"`
	PlanTitle  string         `json:"plan_title"`
	Period     string         `json:"period"` // the reporting period due
	DueOn      string         `json:"due_on"`
	Overdue    []apiAlertTask `json:"overdue"`
	Behind     []apiAlertTask `json:"behind"`
	Unreported []apiAlertTask `json:"unreported"`
	// Late are the reports for the period due recorded after its due day
	// (迟报): one per unit and task.
	Late []apiLateReport `json:"late"`
}

// apiLateReport is a unit's report on a task recorded after its period's
// due day.
type apiLateReport struct {
	Unit   string `json:"unit"` // "" for a report on the task as a whole
	ID     string `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

func toAPIPlanAlert(a planAlert) apiPlanAlert {
	tasks := func(ts []track.TaskState) []apiAlertTask {
		out := []apiAlertTask{}
		for _, t := range ts {
			lead, support := unitsOf(t.Item)
			at := apiAlertTask{ID: t.Item.ID, Number: t.Item.Number, Title: t.Item.Title, Status: t.Status, Label: t.Label(),
				Progress: t.Progress, Expected: t.Expected, Lead: nonNil(lead), Support: nonNil(support)}
			if !t.Deadline.IsZero() {
				at.Deadline = t.Deadline.Format(time.DateOnly)
			}
			out = append(out, at)
		}
		return out
	}
	late := []apiLateReport{}
	for _, l := range a.Late {
		for _, it := range l.Items {
			late = append(late, apiLateReport{Unit: l.Unit, ID: it.ID, Number: it.Number, Title: it.Title})
		}
	}
	return apiPlanAlert{PlanID: a.Plan.ID, PlanTitle: a.Plan.Title, Period: a.Period.Label, DueOn: a.Period.Due.Format(time.DateOnly),
		Overdue: tasks(a.Overdue), Behind: tasks(a.Behind), Unreported: tasks(a.Unreported), Late: late}
}
