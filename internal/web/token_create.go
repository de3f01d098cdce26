package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// tokenCreate makes an API token for an account's scripts (a name, and
// days until it expires, empty for never) and shows it on the account's
// page this once: only its hash is stored. Audited as token.create,
// without the token.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	name, ttl := parseTokenForm(r, p)
	secret, err := s.makeToken(ctx, p, u, name, ttl)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(p.list) > 0 {
		s.renderUserShow(w, r, http.StatusBadRequest, u, userShowExtra{TokenErrors: p.list})
		return
	}
	s.renderUserShow(w, r, http.StatusOK, u, userShowExtra{NewToken: secret})
}
