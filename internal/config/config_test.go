package config

import (
	"os"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		db      string
		nets    int
		wantErr string
	}{
		{name: "defaults under XDG_DATA_HOME", env: map[string]string{"XDG_DATA_HOME": "/data"}, db: "/data/planwatch/planwatch.db"},
		{name: "defaults under HOME", env: map[string]string{"HOME": "/home/a"}, db: "/home/a/.local/share/planwatch/planwatch.db"},
		{name: "explicit database", env: map[string]string{"PLANWATCH_DB": "postgres://db/pw"}, db: "postgres://db/pw"},
		{name: "allowed networks", env: map[string]string{"PLANWATCH_DB": "x.db", "PLANWATCH_ALLOW_NET": "10.0.0.0/8, 192.168.1.5"}, db: "x.db", nets: 2},
		{name: "bad network", env: map[string]string{"PLANWATCH_DB": "x.db", "PLANWATCH_ALLOW_NET": "intranet"}, wantErr: "PLANWATCH_ALLOW_NET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.DB != tt.db || len(c.AllowNets) != tt.nets || c.LogLevel != "warn" {
				t.Errorf("config = %+v", c)
			}
		})
	}
}

func TestLoadFileAndSecrets(t *testing.T) {
	files := map[string]string{
		"/etc/planwatch.env": "# planwatch\nexport PLANWATCH_LOG_LEVEL=info\nPLANWATCH_DB_FILE=/run/secrets/db\nPLANWATCH_ALLOW_NET=\"10.0.0.0/8\"\n",
		"/run/secrets/db":    "postgres://pw:s3cret@db.internal/planwatch\n",
		"/etc/typo.env":      "PLANWATCH_DBB=x.db\n",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	tests := []struct {
		name    string
		env     map[string]string
		db      string
		level   string
		wantErr string
	}{
		{name: "file and a secret file", env: map[string]string{"PLANWATCH_CONFIG": "/etc/planwatch.env"},
			db: "postgres://pw:s3cret@db.internal/planwatch", level: "info"},
		{name: "environment overrides the file", env: map[string]string{"PLANWATCH_CONFIG": "/etc/planwatch.env", "PLANWATCH_LOG_LEVEL": "debug"},
			db: "postgres://pw:s3cret@db.internal/planwatch", level: "debug"},
		{name: "a typo in the file", env: map[string]string{"PLANWATCH_CONFIG": "/etc/typo.env"}, wantErr: "unknown setting PLANWATCH_DBB"},
		{name: "missing secret file", env: map[string]string{"PLANWATCH_DB_FILE": "/run/secrets/none"}, wantErr: "PLANWATCH_DB_FILE"},
		{name: "bad level", env: map[string]string{"PLANWATCH_DB": "x.db", "PLANWATCH_LOG_LEVEL": "loud"}, wantErr: "PLANWATCH_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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
			if c.DB != tt.db || c.LogLevel != tt.level {
				t.Errorf("config = %+v", c)
			}
			for _, s := range settings {
				if strings.Contains(s.Value, "s3cret") {
					t.Errorf("setting %s shows the secret: %q", s.Key, s.Value)
				}
			}
		})
	}
}
