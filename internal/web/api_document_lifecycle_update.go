package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiDocumentLifecycleUpdate archives, restores or deletes a document
// ({"action": "archive|restore|delete"}); needs document.add. A document
// a plan was made from is a 409 naming the plans.
func (s *Server) apiDocumentLifecycleUpdate(w http.ResponseWriter, r *http.Request) {
	action, err := decodeLifecycleRequest(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	got, err := s.changeDocumentLifecycle(r.Context(), r.PathValue("id"), action)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, got)
}
