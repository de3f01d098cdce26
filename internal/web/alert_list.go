package web

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The alerts page lists what the server's scheduled jobs found (package
// schedule): watched documents whose text changed, and the reminders of
// tasks not reported on time for the units the user answers for.

func init() {
	// Registered here rather than in view.go's list, so that this page
	// comes and goes with its own files.
	pageNames = append(pageNames, "alert_list")
}

// alertLimit bounds each list: the newest alerts matter.
const alertLimit = 100

// alerts is what one user may see of the alerts.
type alerts struct {
	Plans     []planAlert    // tasks overdue, behind or owed a report, as of now (alert_data.go)
	Projects  []projectAlert // projects behind 序时进度, not started, past a milestone (alert_projects.go)
	Changes   []store.ChangeAlert
	Reminders []reminderView
}

// reminderView is a reminder as of the server's today.
type reminderView struct {
	store.Reminder
	Overdue bool // the due day has passed (else the reports are due by it)
}

// alertsFor loads the change alerts (for anyone who reads plans and
// documents: not the auditor, who reads the log only) and the open
// reminders of the plans the user may view; a reporter sees those of the
// units their scopes name.
func (s *Server) alertsFor(r *http.Request) (alerts, error) {
	var out alerts
	u, ok := auth.UserFrom(r.Context())
	if !ok || u.Role == store.RoleAuditor {
		return out, nil
	}
	var err error
	if out.Plans, err = s.planAlerts(r.Context(), u, s.now()); err != nil {
		return out, err
	}
	if out.Projects, err = s.projectAlerts(r.Context(), u, s.now()); err != nil {
		return out, err
	}
	if out.Changes, err = s.st.ChangeAlerts(r.Context(), alertLimit); err != nil {
		return out, fmt.Errorf("alerts: %w", err)
	}
	open, err := s.st.OpenReminders(r.Context(), 1000)
	if err != nil {
		return out, fmt.Errorf("alerts: %w", err)
	}
	for _, rm := range open {
		if len(out.Reminders) == alertLimit {
			break
		}
		if !auth.Can(u, auth.ViewPlan, auth.Target{PlanID: rm.PlanID}) {
			continue
		}
		if u.Role == store.RoleReporter && !slices.ContainsFunc(u.Scopes, func(sc store.Scope) bool {
			return sc.Unit == rm.Unit && (sc.PlanID == "" || sc.PlanID == rm.PlanID)
		}) {
			continue
		}
		out.Reminders = append(out.Reminders, reminderView{Reminder: rm, Overdue: rm.Stage(s.now()) == store.StageOverdue})
	}
	return out, nil
}

// alertPage is the alerts page's data.
type alertPage struct {
	view
	alerts
}

// alertList shows the change alerts and the user's reminders.
func (s *Server) alertList(w http.ResponseWriter, r *http.Request) {
	a, err := s.alertsFor(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v := s.newView(r, translate(langFrom(r.Context()), "alerts.title"), "alerts")
	respond.HTML(w, r, http.StatusOK, s.pages["alert_list"], alertPage{view: v, alerts: a})
}

type apiChangeAlert struct {
	ID           string `json:"id"`
	DocumentID   string `json:"document_id"`
	Title        string `json:"title"`
	FromVersion  int    `json:"from_version"`
	ToVersion    int    `json:"to_version"`
	AddedLines   int    `json:"added_lines"`
	RemovedLines int    `json:"removed_lines"`
	Summary      string `json:"summary"`
	CreatedAt    string `json:"created_at"`
}

type apiReminderTask struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

type apiReminder struct {
	ID        string            `json:"id"`
	PlanID    string            `json:"plan_id"`
	PlanTitle string            `json:"plan_title"`
	Unit      string            `json:"unit"`
	Period    string            `json:"period"`
	DueOn     string            `json:"due_on"`
	Overdue   bool              `json:"overdue"`
	Tasks     []apiReminderTask `json:"tasks"`
	Mailed    bool              `json:"mailed"`
	SentAt    string            `json:"sent_at,omitempty"`
	UpdatedAt string            `json:"updated_at"`
}

type apiAlerts struct {
	Plans     []apiPlanAlert    `json:"plans"`    // per plan, the tasks overdue, behind or owed a report as of now
	Projects  []apiProjectAlert `json:"projects"` // per plan, the projects behind 序时进度, not started on time or past a milestone
	Changes   []apiChangeAlert  `json:"changes"`
	Reminders []apiReminder     `json:"reminders"`
}

// apiAlertList is the alerts page as JSON.
func (s *Server) apiAlertList(w http.ResponseWriter, r *http.Request) {
	a, err := s.alertsFor(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiAlerts{Plans: []apiPlanAlert{}, Projects: []apiProjectAlert{}, Changes: []apiChangeAlert{}, Reminders: []apiReminder{}}
	for _, p := range a.Projects {
		out.Projects = append(out.Projects, toAPIProjectAlert(p))
	}
	for _, p := range a.Plans {
		out.Plans = append(out.Plans, toAPIPlanAlert(p))
	}
	for _, c := range a.Changes {
		out.Changes = append(out.Changes, apiChangeAlert{ID: c.ID, DocumentID: c.DocumentID, Title: c.Title,
			FromVersion: c.FromSeq, ToVersion: c.ToSeq, AddedLines: c.AddedLines, RemovedLines: c.RemovedLines,
			Summary: c.Summary, CreatedAt: c.CreatedAt.Format(time.RFC3339)})
	}
	for _, rm := range a.Reminders {
		ar := apiReminder{ID: rm.ID, PlanID: rm.PlanID, PlanTitle: rm.PlanTitle, Unit: rm.Unit, Period: rm.Period,
			DueOn: rm.DueOn, Overdue: rm.Overdue, Tasks: []apiReminderTask{}, Mailed: !rm.SentAt.IsZero(), UpdatedAt: rm.UpdatedAt.Format(time.RFC3339)}
		if ar.Mailed {
			ar.SentAt = rm.SentAt.Format(time.RFC3339)
		}
		for _, it := range rm.Items {
			ar.Tasks = append(ar.Tasks, apiReminderTask{ID: it.ID, Number: it.Number, Title: it.Title})
		}
		out.Reminders = append(out.Reminders, ar)
	}
	respond.JSON(w, r, http.StatusOK, out)
}
