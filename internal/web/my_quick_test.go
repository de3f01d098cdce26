package web

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// myRowID is a row anchor of the /my table.
var myRowID = regexp.MustCompile(`<tr id="(my-[^"]+)"`)

// myRows lists the row anchors of the /my table in order.
func myRows(page string) []string { return firstGroups(myRowID, page) }

// TestMyQuickUpdate: the quick update on /my sends the browser back to
// its own row, which stays where it was and says the update was posted,
// though the task owes nothing more; the task page's own form still goes
// to the task's timeline, and a posted= naming an update of a row not the
// user's keeps no row.
func TestMyQuickUpdate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		mine, _ := unitTasks(t, f, unit)
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		before := myRows(f.do("GET", "/my", rep, nil, nil).Body.String())
		if len(before) < 3 {
			t.Fatalf("the test needs three rows or more: %v", before)
		}
		// The middle row of the page.
		row := before[1]
		task := ""
		for _, it := range mine {
			if row == myRowAnchor(it.ID, unit) {
				task = it.ID
			}
		}
		if task == "" {
			t.Fatalf("row %s is none of the unit's tasks", row)
		}
		form := url.Values{"csrf_token": {rep.csrf}, "back": {"my"}, "unit": {unit}, "status": {"in_progress"},
			"progress": {"100"}, "note": {"已全部完成"}}
		rec := f.do("POST", "/tasks/"+task+"/updates", rep, nil, form)
		loc, err := url.Parse(rec.Header().Get("Location"))
		if rec.Code != 303 || err != nil || loc.Path != "/my" || loc.Fragment != row || loc.Query().Get("posted") == "" {
			t.Fatalf("quick update: %d, Location %q; want /my?posted=…#%s", rec.Code, rec.Header().Get("Location"), row)
		}
		page := f.do("GET", loc.RequestURI(), rep, nil, nil).Body.String()
		after := myRows(page)
		if !slices.Equal(after, before) {
			t.Errorf("rows after the quick update:\n%v\nwant as before:\n%v", after, before)
		}
		i := strings.Index(page, `id="`+row+`"`)
		end := strings.Index(page[i:], "</tr>")
		if i < 0 || end < 0 || !strings.Contains(page[i:i+end], "已报送") {
			t.Errorf("row %s does not say the update was posted", row)
		}
		// Without the posted mark, the reported row leaves the list.
		if rows := myRows(f.do("GET", "/my", rep, nil, nil).Body.String()); slices.Contains(rows, row) {
			t.Errorf("row %s still owed after its report", row)
		}
		// Another unit's reporter, given the update's ID, keeps no row.
		other := f.session(t, "other", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: "某某不相干局"})
		if body := f.do("GET", loc.RequestURI(), other, nil, nil).Body.String(); strings.Contains(body, row) {
			t.Errorf("another unit's page keeps row %s", row)
		}
		// The task page's form goes to the task's timeline.
		form.Del("back")
		form.Set("progress", "100")
		form.Set("status", "done")
		rec = f.do("POST", "/tasks/"+task+"/updates", rep, nil, form)
		if loc := rec.Header().Get("Location"); rec.Code != 303 || !strings.HasPrefix(loc, "/tasks/"+task+"?posted=") {
			t.Errorf("task form: %d, Location %q", rec.Code, loc)
		}
	})
}
