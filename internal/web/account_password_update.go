package web

import (
	"net/http"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// accountPasswordUpdate changes the signed-in user's own password: the
// current one, then the new one typed twice and checked against the
// policy of `planwatch user add`. The user's other sessions end; this one
// stays. Audited as user.password.
//
// A wrong current password counts as a failed sign-in (the account's
// lockout, store.MaxLoginFailures) and is audited as
// user.password.failure: someone at an unattended signed-in browser must
// not get unlimited guesses at the password.
func (s *Server) accountPasswordUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := accountUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	u := id.User
	p := &problems{lang: langFrom(ctx)}
	current, pw := r.PostFormValue("current"), r.PostFormValue("password")
	switch {
	case u.Locked(time.Now()): // the lockout runs on the wall clock, as auth.SignIn's does
		p.add("account.err.locked", u.LockedUntil.Local().Format(time.DateTime))
	case current == "":
		p.add("account.err.no_current", "")
	case !passwordMatches(u.PasswordHash, current):
		p.add("account.err.current", "")
		if err := s.wrongCurrentPassword(r, u); err != nil {
			respond.Error(w, r, err)
			return
		}
	case pw != "" && passwordMatches(u.PasswordHash, pw):
		p.add("account.err.same", "")
	}
	var hash string
	if len(p.list) == 0 {
		hash = checkPassword(p, u.Login, pw, r.PostFormValue("password2"))
	}
	if len(p.list) > 0 {
		s.renderAccount(w, r, http.StatusBadRequest, u, accountExtra{PasswordErrors: p.list})
		return
	}
	if err := s.st.ChangePassword(ctx, u.ID, hash, id.SessionID); err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := auth.Record(ctx, s.st, "user.password", "user", u.ID, nil, map[string]bool{"self": true}); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}

// passwordMatches reports whether password is the one hash was made of;
// a hash that cannot be read (an account made without a password) never
// matches.
func passwordMatches(hash, password string) bool {
	ok, _, err := auth.VerifyPassword(hash, password)
	return err == nil && ok
}

// wrongCurrentPassword counts a wrong current password as a failed
// sign-in and audits it.
func (s *Server) wrongCurrentPassword(r *http.Request, u store.User) error {
	ctx := r.Context()
	until, err := s.st.RecordLoginFailure(ctx, u.ID, time.Now())
	if err != nil {
		return err
	}
	detail := map[string]string{"reason": "wrong current password"}
	if !until.IsZero() {
		detail["locked_until"] = until.Format(time.RFC3339)
	}
	return auth.Record(ctx, s.st, "user.password.failure", "user", u.ID, nil, detail)
}
