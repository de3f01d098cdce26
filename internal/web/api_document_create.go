package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiDocumentCreate adds a document by URL or upload (multipart/form-data
// with url or file, and tags) and answers 201 with what was stored.
func (s *Server) apiDocumentCreate(w http.ResponseWriter, r *http.Request) {
	res, _, err := s.addDocument(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, apiDocumentAdded{ID: res.DocumentID, Status: string(res.Status),
		Title: res.Title, DuplicateOf: res.DuplicateOf})
}

// apiDocumentAdded is what adding a document did.
type apiDocumentAdded struct {
	ID          string `json:"id"`
	Status      string `json:"status"` // added, duplicate, unchanged, near-duplicate, new version
	Title       string `json:"title"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
}
