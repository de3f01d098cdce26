package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// asOfParam reads ?as-of=YYYY-MM-DD as the last second of that day, local
// time (a date counts in full); today's end when absent.
func (s *Server) asOfParam(r *http.Request) (time.Time, error) {
	v := strings.TrimSpace(r.URL.Query().Get("as-of"))
	if v == "" {
		return endOfDay(s.now()), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	if err != nil {
		return time.Time{}, respond.BadRequest(fmt.Sprintf("as-of %q: want a date like 2025-06-30", v))
	}
	return endOfDay(t), nil
}

// endOfDay returns the last second of t's day.
func endOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, t.Location())
}

// intParam reads an optional non-negative integer query parameter, at
// most max; def when absent.
func intParam(r *http.Request, name string, def, max int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, respond.BadRequest(fmt.Sprintf("%s %q: want a whole number from 0 to %d", name, v, max))
	}
	return n, nil
}

// notFound turns the store's ErrNotFound into a 404 problem naming what
// was asked for; other errors pass through.
func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return respond.NotFound(what+" not found", err)
	}
	return err
}
