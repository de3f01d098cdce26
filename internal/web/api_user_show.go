package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// apiUserShow returns an account (by ID or login) with its API tokens'
// records. Admins only.
func (s *Server) apiUserShow(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	s.writeAPIUser(w, r, u)
}

// writeAPIUser answers with an account and its tokens.
func (s *Server) writeAPIUser(w http.ResponseWriter, r *http.Request, u store.User) {
	ctx := r.Context()
	row, toks, err := s.accountDetail(ctx, u)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiUserDetail{User: toAPIUser(row), Tokens: []apiToken{}}
	for _, t := range toks {
		out.Tokens = append(out.Tokens, apiToken{ID: t.ID, Name: t.Name, CreatedAt: rfc3339(t.CreatedAt),
			LastUsedAt: rfc3339(t.LastUsedAt), ExpiresAt: rfc3339(t.ExpiresAt)})
	}
	respond.JSON(w, r, http.StatusOK, out)
}
