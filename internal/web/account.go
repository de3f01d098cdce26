package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The account page (/account): every signed-in user's own login, role
// and scopes, their password and their API tokens. Any role may hold
// tokens: a token acts with exactly its account's permissions (auth.Can
// is asked the same way for it), so it grants nothing the user cannot do
// in the browser — reading for viewers and auditors, writing for
// admins, editors and reporters. The changes are audited with the
// actions the admin pages use (user.password, token.create,
// token.revoke), the user being the actor.

func init() {
	pageNames = append(pageNames, "account_show")
}

// accountPage is the account page's data.
type accountPage struct {
	view
	adminChoices   // for the scopes' plan titles
	Account        store.User
	Tokens         []store.APIToken
	NewToken       string // a token just made: shown this once
	TokenErrors    []string
	PasswordErrors []string
	Done           string // the notice of what was just done (?done=)
	TokensPath     string
}

// accountExtra is what a refused or finished form adds to the page.
type accountExtra struct {
	NewToken       string
	TokenErrors    []string
	PasswordErrors []string
}

// accountDone are the notices ?done= may ask for on the account page.
var accountDone = map[string]string{"password": "account.done.password", "revoked": "user.done.revoked"}

// accountUser is the preamble of the account handlers: the signed-in
// user of a browser session. A request with an API token is refused
// (403): a token must not change its account's password or mint tokens
// that outlive its own revocation.
func accountUser(w http.ResponseWriter, r *http.Request) (*auth.Identity, bool) {
	id := auth.IdentityFrom(r.Context())
	if id == nil || id.SessionID == "" {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(r.Context()), "account.browser_only")))
		return nil, false
	}
	return id, true
}

// renderAccount renders the user's account page with status.
func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, u store.User, x accountExtra) {
	ctx := r.Context()
	c, err := s.choices(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	toks, err := s.st.APITokens(ctx, u.ID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := accountPage{view: s.newView(r, translate(langFrom(ctx), "account.title"), "account"), adminChoices: c,
		Account: u, Tokens: toks, NewToken: x.NewToken, TokenErrors: x.TokenErrors, PasswordErrors: x.PasswordErrors,
		TokensPath: "/account/tokens"}
	pg.Done = accountDone[r.URL.Query().Get("done")]
	respond.HTML(w, r, status, s.pages["account_show"], pg)
}
