package cli

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// TestUserAndAudit adds the first admin and other accounts, changes them,
// and exports and verifies the audit log the changes wrote.
func TestUserAndAudit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	t.Setenv("USER", "ops")
	const pw = "Plan-2025-office\n"
	steps := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{pw, []string{"user", "add", "admin", "--role", "admin", "--name", "管理员", "--password-stdin", "--db", db}, exitOK, "created admin (admin)"},
		{pw, []string{"user", "add", "admin", "--role", "admin", "--password-stdin", "--db", db}, exitFail, ""},
		{pw, []string{"user", "add", "bob", "--role", "admin", "--db", db}, exitUsage, ""},
		{"short\n", []string{"user", "add", "bob", "--role", "viewer", "--all-plans", "--password-stdin", "--db", db}, exitFail, ""},
		{pw, []string{"user", "add", "bob", "--role", "viewer", "--password-stdin", "--db", db}, exitUsage, ""},
		{pw, []string{"user", "add", "bob", "--role", "reporter", "--all-plans", "--password-stdin", "--db", db}, exitUsage, ""},
		{pw, []string{"user", "add", "bob", "--role", "viewer", "--plan", "nosuchplan", "--password-stdin", "--db", db}, exitFail, ""},
		// A reporter's unit is one the unit registry knows.
		{pw, []string{"user", "add", "kjj", "--role", "reporter", "--unit", "市科技局", "--all-plans", "--password-stdin", "--db", db}, exitFail, ""},
		{"", []string{"unit", "add", "市科技局", "--region", "330400", "--alias", "市科学技术局", "--db", db}, exitOK, "市科技局（嘉兴市）"},
		{pw, []string{"user", "add", "kjj", "--role", "reporter", "--unit", "市科学技术局", "--all-plans", "--password-stdin", "--db", db}, exitOK, "created kjj"},
		{"", []string{"user", "disable", "kjj", "--db", db}, exitOK, "kjj: disable done"},
		{"New-Password-9\n", []string{"user", "passwd", "admin", "--password-stdin", "--db", db}, exitOK, "admin: passwd done"},
		{"", []string{"user", "list", "--db", db}, exitOK, "kjj              reporter  disabled"},
		{"", []string{"user", "list", "--db", db}, exitOK, "市科技局@all plans"}, // the alias typed, the canonical name kept
		{"", []string{"user", "frob", "--db", db}, exitUsage, ""},
		{"", []string{"audit", "verify", "--db", db}, exitOK, "audit log intact: 5 entries"},
		{"", []string{"audit", "export", "--since", "2000-01-01", "--db", db}, exitOK, "user.password"},
		{"", []string{"audit", "export", "--since", "yesterday", "--db", db}, exitUsage, ""},
	}
	for _, s := range steps {
		code, out, errOut := run(t, s.stdin, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("%v = %d\n%s%s\nwant %d and %q", s.args[:2], code, out, errOut, s.code, s.want)
		}
		if code != exitOK && strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: stderr is not one line: %q", s.args[:2], errOut)
		}
	}
	_, out, _ := run(t, "", "audit", "export", "--db", db)
	if !strings.HasPrefix(out, "\ufeffseq,") || !strings.Contains(out, "cli:ops") || strings.Contains(out, "argon2") {
		t.Errorf("export:\n%s", out)
	}
}

// TestUserOTP issues a one-time sign-in code for an admin locked out by
// guesses from many addresses: it signs them in once from an address
// never seen, and the issue is audited without the code.
func TestUserOTP(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	t.Setenv("USER", "ops")
	if code, out, errOut := run(t, "Plan-2025-office\n", "user", "add", "admin", "--role", "admin", "--password-stdin", "--db", db); code != exitOK {
		t.Fatalf("user add = %d %s%s", code, out, errOut)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := auth.New(st)
	admin, err := st.UserByLogin(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	for range store.MaxLoginFailures { // as guesses from many addresses would (without the hashing's time)
		if _, err := st.RecordLoginFailure(ctx, admin.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.SignIn(ctx, "admin", "Plan-2025-office", "198.51.100.8", ""); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("locked admin from a new address: %v", err)
	}
	if code, _, _ := run(t, "", "user", "otp", "admin", "--valid", "48h", "--db", db); code != exitUsage {
		t.Errorf("otp --valid 48h = %d, want %d", code, exitUsage)
	}
	code, out, errOut := run(t, "", "user", "otp", "admin", "--db", db)
	m := regexp.MustCompile(`[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(out)
	if code != exitOK || m == "" {
		t.Fatalf("user otp = %d\n%s%s", code, out, errOut)
	}
	if tok, err := a.SignIn(ctx, "admin", m, "198.51.100.8", ""); err != nil || tok == "" {
		t.Fatalf("sign-in with the code: %v", err)
	}
	if _, err := a.SignIn(ctx, "admin", m, "198.51.100.9", ""); err == nil {
		t.Error("the code worked twice")
	}
	_, out, _ = run(t, "", "audit", "export", "--action", "user.otp", "--db", db)
	if !strings.Contains(out, "user.otp") || strings.Contains(out, m) {
		t.Errorf("audit of the code:\n%s", out)
	}
}
