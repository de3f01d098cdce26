package web

import (
	"fmt"
	"net/http"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// publicPlanCard is one published plan on the public dashboard: its
// counts, status chart and indicator charts, nothing written by people.
type publicPlanCard struct {
	Plan        store.Plan
	Period      string
	Summary     report.Summary
	StatusChart []statusBar
	Indicators  []indicatorView
	PublishedAt time.Time
}

// publicPlanListPage is the public dashboard's data.
type publicPlanListPage struct {
	view
	AsOf  time.Time
	Plans []publicPlanCard
}

// publicPlanList is the public read-only dashboard at /public: every
// published plan, latest published first, with its status counts and
// indicator charts as of today; no sign-in, no links inside.
func (s *Server) publicPlanList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	pubs, err := s.st.PublishedPlans(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	asOf := endOfDay(s.now())
	pg := publicPlanListPage{view: s.newView(r, translate(lang, "public.title"), "public"), AsOf: asOf}
	pg.Public = true
	for _, pub := range pubs {
		p, err := s.st.Plan(ctx, pub.PlanID)
		if err != nil {
			respond.Error(w, r, fmt.Errorf("published plan %s: %w", pub.PlanID, err))
			return
		}
		rep, err := report.Build(ctx, s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
		if err != nil {
			respond.Error(w, r, fmt.Errorf("published plan %s: %w", p.ID, err))
			return
		}
		c := publicPlanCard{Plan: p, Period: rep.Period, Summary: rep.Summary, PublishedAt: pub.PublishedAt,
			StatusChart: statusChart(lang, rep.Summary.ByStatus)}
		for _, row := range rep.Indicators {
			c.Indicators = append(c.Indicators, indicatorView{Row: row, Chart: indicatorChart(lang, row)})
		}
		pg.Plans = append(pg.Plans, c)
	}
	respond.HTML(w, r, http.StatusOK, s.pages["public_plan_list"], pg)
}
