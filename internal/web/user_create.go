package web

import (
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// userCreate adds an account from the accounts page's form: login,
// display name, role, plan + unit scopes and the first password typed
// twice, checked as `planwatch user add` checks them; audited as
// user.create. Mistakes show the form again with them (400).
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	form, scopes := parseAccountForm(r, p)
	in := accountInput{Login: form.Login, Name: form.Name, Role: form.Role, Scopes: scopes,
		Password: r.PostFormValue("password"), Password2: r.PostFormValue("password2")}
	var id string
	if len(p.list) == 0 {
		u, bad, err := s.createAccount(ctx, p.lang, in)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		if bad != nil {
			p = bad
		}
		id = u.ID
	}
	if len(p.list) > 0 {
		form.Errors = p.list
		if strings.TrimSpace(form.Role) == "" {
			form.Role = "viewer"
		}
		form.Scopes = withBlankRows(form.Scopes)
		s.renderUserList(w, r, http.StatusBadRequest, form)
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(id)+"?done=created", http.StatusSeeOther)
}
