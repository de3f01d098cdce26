package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// API tokens are made and revoked the same way from an account's admin
// page and from the user's own account page; these are the shared steps.

// maxTokenDays bounds a token's lifetime as typed (ten years); empty
// means no expiry.
const maxTokenDays = 3650

// parseTokenForm reads the token form: a name, and days until the token
// expires (empty for never).
func parseTokenForm(r *http.Request, p *problems) (name string, ttl time.Duration) {
	name = strings.TrimSpace(r.PostFormValue("name"))
	if name == "" {
		p.add("token.err.name", "")
	}
	if d := strings.TrimSpace(r.PostFormValue("days")); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > maxTokenDays {
			p.add("token.err.days", d)
		}
		ttl = time.Duration(n) * 24 * time.Hour
	}
	return name, ttl
}

// makeToken makes an API token for u and returns it, the only time it
// exists outside the caller's page (only its hash is stored). Audited as
// token.create, without the token. A disabled account gets none: a
// problem, and "" with a nil error.
func (s *Server) makeToken(ctx context.Context, p *problems, u store.User, name string, ttl time.Duration) (string, error) {
	if u.Disabled {
		p.add("token.err.disabled", "")
	}
	if len(p.list) > 0 {
		return "", nil
	}
	secret, tok, err := s.st.CreateAPIToken(ctx, u.ID, name, ttl)
	if err != nil {
		return "", err
	}
	if err := auth.Record(ctx, s.st, "token.create", "api_token", tok.ID, nil, tok); err != nil {
		return "", err
	}
	return secret, nil
}

// revokeToken deletes the API token id of the account userID, audited as
// token.revoke. A token of another account is not found, like one that
// does not exist: the answer must not tell them apart.
func (s *Server) revokeToken(ctx context.Context, userID, id string) error {
	toks, err := s.st.APITokens(ctx, userID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(toks, func(t store.APIToken) bool { return t.ID == id })
	if i < 0 {
		return respond.NotFound("API token "+id+" not found", nil)
	}
	if err := s.st.DeleteAPIToken(ctx, id); err != nil {
		return notFound(err, "API token "+id)
	}
	return auth.Record(ctx, s.st, "token.revoke", "api_token", id, toks[i], nil)
}
