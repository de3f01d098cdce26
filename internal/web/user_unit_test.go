package web

import (
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestAccountUnits: a reporter's unit is one of the registry, typed by
// any name it knows and kept by its canonical one; a unit it does not
// know is refused with the closest names, by the API and the form alike.
func TestAccountUnits(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		const pw = "Plan-2025-office"
		cases := []struct {
			login, plan, unit string
			status            int
			want              string
		}{
			{"fgw", f.plan.ID, "市发改委", 200, `"unit":"市发展改革委"`},
			{"kjw", f.plan.ID, "市科委", 400, "市科技局"},
			{"all", "", "发展改革委", 200, `"unit":"市发展改革委"`}, // every plan: every region's registry
			{"nobody", "", "某某不相干局", 400, "不在单位名录中"},
		}
		for _, c := range cases {
			body := `{"login":"` + c.login + `","role":"reporter","password":"` + pw + `","scopes":[{"plan_id":"` + c.plan + `","unit":"` + c.unit + `"}]}`
			rec := f.doJSON("POST", "/api/v1/users", f.admin, body, true)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("reporter for %s: %d %s, want %d with %s", c.unit, rec.Code, rec.Body, c.status, c.want)
			}
		}
	})
}
