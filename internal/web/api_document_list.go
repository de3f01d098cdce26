package web

import (
	"fmt"
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// apiDocumentList lists documents, newest first, filtered by ?region=,
// ?year=, ?kind=, ?tag=, a page at a time (?limit=, ?offset=).
func (s *Server) apiDocumentList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.DocumentFilter{Region: strings.TrimSpace(q.Get("region")), Kind: strings.TrimSpace(q.Get("kind")),
		Tag: strings.TrimSpace(q.Get("tag"))}
	var err error
	if f.Year, err = intParam(r, "year", 0, 9999); err != nil {
		respond.Error(w, r, err)
		return
	}
	if f.Limit, err = intParam(r, "limit", searchPageSize, 100); err != nil {
		respond.Error(w, r, err)
		return
	}
	if f.Offset, err = intParam(r, "offset", 0, 1<<30); err != nil {
		respond.Error(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = searchPageSize
	}
	docs, err := s.st.Documents(r.Context(), f)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("documents: %w", err))
		return
	}
	out := apiDocumentList{Documents: []apiDocument{}}
	for _, d := range docs {
		out.Documents = append(out.Documents, toAPIDocument(d))
	}
	respond.JSON(w, r, http.StatusOK, out)
}
