package web

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"planwatch/internal/library"
	"planwatch/internal/schedule"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestWorkMetrics checks that ingest counters and scheduled job counters
// show in /metrics and move when documents are added and jobs run.
func TestWorkMetrics(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		scrape := func(series string) float64 {
			t.Helper()
			req := httptest.NewRequest("GET", "/metrics", nil)
			rec := httptest.NewRecorder()
			f.srv.MetricsHandler().ServeHTTP(rec, req)
			m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(rec.Body.String())
			if m == nil {
				t.Fatalf("/metrics lacks %s:\n%s", series, rec.Body.String())
			}
			v, _ := strconv.ParseFloat(m[1], 64)
			return v
		}
		added, missing := `planwatch_ingest_documents_total{outcome="added"}`, `planwatch_ingest_failures_total{reason="not_found"}`
		a0, m0 := scrape(added), scrape(missing)
		path := filepath.Join(t.TempDir(), "plan.txt")
		os.WriteFile(path, []byte("青溪市测试计划\n\n一、主要目标\n到2025年，研发经费投入强度达到3%。\n"), 0o600)
		lib := library.New(st, library.Options{})
		lib.Add(ctx, path, nil)
		lib.Add(ctx, path+".gone", nil)
		if a1, m1 := scrape(added), scrape(missing); a1 < a0+1 || m1 < m0+1 {
			t.Errorf("added %g → %g, not found %g → %g", a0, a1, m0, m1)
		}
		job := schedule.Job{Name: "metrics-test", Interval: time.Hour, Run: func(context.Context, time.Time) error { return context.Canceled }}
		schedule.New(st, []schedule.Job{job}, schedule.Options{Holder: "t"}).RunOnce(ctx)
		if runs, fails := scrape(`planwatch_job_runs_total{job="metrics-test"}`), scrape(`planwatch_job_failures_total{job="metrics-test"}`); runs < 1 || fails < 1 {
			t.Errorf("job runs %g, failures %g", runs, fails)
		}
	})
}
