package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUserList lists the accounts, by login. Admins only.
func (s *Server) apiUserList(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	ctx := r.Context()
	users, err := s.st.Users(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiUserList{Users: []apiUser{}}
	for _, u := range users {
		row, err := s.accountRowOf(ctx, u)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		out.Users = append(out.Users, toAPIUser(row))
	}
	respond.JSON(w, r, http.StatusOK, out)
}
