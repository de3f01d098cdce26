package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPlanList lists the plans with their summaries as of ?as-of=.
func (s *Server) apiPlanList(w http.ResponseWriter, r *http.Request) {
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
	out := apiPlanList{Plans: []apiPlanSummary{}}
	for _, p := range plans {
		out.Plans = append(out.Plans, apiPlanSummary{Plan: toAPIPlan(p.Plan), Summary: toAPISummary(p.Summary, asOf)})
	}
	respond.JSON(w, r, http.StatusOK, out)
}
