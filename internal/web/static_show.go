package web

import (
	"net/http"
	"path"

	"planwatch/internal/web/respond"
)

// staticShow serves an embedded static file: CSS, scripts, ECharts.
// Their URLs carry a content hash (assets.url), so they are cached for a
// year; the type comes from the extension.
func (s *Server) staticShow(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	content, ok := s.assets.open(name)
	if !ok {
		respond.Error(w, r, respond.NotFound("no such file: "+name, nil))
		return
	}
	respond.Asset(w, r, path.Base(name), s.assets.modTime, content)
}
