package web

import (
	"fmt"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiSearchShow searches the library: ?q= (folded like the documents)
// with ?region=, ?year=, ?kind=, ?tag=, ?limit=, ?offset=.
func (s *Server) apiSearchShow(w http.ResponseWriter, r *http.Request) {
	_, q, err := parseSearch(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if q.Limit, err = intParam(r, "limit", searchPageSize, 100); err != nil {
		respond.Error(w, r, err)
		return
	}
	if q.Offset, err = intParam(r, "offset", 0, 1<<30); err != nil {
		respond.Error(w, r, err)
		return
	}
	if q.Limit == 0 {
		q.Limit = searchPageSize
	}
	res, err := s.st.SearchPage(r.Context(), q)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("search: %w", err))
		return
	}
	out := apiSearchResult{Total: res.Total, TotalApprox: res.TotalApprox, Hits: []apiHit{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, apiHit{Document: toAPIDocument(h.Document), Score: h.Score, Snippet: h.Snippet, Match: h.Match})
	}
	respond.JSON(w, r, http.StatusOK, out)
}
