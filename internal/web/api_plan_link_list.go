package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPlanLinkList gives the plans a plan implements and those that
// implement it, of the ones the caller may read.
func (s *Server) apiPlanLinkList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	links, err := s.planLinks(ctx, p)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, links)
}
