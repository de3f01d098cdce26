package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// planSummary is one plan on the home page: its report summary as of a
// date (tasks by status, overdue, unreported, indicators on and off track).
type planSummary struct {
	Plan    store.Plan
	Period  string
	Summary report.Summary
}

// planListPage is the home page's data.
type planListPage struct {
	view
	AsOf  time.Time
	Plans []planSummary
}

// planList shows the home page: every plan with its counts, as `planwatch
// status` gives them, as of today (or ?as-of=).
func (s *Server) planList(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.asOfParam(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	plans, err := s.planSummaries(r.Context(), asOf)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v := s.newView(r, translate(langFrom(r.Context()), "plans.title"), "plans")
	respond.HTML(w, r, http.StatusOK, s.pages["plan_list"], planListPage{view: v, AsOf: asOf, Plans: plans})
}

// planSummaries computes the summary of every plan as of asOf.
func (s *Server) planSummaries(ctx context.Context, asOf time.Time) ([]planSummary, error) {
	plans, err := s.st.Plans(ctx, store.PlanFilter{})
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	out := make([]planSummary, 0, len(plans))
	for _, p := range plans {
		rep, err := report.Build(ctx, s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", p.ID, err)
		}
		out = append(out, planSummary{Plan: p, Period: rep.Period, Summary: rep.Summary})
	}
	return out, nil
}
