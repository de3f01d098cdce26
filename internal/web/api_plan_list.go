package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// Paging of the plan list API: a page of summaries is computed from the
// plans' reports (cached), so the page is bounded.
const (
	apiPlansDefault = 100
	apiPlansMax     = 500
)

// Parameters of the plan list API.
var (
	levelParam     = param{Name: "level", In: "query", Type: "string", Desc: "plan level: 国家, 省, 市 or 区县"}
	planLimitParam = param{Name: "limit", In: "query", Type: "integer", Desc: "page size (default 100, at most 500)"}
)

// apiPlanList lists the plans the caller may view, newest first, with
// their summaries as of ?as-of=, filtered by ?region= and ?level=, a page
// (?limit=, ?offset=) at a time; total counts them all.
func (s *Server) apiPlanList(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.asOfParam(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	q, err := parsePlanQuery(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", apiPlansDefault, apiPlansMax)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 1<<31-1)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	plans, total, err := s.plansPage(r.Context(), q, limit, offset)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	page, err := s.planSummaries(r.Context(), plans, asOf)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiPlanList{Plans: []apiPlanSummary{}, Total: total, Limit: limit, Offset: offset}
	for _, p := range page {
		out.Plans = append(out.Plans, apiPlanSummary{Plan: toAPIPlan(p.Plan), Summary: toAPISummary(p.Summary, asOf)})
	}
	respond.JSON(w, r, http.StatusOK, out)
}
