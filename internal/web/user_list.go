package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// userListPage is the accounts page's data.
type userListPage struct {
	view
	adminChoices
	Accounts []accountRow
	Form     accountForm // the add form
}

// userList lists the accounts (role, scopes, state, last sign-in) with
// the form to add one. Admins only.
func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	s.renderUserList(w, r, http.StatusOK, accountForm{Role: "viewer", Scopes: withBlankRows(nil)})
}

// renderUserList renders the accounts page with the add form as given.
func (s *Server) renderUserList(w http.ResponseWriter, r *http.Request, status int, form accountForm) {
	ctx := r.Context()
	c, err := s.choices(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	users, err := s.st.Users(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := userListPage{view: s.newView(r, translate(langFrom(ctx), "users.title"), "users"), adminChoices: c, Form: form}
	for _, u := range users {
		row, err := s.accountRowOf(ctx, u)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.Accounts = append(pg.Accounts, row)
	}
	respond.HTML(w, r, status, s.pages["user_list"], pg)
}
