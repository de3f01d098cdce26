package schedule

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"planwatch/internal/ingest"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

const watchedV1 = `青溪市推进数字经济发展行动计划

一、主要目标
到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。

二、重点任务
（一）建设数字基础设施。由市经信局牵头，2025年底前完成。
（二）培育数据要素市场。由市发改委牵头。
`

// page serves a document whose text the test changes, or an error status.
type page struct {
	mu     sync.Mutex
	text   string
	status int
}

func (p *page) set(text string, status int) {
	p.mu.Lock()
	p.text, p.status = text, status
	p.mu.Unlock()
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.status != 0 {
		w.WriteHeader(p.status)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprint(w, p.text)
}

// TestWatchJob watches a page served by httptest (the fetcher allowed to
// reach loopback for the test): an unchanged page raises nothing, a
// changed one an alert with the versions and the changed lines, a failing
// one an error recorded with the watch, and the job goes on.
func TestWatchJob(t *testing.T) {
	pg := &page{text: watchedV1}
	srv := httptest.NewServer(pg)
	defer srv.Close()
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pg.set(watchedV1, 0)
		lib := library.New(st, library.Options{Fetch: ingest.FetchOptions{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}})
		r := lib.Add(ctx, srv.URL+"/plan.txt", nil)
		if r.Status != library.Added {
			t.Fatalf("add = %+v", r)
		}
		if _, err := st.AddWatch(ctx, r.DocumentID, "admin"); err != nil {
			t.Fatal(err)
		}
		c := newClock(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC))
		s := New(st, []Job{Watch(st, lib, time.Hour)}, Options{Holder: "a", Now: c.now})
		before := library.Counters().Refreshes

		if got := ran(s.RunOnce(ctx)); len(got) != 1 || got["watch"] != nil {
			t.Fatalf("unchanged round: %v", got)
		}
		if as, _ := st.ChangeAlerts(ctx, 0); len(as) != 0 {
			t.Errorf("alerts for an unchanged page: %+v", as)
		}
		if library.Counters().Refreshes-before != 1 {
			t.Error("the refresh was not counted")
		}

		pg.set(strings.Replace(watchedV1, "比重达到10%", "比重达到12%", 1)+"（三）建设城市大脑。由市数据局牵头。\n", 0)
		c.add(time.Hour)
		if got := ran(s.RunOnce(ctx)); got["watch"] != nil {
			t.Fatalf("changed round: %v", got)
		}
		as, err := st.ChangeAlerts(ctx, 0)
		if err != nil || len(as) != 1 {
			t.Fatalf("alerts = %+v, %v", as, err)
		}
		a := as[0]
		if a.DocumentID != r.DocumentID || a.FromSeq != 1 || a.ToSeq != 2 || a.AddedLines != 2 || a.RemovedLines != 1 ||
			!strings.Contains(a.Summary, "- 到2025年") || !strings.Contains(a.Summary, "+ （三）建设城市大脑") ||
			a.Title != "青溪市推进数字经济发展行动计划" || !a.CreatedAt.Equal(c.now()) {
			t.Errorf("alert = %+v", a)
		}

		pg.set("", http.StatusServiceUnavailable)
		c.add(time.Hour)
		got := ran(s.RunOnce(ctx))
		if err := got["watch"]; err == nil || !strings.Contains(err.Error(), "503") {
			t.Errorf("failing round: %v", got)
		}
		ws, _ := st.Watches(ctx)
		if len(ws) != 1 || !strings.Contains(ws[0].LastError, "503") || !ws[0].LastCheckedAt.Equal(c.now()) {
			t.Errorf("watch after a failure = %+v", ws)
		}
		if as, _ := st.ChangeAlerts(ctx, 0); len(as) != 1 {
			t.Errorf("a failure raised an alert: %+v", as)
		}
	})
}

// TestSummarize checks the alert's counts and quoted lines, cut short.
func TestSummarize(t *testing.T) {
	long := strings.Repeat("长", 100)
	a := summarize(library.Diff("甲\n乙\n丙\n", "甲\n"+long+"\n丙\n丁\n"))
	if a.AddedLines != 2 || a.RemovedLines != 1 {
		t.Errorf("counts = +%d -%d", a.AddedLines, a.RemovedLines)
	}
	want := "- 乙\n+ " + strings.Repeat("长", 80) + "…\n+ 丁"
	if a.Summary != want {
		t.Errorf("summary = %q, want %q", a.Summary, want)
	}
}
