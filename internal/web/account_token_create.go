package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// accountTokenCreate makes an API token for the signed-in user (a name,
// and days until it expires, empty for never) and shows it on their
// account page this once. Audited as token.create, without the token.
func (s *Server) accountTokenCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := accountUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	name, ttl := parseTokenForm(r, p)
	secret, err := s.makeToken(ctx, p, id.User, name, ttl)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(p.list) > 0 {
		s.renderAccount(w, r, http.StatusBadRequest, id.User, accountExtra{TokenErrors: p.list})
		return
	}
	s.renderAccount(w, r, http.StatusOK, id.User, accountExtra{NewToken: secret})
}
