package config

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestSchedule covers the intervals, the audit retention and the SMTP
// relay settings: defaults, values, refusals, and the password redacted.
func TestSchedule(t *testing.T) {
	secrets := map[string]string{"/run/secrets/smtp": "p@ss word\n"}
	read := func(p string) ([]byte, error) {
		if s, ok := secrets[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	tests := []struct {
		name    string
		env     map[string]string
		want    Schedule
		wantErr string
	}{
		{name: "defaults", env: map[string]string{},
			want: Schedule{WatchInterval: 6 * time.Hour, ReminderInterval: 24 * time.Hour, CleanupInterval: time.Hour, AuditRetentionDays: 180}},
		{name: "set", env: map[string]string{"PLANWATCH_WATCH_INTERVAL": "30m", "PLANWATCH_REMINDER_INTERVAL": "off",
			"PLANWATCH_CLEANUP_INTERVAL": "2h", "PLANWATCH_AUDIT_RETENTION_DAYS": "365",
			"PLANWATCH_SMTP_ADDR": "mail.jx.gov.cn:587", "PLANWATCH_SMTP_FROM": "planwatch@jx.gov.cn",
			"PLANWATCH_SMTP_USER": "planwatch", "PLANWATCH_SMTP_PASSWORD_FILE": "/run/secrets/smtp"},
			want: Schedule{WatchInterval: 30 * time.Minute, CleanupInterval: 2 * time.Hour, AuditRetentionDays: 365,
				SMTP: SMTP{Addr: "mail.jx.gov.cn:587", From: "planwatch@jx.gov.cn", User: "planwatch", Password: "p@ss word"}}},
		{name: "interval too short", env: map[string]string{"PLANWATCH_WATCH_INTERVAL": "5s"}, wantErr: "PLANWATCH_WATCH_INTERVAL"},
		{name: "interval not a duration", env: map[string]string{"PLANWATCH_REMINDER_INTERVAL": "daily"}, wantErr: "PLANWATCH_REMINDER_INTERVAL"},
		{name: "retention too short", env: map[string]string{"PLANWATCH_AUDIT_RETENTION_DAYS": "90"}, wantErr: "at least 180"},
		{name: "retention not a number", env: map[string]string{"PLANWATCH_AUDIT_RETENTION_DAYS": "half a year"}, wantErr: "PLANWATCH_AUDIT_RETENTION_DAYS"},
		{name: "relay without port", env: map[string]string{"PLANWATCH_SMTP_ADDR": "mail.jx.gov.cn", "PLANWATCH_SMTP_FROM": "a@jx.gov.cn"}, wantErr: "host:port"},
		{name: "relay without sender", env: map[string]string{"PLANWATCH_SMTP_ADDR": "mail:25"}, wantErr: "PLANWATCH_SMTP_FROM"},
		{name: "user without password", env: map[string]string{"PLANWATCH_SMTP_ADDR": "mail:25", "PLANWATCH_SMTP_FROM": "a@jx.gov.cn",
			"PLANWATCH_SMTP_USER": "u"}, wantErr: "both or neither"},
		{name: "base URL", env: map[string]string{"PLANWATCH_BASE_URL": "https://pw.jx.gov.cn/planwatch/"},
			want: Schedule{WatchInterval: 6 * time.Hour, ReminderInterval: 24 * time.Hour, CleanupInterval: time.Hour, AuditRetentionDays: 180,
				BaseURL: "https://pw.jx.gov.cn/planwatch"}},
		{name: "base URL not absolute", env: map[string]string{"PLANWATCH_BASE_URL": "pw.jx.gov.cn"}, wantErr: "PLANWATCH_BASE_URL"},
		{name: "base URL not http", env: map[string]string{"PLANWATCH_BASE_URL": "ftp://pw.jx.gov.cn"}, wantErr: "PLANWATCH_BASE_URL"},
		{name: "base URL with query", env: map[string]string{"PLANWATCH_BASE_URL": "https://pw.jx.gov.cn/?a=1"}, wantErr: "PLANWATCH_BASE_URL"},
		{name: "base URL with user", env: map[string]string{"PLANWATCH_BASE_URL": "https://u:p@pw.jx.gov.cn"}, wantErr: "PLANWATCH_BASE_URL"},
		{name: "sender without relay", env: map[string]string{"PLANWATCH_SMTP_FROM": "a@jx.gov.cn"}, wantErr: "PLANWATCH_SMTP_ADDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["PLANWATCH_DB"] = "x.db"
			c, settings, err := Load(env(tt.env), read)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Schedule != tt.want {
				t.Errorf("schedule = %+v, want %+v", c.Schedule, tt.want)
			}
			for _, s := range settings {
				if strings.Contains(s.Value, "p@ss") {
					t.Errorf("setting %s shows the password: %q", s.Key, s.Value)
				}
			}
		})
	}
}

// TestScheduleKeysInFile checks that the file may carry the new keys.
func TestScheduleKeysInFile(t *testing.T) {
	read := func(string) ([]byte, error) {
		return []byte("PLANWATCH_WATCH_INTERVAL=1h\nPLANWATCH_SMTP_ADDR=mail:25\nPLANWATCH_SMTP_FROM=pw@jx.gov.cn\n"), nil
	}
	c, _, err := Load(env(map[string]string{"PLANWATCH_CONFIG": "/etc/pw.env", "PLANWATCH_DB": "x.db"}), read)
	if err != nil || c.Schedule.WatchInterval != time.Hour || c.Schedule.SMTP.Addr != "mail:25" {
		t.Fatalf("config = %+v, %v", c.Schedule, err)
	}
}
