package web

import (
	"net/http"
	"net/url"
	"slices"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// userShowPage is an account's page: its edit form, state buttons,
// password reset and API tokens.
type userShowPage struct {
	view
	adminChoices
	Account        accountRow
	Form           accountForm // name, role and scopes
	Tokens         []store.APIToken
	NewToken       string // a token just made: shown this once
	PasswordErrors []string
	TokenErrors    []string
	StateErrors    []string
	Done           string // the notice of what was just done (?done=)
	Self           bool   // the administrator's own account
	TokensPath     string // where the token forms post
}

// userShowExtra is what a refused or finished form adds to the page.
type userShowExtra struct {
	Form           *accountForm
	NewToken       string
	PasswordErrors []string
	TokenErrors    []string
	StateErrors    []string
}

// doneNotices are the notices ?done= may ask for.
var doneNotices = []string{"created", "saved", "disabled", "enabled", "unlocked", "password", "revoked"}

// userShow shows an account (by ID or login) to an administrator.
func (s *Server) userShow(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminUser(w, r)
	if !ok {
		return
	}
	s.renderUserShow(w, r, http.StatusOK, u, userShowExtra{})
}

// renderUserShow renders an account's page with status.
func (s *Server) renderUserShow(w http.ResponseWriter, r *http.Request, status int, u store.User, x userShowExtra) {
	ctx := r.Context()
	c, err := s.choices(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	row, toks, err := s.accountDetail(ctx, u)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	me, _ := auth.UserFrom(ctx)
	pg := userShowPage{view: s.newView(r, u.Login, "users"), adminChoices: c, Account: row, Tokens: toks,
		NewToken: x.NewToken, PasswordErrors: x.PasswordErrors, TokenErrors: x.TokenErrors, StateErrors: x.StateErrors,
		Self: me != nil && me.ID == u.ID, TokensPath: "/admin/users/" + url.PathEscape(u.ID) + "/tokens"}
	if d := r.URL.Query().Get("done"); slices.Contains(doneNotices, d) {
		pg.Done = "user.done." + d
	}
	if x.Form != nil {
		pg.Form = *x.Form
	} else {
		pg.Form = accountForm{Login: u.Login, Name: u.Name, Role: u.Role, Scopes: scopeRows(u.Scopes)}
	}
	pg.Form.Scopes = withBlankRows(pg.Form.Scopes)
	respond.HTML(w, r, status, s.pages["user_show"], pg)
}
