package web

import "net/http"

// accountShow shows the signed-in user their account: login, role and
// scopes, the password form and their API tokens.
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) {
	id, ok := accountUser(w, r)
	if !ok {
		return
	}
	s.renderAccount(w, r, http.StatusOK, id.User, accountExtra{})
}
