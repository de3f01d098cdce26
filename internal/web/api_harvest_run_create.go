package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiHarvestRunCreate matches the whole library against a plan (the
// back-fill) and answers with what it found; needs plan.edit.
func (s *Server) apiHarvestRunCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	res, err := s.runHarvest(ctx, p)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, res)
}
