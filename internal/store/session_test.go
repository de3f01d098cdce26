package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestSessions checks the token is never stored, and the idle and
// absolute limits.
func TestSessions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, store.User{Login: "clerk", Role: store.RoleViewer, PasswordHash: "$x"})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := s.CreateSession(ctx, u.ID, 0, "Mozilla/5.0 "+string(bytes.Repeat([]byte("很长"), 400)), "10.1.2.3")
		if err != nil {
			t.Fatal(err)
		}
		ss, got, err := s.SessionByToken(ctx, tok)
		if err != nil || got.ID != u.ID || ss.ID != store.TokenHash(tok) || ss.ID == tok || len(ss.UserAgent) > 512 {
			t.Fatalf("SessionByToken = %+v, %+v, %v", ss, got, err)
		}
		if d := ss.ExpiresAt.Sub(ss.CreatedAt); d != store.SessionAbsoluteTimeout {
			t.Errorf("session lasts %v, want %v", d, store.SessionAbsoluteTimeout)
		}
		if _, _, err := s.SessionByToken(ctx, tok+"x"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("wrong token: %v", err)
		}
		// Active every 20 minutes: alive until the absolute limit.
		at := ss.CreatedAt
		for at.Add(20 * time.Minute).Before(ss.ExpiresAt) {
			at = at.Add(20 * time.Minute)
			if _, _, err := s.SessionByTokenAt(ctx, tok, at); err != nil {
				t.Fatalf("active session at +%v: %v", at.Sub(ss.CreatedAt), err)
			}
		}
		if _, _, err := s.SessionByTokenAt(ctx, tok, ss.ExpiresAt); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session past its absolute limit: %v", err)
		}
		// Idle for the idle timeout: gone, and deleted.
		tok2, _ := s.CreateSession(ctx, u.ID, time.Hour, "", "")
		ss2, _, _ := s.SessionByToken(ctx, tok2)
		if _, _, err := s.SessionByTokenAt(ctx, tok2, ss2.LastSeenAt.Add(store.SessionIdleTimeout)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("idle session: %v", err)
		}
		if _, _, err := s.SessionByToken(ctx, tok2); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("idle session was not deleted: %v", err)
		}
		// Sign-out, everywhere, and a password change.
		a, _ := s.CreateSession(ctx, u.ID, 0, "", "")
		b, _ := s.CreateSession(ctx, u.ID, 0, "", "")
		sa, _, _ := s.SessionByToken(ctx, a)
		if err := s.DeleteSession(ctx, sa.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionByToken(ctx, a); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after sign-out: %v", err)
		}
		if err := s.SetPassword(ctx, u.ID, "$y"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionByToken(ctx, b); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session survived a password change: %v", err)
		}
		c, _ := s.CreateSession(ctx, u.ID, 0, "", "")
		if n, err := s.DeleteUserSessions(ctx, u.ID); err != nil || n != 1 {
			t.Errorf("DeleteUserSessions = %d, %v", n, err)
		}
		if _, _, err := s.SessionByToken(ctx, c); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after DeleteUserSessions: %v", err)
		}
		if err := s.SetPassword(ctx, "nosuchuser", "$y"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetPassword(unknown) = %v", err)
		}
	})
}

// TestChangePassword checks a user's own password change keeps the
// session it was made from and ends the others, and another user's
// sessions stay.
func TestChangePassword(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, store.User{Login: "clerk", Role: store.RoleViewer, PasswordHash: "$x"})
		o, _ := s.CreateUser(ctx, store.User{Login: "other", Role: store.RoleViewer, PasswordHash: "$x"})
		here, _ := s.CreateSession(ctx, u.ID, 0, "", "")
		phone, _ := s.CreateSession(ctx, u.ID, 0, "", "")
		others, _ := s.CreateSession(ctx, o.ID, 0, "", "")
		if err := s.ChangePassword(ctx, u.ID, "$y", store.TokenHash(here)); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, token string
			alive       bool
		}{{"the session it was changed from", here, true}, {"another session", phone, false}, {"another user's session", others, true}} {
			_, _, err := s.SessionByToken(ctx, c.token)
			if alive := err == nil; alive != c.alive {
				t.Errorf("%s: alive %v, want %v (%v)", c.name, alive, c.alive, err)
			}
		}
		if got, _ := s.User(ctx, u.ID); got.PasswordHash != "$y" {
			t.Errorf("hash %q, want $y", got.PasswordHash)
		}
		if err := s.ChangePassword(ctx, u.ID, "$z", ""); err == nil {
			t.Error("ChangePassword without a session to keep: no error")
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, store.User{Login: "script", Role: store.RoleViewer, PasswordHash: "$x"})
		tok, rec, err := s.CreateAPIToken(ctx, u.ID, "nightly export", 0)
		if err != nil || len(tok) < 40 || tok[:len(store.APITokenPrefix)] != store.APITokenPrefix {
			t.Fatalf("CreateAPIToken = %q, %v", tok, err)
		}
		got, gu, err := s.APITokenUser(ctx, tok)
		if err != nil || got.ID != rec.ID || gu.ID != u.ID || got.LastUsedAt.IsZero() {
			t.Fatalf("APITokenUser = %+v, %+v, %v", got, gu, err)
		}
		if list, err := s.APITokens(ctx, u.ID); err != nil || len(list) != 1 || list[0].Name != "nightly export" {
			t.Errorf("APITokens = %+v, %v", list, err)
		}
		expired, _, _ := s.CreateAPIToken(ctx, u.ID, "short", time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		if _, _, err := s.APITokenUser(ctx, expired); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired token: %v", err)
		}
		if err := s.DeleteAPIToken(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.APITokenUser(ctx, tok); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("revoked token: %v", err)
		}
		if err := s.DeleteAPIToken(ctx, rec.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
		if _, _, err := s.CreateAPIToken(ctx, u.ID, " ", 0); err == nil {
			t.Error("token without a name accepted")
		}
		// The server secret is made once and then kept.
		k1, err := s.ServerSecret(ctx, "csrf")
		k2, _ := s.ServerSecret(ctx, "csrf")
		if err != nil || len(k1) != 32 || !bytes.Equal(k1, k2) {
			t.Errorf("ServerSecret = %x, %x, %v", k1, k2, err)
		}
	})
}
