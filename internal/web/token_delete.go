package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// tokenDelete revokes one API token of an account; a token of another
// account is a 404. Audited as token.revoke.
func (s *Server) tokenDelete(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	if err := s.revokeToken(r.Context(), u.ID, r.PathValue("token")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(u.ID)+"?done=revoked", http.StatusSeeOther)
}
