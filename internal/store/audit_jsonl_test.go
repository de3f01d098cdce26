package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestExportAuditJSONL checks one JSON object per line, oldest first,
// with before/after kept as JSON and the filter applied.
func TestExportAuditJSONL(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, a := range []string{"user.create", "login.success", "user.update"} {
			if _, err := s.AppendAudit(ctx, store.AuditEntry{ActorLogin: "root", Action: a, After: json.RawMessage(`{"名":"张三"}`)}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := s.ExportAuditJSONL(ctx, &buf, store.AuditFilter{Action: "user."}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d lines:\n%s", len(lines), buf.String())
		}
		var first struct {
			Seq    int64             `json:"seq"`
			Action string            `json:"action"`
			After  map[string]string `json:"after"`
			Hash   string            `json:"sha256"`
		}
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
			t.Fatal(err)
		}
		if first.Seq != 1 || first.Action != "user.create" || first.After["名"] != "张三" || first.Hash == "" {
			t.Errorf("first line %+v", first)
		}
	})
}

// TestUserErrInvalid checks that refused accounts are told apart from
// database failures.
func TestUserErrInvalid(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cases := []store.User{
			{Login: "x", Role: store.RoleViewer, PasswordHash: "h"},
			{Login: "ok-login", Role: "boss", PasswordHash: "h"},
			{Login: "ok-login", Role: store.RoleAdmin, PasswordHash: "h", Scopes: []store.Scope{{Unit: "市科技局"}}},
		}
		for _, u := range cases {
			if _, err := s.CreateUser(ctx, u); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("%+v: %v, want ErrInvalid", u, err)
			}
		}
		u, err := s.CreateUser(ctx, store.User{Login: "ok-login", Role: store.RoleViewer, PasswordHash: "h", Scopes: []store.Scope{{}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, u); errors.Is(err, store.ErrInvalid) || !errors.Is(err, store.ErrConflict) {
			t.Errorf("taken login: %v, want ErrConflict only", err)
		}
		role := store.RoleReporter
		if _, _, err := s.UpdateUser(ctx, u.ID, store.UserChange{Role: &role}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("reporter without a unit: %v, want ErrInvalid", err)
		}
	})
}
