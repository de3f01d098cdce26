package library

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"sync/atomic"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
)

// Counts are the library's running totals since the process started, for
// the server's metrics: what adding and refreshing documents did, failures
// by reason, and refreshes. They count every Library in the process.
type Counts struct {
	Outcomes  map[Status]int64 // by outcome of an input (added, unchanged, duplicate, failed…)
	Failures  map[string]int64 // failed inputs by ReasonClass
	Refreshes int64            // documents refreshed (counted in Outcomes too)
}

// The reason classes of failures, as ReasonClass names them.
const (
	ReasonForbidden  = "forbidden_address" // the fetcher refused a private or local address
	ReasonBadURL     = "bad_url"
	ReasonHTTPStatus = "http_status" // the server answered outside 2xx
	ReasonTimeout    = "timeout"
	ReasonNetwork    = "network" // DNS, refused or reset connections, TLS
	ReasonTooLarge   = "too_large"
	ReasonUnreadable = "unreadable" // empty, binary, encrypted, no text, malformed, unknown format
	ReasonNotFound   = "not_found"  // no such file or document
	ReasonOther      = "other"      // the database, a directory given as a file…
)

// reasons lists the classes in the order metrics print them.
var reasons = []string{ReasonForbidden, ReasonBadURL, ReasonHTTPStatus, ReasonTimeout, ReasonNetwork,
	ReasonTooLarge, ReasonUnreadable, ReasonNotFound, ReasonOther}

// outcomes lists the statuses in the order metrics print them.
var outcomes = []Status{Added, NewVersion, Unchanged, Duplicate, NearDuplicate, Failed}

// counters are process-wide: metrics describe the process, whichever
// Library (the server's, a scheduled job's) did the work.
var counters struct {
	outcomes  [6]atomic.Int64 // indexed as outcomes
	reasons   [9]atomic.Int64 // indexed as reasons
	refreshes atomic.Int64
}

// Counters returns the running totals.
func Counters() Counts {
	c := Counts{Outcomes: map[Status]int64{}, Failures: map[string]int64{}, Refreshes: counters.refreshes.Load()}
	for i, s := range outcomes {
		c.Outcomes[s] = counters.outcomes[i].Load()
	}
	for i, r := range reasons {
		c.Failures[r] = counters.reasons[i].Load()
	}
	return c
}

// Outcomes lists the outcome statuses, in a stable order for printing.
func Outcomes() []Status { return append([]Status(nil), outcomes...) }

// Reasons lists the failure reason classes, in a stable order for printing.
func Reasons() []string { return append([]string(nil), reasons...) }

// count adds one result to the totals and returns it.
func count(r Result) Result {
	for i, s := range outcomes {
		if s == r.Status {
			counters.outcomes[i].Add(1)
		}
	}
	if r.Status == Failed {
		class := ReasonClass(r.Err)
		for i, c := range reasons {
			if c == class {
				counters.reasons[i].Add(1)
			}
		}
	}
	return r
}

// ReasonClass sorts a failure into a few classes, coarse enough for a
// metric label and for an operator to know where to look.
func ReasonClass(err error) string {
	var netErr net.Error
	switch {
	case err == nil:
		return ReasonOther
	case errors.Is(err, ingest.ErrForbiddenAddress):
		return ReasonForbidden
	case errors.Is(err, ingest.ErrBadURL):
		return ReasonBadURL
	case errors.Is(err, ingest.ErrHTTPStatus):
		return ReasonHTTPStatus
	case errors.Is(err, ingest.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return ReasonTimeout
	case errors.Is(err, ingest.ErrTooLarge):
		return ReasonTooLarge
	case errors.Is(err, ingest.ErrEmpty), errors.Is(err, ingest.ErrBinary), errors.Is(err, ingest.ErrEncrypted),
		errors.Is(err, ingest.ErrNoText), errors.Is(err, ingest.ErrMalformed), errors.Is(err, ingest.ErrUnknownFmt):
		return ReasonUnreadable
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, store.ErrNotFound):
		return ReasonNotFound
	case errors.As(err, &netErr), errors.Is(err, ingest.ErrTooManyRedirects):
		return ReasonNetwork
	}
	return ReasonOther
}
