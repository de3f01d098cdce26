package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// maxTokenDays bounds a token's lifetime as typed (ten years); empty
// means no expiry.
const maxTokenDays = 3650

// tokenCreate makes an API token for an account's scripts (a name, and
// days until it expires, empty for never) and shows it on the account's
// page this once: only its hash is stored. Audited as token.create,
// without the token.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	u, err := s.userFromPath(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" {
		p.add("token.err.name", "")
	}
	var ttl time.Duration
	if d := strings.TrimSpace(r.PostFormValue("days")); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > maxTokenDays {
			p.add("token.err.days", d)
		}
		ttl = time.Duration(n) * 24 * time.Hour
	}
	if u.Disabled {
		p.add("token.err.disabled", "")
	}
	if len(p.list) > 0 {
		s.renderUserShow(w, r, http.StatusBadRequest, u, userShowExtra{TokenErrors: p.list})
		return
	}
	secret, tok, err := s.st.CreateAPIToken(ctx, u.ID, name, ttl)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := auth.Record(ctx, s.st, "token.create", "api_token", tok.ID, nil, tok); err != nil {
		respond.Error(w, r, err)
		return
	}
	s.renderUserShow(w, r, http.StatusOK, u, userShowExtra{NewToken: secret})
}
