package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"planwatch/internal/store"
)

// Error is a sign-in failure with a message for the page in English
// (Error) and Chinese (Zh). The messages never say whether the login
// exists: an unknown login, a wrong password, a disabled account and an
// account locked against this address all read ErrBadCredentials, and
// the throttles treat unknown logins as real ones.
type Error struct {
	Code   string
	En, Zh string
	// Retry is how long to wait before trying again; 0 for a wrong password.
	Retry time.Duration
}

func (e *Error) Error() string { return e.En }

// Sign-in failures.
var (
	ErrBadCredentials = &Error{Code: "bad_credentials",
		En: "wrong login or password (after many failed sign-ins an account only takes its owner from an address they signed in from before, or with a one-time code from an administrator)",
		Zh: "用户名或密码错误（账号多次登录失败后，只接受曾经登录过的地址，或管理员签发的一次性登录码）"}
	ErrRateLimited = &Error{Code: "rate_limited", En: "too many failed sign-ins from this address: wait a minute",
		Zh: "该地址登录失败过于频繁，请稍后再试", Retry: time.Minute}
)

// throttled is the refusal of a try that must wait (Throttle): it names
// the wait, which depends only on the login as typed and the address.
func throttled(wait time.Duration) *Error {
	sec := int((wait + time.Second - 1) / time.Second)
	return &Error{Code: "throttled", Retry: time.Duration(sec) * time.Second,
		En: fmt.Sprintf("too many failed sign-ins for this login from this address: try again in %d s", sec),
		Zh: fmt.Sprintf("此地址使用该用户名登录失败次数过多，请%d秒后再试", sec)}
}

// Zh returns the Chinese message for an error from this package, or a
// generic one (never internal details).
func Zh(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Zh
	}
	var p *PolicyError
	if errors.As(err, &p) {
		return p.Zh
	}
	return "系统错误，请稍后再试"
}

// Sign-in failures per client address, across accounts, on top of the
// throttle per account and address: a burst of SignInBurst, refilled at
// SignInRate. It slows guessing one password across many accounts, which
// the throttle alone does not. Only failures count: a whole office behind
// one address signs in all morning untouched.
const (
	SignInBurst = 10
	SignInRate  = time.Minute / SignInBurst // one failure back every 6 s: 10 a minute
)

// RateLimiter is a token bucket per key, in memory (one server process;
// a restart forgets it, the lockout in the database does not).
type RateLimiter struct {
	burst float64
	every time.Duration
	mu    sync.Mutex
	b     map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewRateLimiter allows burst attempts at once and one more each every.
func NewRateLimiter(burst int, every time.Duration) *RateLimiter {
	return &RateLimiter{burst: float64(burst), every: every, b: map[string]*bucket{}}
}

// maxBuckets bounds the map; beyond it, full buckets are forgotten.
const maxBuckets = 10000

// Allow takes one token from key's bucket at t, reporting whether there was one.
func (l *RateLimiter) Allow(key string, t time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	fill := func(b *bucket) {
		b.tokens = min(l.burst, b.tokens+float64(t.Sub(b.at))/float64(l.every))
		b.at = t
	}
	b := l.b[key]
	if b == nil {
		if len(l.b) >= maxBuckets {
			for k, o := range l.b {
				if fill(o); o.tokens >= l.burst {
					delete(l.b, k)
				}
			}
		}
		b = &bucket{tokens: l.burst, at: t}
		l.b[key] = b
	}
	fill(b)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Refund gives back the token Allow took: the attempt did not fail.
func (l *RateLimiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.b[key]; b != nil {
		b.tokens = min(l.burst, b.tokens+1)
	}
}

var (
	defaultOnce     sync.Once
	defaultLimiter  *RateLimiter
	defaultThrottle *Throttle
	dummyOnce       sync.Once
	dummyHash       string
)

// SignIn signs in with the default limiter and throttle shared by the
// process; see Service.SignIn.
func SignIn(ctx context.Context, st *store.Store, login, password, ip, userAgent string) (string, error) {
	defaultOnce.Do(func() {
		defaultLimiter, defaultThrottle = NewRateLimiter(SignInBurst, SignInRate), NewThrottle()
	})
	a := &Service{Store: st, Limiter: defaultLimiter, Throttle: defaultThrottle}
	return a.SignIn(ctx, login, password, ip, userAgent)
}

// SignIn checks a login and password and returns a new session token for
// the cookie (SetSessionCookie). In order:
//
//   - a one-time code from `planwatch user otp` typed as the password
//     signs its owner in whatever the throttles and the lock say;
//   - the client address's failures across accounts (Limiter) and the
//     account and address pair's growing delay (Throttle) may refuse the
//     try before any password is checked (not audited: a flood would
//     flood the log);
//   - an account locked by failures from many addresses
//     (store.MaxLoginFailures) is refused, as a wrong password, to every
//     address its owner has not signed in from;
//   - the password is checked; failures count toward the lock.
//
// The audit log gets login.success, login.failure (with the reason:
// unknown login, disabled, wrong password) and login.locked (an attempt
// refused by the lock, or the failure that locks). The error is
// ErrBadCredentials, ErrRateLimited or a throttled *Error for the user,
// anything else for the log.
func (a *Service) SignIn(ctx context.Context, login, password, ip, userAgent string) (string, error) {
	t := a.now()
	ctx = withDefaultRequest(ctx, ip)
	login = store.NormalizeLogin(login)
	client := ClientKey(ip)
	if tok, ok, err := a.signInWithCode(ctx, login, password, ip, userAgent, t); ok || err != nil {
		return tok, err
	}
	if a.Limiter != nil && !a.Limiter.Allow(client, t) {
		return "", ErrRateLimited
	}
	if a.Throttle != nil {
		if wait := a.Throttle.Begin(login, client, t); wait > 0 {
			if a.Limiter != nil {
				a.Limiter.Refund(client) // refused before trying: not a failure
			}
			return "", throttled(wait)
		}
	}
	u, err := a.Store.UserByLogin(ctx, login)
	if errors.Is(err, store.ErrNotFound) {
		dummyVerify(password) // the same time as for a real account
		return "", a.failure(ctx, login, nil, "login.failure", "unknown login", ErrBadCredentials)
	}
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	if u.Locked(t) {
		known, err := a.Store.KnownClient(ctx, u.ID, client, t)
		if err != nil {
			return "", fmt.Errorf("sign in: %w", err)
		}
		if !known {
			dummyVerify(password)
			return "", a.failure(ctx, login, &u, "login.locked", "locked until "+u.LockedUntil.Format(time.RFC3339)+
				" for addresses not signed in from before", ErrBadCredentials)
		}
	}
	ok, rehash, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return "", fmt.Errorf("sign in %s: %w", login, err)
	}
	if u.Disabled {
		return "", a.failure(ctx, login, &u, "login.failure", "account disabled", ErrBadCredentials)
	}
	if !ok {
		until, err := a.Store.RecordLoginFailure(ctx, u.ID, t)
		if err != nil {
			return "", fmt.Errorf("sign in: %w", err)
		}
		if !until.IsZero() {
			return "", a.failure(ctx, login, &u, "login.locked", fmt.Sprintf("%d failures: locked until %s",
				store.MaxLoginFailures, until.Format(time.RFC3339)), ErrBadCredentials)
		}
		return "", a.failure(ctx, login, &u, "login.failure", "wrong password", ErrBadCredentials)
	}
	if u.FailedAttempts > 0 || !u.LockedUntil.IsZero() {
		if err := a.Store.ResetLoginFailures(ctx, u.ID); err != nil {
			return "", fmt.Errorf("sign in: %w", err)
		}
	}
	if rehash {
		if h, err := HashPassword(password); err == nil {
			_ = a.Store.RehashPassword(ctx, u.ID, h) // best effort: the old hash still works
		}
	}
	return a.startSession(ctx, u, client, ip, userAgent, t, "password")
}

// startSession ends a successful sign-in: the throttles forgive the
// address, the address becomes one the account is known at, and the
// session is made with its login.success entry.
func (a *Service) startSession(ctx context.Context, u store.User, client, ip, userAgent string, t time.Time, method string) (string, error) {
	if a.Throttle != nil {
		a.Throttle.Succeeded(u.Login, client)
	}
	if a.Limiter != nil && method == "password" { // a code's sign-in took no token
		a.Limiter.Refund(client)
	}
	if err := a.Store.RememberClient(ctx, u.ID, client, t); err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	token, err := a.Store.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, userAgent, ip)
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	after := map[string]string{"user_agent": userAgent}
	if method != "password" {
		after["method"] = method
	}
	// No session without its audit entry.
	if err := record(ctx, a.Store, u.ID, u.Login, "login.success", "user", u.ID, nil, after); err != nil {
		_ = a.Store.DeleteSession(ctx, store.TokenHash(token))
		return "", fmt.Errorf("sign in: %w", err)
	}
	return token, nil
}

// failure audits a failed sign-in and returns userErr, joined with any
// error writing the log (errors.Is still finds userErr).
func (a *Service) failure(ctx context.Context, login string, u *store.User, action, reason string, userErr error) error {
	var id string
	if u != nil {
		id = u.ID
	}
	if err := record(ctx, a.Store, id, login, action, "user", id, nil, map[string]string{"reason": reason}); err != nil {
		return errors.Join(userErr, err)
	}
	return userErr
}

// dummyVerify spends the time of a real password check.
func dummyVerify(password string) {
	dummyOnce.Do(func() { dummyHash, _ = HashPassword("planwatch-dummy-password") })
	_, _, _ = VerifyPassword(dummyHash, password)
}

// SignOut ends the request's browser session and audits it ("logout").
func SignOut(ctx context.Context, st *store.Store) error {
	id := IdentityFrom(ctx)
	if id == nil || id.SessionID == "" {
		return nil
	}
	if err := st.DeleteSession(ctx, id.SessionID); err != nil {
		return err
	}
	return Record(ctx, st, "logout", "user", id.User.ID, nil, nil)
}

// Record appends a change to the audit log, as the request's user, with
// its request ID and IP: the web handlers call it after every change.
// before and after are marshalled to JSON (nil for none).
func Record(ctx context.Context, st *store.Store, action, entityType, entityID string, before, after any) error {
	var uid, login string
	if id := IdentityFrom(ctx); id != nil {
		uid, login = id.User.ID, id.User.Login
	}
	return record(ctx, st, uid, login, action, entityType, entityID, before, after)
}

// RecordAs is Record with an explicit actor, for the command line
// ("cli:$USER") and background jobs.
func RecordAs(ctx context.Context, st *store.Store, actorID, actorLogin, action, entityType, entityID string, before, after any) error {
	return record(ctx, st, actorID, actorLogin, action, entityType, entityID, before, after)
}

// Entry builds the audit entry Record would write, as the request's user,
// for a store method that saves a change and its entry in one
// transaction (store.AddUpdatesAudited).
func Entry(ctx context.Context, action, entityType, entityID string, before, after any) (store.AuditEntry, error) {
	var uid, login string
	if id := IdentityFrom(ctx); id != nil {
		uid, login = id.User.ID, id.User.Login
	}
	return entry(ctx, uid, login, action, entityType, entityID, before, after)
}

func entry(ctx context.Context, actorID, actorLogin, action, entityType, entityID string, before, after any) (store.AuditEntry, error) {
	e := store.AuditEntry{ActorID: actorID, ActorLogin: actorLogin, Action: action, EntityType: entityType, EntityID: entityID}
	var err error
	if e.Before, err = marshal(before); err != nil {
		return e, fmt.Errorf("audit %s: %w", action, err)
	}
	if e.After, err = marshal(after); err != nil {
		return e, fmt.Errorf("audit %s: %w", action, err)
	}
	if ri, ok := ctx.Value(requestKey).(requestInfo); ok {
		e.RequestID, e.IP = ri.id, ri.ip
	}
	return e, nil
}

func record(ctx context.Context, st *store.Store, actorID, actorLogin, action, entityType, entityID string, before, after any) error {
	e, err := entry(ctx, actorID, actorLogin, action, entityType, entityID, before, after)
	if err != nil {
		return err
	}
	_, err = st.AppendAudit(ctx, e)
	return err
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return json.Marshal(v)
}

// withDefaultRequest adds the IP to ctx when no request info is there
// (SignIn called outside Middleware).
func withDefaultRequest(ctx context.Context, ip string) context.Context {
	if _, ok := ctx.Value(requestKey).(requestInfo); ok {
		return ctx
	}
	return WithRequest(ctx, store.NewID(), ip)
}
