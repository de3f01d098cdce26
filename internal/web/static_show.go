package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// staticShow serves an embedded static file: CSS, scripts, ECharts. Pages
// link them by hashed name (assets.url), which may be kept for a year;
// the plain name is revalidated by its ETag. Clients that accept gzip get
// the copy compressed at start-up.
func (s *Server) staticShow(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	f, versioned, ok := s.assets.lookup(name)
	if !ok {
		respond.Error(w, r, respond.NotFound("no such file: "+name, nil))
		return
	}
	respond.Asset(w, r, respond.Static{Name: name, Type: f.ctype, Body: f.body, Gzip: f.gzip, Hash: f.hash, Versioned: versioned})
}
