package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// signinPage is the sign-in page's data.
type signinPage struct {
	view
	Next  string // where to go after signing in: a local path
	Login string // kept after a failed attempt
	Error string // why the last attempt failed, in the page's language
}

// signinShow shows the sign-in form. A signed-in user goes straight on
// to ?next= (a local path; anything else means the plans).
func (s *Server) signinShow(w http.ResponseWriter, r *http.Request) {
	next := localNext(r.URL.Query().Get("next"))
	if auth.IdentityFrom(r.Context()) != nil {
		respond.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderSignin(w, r, http.StatusOK, signinPage{Next: next})
}

// renderSignin renders the sign-in page with status.
func (s *Server) renderSignin(w http.ResponseWriter, r *http.Request, status int, pg signinPage) {
	pg.view = s.newView(r, translate(langFrom(r.Context()), "signin.title"), "signin")
	respond.HTML(w, r, status, s.pages["signin_show"], pg)
}
