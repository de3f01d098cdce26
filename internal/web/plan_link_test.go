package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanLinks: a plan implements one of its own level or above, by the
// API and the plan page's form; the reverse is refused with the reason.
func TestPlanLinks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st) // 嘉兴市, a city's plan
		ctx := context.Background()
		mk := func(title, code, region, level string) store.Plan {
			p := store.Plan{Title: title, RegionCode: code, RegionName: region, Level: level, StartYear: 2021, EndYear: 2025}
			if err := st.SavePlanTree(ctx, &p, nil, nil); err != nil {
				t.Fatal(err)
			}
			return p
		}
		county := mk("南湖区行动计划", "330402", "南湖区", store.LevelCounty)
		prov := mk("浙江省行动方案", "330000", "浙江省", store.LevelProvince)
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		cases := []struct {
			name        string
			sess        *session
			plan, upper string
			status      int
			want        string
			lang        string
		}{
			{"county implements the city", f.admin, county.ID, f.plan.ID, 201, `"implements":[{"id":"` + f.plan.ID, ""},
			{"the city implements the province", f.admin, f.plan.ID, prov.ID, 201, `"implemented_by":[{"id":"` + county.ID, ""},
			{"the city cannot implement the county", f.admin, f.plan.ID, county.ID, 409, "市级计划不能落实区县级计划", ""},
			{"in English", f.admin, prov.ID, county.ID, 409, "a 省 plan cannot implement a 区县 plan", "en"},
			{"a cycle", f.admin, prov.ID, prov.ID, 409, "循环", ""},
			{"a viewer", viewer, county.ID, prov.ID, 403, "forbidden", ""},
			{"no such plan", f.admin, county.ID, "zzzzzzzzzzzzzzzz", 404, "not_found", ""},
		}
		for _, c := range cases {
			path := "/api/v1/plans/" + c.plan + "/links"
			if c.lang != "" {
				path += "?lang=" + c.lang
			}
			rec := f.doJSON("POST", path, c.sess, `{"implements":"`+c.upper+`"}`, true)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%s: %d %s, want %d with %s", c.name, rec.Code, rec.Body, c.status, c.want)
			}
		}
		rec := f.do("GET", "/api/v1/plans/"+f.plan.ID+"/links", f.admin, nil, nil)
		var links apiPlanLinks
		if err := json.Unmarshal(rec.Body.Bytes(), &links); err != nil || len(links.Implements) != 1 || links.Implements[0].ID != prov.ID ||
			len(links.ImplementedBy) != 1 || links.ImplementedBy[0].ID != county.ID {
			t.Errorf("links of the city = %s", rec.Body)
		}

		// The plan page shows the links and, asked to (?link=choose), offers
		// the plans of its own level or above; its form refuses the reverse
		// too. A plain view lists no choices, only the way to them.
		page := f.do("GET", "/plans/"+county.ID, f.admin, nil, nil).Body.String()
		if !strings.Contains(page, `id="links"`) || !strings.Contains(page, `href="/plans/`+county.ID+`?link=choose#links"`) ||
			strings.Contains(page, `name="implements"`) {
			t.Errorf("county's page: want the way to the choices, not the form:\n%.2000s", page[strings.Index(page, "<main"):])
		}
		page = f.do("GET", "/plans/"+county.ID+"?link=choose", f.admin, nil, nil).Body.String()
		if !strings.Contains(page, `id="links"`) || !strings.Contains(page, `action="/plans/`+county.ID+`/links"`) ||
			!strings.Contains(page, `<option value="`+prov.ID+`">`) {
			t.Errorf("county's page lacks the links form:\n%.2000s", page[strings.Index(page, "<main"):])
		}
		if page := f.do("GET", "/plans/"+prov.ID+"?link=choose", f.admin, nil, nil).Body.String(); strings.Contains(page, `<option value="`+county.ID+`">`) ||
			!strings.Contains(page, `id="link-choices"`) {
			t.Error("the province's form offers a county plan, or does not say there is none")
		}
		if page := f.do("GET", "/plans/"+county.ID+"?link=choose", viewer, nil, nil).Body.String(); strings.Contains(page, `name="implements"`) ||
			strings.Contains(page, `link=choose#links`) {
			t.Errorf("a viewer is offered the links form:\n%.2000s", page)
		}
		form := url.Values{"implements": {county.ID}, "csrf_token": {f.admin.csrf}}
		if rec := f.do("POST", "/plans/"+f.plan.ID+"/links", f.admin, nil, form); rec.Code != http.StatusConflict ||
			!strings.Contains(rec.Body.String(), "不能落实") {
			t.Errorf("form, the reverse: %d", rec.Code)
		}
		form = url.Values{"implements": {prov.ID}, "csrf_token": {f.admin.csrf}}
		if rec := f.do("POST", "/plans/"+county.ID+"/links", f.admin, nil, form); rec.Code != http.StatusSeeOther ||
			rec.Header().Get("Location") != "/plans/"+county.ID+"#links" {
			t.Errorf("form: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "plan.link"}); len(es) != 3 {
			t.Errorf("%d plan.link audit entries, want 3", len(es))
		}
	})
}
