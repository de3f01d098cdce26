package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// accountTokenDelete revokes one of the signed-in user's API tokens; a
// token of anyone else is a 404, as one that does not exist. Audited as
// token.revoke.
func (s *Server) accountTokenDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := accountUser(w, r)
	if !ok {
		return
	}
	if err := s.revokeToken(r.Context(), id.User.ID, r.PathValue("token")); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/account?done=revoked", http.StatusSeeOther)
}
