package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The audit log's page, its API and its export read the same filter and
// page through the log the same way; these are the shared steps.

// auditPageSize is how many entries a page of the audit log shows.
const auditPageSize = 50

// auditQuery is the audit log's filter as typed: who, action (exact, or a
// prefix ending in "." such as login.), from and to (days, local time,
// both included), the page (entries before seq), and whether to check
// the hash chain.
type auditQuery struct {
	Actor, Action, From, To string
	Before                  int64
	Limit                   int
	// Verify asks for the chain check (?verify=1). It reads the whole log
	// (about 0.6 s per 50,000 entries on SQLite), too slow for every page
	// and filter change, so it is done when asked.
	Verify bool
}

// parseAuditQuery reads ?actor=, ?action=, ?from=, ?to=, ?before=,
// ?limit= (the API's page size, at most 1000) and ?verify=1.
func parseAuditQuery(r *http.Request) (auditQuery, store.AuditFilter, error) {
	q := r.URL.Query()
	v := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	aq := auditQuery{Actor: v("actor"), Action: v("action"), From: v("from"), To: v("to"), Limit: auditPageSize,
		Verify: v("verify") == "1"}
	f := store.AuditFilter{ActorLogin: aq.Actor, Action: aq.Action}
	for _, d := range []struct {
		name, v string
		t       *time.Time
		next    bool
	}{{"from", aq.From, &f.Since, false}, {"to", aq.To, &f.Until, true}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.v, time.Local)
		if err != nil {
			return aq, f, respond.BadRequest(d.name + " " + d.v + ": want YYYY-MM-DD")
		}
		if d.next { // to is the last day included
			t = t.AddDate(0, 0, 1)
		}
		*d.t = t
	}
	if b := v("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 1 {
			return aq, f, respond.BadRequest("before " + b + ": want an entry number")
		}
		aq.Before, f.BeforeSeq = n, n
	}
	if l := v("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 1000 {
			return aq, f, respond.BadRequest("limit " + l + ": want 1 to 1000")
		}
		aq.Limit = n
	}
	f.Limit = aq.Limit
	return aq, f, nil
}

// url returns the log's path with the filter and, when before > 0, that
// page; export names the export's path and format instead.
func (aq auditQuery) url(path string, before int64, format string) string {
	q := url.Values{}
	for k, v := range map[string]string{"actor": aq.Actor, "action": aq.Action, "from": aq.From, "to": aq.To, "format": format} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// withVerify adds verify=1 to a local URL.
func withVerify(u string) string {
	if strings.Contains(u, "?") {
		return u + "&verify=1"
	}
	return u + "?verify=1"
}

// auditChain is the result of checking the log's hash chain.
type auditChain struct {
	Intact bool
	Head   store.AuditHead
	Broken string // what VerifyAudit found, when not intact
}

// verifyAudit checks the chain, and its head against the checkpoints (the
// stored ones and the server's file); a broken chain is a result, not an
// error.
func (s *Server) verifyAudit(ctx context.Context) (auditChain, error) {
	var anchors []store.AuditCheckpoint
	if file := s.opt.Settings.AuditCheckpoint; file != "" {
		cp, err := store.ReadAuditCheckpointFile(file)
		if err != nil {
			return auditChain{}, err
		}
		anchors = append(anchors, cp)
	}
	h, err := s.st.VerifyAudit(ctx, anchors...)
	if errors.Is(err, store.ErrAuditTampered) {
		return auditChain{Head: h, Broken: err.Error()}, nil
	}
	if err != nil {
		return auditChain{}, err
	}
	return auditChain{Intact: true, Head: h}, nil
}

// auditRequest is the preamble of the audit handlers: it answers 403
// unless the request's user may read the log, 400 for a bad filter, and
// reports whether the handler goes on.
func auditRequest(w http.ResponseWriter, r *http.Request) (auditQuery, store.AuditFilter, bool) {
	if !allowed(w, r, auth.ReadAudit) {
		return auditQuery{}, store.AuditFilter{}, false
	}
	aq, f, err := parseAuditQuery(r)
	if err != nil {
		respond.Error(w, r, err)
		return auditQuery{}, store.AuditFilter{}, false
	}
	return aq, f, true
}

// auditPage reads a page of at most limit entries the filter selects,
// newest first, and the seq to pass as before for the next (older) page:
// 0 on the last.
func (s *Server) auditPage(ctx context.Context, f store.AuditFilter, limit int) ([]store.AuditEntry, int64, error) {
	f.Limit = limit + 1 // one more tells whether there is a next page
	es, err := s.st.Audit(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if len(es) <= limit {
		return es, 0, nil
	}
	es = es[:limit]
	return es, es[len(es)-1].Seq, nil
}
