package cli

import (
	"path/filepath"
	"strings"
	"testing"
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
		{pw, []string{"user", "add", "kjj", "--role", "reporter", "--unit", "市科技局", "--all-plans", "--password-stdin", "--db", db}, exitOK, "created kjj"},
		{"", []string{"user", "disable", "kjj", "--db", db}, exitOK, "kjj: disable done"},
		{"New-Password-9\n", []string{"user", "passwd", "admin", "--password-stdin", "--db", db}, exitOK, "admin: passwd done"},
		{"", []string{"user", "list", "--db", db}, exitOK, "kjj              reporter  disabled"},
		{"", []string{"user", "frob", "--db", db}, exitUsage, ""},
		{"", []string{"audit", "verify", "--db", db}, exitOK, "audit log intact: 4 entries"},
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
