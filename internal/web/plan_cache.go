package web

import (
	"context"
	"errors"
	"sync"
	"time"

	"planwatch/internal/store"
)

// Computed views of a plan (its report as of a date, its summary) are
// cached per plan and date, stamped with the plan's UpdatedAt. Every
// change the store makes to a plan's items, updates, indicators or
// figures moves UpdatedAt (strictly forward), and every request reads the
// plan row before asking the cache, so a stale entry never matches: the
// numbers are right on the first request after a change, on every
// instance sharing the database, without any instance telling another.

// planCache holds values of type T per (plan, as-of) with the plan stamp
// they were computed at. At most max entries are kept; beyond that an
// arbitrary one goes (map order), which is enough for a working set that
// is mostly the plans being looked at today.
type planCache[T any] struct {
	mu      sync.Mutex
	max     int
	entries map[planCacheKey]*planCacheEntry[T]
}

// errPanicked is the error waiters see when the computation panicked
// (the panic itself goes on up to the server's recovery).
var errPanicked = errors.New("plan cache: computation failed")

type planCacheKey struct {
	plan string
	asOf int64 // Unix seconds
}

// planCacheEntry is one value; done is closed once val/err are set, so
// concurrent requests for the same entry wait for one computation rather
// than each running it.
type planCacheEntry[T any] struct {
	stamp int64
	done  chan struct{}
	val   T
	err   error
}

func newPlanCache[T any](max int) *planCache[T] {
	return &planCache[T]{max: max, entries: map[planCacheKey]*planCacheEntry[T]{}}
}

// planStamp is what a cached value is valid for: the plan's last change.
func planStamp(p store.Plan) int64 { return p.UpdatedAt.UnixMilli() }

// get returns the value for plan p as of asOf, computing it with compute
// when the cache has none for p's current stamp. Errors are not kept.
func (c *planCache[T]) get(ctx context.Context, p store.Plan, asOf time.Time, compute func() (T, error)) (T, error) {
	key := planCacheKey{plan: p.ID, asOf: asOf.Unix()}
	stamp := planStamp(p)
	c.mu.Lock()
	e, ok := c.entries[key]
	if !ok || e.stamp != stamp {
		if len(c.entries) >= c.max && !ok {
			for k := range c.entries {
				delete(c.entries, k)
				break
			}
		}
		e = &planCacheEntry[T]{stamp: stamp, done: make(chan struct{})}
		c.entries[key] = e
		c.mu.Unlock()
		c.fill(key, e, compute)
		return e.val, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		if e.err != nil {
			// The computing request failed, perhaps only because its
			// client went away: this one tries for itself.
			return compute()
		}
		return e.val, e.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// fill computes e's value, lets waiters go (even if compute panics) and
// drops the entry again when it failed.
func (c *planCache[T]) fill(key planCacheKey, e *planCacheEntry[T], compute func() (T, error)) {
	defer func() {
		close(e.done)
		if e.err == nil {
			return
		}
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}()
	e.err = errPanicked
	e.val, e.err = compute()
}
