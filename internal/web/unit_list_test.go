package web

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestUnitRegistryPages: the admins' /admin/units lists the units the
// sample plan seeded for confirmation, adds, aliases, confirms and merges
// them; /api/v1/units does the same for scripts; reporters read the list
// but change nothing; every change is audited.
func TestUnitRegistryPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		reporter := f.session(t, "dsj", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: "市大数据局"})

		page := f.do("GET", "/admin/units?region=330400", f.admin, nil, nil)
		body := page.Body.String()
		if page.Code != 200 || !strings.Contains(body, "市发展改革委") || !strings.Contains(body, "待确认") ||
			!strings.Contains(body, `form="confirm-units"`) || !strings.Contains(body, "市发改委") || !strings.Contains(body, `href="/admin/units" class="on"`) {
			t.Fatalf("registry page = %d\n%.2000s", page.Code, body)
		}
		if rec := f.do("GET", "/admin/units", reporter, nil, nil); rec.Code != http.StatusForbidden {
			t.Errorf("reporter's registry page = %d", rec.Code)
		}

		form := func(v url.Values) url.Values {
			v.Set("csrf_token", f.admin.csrf)
			v.Set("back", "?region=330400")
			return v
		}
		steps := []struct {
			name   string
			path   string
			form   url.Values
			status int
			want   string // in the body of a refusal
		}{
			{"add", "/admin/units", form(url.Values{"name": {"市司法局"}, "region": {"330400"}, "aliases": {"司法局"}}), 303, ""},
			{"add a name the registry reads as another unit", "/admin/units", form(url.Values{"name": {"市发改委"}, "region": {"330400"}}), 409, "市发展改革委"},
			{"add nothing", "/admin/units", form(url.Values{"name": {""}, "region": {"330400"}}), 400, "name"},
			{"merge without a target", "/admin/units/" + unitID(t, st, "市大数据局") + "/merge", form(url.Values{}), 400, "并入"},
			{"confirm nothing", "/admin/units/confirmation", form(url.Values{}), 400, "勾选"},
			{"confirm", "/admin/units/confirmation", form(url.Values{"id": {unitID(t, st, "市科技局"), unitID(t, st, "市财政局")}}), 303, ""},
			{"alias", "/admin/units/" + unitID(t, st, "市发展改革委") + "/aliases", form(url.Values{"aliases": {"发改委、市发改办"}}), 303, ""},
		}
		for _, s := range steps {
			rec := f.do("POST", s.path, f.admin, nil, s.form)
			if rec.Code != s.status || s.status != 303 && !strings.Contains(rec.Body.String(), s.want) {
				t.Errorf("%s: %d, want %d with %q\n%.600s", s.name, rec.Code, s.status, s.want, rec.Body.String())
			}
			if s.status == 303 && rec.Header().Get("Location") != "/admin/units?region=330400" {
				t.Errorf("%s: back to %q", s.name, rec.Header().Get("Location"))
			}
		}
		if rec := f.do("POST", "/admin/units", reporter, nil, url.Values{"name": {"市某局"}, "region": {"330400"}, "csrf_token": {reporter.csrf}}); rec.Code != http.StatusForbidden {
			t.Errorf("reporter adds a unit: %d", rec.Code)
		}

		// The API: a reporter reads; the admin adds 市数据局 and merges the
		// renamed 市大数据局 into it, with its tasks and the reporter's scope.
		var list apiUnitList
		rec := f.do("GET", "/api/v1/units?region=330400&unconfirmed=1", reporter, nil, nil)
		if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != 200 || list.Total == 0 || list.Unconfirmed != list.Total ||
			slices.ContainsFunc(list.Units, func(u apiUnit) bool { return u.Name == "市科技局" }) {
			t.Errorf("unconfirmed units = %d %s", rec.Code, rec.Body)
		}
		rec = f.doJSON("POST", "/api/v1/units", f.admin, `{"name":"市数据局","region_code":"330400","aliases":["数据局"]}`, true)
		var added apiUnit
		if err := json.Unmarshal(rec.Body.Bytes(), &added); err != nil || rec.Code != 201 || !added.Confirmed || added.RegionName != "嘉兴市" ||
			added.Level != store.LevelCity {
			t.Fatalf("API add = %d %s", rec.Code, rec.Body)
		}
		if rec := f.doJSON("POST", "/api/v1/units", reporter, `{"name":"市某局","region_code":"330400"}`, true); rec.Code != http.StatusForbidden {
			t.Errorf("reporter adds by API: %d", rec.Code)
		}
		rec = f.doJSON("POST", "/api/v1/units/"+added.ID+"/merge", f.admin, `{"merged":"`+unitID(t, st, "市大数据局")+`"}`, true)
		var m apiUnitMerge
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil || rec.Code != 200 || m.Assignments == 0 || m.Scopes != 1 ||
			!slices.Contains(m.Kept.Aliases, "市大数据局") {
			t.Fatalf("API merge = %d %s", rec.Code, rec.Body)
		}
		items, _ := st.Items(ctx, f.plan.ID, store.ItemFilter{Unit: "市数据局"})
		if len(items) != m.Assignments {
			t.Errorf("%d tasks of 市数据局 after the merge, want %d", len(items), m.Assignments)
		}
		if u, _ := st.UserByLogin(ctx, "dsj"); len(u.Scopes) != 1 || u.Scopes[0].Unit != "市数据局" {
			t.Errorf("reporter's scopes after the merge: %+v", u.Scopes)
		}
		rec = f.do("GET", "/api/v1/units/"+added.ID, reporter, nil, nil)
		var shown apiUnit
		if err := json.Unmarshal(rec.Body.Bytes(), &shown); err != nil || shown.Usage == nil || shown.Usage.Leads+shown.Usage.Supports != m.Assignments ||
			shown.Usage.Users != 1 || len(shown.Usage.Plans) != 1 {
			t.Errorf("API show = %d %s", rec.Code, rec.Body)
		}
		if rec := f.doJSON("POST", "/api/v1/units/"+added.ID+"/merge", f.admin, `{"merged":"`+added.ID+`"}`, true); rec.Code != http.StatusConflict {
			t.Errorf("merging a unit into itself: %d %s", rec.Code, rec.Body)
		}
		rec = f.doJSON("POST", "/api/v1/units/"+unitID(t, st, "市商务局")+"/confirmation", f.admin, ``, true)
		if !strings.Contains(rec.Body.String(), `"confirmed":true`) {
			t.Errorf("API confirm = %d %s", rec.Code, rec.Body)
		}
		rec = f.doJSON("POST", "/api/v1/units/"+unitID(t, st, "市商务局")+"/aliases", f.admin, `{"aliases":["市科技局"]}`, true)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "市科技局") {
			t.Errorf("API alias of another unit = %d %s", rec.Code, rec.Body)
		}

		got := map[string]int{}
		es, _ := st.Audit(ctx, store.AuditFilter{Action: "unit."})
		for _, e := range es {
			got[e.Action]++
			if e.ActorLogin != "admin" || e.RequestID == "" {
				t.Errorf("audit entry %s by %q, request %q", e.Action, e.ActorLogin, e.RequestID)
			}
		}
		if want := map[string]int{"unit.add": 2, "unit.confirm": 3, "unit.alias": 1, "unit.merge": 1}; !maps.Equal(got, want) {
			t.Errorf("unit audit = %v, want %v", got, want)
		}
	})
}

// unitID is the ID of a unit of 嘉兴市 by a name the registry resolves.
func unitID(t *testing.T, st *store.Store, name string) string {
	t.Helper()
	u, err := st.FindUnit(context.Background(), "330400", name)
	if err != nil {
		t.Fatalf("unit %s: %v", name, err)
	}
	return u.ID
}
