package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// signoutCreate ends the browser session (audited as "logout"), clears
// the cookie and shows the sign-in page. Signed out already, it only
// clears the cookie.
func (s *Server) signoutCreate(w http.ResponseWriter, r *http.Request) {
	if err := auth.SignOut(r.Context(), s.st); err != nil {
		respond.Error(w, r, err)
		return
	}
	auth.ClearSessionCookie(w, r)
	respond.Redirect(w, r, "/signin", http.StatusSeeOther)
}
