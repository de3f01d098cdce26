package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// userUpdate changes an account's display name, role and scopes (all
// scopes are replaced by the form's rows); audited as user.update.
// Mistakes show the page again with them (400).
func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &problems{lang: langFrom(ctx)}
	form, scopes := parseAccountForm(r, p)
	form.Login = u.Login
	if len(p.list) == 0 {
		_, bad, err := s.changeAccount(ctx, p.lang, u.ID, store.UserChange{Name: &form.Name, Role: &form.Role, Scopes: &scopes})
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		if bad != nil {
			p = bad
		}
	}
	if len(p.list) > 0 {
		form.Errors = p.list
		s.renderUserShow(w, r, http.StatusBadRequest, u, userShowExtra{Form: &form})
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(u.ID)+"?done=saved", http.StatusSeeOther)
}
