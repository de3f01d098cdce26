package auth

import (
	"testing"
	"time"

	"planwatch/internal/store"
)

func TestCan(t *testing.T) {
	admin := &store.User{Role: store.RoleAdmin}
	auditor := &store.User{Role: store.RoleAuditor}
	editor := &store.User{Role: store.RoleEditor, Scopes: []store.Scope{{PlanID: "p1"}}}
	chief := &store.User{Role: store.RoleEditor, Scopes: []store.Scope{{}}}
	reporter := &store.User{Role: store.RoleReporter, Scopes: []store.Scope{{PlanID: "p1", Unit: "市科技局"}}}
	anyPlan := &store.User{Role: store.RoleReporter, Scopes: []store.Scope{{Unit: "市发改委"}}}
	viewer := &store.User{Role: store.RoleViewer, Scopes: []store.Scope{{PlanID: "p1"}}}
	viewAll := &store.User{Role: store.RoleViewer, Scopes: []store.Scope{{}}}
	disabled := &store.User{Role: store.RoleAdmin, Disabled: true}

	p1, p2 := Target{PlanID: "p1"}, Target{PlanID: "p2"}
	task := func(plan, unit string) Target {
		return Target{PlanID: plan, Unit: unit, LeadUnits: []string{"市科技局"}, SupportUnits: []string{"市发改委"}}
	}
	cases := []struct {
		name string
		u    *store.User
		a    Action
		t    Target
		want bool
	}{
		{"admin manages users", admin, ManageUsers, Target{}, true},
		{"admin manages units", admin, ManageUnits, Target{}, true},
		{"editor does not manage units", chief, ManageUnits, Target{}, false},
		{"auditor does not manage units", auditor, ManageUnits, Target{}, false},
		{"admin reads audit", admin, ReadAudit, Target{}, true},
		{"disabled admin", disabled, ViewPlan, p1, false},
		{"nobody", nil, ViewPlan, p1, false},
		{"auditor reads audit", auditor, ReadAudit, Target{}, true},
		{"auditor reads no plan", auditor, ViewPlan, p1, false},
		{"editor edits own plan", editor, EditPlan, p1, true},
		{"editor not other plan", editor, EditPlan, p2, false},
		{"editor views other plan", editor, ViewPlan, p2, false},
		{"editor publishes", editor, PublishPlan, p1, true},
		{"editor posts for any unit", editor, PostUpdate, task("p1", "市教育局"), true},
		{"scoped editor cannot create plans", editor, CreatePlan, Target{}, false},
		{"all-plan editor creates", chief, CreatePlan, Target{}, true},
		{"editor adds documents", editor, AddDocument, Target{}, true},
		{"editor no users", chief, ManageUsers, Target{}, false},
		{"editor no audit", chief, ReadAudit, Target{}, false},
		{"reporter posts as lead", reporter, PostUpdate, task("p1", "市科技局"), true},
		{"reporter not another unit", reporter, PostUpdate, task("p1", "市发改委"), false},
		{"reporter not another plan", reporter, PostUpdate, task("p2", "市科技局"), false},
		{"reporter not a task without the unit", reporter, PostUpdate,
			Target{PlanID: "p1", Unit: "市科技局", LeadUnits: []string{"市教育局"}}, false},
		{"reporter without unit", reporter, PostUpdate, task("p1", ""), false},
		{"reporter views plan", reporter, ViewPlan, p1, true},
		{"reporter not edit", reporter, EditPlan, p1, false},
		{"all-plan reporter posts as support", anyPlan, PostUpdate, task("p9", "市发改委"), true},
		{"viewer views", viewer, ViewPlan, p1, true},
		{"viewer not other", viewer, ViewPlan, p2, false},
		{"viewer cannot post", viewer, PostUpdate, task("p1", "市科技局"), false},
		{"viewer of all", viewAll, ViewPlan, p2, true},
		{"no plan named", viewer, ViewPlan, Target{}, false},
		{"unknown role", &store.User{Role: "root", Scopes: []store.Scope{{}}}, ViewPlan, p1, false},
	}
	for _, c := range cases {
		if got := Can(c.u, c.a, c.t); got != c.want {
			t.Errorf("%s: Can = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	l := NewRateLimiter(SignInBurst, SignInRate)
	t0 := mustTime(t)
	for i := range SignInBurst {
		if !l.Allow("10.0.0.1", t0) {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.Allow("10.0.0.1", t0) {
		t.Error("attempt 11 within the minute allowed")
	}
	if !l.Allow("10.0.0.2", t0) {
		t.Error("another address was limited")
	}
	if l.Allow("10.0.0.1", t0.Add(SignInRate-1)) {
		t.Error("token back too early")
	}
	if !l.Allow("10.0.0.1", t0.Add(SignInRate)) {
		t.Error("no token back after SignInRate")
	}
	if l.Allow("10.0.0.1", t0.Add(SignInRate)) {
		t.Error("two tokens back after SignInRate")
	}
	// A minute later the bucket is full again, but not fuller.
	t1 := t0.Add(10 * time.Minute)
	n := 0
	for l.Allow("10.0.0.1", t1) {
		n++
	}
	if n != SignInBurst {
		t.Errorf("after a long pause %d attempts, want %d", n, SignInBurst)
	}
}

func mustTime(t *testing.T) time.Time {
	t.Helper()
	return time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC)
}
