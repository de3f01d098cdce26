package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"planwatch/internal/store"
)

// allPlans is the scope picker's value for every plan.
const allPlans = "*"

// scopeRow is one plan + unit row of the account form. Plan is "" for
// an unused row, allPlans for every plan, else a plan ID.
type scopeRow struct {
	Plan, Unit string
}

// accountForm is the account form as typed, kept to fill it again after
// a refusal (never the password).
type accountForm struct {
	Login, Name, Role string
	Scopes            []scopeRow
	Errors            []string
}

// emptyScopeRows is how many blank scope rows a form offers.
const emptyScopeRows = 2

// withBlankRows returns rows with blank ones added for new scopes.
func withBlankRows(rows []scopeRow) []scopeRow {
	for range emptyScopeRows {
		rows = append(rows, scopeRow{})
	}
	return rows
}

// scopeRows are an account's scopes as form rows.
func scopeRows(scopes []store.Scope) []scopeRow {
	var rows []scopeRow
	for _, sc := range scopes {
		plan := sc.PlanID
		if plan == "" {
			plan = allPlans
		}
		rows = append(rows, scopeRow{Plan: plan, Unit: sc.Unit})
	}
	return rows
}

// parseAccountForm reads the account form: login, name, role and the
// scope rows (scope_plan and scope_unit, paired in order). A row with a
// unit but no plan is a problem: say "every plan" or name one.
func parseAccountForm(r *http.Request, p *problems) (accountForm, []store.Scope) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := accountForm{Login: v("login"), Name: v("name"), Role: v("role")}
	plans, units := r.PostForm["scope_plan"], r.PostForm["scope_unit"]
	var scopes []store.Scope
	for i := range max(len(plans), len(units)) {
		var row scopeRow
		if i < len(plans) {
			row.Plan = strings.TrimSpace(plans[i])
		}
		if i < len(units) {
			row.Unit = strings.TrimSpace(units[i])
		}
		if row.Plan == "" && row.Unit == "" {
			continue
		}
		f.Scopes = append(f.Scopes, row)
		switch row.Plan {
		case "":
			p.add("user.err.scope_plan", row.Unit)
		case allPlans:
			scopes = append(scopes, store.Scope{Unit: row.Unit})
		default:
			scopes = append(scopes, store.Scope{PlanID: row.Plan, Unit: row.Unit})
		}
	}
	return f, scopes
}

// accountRow is an account as the lists show it.
type accountRow struct {
	store.User
	LastSignIn time.Time // zero: never, or before the audit log's retention
	Locked     bool
}

// adminChoices are what the account forms offer: roles and plans.
type adminChoices struct {
	Roles  []string
	Plans  []store.Plan
	titles map[string]string
}

// PlanTitle is a scope's plan as the page shows it.
func (c adminChoices) PlanTitle(id string) string {
	if t, ok := c.titles[id]; ok {
		return t
	}
	return id
}

// choices loads the roles and every plan, for the scope pickers.
func (s *Server) choices(ctx context.Context) (adminChoices, error) {
	plans, err := s.st.Plans(ctx, store.PlanFilter{Archived: store.ArchivedAlso})
	if err != nil {
		return adminChoices{}, fmt.Errorf("plans: %w", err)
	}
	c := adminChoices{Roles: store.UserRoles, Plans: plans, titles: map[string]string{}}
	for _, p := range plans {
		c.titles[p.ID] = p.Title
	}
	return c, nil
}

// accountRowOf adds what the lists show to an account.
func (s *Server) accountRowOf(ctx context.Context, u store.User) (accountRow, error) {
	last, err := s.lastSignIn(ctx, u.Login)
	if err != nil {
		return accountRow{}, fmt.Errorf("user %s: %w", u.Login, err)
	}
	return accountRow{User: u, LastSignIn: last, Locked: u.Locked(s.now())}, nil
}

// accountDetail is an account as its page and the API show it: the
// list's row and its API tokens' records.
func (s *Server) accountDetail(ctx context.Context, u store.User) (accountRow, []store.APIToken, error) {
	row, err := s.accountRowOf(ctx, u)
	if err != nil {
		return accountRow{}, nil, err
	}
	toks, err := s.st.APITokens(ctx, u.ID)
	if err != nil {
		return accountRow{}, nil, fmt.Errorf("user %s: %w", u.Login, err)
	}
	return row, toks, nil
}
