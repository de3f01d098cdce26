package store

import (
	"net/url"
	"testing"
)

func TestWithSessionDefaults(t *testing.T) {
	tests := []struct {
		dsn      string
		app, jit string
	}{
		{"postgres://u@h/db", "planwatch", "off"},
		{"postgres://u@h/db?sslmode=disable&search_path=s1", "planwatch", "off"},
		{"postgres://u@h/db?application_name=ops&jit=on", "ops", "on"},
	}
	for _, tt := range tests {
		u, err := url.Parse(withSessionDefaults(tt.dsn))
		if err != nil {
			t.Fatalf("%s: %v", tt.dsn, err)
		}
		q := u.Query()
		if q.Get("application_name") != tt.app || q.Get("jit") != tt.jit {
			t.Errorf("%s → application_name %q, jit %q; want %q, %q", tt.dsn, q.Get("application_name"), q.Get("jit"), tt.app, tt.jit)
		}
		if orig, _ := url.Parse(tt.dsn); orig.Query().Get("search_path") != q.Get("search_path") {
			t.Errorf("%s lost its search_path", tt.dsn)
		}
	}
}

// The store's PostgreSQL sessions run without JIT.
func TestPostgresSessionsWithoutJIT(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		if s.Dialect() != "postgres" {
			t.Skip("PostgreSQL only")
		}
		var jit string
		if err := s.r.QueryRow(`SHOW jit`).Scan(&jit); err != nil {
			t.Fatal(err)
		}
		if jit != "off" {
			t.Errorf("jit = %q, want off", jit)
		}
	})
}
