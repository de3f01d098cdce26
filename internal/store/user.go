package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Accounts are local users with one role each and, for the roles that need
// them, scopes (plans, plan+unit pairs). The store keeps what it is given:
// hashing passwords, the password policy and the permission table live in
// internal/web/auth, which is the only caller that should make a User.

// User roles. Separate from RoleLead and RoleSupport, which are the parts
// a unit plays in a task.
const (
	RoleAdmin    = "admin"    // accounts, settings, every plan
	RoleAuditor  = "auditor"  // reads and exports the audit log, nothing else (审计管理员)
	RoleEditor   = "editor"   // edits the plans in scope
	RoleReporter = "reporter" // posts updates for a unit's tasks in the plans in scope
	RoleViewer   = "viewer"   // reads the plans in scope
)

// UserRoles lists the roles in the order screens offer them.
var UserRoles = []string{RoleAdmin, RoleAuditor, RoleEditor, RoleReporter, RoleViewer}

// Lockout after failed sign-ins (等保 2.0 登录失败处理). The server throttles
// each address on its own (growing delays per account and address, in
// internal/web/auth), so one stranger guessing cannot lock anyone out:
// one address gets at most a dozen tries at an account in 15 minutes.
// This lock answers guesses from many addresses at once: MaxLoginFailures
// failures from anywhere with no more than LoginFailureWindow from the
// first to the last lock the account for LockoutDuration against every
// address its owner has not signed in from (KnownClient). The owner still
// gets in from a known address, with a one-time code (UseSignInCode), or
// once an admin unlocks the account.
const (
	MaxLoginFailures   = 30
	LoginFailureWindow = 15 * time.Minute
	LockoutDuration    = 15 * time.Minute
)

// Scope is one grant of a user: PlanID "" means every plan, Unit "" no
// unit. Editors and viewers have plans; a reporter has a unit, in a plan
// or in every plan.
type Scope struct {
	PlanID string
	Unit   string
}

// User is one account.
type User struct {
	ID                string
	Login             string // lower case
	Name              string // display name, e.g. 张三（市发改委）
	PasswordHash      string `json:"-"` // kept out of audit entries and API answers
	Role              string
	Disabled          bool
	FailedAttempts    int       // failures in the current window
	FirstFailureAt    time.Time // start of that window; zero if none
	LockedUntil       time.Time // zero when not locked
	PasswordChangedAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Scopes            []Scope
}

// Locked reports whether the account is locked at t.
func (u User) Locked(t time.Time) bool { return t.Before(u.LockedUntil) }

// NormalizeLogin is how logins are compared and stored: trimmed, lower case.
func NormalizeLogin(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

// ErrInvalid is wrapped by the errors of CreateUser and UpdateUser when
// the account itself is refused (login, role, scopes), so that callers can
// tell the user's mistake from a failure of the database.
var ErrInvalid = errors.New("invalid account")

// invalidError marks an error as ErrInvalid without changing its message.
type invalidError struct{ error }

func (e invalidError) Is(target error) bool { return target == ErrInvalid }
func (e invalidError) Unwrap() error        { return e.error }

// checkLogin accepts 2–64 characters of a-z, 0-9 and . _ - @, starting
// with a letter or digit: ASCII only, so no two logins look alike.
func checkLogin(login string) error {
	if n := len(login); n < 2 || n > 64 {
		return fmt.Errorf("login %q: want 2 to 64 characters", login)
	}
	for i, r := range login {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || (i > 0 && strings.ContainsRune("._-@", r))
		if !ok {
			return fmt.Errorf("login %q: use a-z, 0-9 and . _ - @ (starting with a letter or digit)", login)
		}
	}
	return nil
}

// checkScopes enforces what each role may hold, so a stored account never
// means more than its role says.
func checkScopes(role string, scopes []Scope) ([]Scope, error) {
	var out []Scope
	for _, sc := range scopes {
		sc = Scope{PlanID: strings.TrimSpace(sc.PlanID), Unit: strings.TrimSpace(sc.Unit)}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	switch role {
	case RoleAdmin, RoleAuditor:
		if len(out) > 0 {
			return nil, fmt.Errorf("role %s takes no plan or unit scopes", role)
		}
	case RoleEditor, RoleViewer:
		for _, sc := range out {
			if sc.Unit != "" {
				return nil, fmt.Errorf("role %s is scoped to plans, not units (unit %q)", role, sc.Unit)
			}
		}
	case RoleReporter:
		for _, sc := range out {
			if sc.Unit == "" {
				return nil, fmt.Errorf("role %s needs a unit in every scope", role)
			}
		}
	default:
		return nil, fmt.Errorf("unknown role %q (want one of %s)", role, strings.Join(UserRoles, ", "))
	}
	return out, nil
}

// CreateUser stores a new account with its scopes and returns it as
// stored. u.PasswordHash must already be a hash. ErrConflict if the login
// is taken.
func (s *Store) CreateUser(ctx context.Context, u User) (User, error) {
	u.Login = NormalizeLogin(u.Login)
	u.Name = strings.TrimSpace(u.Name)
	if err := checkLogin(u.Login); err != nil {
		return User{}, fmt.Errorf("create user: %w", invalidError{err})
	}
	if u.PasswordHash == "" {
		return User{}, errors.New("create user: no password hash")
	}
	scopes, err := checkScopes(u.Role, u.Scopes)
	if err != nil {
		return User{}, fmt.Errorf("create user %s: %w", u.Login, invalidError{err})
	}
	t := now()
	u.ID, u.Scopes = NewID(), scopes
	u.FailedAttempts, u.FirstFailureAt, u.LockedUntil = 0, time.Time{}, time.Time{}
	u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt = fromMillis(t), fromMillis(t), fromMillis(t)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO users (id, login, display_name, password_hash, user_role, disabled,
 failed_attempts, first_failure_at, locked_until, password_changed_at, created_at, updated_at)
 VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)`),
			u.ID, u.Login, u.Name, u.PasswordHash, u.Role, u.Disabled, t, t, t)
		if err != nil {
			if s.d.isUniqueViolation(err) {
				return fmt.Errorf("login %s is taken: %w", u.Login, ErrConflict)
			}
			return err
		}
		return s.writeScopes(ctx, tx, u.ID, scopes)
	})
	if err != nil {
		return User{}, fmt.Errorf("create user %s: %w", u.Login, err)
	}
	return u, nil
}

// writeScopes replaces a user's scopes.
func (s *Store) writeScopes(ctx context.Context, tx *sql.Tx, userID string, scopes []Scope) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM user_scopes WHERE user_id = ?`), userID); err != nil {
		return err
	}
	for i, sc := range scopes {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO user_scopes (id, user_id, plan_id, unit_name, sort_order) VALUES (?, ?, ?, ?, ?)`),
			NewID(), userID, nullIfEmpty(sc.PlanID), nullIfEmpty(sc.Unit), i)
		if err != nil {
			return fmt.Errorf("scope %+v: %w", sc, err)
		}
	}
	return nil
}

const userColumns = `id, login, display_name, password_hash, user_role, disabled, failed_attempts,
 first_failure_at, locked_until, password_changed_at, created_at, updated_at`

func scanUser(sc scanner) (User, error) {
	var (
		u                                User
		first, locked, changed, cre, upd int64
	)
	err := sc.Scan(&u.ID, &u.Login, &u.Name, &u.PasswordHash, &u.Role, &u.Disabled, &u.FailedAttempts,
		&first, &locked, &changed, &cre, &upd)
	u.FirstFailureAt, u.LockedUntil, u.PasswordChangedAt = fromMillis(first), fromMillis(locked), fromMillis(changed)
	u.CreatedAt, u.UpdatedAt = fromMillis(cre), fromMillis(upd)
	return u, err
}

// userWhere reads the one user matching cond (with its one argument) and
// its scopes.
func (s *Store) userWhere(ctx context.Context, what, cond string, arg any) (User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE `+cond), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("user %s: %w", what, ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("user %s: %w", what, err)
	}
	scopes, err := s.scopes(ctx, u.ID)
	if err != nil {
		return User{}, fmt.Errorf("user %s: %w", what, err)
	}
	u.Scopes = scopes[u.ID]
	return u, nil
}

// scopes returns the scopes of one user, or of all when userID is "".
func (s *Store) scopes(ctx context.Context, userID string) (map[string][]Scope, error) {
	query := `SELECT user_id, plan_id, unit_name FROM user_scopes`
	var args []any
	if userID != "" {
		query += ` WHERE user_id = ?`
		args = append(args, userID)
	}
	type row struct {
		user string
		sc   Scope
	}
	rows, err := queryAll(ctx, s, func(sc scanner) (row, error) {
		var (
			r          row
			plan, unit sql.NullString
		)
		err := sc.Scan(&r.user, &plan, &unit)
		r.sc = Scope{PlanID: plan.String, Unit: unit.String}
		return r, err
	}, query+` ORDER BY user_id, sort_order`, args...)
	if err != nil {
		return nil, err
	}
	out := map[string][]Scope{}
	for _, r := range rows {
		out[r.user] = append(out[r.user], r.sc)
	}
	return out, nil
}

// User returns the account with this ID, or ErrNotFound.
func (s *Store) User(ctx context.Context, id string) (User, error) {
	return s.userWhere(ctx, id, `id = ?`, id)
}

// UserByLogin returns the account with this login (any case), or ErrNotFound.
func (s *Store) UserByLogin(ctx context.Context, login string) (User, error) {
	login = NormalizeLogin(login)
	return s.userWhere(ctx, login, `login = ?`, login)
}

// Users lists every account by login.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	users, err := queryAll(ctx, s, scanUser, `SELECT `+userColumns+` FROM users ORDER BY login`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	scopes, err := s.scopes(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	for i := range users {
		users[i].Scopes = scopes[users[i].ID]
	}
	return users, nil
}

// UserChange is what UpdateUser changes: nil fields are left alone.
type UserChange struct {
	Name     *string
	Role     *string
	Disabled *bool
	Scopes   *[]Scope // replaces all scopes; needed with a role change that makes the old ones invalid
}

// UpdateUser applies a change and returns the account before and after it
// (for the audit log). Disabling an account ends its sessions and deletes
// its API tokens in the same transaction.
func (s *Store) UpdateUser(ctx context.Context, id string, c UserChange) (before, after User, err error) {
	before, err = s.User(ctx, id)
	if err != nil {
		return User{}, User{}, fmt.Errorf("update user: %w", err)
	}
	after = before
	if c.Name != nil {
		after.Name = strings.TrimSpace(*c.Name)
	}
	if c.Role != nil {
		after.Role = *c.Role
	}
	if c.Disabled != nil {
		after.Disabled = *c.Disabled
	}
	if c.Scopes != nil {
		after.Scopes = *c.Scopes
	}
	if after.Scopes, err = checkScopes(after.Role, after.Scopes); err != nil {
		return User{}, User{}, fmt.Errorf("update user %s: %w", before.Login, invalidError{err})
	}
	t := now()
	after.UpdatedAt = fromMillis(t)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE users SET display_name = ?, user_role = ?, disabled = ?, updated_at = ? WHERE id = ?`),
			after.Name, after.Role, after.Disabled, t, id); err != nil {
			return err
		}
		if c.Scopes != nil || c.Role != nil {
			if err := s.writeScopes(ctx, tx, id, after.Scopes); err != nil {
				return err
			}
		}
		if after.Disabled && !before.Disabled {
			return s.endAccess(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return User{}, User{}, fmt.Errorf("update user %s: %w", before.Login, err)
	}
	return before, after, nil
}

// endAccess deletes a user's sessions and API tokens.
func (s *Store) endAccess(ctx context.Context, tx *sql.Tx, userID string) error {
	for _, q := range []string{`DELETE FROM sessions WHERE user_id = ?`, `DELETE FROM api_tokens WHERE user_id = ?`} {
		if _, err := tx.ExecContext(ctx, s.q(q), userID); err != nil {
			return err
		}
	}
	return nil
}

// SetPassword stores a new password hash, clears any lockout and ends
// every session of the user: whoever knew the old password is signed out.
// API tokens stay (scripts are revoked one by one, DeleteAPIToken).
func (s *Store) SetPassword(ctx context.Context, userID, hash string) error {
	return s.setPassword(ctx, userID, hash, "")
}

// ChangePassword is SetPassword for users changing their own password:
// every session but keepSessionID (a Session.ID, the one they changed it
// from) ends, so they stay signed in where they are and nowhere else.
func (s *Store) ChangePassword(ctx context.Context, userID, hash, keepSessionID string) error {
	if keepSessionID == "" {
		return errors.New("change password: no session to keep")
	}
	return s.setPassword(ctx, userID, hash, keepSessionID)
}

// setPassword stores the hash and ends the user's sessions but keep ("",
// none), in one transaction.
func (s *Store) setPassword(ctx context.Context, userID, hash, keep string) error {
	if hash == "" {
		return errors.New("set password: no hash")
	}
	t := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ?,
 failed_attempts = 0, first_failure_at = 0, locked_until = 0 WHERE id = ?`), hash, t, t, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("user %s: %w", userID, ErrNotFound)
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ? AND id <> ?`), userID, keep)
		return err
	})
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}

// RehashPassword replaces the stored hash of the same password (stronger
// parameters after a sign-in); unlike SetPassword it keeps sessions and
// the password's age.
func (s *Store) RehashPassword(ctx context.Context, userID, hash string) error {
	if hash == "" {
		return errors.New("rehash password: no hash")
	}
	if _, err := s.w.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, userID); err != nil {
		return fmt.Errorf("rehash password: %w", err)
	}
	return nil
}

// RecordLoginFailure counts a failed sign-in at t and returns when the
// account is locked until: zero while it is not (see MaxLoginFailures).
// A failure more than LoginFailureWindow after the first of the window
// starts a new window.
func (s *Store) RecordLoginFailure(ctx context.Context, userID string, t time.Time) (lockedUntil time.Time, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		var first, locked int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT failed_attempts, first_failure_at, locked_until FROM users WHERE id = ?`), userID).
			Scan(&n, &first, &locked)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("user %s: %w", userID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		at := t.UnixMilli()
		if first == 0 || at-first > LoginFailureWindow.Milliseconds() {
			n, first = 0, at
		}
		n++
		if n >= MaxLoginFailures {
			// The lock starts a clean slate: after it, as many tries again.
			locked, n, first = at+LockoutDuration.Milliseconds(), 0, 0
			lockedUntil = fromMillis(locked)
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE users SET failed_attempts = ?, first_failure_at = ?, locked_until = ? WHERE id = ?`),
			n, first, locked, userID)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("record login failure: %w", err)
	}
	return lockedUntil, nil
}

// ResetLoginFailures clears the failure count and any lock, after a
// successful sign-in or by an administrator.
func (s *Store) ResetLoginFailures(ctx context.Context, userID string) error {
	_, err := s.w.ExecContext(ctx, s.q(`UPDATE users SET failed_attempts = 0, first_failure_at = 0, locked_until = 0 WHERE id = ?`), userID)
	if err != nil {
		return fmt.Errorf("reset login failures: %w", err)
	}
	return nil
}
