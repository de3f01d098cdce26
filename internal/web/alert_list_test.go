package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// TestAlertList shows the change alerts and reminders on /alerts and
// /api/v1/alerts: everyone who reads plans sees the changes, reminders
// go to the plan's readers and, for reporters, to their own unit's only;
// the auditor sees neither.
func TestAlertList(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		if len(f.task.Units) == 0 {
			t.Fatal("the seeded task has no unit")
		}
		unit := f.task.Units[0].Unit
		if _, err := st.AddChangeAlert(ctx, store.ChangeAlert{DocumentID: f.docID, Title: "青溪市数字经济行动计划", FromSeq: 1, ToSeq: 2,
			AddedLines: 1, RemovedLines: 1, Summary: "- 比重达到10%\n+ 比重达到12%", CreatedAt: fixtureNow}); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{unit, "别的单位"} {
			if _, err := st.SaveReminder(ctx, store.Reminder{PlanID: f.plan.ID, Unit: u, Period: "2023-05", DueOn: "2023-06-05",
				Items: []store.ReminderItem{{ID: f.task.ID, Number: f.task.Number, Title: f.task.Title}}}, fixtureNow); err != nil {
				t.Fatal(err)
			}
		}
		reporter := f.session(t, "reporter", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		auditor := f.session(t, "auditor", store.RoleAuditor)
		other := store.Plan{Title: "另一个计划", Level: store.LevelCity, StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &other, nil, nil); err != nil {
			t.Fatal(err)
		}
		elsewhere := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: other.ID})

		// What the plan's tasks are as of the server's now, as every view
		// judges them.
		items, _ := st.Items(ctx, f.plan.ID, store.ItemFilter{})
		ups, _ := st.PlanUpdates(ctx, f.plan.ID, time.Time{})
		ps := track.AssessPlan(f.plan, items, ups, fixtureNow, track.PlanRhythm(f.plan))
		ofUnit := 0
		for _, ts := range ps.Tasks {
			if ts.Status == track.StatusBehind && slices.ContainsFunc(ts.Item.Units, func(a store.Assignment) bool { return a.Unit == unit }) {
				ofUnit++
			}
		}
		if ps.Count(track.StatusBehind) == 0 || ofUnit == 0 || ofUnit == ps.Count(track.StatusBehind) {
			t.Fatalf("the fixture should have tasks behind, some of the unit's: %v, %d of %s", ps.Counts, ofUnit, unit)
		}
		tests := []struct {
			name      string
			sess      *session
			changes   int
			reminders []string
			behind    int // tasks behind in the plan's alert
		}{
			{"admin", f.admin, 1, []string{"别的单位", unit}, ps.Count(track.StatusBehind)},
			{"reporter of the unit", reporter, 1, []string{unit}, ofUnit},
			{"viewer of another plan", elsewhere, 1, nil, 0},
			{"auditor", auditor, 0, nil, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := f.do("GET", "/api/v1/alerts", tt.sess, nil, nil)
				if rec.Code != http.StatusOK {
					t.Fatalf("API = %d %s", rec.Code, rec.Body)
				}
				var got apiAlerts
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				var units []string
				for _, r := range got.Reminders {
					units = append(units, r.Unit)
					if len(r.Tasks) != 1 || r.Tasks[0].ID != f.task.ID || r.DueOn != "2023-06-05" || !r.Overdue || r.Mailed || r.PlanTitle != f.plan.Title {
						t.Errorf("reminder = %+v", r)
					}
				}
				slices.Sort(units)
				if len(got.Changes) != tt.changes || strings.Join(units, ",") != strings.Join(tt.reminders, ",") {
					t.Errorf("changes %d, reminders %v; want %d, %v", len(got.Changes), units, tt.changes, tt.reminders)
				}
				if tt.changes > 0 && (got.Changes[0].ToVersion != 2 || got.Changes[0].DocumentID != f.docID) {
					t.Errorf("change = %+v", got.Changes[0])
				}
				behind, overdue := 0, 0
				for _, p := range got.Plans {
					if p.PlanID != f.plan.ID {
						t.Errorf("alert of plan %s (%s)", p.PlanID, p.PlanTitle)
					}
					behind, overdue = len(p.Behind), len(p.Overdue)
					for _, bt := range p.Behind {
						if bt.Status != track.StatusBehind || bt.Label != "滞后" {
							t.Errorf("behind task = %+v", bt)
						}
					}
				}
				if behind != tt.behind || tt.behind > 0 && tt.sess == f.admin && overdue != ps.Count(track.StatusOverdue) {
					t.Errorf("alerts: %d behind, %d overdue; want %d behind (status counts %v)", behind, overdue, tt.behind, ps.Counts)
				}
			})
		}

		page := f.do("GET", "/alerts", reporter, nil, nil)
		body := page.Body.String()
		if page.Code != http.StatusOK || !strings.Contains(body, "报送提醒记录") || !strings.Contains(body, "逾期、滞后和未报送的任务") || !strings.Contains(body, "逾期") || !strings.Contains(body, "/tasks/"+f.task.ID) ||
			!strings.Contains(body, "比重达到12%") || strings.Contains(body, "别的单位") || !strings.Contains(body, `href="/alerts" class="on"`) {
			t.Errorf("reporter's page = %d\n%.3000s", page.Code, body)
		}
		checkSecurityHeaders(t, page.Header())
		en := f.do("GET", "/alerts?lang=en", f.admin, nil, nil).Body.String()
		if !strings.Contains(en, "Report reminders sent") || !strings.Contains(en, "Tasks overdue, behind or unreported") || !strings.Contains(en, "Changes to watched documents") || !strings.Contains(en, "Not mailed") {
			t.Errorf("English page:\n%.3000s", en)
		}
		if rec := f.do("GET", "/api/v1/alerts", nil, nil, nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("signed out API = %d, want 401", rec.Code)
		}
	})
}
