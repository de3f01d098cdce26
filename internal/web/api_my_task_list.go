package web

import (
	"net/http"
	"time"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiMyTaskList returns what the signed-in user's units must report, as
// the "My updates" page lists it.
func (s *Server) apiMyTaskList(w http.ResponseWriter, r *http.Request) {
	u, err := myUser(r.Context())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadMy(r.Context(), u)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiMyTasks{AsOf: d.AsOf.Format(time.DateOnly), Duties: []apiDuty{}, Tasks: []apiMyTask{}}
	if d.Period.Label != "" {
		out.Period, out.Due = d.Period.Label, d.Period.Due.Format(time.DateOnly)
	}
	for _, du := range d.Duties {
		out.Duties = append(out.Duties, apiDuty{PlanID: du.Plan.ID, PlanTitle: du.Plan.Title, Units: du.Units,
			Rhythm: track.PlanRhythm(du.Plan).String(), Period: du.Period.Label, Due: du.Period.Due.Format(time.DateOnly)})
	}
	for _, t := range d.Tasks() {
		a := t.Assessment
		row := apiMyTask{PlanID: t.Plan.ID, TaskID: t.Item.ID, Number: t.Item.Number, Title: t.Item.Title, Unit: t.Unit,
			Lead: nonNil(t.Lead), Support: nonNil(t.Support), Deadline: t.Deadline.Format(time.DateOnly),
			Status: a.Status, Progress: a.Progress, Expected: a.Expected, Overdue: a.Overdue, Unreported: t.Unreported,
			Period: t.Period.Label}
		if l := t.Last; l != nil {
			row.LastUpdate = &apiUpdate{ID: l.ID, Unit: l.Unit, Date: l.Date, Status: l.Status, Progress: l.Progress,
				Note: l.Note, Evidence: l.Evidence, Author: l.Author, Source: l.Source, RecordedAt: l.RecordedAt.UTC().Format(time.RFC3339)}
		}
		out.Tasks = append(out.Tasks, row)
	}
	respond.JSON(w, r, http.StatusOK, out)
}

// apiMyTasks is what a user's units must report.
type apiMyTasks struct {
	AsOf   string      `json:"as_of"`
	Period string      `json:"period"` // the reporting period due (2023-05, 2023-Q2) when all plans share it, else "" (see each duty's)
	Due    string      `json:"due"`    // its last day for reports, "" as period
	Duties []apiDuty   `json:"duties"`
	Tasks  []apiMyTask `json:"tasks"`
}

// apiDuty is a plan the user reports on and the units they report for;
// "" is the task as a whole.
type apiDuty struct {
	PlanID    string   `json:"plan_id"`
	PlanTitle string   `json:"plan_title"`
	Units     []string `json:"units"`
	Rhythm    string   `json:"rhythm"` // the plan's reporting rhythm: monthly:D or quarterly:D
	Period    string   `json:"period"` // the plan's reporting period due: 2023-05 or 2023-Q2
	Due       string   `json:"due"`    // its last day for reports
}

// apiMyTask is a task a unit owes a report on.
type apiMyTask struct {
	PlanID     string     `json:"plan_id"`
	TaskID     string     `json:"task_id"`
	Number     string     `json:"number"`
	Title      string     `json:"title"`
	Unit       string     `json:"unit"`
	Lead       []string   `json:"lead"`
	Support    []string   `json:"support"`
	Deadline   string     `json:"deadline"`
	Status     string     `json:"status"`
	Progress   int        `json:"progress"`
	Expected   float64    `json:"expected"`
	Overdue    bool       `json:"overdue"`
	Unreported bool       `json:"unreported"` // no report from the unit for the period due
	Period     string     `json:"period"`     // that period, on the plan's rhythm
	LastUpdate *apiUpdate `json:"last_update"`
}
