package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/respond"
)

// apiCooperationShow returns the cooperation network between regions,
// optionally within a region group (?group=).
func (s *Server) apiCooperationShow(w http.ResponseWriter, r *http.Request) {
	n, err := s.cooperationNetwork(r.Context(), strings.TrimSpace(r.URL.Query().Get("group")))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	n.Nodes, n.Edges = nonNil(n.Nodes), nonNil(n.Edges)
	respond.JSON(w, r, http.StatusOK, n)
}
