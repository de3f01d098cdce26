package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestUsers covers creating, reading, listing and changing accounts.
func TestUsers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin, err := s.CreateUser(ctx, store.User{Login: " Admin ", Name: "管理员", PasswordHash: "$x", Role: store.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		if admin.Login != "admin" || admin.ID == "" || admin.PasswordChangedAt.IsZero() {
			t.Errorf("created %+v", admin)
		}
		if _, err := s.CreateUser(ctx, store.User{Login: "ADMIN", PasswordHash: "$x", Role: store.RoleViewer}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate login (other case): %v, want ErrConflict", err)
		}
		bad := []store.User{
			{Login: "a", PasswordHash: "$x", Role: store.RoleViewer},                                                      // too short
			{Login: "张三", PasswordHash: "$x", Role: store.RoleViewer},                                                     // not ASCII
			{Login: "bob", Role: store.RoleViewer},                                                                        // no hash
			{Login: "bob", PasswordHash: "$x", Role: "root"},                                                              // no such role
			{Login: "bob", PasswordHash: "$x", Role: store.RoleAdmin, Scopes: []store.Scope{{}}},                          // admin takes no scope
			{Login: "bob", PasswordHash: "$x", Role: store.RoleReporter, Scopes: []store.Scope{{PlanID: ""}}},             // reporter needs a unit
			{Login: "bob", PasswordHash: "$x", Role: store.RoleEditor, Scopes: []store.Scope{{PlanID: "", Unit: "市科技局"}}}, // editor has no unit
			{Login: "bob", PasswordHash: "$x", Role: store.RoleViewer, Scopes: []store.Scope{{PlanID: "nosuchplan"}}},     // foreign key
		}
		for _, u := range bad {
			if _, err := s.CreateUser(ctx, u); err == nil {
				t.Errorf("CreateUser(%+v) accepted", u)
			}
		}
		rep, err := s.CreateUser(ctx, store.User{Login: "kjj", Role: store.RoleReporter, PasswordHash: "$x",
			Scopes: []store.Scope{{Unit: "市科技局"}, {Unit: "市科技局"}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByLogin(ctx, "KJJ")
		if err != nil || got.ID != rep.ID || !slices.Equal(got.Scopes, []store.Scope{{Unit: "市科技局"}}) {
			t.Errorf("UserByLogin = %+v, %v", got, err)
		}
		if _, err := s.User(ctx, "nosuchuser"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("User(unknown) = %v", err)
		}
		users, err := s.Users(ctx)
		if err != nil || len(users) != 2 || users[0].Login != "admin" || len(users[1].Scopes) != 1 {
			t.Errorf("Users = %+v, %v", users, err)
		}

		// A role change must come with scopes the new role accepts.
		editor := store.RoleEditor
		if _, _, err := s.UpdateUser(ctx, rep.ID, store.UserChange{Role: &editor}); err == nil {
			t.Error("reporter → editor kept unit scopes")
		}
		viewer, all, name := store.RoleViewer, []store.Scope{{}}, "科技局 王五"
		before, after, err := s.UpdateUser(ctx, rep.ID, store.UserChange{Role: &viewer, Scopes: &all, Name: &name})
		if err != nil || before.Role != store.RoleReporter || after.Role != store.RoleViewer || after.Name != name {
			t.Fatalf("UpdateUser = %+v, %+v, %v", before, after, err)
		}
		if got, _ := s.User(ctx, rep.ID); !slices.Equal(got.Scopes, all) || got.Name != name {
			t.Errorf("after update: %+v", got)
		}

		// Disabling ends sessions and tokens.
		tok, err := s.CreateSession(ctx, rep.ID, 0, "test", "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		api, _, err := s.CreateAPIToken(ctx, rep.ID, "脚本", 0)
		if err != nil {
			t.Fatal(err)
		}
		yes := true
		if _, _, err := s.UpdateUser(ctx, rep.ID, store.UserChange{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionByToken(ctx, tok); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session after disable: %v", err)
		}
		if _, _, err := s.APITokenUser(ctx, api); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("API token after disable: %v", err)
		}
	})
}

// TestLockout walks the failure window and the lock with explicit times.
func TestLockout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, store.User{Login: "clerk", Role: store.RoleViewer, PasswordHash: "$x"})
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC)
		fail := func(at time.Time) time.Time {
			t.Helper()
			until, err := s.RecordLoginFailure(ctx, u.ID, at)
			if err != nil {
				t.Fatal(err)
			}
			return until
		}
		// One failure short of the lock, then a pause longer than the
		// window: the count restarts.
		for i := range store.MaxLoginFailures - 1 {
			if until := fail(t0.Add(time.Duration(i) * 20 * time.Second)); !until.IsZero() {
				t.Fatalf("locked after %d failures", i+1)
			}
		}
		t1 := t0.Add(store.LoginFailureWindow + time.Minute)
		for i := range store.MaxLoginFailures - 1 {
			if until := fail(t1.Add(time.Duration(i) * time.Second)); !until.IsZero() {
				t.Fatalf("locked after %d failures in a new window", i+1)
			}
		}
		last := t1.Add(time.Minute)
		until := fail(last)
		if !until.Equal(last.Add(store.LockoutDuration)) {
			t.Fatalf("failure %d: locked until %v, want %v", store.MaxLoginFailures, until, last.Add(store.LockoutDuration))
		}
		got, _ := s.User(ctx, u.ID)
		if !got.Locked(last) || !got.Locked(until.Add(-time.Millisecond)) || got.Locked(until) {
			t.Errorf("Locked around %v wrong: %+v", until, got)
		}
		if err := s.ResetLoginFailures(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); got.Locked(last) || got.FailedAttempts != 0 {
			t.Errorf("after reset: %+v", got)
		}
		if _, err := s.RecordLoginFailure(ctx, "nosuchuser", t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}
