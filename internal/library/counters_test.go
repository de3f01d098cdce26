package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestCountersMove adds, re-adds, refreshes and fails inputs and checks
// that the totals the metrics print move by as much. Totals are
// process-wide, so the test compares before and after.
func TestCountersMove(t *testing.T) {
	page := "<html><head><title>青溪市推进数字经济发展行动计划</title></head><body>" + planText + "</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone.html" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		file := filepath.Join(dir, "plan.txt")
		if err := os.WriteFile(file, []byte(planText), 0o600); err != nil {
			t.Fatal(err)
		}
		lib := New(st, Options{Fetch: ingest.FetchOptions{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}})
		strict := New(st, Options{})
		before := Counters()
		lib.Add(ctx, file, nil)                                      // added
		lib.AddAll(ctx, []string{file, dir + "/none.txt"}, nil, nil) // unchanged, not found
		r := lib.Add(ctx, srv.URL+"/plan.html", nil)                 // the same text elsewhere
		strict.Add(ctx, srv.URL+"/plan.html", nil)                   // loopback refused
		lib.Add(ctx, srv.URL+"/gone.html", nil)                      // 404
		if r.DocumentID != "" {
			lib.Refresh(ctx, r.DocumentID) // unchanged
		}
		lib.Refresh(ctx, "zzzzzzzz") // no such document
		after := Counters()
		delta := func(s Status) int64 { return after.Outcomes[s] - before.Outcomes[s] }
		fail := func(c string) int64 { return after.Failures[c] - before.Failures[c] }
		if delta(Added) < 1 || delta(Unchanged) < 2 || delta(Failed) < 4 || delta(NearDuplicate)+delta(Added) < 2 {
			t.Errorf("outcomes moved %v → %v", before.Outcomes, after.Outcomes)
		}
		if fail(ReasonNotFound) < 2 || fail(ReasonForbidden) < 1 || fail(ReasonHTTPStatus) < 1 {
			t.Errorf("failures moved %v → %v", before.Failures, after.Failures)
		}
		if after.Refreshes-before.Refreshes < 2 {
			t.Errorf("refreshes %d → %d", before.Refreshes, after.Refreshes)
		}
	})
}

// TestReasonClass checks the classes of the errors ingest and the store
// return.
func TestReasonClass(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("fetch x: %w", ingest.ErrForbiddenAddress), ReasonForbidden},
		{fmt.Errorf("fetch x: %w: 503", ingest.ErrHTTPStatus), ReasonHTTPStatus},
		{fmt.Errorf("fetch x: %w", ingest.ErrTimeout), ReasonTimeout},
		{fmt.Errorf("x: %w", ingest.ErrBinary), ReasonUnreadable},
		{fmt.Errorf("x: %w", ingest.ErrTooLarge), ReasonTooLarge},
		{fs.ErrNotExist, ReasonNotFound},
		{fmt.Errorf("document x: %w", store.ErrNotFound), ReasonNotFound},
		{&netOpError{}, ReasonNetwork},
		{errors.New("saving: disk full"), ReasonOther},
	} {
		if got := ReasonClass(tc.err); got != tc.want {
			t.Errorf("ReasonClass(%v) = %s, want %s", tc.err, got, tc.want)
		}
	}
}

// netOpError is a net.Error, as a refused connection gives.
type netOpError struct{}

func (netOpError) Error() string   { return "connection refused" }
func (netOpError) Timeout() bool   { return false }
func (netOpError) Temporary() bool { return false }
