package web

import (
	"context"
	"net/http"
	"time"

	"planwatch/internal/web/respond"
)

// readyShow answers /readyz: 200 when the database answers a query within
// two seconds, 503 otherwise.
func (s *Server) readyShow(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.st.CountDocuments(ctx); err != nil {
		respond.Error(w, r, respond.Unavailable("database unavailable", err))
		return
	}
	respond.JSON(w, r, http.StatusOK, map[string]string{"status": "ready", "database": s.st.Dialect()})
}
