package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// apiUserUpdate changes an account's name, role, scopes or disabled flag
// from a JSON body (absent fields stay); audited as user.update (or
// user.disable, user.enable). Mistakes are a 400 naming them.
func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	var in apiUserChange
	if err := decodeBody(r, &in); err != nil {
		respond.Error(w, r, err)
		return
	}
	c := store.UserChange{Name: in.Name, Role: in.Role, Disabled: in.Disabled}
	if in.Scopes != nil {
		scopes := fromAPIScopes(*in.Scopes)
		c.Scopes = &scopes
	}
	ctx := r.Context()
	after, bad, err := s.changeAccount(ctx, langFrom(ctx), u.ID, c)
	if err == nil && bad != nil {
		err = problemsError(bad)
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s.writeAPIUser(w, r, after)
}
