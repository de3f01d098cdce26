package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/respond"
)

// TestPDFReportsArePooled sends 8 PDF report requests at once to a
// server with 2 workers and room for 2 to wait: never more than 2
// renderers run, 4 reports come out, and the other 4 requests get 503
// with Retry-After straight away.
func TestPDFReportsArePooled(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		var running, most atomic.Int32
		release := make(chan struct{})
		render := func(ctx context.Context, w io.Writer, r *report.Report) error {
			n := running.Add(1)
			defer running.Add(-1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			select {
			case <-release:
			case <-ctx.Done():
				return ctx.Err()
			}
			_, err := io.WriteString(w, "%PDF-1.4 stand-in\n")
			return err
		}
		srv, err := New(context.Background(), st, nil, Options{Version: "test", Now: func() time.Time { return fixtureNow },
			RenderPDF: render, Settings: config.Server{Workers: 2, WorkQueue: 2}})
		if err != nil {
			t.Fatal(err)
		}
		target := f.expand("/plans/{plan}/report?format=pdf&as-of=2023-06-30")
		var wg sync.WaitGroup
		recs := make([]*httptest.ResponseRecorder, 8)
		for i := range recs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := httptest.NewRequest("GET", target, nil)
				req.AddCookie(&http.Cookie{Name: "planwatch_session", Value: f.admin.token})
				recs[i] = httptest.NewRecorder()
				srv.ServeHTTP(recs[i], req)
			}()
		}
		// The refused ones answer at once; then the renderers may finish.
		deadline := time.Now().Add(10 * time.Second)
		for srv.work.rejectedTotal() < 4 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		close(release)
		wg.Wait()
		codes := map[int]int{}
		for _, rec := range recs {
			codes[rec.Code]++
			switch rec.Code {
			case 200:
				if rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF") {
					t.Errorf("report: %q %.40q", rec.Header().Get("Content-Type"), rec.Body.String())
				}
			case 503:
				if ra := rec.Header().Get("Retry-After"); ra == "" || ra == "0" {
					t.Errorf("503 without Retry-After: %v", rec.Header())
				}
				if !strings.Contains(rec.Body.String(), "服务器繁忙") {
					t.Errorf("503 page: %.300s", rec.Body.String())
				}
			}
		}
		if codes[200] != 4 || codes[503] != 4 {
			t.Errorf("answers %v, want 4 reports and 4 × 503", codes)
		}
		if m := most.Load(); m > 2 {
			t.Errorf("%d renderers ran at once, the pool has 2", m)
		}
		mrec := httptest.NewRecorder()
		srv.MetricsHandler().ServeHTTP(mrec, httptest.NewRequest("GET", "/metrics", nil))
		for _, want := range []string{`planwatch_work_rejected_total{kind="pdf"} 4`, `planwatch_work_jobs_total{kind="pdf"} 4`, "planwatch_work_running 0"} {
			if !strings.Contains(mrec.Body.String(), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
}

// TestImportBusyJSON: with every worker busy and no room to wait, an
// import through the API is a JSON 503 with Retry-After.
func TestImportBusyJSON(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		srv, err := New(context.Background(), st, nil, Options{Version: "test", Now: func() time.Time { return fixtureNow },
			Settings: config.Server{Workers: 1, WorkQueue: 0}})
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := st.CreateAPIToken(context.Background(), f.admin.user.ID, "script", 0)
		if err != nil {
			t.Fatal(err)
		}
		hold, held := make(chan struct{}), make(chan struct{})
		go srv.work.do(context.Background(), workFetch, func(context.Context) error { close(held); <-hold; return nil })
		<-held
		defer close(hold)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "plan.txt")
		io.WriteString(fw, "青溪市测试计划\n到2025年，研发经费投入强度达到3%。\n")
		mw.Close()
		req := httptest.NewRequest("POST", "/api/v1/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		var e struct {
			Error struct{ Code, Message string }
		}
		if rec.Code != 503 || rec.Header().Get("Retry-After") == "" || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error.Code != "busy" {
			t.Errorf("busy import: %d %v %s", rec.Code, rec.Header(), rec.Body.String())
		}
	})
}

// TestWorkPoolTimeout: a job past the work timeout is stopped and
// answered 503 with Retry-After; the next job gets a worker.
func TestWorkPoolTimeout(t *testing.T) {
	p := newWorkPool(config.Server{Workers: 1, WorkTimeout: 50 * time.Millisecond})
	err := p.do(context.Background(), workPDF, func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	rec := httptest.NewRecorder()
	respond.Error(rec, httptest.NewRequest("GET", "/api/v1/x", nil), err)
	if rec.Code != 503 || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "timeout") {
		t.Errorf("timed-out job: %d %v %s", rec.Code, rec.Header(), rec.Body.String())
	}
	if err := p.do(context.Background(), workPDF, func(context.Context) error { return nil }); err != nil {
		t.Errorf("next job: %v", err)
	}
	var b strings.Builder
	p.writeMetrics(&b)
	if !strings.Contains(b.String(), `planwatch_work_timeouts_total{kind="pdf"} 1`) {
		t.Errorf("metrics:\n%s", b.String())
	}
}
