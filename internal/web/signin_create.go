package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// signinCreate signs a user in: it checks the login and password (or a
// one-time code), with the throttles per address and per account and
// address and the account lockout, all audited by auth.SignIn; sets the
// session cookie and sends the browser on to the form's next (a local
// path). A refused attempt shows the form again with the reason, which
// never says whether the login exists: 401, or 429 with Retry-After when
// the address must wait.
func (s *Server) signinCreate(w http.ResponseWriter, r *http.Request) {
	login := strings.TrimSpace(r.PostFormValue("login"))
	password := r.PostFormValue("password")
	next := localNext(r.PostFormValue("next"))
	if login == "" || password == "" {
		s.renderSignin(w, r, http.StatusBadRequest, signinPage{Next: next, Login: login,
			Error: translate(langFrom(r.Context()), "signin.missing")})
		return
	}
	token, err := s.auth.SignIn(r.Context(), login, password, auth.ClientIP(r), r.UserAgent())
	if err != nil {
		var ae *auth.Error
		if !errors.As(err, &ae) {
			respond.Error(w, r, err)
			return
		}
		// An audit write may have failed alongside the refusal: log it.
		if err != error(ae) {
			respond.From(r.Context()).Log.Error("sign-in audit", "err", err)
		}
		status := http.StatusUnauthorized
		if ae.Retry > 0 {
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", strconv.Itoa(int(ae.Retry.Seconds())))
		}
		msg := auth.Zh(err)
		if langFrom(r.Context()) == langEN {
			msg = ae.En
		}
		s.renderSignin(w, r, status, signinPage{Next: next, Login: login, Error: msg})
		return
	}
	auth.SetSessionCookie(w, r, token)
	respond.Redirect(w, r, next, http.StatusSeeOther)
}
