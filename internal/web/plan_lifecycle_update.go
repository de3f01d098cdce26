package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// planLifecycleUpdate archives, restores or deletes a plan from the plan
// page's form (field action), then sends the browser back to the plan,
// or to the plan list once it is deleted.
func (s *Server) planLifecycleUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := s.viewablePlan(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	action, err := parseLifecycleAction(r.PostFormValue("action"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if _, err := s.changePlanLifecycle(r.Context(), p.ID, action); err != nil {
		respond.Error(w, r, err)
		return
	}
	if action == "delete" {
		respond.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"#lifecycle", http.StatusSeeOther)
}
