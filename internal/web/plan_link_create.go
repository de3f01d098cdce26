package web

import (
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/web/respond"
)

// planLinkCreate saves the plan page's 落实上级计划 form (field implements)
// and sends the browser back to the plan's links.
func (s *Server) planLinkCreate(w http.ResponseWriter, r *http.Request) {
	p, err := s.viewablePlan(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	upper := strings.TrimSpace(r.PostFormValue("implements"))
	if upper == "" {
		s.refusePlanForm(w, r, respond.BadRequest("implements: choose the upper plan"), "implements", "links.err.choose")
		return
	}
	if _, err := s.linkPlan(r.Context(), p, upper); err != nil {
		s.refusePlanForm(w, r, err, "implements", "links.err.refused")
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"#links", http.StatusSeeOther)
}
