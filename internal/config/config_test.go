package config

import (
	"os"
	"strings"
	"testing"
	"time"
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

func TestServerSettings(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{name: "defaults", env: map[string]string{"PLANWATCH_DB": "/var/lib/planwatch/planwatch.db"}, check: func(t *testing.T, c Config) {
			sv := c.Server
			if len(sv.TrustedProxies) != 0 || sv.MetricsToken != "" || sv.MetricsAddr != "" || sv.Workers != DefaultWorkers ||
				sv.WorkQueue != DefaultWorkQueue || sv.WorkTimeout != DefaultWorkTimeout || sv.MemoryLimit != DefaultMemoryLimit {
				t.Errorf("defaults %+v", sv)
			}
			if got := c.AuditCheckpointFile(); got != "/var/lib/planwatch/planwatch.db.audit-head" {
				t.Errorf("checkpoint %q", got)
			}
		}},
		{name: "postgres has no default checkpoint", env: map[string]string{"PLANWATCH_DB": "postgres://db/pw"}, check: func(t *testing.T, c Config) {
			if got := c.AuditCheckpointFile(); got != "" {
				t.Errorf("checkpoint %q", got)
			}
		}},
		{name: "set", env: map[string]string{"PLANWATCH_DB": "x.db", "PLANWATCH_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.5, ::1",
			"PLANWATCH_METRICS_TOKEN": "0123456789abcdef0123", "PLANWATCH_METRICS_ADDR": "127.0.0.1:9180", "PLANWATCH_WORKERS": "4",
			"PLANWATCH_WORK_QUEUE": "0", "PLANWATCH_WORK_TIMEOUT": "30s", "PLANWATCH_AUDIT_CHECKPOINT": "/srv/audit-head",
			"PLANWATCH_MEMORY_LIMIT": "2GiB"},
			check: func(t *testing.T, c Config) {
				sv := c.Server
				if len(sv.TrustedProxies) != 3 || sv.TrustedProxies[1].String() != "192.168.1.5/32" || sv.TrustedProxies[2].String() != "::1/128" ||
					sv.MetricsToken != "0123456789abcdef0123" || sv.MetricsAddr != "127.0.0.1:9180" || sv.Workers != 4 || sv.WorkQueue != 0 ||
					sv.WorkTimeout != 30*time.Second || c.AuditCheckpointFile() != "/srv/audit-head" || sv.MemoryLimit != 2<<30 {
					t.Errorf("settings %+v", sv)
				}
			}},
		{name: "bad proxy", env: map[string]string{"PLANWATCH_TRUSTED_PROXIES": "proxy.local"}, wantErr: "PLANWATCH_TRUSTED_PROXIES"},
		{name: "short token", env: map[string]string{"PLANWATCH_METRICS_TOKEN": "secret"}, wantErr: "PLANWATCH_METRICS_TOKEN"},
		{name: "bad metrics address", env: map[string]string{"PLANWATCH_METRICS_ADDR": "9180"}, wantErr: "PLANWATCH_METRICS_ADDR"},
		{name: "no workers", env: map[string]string{"PLANWATCH_WORKERS": "0"}, wantErr: "PLANWATCH_WORKERS"},
		{name: "too many workers", env: map[string]string{"PLANWATCH_WORKERS": "65"}, wantErr: "PLANWATCH_WORKERS"},
		{name: "bad timeout", env: map[string]string{"PLANWATCH_WORK_TIMEOUT": "10ms"}, wantErr: "PLANWATCH_WORK_TIMEOUT"},
		{name: "no memory limit", env: map[string]string{"PLANWATCH_MEMORY_LIMIT": "0"}, check: func(t *testing.T, c Config) {
			if c.Server.MemoryLimit != 0 {
				t.Errorf("memory limit %d, want 0 (none)", c.Server.MemoryLimit)
			}
		}},
		{name: "memory limit in bytes", env: map[string]string{"PLANWATCH_MEMORY_LIMIT": "536870912"}, check: func(t *testing.T, c Config) {
			if c.Server.MemoryLimit != 512<<20 {
				t.Errorf("memory limit %d, want 512 MiB", c.Server.MemoryLimit)
			}
		}},
		{name: "memory limit too small", env: map[string]string{"PLANWATCH_MEMORY_LIMIT": "16MiB"}, wantErr: "PLANWATCH_MEMORY_LIMIT"},
		{name: "memory limit not a size", env: map[string]string{"PLANWATCH_MEMORY_LIMIT": "lots"}, wantErr: "PLANWATCH_MEMORY_LIMIT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, settings, err := Load(env(tt.env), os.ReadFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
			for _, s := range settings {
				if s.Key == "PLANWATCH_METRICS_TOKEN" && strings.Contains(s.Value, "0123456789") {
					t.Errorf("config check would print the metrics token: %+v", s)
				}
			}
		})
	}
}
