package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

const testMetricsToken = "metrics-token-0123456789"

// TestMetrics: /metrics on the main address wants the metrics token (401
// without it, whoever asks: loopback, an admin's session); with no token
// set there are no metrics there at all (404), only on the separate
// metrics address.
func TestMetrics(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		srv, err := New(context.Background(), st, nil, Options{Version: "test", Now: func() time.Time { return fixtureNow },
			Settings: config.Server{MetricsToken: testMetricsToken}})
		if err != nil {
			t.Fatal(err)
		}
		get := func(h http.Handler, target, remote, auth string, sess *session) *httptest.ResponseRecorder {
			req := httptest.NewRequest("GET", target, nil)
			if remote != "" {
				req.RemoteAddr = remote
			}
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			if sess != nil {
				req.AddCookie(&http.Cookie{Name: "planwatch_session", Value: sess.token})
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nosuchpage", nil))
		cases := []struct {
			name   string
			h      http.Handler
			target string
			remote string
			auth   string
			sess   *session
			status int
		}{
			{"no token", srv, "/metrics", "", "", nil, 401},
			{"loopback is no pass", srv, "/metrics", "127.0.0.1:40000", "", nil, 401},
			{"admin session is no pass", srv, "/metrics", "", "", f.admin, 401},
			{"wrong token", srv, "/metrics", "", "Bearer " + testMetricsToken + "x", nil, 401},
			{"API token is no pass", srv, "/metrics", "", "Bearer pwt_nope", nil, 401},
			{"the token", srv, "/metrics", "", "Bearer " + testMetricsToken, nil, 200},
			{"the token, odd path", srv, "/metrics/", "", "bearer " + testMetricsToken, nil, 200},
			{"no token set: no metrics", f.srv, "/metrics", "127.0.0.1:40000", "", nil, 404},
			{"no token set, admin: no metrics", f.srv, "/metrics", "", "", f.admin, 404},
			{"metrics address", f.srv.MetricsHandler(), "/metrics", "", "", nil, 200},
			{"metrics address, other path", f.srv.MetricsHandler(), "/plans", "", "", nil, 404},
			{"metrics address wants a set token", srv.MetricsHandler(), "/metrics", "", "", nil, 401},
		}
		for _, c := range cases {
			rec := get(c.h, c.target, c.remote, c.auth, c.sess)
			if rec.Code != c.status {
				t.Errorf("%s: %d, want %d\n%.300s", c.name, rec.Code, c.status, rec.Body.String())
			}
			checkSecurityHeaders(t, rec.Header())
		}
		rec := get(srv, "/metrics", "", "Bearer "+testMetricsToken, nil)
		body := rec.Body.String()
		for _, want := range []string{
			`planwatch_http_requests_total{method="GET",route="unmatched",status="303"} 1`,
			`planwatch_http_requests_total{method="GET",route="GET /metrics",status="401"}`,
			`planwatch_db_connections{pool="read",state="open"}`,
			`planwatch_work_workers 2`,
			`planwatch_work_running 0`,
			`planwatch_work_waiting 0`,
			`planwatch_work_rejected_total{kind="pdf"} 0`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s:\n%s", want, body)
			}
		}
		f.get("GET", f.expand("/plans/{plan}"), nil)
		if body := get(f.srv.MetricsHandler(), "/metrics", "", "", nil).Body.String(); !strings.Contains(body,
			`planwatch_http_request_duration_seconds_bucket{method="GET",route="GET /plans/{id}",le="+Inf"} 1`) {
			t.Errorf("the metrics address lacks the main address's figures:\n%s", body)
		}
	})
}
