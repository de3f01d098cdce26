package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// userStateUpdate disables, enables or unlocks an account (?op= in the
// form: disable, enable, unlock), as `planwatch user disable|enable|
// unlock` does. Disabling ends the account's sessions and deletes its API
// tokens. Audited as user.disable, user.enable, user.unlock.
func (s *Server) userStateUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	op := r.PostFormValue("op")
	var (
		bad *problems
		err error
	)
	switch op {
	case "disable", "enable":
		off := op == "disable"
		_, bad, err = s.changeAccount(ctx, langFrom(ctx), u.ID, store.UserChange{Disabled: &off})
	case "unlock":
		if err = s.st.ResetLoginFailures(ctx, u.ID); err == nil {
			if s.auth.Throttle != nil {
				s.auth.Throttle.Forget(u.Login) // this server's delays on the account go too
			}
			err = auth.Record(ctx, s.st, "user.unlock", "user", u.ID, nil, nil)
		}
	default:
		respond.Error(w, r, respond.BadRequest("op "+op+": want disable, enable or unlock"))
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if bad != nil {
		s.renderUserShow(w, r, http.StatusBadRequest, u, userShowExtra{StateErrors: bad.list})
		return
	}
	respond.Redirect(w, r, "/admin/users/"+url.PathEscape(u.ID)+"?done="+map[string]string{"disable": "disabled", "enable": "enabled", "unlock": "unlocked"}[op], http.StatusSeeOther)
}
