package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Sign-in defences kept in the database, beside the lockout columns of
// users: the addresses each account signed in from, through which its
// owner still gets in while strangers have it locked, and the one-time
// codes issued from the command line for an owner locked out anyway.
// The throttles per address live in the server's memory (internal/web/auth).

// KnownClientAge is how long an address stays known after the last
// sign-in from it.
const KnownClientAge = 90 * 24 * time.Hour

// RememberClient notes that the user signed in from client (an address,
// or an IPv6 /64) at t.
func (s *Store) RememberClient(ctx context.Context, userID, client string, t time.Time) error {
	_, err := s.w.ExecContext(ctx, s.q(`INSERT INTO user_clients (user_id, client, last_seen_at) VALUES (?, ?, ?)
 ON CONFLICT (user_id, client) DO UPDATE SET last_seen_at = excluded.last_seen_at`), userID, clip(client, 64), t.UnixMilli())
	if err != nil {
		return fmt.Errorf("remember client: %w", err)
	}
	return nil
}

// KnownClient reports whether the user signed in from client within
// KnownClientAge before t.
func (s *Store) KnownClient(ctx context.Context, userID, client string, t time.Time) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM user_clients WHERE user_id = ? AND client = ? AND last_seen_at >= ?`),
		userID, clip(client, 64), t.Add(-KnownClientAge).UnixMilli()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("known client: %w", err)
	}
	return n > 0, nil
}

// DeleteOldClients forgets addresses not signed in from within
// KnownClientAge before t, and expired sign-in codes.
func (s *Store) DeleteOldClients(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM user_clients WHERE last_seen_at < ?`), t.Add(-KnownClientAge).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("delete old clients: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := s.w.ExecContext(ctx, s.q(`DELETE FROM signin_codes WHERE expires_at < ?`), t.UnixMilli()); err != nil {
		return n, fmt.Errorf("delete expired sign-in codes: %w", err)
	}
	return n, nil
}

// SetSignInCode stores the hash of a one-time sign-in code for the user,
// valid until expires, replacing any earlier one.
func (s *Store) SetSignInCode(ctx context.Context, userID, codeHash string, expires time.Time) error {
	t := now()
	_, err := s.w.ExecContext(ctx, s.q(`INSERT INTO signin_codes (user_id, code_sha256, created_at, expires_at) VALUES (?, ?, ?, ?)
 ON CONFLICT (user_id) DO UPDATE SET code_sha256 = excluded.code_sha256, created_at = excluded.created_at, expires_at = excluded.expires_at`),
		userID, codeHash, t, expires.UnixMilli())
	if err != nil {
		return fmt.Errorf("set sign-in code: %w", err)
	}
	return nil
}

// UseSignInCode spends the one-time code whose hash is codeHash for the
// account login, at t: it deletes the code, clears the account's failures
// and lock, and returns the account. ErrNotFound when the login has no
// such code, or it expired; the code then stays (an expired one goes in
// the cleanup).
func (s *Store) UseSignInCode(ctx context.Context, login, codeHash string, t time.Time) (User, error) {
	login = NormalizeLogin(login)
	var id string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`SELECT u.id FROM users u JOIN signin_codes c ON c.user_id = u.id
 WHERE u.login = ? AND c.code_sha256 = ? AND c.expires_at > ?`), login, codeHash, t.UnixMilli()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sign-in code for %s: %w", login, ErrNotFound)
		}
		if err != nil {
			return err
		}
		// The DELETE decides: of two sign-ins racing with one code, one wins.
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM signin_codes WHERE user_id = ? AND code_sha256 = ?`), id, codeHash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("sign-in code for %s: %w", login, ErrNotFound)
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE users SET failed_attempts = 0, first_failure_at = 0, locked_until = 0 WHERE id = ?`), id)
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("use sign-in code: %w", err)
	}
	return s.User(ctx, id)
}
