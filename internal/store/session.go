package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Session limits (等保 2.0 会话超时): a session ends after SessionIdleTimeout
// without a request, and SessionAbsoluteTimeout after sign-in whatever
// happens — a working day, so nobody signs in twice a day but a session
// stolen in the morning is dead by night.
const (
	SessionIdleTimeout     = 30 * time.Minute
	SessionAbsoluteTimeout = 12 * time.Hour
)

// touchEvery is how stale last_seen_at may get before a lookup writes it:
// SQLite has one writer, and a write on every page view would queue behind
// real work. The idle timeout is thus exact to within a minute.
const touchEvery = time.Minute

// Session is a signed-in browser. ID is the hex SHA-256 of the token the
// browser holds; the token itself is only ever returned by CreateSession.
type Session struct {
	ID         string
	UserID     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute limit
	UserAgent  string
	IP         string
}

// APIToken is a token for scripts, hashed like a session.
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero if never used
	ExpiresAt  time.Time // zero: no expiry
}

// newToken returns a random 256-bit token (URL-safe base64, no padding)
// and its hex SHA-256, which is what gets stored.
func newToken(prefix string) (token, sum string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("random token: %w", err)
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token), nil
}

// TokenHash is the stored form of a session or API token: its hex SHA-256.
// A plain hash suffices (no salt, no stretching): tokens are 256 random
// bits, not passwords.
func TokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// clip bounds client-supplied text before it is stored, cutting at a
// character boundary.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// CreateSession starts a session for the user and returns its token, the
// only time the token exists outside the browser. ttl bounds the session's
// life; 0 or more than SessionAbsoluteTimeout means SessionAbsoluteTimeout.
func (s *Store) CreateSession(ctx context.Context, userID string, ttl time.Duration, userAgent, ip string) (string, error) {
	if ttl <= 0 || ttl > SessionAbsoluteTimeout {
		ttl = SessionAbsoluteTimeout
	}
	token, sum, err := newToken("")
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	t := now()
	_, err = s.w.ExecContext(ctx, s.q(`INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent, client_ip)
 VALUES (?, ?, ?, ?, ?, ?, ?)`), sum, userID, t, t, t+ttl.Milliseconds(), clip(userAgent, 512), clip(ip, 64))
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// SessionByToken returns the live session of a token and its user, and
// marks it seen now. An unknown, idle, expired or disabled user's session
// is ErrNotFound (and deleted when it exists).
func (s *Store) SessionByToken(ctx context.Context, token string) (Session, User, error) {
	return s.SessionByTokenAt(ctx, token, time.Now())
}

// SessionByTokenAt is SessionByToken with the clock given, for tests.
func (s *Store) SessionByTokenAt(ctx context.Context, token string, t time.Time) (Session, User, error) {
	var (
		ss                     Session
		created, seen, expires int64
	)
	err := s.r.QueryRowContext(ctx, s.q(`SELECT id, user_id, created_at, last_seen_at, expires_at, user_agent, client_ip
 FROM sessions WHERE id = ?`), TokenHash(token)).Scan(&ss.ID, &ss.UserID, &created, &seen, &expires, &ss.UserAgent, &ss.IP)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, User{}, fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return Session{}, User{}, fmt.Errorf("session: %w", err)
	}
	ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = fromMillis(created), fromMillis(seen), fromMillis(expires)
	at := t.UnixMilli()
	if at >= expires || at-seen >= SessionIdleTimeout.Milliseconds() {
		_ = s.DeleteSession(ctx, ss.ID)
		return Session{}, User{}, fmt.Errorf("session expired: %w", ErrNotFound)
	}
	u, err := s.User(ctx, ss.UserID)
	if err != nil {
		return Session{}, User{}, fmt.Errorf("session: %w", err)
	}
	if u.Disabled {
		_ = s.DeleteSession(ctx, ss.ID)
		return Session{}, User{}, fmt.Errorf("session of a disabled account: %w", ErrNotFound)
	}
	if at-seen >= touchEvery.Milliseconds() {
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`), at, ss.ID); err != nil {
			return Session{}, User{}, fmt.Errorf("session: %w", err)
		}
		ss.LastSeenAt = fromMillis(at)
	}
	return ss, u, nil
}

// DeleteSession ends a session (sign-out); id is Session.ID, the token's
// hash. Deleting one that is gone is not an error.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id = ?`), id); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of a user and returns how many.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) (int64, error) {
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), userID)
	if err != nil {
		return 0, fmt.Errorf("delete user sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteExpiredSessions removes sessions past their absolute or idle limit
// at t: housekeeping for the server to run now and then.
func (s *Store) DeleteExpiredSessions(ctx context.Context, t time.Time) (int64, error) {
	at := t.UnixMilli()
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`),
		at, at-SessionIdleTimeout.Milliseconds())
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// APITokenPrefix starts every API token, so secret scanners and people
// can tell one from a session cookie.
const APITokenPrefix = "pwt_"

// CreateAPIToken makes a named token for a user's scripts and returns it
// (the only time it is shown) with its record. ttl 0 means no expiry.
func (s *Store) CreateAPIToken(ctx context.Context, userID, name string, ttl time.Duration) (string, APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", APIToken{}, errors.New("create API token: empty name")
	}
	token, sum, err := newToken(APITokenPrefix)
	if err != nil {
		return "", APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	t := now()
	tok := APIToken{ID: NewID(), UserID: userID, Name: clip(name, 200), CreatedAt: fromMillis(t)}
	var exp int64
	if ttl > 0 {
		exp = t + ttl.Milliseconds()
		tok.ExpiresAt = fromMillis(exp)
	}
	_, err = s.w.ExecContext(ctx, s.q(`INSERT INTO api_tokens (id, token_sha256, user_id, token_name, created_at, last_used_at, expires_at)
 VALUES (?, ?, ?, ?, ?, 0, ?)`), tok.ID, sum, userID, tok.Name, t, exp)
	if err != nil {
		return "", APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	return token, tok, nil
}

// APITokenUser returns the token's record and its user, and marks the
// token used. An unknown or expired token, or one of a disabled account,
// is ErrNotFound.
func (s *Store) APITokenUser(ctx context.Context, token string) (APIToken, User, error) {
	var (
		tok            APIToken
		cre, used, exp int64
	)
	err := s.r.QueryRowContext(ctx, s.q(`SELECT id, user_id, token_name, created_at, last_used_at, expires_at
 FROM api_tokens WHERE token_sha256 = ?`), TokenHash(token)).Scan(&tok.ID, &tok.UserID, &tok.Name, &cre, &used, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, User{}, fmt.Errorf("API token: %w", ErrNotFound)
	}
	if err != nil {
		return APIToken{}, User{}, fmt.Errorf("API token: %w", err)
	}
	tok.CreatedAt, tok.LastUsedAt, tok.ExpiresAt = fromMillis(cre), fromMillis(used), fromMillis(exp)
	at := now()
	if exp != 0 && at >= exp {
		return APIToken{}, User{}, fmt.Errorf("API token expired: %w", ErrNotFound)
	}
	u, err := s.User(ctx, tok.UserID)
	if err != nil {
		return APIToken{}, User{}, fmt.Errorf("API token: %w", err)
	}
	if u.Disabled {
		return APIToken{}, User{}, fmt.Errorf("API token of a disabled account: %w", ErrNotFound)
	}
	if at-used >= touchEvery.Milliseconds() {
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), at, tok.ID); err != nil {
			return APIToken{}, User{}, fmt.Errorf("API token: %w", err)
		}
		tok.LastUsedAt = fromMillis(at)
	}
	return tok, u, nil
}

// APITokens lists a user's tokens, newest first.
func (s *Store) APITokens(ctx context.Context, userID string) ([]APIToken, error) {
	toks, err := queryAll(ctx, s, func(sc scanner) (APIToken, error) {
		var (
			t              APIToken
			cre, used, exp int64
		)
		err := sc.Scan(&t.ID, &t.UserID, &t.Name, &cre, &used, &exp)
		t.CreatedAt, t.LastUsedAt, t.ExpiresAt = fromMillis(cre), fromMillis(used), fromMillis(exp)
		return t, err
	}, `SELECT id, user_id, token_name, created_at, last_used_at, expires_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("API tokens: %w", err)
	}
	return toks, nil
}

// DeleteAPIToken revokes a token by its ID; ErrNotFound if there is none.
func (s *Store) DeleteAPIToken(ctx context.Context, id string) error {
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE id = ?`), id)
	if err != nil {
		return fmt.Errorf("delete API token: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete API token: %w", err)
	} else if n == 0 {
		return fmt.Errorf("API token %s: %w", id, ErrNotFound)
	}
	return nil
}

// ServerSecret returns the named secret shared by every server instance,
// making a random 256-bit one (hex) on first use. The first writer wins
// when two instances start together.
func (s *Store) ServerSecret(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("server secret: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, s.q(`INSERT INTO server_secrets (secret_name, secret, created_at) VALUES (?, ?, ?)
 ON CONFLICT (secret_name) DO NOTHING`), name, hex.EncodeToString(b), now()); err != nil {
		return nil, fmt.Errorf("server secret %s: %w", name, err)
	}
	var h string
	if err := s.w.QueryRowContext(ctx, s.q(`SELECT secret FROM server_secrets WHERE secret_name = ?`), name).Scan(&h); err != nil {
		return nil, fmt.Errorf("server secret %s: %w", name, err)
	}
	secret, err := hex.DecodeString(h)
	if err != nil {
		return nil, fmt.Errorf("server secret %s: %w", name, err)
	}
	return secret, nil
}
