package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/unitname"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The administration pages: accounts and their API tokens at
// /admin/users (admins), the audit log at /admin/audit (admins and
// auditors), and the same under /api/v1. Accounts are made and changed
// with the store functions and auth checks `planwatch user` uses, and
// every change is written to the audit log with the same action names.

func init() {
	// The admin templates are parsed with the others by parsePages.
	pageNames = append(pageNames, "user_list", "user_show", "audit_list")
}

// CanManageUsers reports whether the menu offers the accounts page.
func (v view) CanManageUsers() bool { return auth.Can(v.user, auth.ManageUsers, auth.Target{}) }

// CanReadAudit reports whether the menu offers the audit log.
func (v view) CanReadAudit() bool { return auth.Can(v.user, auth.ReadAudit, auth.Target{}) }

// RoleName is a role's label in the page's language.
func (v view) RoleName(role string) string { return translate(v.Lang, "role."+role) }

// allowed answers 403 unless the request's user may do a (an action
// without a plan: user.manage, audit.read), and reports whether they may.
func allowed(w http.ResponseWriter, r *http.Request, a auth.Action) bool {
	u, _ := auth.UserFrom(r.Context())
	if auth.Can(u, a, auth.Target{}) {
		return true
	}
	respond.Error(w, r, respond.Forbidden(translate(langFrom(r.Context()), "admin.forbidden")))
	return false
}

// adminUser is the preamble of every handler on one account: it answers
// 403 unless the request's user may manage accounts, 404 when the path
// names no account, and reports whether the handler goes on.
func (s *Server) adminUser(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	if !allowed(w, r, auth.ManageUsers) {
		return store.User{}, false
	}
	u, err := s.userFromPath(r)
	if err != nil {
		respond.Error(w, r, err)
		return store.User{}, false
	}
	return u, true
}

// accountInput is an account as an administrator gave it, in a form or
// in the API. Scopes name plans by ID or unique prefix; PlanID "" is
// every plan.
type accountInput struct {
	Login, Name, Role   string
	Password, Password2 string // the second typing; the API sends it once
	Scopes              []store.Scope
}

// problems collects what is wrong with an input, in the page's language.
type problems struct {
	lang     string
	list     []string
	conflict bool // the login is taken (the API answers 409)
}

func (p *problems) add(key, detail string) {
	msg := translate(p.lang, key)
	if detail != "" {
		msg += ": " + detail
	}
	p.list = append(p.list, msg)
}

// checkPassword checks a new password typed twice against the policy
// `planwatch user` applies, and returns its hash.
func checkPassword(p *problems, login, pw, again string) string {
	switch {
	case pw == "":
		p.add("user.err.password_missing", "")
	case pw != again:
		p.add("user.err.password_differ", "")
	default:
		if err := auth.CheckPassword(login, pw); err != nil {
			if p.lang == langEN {
				p.add("user.err.password", err.Error())
			} else {
				p.add("user.err.password", auth.Zh(err))
			}
			return ""
		}
		h, err := auth.HashPassword(pw)
		if err != nil {
			p.add("user.err.password", err.Error())
			return ""
		}
		return h
	}
	return ""
}

// resolveScopes turns plan prefixes into full IDs and units into the
// names the unit registry gives them (in the plan's region, or any region
// for every plan); an unknown plan or unit is a problem, the unit's with
// the closest names. The role's rules on scopes are the store's
// (ErrInvalid).
func (s *Server) resolveScopes(ctx context.Context, p *problems, scopes []store.Scope) ([]store.Scope, error) {
	out := make([]store.Scope, 0, len(scopes))
	for _, sc := range scopes {
		sc.PlanID, sc.Unit = strings.TrimSpace(sc.PlanID), strings.TrimSpace(sc.Unit)
		if sc.PlanID != "" {
			pl, err := s.st.Plan(ctx, sc.PlanID)
			if errors.Is(err, store.ErrNotFound) {
				p.add("user.err.plan", sc.PlanID)
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("scope plan %s: %w", sc.PlanID, err)
			}
			sc.PlanID = pl.ID
		}
		if sc.Unit != "" {
			name, err := s.st.ScopeUnit(ctx, sc.PlanID, sc.Unit)
			if errors.Is(err, store.ErrInvalid) {
				p.add("user.err.unit", unitProblem(p.lang, err))
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("scope unit %s: %w", sc.Unit, err)
			}
			sc.Unit = name
		}
		out = append(out, sc)
	}
	return out, nil
}

// storeProblem turns a refusal of the store (a bad login, role or
// scopes; a login taken) into a problem; other errors stay errors.
func storeProblem(p *problems, err error) error {
	switch {
	case errors.Is(err, store.ErrInvalid):
		p.add("user.err.invalid", err.Error())
	case errors.Is(err, store.ErrConflict):
		p.add("user.err.taken", "")
		p.conflict = true
	default:
		return err
	}
	return nil
}

// createAccount checks an input and stores the account, audited as
// user.create. Problems (nil when none) are the administrator's to fix;
// the error is not.
func (s *Server) createAccount(ctx context.Context, lang string, in accountInput) (store.User, *problems, error) {
	p := &problems{lang: lang}
	in.Login = store.NormalizeLogin(in.Login)
	if in.Login == "" {
		p.add("user.err.login_missing", "")
	}
	if !slices.Contains(store.UserRoles, in.Role) {
		p.add("user.err.role", in.Role)
	}
	hash := checkPassword(p, in.Login, in.Password, in.Password2)
	scopes, err := s.resolveScopes(ctx, p, in.Scopes)
	if err != nil {
		return store.User{}, nil, err
	}
	if len(p.list) > 0 {
		return store.User{}, p, nil
	}
	u, err := s.st.CreateUser(ctx, store.User{Login: in.Login, Name: in.Name, Role: in.Role, PasswordHash: hash, Scopes: scopes})
	if err != nil {
		if err := storeProblem(p, err); err != nil {
			return store.User{}, nil, err
		}
		return store.User{}, p, nil
	}
	if err := auth.Record(ctx, s.st, "user.create", "user", u.ID, nil, u); err != nil {
		return store.User{}, nil, err
	}
	return u, nil, nil
}

// changeAccount applies a change to an account, audited as user.update
// (user.disable, user.enable when only that changes). Administrators may
// not demote or disable themselves: the last admin could lock everyone
// out.
func (s *Server) changeAccount(ctx context.Context, lang string, id string, c store.UserChange) (store.User, *problems, error) {
	p := &problems{lang: lang}
	me, _ := auth.UserFrom(ctx)
	if me != nil && me.ID == id {
		if (c.Role != nil && *c.Role != me.Role) || (c.Disabled != nil && *c.Disabled) {
			p.add("user.err.self", "")
		}
	}
	if c.Role != nil && !slices.Contains(store.UserRoles, *c.Role) {
		p.add("user.err.role", *c.Role)
	}
	if c.Scopes != nil {
		scopes, err := s.resolveScopes(ctx, p, *c.Scopes)
		if err != nil {
			return store.User{}, nil, err
		}
		c.Scopes = &scopes
	}
	if len(p.list) > 0 {
		return store.User{}, p, nil
	}
	before, after, err := s.st.UpdateUser(ctx, id, c)
	if err != nil {
		if err := storeProblem(p, err); err != nil {
			return store.User{}, nil, err
		}
		return store.User{}, p, nil
	}
	action := "user.update"
	if c.Name == nil && c.Role == nil && c.Scopes == nil && c.Disabled != nil {
		action = map[bool]string{true: "user.disable", false: "user.enable"}[*c.Disabled]
	}
	if err := auth.Record(ctx, s.st, action, "user", id, before, after); err != nil {
		return store.User{}, nil, err
	}
	return after, nil, nil
}

// userFromPath loads the account a path names, by ID or login; a 404
// when there is none.
func (s *Server) userFromPath(r *http.Request) (store.User, error) {
	ref := r.PathValue("id")
	u, err := s.st.User(r.Context(), ref)
	if errors.Is(err, store.ErrNotFound) {
		u, err = s.st.UserByLogin(r.Context(), ref)
	}
	if err != nil {
		return store.User{}, notFound(err, "user "+ref)
	}
	return u, nil
}

// lastSignIn is when an account last signed in, from the audit log (the
// account itself does not keep it); zero if never, or no longer logged.
func (s *Server) lastSignIn(ctx context.Context, login string) (time.Time, error) {
	es, err := s.st.Audit(ctx, store.AuditFilter{ActorLogin: login, Action: "login.success", Limit: 1})
	if err != nil || len(es) == 0 {
		return time.Time{}, err
	}
	return es[0].At, nil
}

// unitProblem says why the unit registry refused a name, in lang: the
// registry's own words, with the closest names.
func unitProblem(lang string, err error) string {
	var ue *unitname.UnknownError
	var ae *unitname.AmbiguousError
	switch {
	case lang == langEN:
		return err.Error()
	case errors.As(err, &ue):
		return ue.Zh()
	case errors.As(err, &ae):
		return ae.Zh()
	}
	return err.Error()
}
