package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// passwordUpdate sets a new password for an account, typed twice and
// checked against the policy, as `planwatch user passwd` does: the lockout
// is cleared and the account's sessions end. Audited as user.password
// (without the password or its hash).
func (s *Server) passwordUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	hash := checkPassword(p, u.Login, r.PostFormValue("password"), r.PostFormValue("password2"))
	if len(p.list) > 0 {
		s.renderUserShow(w, r, http.StatusBadRequest, u, userShowExtra{PasswordErrors: p.list})
		return
	}
	if err := s.st.SetPassword(ctx, u.ID, hash); err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := auth.Record(ctx, s.st, "user.password", "user", u.ID, nil, nil); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(u.ID)+"?done=password", http.StatusSeeOther)
}
