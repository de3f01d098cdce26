package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// publicPlanShow shows a published plan read-only, without sign-in: the
// outline, tasks with status and progress, and indicators, but no latest
// notes, no update authors and no links into the internal pages.
//
// Which plans are published is, for now, the server option
// Options.Public (planwatch serve --public PLAN); with accounts it
// becomes a flag on the plan that a plan editor sets. An unpublished or
// unknown plan is a 404 either way, so the public URL does not reveal
// which plans exist.
func (s *Server) publicPlanShow(w http.ResponseWriter, r *http.Request) {
	f, err := parseTaskFilter(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	p, err := s.st.Plan(r.Context(), id)
	if err != nil {
		respond.Error(w, r, notFound(err, "plan "+id))
		return
	}
	if !s.public[p.ID] {
		respond.Error(w, r, respond.NotFound("plan "+id+" not found", nil))
		return
	}
	d, err := s.loadPlan(r.Context(), p.ID, endOfDay(s.now()), f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := s.planPage(r, d, true)
	respond.HTML(w, r, http.StatusOK, s.pages["plan_show"], pg)
}
