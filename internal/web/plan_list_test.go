package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// apiPlans fetches /api/v1/plans (with query q) as sess and decodes it.
func (f *fixture) apiPlans(t *testing.T, sess *session, q string) apiPlanList {
	t.Helper()
	rec := f.do("GET", "/api/v1/plans"+q, sess, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("GET /api/v1/plans%s: %d %s", q, rec.Code, rec.Body.String())
	}
	var out apiPlanList
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// statusCount is a plan's count of a status in an API summary.
func statusCount(s apiSummary, status string) int {
	for _, c := range s.ByStatus {
		if c.Status == status {
			return c.Count
		}
	}
	return 0
}

// TestPlanCountsAfterUpdate checks that the cached summaries and plan
// reports show a posted update, and new figures, on the very next
// request: the home page, the plan list API, the plan page and the plan
// API, on both back ends.
func TestPlanCountsAfterUpdate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		before := f.apiPlans(t, f.admin, "")
		if len(before.Plans) != 1 {
			t.Fatalf("%d plans, want 1", len(before.Plans))
		}
		doneBefore := statusCount(before.Plans[0].Summary, "done")
		planPath := "/api/v1/plans/" + f.plan.ID
		if rec := f.get("GET", planPath, nil); rec.Code != 200 { // fills the report cache
			t.Fatalf("GET %s: %d", planPath, rec.Code)
		}
		if rec := f.get("GET", "/", nil); rec.Code != 200 {
			t.Fatalf("GET /: %d", rec.Code)
		}

		rec := f.do("POST", "/tasks/"+f.task.ID+"/updates", f.admin, nil,
			url.Values{"csrf_token": {f.admin.csrf}, "status": {"done"}, "progress": {"100"}, "date": {"2023-06-30"}})
		if rec.Code != 303 {
			t.Fatalf("post update: %d %s", rec.Code, rec.Body.String())
		}
		after := f.apiPlans(t, f.admin, "")
		if got := statusCount(after.Plans[0].Summary, "done"); got != doneBefore+1 {
			t.Errorf("plan list API right after the update: %d done, want %d", got, doneBefore+1)
		}
		home := f.get("GET", "/", nil).Body.String()
		if want := fmt.Sprintf("?status=done\">%s %d<", statusText(langZH, "done"), doneBefore+1); !strings.Contains(home, want) {
			t.Errorf("home page right after the update lacks %q", want)
		}
		var detail apiPlanDetail
		if err := json.Unmarshal(f.get("GET", planPath, nil).Body.Bytes(), &detail); err != nil {
			t.Fatal(err)
		}
		if got := statusCount(detail.Summary, "done"); got != doneBefore+1 {
			t.Errorf("plan API right after the update: %d done, want %d", got, doneBefore+1)
		}
		found := false
		for _, task := range detail.Tasks {
			if task.ID == f.task.ID {
				found = true
				if task.Status != "done" || task.Progress != 100 {
					t.Errorf("task in the plan API: %s %d%%, want done 100%%", task.Status, task.Progress)
				}
			}
		}
		if !found {
			t.Errorf("task %s missing from the plan API", f.task.ID)
		}

		// New figures move the verdict on an indicator: its latest value
		// shows at once.
		inds, err := st.Indicators(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		obs := []store.Observation{{IndicatorID: inds[0].ID, Period: "2023", Value: 12345.5, Source: "test", RecordedAt: fixtureNow.Add(-time.Minute)}}
		if err := st.AddObservations(ctx, obs); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(f.get("GET", planPath, nil).Body.Bytes(), &detail); err != nil {
			t.Fatal(err)
		}
		var latest *apiPoint
		for _, ind := range detail.Indicators {
			if ind.ID == inds[0].ID {
				latest = ind.Latest
			}
		}
		if latest == nil || latest.Value != 12345.5 {
			t.Errorf("indicator's latest figure right after adding one: %+v, want 12345.5", latest)
		}
	})
}

// TestPlanListScopeAndPages checks that the home page and the plan list
// API show only the plans a user may view, and page and filter them.
func TestPlanListScopeAndPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		// 60 small plans besides the seeded one: 30 in 杭州 (市), 30 in 浙江 (省).
		var hangzhou []string
		for i := range 60 {
			p := store.Plan{Title: fmt.Sprintf("测试计划%02d", i), RegionCode: "330100", RegionName: "杭州市", Level: store.LevelCity,
				StartYear: 2021, EndYear: 2025}
			if i%2 == 1 {
				p.RegionCode, p.RegionName, p.Level = "330000", "浙江省", store.LevelProvince
			}
			items := []store.Item{{Kind: store.KindTask, Number: "1", Title: "任务", Units: []store.Assignment{{Unit: "市发展改革委", Role: store.RoleLead}}}}
			if err := st.SavePlanTree(ctx, &p, items, nil); err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				hangzhou = append(hangzhou, p.ID)
			}
		}
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: hangzhou[0]}, store.Scope{PlanID: hangzhou[1]})
		none := f.session(t, "auditor", store.RoleAuditor)

		cases := []struct {
			name      string
			sess      *session
			query     string
			total     int
			n         int
			wantFirst string
		}{
			{name: "admin, first page", sess: f.admin, query: "", total: 61, n: 61},
			{name: "admin, limit and offset", sess: f.admin, query: "?limit=10&offset=55", total: 61, n: 6},
			{name: "admin, level", sess: f.admin, query: "?level=" + url.QueryEscape(store.LevelProvince), total: 30, n: 30},
			{name: "admin, region code", sess: f.admin, query: "?region=330100&limit=5", total: 30, n: 5},
			{name: "admin, region name", sess: f.admin, query: "?region=" + url.QueryEscape("浙江"), total: 30, n: 30},
			{name: "viewer of two plans", sess: viewer, query: "", total: 2, n: 2, wantFirst: hangzhou[1]},
			{name: "auditor sees no plan", sess: none, query: "", total: 0, n: 0},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got := f.apiPlans(t, c.sess, c.query)
				if got.Total != c.total || len(got.Plans) != c.n {
					t.Errorf("total %d, %d plans; want %d, %d", got.Total, len(got.Plans), c.total, c.n)
				}
				if c.wantFirst != "" && (len(got.Plans) == 0 || got.Plans[0].Plan.ID != c.wantFirst) {
					t.Errorf("first plan is not %s (newest first)", c.wantFirst)
				}
			})
		}

		for _, q := range []string{"?level=镇", "?limit=501", "?offset=-1"} {
			if rec := f.get("GET", "/api/v1/plans"+q, nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), "bad_request") {
				t.Errorf("GET /api/v1/plans%s: %d %s, want 400", q, rec.Code, rec.Body.String())
			}
		}
		for _, q := range []string{"?page=0", "?page=x", "?page=9223372036854775807", "?level=镇"} {
			if rec := f.get("GET", "/"+q, nil); rec.Code != 400 {
				t.Errorf("GET /%s: %d, want 400", q, rec.Code)
			}
		}

		// Pages of the home page: 61 plans, 50 a page.
		p1 := f.get("GET", "/", nil).Body.String()
		p2 := f.get("GET", "/?page=2", nil).Body.String()
		if n := strings.Count(p1, `<section class="card plan">`); n != plansPerPage {
			t.Errorf("page 1 shows %d plans, want %d", n, plansPerPage)
		}
		if n := strings.Count(p2, `<section class="card plan">`); n != 11 {
			t.Errorf("page 2 shows %d plans, want 11", n)
		}
		if !strings.Contains(p1, `href="/?page=2"`) || !strings.Contains(p2, `href="/"`) {
			t.Errorf("pages lack links to each other")
		}
		if !strings.Contains(p1, `<option value="330100">杭州市</option>`) {
			t.Errorf("home page lacks the region filter")
		}
		provPage := f.get("GET", "/?level="+url.QueryEscape(store.LevelProvince), nil).Body.String()
		if n := strings.Count(provPage, `<section class="card plan">`); n != 30 || strings.Contains(provPage, "杭州市</span>") {
			t.Errorf("level filter shows %d plans (want 30), or a city's", n)
		}
		// The viewer's home page: their two plans, nobody else's.
		vp := f.do("GET", "/", viewer, nil, nil).Body.String()
		if n := strings.Count(vp, `<section class="card plan">`); n != 2 || strings.Contains(vp, f.plan.ID) {
			t.Errorf("viewer's home page shows %d plans (want 2), or the seeded plan", n)
		}
	})
}

// TestPlanCache checks the cache on its own: one computation for
// concurrent requests, a new one when the stamp moves, errors not kept,
// and the bound on entries.
func TestPlanCache(t *testing.T) {
	ctx := context.Background()
	asOf := time.Date(2024, 1, 31, 23, 59, 59, 0, time.Local)
	p := store.Plan{ID: "p1", UpdatedAt: time.UnixMilli(1000)}
	c := newPlanCache[int](2)
	var calls atomic.Int32
	compute := func() (int, error) {
		time.Sleep(10 * time.Millisecond)
		return int(calls.Add(1)), nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, err := c.get(ctx, p, asOf, compute); err != nil || v != 1 {
				t.Errorf("get: %d, %v; want 1", v, err)
			}
		})
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("%d computations for concurrent requests, want 1", calls.Load())
	}
	p.UpdatedAt = time.UnixMilli(1001)
	if v, _ := c.get(ctx, p, asOf, compute); v != 2 {
		t.Errorf("after the plan changed: %d, want a new computation (2)", v)
	}
	if v, _ := c.get(ctx, p, asOf.AddDate(0, 0, -1), compute); v != 3 {
		t.Errorf("another date: %d, want a new computation (3)", v)
	}
	boom := errors.New("boom")
	q := store.Plan{ID: "p2"}
	if _, err := c.get(ctx, q, asOf, func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	if v, err := c.get(ctx, q, asOf, func() (int, error) { return 7, nil }); v != 7 || err != nil {
		t.Errorf("after an error: %d, %v; want a new computation", v, err)
	}
	if n := len(c.entries); n > 2 {
		t.Errorf("%d entries, want at most 2", n)
	}
}
