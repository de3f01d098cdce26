package cli

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/config"
	"planwatch/internal/store"
)

// TestWatchAndEmailCommands watches and unwatches a fetched document,
// refuses a file, sets a reporter's address, and checks the audit log.
func TestWatchAndEmailCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	t.Setenv("USER", "ops")
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	snap := func(source, title string) string {
		id, _, err := st.SaveSnapshot(ctx, &store.Snapshot{Document: store.Document{Source: source, Title: title},
			Version: store.Version{Format: "text", Text: title, Original: title}, Bytes: []byte(title)})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	web := snap("https://www.jx.gov.cn/art/plan.html", "嘉兴市行动计划")
	file := snap("/srv/docs/plan.txt", "本地文件")
	st.Close()

	steps := []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"watch", "list", "--db", db}, exitOK, "no watched documents"},
		{"", []string{"watch", "add", web, "--db", db}, exitOK, "watching " + web + ": 嘉兴市行动计划"},
		{"", []string{"watch", "add", file, "--db", db}, exitFail, ""},
		{"", []string{"watch", "list", "--db", db}, exitOK, "not checked yet"},
		{"", []string{"watch", "add", "--db", db}, exitUsage, ""},
		{"", []string{"watch", "frob", "--db", db}, exitUsage, ""},
		{"", []string{"watch", "remove", web, "--db", db}, exitOK, "no longer watching"},
		{"", []string{"watch", "remove", web, "--db", db}, exitFail, ""},
		{"", []string{"unit", "add", "市科技局", "--region", "330400", "--db", db}, exitOK, "市科技局"},
		{"Plan-2025-office\n", []string{"user", "add", "kjj", "--role", "reporter", "--unit", "市科技局", "--all-plans", "--password-stdin", "--db", db}, exitOK, "created kjj"},
		{"", []string{"user", "email", "kjj", "kjj@jx.gov.cn", "--db", db}, exitOK, "kjj: email done"},
		{"", []string{"user", "email", "kjj", "王五 <kjj@jx.gov.cn>", "--db", db}, exitFail, ""},
		{"", []string{"user", "email", "kjj", "--db", db}, exitUsage, ""},
		{"", []string{"audit", "export", "--since", "2000-01-01", "--db", db}, exitOK, "document.add_watch"},
		{"", []string{"audit", "export", "--since", "2000-01-01", "--db", db}, exitOK, "kjj@jx.gov.cn"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, s.stdin, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("%v = %d\n%s%s\nwant %d and %q", s.args, code, out, errOut, s.code, s.want)
		}
	}
	st, err = store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.UnitContacts(ctx, "any", "市科技局"); err != nil || len(got) != 1 || got[0] != "kjj@jx.gov.cn" {
		t.Errorf("contacts = %v, %v", got, err)
	}
}

// TestConfigCheckSchedule prints the intervals and the relay, with the
// password redacted.
func TestConfigCheckSchedule(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "smtp")
	os.WriteFile(secret, []byte("relay-s3cret\n"), 0o600)
	t.Setenv("PLANWATCH_DB", filepath.Join(dir, "lib.db"))
	t.Setenv("PLANWATCH_WATCH_INTERVAL", "2h")
	t.Setenv("PLANWATCH_SMTP_ADDR", "mail.jx.gov.cn:587")
	t.Setenv("PLANWATCH_SMTP_FROM", "planwatch@jx.gov.cn")
	t.Setenv("PLANWATCH_SMTP_USER", "planwatch")
	t.Setenv("PLANWATCH_SMTP_PASSWORD_FILE", secret)
	code, out, errOut := run(t, "", "config", "check")
	if code != exitOK || strings.Contains(out, "relay-s3cret") {
		t.Fatalf("config check = %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"PLANWATCH_WATCH_INTERVAL 2h", "PLANWATCH_REMINDER_INTERVAL 24h0m0s", "PLANWATCH_AUDIT_RETENTION_DAYS 180",
		"PLANWATCH_SMTP_ADDR  mail.jx.gov.cn:587", "PLANWATCH_SMTP_PASSWORD xxxxx"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("config check lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("PLANWATCH_AUDIT_RETENTION_DAYS", "30")
	if code, _, errOut := run(t, "", "config", "check"); code != exitFail || !strings.Contains(errOut, "at least 180") {
		t.Errorf("retention 30 = %d, %q", code, errOut)
	}
}

// TestStartScheduleStops starts the scheduled jobs as serve does and
// stops them: the stop function returns once the round is over.
func TestStartScheduleStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "planwatch.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := config.Config{Schedule: config.Schedule{WatchInterval: config.DefaultWatchInterval,
		ReminderInterval: config.DefaultReminderInterval, CleanupInterval: config.DefaultCleanupInterval, AuditRetentionDays: 180}}
	cfg := &Config{Ctx: ctx, Stdout: io.Discard, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
	stop := startSchedule(cfg, st, app)
	stop()
	// The first round ran before the stop took effect or not at all;
	// either way no lease is left held.
	leases, err := st.JobLeases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range leases {
		if !j.LeaseUntil.IsZero() {
			t.Errorf("lease left held: %+v", j)
		}
	}
}
