package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestMetrics(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		f.get("GET", f.expand("/plans/{plan}"), nil)
		f.get("GET", "/nosuchpage", nil)
		if rec := f.do("GET", "/metrics", nil, nil, nil); rec.Code != http.StatusForbidden {
			t.Errorf("remote signed-out /metrics = %d, want 403", rec.Code)
		}
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = "127.0.0.1:40000"
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("loopback /metrics = %d", rec.Code)
		}
		for _, want := range []string{
			`planwatch_http_requests_total{method="GET",route="GET /plans/{id}",status="200"} 1`,
			`route="unmatched",status="404"`,
			`planwatch_http_request_duration_seconds_bucket{method="GET",route="GET /plans/{id}",le="+Inf"} 1`,
			`planwatch_db_connections{pool="read",state="open"}`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s:\n%s", want, body)
			}
		}
		if admin := f.get("GET", "/metrics", nil); admin.Code != http.StatusOK {
			t.Errorf("admin /metrics = %d", admin.Code)
		}
	})
}
