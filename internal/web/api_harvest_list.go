package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiHarvestList lists the figures harvested for a plan's indicators
// (?state: proposed by default, accepted, rejected, wrong or all), each
// with its source sentence, snapshot link, score and reasons; for the
// plan's editors and admins.
func (s *Server) apiHarvestList(w http.ResponseWriter, r *http.Request) {
	_, list, err := s.harvestOf(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, list)
}
