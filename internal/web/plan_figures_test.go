package web

import (
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanFigures: the plan page writes figures with 万/亿 and their unit
// (the sample's target of 1200亿元), and its chart draws them in 亿元; the
// API keeps the numbers.
func TestPlanFigures(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		page := f.do("GET", "/plans/"+f.plan.ID, f.admin, nil, nil).Body.String()
		for _, want := range []string{"1200亿元", `&#34;unit&#34;:&#34;亿元&#34;`, "80亿元"} {
			if !strings.Contains(page, want) {
				t.Errorf("plan page lacks %q", want)
			}
		}
		if strings.Contains(page, "120000000000") || strings.Contains(page, "1.2e+11") {
			t.Error("plan page writes 1200亿元 as a bare number")
		}
		if api := f.do("GET", "/api/v1/plans/"+f.plan.ID, f.admin, nil, nil).Body.String(); !strings.Contains(api, "120000000000") {
			t.Error("the API should keep figures as numbers in their base unit")
		}
	})
}
