package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUserCreate adds an account from a JSON body (login, name, role,
// password, scopes), checked as the accounts page checks it; audited as
// user.create. Mistakes are a 400 naming them, a taken login a 409.
func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUsers) {
		return
	}
	var in apiUserInput
	if err := decodeBody(r, &in); err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	u, bad, err := s.createAccount(ctx, langFrom(ctx), accountInput{Login: in.Login, Name: in.Name, Role: in.Role,
		Password: in.Password, Password2: in.Password, Scopes: fromAPIScopes(in.Scopes)})
	if err == nil && bad != nil {
		err = problemsError(bad)
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s.writeAPIUser(w, r, u)
}
