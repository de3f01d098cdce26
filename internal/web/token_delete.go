package web

import (
	"net/http"
	"net/url"
	"slices"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// tokenDelete revokes one API token of an account; a token of another
// account is a 404. Audited as token.revoke.
func (s *Server) tokenDelete(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	u, err := s.userFromPath(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	toks, err := s.st.APITokens(ctx, u.ID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	id := r.PathValue("token")
	i := slices.IndexFunc(toks, func(t store.APIToken) bool { return t.ID == id })
	if i < 0 {
		respond.Error(w, r, respond.NotFound("API token "+id+" not found", nil))
		return
	}
	if err := s.st.DeleteAPIToken(ctx, id); err != nil {
		respond.Error(w, r, notFound(err, "API token "+id))
		return
	}
	if err := auth.Record(ctx, s.st, "token.revoke", "api_token", id, toks[i], nil); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(u.ID)+"?done=revoked", http.StatusSeeOther)
}
