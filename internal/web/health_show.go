package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// healthShow answers /healthz: the process is up and serving.
func (s *Server) healthShow(w http.ResponseWriter, r *http.Request) {
	respond.JSON(w, r, http.StatusOK, map[string]string{"status": "ok", "version": s.opt.Version})
}
