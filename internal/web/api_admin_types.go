package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// API types of the administration routes (accounts, audit log).

// apiScope is one grant of an account: plan_id "" means every plan; a
// unit only for reporters.
type apiScope struct {
	PlanID string `json:"plan_id"`
	Unit   string `json:"unit"`
}

// apiUser is an account, without anything of its password.
type apiUser struct {
	ID                string     `json:"id"`
	Login             string     `json:"login"`
	Name              string     `json:"name"`
	Role              string     `json:"role"`
	Disabled          bool       `json:"disabled"`
	LockedUntil       string     `json:"locked_until,omitempty"` // RFC 3339, while locked
	Scopes            []apiScope `json:"scopes"`
	CreatedAt         string     `json:"created_at"`
	PasswordChangedAt string     `json:"password_changed_at"`
	LastSignIn        string     `json:"last_sign_in,omitempty"` // from the audit log
}

type apiUserList struct {
	Users []apiUser `json:"users"`
}

// apiToken is an API token's record; the token itself is never shown
// again after it is made.
type apiToken struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreatedAt  string `json:"created_at"`
	LastUsedAt string `json:"last_used_at,omitempty"`
	ExpiresAt  string `json:"expires_at,omitempty"`
}

type apiUserDetail struct {
	User   apiUser    `json:"user"`
	Tokens []apiToken `json:"tokens"`
}

// apiUserInput is a new account: the password is checked against the
// policy of `planwatch user add`.
type apiUserInput struct {
	Login    string     `json:"login"`
	Name     string     `json:"name"`
	Role     string     `json:"role"`
	Password string     `json:"password"`
	Scopes   []apiScope `json:"scopes"`
}

// apiUserChange changes an account; absent fields stay as they are.
// scopes replaces every scope.
type apiUserChange struct {
	Name     *string     `json:"name,omitempty"`
	Role     *string     `json:"role,omitempty"`
	Scopes   *[]apiScope `json:"scopes,omitempty"`
	Disabled *bool       `json:"disabled,omitempty"`
}

// apiAuditEntry is an entry of the log, as the JSONL export writes it
// but for the time: RFC 3339 in UTC, as everywhere in the API.
type apiAuditEntry store.AuditJSON

// apiAuditChain is the result of checking the log's hash chain.
type apiAuditChain struct {
	Intact   bool   `json:"intact"`
	Entries  int64  `json:"entries"`
	FirstSeq int64  `json:"first_seq"`
	LastSeq  int64  `json:"last_seq"`
	SHA256   string `json:"sha256"`           // the last entry's hash, worth noting outside the database
	Broken   string `json:"broken,omitempty"` // where the chain breaks
}

type apiAuditList struct {
	Entries    []apiAuditEntry `json:"entries"`     // newest first
	NextBefore int64           `json:"next_before"` // pass as ?before= for the next page; 0 on the last
	Chain      *apiAuditChain  `json:"chain"`       // null unless ?verify=1
}

// rfc3339 formats a time for the API; "" for zero.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func toAPIUser(row accountRow) apiUser {
	u := apiUser{ID: row.ID, Login: row.Login, Name: row.Name, Role: row.Role, Disabled: row.Disabled,
		Scopes: []apiScope{}, CreatedAt: rfc3339(row.CreatedAt), PasswordChangedAt: rfc3339(row.PasswordChangedAt),
		LastSignIn: rfc3339(row.LastSignIn)}
	if row.Locked {
		u.LockedUntil = rfc3339(row.LockedUntil)
	}
	for _, sc := range row.Scopes {
		u.Scopes = append(u.Scopes, apiScope{PlanID: sc.PlanID, Unit: sc.Unit})
	}
	return u
}

func fromAPIScopes(in []apiScope) []store.Scope {
	out := make([]store.Scope, 0, len(in))
	for _, sc := range in {
		out = append(out, store.Scope{PlanID: sc.PlanID, Unit: sc.Unit})
	}
	return out
}

// decodeBody reads a JSON request body into v; unknown fields are a
// mistake worth telling (a misspelt "role" would otherwise be ignored).
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return respond.BadRequest("request body: " + err.Error())
	}
	return nil
}

// problemsError is the API's answer to an input with mistakes: 400, or
// 409 when the login is taken.
func problemsError(p *problems) error {
	msg := strings.Join(p.list, "; ")
	if p.conflict {
		return &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: msg}
	}
	return respond.BadRequest(msg)
}
