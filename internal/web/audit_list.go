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

// verifyAudit checks the chain; a broken chain is a result, not an error.
func (s *Server) verifyAudit(ctx context.Context) (auditChain, error) {
	h, err := s.st.VerifyAudit(ctx)
	if errors.Is(err, store.ErrAuditTampered) {
		return auditChain{Head: h, Broken: err.Error()}, nil
	}
	if err != nil {
		return auditChain{}, err
	}
	return auditChain{Intact: true, Head: h}, nil
}

// auditListPage is the audit log page's data.
type auditListPage struct {
	view
	Query     auditQuery
	Entries   []store.AuditEntry
	Chain     *auditChain // nil unless asked for
	VerifyURL string      // this page with the chain check
	NextURL   string      // the next (older) page; "" on the last
	CSVURL    string
	JSONURL   string
}

// auditList shows the audit log, newest first, filtered and a page at a
// time, with links to export what the filter selects and to check the
// hash chain (the result is shown when asked). Admins and auditors.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ReadAudit) {
		return
	}
	ctx := r.Context()
	aq, f, err := parseAuditQuery(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f.Limit = auditPageSize + 1 // one more tells whether there is a next page
	es, err := s.st.Audit(ctx, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := auditListPage{view: s.newView(r, translate(langFrom(ctx), "audit.title"), "audit"), Query: aq,
		CSVURL: aq.url("/admin/audit/export", 0, "csv"), JSONURL: aq.url("/admin/audit/export", 0, "jsonl"),
		VerifyURL: withVerify(aq.url("/admin/audit", aq.Before, ""))}
	if len(es) > auditPageSize {
		es = es[:auditPageSize]
		pg.NextURL = aq.url("/admin/audit", es[len(es)-1].Seq, "")
	}
	pg.Entries = es
	if aq.Verify {
		c, err := s.verifyAudit(ctx)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.Chain = &c
	}
	respond.HTML(w, r, http.StatusOK, s.pages["audit_list"], pg)
}
