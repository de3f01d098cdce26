package config

import (
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
