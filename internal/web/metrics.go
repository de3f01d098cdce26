package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// latencyBuckets are the upper bounds, in seconds, of the request duration
// histogram: from a cached page to a PDF report.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests by route and status and times them, in memory,
// for Prometheus to scrape at /metrics.
type metrics struct {
	mu       sync.Mutex
	requests map[[3]string]int64 // method, route, status
	buckets  map[[2]string][]int64
	sums     map[[2]string]float64
	counts   map[[2]string]int64
	started  time.Time
}

func newMetrics() *metrics {
	return &metrics{requests: map[[3]string]int64{}, buckets: map[[2]string][]int64{},
		sums: map[[2]string]float64{}, counts: map[[2]string]int64{}, started: time.Now()}
}

// routeKey carries the matched route pattern back out to the middleware.
type routeKey struct{}

// instrument records the route a request matched, so that metrics group
// /plans/01k… and /plans/01j… as one route.
func instrument(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if p, ok := r.Context().Value(routeKey{}).(*string); ok {
			*p = pattern
		}
		h(w, r)
	}
}

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[3]string{method, route, fmt.Sprint(status)}]++
	k := [2]string{method, route}
	b := m.buckets[k]
	if b == nil {
		b = make([]int64, len(latencyBuckets))
		m.buckets[k] = b
	}
	for i, le := range latencyBuckets {
		if sec <= le {
			b[i]++
		}
	}
	m.sums[k] += sec
	m.counts[k]++
}

// write prints the metrics in Prometheus' text format.
func (m *metrics) write(w *strings.Builder, st *store.Store) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.WriteString("# HELP planwatch_http_requests_total HTTP requests by method, route and status.\n# TYPE planwatch_http_requests_total counter\n")
	var reqs [][3]string
	for k := range m.requests {
		reqs = append(reqs, k)
	}
	sort.Slice(reqs, func(i, j int) bool { return strings.Join(reqs[i][:], " ") < strings.Join(reqs[j][:], " ") })
	for _, k := range reqs {
		fmt.Fprintf(w, "planwatch_http_requests_total{method=%q,route=%q,status=%q} %d\n", k[0], k[1], k[2], m.requests[k])
	}
	w.WriteString("# HELP planwatch_http_request_duration_seconds Time to answer, by method and route.\n# TYPE planwatch_http_request_duration_seconds histogram\n")
	var keys [][2]string
	for k := range m.counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		for i, le := range latencyBuckets {
			fmt.Fprintf(w, "planwatch_http_request_duration_seconds_bucket{method=%q,route=%q,le=\"%g\"} %d\n", k[0], k[1], le, m.buckets[k][i])
		}
		fmt.Fprintf(w, "planwatch_http_request_duration_seconds_bucket{method=%q,route=%q,le=\"+Inf\"} %d\n", k[0], k[1], m.counts[k])
		fmt.Fprintf(w, "planwatch_http_request_duration_seconds_sum{method=%q,route=%q} %g\n", k[0], k[1], m.sums[k])
		fmt.Fprintf(w, "planwatch_http_request_duration_seconds_count{method=%q,route=%q} %d\n", k[0], k[1], m.counts[k])
	}
	wr, rd := st.PoolStats()
	w.WriteString("# HELP planwatch_db_connections Database connections by pool and state.\n# TYPE planwatch_db_connections gauge\n")
	for _, p := range []struct {
		name string
		open int
		use  int
		idle int
	}{{"write", wr.OpenConnections, wr.InUse, wr.Idle}, {"read", rd.OpenConnections, rd.InUse, rd.Idle}} {
		fmt.Fprintf(w, "planwatch_db_connections{pool=%q,state=\"open\"} %d\n", p.name, p.open)
		fmt.Fprintf(w, "planwatch_db_connections{pool=%q,state=\"in_use\"} %d\n", p.name, p.use)
		fmt.Fprintf(w, "planwatch_db_connections{pool=%q,state=\"idle\"} %d\n", p.name, p.idle)
	}
	w.WriteString("# HELP planwatch_db_wait_total Times a query waited for a free connection.\n# TYPE planwatch_db_wait_total counter\n")
	fmt.Fprintf(w, "planwatch_db_wait_total{pool=\"write\"} %d\nplanwatch_db_wait_total{pool=\"read\"} %d\n", wr.WaitCount, rd.WaitCount)
	writeWorkMetrics(w)
	w.WriteString("# HELP planwatch_uptime_seconds Seconds since the server started.\n# TYPE planwatch_uptime_seconds gauge\n")
	fmt.Fprintf(w, "planwatch_uptime_seconds %g\n", time.Since(m.started).Seconds())
}

// metricsPath is where Prometheus scrapes.
const metricsPath = "/metrics"

// metricsGate answers /metrics before the sign-in machinery sees the
// request (whose Bearer token is the metrics token, not an API token):
// with the metrics token (PLANWATCH_METRICS_TOKEN) it serves the
// figures, without it 401; with no token set the main address has no
// metrics at all (404, as for any page that does not exist). Trusting
// loopback peers is no guard behind a reverse proxy, where every request
// comes from loopback.
func (s *Server) metricsGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Clean(r.URL.Path) != metricsPath {
			next.ServeHTTP(w, r)
			return
		}
		if p, ok := r.Context().Value(routeKey{}).(*string); ok {
			*p = "GET " + metricsPath
		}
		if s.opt.Settings.MetricsToken == "" {
			s.notFound(w, r)
			return
		}
		s.metricsShow(w, r)
	})
}

// MetricsHandler serves /metrics alone, for a separate listen address
// (PLANWATCH_METRICS_ADDR) that only Prometheus can reach. It wants the
// metrics token too when one is set.
func (s *Server) MetricsHandler() http.Handler {
	return s.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Clean(r.URL.Path) != metricsPath {
			s.notFound(w, r)
			return
		}
		if p, ok := r.Context().Value(routeKey{}).(*string); ok {
			*p = "GET " + metricsPath
		}
		s.metricsShow(w, r)
	}))
}

// metricsShow writes the figures to a caller with the metrics token, when
// one is set: they describe the server, not the plans, but are not for
// everyone.
func (s *Server) metricsShow(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		respond.Error(w, r, respond.MethodNotAllowed(r.Method))
		return
	}
	if want := s.opt.Settings.MetricsToken; want != "" {
		got, _ := bearerToken(r)
		g, w2 := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
		if subtle.ConstantTimeCompare(g[:], w2[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="planwatch metrics"`)
			respond.Error(w, r, respond.Unauthorized("metrics need the metrics token (PLANWATCH_METRICS_TOKEN) as Authorization: Bearer"))
			return
		}
	}
	var b strings.Builder
	s.metrics.write(&b, s.st)
	s.work.writeMetrics(&b)
	respond.Bytes(w, r, respond.File{ContentType: "text/plain; version=0.0.4; charset=utf-8", Inline: true}, []byte(b.String()))
}

// bearerToken returns the token of an "Authorization: Bearer" header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:]), true
	}
	return "", false
}
