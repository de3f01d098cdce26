package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestJobLease checks that a job's lease goes to one holder at a time,
// that a released job waits for its next run time, and that a lease left
// by a server that died expires.
func TestJobLease(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
		acquire := func(holder string, at time.Time) bool {
			t.Helper()
			ok, err := s.AcquireJob(ctx, "watch", holder, at, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !acquire("a", t0) {
			t.Fatal("a did not get a fresh job")
		}
		if acquire("b", t0.Add(time.Minute)) {
			t.Error("b got the job while a holds it")
		}
		if err := s.ReleaseJob(ctx, "watch", "b", t0, t0, nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("b released a's lease: %v", err)
		}
		next := t0.Add(6 * time.Hour)
		if err := s.ReleaseJob(ctx, "watch", "a", t0.Add(2*time.Minute), next, errors.New("站点 503")); err != nil {
			t.Fatal(err)
		}
		j, err := s.JobLeaseOf(ctx, "watch")
		if err != nil || j.LastError != "站点 503" || !j.NextRunAt.Equal(next) || !j.LeaseUntil.IsZero() {
			t.Errorf("after release: %+v, %v", j, err)
		}
		if acquire("b", next.Add(-time.Second)) {
			t.Error("b ran the job before it was due")
		}
		if !acquire("b", next) {
			t.Fatal("b did not get the due job")
		}
		// b dies holding the lease: a takes over once it expires.
		if acquire("a", next.Add(59*time.Minute)) {
			t.Error("a took a current lease")
		}
		if !acquire("a", next.Add(time.Hour)) {
			t.Error("a did not take an expired lease")
		}
		if _, err := s.JobLeaseOf(ctx, "nothing"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown job: %v", err)
		}
	})
}

// TestJobLeaseRace has servers ask for the same due job at once: exactly
// one wins.
func TestJobLeaseRace(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
		for round := range 3 {
			var (
				wg   sync.WaitGroup
				mu   sync.Mutex
				wins int
			)
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, err := s.AcquireJob(ctx, "reminders", string(rune('a'+i)), at, time.Minute)
					if err != nil {
						t.Error(err)
					}
					if ok {
						mu.Lock()
						wins++
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if wins != 1 {
				t.Fatalf("round %d: %d servers won the lease, want 1", round, wins)
			}
			at = at.Add(2 * time.Minute) // the lease expired
		}
	})
}
