package web

import (
	"fmt"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPublicationShow returns whether a plan is published, since when, by
// whom and whether names show, for users who may read the plan.
func (s *Server) apiPublicationShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	p, err := s.viewablePlan(ctx, id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pub, err := s.st.Publication(ctx, p.ID)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("plan %s: %w", p.ID, err))
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPublication(pub))
}
